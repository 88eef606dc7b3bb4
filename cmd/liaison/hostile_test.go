package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/access"
	"liaison/internal/dendritetest"
	"liaison/internal/slackfake"
)

// hostileQuestions are asked through both real adapter paths.
var hostileQuestions = []string{
	"who met \xff\xfe Risikko \xc3\x28?",
	"who met \x00\x1b[31mRisikko\x07\x7f?",
	"who met \u202eokkisiR\u202c? \u200f\u200e",
	"who met Ris\u200dikko\u200b\u2060\ufeff?",
	"<script>alert(1)</script> who met <b>Risikko</b>? <img src=x onerror=alert(1)>",
	"*who* met _Risikko_ ~x~ `y` ```z``` > q [link](http://evil.example) <http://evil.example|click>",
	"@room @channel @here @everyone <!here> <!channel> <!everyone> who met Risikko?",
	"who met @room?",
	"who met <!channel>?",
	"who met @other:localhost?",
	"<@U0OTHER> who met Risikko? <#C0SECRET|secret> <!subteam^S1|@team>",
	"&lt;!here&gt; &amp;lt;script&amp;gt; who met Risikko?",
}

var (
	slackBroadcast = regexp.MustCompile(`(?i)@(channel|here|everyone)`)
	matrixPing     = regexp.MustCompile(`(?i)@(room\b|[a-z0-9._=\-/+]+:[a-z0-9.\-]+)`)
)

// slackTexts collects every text an answer shows: the fallback and every
// "text" string in its blocks.
func slackTexts(t *testing.T, p slackfake.Post) []string {
	t.Helper()
	out := []string{p.Text}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "text" {
					out = append(out, s)
				} else {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var blocks any
	if err := json.Unmarshal(p.Blocks, &blocks); err != nil {
		t.Fatalf("answer blocks: %v", err)
	}
	walk(blocks)
	return out
}

// checkSlackInert fails unless every text of p is valid UTF-8, holds no
// Slack markup (so no mention, link or broadcast) and no bare broadcast.
func checkSlackInert(t *testing.T, q string, p slackfake.Post) {
	t.Helper()
	for _, s := range slackTexts(t, p) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "<>\x00\x1b") || slackBroadcast.MatchString(s) {
			t.Errorf("Slack answer to %q not inert: %q", q, s)
		}
	}
}

// TestServeHostileInput asks hostile questions through Socket Mode and
// Dendrite, at most 1 MB long: each is answered or refused politely, the
// answers render inert (no ping, no markup, no broken HTML), the process
// stays up. Access control: a channel outside the allowlist gets the one
// polite line; an invite from a user outside the Matrix allowlist is
// refused.
func TestServeHostileInput(t *testing.T) {
	r := newRig(t, dendritetest.Options{})
	cfg, _ := os.ReadFile(r.cfgPath)
	cfg = append(cfg, []byte(`
access:
  slack: {allow_channels: [C0HOST, D0HOST]}
  matrix: {allow_users: ["@hostile:localhost"]}
`)...)
	if err := os.WriteFile(r.cfgPath, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	p := r.start()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// Slack: every question as a channel mention, the longest also in a DM.
	qs := append([]string{strings.Repeat("who met Risikko? ", 1<<20/17)}, hostileQuestions...)
	for i, q := range qs {
		ts := fmt.Sprintf("14%08d.000100", i)
		ev := map[string]any{"type": "app_mention", "user": "U0ALICE", "text": "<@" + slackfake.BotUserID + "> " + q, "ts": ts, "channel": "C0HOST", "event_ts": ts}
		if _, err := r.fake.Send("events_api", slackfake.EventPayload("EvH"+ts, ev), 0); err != nil {
			t.Fatal(err)
		}
	}
	dmTS := "1400009999.000100"
	if _, err := r.fake.Send("events_api", slackfake.EventPayload("EvHdm", map[string]any{"type": "message", "channel_type": "im",
		"user": "U0ALICE", "text": qs[0], "ts": dmTS, "channel": "D0HOST", "event_ts": dmTS}), 0); err != nil {
		t.Fatal(err)
	}
	outTS := "1400009998.000100"
	if _, err := r.fake.Send("events_api", slackfake.EventPayload("EvHout", map[string]any{"type": "app_mention",
		"user": "U0ALICE", "text": "<@" + slackfake.BotUserID + "> who met Risikko?", "ts": outTS, "channel": "C0OUTSIDE", "event_ts": outTS}), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.fake.WaitPosts(ctx, len(qs)+2); err != nil {
		t.Fatalf("Slack: %v\n%s", err, p.logs)
	}
	time.Sleep(time.Second)
	answers := slackAnswers(t, r.fake.Posts())
	for i, q := range qs {
		a := answers[fmt.Sprintf("14%08d.000100", i)]
		if len(a) != 1 {
			t.Errorf("Slack: question %d (%.40q) got %d answers", i, q, len(a))
			continue
		}
		checkSlackInert(t, q, a[0])
	}
	if i := 0; strings.Contains(answers[""][i].Text, "too long") == false {
		t.Errorf("Slack: the 1 MB DM was answered %q, want a polite refusal", answers[""][i].Text)
	}
	if a := answers[outTS]; len(a) != 1 || !strings.Contains(a[0].Text, access.Denied[:20]) {
		t.Errorf("Slack: a channel outside the allowlist got %v, want the one polite line", a)
	}

	// Matrix: an allowed user's room, and a stranger's invite.
	host := newMatrixClient(t, r.hs, "hostile", r.bot.UserID, false)
	room := host.room(t, r.bot.UserID, false)
	host.waitJoined(t, r.bot.UserID, []id.RoomID{room}, time.Minute)
	stranger := newMatrixClient(t, r.hs, "stranger", r.bot.UserID, false)
	strangeRoom := stranger.room(t, r.bot.UserID, false)
	mqs := append([]string{strings.Repeat("who met Risikko? ", 60000/17)}, hostileQuestions...)
	var sent []id.EventID
	for _, q := range mqs {
		ev, _, err := host.say(ctx, room, q)
		if err != nil {
			t.Fatalf("Matrix send %.40q: %v", q, err)
		}
		sent = append(sent, ev)
	}
	for i, q := range sent {
		eventually(t, fmt.Sprintf("a Matrix answer to %.40q", mqs[i]), time.Minute, func() bool { return len(host.answered(q)) > 0 })
	}
	time.Sleep(time.Second)
	for i, q := range sent {
		a := host.answered(q)
		if len(a) != 1 {
			t.Errorf("Matrix: question %d got %d answers", i, len(a))
			continue
		}
		c := a[0].Content.AsMessage()
		if c.Mentions == nil || len(c.Mentions.UserIDs) > 0 || c.Mentions.Room {
			t.Errorf("Matrix answer to %.40q mentions %+v", mqs[i], c.Mentions)
		}
		for _, s := range []string{c.Body, c.FormattedBody} {
			if !utf8.ValidString(s) || matrixPing.MatchString(s) || strings.Contains(strings.ToLower(s), "<script") ||
				strings.Contains(s, "<img") || strings.Contains(s, "<a ") || strings.ContainsAny(s, "\x00\x1b") {
				t.Errorf("Matrix answer to %.40q not inert: %q", mqs[i], s)
			}
		}
	}
	if a := host.answered(sent[0]); len(a) == 1 && !strings.Contains(a[0].Content.AsMessage().Body, "too long") {
		t.Errorf("Matrix: the 60 KB question was answered %q, want a polite refusal", a[0].Content.AsMessage().Body)
	}
	// The stranger's invite is refused: the bot's membership ends as leave.
	eventually(t, "the stranger's invite to be refused", time.Minute, func() bool {
		var m event.MemberEventContent
		err := stranger.cli.StateEvent(ctx, strangeRoom, event.StateMember, string(r.bot.UserID), &m)
		return err == nil && m.Membership == event.MembershipLeave
	})

	if code, _ := httpGet("http://" + r.opsAddr + "/healthz"); code != 200 {
		t.Errorf("/healthz %d after hostile input", code)
	}
	select {
	case err := <-p.done:
		t.Fatalf("serve exited: %v", err)
	default:
	}
	r.checkNoSecrets(r.metrics())
}
