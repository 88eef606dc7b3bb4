package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"liaison/bot"
	"liaison/internal/store"
)

// hostileSeeds are inputs every Slack fuzzer starts from: mentions,
// broadcasts, markup, control and bidi characters, invalid UTF-8.
var hostileSeeds = []string{
	"who met Kolokoltsev?", "<!here> <!channel> <!everyone> @here @channel @everyone",
	"<@U0OTHER> <@U0BOT|liaison> <#C0GEN|general> <!subteam^S1|@team>", "<https://evil.example|click me> <mailto:a@b>",
	"*bold* _it_ ~strike~ `code` ```pre``` > quote", "&lt;!here&gt; &amp;lt;", "<script>alert(1)</script><b>x</b>",
	"\u202eevil\u202c \u200d\u200b\u2060 \ufeff", "a\x00b\x1b[31mc\x7f", "\xff\xfe invalid utf8 \xc3\x28", "public",
	strings.Repeat("Kolokoltsev ", 400), "", " ", "<", ">", "&", "<<>>", "<@", "<!",
}

// FuzzSlashCommand feeds arbitrary command names and text through the
// HTTP form parser Slack's requests go through and the adapter's
// slash-command parsing: never a panic, a known command is always taken,
// the core gets one trimmed line of valid text without the "public" flag,
// and who asked where is kept.
func FuzzSlashCommand(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add("/who-met", s)
		f.Add("/liaison", s+" public")
	}
	f.Add("/unknown", "x")
	f.Add("/liaison", "0 puBliC public")      // once kept the first "public"
	f.Add("/liaison", "x publ\u0130c public") // lower-cases to "public", but is not the flag
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "state.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	a, err := New(Config{BotToken: "xoxb-fuzz", AppToken: "xapp-fuzz"}, st, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, command, text string) {
		form := url.Values{"command": {command}, "text": {text}, "channel_id": {"C0GEN"}, "user_id": {"U0ALICE"},
			"team_id": {"T0"}, "trigger_id": {"1.2.x"}, "response_url": {"http://127.0.0.1:1/r"}}
		req, err := http.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(form.Encode()))
		if err != nil {
			t.Skip()
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		cmd, err := slack.SlashCommandParse(req)
		if err != nil {
			return
		}
		m, public, ok := a.slashMessage(cmd)
		if !ok {
			if _, known := a.commands[cmd.Command]; known {
				t.Fatalf("known command %q refused", cmd.Command)
			}
			return
		}
		if strings.ContainsAny(m.Text, "\n\r\t") || m.Text != strings.TrimSpace(m.Text) {
			t.Fatalf("core text not one trimmed line: %q", m.Text)
		}
		if utf8.ValidString(text) && !utf8.ValidString(m.Text) {
			t.Fatalf("valid UTF-8 became invalid: %q", m.Text)
		}
		if words := strings.Fields(m.Text); public && len(words) > 0 && strings.EqualFold(words[len(words)-1], "public") {
			t.Fatalf("the public flag stayed in the question: %q", m.Text)
		}
		if m.Sender != "U0ALICE" || m.Room != "C0GEN" || m.Platform != bot.PlatformSlack {
			t.Fatalf("message fields lost: %+v", m)
		}
	})
}

// sourceLinkRe is the one piece of markup a context element may end in:
// a link to the page a source was read from, whose URL cannot leave the
// <…|…> and whose label is inert.
var sourceLinkRe = regexp.MustCompile(` · <https?://[^\s<>|"'` + "`" + `]+\|[^<>|&]*(&(amp|lt|gt);[^<>|&]*)*>$`)

var (
	rawBroadcast = regexp.MustCompile(`(?i)@(channel|here|everyone)`)
	badEntity    = regexp.MustCompile(`&(?:amp;|lt;|gt;)?`)
)

// checkMrkdwn fails unless text (an escaped mrkdwn or plain_text field)
// is inert: no markup brackets, only Slack's three entities, no
// broadcast that could notify.
func checkMrkdwn(t *testing.T, where, text string) {
	t.Helper()
	if strings.ContainsAny(text, "<>") {
		t.Fatalf("%s: raw < or > in %q", where, text)
	}
	for _, m := range badEntity.FindAllString(text, -1) {
		if m == "&" {
			t.Fatalf("%s: bare & in %q", where, text)
		}
	}
	if rawBroadcast.MatchString(text) {
		t.Fatalf("%s: a broadcast that could notify in %q", where, text)
	}
}

// FuzzRender renders replies built from arbitrary strings into Block Kit:
// every message stays within Slack's limits, every user-influenced text is
// escaped and inert, and the blocks encode as JSON.
func FuzzRender(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, s, "Title "+s, s, hostileSeeds[(i+1)%len(hostileSeeds)], uint8(i))
	}
	f.Fuzz(func(t *testing.T, summary, detail, title, quote, suggestion string, n uint8) {
		r := bot.Reply{Summary: summary, Found: true}
		for i := range int(n % 80) {
			r.Details = append(r.Details, detail+" "+itoa(i))
			if i%3 == 0 {
				r.Sources = append(r.Sources, bot.Source{Doc: "d.txt", Title: title, Date: "2024-01-02", Quote: quote,
					URL: "https://" + suggestion + ".example/" + quote})
			}
			if i%9 == 0 {
				r.Suggestions = append(r.Suggestions, bot.Suggestion{Label: suggestion, Query: "who met " + suggestion})
			}
		}
		msgs := render(r, renderOpts{Share: summary, Feedback: answerRef("C0FUZZ:1700000000.000100")})
		if len(msgs) == 0 {
			t.Fatal("no message")
		}
		if last := msgs[len(msgs)-1].Blocks; last[len(last)-1].ID() != blockRate {
			t.Fatal("the rating buttons are not at the end of the answer")
		}
		for mi, m := range msgs {
			if len(m.Blocks) == 0 || len(m.Blocks) > maxBlocks {
				t.Fatalf("message %d has %d blocks", mi, len(m.Blocks))
			}
			if utf8.RuneCountInString(m.Text) > maxFallbackText {
				t.Fatalf("fallback text of %d characters", utf8.RuneCountInString(m.Text))
			}
			checkMrkdwn(t, "fallback", m.Text)
			if _, err := json.Marshal(m.Blocks); err != nil {
				t.Fatalf("blocks do not encode: %v", err)
			}
			for _, b := range m.Blocks {
				switch b := b.(type) {
				case *slack.SectionBlock:
					if c := utf8.RuneCountInString(b.Text.Text); c > maxSectionText || c == 0 {
						t.Fatalf("section of %d characters", c)
					}
					checkMrkdwn(t, "section", b.Text.Text)
				case *slack.ContextBlock:
					for _, e := range b.ContextElements.Elements {
						if tx, ok := e.(*slack.TextBlockObject); ok {
							if utf8.RuneCountInString(tx.Text) > maxContextText {
								t.Fatalf("context of %d characters", utf8.RuneCountInString(tx.Text))
							}
							text := tx.Text
							if m := sourceLinkRe.FindStringIndex(text); m != nil {
								text = text[:m[0]] // a link to the source's page, checked by the pattern
							}
							checkMrkdwn(t, "context", text)
						}
					}
				case *slack.ActionBlock:
					for _, e := range b.Elements.ElementSet {
						btn, ok := e.(*slack.ButtonBlockElement)
						if !ok {
							continue
						}
						if utf8.RuneCountInString(btn.Text.Text) > maxButtonText || utf8.RuneCountInString(btn.Value) > maxButtonValue {
							t.Fatalf("button label %d / value %d characters", utf8.RuneCountInString(btn.Text.Text), utf8.RuneCountInString(btn.Value))
						}
						checkMrkdwn(t, "button", btn.Text.Text)
					}
				}
			}
		}
	})
}
