package matrix

import (
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

func TestQuestionText(t *testing.T) {
	me := identity{userID: "@liaison:example.org", displayName: "Liaison Bot"}
	mention := &event.Mentions{UserIDs: []id.UserID{"@liaison:example.org"}}
	cases := []struct {
		name     string
		body     string
		mentions *event.Mentions
		reply    bool
		direct   bool
		want     string
		ok       bool
	}{
		{"room chatter", "who met whom yesterday?", nil, false, false, "", false},
		{"display name", "Liaison Bot: who met Kolokoltsev?", nil, false, false, "who met Kolokoltsev?", true},
		{"display name case", "liaison bot, who met X", nil, false, false, "who met X", true},
		{"user id", "@liaison:example.org who met X", nil, false, false, "who met X", true},
		{"localpart", "liaison: who met X", nil, false, false, "who met X", true},
		{"longer word", "liaisonbot: who met X", nil, false, false, "", false},
		{"name as a word", "Liaison officers met in Paris", nil, false, false, "", false},
		{"localpart as a word", "liaison officers met in Paris", nil, false, false, "", false},
		{"at-localpart", "@liaison who met X", nil, false, false, "who met X", true},
		{"bare name alone", "Liaison Bot", nil, false, false, "", true},
		{"pill", "Liaison Bot: who met X", mention, false, false, "who met X", true},
		{"mention mid-text", "hey @liaison:example.org who met X", mention, false, false, "hey  who met X", true},
		{"command", "!who-met Vladimir Kolokoltsev", nil, false, false, "!who-met Vladimir Kolokoltsev", true},
		{"slash command", "/who-met X", nil, false, false, "/who-met X", true},
		{"help", "!help", nil, false, false, "!help", true},
		{"catch-all", "!liaison who met X", nil, false, false, "who met X", true},
		{"other bot command", "!ban spammer", nil, false, false, "", false},
		{"mention then command", "Liaison Bot: !meetings 2020", nil, false, false, "!meetings 2020", true},
		{"dm", "who met X?", nil, false, true, "who met X?", true},
		{"dm with name", "Liaison Bot: who met X?", nil, false, true, "who met X?", true},
		{"reply fallback", "> <@ann:example.org> earlier\n\n!who-met X", nil, true, false, "!who-met X", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			content := &event.MessageEventContent{MsgType: event.MsgText, Body: c.body, Mentions: c.mentions}
			if c.reply {
				content.RelatesTo = (&event.RelatesTo{}).SetReplyTo("$x")
			}
			got, ok := me.questionText(content, c.direct)
			if ok != c.ok || got != c.want {
				t.Errorf("questionText(%q) = %q, %v; want %q, %v", c.body, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestAllowedInvite(t *testing.T) {
	allow := []string{"@ann:example.org", ":trusted.org", "!room:other.org"}
	cases := []struct {
		inviter id.UserID
		room    id.RoomID
		want    bool
	}{
		{"@ann:example.org", "!x:example.org", true},
		{"@bob:example.org", "!x:example.org", false},
		{"@bob:trusted.org", "!x:example.org", true},
		{"@bob:example.org", "!y:trusted.org", true},
		{"@bob:example.org", "!room:other.org", true},
		{"@bob:untrusted.org", "!x:untrusted.org", false},
	}
	for _, c := range cases {
		if got := allowedInvite(allow, c.inviter, c.room); got != c.want {
			t.Errorf("allowedInvite(%s, %s) = %v, want %v", c.inviter, c.room, got, c.want)
		}
	}
	if !allowedInvite(nil, "@anyone:x.org", "!r:x.org") {
		t.Error("an empty allow list must accept every invite")
	}
}

// TestEventAge: the server's unsigned.age wins over the local clock, so a
// skewed clock on either side does not hide new messages.
func TestEventAge(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	a := &Adapter{now: func() time.Time { return now }}
	skewed := &event.Event{Timestamp: now.Add(-10 * time.Minute).UnixMilli()}
	skewed.Unsigned.Age = 2000
	if got := a.eventAge(skewed); got != 2*time.Second {
		t.Errorf("age with unsigned.age = %v, want 2s", got)
	}
	plain := &event.Event{Timestamp: now.Add(-3 * time.Minute).UnixMilli()}
	if got := a.eventAge(plain); got != 3*time.Minute {
		t.Errorf("age without unsigned.age = %v, want 3m", got)
	}
}
