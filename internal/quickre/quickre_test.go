package quickre

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestGateOf checks the literals derived for expressions of each shape:
// alternatives factored by the parser and spelled out again, literals
// counted at word starts after \b, ^ or a space, case folded under (?i),
// and expressions whose matches need no literal.
func TestGateOf(t *testing.T) {
	for _, c := range []struct {
		expr      string
		want      string // the literals joined by |, "" for none
		fold, ws  bool
		anyOrNone bool // want is "" and no gate is derived
	}{
		{`\b(expire|expires|expired|expiry|until when|valid until|end|ends)\b`, "end|expire|expiry|until when|valid until", false, true, false},
		{`^where\b|\bwhere (did|was)\b|\bin (which|what) (city|town)\b`, "in what |in which |where", false, true, false},
		{`\bhow many\b`, "how many", false, true, false},
		{`^(what|which)\b`, "what|which", false, true, false},
		{`(?i)\b(signed|signing|concluded|entered into|adopted)\b`, "adopted|concluded|entered into|signed|signing", true, true, false},
		{`(?i)\b(terminat\w*|withdr[ae]w\w* from|cancel\w*)`, "cancel|terminat|withdr", true, true, false},
		{`(?i)\b(chaired|co-chair\w*|met)\b`, "chaired|co-chair|met", true, true, false},
		{`(?i)\b(the|this) (meeting|talks)\b|\balso (met|meet)\b`, "also |meeting|talks", true, true, false},
		{`\b([A-Z]\w+) (?:was|is) represented\b`, " represented", false, false, false},
		{`x(a|b*)y`, "x", false, false, false},
		{`(?i)\bonce\b`, "once", true, true, false},
		{`a*|b`, "", false, false, true},
		{`\b(meet|met)?s\b`, "s", false, false, false},
	} {
		g, ok := GateOf(c.expr)
		if c.anyOrNone {
			if ok {
				t.Errorf("%s: literals %q, want none", c.expr, g.Literals())
			}
			continue
		}
		if got := strings.Join(g.Literals(), "|"); !ok || got != c.want || g.fold != c.fold || g.wordStart != c.ws {
			t.Errorf("%s: literals %q (fold %v, word starts %v), want %q (%v, %v)", c.expr, got, g.fold, g.wordStart, c.want, c.fold, c.ws)
		}
	}
}

// exprs are expressions of the shapes the releases' cues and the
// questions' kinds are written in.
var exprs = []string{
	`(?i)\b(speech|said|says|stated|chaired|co-chair\w*|emphasi[sz]ed|led|met|held talks|handed over)\b`,
	`(?i)\bvisit`,
	`\b([A-Z][\p{L}]+) (?:was|is|were|are) represented\b.*?\bby\b`,
	`(?i)\b(signed|signing|concluded|entered into|dating back to|dates back to|adopted|ratified)\b`,
	`(?i)\b(expire|expires|expired|expiry|valid until|remain in force until|in force until)\b`,
	`(?i)\b(terminat\w*|denounc\w*|withdr[ae]w\w* from|cancel\w*|suspend\w*)`,
	`(?i)\b(enters?|entered|come|came|took|will take) (in)?to (force|effect)\b|\bentry into force\b|\beffective (from|as of)\b`,
	`(?i)\b(next|upcoming|following) (meeting|session|talks)\b|\bwill (be held|take place)\b`,
	`(?i)\b(the|this|that|its) (meeting|talks|visit|session)\b|\balso (attended|met|meet)\b|\b(were|was) continued\b|\bthe (ministers|sides)\b`,
	`\b(one|two|ten|twelve|hundred|hundreds|million|half|twice)\b`,
	`(?i)\b(the following day|the next day|a day later|the day before)\b`,
	`^(what|which)\b`,
	`\bwho(m)? (did|has) .*\b(meet|met|talks?)\b|\bmet (with )?whom\b|^who was \w+('s)? (counterpart|host)\b`,
	`\b(into|in) (force|effect)\b|\beffective\b`,
	`^(did|does|do|is|are|was|were)\b`,
	`\bhow many ((?:[a-z'-]+ ){0,3}?[a-z'-]+?)(?: (?:were|was|in|at)\b|$)`,
}

// TestRegexpFindsWhatItsExpressionFinds checks every expression behind
// its gate against the expression alone, on random texts made of the
// expressions' own words in several cases, with separators, letters that
// join words, and the runes (?i) folds to ASCII letters.
func TestRegexpFindsWhatItsExpressionFinds(t *testing.T) {
	seps := []string{" ", " ", " ", " ", " ", " ", "  ", "-", ",", "_", "", "\n", "é", "ſ"}
	junk := []string{"x", "é", "ſigned", "\u212aey", "2019", "Finland", "Finland was", "Estonia is", "represented by", "'s", "ahmet"}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, e := range exprs {
		q := MustCompile(e)
		re := q.Regexp()
		if q.Literals() == nil {
			t.Errorf("%s: no gate", e)
		}
		// the expression's own words, in several cases
		parts := slices.Clone(junk)
		for _, l := range q.Literals() {
			parts = append(parts, l, l, strings.ToUpper(l))
		}
		plain := regexp.MustCompile(`\(\?i\)|\\[a-zA-Z](\{\w+\})?|\[[^\]]*\]`).ReplaceAllString(e, " ")
		for _, w := range regexp.MustCompile(`[A-Za-z'-]+`).FindAllString(plain, -1) {
			parts = append(parts, w, w, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
		}
		matched := 0
		for i := 0; i < 20000; i++ {
			var b strings.Builder
			for j := 0; j < 1+rng.IntN(8); j++ {
				if j > 0 {
					b.WriteString(seps[rng.IntN(len(seps))])
				}
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			s := b.String()
			if g, w := fmt.Sprint(q.FindAllStringSubmatchIndex(s, -1)), fmt.Sprint(re.FindAllStringSubmatchIndex(s, -1)); g != w {
				t.Fatalf("%s on %q: %s behind the gate, %s alone", re, s, g, w)
			}
			if q.MatchString(s) != re.MatchString(s) {
				t.Fatalf("%s on %q: MatchString %v behind the gate", re, s, q.MatchString(s))
			}
			if re.MatchString(s) {
				matched++
			}
		}
		if matched < 20 {
			t.Errorf("%s: only %d texts match: the test does not exercise it", e, matched)
		}
	}
}

// TestNewGate checks a gate made of a vocabulary: case, word starts, and
// the runes that fold to ASCII letters.
func TestNewGate(t *testing.T) {
	for _, c := range []struct {
		fold, ws bool
		s        string
		want     bool
	}{
		{true, true, "They MET in Oslo", true},
		{true, true, "Ahmet", false},
		{true, false, "Ahmet", true},
		{false, false, "They MET", false},
		{false, true, "they met", true},
		{false, true, "summet", false},
		{true, true, "\u212aey", true}, // the Kelvin sign folds to k
		{false, true, "\u212aey", false},
		{true, true, "nothing", false},
	} {
		g := NewGate(c.fold, c.ws, "met", "key")
		if got := g.MayMatch(c.s); got != c.want {
			t.Errorf("NewGate(fold %v, word starts %v).MayMatch(%q) = %v, want %v", c.fold, c.ws, c.s, got, c.want)
		}
	}
	var none Gate
	if !none.MayMatch("anything") {
		t.Error("a gate with no literals turned a text away")
	}
}
