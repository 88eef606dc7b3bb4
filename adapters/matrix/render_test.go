package matrix

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maunium.net/go/mautrix/event"

	"liaison/bot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

var renderCases = map[string]bot.Reply{
	"found": {
		Found:   true,
		Intent:  bot.IntentWhoMet,
		Summary: "Vladimir Kolokoltsev met Catherine De Bolle twice.",
		Details: []string{"• 2019-05-14 in The Hague: strategic cooperation", "2021-03-02 online: cybercrime"},
		Sources: []bot.Source{
			{Doc: "001_a.txt", Title: "Europol and Russia sign agreement", Date: "2019-05-14", Quote: "Minister Kolokoltsev met Executive Director De Bolle."},
			{Doc: "002_b.txt", Title: "", Date: "", Quote: "They talked about cybercrime."},
		},
	},
	"suggestions": {
		Found:   false,
		Intent:  bot.IntentWhoMet,
		Summary: "I found nobody called “Kolokolcev”.",
		Suggestions: []bot.Suggestion{
			{Label: "Vladimir Kolokoltsev", Query: "/who-met Vladimir Kolokoltsev"},
			{Label: "Vladimir Kolokoltsov", Query: "!who-met Vladimir Kolokoltsov"},
			{Label: "help", Query: "help"},
			{Label: "plain", Query: "who met Kolokoltsev?"},
		},
	},
	// User text echoed back must not ping or inject markup.
	"hostile": {
		Found:   false,
		Intent:  bot.IntentSearch,
		Summary: `Nothing about "@room <b>hi</b> & @alice:example.org"`,
		Details: []string{`<a href="https://matrix.to/#/@bob:example.org">Bob</a>`},
		Sources: []bot.Source{{Doc: "x.txt", Title: "<script>alert(1)</script>", Date: "2020-01-01", Quote: "@ROOM look"}},
	},
}

func TestRenderGolden(t *testing.T) {
	for name, r := range renderCases {
		t.Run(name, func(t *testing.T) {
			golden(t, name+".html", renderHTML(r))
			golden(t, name+".txt", renderPlain(r))
		})
	}
}

func TestRenderNeverPings(t *testing.T) {
	r := renderCases["hostile"]
	c := replyContent(r, "$q", "")
	for _, s := range []string{c.Body, c.FormattedBody} {
		low := strings.ToLower(s)
		if strings.Contains(low, "@room") || strings.Contains(s, "@alice:example.org") || strings.Contains(s, "@bob:example.org") {
			t.Errorf("mention survived: %q", s)
		}
	}
	if h := c.FormattedBody; strings.Contains(h, "<script") || strings.Contains(h, "<a ") || strings.Contains(h, "<b>") {
		t.Errorf("markup survived: %q", h)
	}
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	mentions, ok := m["m.mentions"].(map[string]any)
	if !ok || len(mentions) != 0 {
		t.Errorf("m.mentions = %#v, want an empty object", m["m.mentions"])
	}
	if m["msgtype"] != "m.notice" || m["format"] != "org.matrix.custom.html" {
		t.Errorf("msgtype/format = %v/%v", m["msgtype"], m["format"])
	}
}

func TestReplyRelation(t *testing.T) {
	c := replyContent(bot.Reply{Summary: "x"}, "$q", "")
	if c.RelatesTo.GetReplyTo() != "$q" || c.RelatesTo.Type != "" {
		t.Errorf("plain reply relation = %+v", c.RelatesTo)
	}
	c = replyContent(bot.Reply{Summary: "x"}, "$q", "$root")
	rel := c.RelatesTo
	if rel.Type != event.RelThread || rel.EventID != "$root" || rel.GetReplyTo() != "$q" || !rel.IsFallingBack {
		t.Errorf("thread relation = %+v", rel)
	}
}

func TestManySourcesAreCounted(t *testing.T) {
	r := bot.Reply{Summary: "s"}
	for i := 0; i < maxSources+3; i++ {
		r.Sources = append(r.Sources, bot.Source{Doc: "d", Title: "t", Quote: "q"})
	}
	if got := strings.Count(renderHTML(r), "<blockquote>"); got != maxSources {
		t.Errorf("%d blockquotes, want %d", got, maxSources)
	}
	if !strings.Contains(renderHTML(r), "and 3 more releases") || !strings.Contains(renderPlain(r), "(and 3 more)") {
		t.Error("the remaining sources are not counted")
	}
}

// TestRenderSourceLink: a source read from a web page links to it in
// both bodies; one whose URL is not http(s) does not.
func TestRenderSourceLink(t *testing.T) {
	r := bot.Reply{Summary: "s", Found: true, Sources: []bot.Source{
		{Doc: "a.txt", Title: "Ministers met", Date: "2024-05-24", Quote: "q", URL: "https://www.intermin.fi/en/-/1?a=1&b=2"},
		{Doc: "b.txt", Title: "Other", Quote: "q2", URL: "javascript:alert(1)"},
	}}
	h := renderHTML(r)
	if want := `<strong>Ministers met</strong> (24 May 2024) · <a href="https://www.intermin.fi/en/-/1?a=1&amp;b=2">intermin.fi</a>`; !strings.Contains(h, want) {
		t.Errorf("HTML %q lacks %q", h, want)
	}
	if strings.Count(h, "<a ") != 1 || strings.Contains(h, "javascript") {
		t.Errorf("HTML links wrong: %q", h)
	}
	p := renderPlain(r)
	if !strings.Contains(p, "<https://www.intermin.fi/en/-/1?a=1&b=2>") || strings.Contains(p, "javascript") {
		t.Errorf("plain body %q", p)
	}
}
