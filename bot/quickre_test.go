package bot

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestQuickRegexp checks that each expression has a gate, and that a
// quickRegexp finds what its expression finds, on question-like texts
// made of the expressions' own words (internal/quickre tests how the
// literals are derived).
func TestQuickRegexp(t *testing.T) {
	exprs := []*quickRegexp{reHelp, reWhoMet, reWhere, reWhen, reWhoIs, reWhichDidMeet, reYesNoMet, reWhatHappened,
		reMeetings, reAgreeList, reTopics, reWhat, reWho, reAgreementQ, reFieldForce, reFieldExpire, reFieldInit,
		reFieldTerm, reFieldSign, reAgreementFocus, reFollowUp, reHowOften, reHowMany, reWhatDid, reFocus, reYear, reMeasureQ, reCountQ, reAgreementNoun, reAttended, reOutcomeQ, reWhichReleases, reDescribeMeeting, reTopicsOverall}
	var words []string
	for _, q := range exprs {
		if q.Literals() == nil {
			t.Errorf("%s: no literals found", q.re)
		}
		words = append(words, regexp.MustCompile(`[a-z']+|[0-9]+`).FindAllString(q.re.String(), -1)...)
	}
	words = append(words, "the", "did", "in", "2015", "1999", "kolokoltsev", "?", "-")
	plain := make([]*regexp.Regexp, len(exprs))
	for i, q := range exprs {
		plain[i] = regexp.MustCompile(q.re.String())
	}
	rng := rand.New(rand.NewPCG(1, 1))
	matched := 0
	for i := 0; i < 4000; i++ {
		var ws []string
		for j := 0; j < 1+rng.IntN(9); j++ {
			ws = append(ws, words[rng.IntN(len(words))])
		}
		s := strings.Join(ws, " ")
		for k, q := range exprs {
			re := plain[k]
			if q.MatchString(s) != re.MatchString(s) {
				t.Fatalf("%s on %q: quick %v, plain %v", re, s, q.MatchString(s), re.MatchString(s))
			}
			if g, w := q.FindStringSubmatch(s), re.FindStringSubmatch(s); strings.Join(g, "|") != strings.Join(w, "|") || (g == nil) != (w == nil) {
				t.Fatalf("%s on %q: quick %q, plain %q", re, s, g, w)
			}
			if g, w := q.FindAllString(s, -1), re.FindAllString(s, -1); strings.Join(g, "|") != strings.Join(w, "|") {
				t.Fatalf("%s on %q: quick %q, plain %q", re, s, g, w)
			}
			if re.MatchString(s) {
				matched++
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d matches: the texts do not exercise the expressions", matched)
	}
}
