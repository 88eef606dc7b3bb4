package knowledge

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"liaison/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Häkkänen": "hakkanen", "Ģirģens": "girgens", "Misiūnas": "misiunas", "Tromsø": "tromso",
		"Helanterä": "helantera", "plain": "plain", "Günter": "gunter",
	} {
		if got := lang.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"One sentence. Another one.", 2},
		{"Mr Orpo met Dr. Smith. Then they left.", 2},
		{"Head of Media Relations V.I. Markin said so. Next.", 2},
		{"It began in St. Petersburg today. The end.", 2},
		{"\"It works,\" he said. Done.", 2},
		{"No terminal punctuation", 1},
	}
	for _, tt := range tests {
		if got := lang.SplitSentences(tt.in); len(got) != tt.want {
			t.Errorf("SplitSentences(%q) = %q, want %d sentences", tt.in, got, tt.want)
		}
	}
}

func TestFindDates(t *testing.T) {
	pub := dates.Date{Year: 2017, Month: 10, Day: 25}
	tests := []struct {
		in     string
		anchor dates.Date
		want   string // ISO of the first date, or Human when the year is unknown
	}{
		{"met in Helsinki on 25 October.", pub, "2017-10-25"},
		{"Last year, Finland and Russia signed a Memorandum.", pub, "2016"},
		{"held in Murmansk last summer.", pub, "2017"},
		{"On Wednesday, September 25, 2019 the meeting took place.", dates.Date{}, "2019-09-25"},
		{"Publication date 25.10.2017 15.42", dates.Date{}, "2017-10-25"},
		{"date 2020-01-01 Today in Stockholm", dates.Date{}, "2020-01-01"},
		{"2019 07 19", dates.Date{}, "2019-07-19"},
		{"set to expire on January 24, 2024.", dates.Date{}, "2024-01-24"},
		{"signed in September 2011.", dates.Date{}, "2011-09"},
		{"concluded in 1993 and", dates.Date{}, "1993"},
		{"On 31st October – 1st November 2019 the Ministry hosted", dates.Date{}, "2019-10-31"},
		{"met in Riga on 23 and 24 May.", dates.Date{Year: 2024, Month: 5, Day: 24}, "2024-05-23"},
		{"signed the agreement in Tornio on Tuesday 19 October.", dates.Date{Year: 2021, Month: 10, Day: 19}, "2021-10-19"},
		{"on 24 November to inform on the decision of 22 November 2023", dates.Date{}, "2023-11-24"},
		{"On Tuesday the ministers met.", dates.Date{Year: 2019, Month: 5, Day: 16}, "2019-05-14"},
		{"until December 13.", dates.Date{}, "13 December"},
		{"tel. +358 50 342 2825", dates.Date{}, ""},
		{"The lane was opened last month.", pub, "2017-09"},
		{"The lane was opened last month.", dates.Date{Year: 2018, Month: 1, Day: 5}, "2017-12"},
		{"It opens next month.", dates.Date{Year: 2018, Month: 12}, "2019-01"},
		{"It opened this month.", pub, "2017-10"},
		{"It opened in the previous month.", pub, "2017-09"},
		{"It opened last month.", dates.Date{Year: 2018}, ""},
		{"It opened last monthly.", pub, ""},
	}
	for _, tt := range tests {
		ds := dates.Find(tt.in, tt.anchor)
		got := ""
		if len(ds) > 0 {
			got = ds[0].ISO()
			if got == "" {
				got = ds[0].Human()
			}
		}
		if got != tt.want {
			t.Errorf("findDates(%q) first = %q, want %q (all %+v)", tt.in, got, tt.want, ds)
		}
	}
}

func TestFindPeople(t *testing.T) {
	tests := []struct {
		in      string
		name    string
		office  string
		country string
	}{
		{"Finnish Minister of the Interior Paula Risikko met with her counterpart.", "Paula Risikko", "Finnish Minister of the Interior", "Finland"},
		{"Minister of Justice Antti Häkkänen met Minister of Justice of the Russian Federation Alexander Konovalov in Moscow.", "Alexander Konovalov", "Minister of Justice of the Russian Federation", "Russia"},
		{"the Chief of the MIA of Russia Administration for the Murmansk Region Vitaly Zaikov briefly introduced", "Vitaly Zaikov", "Chief of the MIA of Russia Administration for the Murmansk Region", "Russia"},
		{"a meeting was held between X and the Minister for Home Affairs of the Kingdom of Sweden, Mikael Damberg.", "Mikael Damberg", "Minister for Home Affairs of the Kingdom of Sweden", "Sweden"},
		{"attended by the co-chairmen: Tommi Kivilaakso, the head of Finland's Eastern Customs Sector, and others.", "Tommi Kivilaakso", "head of Finland's Eastern Customs Sector", "Finland"},
		{"Katarine Lindstedt, Senior Specialist, tel. +358 50 342 2825", "Katarine Lindstedt", "Senior Specialist", ""},
		{"under the patronage of the Parliamentary State Secretary Prof Dr Günter Krings.", "Günter Krings", "Parliamentary State Secretary", ""},
		{"Finland’s Ambassador to Moscow Antti Helanterä visited the Ministry.", "Antti Helanterä", "Finland’s Ambassador to Moscow", "Finland"},
		{"Head of Media Relations V.I. Markin", "V.I. Markin", "Head of Media Relations", ""},
		{"Finnish Minister of the Interior Maria Example met colleagues.", "Maria Example", "Finnish Minister of the Interior", "Finland"},
		{"Chief of Police Anna Long said so.", "Anna Long", "Chief of Police", ""},
		// the office names no country; the counterpart it stands for does
		{"Minister Maria Example met with her Latvian counterpart, Chief of the State Police Janis Paraugs, in Riga.", "Janis Paraugs", "Chief of the State Police", "Latvia"},
		{"He met his Estonian colleague, Director General Kalle Naidis.", "Kalle Naidis", "Director General", "Estonia"},
		{"They met the counterpart, Chief of the State Police Janis Paraugs.", "Janis Paraugs", "Chief of the State Police", ""},
	}
	for _, tt := range tests {
		var got *personFind
		fs := findPeople(tt.in)
		for i := range fs {
			if fs[i].name == tt.name {
				got = &fs[i]
			}
		}
		if got == nil {
			t.Errorf("findPeople(%q): %q not found in %+v", tt.in, tt.name, fs)
			continue
		}
		if got.office != tt.office || got.country != tt.country {
			t.Errorf("findPeople(%q) %s: office %q country %q, want %q %q", tt.in, tt.name, got.office, got.country, tt.office, tt.country)
		}
	}
	// words that are not people
	for _, s := range []string{
		"the Group of Personal Representatives of the Heads of Governments of the Council of the Baltic Sea States",
		"the head of the North-West Customs Office.",
		"Today in Stockholm, a meeting was held.",
	} {
		if fs := findPeople(s); len(fs) > 0 {
			t.Errorf("findPeople(%q) = %+v, want none", s, fs)
		}
	}
}

func TestFindPlaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"met in Latvia's capital, Riga, on 23 and 24 May.", "Riga"},
		{"continued in the Central Criminal Police in the city of Vantaa where", "Vantaa"},
		{"met in Petrozavodsk, Russia on 14 May 2019.", "Petrozavodsk"},
		{"has begun in St. Petersburg today.", "St. Petersburg"},
		{"took place in the Finnish Police Main Department in Helsinki.", "Helsinki"},
		{"the number of foreign prisoners in Finnish prisons", ""},
	}
	for _, tt := range tests {
		got := ""
		if ps := findPlaces(tt.in, false); len(ps) > 0 {
			got = ps[0].Name
		}
		if got != tt.want {
			t.Errorf("findPlaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBadReleasesAreSkippedOrWarned(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("Ministers meet in Oslo\n\nFinnish Minister of the Interior Maria Example met Norwegian Minister of Justice Ola Sample in Oslo on 3 March 2022.\n"))
	write("empty.txt", nil)
	write("blank.md", []byte("   \n\n  "))
	write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3, 0, 0})
	write("latin1.txt", []byte("Ministers meet\n\nThe Minister of Justice J\xf6rg Beispiel met colleagues in Berlin on 4 May 2021.\n"))
	huge := bytes.Repeat([]byte("The meeting discussed cross-border crime at length. "), 10<<20/52)
	write("huge.txt", huge)
	write("soup.html", []byte(`<html><head><title>Police chiefs meet in Tallinn</title><script>var x="<p>not text</p>";</script></head>
<body><nav>Skip to content | Home | News</nav><p>Estonian Minister of the Interior Kalle Example met Latvian colleagues in Tallinn on 5 June 2020.<div>Unclosed <b>bold<p>More &amp; more text.</body>`))
	write("notes.csv", []byte("not,a,release"))
	b, warns, err := LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	joined := ""
	for _, w := range warns {
		joined += w.String() + "\n"
	}
	// LoadDir reads with system calls of its own on Linux: it must read
	// and warn as LoadFS does through os.DirFS
	_, fsWarns, err := LoadFS(context.Background(), os.DirFS(dir))
	if err != nil || !slices.Equal(fsWarns, warns) {
		t.Errorf("LoadFS warned %v, %v; LoadDir %v", fsWarns, err, warns)
	}
	for _, want := range []string{"empty.txt: skipped", "blank.md: skipped", "binary.txt: skipped: release is not text", "latin1.txt: not UTF-8", "huge.txt: longer than"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	files := map[string]*Document{}
	for _, d := range b.Docs {
		files[d.File] = d
	}
	for _, f := range []string{"good.txt", "latin1.txt", "huge.txt", "soup.html"} {
		if files[f] == nil {
			t.Errorf("%s was not loaded", f)
		}
	}
	if files["notes.csv"] != nil {
		t.Error("a .csv file was read as a release")
	}
	if d := files["soup.html"]; d != nil {
		if d.Title != "Police chiefs meet in Tallinn" {
			t.Errorf("HTML title = %q", d.Title)
		}
		for _, s := range d.Sentences {
			if strings.Contains(b.Sentences[s].Text, "not text") || strings.Contains(b.Sentences[s].Text, "Skip to content") {
				t.Errorf("HTML chrome kept: %q", b.Sentences[s].Text)
			}
		}
	}
	if len(b.PeopleByAlias("jorg beispiel")) != 1 {
		t.Error("a person in a Latin-1 release was not found")
	}
	if ms := b.Meetings; len(ms) == 0 {
		t.Error("no meetings found in the good releases")
	}
}

func TestEmptyCorpus(t *testing.T) {
	if _, _, err := LoadDir(context.Background(), t.TempDir()); err == nil {
		t.Fatal("an empty folder loaded without error")
	}
	if _, _, err := LoadDir(context.Background(), filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("a missing folder loaded without error")
	}
}

// TestFactsGolden pins what is extracted from the built-in corpus; run
// with -update after a deliberate change and review the diff.
func TestFactsGolden(t *testing.T) {
	b, warns, err := LoadFS(context.Background(), corpus.FS)
	if err != nil || len(warns) > 0 {
		t.Fatalf("built-in corpus: %v %v", err, warns)
	}
	got := Report(b)
	golden := filepath.Join("testdata", "facts.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("facts differ from %s (run go test ./knowledge -run Golden -update and review the diff)\n%s", golden, firstDiff(string(want), got))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	return s
}

// TestBuiltinFacts checks the facts the user's corpus is about.
func TestBuiltinFacts(t *testing.T) {
	b, _, err := LoadFS(context.Background(), corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := b.PeopleByAlias("hakkanen")
	if len(p) != 1 || p[0].Name != "Antti Häkkänen" || p[0].Country != "Finland" {
		t.Fatalf("Häkkänen = %+v", p)
	}
	ms := b.MeetingsOf(b.PeopleByAlias("risikko")[0].ID)
	if len(ms) != 1 || ms[0].Date.ISO() != "2017-10-25" || ms[0].Places[0].Name != "Helsinki" {
		t.Fatalf("Risikko's meetings = %+v", ms)
	}
	var mou *Agreement
	for _, a := range b.Agreements {
		if strings.HasPrefix(a.Name, "Memorandum") {
			mou = a
		}
	}
	if mou == nil || mou.Signed.ISO() != "2016" || !mou.Signed.Relative {
		t.Fatalf("memorandum = %+v", mou)
	}
}

func TestEntryIntoForceIsNotASigning(t *testing.T) {
	b := NewBuilder()
	b.Add("r.txt", []byte("Treaty news\n\nPublication date 2.6.2021\n\nThe agreement between Finland and Estonia on police cooperation was signed in Tallinn on 15 February 2021. The agreement entered into force on 1 May 2021.\n"))
	base := b.Build()
	if len(base.Agreements) != 1 {
		t.Fatalf("agreements = %+v", base.Agreements)
	}
	a := base.Agreements[0]
	if a.Signed.ISO() != "2021-02-15" || a.InForce.ISO() != "2021-05-01" {
		t.Errorf("signed %s, in force %s", a.Signed.ISO(), a.InForce.ISO())
	}
}

// TestPartiesFromSignatories checks that an agreement naming no parties
// takes the countries of the people of two countries who signed it, and
// that people of one country make no parties.
func TestPartiesFromSignatories(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"Finnish Minister of the Interior Maria Example met with her Latvian counterpart, Chief of the State Police Janis Paraugs, in Espoo on 23 June 2018.\n\nDuring the meeting, Minister Example and Janis Paraugs signed a cooperation plan on mutual assistance in customs matters.\n", "[Finland Latvia]"},
		{"Finnish Minister of the Interior Maria Example met Finnish Police Commissioner Kalle Naidis in Espoo on 23 June 2018.\n\nDuring the meeting, Minister Example and Kalle Naidis signed a cooperation plan on mutual assistance in customs matters.\n", "[]"},
	}
	for _, tt := range tests {
		b := NewBuilder()
		b.Add("r.txt", []byte("Ministers meet\n\nPublication date 23.6.2018\n\n"+tt.text))
		base := b.Build()
		if len(base.Agreements) != 1 || len(base.Agreements[0].Signatories) != 2 {
			t.Fatalf("agreements = %+v", base.Agreements)
		}
		if got := fmt.Sprint(base.Agreements[0].Parties); got != tt.want {
			t.Errorf("parties %s, want %s", got, tt.want)
		}
	}
}

// TestSurnameAloneIsTheFirstNamed checks that a surname shared by two
// people named in full in a release goes to the one named first, on
// every build (it used to follow map order).
func TestSurnameAloneIsTheFirstNamed(t *testing.T) {
	text := "Ministers meet\n\nPublication date 23.6.2018\n\n" +
		"Minister of the Interior Maria Example met Police Commissioner Anna Paraugs and Director General Janis Paraugs in Espoo on 23 June 2018.\n\n" +
		"Latvian Minister Paraugs presented the plan.\n"
	for range 20 {
		b := NewBuilder()
		b.Add("r.txt", []byte(text))
		base := b.Build()
		var got []string
		for _, p := range base.People {
			got = append(got, p.Name+":"+p.Country)
		}
		if want := "[Maria Example: Anna Paraugs:Latvia Janis Paraugs:]"; fmt.Sprint(got) != want {
			t.Fatalf("people %v, want %s", got, want)
		}
	}
}

// TestGazetteerSpelling checks that a place the releases do not name is
// spelt the same on every build (it used to follow map order).
func TestGazetteerSpelling(t *testing.T) {
	for range 20 {
		b := NewBuilder()
		b.Add("r.txt", []byte("Ministers meet\n\nPublication date 23.6.2018\n\nThe ministers met in Espoo on 23 June 2018.\n"))
		if got := b.Build().Place(PlaceKey("Saint Petersburg")); got != "St Petersburg" {
			t.Fatalf("Place(st petersburg) = %q, want St Petersburg", got)
		}
	}
}

// TestRoleMentions checks that a role reference ("the Russian Minister")
// mentions the one person of the release whose country and office fit it,
// and nobody when none or several do.
func TestRoleMentions(t *testing.T) {
	text := "Date 5.5.2021\n\nMinisters meet in Helsinki\n\n" +
		"Minister of the Interior of Finland Aino Testinen met Minister of Internal Affairs of the Russian Federation Ivan Primerov in Helsinki on 5 May 2021. " +
		"The Russian Minister thanked the hosts. The Finnish Minister spoke of border crossings. " +
		"The Chairman closed the session. The Minister left on Friday.\n"
	bl := NewBuilder()
	bl.Add("roles.txt", []byte(text))
	b := bl.Build()
	want := map[string]string{
		"The Russian Minister thanked the hosts.":         "Ivan Primerov",
		"The Finnish Minister spoke of border crossings.": "Aino Testinen",
		"The Chairman closed the session.":                "", // no such office
		"The Minister left on Friday.":                    "", // both are ministers
	}
	seen := 0
	for id, s := range b.Sentences {
		name, ok := want[s.Text]
		if !ok {
			continue
		}
		seen++
		var got []string
		for _, p := range b.PeopleIn(id) {
			got = append(got, p.Name)
		}
		if name == "" && len(got) > 0 || name != "" && !slices.Equal(got, []string{name}) {
			t.Errorf("%q mentions %q, want %q", s.Text, got, name)
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d of the %d sentences: %+v", seen, len(want), b.Sentences)
	}
}
