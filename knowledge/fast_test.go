package knowledge

import (
	"fmt"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"regexp"
	"testing"
)

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
		texts = append(texts, randomText(rng, alphabet, 12))
	}
	for _, s := range texts {
		got, want := findYears(s), reYear.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("findYears(%q) = %v, reYear %v", s, got, want)
		}
	}
}

// TestIsContact checks isContact against the regexp it stands for, on
// random text made of its literals' pieces.
func TestIsContact(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b(tel\.?|phone|e-?mail|\[email[^\]]*\])\b`)
	parts := []string{"tel", "Tel", "TEL", ".", " ", "phone", "PHONE", "e-mail", "E-Mail", "email", "eMail", "[", "]", "x", "_", "1",
		"é", "\xff", "hotel", "telephone", "mail", "-", "e", "ph", "one", "[email protected]", ":", "\u212a", "ſ", "[email", "[Emailx", "]x", "]"}
	rng := rand.New(rand.NewPCG(47, 48))
	for i := 0; i < 100000; i++ {
		s := randomText(rng, parts, 8)
		if got, want := isContact(s), re.MatchString(s); got != want {
			t.Fatalf("isContact(%q) = %v, regexp says %v", s, got, want)
		}
	}
	for _, s := range []string{"tel. +358 1234", "[email protected]", "Press service: e-mail press@example.org", "x[email a]b", "nothing here"} {
		if got, want := isContact(s), re.MatchString(s); got != want {
			t.Errorf("isContact(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestCuePrechecks checks that the literal pre-checks never hide a match:
// on sentences of the built-in corpus and generated variants, each litRe
// matches exactly where its regexp does.
func TestCuePrechecks(t *testing.T) {
	res := []*lang.LitRe{lang.ReParticipantCue, lang.ReVisit, lang.ReRepresented, lang.ReSignVerb, lang.ReExpire, lang.ReTerminate, reInForce, lang.ReInitiator,
		lang.ReOutcome, lang.ReDiscussed, lang.ReAnaphor, reSignedPast, lang.ReNumberWord}
	texts := []string{
		"The meeting was co-chaired by the Ministers.", "Talks on border security were held.", "He was represented by X.",
		"Finland is represented by the Ambassador", "The agreement expires in 2025 and was terminated.", "ſigned",
		"The parties also met", "It remains in force until 2030.", "Initiated by Finland", "twenty-one officers",
		"tel. +358 1234", "[email protected]", "They exchanged views on drug trafficking.", "nothing here at all",
	}
	for _, s := range texts {
		for _, re := range res {
			if got, want := re.MatchString(s), re.Regexp().MatchString(s); got != want {
				t.Errorf("%s on %q: pre-checked %v, regexp %v", re, s, got, want)
			}
		}
	}
	for _, s := range texts {
		if got, want := len(findDates(s, Date{Year: 2020, Month: 5, Day: 5})), len(findDatesAll(s)); got != want {
			t.Errorf("findDates(%q): %d dates, %d without pre-checks", s, got, want)
		}
	}
}
