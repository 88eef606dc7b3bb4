package matrix

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
	"liaison/internal/dendritetest"
)

// TestPostNotice posts alerts through a real Dendrite: before Run has
// connected Post says so; in an encrypted room the person reads the
// notice (m.notice, no reply relation, nobody mentioned, the source's
// link); posted again with the same key after a "crash" nothing new
// arrives; a room the bot is not in gives bot.ErrCannotPost.
func TestPostNotice(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	idle, err := New(b.cfg, b.st, nil, zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	n := bot.Notice{Key: "alert-1", Reply: bot.Reply{Found: true, Intent: bot.IntentWatch, Summary: "New release naming Vladimir Kolokoltsev",
		Sources: []bot.Source{{Doc: "feeds/a.txt", Title: "Ministers met", Date: "2024-06-01", Quote: "Kolokoltsev met Orpo in Vantaa.", URL: "https://intermin.example/a"}}}}
	if err := idle.Post(context.Background(), n); !errors.Is(err, bot.ErrNotConnected) {
		t.Errorf("before Run: %v", err)
	}
	var a *Adapter
	b.tweak = func(x *Adapter) { a = x }
	b.start()
	ann := newPerson(t, srv, "ann", true, nil)
	room := ann.room(b.user.UserID, true, false)
	ann.next() // the bot's greeting: it joined
	n.Room = room.String()
	deadline := time.Now().Add(wait)
	for {
		err := a.Post(ctxT(t), n)
		if err == nil {
			break
		}
		if !errors.Is(err, bot.ErrNotConnected) || time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	evt := ann.next()
	c := evt.Content.AsMessage()
	if evt.Sender != b.user.UserID || c.MsgType != event.MsgNotice || c.RelatesTo != nil || !strings.Contains(c.Body, "New release naming Vladimir Kolokoltsev") ||
		!strings.Contains(c.Body, "Kolokoltsev met Orpo in Vantaa.") || !strings.Contains(c.FormattedBody, `<a href="https://intermin.example/a">intermin.example</a>`) {
		t.Errorf("notice %s %+v", evt.Type.Type, c)
	}
	if c.Mentions == nil || len(c.Mentions.UserIDs) != 0 || c.Mentions.Room {
		t.Errorf("mentions %+v", c.Mentions)
	}
	if evt.Mautrix.WasEncrypted != true {
		t.Error("the notice was not encrypted in an encrypted room")
	}
	// the same notice again, as after a crash: the homeserver keeps one
	n.Retry = true
	if err := a.Post(ctxT(t), n); err != nil {
		t.Fatal(err)
	}
	ann.quiet(2 * time.Second)
	// a room the bot is not in
	other := ann.room(id.UserID("@nobody:localhost"), false, false)
	if err := a.Post(ctxT(t), bot.Notice{Room: other.String(), Key: "alert-2", Reply: n.Reply}); !errors.Is(err, bot.ErrCannotPost) {
		t.Errorf("room without the bot: %v", err)
	}
}
