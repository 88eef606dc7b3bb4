package feeds

import (
	"strings"
	"time"
)

// Release is one feed item as Liaison keeps it: a release file in the
// corpus folder that the loader reads like any other.
type Release struct {
	// Title is the item's headline.
	Title string
	// Publisher is who issued it: the feed's name or title.
	Publisher string
	// Published is the item's publication (else update) time; zero when
	// the feed gives none.
	Published time.Time
	// URL is the item's link, shown in the sources of answers from it.
	URL string
	// Text is the article text, one paragraph per line.
	Text string
}

// File renders the release file: the headline, "Source:", "Published:"
// and "URL:" header lines the loader reads as the publisher, date and
// link, a blank line, then the paragraphs separated by blank lines.
func (r Release) File() []byte {
	var b strings.Builder
	b.WriteString(oneLine(strings.TrimRight(r.Title, ". ")))
	b.WriteString("\n")
	if p := oneLine(r.Publisher); p != "" {
		b.WriteString("Source: " + p + "\n")
	}
	if !r.Published.IsZero() {
		b.WriteString("Published: " + r.Published.UTC().Format("2006-01-02") + "\n")
	}
	if u := oneLine(r.URL); u != "" {
		b.WriteString("URL: " + u + "\n")
	}
	for _, l := range strings.Split(r.Text, "\n") {
		if l = oneLine(l); l != "" {
			b.WriteString("\n" + l + "\n")
		}
	}
	return []byte(b.String())
}

// oneLine collapses white space (line breaks included) to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
