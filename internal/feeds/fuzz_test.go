package feeds

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"liaison/internal/feedtest"
)

// FuzzArticleText feeds arbitrary bytes to the article extraction as a
// page: it never panics, and what it returns is one trimmed paragraph a
// line, valid UTF-8 when the page is. (That scripts never reach the text
// is TestHostileItems's.)
func FuzzArticleText(f *testing.F) {
	// one real page, cut short: large seeds slow the fuzzer down
	p := feedtest.Pages()[0]
	f.Add(feedtest.Page(p.Name)[:3000], p.Title)
	for _, s := range []string{
		"", "<", "<html><body><script>var x='<p>injected sentence here</p>'</script></body></html>",
		"<p>One<p>Two<table><tr><td>Three", "\xff\xfe<\x00p>binary", "<svg><script>alert(1)</script></svg><p>after</p>",
		strings.Repeat("<div>", 3000) + "deep text" + strings.Repeat("</div>", 10),
		"<style>p{color:red}</style><p>Ministers met in Riga. They agreed.</p><p>Publication date 24.5.2024</p>",
	} {
		f.Add([]byte(s), "Ministers met")
	}
	u, _ := url.Parse("https://ministry.example/en/news/1")
	f.Fuzz(func(t *testing.T, page []byte, title string) {
		text, err := ArticleText(page, u, title, true)
		if err != nil {
			if text != "" || err != ErrNoArticle && !strings.Contains(err.Error(), "no article") {
				t.Fatalf("error %v with text %q", err, text)
			}
			return
		}
		if !utf8.ValidString(text) && utf8.Valid(page) {
			t.Fatalf("invalid UTF-8 out of valid input: %q", text)
		}
		for _, l := range strings.Split(text, "\n") {
			if l == "" || l != strings.TrimSpace(l) {
				t.Fatalf("line %q in %q", l, text)
			}
		}
	})
}
