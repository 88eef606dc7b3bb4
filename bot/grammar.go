package bot

import (
	"fmt"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// correctGrammar returns text with mistyped grammar words corrected
// ("wher" to "where", "meetigns" to "meetings") and a note for each
// correction, or text unchanged and no notes. Only a word the releases
// never use, no one's name is close to, that starts with the letter of a
// grammar word, and exactly one grammar word is one edit away from (two
// for words of seven letters or more), or one that it begins, is
// corrected.
func correctGrammar(b *knowledge.Base, text string) (string, []string) {
	var notes []string
	fixed := reLetters.ReplaceAllStringFunc(text, func(w string) string {
		f := strings.ToLower(w)
		if len(f) < 3 || len(f) > 14 || !grammarFirst[f[0]] || questionWords[f] || b.Index().Has(f) || b.Index().Has(lang.Stem(f)) {
			return w
		}
		limit := 1
		if len(f) >= 7 {
			limit = 2
		}
		best, bestD := nearest(f, grammarWords, limit, nil)
		if len(best) > 1 {
			// "wher": "where" (cut short) rather than "when"
			var cut []string
			for _, g := range best {
				if strings.HasPrefix(g, f) {
					cut = append(cut, g)
				}
			}
			best = cut
		}
		if len(best) != 1 || bestD == 0 {
			return w // none, several, or the word itself
		}
		if _, _, ok := closestPerson(b, f); ok {
			return w // a mistyped name, not a grammar word
		}
		notes = append(notes, fmt.Sprintf("(I read %q as %q.)", w, best[0]))
		return best[0]
	})
	if len(notes) == 0 {
		return text, nil
	}
	return fixed, notes
}
