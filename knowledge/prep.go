package knowledge

import "strings"

// prepCache remembers what words analyse to across the releases one
// goroutine prepares: a corpus uses a few thousand words over and over, and
// folding and stemming each again costs more than a map look-up.
type prepCache struct {
	words map[string]wordInfo
}

// wordInfo is what one folded word yields.
type wordInfo struct {
	terms []string // appendWordTerms(nil, word); shared, never modified
	cue   bool     // one of the terms is a meeting cue
}

// maxCachedWords bounds a prepCache; a full cache starts again empty.
const maxCachedWords = 1 << 17

func newPrepCache() *prepCache { return &prepCache{words: map[string]wordInfo{}} }

// word returns what the folded word f yields.
func (c *prepCache) word(f string) wordInfo {
	if w, ok := c.words[f]; ok {
		return w
	}
	if len(c.words) >= maxCachedWords {
		clear(c.words)
	}
	w := wordInfo{terms: appendWordTerms(nil, f)}
	for _, t := range w.terms {
		if isMeetingCueTerm(t) {
			w.cue = true
		}
	}
	c.words[strings.Clone(f)] = w
	return w
}

// isMeetingCueTerm reports whether an index term marks a sentence that
// reports a meeting or visit.
func isMeetingCueTerm(t string) bool {
	return meetingCues[t] || meetingCues[t+"s"] || meetingCues[t+"ed"] || t == "meet" || t == "talk" || t == "visit" ||
		t == "discuss" || t == "conven" || t == "summit"
}

// sentenceTerms returns Terms(s) computed from s's tokens, and whether one
// of the terms is a meeting cue. A word token is one of Words' words
// unless it holds the dots of initials, which Words splits at.
func sentenceTerms(ts []tok, c *prepCache) ([]string, bool) {
	var out []string
	cue := false
	for _, t := range ts {
		if !t.word {
			continue
		}
		if strings.IndexByte(t.text, '.') < 0 {
			w := c.word(t.folded)
			out = append(out, w.terms...)
			cue = cue || w.cue
			continue
		}
		for _, x := range Words(t.text) {
			w := c.word(Fold(x))
			out = append(out, w.terms...)
			cue = cue || w.cue
		}
	}
	return out, cue
}
