package matrix

import (
	"context"
	"strings"
	"testing"

	"liaison/bot"
	"liaison/corpus"
	"liaison/internal/dendritetest"
	"liaison/knowledge"
)

// TestRealCore runs the whole path: a person asks in Matrix, the real core
// answers from the built-in corpus, and the person reads the m.notice with
// the answer, the suggestion-free summary and the cited release.
func TestRealCore(t *testing.T) {
	t.Parallel()
	base, _, err := knowledge.LoadFS(context.Background(), corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	core := bot.New(base, bot.Options{Logger: testLogger(t, "core")})

	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.answerer = core
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting

	q := ann.say(dm, "!who-met Kolokolcev")
	evt := ann.next()
	c := evt.Content.AsMessage()
	if c.RelatesTo.GetReplyTo() != q || c.MsgType != "m.notice" {
		t.Fatalf("answer %s replying to %s", c.MsgType, c.RelatesTo.GetReplyTo())
	}
	for _, want := range []string{"Paula Risikko", "Sources:", "(25 October 2017)", "Helsinki"} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, c.Body)
		}
	}
	for _, want := range []string{"<strong>Vladimir Kolokoltsev", "<blockquote><p><strong>Finnish and Russian interior ministers", "25 October 2017"} {
		if !strings.Contains(c.FormattedBody, want) {
			t.Errorf("HTML lacks %q:\n%s", want, c.FormattedBody)
		}
	}

	// A follow-up in the same conversation: the core remembers whom it was
	// about (the conversation key is the room).
	q = ann.say(dm, "where did they meet?")
	c = ann.next().Content.AsMessage()
	if c.RelatesTo.GetReplyTo() != q || !strings.Contains(c.Body, "Kolokoltsev") || !strings.Contains(c.Body, "Sources:") {
		t.Errorf("follow-up answer: %q", c.Body)
	}
}
