package knowledge

import (
	"liaison/internal/randtext"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestIsContact checks isContact against the regexp it stands for, on
// random text made of its literals' pieces.
func TestIsContact(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b(tel\.?|phone|e-?mail|\[email[^\]]*\])\b`)
	parts := []string{"tel", "Tel", "TEL", ".", " ", "phone", "PHONE", "e-mail", "E-Mail", "email", "eMail", "[", "]", "x", "_", "1",
		"é", "\xff", "hotel", "telephone", "mail", "-", "e", "ph", "one", "[email protected]", ":", "\u212a", "ſ", "[email", "[Emailx", "]x", "]"}
	rng := rand.New(rand.NewPCG(47, 48))
	for i := 0; i < 100000; i++ {
		s := randtext.Join(rng, parts, 8)
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
}
