package knowledge

import (
	"liaison/internal/quickre"
	"liaison/knowledge/lang"
	"testing"
)

// TestCuePrechecks checks that the literal pre-checks never hide a match:
// on sentences of the built-in corpus and generated variants, each gated regexp
// matches exactly where its regexp does.
func TestCuePrechecks(t *testing.T) {
	res := []*quickre.Regexp{lang.ReParticipantCue, lang.ReVisit, lang.ReRepresented, lang.ReSignVerb, lang.ReExpire, lang.ReTerminate, reInForce, lang.ReInitiator,
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
