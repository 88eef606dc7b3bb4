package page

import (
	"liaison/knowledge/lang"
	"strings"
)

// Text returns the text of an HTML page as the loader reads an .html
// release: the visible text, one block per line, without scripts, styles,
// navigation, headers, footers, forms and the other elements that never
// hold release text, without lines of page furniture ("Share on", "Skip
// to content", "Cookie…") and with a repeated block kept once; and the
// page's headline (its first <h1>, else its <title>), "" when it has
// none.
func Text(page string) (text, title string) {
	raw, title := stripHTML(strings.TrimPrefix(page, "\ufeff"))
	raw = spaceReplacer.Replace(raw)
	var b strings.Builder
	seen := map[string]bool{}
	for _, l := range strings.Split(raw, "\n") {
		l = cleanLine(l)
		if l == "" {
			continue
		}
		f := lang.Fold(l)
		if seen[f] || isChromeFolded(l, f) {
			continue
		}
		seen[f] = true
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String(), title
}
