package bot

import (
	"fmt"
	"strings"
)

// PlainText renders a reply as plain text: the summary, the details, the
// "did you mean" suggestions and the numbered sources with their quotes
// and links.
// It is what the terminal shows and the "answer" of `liaison ask --json`;
// chat adapters render the same parts in their own markup.
func PlainText(r Reply) string {
	var b strings.Builder
	b.WriteString(r.Text())
	if len(r.Sources) > 0 {
		b.WriteString("\nSources:")
		for i, s := range r.Sources {
			fmt.Fprintf(&b, "\n[%d] %s", i+1, SourceLabel(s))
			if s.Quote != "" {
				fmt.Fprintf(&b, ": “%s”", s.Quote)
			}
			if u := SafeURL(s.URL); u != "" {
				fmt.Fprintf(&b, " <%s>", u)
			}
		}
	}
	return b.String()
}

// SourceLabel names a source for people: "Title (25 October 2017, file.txt)".
func SourceLabel(s Source) string {
	var meta []string
	if s.Date != "" {
		meta = append(meta, HumanDate(s.Date))
	}
	title := s.Title
	if title == "" {
		title = s.Doc
	} else if s.Doc != "" {
		meta = append(meta, s.Doc)
	}
	if len(meta) == 0 {
		return title
	}
	return title + " (" + strings.Join(meta, ", ") + ")"
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// HumanDate turns "2017-10-25" into "25 October 2017" (and "2011-09" into
// "September 2011"); other strings are returned as they are.
func HumanDate(iso string) string {
	var y, m, d int
	switch len(iso) {
	case 10:
		if _, err := fmt.Sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); err == nil && m >= 1 && m <= 12 {
			return fmt.Sprintf("%d %s %d", d, monthNames[m-1], y)
		}
	case 7:
		if _, err := fmt.Sscanf(iso, "%4d-%2d", &y, &m); err == nil && m >= 1 && m <= 12 {
			return fmt.Sprintf("%s %d", monthNames[m-1], y)
		}
	}
	return iso
}
