package matrix

import (
	"context"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
	"liaison/internal/feedback"
)

// react sends an m.reaction with key on target.
func (p *person) react(room id.RoomID, target id.EventID, key string) id.EventID {
	p.t.Helper()
	resp, err := p.cli.SendMessageEvent(ctxT(p.t), room, event.EventReaction, &event.ReactionEventContent{
		RelatesTo: event.RelatesTo{Type: event.RelAnnotation, EventID: target, Key: key}})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.EventID
}

// replyTo sends body as a reply to target, the way Element does.
func (p *person) replyTo(room id.RoomID, target id.EventID, body string) id.EventID {
	p.t.Helper()
	c := &event.MessageEventContent{MsgType: event.MsgText, Body: body}
	c.RelatesTo = (&event.RelatesTo{}).SetReplyTo(target)
	return p.send(room, c)
}

// replyTo returns the next message replying to target, skipping others.
func (p *person) nextReplyTo(target id.EventID) *event.Event {
	p.t.Helper()
	for {
		evt := p.next()
		if evt.Content.AsMessage().RelatesTo.GetReplyTo() == target {
			return evt
		}
	}
}

// waitEntries polls the book until cond holds for its entries.
func waitEntries(t *testing.T, book *feedback.Book, what string, cond func([]feedback.Entry) bool) []feedback.Entry {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		es, err := book.List(context.Background(), feedback.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if cond(es) {
			return es
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; entries: %+v", what, es)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestFeedbackOnAnswers against a real Dendrite: a 👍 reaction on an
// answer (sent twice, as two events) counts once; a reply starting with
// "!wrong" stores a 👎 with its text and is thanked; redacting a reaction
// takes its rating back; reactions on other events, other emoji and a
// "!wrong" that replies to nothing are ignored in a room, and explained in
// a DM; an encrypted reaction in an encrypted room counts too.
func TestFeedbackOnAnswers(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	book, err := feedback.Open(context.Background(), b.st, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.cfg.Feedback = book
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	carl := newPerson(t, srv, "carl", false, nil)

	room := ann.room(carl.user.UserID, false, false)
	if _, err := carl.cli.JoinRoomByID(ctxT(t), room); err != nil {
		t.Fatal(err)
	}
	if _, err := ann.cli.InviteUser(ctxT(t), room, &mautrix.ReqInviteUser{UserID: b.user.UserID}); err != nil {
		t.Fatal(err)
	}
	ann.next() // greeting
	q := ann.say(room, "!who-met Smith")
	b.ans.next(t)
	answer := ann.nextReplyTo(q)
	checkAnswer(t, answer, q, "!who-met Smith")

	// Noise first: none of it is a rating.
	ann.react(room, q, "👍")                   // on the question, not an answer
	ann.react(room, answer.ID, "❤️")          // another emoji
	carl.say(room, "!wrong nobody asked you") // a "!wrong" replying to nothing, in a room
	// Ann's 👍 (with a skin tone and a variation selector), twice.
	ann.react(room, answer.ID, "👍🏽")
	ann.react(room, answer.ID, "👍️")
	waitEntries(t, book, "ann's 👍", func(es []feedback.Entry) bool { return len(es) == 1 })

	// Carl says what was wrong.
	report := carl.replyTo(room, answer.ID, "!wrong: the meeting was in 2019, not 2021")
	thanks := carl.nextReplyTo(report)
	if c := thanks.Content.AsMessage(); c.MsgType != event.MsgNotice || c.RelatesTo.GetReplyTo() != report || !strings.Contains(c.Body, "noted") {
		t.Errorf("reply to !wrong = %s %q (replying to %s)", c.MsgType, c.Body, c.RelatesTo.GetReplyTo())
	}
	es := waitEntries(t, book, "carl's report", func(es []feedback.Entry) bool { return len(es) == 2 })
	bad, good := es[0], es[1]
	if bad.Rating != feedback.Bad || bad.Comment != "the meeting was in 2019, not 2021" || bad.Via != feedback.ViaReply ||
		bad.Question != "!who-met Smith" || !strings.HasPrefix(bad.Answer, "Answer to: !who-met Smith") || len(bad.Sources) != 1 ||
		bad.Platform != "matrix" || bad.Room != room.String() {
		t.Errorf("report = %+v", bad)
	}
	if good.Rating != feedback.Good || good.Via != feedback.ViaReaction || good.User == bad.User ||
		strings.Contains(good.User, "ann") || strings.Contains(bad.User, "carl") {
		t.Errorf("👍 = %+v", good)
	}

	// Carl's 👎 reaction keeps his comment; a 👍 he redacts comes and goes.
	carl.react(room, answer.ID, "👎")
	dora := newPerson(t, srv, "dora", false, nil)
	if _, err := ann.cli.InviteUser(ctxT(t), room, &mautrix.ReqInviteUser{UserID: dora.user.UserID}); err != nil {
		t.Fatal(err)
	}
	if _, err := dora.cli.JoinRoomByID(ctxT(t), room); err != nil {
		t.Fatal(err)
	}
	thumb := dora.react(room, answer.ID, "👍")
	waitEntries(t, book, "dora's 👍", func(es []feedback.Entry) bool { return len(es) == 3 })
	if _, err := dora.cli.RedactEvent(ctxT(t), room, thumb); err != nil {
		t.Fatal(err)
	}
	es = waitEntries(t, book, "dora's 👍 taken back", func(es []feedback.Entry) bool { return len(es) == 2 })
	if es[0].Comment != "the meeting was in 2019, not 2021" {
		t.Errorf("carl's comment was lost: %+v", es[0])
	}

	// In a DM, a "!wrong" replying to nothing gets an explanation.
	eve := newPerson(t, srv, "eve", true, nil)
	edm := eve.room(b.user.UserID, true, true)
	eve.next() // greeting
	eve.refresh(edm)
	eq := eve.say(edm, "who met Smith?")
	b.ans.next(t)
	eanswer := eve.nextReplyTo(eq)
	checkAnswer(t, eanswer, eq, "who met Smith?")
	lone := eve.say(edm, "!wrong")
	if c := eve.nextReplyTo(lone).Content.AsMessage(); !strings.Contains(c.Body, "reply to my answer with !wrong") {
		t.Errorf("a lone !wrong in a DM got %q", c.Body)
	}
	// Eve's client encrypts her reaction; it counts.
	eve.react(edm, eanswer.ID, "👎")
	es = waitEntries(t, book, "eve's encrypted 👎", func(es []feedback.Entry) bool { return len(es) == 3 })
	if es[0].Rating != feedback.Bad || es[0].Question != "who met Smith?" || es[0].Room != edm.String() {
		t.Errorf("eve's 👎 = %+v", es[0])
	}
	if got := b.ans.texts(); len(got) != 2 {
		t.Errorf("the core got %q; feedback reached it", got)
	}
	// In the room the bot said only its greeting, the answer and the
	// thanks: nothing to the noise.
	msgs, err := ann.cli.Messages(ctxT(t), room, "", "", mautrix.DirectionBackward, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, evt := range msgs.Chunk {
		if evt.Sender == b.user.UserID && evt.Type == event.EventMessage {
			evt.Content.ParseRaw(evt.Type)
			said = append(said, evt.Content.AsMessage().Body)
		}
	}
	if len(said) != 3 {
		t.Errorf("the bot said %d things in the room, want 3 (greeting, answer, thanks): %q", len(said), said)
	}
}
