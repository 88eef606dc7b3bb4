package feeds

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"

	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"liaison/knowledge/page"
)

// ErrNoArticle is returned (wrapped) by ArticleText for a page that holds
// no article text.
var ErrNoArticle = errors.New("feeds: no article text on the page")

// minArticleWords is how many words the main content Readability finds
// must have; with fewer, the whole page's text is read instead (a page
// whose content Readability could not tell from its furniture).
const minArticleWords = 25

// ArticleText returns the article text of a release's web page, one
// paragraph per line, without the page's furniture. The main content is
// found with go-readability (Mozilla's Readability): menus, lists of
// other releases, share buttons, comments, cookie notices and scripts
// are dropped. Lines that repeat the headline (alone or with a date) and
// bars of short links ("Print | Send | Back") are dropped too. When
// Readability finds no content or too little, the page's visible text as
// the loader reads an .html release is used (page.Text).
// A line that only states when the page was published ("Publication date
// 15.5.2019 14.49") is dropped when dated is set (the feed gave the date,
// which the release file states in its header); otherwise it is kept for
// the loader to read the date from. pageURL resolves relative links;
// title is the item's headline, or "".
func ArticleText(html []byte, pageURL *url.URL, title string, dated bool) (string, error) {
	text := ""
	if a, err := readability.FromReader(bytes.NewReader(html), pageURL); err == nil && a.Node != nil {
		var b strings.Builder
		if a.RenderText(&b) == nil {
			text = b.String()
		}
	}
	if len(strings.Fields(text)) < minArticleWords {
		text, _ = page.Text(string(html))
	}
	text = cleanArticle(text, title, dated)
	if strings.TrimSpace(text) == "" {
		return "", ErrNoArticle
	}
	return text, nil
}

// cleanArticle puts each paragraph of text on one line and drops empty
// lines, lines that repeat the headline (alone or followed by only a
// date), lines that hold only a date or time, bars of short links and,
// when dated, lines that only say when the page was published.
func cleanArticle(text, title string, dated bool) string {
	ft := fold(title)
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		l = oneLine(l)
		f := fold(l)
		if f == "" || seen[f] || !hasLetter(f) {
			continue
		}
		if ft != "" && strings.HasPrefix(f, ft) && !hasLetter(f[len(ft):]) {
			continue
		}
		if isLinkBar(l) || dated && isDateLabel(l) {
			continue
		}
		seen[f] = true
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// fold is the line in folded form with its white space collapsed.
func fold(s string) string { return oneLine(lang.Fold(s)) }

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// isLinkBar reports whether l is a row of short labels separated by bars
// ("Print version | Send to a friend | Back"): navigation, not text.
func isLinkBar(l string) bool {
	parts := strings.Split(l, "|")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if n := len(strings.Fields(p)); n > 4 || strings.ContainsAny(p, ".!?") && n > 1 {
			return false
		}
	}
	return true
}

// dateLabelWords are the words a line stating a page's date is made of,
// besides the date itself.
var dateLabelWords = map[string]bool{"publication": true, "published": true, "posted": true, "date": true,
	"updated": true, "modified": true, "last": true, "on": true, "at": true, "am": true, "pm": true,
	"in": true, "english": true, "release": true, "press": true, "news": true}

// isDateLabel reports whether l only says when something was published:
// a short line of digits, month and weekday names and words such as
// "published" or "updated" ("Publication date 15.5.2019 14.49",
// "Posted on 31 October 2019").
func isDateLabel(l string) bool {
	words := lang.Words(l)
	if len(words) == 0 || len(words) > 10 || strings.IndexFunc(l, unicode.IsDigit) < 0 {
		return false
	}
	for _, w := range words {
		if !dateLabelWords[strings.ToLower(w)] && dates.MonthOf(w) == 0 && !dates.IsWeekday(w) &&
			strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			return false
		}
	}
	return true
}
