package bot

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAnswer asks the core arbitrary text: it must always answer, with
// valid UTF-8, never with control characters, and cite only real releases.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{"who met Kolokoltsev?", "/who-met Kolokoltsov in Helsinki 2017", "!meetings drug trafficking", "/agreements Finland",
		"where did risikko and kolokoltsev meet", "and where was that?", "@channel <!here> <script>", "\u202e\u200d", "/who-is", "/sources asylum",
		"how many asylum seekers arrived", "Which meetings took place in Stockholm?", strings.Repeat("a ", 500)} {
		f.Add(s)
	}
	b := New(builtinBase(f), Options{MemorySize: 8})
	docs := map[string]bool{}
	for _, d := range builtinBase(f).Docs {
		docs[d.File] = true
	}
	f.Fuzz(func(t *testing.T, q string) {
		r, err := b.Answer(context.Background(), Message{Platform: PlatformSlack, Text: q, Room: "fuzz", Sender: "U1"})
		if err != nil {
			t.Fatal(err)
		}
		text := PlainText(r)
		if r.Summary == "" || !utf8.ValidString(text) {
			t.Fatalf("bad reply to %q: %q", q, text)
		}
		if strings.ContainsAny(r.Summary, "\x00\x1b\u202e\u200d") {
			t.Fatalf("control characters in %q", r.Summary)
		}
		for _, s := range r.Sources {
			if !docs[s.Doc] {
				t.Fatalf("cites unknown release %q", s.Doc)
			}
		}
		if !r.Found && len(r.Sources) > 0 {
			t.Fatalf("not-found reply cites sources: %q", q)
		}
	})
}
