package dates

import (
	"fmt"
	"liaison/internal/ascii"
	"liaison/internal/randtext"
	"math/rand/v2"
	"reflect"
	"regexp"
	"testing"
)

// TestDateMatchersMatchRegexps checks each hand-written date matcher, run
// by findAllDates with others, against the regexp it stands for, on random
// date-like text.
func TestDateMatchersMatchRegexps(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	hits := make([]int, numDateMatchers)
	for i := 0; i < 40000; i++ {
		s := randtext.Dates(rng)
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
		s := randtext.Dates(rng)
		if rng.IntN(20) == 0 {
			s += "ſ\u212a"
		}
		for _, a := range []Date{{}, {Year: 2020, Month: 1, Day: 15}} {
			got, want := Find(s, a), FindWith(s, a, true, nil)
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
		s := randtext.Dates(rng)
		g := GatesOf(s)
		if g.Digit != ascii.HasDigit(s) || g.Year4 != ascii.HasDigitRun(s, 4) || g.CapMonth != hasCapMonth(s) {
			t.Fatalf("dateGatesOf(%q) = %+v", s, g)
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
		s := randtext.Join(rng, parts, 12)
		iso, dotted, spaced := digitSeps(s)
		if iso != reISOShape.MatchString(s) || dotted != reDottedShape.MatchString(s) || spaced != reSpacedShape.MatchString(s) {
			t.Fatalf("digitSeps(%q) = %v, %v, %v; want %v, %v, %v", s, iso, dotted, spaced,
				reISOShape.MatchString(s), reDottedShape.MatchString(s), reSpacedShape.MatchString(s))
		}
	}
}

// findDatesAll counts date regexp matches without any pre-check.
func findDatesAll(s string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{reISO, reDotted, reSpaced, reDayRange, reDayMonth, reMonthDay, reMonthYr, reYear, reLateMon, reRelWord, reWeekday} {
		out = append(out, re.FindAllString(s, -1)...)
	}
	return out
}

// TestFindYearsMatchesRegexp checks the hand-written year matcher against
// reYear on tricky and random text.
func TestFindYearsMatchesRegexp(t *testing.T) {
	texts := []string{"in 2019", "In  2019 and since 2020", "inside 2019", "x-2019", "2018-2019", "2018 – 2019", "a– 2019", "(2019)", "((2019))",
		"back to 1993", "dating back to 1993,", "in 20190", "in 2019a", "in\t2019", "till 2020.", "Year 2021", "mid 2022", "–2019", "in 2019 in 2020",
		"In Finland in 2019, and (2020) or to 2021.", "ſince 2019", "in 201", "by 2019_"}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"in", " ", "  ", "2019", "20", "1", "(", ")", "-", "–", "a", "back", "to", "since", "Year", ",", "_", "x"}
	for i := 0; i < 5000; i++ {
		texts = append(texts, randtext.Join(rng, alphabet, 12))
	}
	for _, s := range texts {
		got, want := findYears(s), reYear.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("findYears(%q) = %v, reYear %v", s, got, want)
		}
	}
}

// TestGatesHideNothing checks that the cheap checks Find runs before its
// matchers never hide a date the regexps find.
func TestGatesHideNothing(t *testing.T) {
	for _, s := range []string{
		"The meeting was co-chaired by the Ministers.", "Talks on border security were held.", "He was represented by X.",
		"The agreement expires in 2025 and was terminated.", "ſigned", "It remains in force until 2030.",
		"tel. +358 1234", "nothing here at all",
	} {
		if got, want := len(Find(s, Date{Year: 2020, Month: 5, Day: 5})), len(findDatesAll(s)); got != want {
			t.Errorf("Find(%q): %d dates, %d without pre-checks", s, got, want)
		}
	}
}
