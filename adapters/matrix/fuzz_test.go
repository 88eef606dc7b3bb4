package matrix

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
)

// hostileSeeds are inputs every Matrix fuzzer starts from.
var hostileSeeds = []string{
	"who met Kolokoltsev?", "!who-met Risikko", "/who-met Risikko", "Liaison: who met Risikko?", "@liaison:localhost, hi",
	"@room look", "@ROOM", "@alice:example.org and @bob:evil.example", "<script>alert(1)</script>", "<b>bold</b> <a href=x>link</a>",
	"**md** _it_ [link](http://x) ![img](mxc://x/y)", "\u202eevil\u202c \u200d\u200b\u2060 \ufeff", "a\x00b\x1b[31mc\x7f",
	"\xff\xfe invalid utf8 \xc3\x28", "> quoted\n\nreply text", "!liaison", "!", "/", "", strings.Repeat("Kolokoltsev ", 300),
	"&amp; &lt;tag&gt; &#x3c;", "<!-- comment --> ]]> <![CDATA[x]]>",
}

// FuzzQuestionText runs arbitrary bodies, mention sets and reply
// relations through the trigger parser: never a panic, and what reaches
// the core is trimmed and no longer than the body.
func FuzzQuestionText(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, i%2 == 0, i%3 == 0, i%5 == 0)
	}
	me := identity{userID: "@liaison:localhost", displayName: "Liaison"}
	f.Fuzz(func(t *testing.T, body string, direct, mentioned, reply bool) {
		c := &event.MessageEventContent{MsgType: event.MsgText, Body: body}
		if mentioned {
			c.Mentions = &event.Mentions{UserIDs: []id.UserID{me.userID}}
		}
		if reply {
			c.RelatesTo = (&event.RelatesTo{}).SetReplyTo("$q")
		}
		text, ok := me.questionText(c, direct)
		if !ok {
			if direct {
				t.Fatalf("a DM message was not taken as a question: %q", body)
			}
			return
		}
		if text != strings.TrimSpace(text) || len(text) > len(body) {
			t.Fatalf("question %q from body %q", text, body)
		}
		if utf8.ValidString(body) && !utf8.ValidString(text) {
			t.Fatalf("valid UTF-8 became invalid: %q", text)
		}
	})
}

// allowedTags are the only elements renderHTML may produce.
var allowedTags = map[string]bool{"p": true, "strong": true, "ul": true, "li": true, "br": true, "code": true, "blockquote": true, "em": true}

// safeHref is the only attribute value renderHTML may write: an http(s)
// URL with nothing that could leave the attribute.
var safeHref = regexp.MustCompile(`^https?://[^\s<>"'` + "`" + `]+$`)

var pingable = regexp.MustCompile(`(?i)@(room\b|[a-z0-9._=\-/+]+:[a-z0-9.\-]+)`)

// FuzzRenderHTML renders replies built from arbitrary strings: the HTML
// body has only the renderer's own elements, balanced and without
// attributes, the text of both bodies cannot ping anyone, and the event
// never mentions anyone.
func FuzzRenderHTML(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, s, "Title "+s, s, hostileSeeds[(i+1)%len(hostileSeeds)], uint8(i))
	}
	f.Fuzz(func(t *testing.T, summary, detail, title, quote, suggestion string, n uint8) {
		r := bot.Reply{Summary: summary, Found: true}
		for i := range int(n % 12) {
			r.Details = append(r.Details, detail)
			r.Sources = append(r.Sources, bot.Source{Doc: "d.txt", Title: title, Date: "2024-01-02", Quote: quote,
				URL: "https://" + suggestion + ".example/" + quote})
			if i%4 == 0 {
				r.Suggestions = append(r.Suggestions, bot.Suggestion{Label: suggestion, Query: "/who-met " + suggestion})
			}
		}
		c := replyContent(r, "$question", "")
		if c.Mentions == nil || len(c.Mentions.UserIDs) != 0 || c.Mentions.Room {
			t.Fatalf("m.mentions = %+v", c.Mentions)
		}
		if m := pingable.FindString(c.Body); m != "" {
			t.Fatalf("plain body can ping: %q", m)
		}
		z := html.NewTokenizer(strings.NewReader(c.FormattedBody))
		var stack []string
		var text strings.Builder
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					t.Fatalf("HTML error %v in %q", z.Err(), c.FormattedBody)
				}
				break
			}
			tok := z.Token()
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				if tok.Data == "a" && len(tok.Attr) == 1 && tok.Attr[0].Key == "href" && safeHref.MatchString(tok.Attr[0].Val) {
					// a source's link, to an http(s) page
				} else if !allowedTags[tok.Data] || len(tok.Attr) > 0 {
					t.Fatalf("element <%s %v> in %q", tok.Data, tok.Attr, c.FormattedBody)
				}
				if tt == html.StartTagToken && tok.Data != "br" {
					stack = append(stack, tok.Data)
				}
			case html.EndTagToken:
				if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
					t.Fatalf("unbalanced </%s> in %q", tok.Data, c.FormattedBody)
				}
				stack = stack[:len(stack)-1]
			case html.TextToken:
				text.WriteString(tok.Data + "\n")
			case html.CommentToken, html.DoctypeToken:
				t.Fatalf("comment or doctype in %q", c.FormattedBody)
			}
		}
		if len(stack) > 0 {
			t.Fatalf("unclosed %v in %q", stack, c.FormattedBody)
		}
		if m := pingable.FindString(text.String()); m != "" {
			t.Fatalf("HTML text can ping: %q", m)
		}
	})
}
