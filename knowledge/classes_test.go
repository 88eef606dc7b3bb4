package knowledge

import (
	"liaison/knowledge/lang"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The extraction classes: each case is a fictional release in
// testdata/classes, written in one of the house styles of the genre
// (ministry pages, agency copy, border-guard and customs news), and the
// facts a reader takes from it. A field left "" is not checked; "-" wants
// it empty, because a wrong fact is worse than a missing one.

type wantPerson struct {
	name    string // exactly as extracted
	country string
	office  string // every word of it in one title of the person's
}

type wantMeeting struct {
	with         string   // a participant's surname, or "" for a meeting matched by place
	place        string   // the places joined by "/", or "-"
	date         string   // Date.Human, or "-"
	participants []string // surnames, in any order; nil: not checked
}

type wantAgreement struct {
	name    string   // a part of the extracted name
	parties []string // in any order; nil: not checked
	signed  string   // Date.Human, or "-"
	status  string   // or "-"
}

type classCase struct {
	class      string // what the case covers
	file       string // in testdata/classes
	date       string // the release date as exported, or "-"
	people     []wantPerson
	notPeople  []string // no person's name holds these words
	nPeople    int      // how many people, when not 0
	meetings   []wantMeeting
	nMeetings  int // how many meetings, when not 0
	agreements []wantAgreement
	notAgreed  []string // no agreement's name holds these words
	nAgreed    int      // how many agreements, when not 0 (-1: none)
}

func checkField(t *testing.T, what, got, want string) {
	t.Helper()
	switch {
	case want == "":
	case want == "-" && got != "":
		t.Errorf("%s = %q, want none", what, got)
	case want != "-" && got != want:
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func surnameSet(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func runClassCase(t *testing.T, tc classCase) {
	raw, err := os.ReadFile(filepath.Join("testdata", "classes", tc.file))
	if err != nil {
		t.Fatal(err)
	}
	bl := NewBuilder()
	bl.Add(tc.file, raw)
	b := bl.Build()
	e := Export(b)
	checkField(t, "release date", e.Documents[0].Date, tc.date)
	for _, w := range tc.people {
		var p *ExportedPerson
		for i := range e.People {
			if e.People[i].Name == w.name {
				p = &e.People[i]
			}
		}
		if p == nil {
			var names []string
			for _, x := range e.People {
				names = append(names, x.Name)
			}
			t.Errorf("no person %q among %q", w.name, names)
			continue
		}
		checkField(t, w.name+": country", p.Country, w.country)
		if w.office != "" {
			ok := false
			var titles []string
			for _, o := range p.Offices {
				titles = append(titles, o.Title)
				if containsWords(o.Title, w.office) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: offices %q, want one holding %q", w.name, titles, w.office)
			}
		}
	}
	if tc.nPeople != 0 && len(e.People) != tc.nPeople {
		var names []string
		for _, x := range e.People {
			names = append(names, x.Name)
		}
		t.Errorf("people %q, want %d", names, tc.nPeople)
	}
	for _, n := range tc.notPeople {
		for _, p := range e.People {
			if containsWords(p.Name, n) {
				t.Errorf("person %q extracted (offices %+v)", p.Name, p.Offices)
			}
		}
	}
	if tc.nMeetings != 0 && len(e.Meetings) != tc.nMeetings {
		t.Errorf("%d meetings, want %d: %+v", len(e.Meetings), tc.nMeetings, e.Meetings)
	}
	used := map[int]bool{}
	for _, w := range tc.meetings {
		k := -1
		for i, m := range e.Meetings {
			if !used[i] && meetingMatches(m, w) {
				k = i
				break
			}
		}
		if k < 0 {
			t.Errorf("no meeting with %q in %q: %+v", w.with, w.place, e.Meetings)
			continue
		}
		used[k] = true
		m := e.Meetings[k]
		desc := "meeting with " + w.with + " in " + strings.Join(m.Places, "/")
		checkField(t, desc+": places", strings.Join(m.Places, "/"), w.place)
		checkField(t, desc+": date", m.Date, w.date)
		if w.participants != nil {
			var got []string
			for _, p := range m.Participants {
				got = append(got, lastWords(p, w.participants))
			}
			if !slices.Equal(surnameSet(got), surnameSet(w.participants)) {
				t.Errorf("%s: participants %q, want %q", desc, m.Participants, w.participants)
			}
		}
	}
	if want := max(tc.nAgreed, 0); tc.nAgreed != 0 && len(e.Agreements) != want {
		var names []string
		for _, a := range e.Agreements {
			names = append(names, a.Name)
		}
		t.Errorf("%d agreements %q, want %d", len(e.Agreements), names, want)
	}
	for _, w := range tc.agreements {
		k := slices.IndexFunc(e.Agreements, func(a ExportedAgreement) bool { return strings.Contains(a.Name, w.name) })
		if k < 0 {
			var names []string
			for _, a := range e.Agreements {
				names = append(names, a.Name)
			}
			t.Errorf("no agreement %q among %q", w.name, names)
			continue
		}
		a := e.Agreements[k]
		if w.parties != nil && !slices.Equal(surnameSet(a.Parties), surnameSet(w.parties)) {
			t.Errorf("%s: parties %q, want %q", a.Name, a.Parties, w.parties)
		}
		checkField(t, a.Name+": signed", a.Signed, w.signed)
		checkField(t, a.Name+": status", a.Status, w.status)
	}
	for _, n := range tc.notAgreed {
		for _, a := range e.Agreements {
			if strings.Contains(a.Name, n) {
				t.Errorf("agreement %q extracted", a.Name)
			}
		}
	}
}

// containsWords reports whether every word of want is a word of s.
func containsWords(s, want string) bool {
	have := map[string]bool{}
	for _, w := range lang.Words(lang.Fold(s)) {
		have[w] = true
	}
	for _, w := range lang.Words(lang.Fold(want)) {
		if !have[w] {
			return false
		}
	}
	return true
}

// lastWords returns the surname of wants that name ends with, or name.
func lastWords(name string, wants []string) string {
	for _, w := range wants {
		if strings.HasSuffix(lang.Fold(name), lang.Fold(w)) {
			return w
		}
	}
	return name
}

func meetingMatches(m ExportedMeeting, w wantMeeting) bool {
	if w.with == "" {
		return slices.Contains(m.Places, w.place)
	}
	for _, p := range m.Participants {
		if strings.HasSuffix(lang.Fold(p), lang.Fold(w.with)) {
			return true
		}
	}
	return false
}

func TestExtractionClasses(t *testing.T) {
	for _, tc := range classCases {
		t.Run(tc.class, func(t *testing.T) { runClassCase(t, tc) })
	}
}
