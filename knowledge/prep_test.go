package knowledge

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"liaison/corpus"
)

// TestSentenceTermsMatchTerms checks that terms read from a sentence's
// tokens are Terms of the sentence, on the built-in corpus and on random
// text full of initials, apostrophes, hyphens and dots.
func TestSentenceTermsMatchTerms(t *testing.T) {
	b, _, err := LoadFS(context.Background(), corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range b.Sentences {
		texts = append(texts, s.Text)
	}
	parts := []string{"V", "I", "A", "b", "Mr", "St", ".", ".", "..", "'", "’", "-", "‑", "–", " ", " ", ",", "s", "Häkkänen",
		"Ģirģens", "ß", "meetings", "talks", "visited", "Finland's", "cross", "border", "2019", "1st", "e.g", "U.S", "(", ")", "_",
		"Ø", "ſ", "\u212a", "discussion", "summits", "the", "of", "convened"}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for j := 0; j < 1+rng.IntN(12); j++ {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, sb.String())
	}
	c := newPrepCache()
	for _, s := range texts {
		got, cue := sentenceTerms(tokenize(s), c)
		want := Terms(s)
		wantCue := false
		for _, t := range want {
			wantCue = wantCue || isMeetingCueTerm(t)
		}
		if fmt.Sprintf("%q %v", got, cue) != fmt.Sprintf("%q %v", want, wantCue) {
			t.Fatalf("sentenceTerms(%q) = %q %v, Terms %q %v", s, got, cue, want, wantCue)
		}
	}
}
