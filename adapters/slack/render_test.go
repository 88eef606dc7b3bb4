package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"gopkg.in/yaml.v3"

	"liaison/bot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current rendering")

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a & b < c > d", "a &amp; b &lt; c &gt; d"},
		{"<!channel> <!here> <!everyone>", "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt;"},
		{"<@U123> <#C123|general>", "&lt;@U123&gt; &lt;#C123|general&gt;"},
		{"<http://evil.example|click>", "&lt;http://evil.example|click&gt;"},
		{"@channel @Here @EVERYONE", "@\u200bchannel @\u200bHere @\u200bEVERYONE"},
		{"mail me@here.example", "mail me@\u200bhere.example"},
		{"&amp; stays visible", "&amp;amp; stays visible"},
	}
	for _, tc := range tests {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@UBOT> who met Kolokoltsev?", "who met Kolokoltsev?"},
		{"<@UBOT|liaison>   !who-met  Smith", "!who-met Smith"},
		{"who met <@U1|eve> and <@U2>?", "who met @eve and @U2?"},
		{"in <#C1|general> or <#C2>", "in #general or #C2"},
		{"see <https://x.example/a?b=1&amp;c=2|the release> and <https://y.example>", "see the release and https://y.example"},
		{"<!here> <!channel> <!everyone> <!subteam^S1|@ops> <!date^1392734382^{date}|Feb 18>", "@here @channel @everyone @ops Feb 18"},
		{"a &lt;b&gt; &amp;lt;", "a <b> &lt;"},
		{"<@UBOT>", ""},
	}
	for _, tc := range tests {
		if got := plainText(tc.in, "UBOT"); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChunksKeepEverything(t *testing.T) {
	long := strings.Repeat("word & <tag> @here ", 600) // one line, ~11,000 characters escaped
	lines := strings.Repeat("short line\n", 700)
	for _, in := range []string{long, lines, long + "\n" + lines, "x"} {
		cs := chunks(in, maxSectionText)
		for i, c := range cs {
			if n := utf8.RuneCountInString(escape(c)); n > maxSectionText {
				t.Fatalf("chunk %d has %d characters", i, n)
			}
		}
		norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		if got := norm(strings.Join(cs, " ")); got != norm(in) {
			t.Errorf("chunks lost text: %d vs %d characters", len(got), len(norm(in)))
		}
	}
}

// goldenReplies are the renderings kept in testdata.
var goldenReplies = []struct {
	name  string
	reply bot.Reply
	opts  renderOpts
}{
	{"answer", bot.Reply{Found: true, Intent: bot.IntentWhoMet,
		Summary: "Vladimir Kolokoltsev met Jürgen Stock (Interpol) on 2021-03-04.",
		Details: []string{"Place: Moscow", "Topics: cybercrime & drug trafficking"},
		Sources: []bot.Source{
			{Doc: "001_a.txt", Title: "Minister meets Interpol chief", Date: "2021-03-04", Quote: "Vladimir Kolokoltsev met Jürgen Stock in Moscow."},
			{Doc: "002_b.txt", Quote: "A sentence from a release without title or date."},
		}}, renderOpts{}},
	{"did_you_mean", bot.Reply{Intent: bot.IntentWhoMet, Summary: "No one called “Kolo”. Did you mean:",
		Suggestions: []bot.Suggestion{
			{Label: "Vladimir Kolokoltsev", Query: "/who-met Vladimir Kolokoltsev"},
			{Label: "Kolo <Touré> & co", Query: "/who-met Kolo Touré"},
		}}, renderOpts{Share: "/who-met Kolo"}},
	{"hostile_echo", bot.Reply{Summary: "No results for <!channel> @here <@U0EVE> <http://evil|click>",
		Sources: []bot.Source{{Title: "<!everyone>", Date: "2020-01-01", Quote: "@everyone & <#C1>"}}},
		renderOpts{Asked: "/who-met <!channel>", AskedBy: "U0ALICE"}},
	{"error", bot.ErrorReply(context.DeadlineExceeded), renderOpts{}},
}

func TestRenderGolden(t *testing.T) {
	for _, g := range goldenReplies {
		t.Run(g.name, func(t *testing.T) {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(render(g.reply, g.opts)); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", g.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestRenderGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("rendering of %s differs from %s:\n%s", g.name, path, got)
			}
		})
	}
}

// TestRenderLongAnswerWithinLimits checks a long reply against Slack's
// limits and that nothing is lost.
func TestRenderLongAnswerWithinLimits(t *testing.T) {
	reply, err := (&testCore{}).Answer(context.Background(), bot.Message{Text: "long"})
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("y", 7000) // one detail line longer than a section
	reply.Details = append(reply.Details, huge)
	reply.Suggestions = []bot.Suggestion{{Label: strings.Repeat("L", 200), Query: "q"}}
	msgs := render(reply, renderOpts{Share: "long"})
	if len(msgs) < 2 {
		t.Fatalf("long answer rendered as %d message(s), want it split", len(msgs))
	}
	var all strings.Builder
	for i, m := range msgs {
		if m.Text == "" || utf8.RuneCountInString(m.Text) > maxFallbackText {
			t.Errorf("message %d: fallback text of %d characters", i, utf8.RuneCountInString(m.Text))
		}
		if len(m.Blocks) == 0 || len(m.Blocks) > maxBlocks {
			t.Errorf("message %d: %d blocks", i, len(m.Blocks))
		}
		for j, b := range m.Blocks {
			switch b := b.(type) {
			case *slack.SectionBlock:
				if n := utf8.RuneCountInString(b.Text.Text); n > maxSectionText {
					t.Errorf("message %d block %d: section of %d characters", i, j, n)
				}
				all.WriteString(b.Text.Text + "\n")
			case *slack.ContextBlock:
				for _, e := range b.ContextElements.Elements {
					if tx, ok := e.(*slack.TextBlockObject); ok && utf8.RuneCountInString(tx.Text) > maxContextText {
						t.Errorf("message %d block %d: context of %d characters", i, j, utf8.RuneCountInString(tx.Text))
					}
				}
			case *slack.ActionBlock:
				for _, e := range b.Elements.ElementSet {
					if btn, ok := e.(*slack.ButtonBlockElement); ok && utf8.RuneCountInString(btn.Text.Text) > maxButtonText {
						t.Errorf("button label of %d characters", utf8.RuneCountInString(btn.Text.Text))
					}
				}
			}
		}
		// Slack rejects payloads it cannot decode: round-trip through JSON.
		raw, err := json.Marshal(slack.Blocks{BlockSet: m.Blocks})
		if err != nil {
			t.Fatal(err)
		}
		var back slack.Blocks
		if err := json.Unmarshal(raw, &back); err != nil || len(back.BlockSet) != len(m.Blocks) {
			t.Errorf("message %d blocks do not round-trip: %v", i, err)
		}
	}
	text := all.String()
	for _, want := range []string{"300 meetings", "1. 2024-01-01", "300. 2024-01-20", "&lt;line 299&gt;", strings.Repeat("y", 100)} {
		if !strings.Contains(text, want) {
			t.Errorf("split answer lost %q", want)
		}
	}
	if got := strings.Count(text, "y"); got < 7000 {
		t.Errorf("long detail line kept %d of 7000 characters", got)
	}
	last := msgs[len(msgs)-1]
	if _, ok := last.Blocks[len(last.Blocks)-1].(*slack.ActionBlock); !ok {
		t.Error("share button is not at the end of the last message")
	}
}

// TestManifestMatchesAdapter checks that manifest.yaml declares what the
// adapter relies on: every default slash command, both events, the scopes,
// interactivity and Socket Mode.
func TestManifestMatchesAdapter(t *testing.T) {
	raw, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			SlashCommands []struct {
				Command      string `yaml:"command"`
				Description  string `yaml:"description"`
				ShouldEscape bool   `yaml:"should_escape"`
			} `yaml:"slash_commands"`
			BotUser struct {
				DisplayName string `yaml:"display_name"`
			} `yaml:"bot_user"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				IsEnabled bool `yaml:"is_enabled"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatalf("manifest.yaml: %v", err)
	}
	cmds := map[string]bool{}
	for _, c := range m.Features.SlashCommands {
		if len(c.Description) > 100 {
			t.Errorf("%s: description longer than Slack's 100 characters", c.Command)
		}
		cmds[c.Command] = true
	}
	for c := range defaultCommands {
		if !cmds[c] {
			t.Errorf("manifest lacks slash command %s", c)
		}
	}
	has := func(list []string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(" "+strings.Join(list, " ")+" ", " "+w+" ") {
				t.Errorf("manifest lacks %s in %v", w, list)
			}
		}
	}
	has(m.OAuth.Scopes.Bot, "app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history")
	has(m.Settings.Events.BotEvents, "app_mention", "message.im")
	if !m.Settings.Interactivity.IsEnabled || !m.Settings.SocketMode || m.Features.BotUser.DisplayName == "" {
		t.Errorf("manifest settings %+v", m.Settings)
	}
}

// TestSourceLink: a source read from a web page links to it; a URL that
// is not http(s) is not linked, and nothing in one can leave Slack's
// <…|…> markup.
func TestSourceLink(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://www.intermin.fi/en/-/1410869/a?languageId=en_US", " · <https://www.intermin.fi/en/-/1410869/a?languageId=en_US|intermin.fi>"},
		{"https://evil.example/x|<!here>", " · <https://evil.example/x%7C%3C%21here%3E|evil.example>"},
		{"javascript:alert(1)", ""},
		{"", ""},
	} {
		r := bot.Reply{Summary: "s", Found: true, Sources: []bot.Source{{Doc: "d.txt", Title: "T", Quote: "q", URL: tt.url}}}
		msgs := render(r, renderOpts{})
		var ctx string
		for _, b := range msgs[0].Blocks {
			if c, ok := b.(*slack.ContextBlock); ok {
				ctx = c.ContextElements.Elements[0].(*slack.TextBlockObject).Text
			}
		}
		if want := "T: “q”" + tt.want; ctx != want {
			t.Errorf("URL %q: context %q, want %q", tt.url, ctx, want)
		}
	}
}
