package lang

import (
	"math/rand/v2"
	"testing"
)

// TestTopicMaskMatchesTopicMatches checks the topic mask read from a
// sentence's terms against TopicMatches, on random runs of topic stems.
func TestTopicMaskMatchesTopicMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var stems []string
	for _, tp := range Topics {
		for _, seq := range tp.stems {
			stems = append(stems, seq...)
		}
	}
	stems = append(stems, "x", "meet", "finland")
	for i := 0; i < 20000; i++ {
		terms := make([]string, rng.IntN(90))
		for k := range terms {
			terms[k] = stems[rng.IntN(len(stems))]
		}
		mask := TopicMask(terms)
		for k, tp := range Topics {
			if got, want := mask&(1<<k) != 0, TopicMatches(tp, terms); got != want {
				t.Fatalf("TopicMask(%q) bit %d (%s) = %v, TopicMatches %v", terms, k, tp.Name, got, want)
			}
		}
	}
}
