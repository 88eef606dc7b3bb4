package knowledge

import (
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRelease feeds arbitrary bytes to the release parser and the fact
// extractor: nothing may panic, and every fact must point at a sentence
// of the release.
func FuzzRelease(f *testing.F) {
	f.Add([]byte("Ministers meet in Oslo\n\nPublication date 3.3.2022\n\nNorwegian Minister of Justice Ola Sample met Finnish Minister of the Interior Maria Example in Oslo on 3 March."))
	f.Add([]byte(" date 2020-01-01 Today in Stockholm, a meeting was held between the Minister of Internal Affairs of the Russian Federation, General of the Police Ivan Example, and the Minister for Home Affairs of the Kingdom of Sweden, Sven Sample."))
	f.Add([]byte("<html><title>x</title><p>On 31st October – 1st November 2019 the Council met in Berlin.<script>alert(1)</script>"))
	f.Add([]byte("Moscow, 12 April 2018 – Colonel General A B held consultations with Chief of Police C D of the Norwegian Police Directorate. The parties signed a protocol, which replaces the protocol of 1998."))
	f.Add([]byte("\xff\xfe\x00bin"))
	f.Add([]byte("Last year, Finland and Russia signed a Memorandum of Understanding. The agreement is set to expire on January 24, 2024, with the initiator of the termination being Russia."))
	f.Fuzz(func(t *testing.T, raw []byte) {
		b := NewBuilder()
		b.Add("fuzz.txt", raw)
		b.Add("fuzz.html", raw)
		base := b.Build()
		for _, s := range base.Sentences {
			if !utf8.ValidString(s.Text) {
				t.Fatalf("invalid UTF-8 in a sentence: %q", s.Text)
			}
		}
		check := func(what string, s int) {
			if s < 0 || s >= len(base.Sentences) {
				t.Fatalf("%s points at sentence %d of %d", what, s, len(base.Sentences))
			}
		}
		for _, m := range base.Meetings {
			check("meeting", m.Anchor)
			for _, p := range m.Participants {
				if p < 0 || p >= len(base.People) {
					t.Fatalf("meeting participant %d of %d", p, len(base.People))
				}
			}
		}
		for _, p := range base.People {
			if strings.TrimSpace(p.Name) == "" {
				t.Fatal("a person without a name")
			}
			for _, o := range p.Offices {
				check("office", o.Evidence)
			}
		}
		for _, a := range base.Agreements {
			for _, s := range a.Sentences {
				check("agreement", s)
			}
		}
		_ = Report(base)
		base.Search(lang.Terms(string(raw)), 3)
	})
}

// FuzzDates checks that date reading never panics and yields valid dates.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"on 25 October", "31st October – 1st November 2019", "23 and 24 May", "last summer", "On Tuesday", "2019 07 19", "99.99.9999", "February 31, 2020"} {
		f.Add(s, 2017, 10, 25)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		anchor := dates.Date{Year: y % 3000, Month: abs(m) % 13, Day: abs(d) % 32}
		if !anchor.Valid() {
			anchor = dates.Date{}
		}
		for _, x := range dates.Find(s, anchor) {
			if x.Month < 0 || x.Month > 12 || x.Day < 0 || x.Day > 31 {
				t.Fatalf("invalid date %+v from %q", x.Date, s)
			}
			_ = x.Human() + x.ISO()
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
