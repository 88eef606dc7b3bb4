package knowledge

import (
	"context"
	"fmt"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestIDListOps checks the sorted ID list operations against their
// definitions on random lists, long and short, overlapping or not.
func TestIDListOps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	list := func() []int {
		n, span := rng.IntN(60), 1+rng.IntN(400)
		var out []int
		for i := 0; i < n; i++ {
			out = append(out, rng.IntN(span))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for i := 0; i < 2000; i++ {
		ls := make([][]int, rng.IntN(5))
		for j := range ls {
			ls[j] = list()
		}
		var want []int
		for _, l := range ls {
			want = append(want, l...)
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if got := unionIDs(ls...); !slices.Equal(got, want) {
			t.Fatalf("unionIDs(%v) = %v, want %v", ls, got, want)
		}
		a, b := list(), list()
		var both []int
		for _, x := range a {
			if slices.Contains(b, x) {
				both = append(both, x)
			}
		}
		if got := intersectIDs(a, b); !slices.Equal(got, both) {
			t.Fatalf("intersectIDs(%v, %v) = %v, want %v", a, b, got, both)
		}
		if got := withinIDs(slices.Clone(a), b); !slices.Equal(got, both) {
			t.Fatalf("withinIDs(%v, %v) = %v, want %v", a, b, got, both)
		}
	}
}

// TestAgreementLookups checks AgreementsMatching and AgreementsNamed
// against a scan of every agreement of the real releases, for every
// party set of one to three and some years (with signatories and limits
// for AgreementsMatching), also with parties that have no bit (beyond the
// first 64), which are checked by their lists.
func TestAgreementLookups(t *testing.T) {
	b, _, err := LoadDir(context.Background(), "../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	var parties []string
	years := []int{0, 1871}
	signers := [][]int{nil, {-1}}
	for _, a := range b.Agreements {
		for _, p := range a.Parties {
			if !slices.Contains(parties, p) {
				parties = append(parties, p)
			}
		}
		years = append(years, a.Signed.Year, a.Expires.Year)
		if len(a.Signatories) > 0 {
			signers = append(signers, a.Signatories[:1], a.Signatories)
		}
	}
	if len(signers) < 6 {
		t.Fatalf("only %d agreements with signatories", (len(signers)-2)/2)
	}
	statuses := []string{"", "terminated", "no such status"}
	for _, a := range b.Agreements {
		if a.Status != "" && !slices.Contains(statuses, a.Status) {
			statuses = append(statuses, a.Status)
		}
	}
	if len(statuses) < 4 {
		t.Fatal("no agreement has a status other than terminated")
	}
	sets := [][]string{nil, {"Atlantis"}}
	for i, p := range parties {
		sets = append(sets, []string{p})
		for j, q := range parties[i+1:] {
			sets = append(sets, []string{p, q})
			for _, r := range parties[i+j+2:] {
				sets = append(sets, []string{p, q, r})
			}
		}
	}
	ids := func(as []*Agreement) string {
		var out []int
		for _, a := range as {
			out = append(out, a.ID)
		}
		return fmt.Sprint(out)
	}
	check := func(label string) {
		for _, ps := range sets {
			for _, ys := range [][]int{nil, years[:1], years[1:2], years[2:5], {1871, years[2], years[4]}, years} {
				// a's parties include all of ps, and it was signed or
				// expires in one of ys (any year when none)
				partiesYears := func(a *Agreement) bool {
					ok := true
					for _, p := range ps {
						ok = ok && slices.Contains(a.Parties, p)
					}
					return ok && (len(ys) == 0 || slices.Contains(ys, a.Signed.Year) || slices.Contains(ys, a.Expires.Year))
				}
				var want []*Agreement
				for _, a := range b.Agreements {
					if partiesYears(a) {
						want = append(want, a)
					}
				}
				for _, ss := range signers {
					for _, st := range statuses {
						var want []*Agreement
						for _, a := range b.Agreements {
							ok := partiesYears(a) && (st == "" || a.Status == st)
							for _, id := range ss {
								ok = ok && slices.Contains(a.Signatories, id)
							}
							if ok {
								want = append(want, a)
							}
						}
						for _, limit := range []int{-1, 0, 1, 3, len(b.Agreements)} {
							first := want[:min(len(want), max(limit, 0))]
							if got, n := b.AgreementsMatching(ps, ss, ys, st, limit); ids(got) != ids(first) || n != len(want) {
								t.Errorf("%s: AgreementsMatching(%v, %v, %v, %q, %d) = %s, %d; want %s, %d", label, ps, ss, ys, st, limit, ids(got), n, ids(first), len(want))
							}
						}
					}
				}
				for _, named := range b.Agreements {
					terms := append(lang.Terms(named.Name), "between", "signed")
					var want []*Agreement
					for _, a := range b.Agreements {
						if len(ps) == 0 || !allIn(lang.Terms(a.Name), terms) || len(lang.Terms(a.Name)) == 0 {
							continue
						}
						if partiesYears(a) {
							want = append(want, a)
						}
					}
					if got := b.AgreementsNamed(terms, ps, ys); ids(got) != ids(want) {
						t.Errorf("%s: AgreementsNamed(%v, %v, %v) = %s, want %s", label, terms, ps, ys, ids(got), ids(want))
					}
				}
			}
		}
	}
	if len(parties) < 3 {
		t.Fatalf("only %d parties", len(parties))
	}
	check("with bits")
	delete(b.look.partyBit, parties[0])
	delete(b.look.partyBit, parties[2])
	check("some without bits")
}

// TestMeetingsWhere checks MeetingsWhere against a scan of every meeting
// of the real releases, and of random meetings of a few people (who meet
// often), sorted by date, for people, places, countries and years they
// name, alone and together.
func TestMeetingsWhere(t *testing.T) {
	real, _, err := LoadDir(context.Background(), "../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	random := &Base{}
	rng := rand.New(rand.NewPCG(7, 8))
	places := []Place{{Name: "Helsinki", Country: "Finland"}, {Name: "Turku", Country: "Finland"},
		{Name: "Narva", Country: "Estonia"}, {Name: "Estonia", Country: "Estonia"}, {Name: "St. Petersburg", Country: "Russia"}}
	for i := 0; i < 12; i++ {
		random.Docs = append(random.Docs, &Document{Date: dates.Date{Year: 2010 + rng.IntN(4), Month: rng.IntN(13)}})
	}
	for i := 0; i < 120; i++ {
		m := &Meeting{ID: i, Doc: rng.IntN(len(random.Docs)), Participants: []int{rng.IntN(3)}}
		if rng.IntN(3) > 0 {
			m.Date = dates.Date{Year: 2010 + rng.IntN(4), Month: rng.IntN(13), Day: rng.IntN(29)}
		}
		for _, id := range []int{3 + rng.IntN(4), rng.IntN(3)} {
			if !slices.Contains(m.Participants, id) && rng.IntN(4) > 0 {
				m.Participants = append(m.Participants, id)
			}
		}
		for j := 0; j < rng.IntN(3); j++ {
			m.Places = append(m.Places, places[rng.IntN(len(places))])
		}
		random.Meetings = append(random.Meetings, m)
	}
	random.buildLookups()
	for name, b := range map[string]*Base{"real": real, "random": random} {
		t.Run(name, func(t *testing.T) { checkMeetingsWhere(t, b) })
	}
}

func checkMeetingsWhere(t *testing.T, b *Base) {
	countryOfPlace := func(b *Base, p string) string {
		for _, m := range b.Meetings {
			for _, pl := range m.Places {
				if pl.Name == p || lang.Fold(pl.Name) == p {
					return pl.Country
				}
			}
		}
		return ""
	}
	var places, countries []string
	var years []int
	peoples := [][]int{nil, {-1}}
	for _, m := range b.Meetings {
		if len(m.Participants) > 1 && len(peoples) < 12 {
			peoples = append(peoples, m.Participants[:1], m.Participants[:2], m.Participants)
		}
		for _, pl := range m.Places {
			places = append(places, pl.Name, lang.Fold(pl.Name))
			countries = append(countries, pl.Country)
		}
		years = append(years, m.Date.Year, b.Docs[m.Doc].Date.Year)
	}
	if len(places) < 4 {
		t.Fatalf("only %d places", len(places))
	}
	// someone of several meetings with someone of one of them
	for _, m := range b.Meetings {
		for _, id := range m.Participants {
			if len(b.MeetingsOf(id)) > 1 {
				for _, other := range m.Participants {
					if other != id && len(b.MeetingsOf(other)) < len(b.MeetingsOf(id)) {
						peoples = append(peoples, []int{id, other}, []int{other, id})
					}
				}
			}
		}
		if len(peoples) > 20 {
			break
		}
	}
	yearOf := func(m *Meeting) int {
		if m.Date.Year != 0 {
			return m.Date.Year
		}
		return b.Docs[m.Doc].Date.Year
	}
	// date order: the ISO text of the date, or of the release's date
	iso := func(m *Meeting) string { return meetingISO(b, m) }
	byDate := slices.Clone(b.Meetings)
	slices.SortStableFunc(byDate, func(x, y *Meeting) int { return strings.Compare(iso(x), iso(y)) })
	if slices.Equal(byDate, b.Meetings) {
		t.Fatal("the meetings are in date order already")
	}
	ids := func(ms []*Meeting) string {
		var out []int
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return fmt.Sprint(out)
	}
	// two places of other names and countries, and a country as a place
	other := slices.IndexFunc(places, func(p string) bool {
		return PlaceKey(p) != PlaceKey(places[0]) && !slices.Contains(countries[:1], p) && countryOfPlace(b, p) != countries[0]
	})
	if other < 0 {
		t.Fatal("the meetings are all in one country")
	}
	two := []string{places[0], places[other]}
	filtered := 0 // people and a place or year met
	for _, ps := range [][]string{nil, places[:1], places[1:2], places[:4], two, {countries[0]}, {"Atlantis"}} {
		for _, cs := range [][]string{nil, countries[:1], countries[:3], {countryOfPlace(b, places[other])}, places[:1]} {
			for _, ys := range [][]int{nil, years[:1], years[:3], {1871}} {
				for _, people := range peoples {
					var want []*Meeting
					for _, m := range byDate {
						ok := len(ps)+len(cs) == 0
						for _, pl := range m.Places {
							for _, p := range ps {
								ok = ok || PlaceKey(pl.Name) == PlaceKey(p) || pl.Country == p
							}
							for _, c := range cs {
								ok = ok || pl.Country == c || pl.Name == c
							}
						}
						for _, id := range people {
							ok = ok && slices.Contains(m.Participants, id)
						}
						if ok && (len(ys) == 0 || slices.Contains(ys, yearOf(m))) {
							want = append(want, m)
						}
					}
					if len(people) > 0 && len(ps)+len(cs)+len(ys) > 0 && len(want) > 0 {
						filtered++
					}
					l := b.MeetingsWhere(people, ps, cs, ys)
					var at []*Meeting
					for i := 0; i < l.Len(); i++ {
						at = append(at, l.At(i))
					}
					if got := l.Slice(); ids(got) != ids(want) || ids(at) != ids(want) {
						t.Errorf("MeetingsWhere(%v, %q, %q, %v) = %s (At %s), want %s", people, ps, cs, ys, ids(got), ids(at), ids(want))
					}
				}
			}
		}
	}
	if filtered < 10 {
		t.Errorf("only %d cases of people in a place or year that met", filtered)
	}
}

// TestMeetingsByDate checks the date order of meetings, and SortMeetings
// on shuffled subsets, against a stable sort in ID order by the ISO text
// of their dates (or of their releases' when undated), also when some
// dates do not fit the numbers that stand for that text.
func TestMeetingsByDate(t *testing.T) {
	dates := []dates.Date{{}, {Year: 2015}, {Year: 2015, Month: 6}, {Year: 2015, Month: 6, Day: 3},
		{Year: 2015, Month: 12, Day: 31}, {Year: 2015, Day: 9}, {Year: 999, Month: 1}, {Year: 2016, Month: 1, Day: 1},
		{Month: 5}, {Year: 10000}, {Year: 12000, Month: 1}, {Year: -5}, {Year: 2015, Month: 100}, {Year: 2014, Month: 2, Day: 30}}
	rng := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 300; round++ {
		ds := dates
		if round%2 == 0 {
			ds = dates[:9] // all fit
		}
		b := &Base{}
		for i := 0; i < 1+rng.IntN(8); i++ {
			b.Docs = append(b.Docs, &Document{Date: ds[rng.IntN(len(ds))]})
		}
		for i := 0; i < 1+rng.IntN(16); i++ {
			b.Meetings = append(b.Meetings, &Meeting{ID: i, Doc: rng.IntN(len(b.Docs)), Date: ds[rng.IntN(len(ds))]})
		}
		iso := func(m *Meeting) string { return meetingISO(b, m) }
		want := slices.Clone(b.Meetings)
		slices.SortStableFunc(want, func(x, y *Meeting) int { return strings.Compare(iso(x), iso(y)) })
		var wantIDs []int
		for _, m := range want {
			wantIDs = append(wantIDs, m.ID)
		}
		if got := b.meetingsByDate(); !slices.Equal(got, wantIDs) {
			t.Fatalf("round %d: %v, want %v", round, got, wantIDs)
		}
		b.buildLookups()
		var sub []*Meeting
		for _, m := range want {
			if rng.IntN(3) > 0 {
				sub = append(sub, m)
			}
		}
		got := slices.Clone(sub)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		if b.SortMeetings(got); !slices.Equal(got, sub) {
			t.Fatalf("round %d: SortMeetings gave %v, want %v", round, meetingIDs(got), meetingIDs(sub))
		}
	}
}

func meetingIDs(ms []*Meeting) []int {
	var out []int
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

// meetingISO is the ISO text of m's date, or of its release's date when it
// has none: the date order of meetings.
func meetingISO(b *Base, m *Meeting) string {
	if m.Date.IsZero() {
		return b.Docs[m.Doc].Date.ISO()
	}
	return m.Date.ISO()
}
