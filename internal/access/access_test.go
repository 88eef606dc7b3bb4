package access

import (
	"context"
	"strings"
	"testing"
	"time"

	"liaison/bot"
	"liaison/internal/config"
)

type echo struct{ calls int }

func (e *echo) Answer(_ context.Context, m bot.Message) (bot.Reply, error) {
	e.calls++
	intent := bot.IntentSearch
	if strings.Contains(m.Text, "agreements") {
		intent = bot.IntentAgreements
	}
	if m.Text == "status" {
		intent = bot.IntentStatus
	}
	return bot.Reply{Found: true, Intent: intent, Summary: "answer to " + m.Text}, nil
}

type admin struct{ reloads int }

func (a *admin) Reload(context.Context) (string, error) {
	a.reloads++
	return "Reloaded 5 releases.", nil
}
func (a *admin) StatusDetails() []string { return []string{"slack: connected"} }

func TestPolicy(t *testing.T) {
	p := NewPolicy(config.Access{
		Admins: []string{"slack:UADMIN"},
		Slack:  config.SlackAccess{AllowWorkspaces: []string{"T1"}, AllowChannels: []string{"C1"}, DenyUsers: []string{"UBAD"}},
		Matrix: config.MatrixAccess{AllowServers: []string{"good.org"}, DenyRooms: []string{"!noisy:good.org"},
			DenyUsers: []string{"@troll:good.org"}},
		Commands: map[string][]string{"agreements": {"matrix:@lawyer:good.org"}},
	})
	slack := func(team, ch, user string, direct bool) bot.Message {
		return bot.Message{Platform: bot.PlatformSlack, Workspace: team, Room: ch, Sender: user, Direct: direct}
	}
	mx := func(room, user string) bot.Message {
		return bot.Message{Platform: bot.PlatformMatrix, Room: room, Sender: user}
	}
	tests := []struct {
		name string
		m    bot.Message
		want bool
	}{
		{"allowed workspace and channel", slack("T1", "C1", "U1", false), true},
		{"other workspace", slack("T2", "C1", "U1", false), false},
		{"other channel", slack("T1", "C2", "U1", false), false},
		{"DM in allowed workspace", slack("T1", "D9", "U1", true), true},
		{"denied user", slack("T1", "C1", "UBAD", false), false},
		{"allowed server", mx("!r:good.org", "@alice:good.org"), true},
		{"other server", mx("!r:good.org", "@mallory:evil.org"), false},
		{"denied room", mx("!noisy:good.org", "@alice:good.org"), false},
		{"denied matrix user", mx("!r:good.org", "@troll:good.org"), false},
		{"terminal", bot.Message{Platform: bot.PlatformTerminal, Sender: "local"}, true},
	}
	for _, tt := range tests {
		if got := p.Allowed(tt.m); got != tt.want {
			t.Errorf("%s: Allowed = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !p.CommandAllowed(mx("!r:good.org", "@lawyer:good.org"), bot.IntentAgreements) ||
		p.CommandAllowed(mx("!r:good.org", "@alice:good.org"), bot.IntentAgreements) ||
		!p.CommandAllowed(mx("!r:good.org", "@alice:good.org"), bot.IntentWhoMet) {
		t.Error("per-command restriction")
	}
	if !p.IsAdmin(slack("T1", "C1", "UADMIN", false)) || p.IsAdmin(slack("T1", "C1", "U1", false)) {
		t.Error("admins")
	}
}

func TestGuard(t *testing.T) {
	core := &echo{}
	adm := &admin{}
	p := NewPolicy(config.Access{Admins: []string{"matrix:@boss:x.org"}, Matrix: config.MatrixAccess{DenyUsers: []string{"@no:x.org"}},
		Commands: map[string][]string{"agreements": {"matrix:@boss:x.org"}}})
	g := NewGuard(core, p, NewLimiter(60, 2), adm, nil)
	now := time.Unix(1000, 0)
	g.now = func() time.Time { return now }
	ask := func(user, text string) bot.Reply {
		r, err := g.Answer(context.Background(), bot.Message{Platform: bot.PlatformMatrix, Sender: user, Room: "!r:x.org", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := ask("@no:x.org", "who met X"); r.Intent != bot.IntentDenied || r.Summary != Denied || core.calls != 0 {
		t.Fatalf("denied user: %+v (core called %d)", r, core.calls)
	}
	ask("@a:x.org", "q1")
	ask("@a:x.org", "q2")
	if r := ask("@a:x.org", "q3"); r.Intent != bot.IntentLimited {
		t.Errorf("third question in a burst of 2: %+v", r)
	}
	if r := ask("@b:x.org", "q1"); r.Intent == bot.IntentLimited {
		t.Error("one user's limit applied to another")
	}
	now = now.Add(2 * time.Second) // 60/min: two more tokens
	if r := ask("@a:x.org", "q4"); r.Intent == bot.IntentLimited {
		t.Error("the bucket did not refill")
	}
	if r := ask("@b:x.org", "/reload"); r.Intent != bot.IntentDenied || adm.reloads != 0 {
		t.Errorf("non-admin reload: %+v", r)
	}
	if r := ask("@boss:x.org", "!reload"); !r.Found || adm.reloads != 1 {
		t.Errorf("admin reload: %+v", r)
	}
	if r := ask("@boss:x.org", "status"); len(r.Details) != 1 || r.Details[0] != "slack: connected" {
		t.Errorf("admin status details: %+v", r)
	}
	now = now.Add(time.Minute)
	if r := ask("@c:x.org", "status"); len(r.Details) != 0 {
		t.Errorf("status details leaked to a non-admin: %+v", r)
	}
	if r := ask("@c:x.org", "/agreements"); r.Intent != bot.IntentDenied || strings.Contains(r.Summary, "answer to") {
		t.Errorf("restricted command: %+v", r)
	}
	if r := ask("@boss:x.org", "/agreements"); r.Intent != bot.IntentAgreements {
		t.Errorf("allowed command: %+v", r)
	}
}

func TestLimiterForgetsIdleUsers(t *testing.T) {
	l := NewLimiter(60, 1)
	now := time.Unix(0, 0)
	for i := 0; i < 1000; i++ {
		l.Allow(string(rune('a'+i%26))+string(rune(i)), now)
	}
	l.Allow("x", now.Add(2*time.Minute))
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets kept after everyone went idle", n)
	}
	if NewLimiter(0, 5) != nil || !(*Limiter)(nil).Allow("k", now) {
		t.Error("no limit configured must allow everything")
	}
}
