package knowledge

import (
	"fmt"
	"liaison/internal/ascii"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// dateParts are what random date-like test text is made of.
var dateParts = []string{"1", "2", "12", "31", "123", "2019", "20190", "1st", "2nd", "3rd", "4th", "th", "st", " ", " ", " ", "  ",
	"\t", "\n", ",", ", ", ".", "-", "–", "—", "and", "to", "until", "of ", "of", "x", "_", "é", "January", "Jan", "Jan.", "June",
	"May", "may", "Mayor", "March", "Mar", "Marija", "September", "Sept", "Sept.", "Sep", "SEPT", "december", "Dec", "Nov.",
	"late", "Late", "early", "mid-", "mid", "MID", "in", "In", "IN", "today", "Today", "yesterday", "this", "last", "next",
	"previous", "week", "year", "summer", "fall", "winter", "month", "Month", "monthly", "last month", "on", "On", "since", "Monday", "monday", "FRIDAY", "Sundays", "sunday",
	"Wednesday", "this week", "last year", "on Monday", "x Tuesday", "12 March 2019", "March 12, 2019", "31st October – 1st November 2019",
	"23 and 24 May", "late June 2019", "in May", "early May", "mid may", "Late MAY", "Sept. 5th", "5 of June",
	"2019-07-19", "2019 07 19", "25.10.2017", "1.2.2019", "07", "-07-", " 07 ", "12.", ".2019", "-", "0", "20190 07 19", "5.6.20190",
	"2020 01 31", "2018 12 01 ", "12.10.2019", "3.4.2020", "1.12.2019x",
	"2021-03-04", "2019-07-19 ", "2017-10-25T"}

func randomDateText(rng *rand.Rand) string { return randomText(rng, dateParts, 14) }

// randomText joins random parts: at least one, and while j < 1+IntN(most)
// holds, drawn anew each time (so short texts are the likeliest).
func randomText(rng *rand.Rand, parts []string, most int) string {
	var b strings.Builder
	for j := 0; j < 1+rng.IntN(most); j++ {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}

// TestDateMatchersMatchRegexps checks each hand-written date matcher, run
// by findAllDates with others, against the regexp it stands for, on random
// date-like text.
func TestDateMatchersMatchRegexps(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	hits := make([]int, numDateMatchers)
	for i := 0; i < 40000; i++ {
		s := randomDateText(rng)
		// the matchers run together, a random set of them at a time
		active := uint16(rng.IntN(1 << numDateMatchers))
		if i%4 == 0 {
			active = 1<<numDateMatchers - 1
		}
		got := findAllDates(s, active)
		for k, m := range dateMatchers {
			var want [][]int
			if active&(1<<k) != 0 {
				want = m.re.FindAllStringSubmatchIndex(s, -1)
			}
			if fmt.Sprint(got[k]) != fmt.Sprint(want) {
				t.Fatalf("%s on %q:\n got %v\nwant %v", m.re, s, got[k], want)
			}
			if len(want) > 0 {
				hits[k]++
			}
		}
	}
	for k, n := range hits {
		if n < 300 {
			t.Errorf("%s matched only %d random texts", dateMatchers[k].re, n)
		}
	}
}

// TestFindDatesUnchanged checks findDates against the regexps it no
// longer runs, on random date-like text and two anchors.
func TestFindDatesUnchanged(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for i := 0; i < 20000; i++ {
		s := randomDateText(rng)
		if rng.IntN(20) == 0 {
			s += "ſ\u212a"
		}
		for _, a := range []Date{{}, {Year: 2020, Month: 1, Day: 15}} {
			got, want := findDates(s, a), findDatesWith(s, a, true, nil)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("findDates(%q, %v):\n got %v\nwant %v", s, a, got, want)
			}
		}
	}
}

// TestDateGatesExact checks the gates that dateGatesOf reads exactly.
func TestDateGatesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for i := 0; i < 20000; i++ {
		s := randomDateText(rng)
		g := dateGatesOf(s)
		if g.digit != ascii.HasDigit(s) || g.year4 != ascii.HasDigitRun(s, 4) || g.capMonth != hasCapMonth(s) {
			t.Fatalf("dateGatesOf(%q) = %+v", s, g)
		}
	}
}

// TestTokenDateGates checks that the date gates read from a sentence's
// tokens hold wherever dateGatesOf's do, and findDates with them.
func TestTokenDateGates(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	c := newPrepCache(nil)
	for i := 0; i < 20000; i++ {
		s := randomDateText(rng)
		if ascii.HasFoldRunes(s) {
			continue
		}
		_, f := sentenceTerms(nil, tokenizeInto(nil, s, c), c)
		g := f.dates()
		x := dateGatesOf(s)
		if x.digit && !g.digit || x.year4 && !g.year4 || x.capMonth && !g.capMonth || x.month && !g.month || x.rel && !g.rel || x.weekday && !g.weekday {
			t.Fatalf("gates of %q: from tokens %+v, dateGatesOf %+v", s, g, x)
		}
		a := Date{Year: 2020, Month: 1, Day: 15}
		if got, want := findDatesWith(s, a, false, &g), findDates(s, a); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDates(%q) with token gates = %v, want %v", s, got, want)
		}
	}
}

// TestDigitSeps checks digitSeps against the regexps of the digit shapes it
// stands for.
func TestDigitSeps(t *testing.T) {
	reISOShape, reDottedShape, reSpacedShape := regexp.MustCompile(`\d{4}-\d{2}`), regexp.MustCompile(`\d\.\d`), regexp.MustCompile(`\d{4} \d{2}`)
	parts := []string{"1", "2", "12", "2019", "0", "-", ".", " ", "a", "x1", "١", "--", ". ", "20"}
	rng := rand.New(rand.NewPCG(41, 42))
	for i := 0; i < 50000; i++ {
		s := randomText(rng, parts, 12)
		iso, dotted, spaced := digitSeps(s)
		if iso != reISOShape.MatchString(s) || dotted != reDottedShape.MatchString(s) || spaced != reSpacedShape.MatchString(s) {
			t.Fatalf("digitSeps(%q) = %v, %v, %v; want %v, %v, %v", s, iso, dotted, spaced,
				reISOShape.MatchString(s), reDottedShape.MatchString(s), reSpacedShape.MatchString(s))
		}
	}
}

// TestDateGateFlags checks that date gates turned into tokFlags and back
// are the same gates, for every combination, and leave the other flags
// clear.
func TestDateGateFlags(t *testing.T) {
	for m := 0; m < 1<<6; m++ {
		g := dateGates{digit: m&1 != 0, year4: m&2 != 0, capMonth: m&4 != 0, month: m&8 != 0, rel: m&16 != 0, weekday: m&32 != 0}
		f := g.flags()
		if f.dates() != g || f&(flagCue|flagNoun|flagTopic) != 0 {
			t.Errorf("%+v: flags %b give back %+v", g, f, f.dates())
		}
	}
}
