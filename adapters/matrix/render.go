package matrix

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
)

// maxSources is how many sources an answer cites in full; the rest are
// counted, which keeps events far below Matrix's 64 KiB limit.
const maxSources = 5

// maxQuote caps one quoted sentence, in runes.
const maxQuote = 600

// wordJoiner is an invisible character that, put after "@", stops clients
// and push rules from reading "@room" or "@user:server" as a mention.
const wordJoiner = "\u2060"

// mentionish matches the text that could ping someone when echoed back:
// "@room" and anything shaped like a Matrix user ID.
var mentionish = regexp.MustCompile(`(?i)@(room\b|[a-z0-9._=\-/+]+:[a-z0-9.\-]+)`)

// defang breaks "@room" and user IDs in text that came from users or the
// releases, so that an answer can never notify anyone.
func defang(s string) string {
	return mentionish.ReplaceAllStringFunc(s, func(m string) string {
		return "@" + wordJoiner + m[1:]
	})
}

// esc makes user-influenced plain text safe for formatted_body: mentions
// defanged, then HTML-escaped.
func esc(s string) string { return html.EscapeString(defang(s)) }

// suggestionCommand turns a suggestion into the line a person can type in
// Matrix. Clients eat "/"-commands, so "/who-met X" is shown as "!who-met X",
// and a bare command word ("help") as "!help".
func suggestionCommand(s bot.Suggestion) string {
	q := strings.TrimSpace(s.Query)
	if q == "" {
		q = strings.TrimSpace(s.Label)
	}
	if strings.HasPrefix(q, "/") {
		return "!" + q[1:]
	}
	// A bare command word ("help") only reaches the bot in a room as a
	// "!" command.
	if word, _, _ := strings.Cut(q, " "); !strings.HasPrefix(q, "!") && commands[strings.ToLower(word)] {
		return "!" + q
	}
	return q
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// sourceHeading is "Title (YYYY-MM-DD)", falling back to the file name.
func sourceHeading(src bot.Source) string {
	title := strings.TrimSpace(src.Title)
	if title == "" {
		title = src.Doc
	}
	if src.Date != "" {
		return title + " (" + bot.HumanDate(src.Date) + ")"
	}
	return title
}

// linkHost is the host a link goes to, without "www.", as its label.
func linkHost(u string) string {
	if p, err := url.Parse(u); err == nil && p.Hostname() != "" {
		return strings.TrimPrefix(p.Hostname(), "www.")
	}
	return u
}

// renderPlain is the plain-text body: Reply.Text(), suggestion lines and
// the sources.
func renderPlain(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(defang(r.Text()))
	for _, s := range r.Suggestions {
		b.WriteString("\nDid you mean: ")
		b.WriteString(defang(suggestionCommand(s)))
	}
	if len(r.Sources) > 0 {
		b.WriteString("\n\nSources:")
		for i, src := range r.Sources {
			if i == maxSources {
				fmt.Fprintf(&b, "\n(and %d more)", len(r.Sources)-maxSources)
				break
			}
			b.WriteString("\n- ")
			b.WriteString(defang(sourceHeading(src)))
			if q := strings.TrimSpace(src.Quote); q != "" {
				b.WriteString(": “")
				b.WriteString(defang(truncate(q, maxQuote)))
				b.WriteString("”")
			}
			if u := bot.SafeURL(src.URL); u != "" {
				b.WriteString(" <" + u + ">")
			}
		}
	}
	return b.String()
}

// renderHTML is the formatted_body: the summary in bold, details as a
// list (without the core's own "• " bullets), suggestions as lines and each source as a blockquote with the
// release title, date, a link to its page when it has one, and quote.
// Every string is escaped.
func renderHTML(r bot.Reply) string {
	var b strings.Builder
	b.WriteString("<p><strong>")
	b.WriteString(esc(r.Summary))
	b.WriteString("</strong></p>")
	if len(r.Details) > 0 {
		b.WriteString("<ul>")
		for _, d := range r.Details {
			b.WriteString("<li>")
			b.WriteString(esc(strings.TrimPrefix(strings.TrimPrefix(d, "• "), "- ")))
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	if len(r.Suggestions) > 0 {
		b.WriteString("<p>")
		for i, s := range r.Suggestions {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString("Did you mean: <code>")
			b.WriteString(esc(suggestionCommand(s)))
			b.WriteString("</code>")
		}
		b.WriteString("</p>")
	}
	for i, src := range r.Sources {
		if i == maxSources {
			fmt.Fprintf(&b, "<p><em>and %d more releases</em></p>", len(r.Sources)-maxSources)
			break
		}
		b.WriteString("<blockquote><p><strong>")
		title := strings.TrimSpace(src.Title)
		if title == "" {
			title = src.Doc
		}
		b.WriteString(esc(title))
		b.WriteString("</strong>")
		if src.Date != "" {
			b.WriteString(" (")
			b.WriteString(esc(bot.HumanDate(src.Date)))
			b.WriteString(")")
		}
		if u := bot.SafeURL(src.URL); u != "" {
			// the page the release was read from; SafeURL leaves nothing
			// that could leave the attribute
			b.WriteString(` · <a href="` + html.EscapeString(u) + `">` + esc(linkHost(u)) + "</a>")
		}
		if q := strings.TrimSpace(src.Quote); q != "" {
			b.WriteString("<br>“")
			b.WriteString(esc(truncate(q, maxQuote)))
			b.WriteString("”")
		}
		b.WriteString("</p></blockquote>")
	}
	return b.String()
}

// replyContent builds the m.notice answering the event question, in the
// thread root when one is given. m.mentions is an empty object: the answer
// pings nobody, not even the person who asked.
func replyContent(r bot.Reply, question id.EventID, threadRoot id.EventID) *event.MessageEventContent {
	c := &event.MessageEventContent{
		MsgType:       event.MsgNotice,
		Body:          renderPlain(r),
		Format:        event.FormatHTML,
		FormattedBody: renderHTML(r),
		Mentions:      &event.Mentions{},
	}
	c.RelatesTo = relation(question, threadRoot)
	return c
}

// noticeContent is a one-line m.notice (greetings, decryption trouble) that
// pings nobody.
func noticeContent(text string, question id.EventID, threadRoot id.EventID) *event.MessageEventContent {
	c := &event.MessageEventContent{
		MsgType:       event.MsgNotice,
		Body:          defang(text),
		Format:        event.FormatHTML,
		FormattedBody: esc(text),
		Mentions:      &event.Mentions{},
	}
	if question != "" {
		c.RelatesTo = relation(question, threadRoot)
	}
	return c
}

func relation(question, threadRoot id.EventID) *event.RelatesTo {
	rel := &event.RelatesTo{}
	if threadRoot != "" {
		// In a thread: stay in it, and point at the question as the
		// fallback reply for clients without thread support.
		return rel.SetThread(threadRoot, question)
	}
	return rel.SetReplyTo(question)
}
