package matrix

import (
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
)

// TestRoom: invited to a room the bot joins and greets; it answers a
// mention, a command and a question inside a thread (staying in the
// thread), and ignores chatter, redactions, other bots' notices, edits and
// what was said before it joined. An invite from someone not allowed is
// rejected.
func TestRoom(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, func(c *Config) { c.AllowInvitesFrom = []string{"@ann:localhost"} })
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	carl := newPerson(t, srv, "carl", false, nil)

	// carl may not invite the bot: the invite is rejected.
	carlsRoom := carl.room(b.user.UserID, false, true)
	deadline := time.Now().Add(wait)
	for {
		var member event.MemberEventContent
		err := carl.cli.StateEvent(ctxT(t), carlsRoom, event.StateMember, string(b.user.UserID), &member)
		if err == nil && member.Membership == event.MembershipLeave {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("invite from a user not allowed was not rejected (membership %q, %v)", member.Membership, err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A group room: ann and carl are in it before the bot is invited (a
	// room with only the bot and one person counts as a DM).
	room := ann.room(carl.user.UserID, false, false)
	if _, err := carl.cli.JoinRoomByID(ctxT(t), room); err != nil {
		t.Fatal(err)
	}
	ann.say(room, "!who-met Said Before The Bot Joined")
	if _, err := ann.cli.InviteUser(ctxT(t), room, &mautrix.ReqInviteUser{UserID: b.user.UserID}); err != nil {
		t.Fatal(err)
	}
	greet := ann.next()
	if c := greet.Content.AsMessage(); c.MsgType != event.MsgNotice || greet.Sender != b.user.UserID || !strings.Contains(c.Body, "!who-met") {
		t.Fatalf("greeting = %s %q from %s", c.MsgType, c.Body, greet.Sender)
	}

	chatter := ann.say(room, "just chatting, nobody asked the bot")
	if _, err := ann.cli.RedactEvent(ctxT(t), room, chatter); err != nil {
		t.Fatal(err)
	}
	ann.send(room, &event.MessageEventContent{MsgType: event.MsgNotice, Body: "!who-met Someone (from another bot)"})

	// A mention the way Element sends it: display name pill + m.mentions.
	q1 := ann.send(room, &event.MessageEventContent{
		MsgType:       event.MsgText,
		Body:          "liaison: who met Kolokoltsev?",
		Format:        event.FormatHTML,
		FormattedBody: `<a href="https://matrix.to/#/@liaison:localhost">liaison</a>: who met Kolokoltsev?`,
		Mentions:      &event.Mentions{UserIDs: []id.UserID{b.user.UserID}},
	})
	m := b.ans.next(t)
	if m.Text != "who met Kolokoltsev?" || m.ID != q1.String() || m.Room != room.String() || m.Direct || m.Thread != "" || m.Sender != ann.user.UserID.String() {
		t.Errorf("core got %+v", m)
	}
	checkAnswer(t, ann.next(), q1, "who met Kolokoltsev?")

	// An edit of the mention is not a new question.
	edit := &event.MessageEventContent{MsgType: event.MsgText, Body: "* liaison: who met Putin?",
		NewContent: &event.MessageEventContent{MsgType: event.MsgText, Body: "liaison: who met Putin?"}}
	edit.RelatesTo = (&event.RelatesTo{}).SetReplace(q1)
	ann.send(room, edit)

	q2 := ann.say(room, "!who-met Vladimir Kolokoltsev")
	if m := b.ans.next(t); m.Text != "!who-met Vladimir Kolokoltsev" {
		t.Errorf("command reached the core as %q", m.Text)
	}
	checkAnswer(t, ann.next(), q2, "!who-met Vladimir Kolokoltsev")

	// A question inside a thread is answered inside that thread.
	root := ann.say(room, "Thread about meetings")
	inThread := &event.MessageEventContent{MsgType: event.MsgText, Body: "/who-met Catherine De Bolle"}
	inThread.RelatesTo = (&event.RelatesTo{}).SetThread(root, root)
	q3 := ann.send(room, inThread)
	if m := b.ans.next(t); m.Thread != root.String() || m.Text != "/who-met Catherine De Bolle" {
		t.Errorf("thread question reached the core as %+v", m)
	}
	c := checkAnswer(t, ann.next(), q3, "/who-met Catherine De Bolle")
	if c.RelatesTo.Type != event.RelThread || c.RelatesTo.EventID != root || !c.RelatesTo.IsFallingBack {
		t.Errorf("thread answer relation = %+v", c.RelatesTo)
	}

	if got := b.ans.texts(); len(got) != 3 {
		t.Errorf("the core got %q; chatter, a redaction, a notice or an edit leaked through", got)
	}
}

// TestDirectMessages: in a DM (plain and end-to-end encrypted, both sides
// with crypto) every message is a question. The encrypted one comes from a
// client that sends keys only to cross-signed devices, so it also proves
// the bot's cross-signing bootstrap.
func TestDirectMessages(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()

	// Plain DM.
	bob := newPerson(t, srv, "bob", false, nil)
	dm := bob.room(b.user.UserID, false, true)
	if c := bob.next().Content.AsMessage(); c.MsgType != event.MsgNotice {
		t.Fatalf("greeting is %s", c.MsgType)
	}
	q := bob.say(dm, "who met Kolokoltsev?")
	if m := b.ans.next(t); !m.Direct || m.Text != "who met Kolokoltsev?" {
		t.Errorf("DM reached the core as %+v", m)
	}
	checkAnswer(t, bob.next(), q, "who met Kolokoltsev?")

	// When the core fails, the person gets a short apology, not silence.
	q = bob.say(dm, "make the core fail")
	b.ans.next(t)
	if c := bob.next().Content.AsMessage(); c.RelatesTo.GetReplyTo() != q || !strings.Contains(c.Body, "something went wrong") || strings.Contains(c.Body, "exploded") {
		t.Errorf("error reply = %q", c.Body)
	}

	// Encrypted DM, as Element creates it.
	eve := newPerson(t, srv, "eve", true, nil)
	eve.helper.Machine().SendKeysMinTrust = id.TrustStateCrossSignedTOFU
	edm := eve.room(b.user.UserID, true, true)
	greet := eve.next()
	if greet.Mautrix.EventSource&event.SourceDecrypted == 0 {
		t.Errorf("greeting in an encrypted DM was not encrypted")
	}
	eve.refresh(edm)
	q = eve.say(edm, "where did they meet?")
	if m := b.ans.next(t); !m.Direct || m.Text != "where did they meet?" {
		t.Errorf("encrypted DM reached the core as %+v", m)
	}
	ans := eve.next()
	if ans.Mautrix.EventSource&event.SourceDecrypted == 0 {
		t.Errorf("answer in an encrypted DM was not encrypted")
	}
	checkAnswer(t, ans, q, "where did they meet?")

	// The recovery key is in the data folder, private, and never logged.
	path := b.cfg.DataDir + "/" + RecoveryKeyFile
	if mode := fileMode(t, path); mode != 0o600 {
		t.Errorf("recovery key file mode %o, want 600", mode)
	}
	if !strings.Contains(b.logs.String(), RecoveryKeyFile) {
		t.Error("no log line names the recovery key file")
	}
}
