package page

import (
	"testing"
)

// TestPageText checks the loader's page clean-up as PageText exposes it:
// scripts, navigation and furniture lines dropped, a repeated block kept
// once, the headline from <h1>.
func TestPageText(t *testing.T) {
	page := `<html><head><title>Site title</title><script>var x = "not text";</script></head><body>
<nav><a href="/">Home</a></nav><a href="#c">Skip to content</a>
<h1>Ministers met in Tallinn</h1><p>The ministers discussed border security.</p>
<div>Share on Twitter</div><p>The ministers discussed border security.</p><footer>Copyright 2024</footer></body></html>`
	text, title := Text(page)
	if title != "Ministers met in Tallinn" {
		t.Errorf("title = %q", title)
	}
	want := "Ministers met in Tallinn\nThe ministers discussed border security.\n"
	if text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
}
