package slack

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"liaison/bot"
	"liaison/internal/slackfake"
)

func TestSocketMentionAnswersInThread(t *testing.T) {
	h := startSocket(t, nil, "")
	tests := []struct {
		name, ts, thread, wantThread string
	}{
		{"top-level mention gets a thread", "1700000100.000100", "", "1700000100.000100"},
		{"mention inside a thread answers in that thread", "1700000101.000100", "1700000050.000100", "1700000050.000100"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.send("events_api", slackfake.EventPayload("Ev"+tc.ts, mention("C0GENERAL", tc.ts, tc.thread,
				"<@"+slackfake.BotUserID+"> who met Kolokoltsev?")), 0)
			posts := h.waitPosts(i + 1)
			p := posts[i]
			if p.Method != slackfake.MethodPostMessage || p.Channel != "C0GENERAL" || p.ThreadTS != tc.wantThread {
				t.Fatalf("post = %+v, want chat.postMessage in C0GENERAL thread %s", p, tc.wantThread)
			}
			if p.Text == "" {
				t.Error("no text fallback")
			}
			// Kolokoltsev contains "kolo": a did-you-mean reply with buttons.
			if got := buttons(t, p.Blocks); got["liaison_ask_0"] != "who met Vladimir Kolokoltsev?" {
				t.Errorf("suggestion buttons = %v", got)
			}
			m := h.core.messages()[i]
			want := bot.Message{Platform: bot.PlatformSlack, Workspace: slackfake.TeamID, ID: "Ev" + tc.ts, Text: "who met Kolokoltsev?",
				Sender: "U0ALICE", Room: "C0GENERAL", Thread: tc.wantThread, Direct: false, Time: slackTime(tc.ts)}
			if m != want {
				t.Errorf("core got %+v\nwant %+v", m, want)
			}
		})
	}
}

func TestSocketDirectMessage(t *testing.T) {
	h := startSocket(t, nil, "")
	h.send("events_api", slackfake.EventPayload("EvDM1", dm("D0ALICE", "1700000200.000100", "who is Kolokoltsev")), 0)
	p := h.waitPosts(1)[0]
	if p.Channel != "D0ALICE" || p.ThreadTS != "" {
		t.Errorf("DM answer posted to %s thread %q, want D0ALICE top level", p.Channel, p.ThreadTS)
	}
	m := h.core.messages()[0]
	if !m.Direct || m.Thread != "" || m.Room != "D0ALICE" || m.Text != "who is Kolokoltsev" {
		t.Errorf("core got %+v", m)
	}
	if !strings.Contains(p.Text, "Did you mean") {
		t.Errorf("text fallback %q lacks the summary", p.Text)
	}
}

// TestSocketIgnoresNonQuestions sends everything the bot must not answer,
// then one question in the same channel: only that one is answered.
func TestSocketIgnoresNonQuestions(t *testing.T) {
	h := startSocket(t, nil, "")
	ignored := []map[string]any{
		{"type": "message", "channel_type": "channel", "user": "U0ALICE", "text": "just chatting", "ts": "1.1", "channel": "D0ALICE"},
		{"type": "message", "channel_type": "im", "subtype": "bot_message", "bot_id": "B0OTHER", "text": "beep", "ts": "1.2", "channel": "D0ALICE"},
		{"type": "message", "channel_type": "im", "user": "U0BOB", "bot_id": "B0OTHER", "text": "beep", "ts": "1.3", "channel": "D0ALICE"},
		{"type": "message", "channel_type": "im", "user": slackfake.BotUserID, "text": "my own answer", "ts": "1.4", "channel": "D0ALICE"},
		{"type": "message", "channel_type": "im", "subtype": "message_changed", "channel": "D0ALICE", "ts": "1.5",
			"message": map[string]any{"user": "U0ALICE", "text": "edited question", "ts": "1.0"}},
		{"type": "message", "channel_type": "im", "subtype": "message_deleted", "channel": "D0ALICE", "ts": "1.6", "deleted_ts": "1.0"},
		{"type": "app_mention", "user": "U0BOB", "bot_id": "B0OTHER", "text": "<@" + slackfake.BotUserID + "> hi", "ts": "1.7", "channel": "D0ALICE"},
		{"type": "reaction_added", "user": "U0ALICE", "reaction": "thumbsup", "item": map[string]any{"type": "message", "channel": "D0ALICE", "ts": "1.0"}, "event_ts": "1.8"},
	}
	for i, ev := range ignored {
		h.send("events_api", slackfake.EventPayload("EvIgn"+string(rune('a'+i)), ev), 0)
	}
	h.send("events_api", slackfake.EventPayload("EvReal", dm("D0ALICE", "2.0", "real question")), 0)
	posts := h.waitPosts(1)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 1 {
		t.Fatalf("%d posts, want 1: %+v", n, h.fake.Posts())
	}
	if got := h.core.messages(); len(got) != 1 || got[0].Text != "real question" {
		t.Fatalf("core got %+v, want only the real question", got)
	}
	if !strings.Contains(firstSectionText(t, posts[0].Blocks), "real question") {
		t.Errorf("answer %s", posts[0].Blocks)
	}
}

// TestSocketAnswersOnce covers Slack's redelivery of the same event and the
// app_mention + message.im double delivery of one message.
func TestSocketAnswersOnce(t *testing.T) {
	h := startSocket(t, nil, "")
	q := slackfake.EventPayload("EvOnce1", dm("D0ALICE", "1700000300.000100", "<@"+slackfake.BotUserID+"> first"))
	h.send("events_api", q, 0)
	h.send("events_api", q, 1) // retry, same event_id
	h.send("events_api", q, 2)
	// The same message delivered as app_mention and message.im.
	h.send("events_api", slackfake.EventPayload("EvOnce2", mention("D0ALICE", "1700000301.000100", "", "<@"+slackfake.BotUserID+"> second")), 0)
	h.send("events_api", slackfake.EventPayload("EvOnce3", dm("D0ALICE", "1700000301.000100", "<@"+slackfake.BotUserID+"> second")), 0)
	h.send("events_api", slackfake.EventPayload("EvOnce4", dm("D0ALICE", "1700000302.000100", "third")), 0)
	posts := h.waitPosts(3)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 3 {
		t.Fatalf("%d posts, want 3 (one per message)", n)
	}
	for i, want := range []string{"first", "second", "third"} {
		if got := firstSectionText(t, posts[i].Blocks); got != "Answer: "+want {
			t.Errorf("post %d = %q, want answer to %q", i, got, want)
		}
	}
	if !strings.Contains(h.logs.String(), "already answered") {
		t.Error("duplicates were not logged")
	}
}

// TestSocketDedupeSurvivesRestart replays an answered event to a new
// adapter process sharing the same state file.
func TestSocketDedupeSurvivesRestart(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	ev := slackfake.EventPayload("EvRestart", dm("D0ALICE", "1700000400.000100", "before restart"))

	h1 := startSocket(t, fake, path)
	h1.send("events_api", ev, 0)
	h1.waitPosts(1)
	h1.stop()
	h1.st.Close()

	h2 := startSocket(t, fake, path)
	h2.send("events_api", ev, 1)
	h2.send("events_api", slackfake.EventPayload("EvAfter", dm("D0ALICE", "1700000401.000100", "after restart")), 0)
	posts := h2.waitPosts(2)
	time.Sleep(50 * time.Millisecond)
	if n := len(h2.fake.Posts()); n != 2 || !strings.Contains(posts[1].Text, "after restart") {
		t.Fatalf("posts after restart: %+v", h2.fake.Posts())
	}
	if got := h2.core.messages(); len(got) != 1 {
		t.Fatalf("second process answered %d messages, want 1", len(got))
	}
}

func TestSocketSlashCommands(t *testing.T) {
	h := startSocket(t, nil, "")
	tests := []struct {
		command, text string
		wantCore      string
		wantType      string
		wantShare     bool
	}{
		{"/who-met", "Kolokoltsev", "/who-met Kolokoltsev", "ephemeral", true},
		{"/meetings", "Interpol 2021", "/meetings Interpol 2021", "ephemeral", true},
		{"/agreements", "", "/agreements", "ephemeral", true},
		{"/who-is", "Vladimir  Kolokoltsev", "/who-is Vladimir Kolokoltsev", "ephemeral", true},
		{"/topics", "", "/topics", "ephemeral", true},
		{"/sources", "", "/sources", "ephemeral", true},
		{"/liaison", "help", "help", "ephemeral", true},
		{"/liaison", "who met the FBI director?", "who met the FBI director?", "ephemeral", true},
		{"/who-met", "Kolokoltsev public", "/who-met Kolokoltsev", "in_channel", false},
		{"/liaison", "help PUBLIC", "help", "in_channel", false},
	}
	for i, tc := range tests {
		t.Run(tc.command+" "+tc.text, func(t *testing.T) {
			trigger := "trig-" + string(rune('a'+i))
			ack := h.send("slash_commands", slackfake.SlashPayload(tc.command, tc.text, "C0GENERAL", "U0ALICE", h.fake.ResponseURL(), trigger), 0)
			var w struct {
				Text         string          `json:"text"`
				ResponseType string          `json:"response_type"`
				Blocks       json.RawMessage `json:"blocks"`
			}
			if err := json.Unmarshal(ack.Payload, &w); err != nil {
				t.Fatalf("ack payload %s: %v", ack.Payload, err)
			}
			if w.ResponseType != tc.wantType || w.Text == "" {
				t.Errorf("ack = %s, want %s answer", ack.Payload, tc.wantType)
			}
			got := h.core.messages()
			if m := got[len(got)-1]; m.Text != tc.wantCore || m.Room != "C0GENERAL" || m.Sender != "U0ALICE" {
				t.Errorf("core got %+v, want text %q", m, tc.wantCore)
			}
			_, share := buttons(t, w.Blocks)[actionShare]
			if share != tc.wantShare {
				t.Errorf("share button present = %v, want %v", share, tc.wantShare)
			}
		})
	}
	// A redelivered command (same trigger) is not answered twice.
	n := len(h.core.messages())
	ack := h.send("slash_commands", slackfake.SlashPayload("/who-met", "again", "C0GENERAL", "U0ALICE", h.fake.ResponseURL(), "trig-a"), 1)
	if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Errorf("duplicate command acked with %s", ack.Payload)
	}
	if len(h.core.messages()) != n {
		t.Error("duplicate command reached the core")
	}
}

// TestSocketSlowSlashCommand: the ack goes out empty within the budget and
// the answer follows through response_url.
func TestSocketSlowSlashCommand(t *testing.T) {
	h := startSocket(t, nil, "")
	ru := h.fake.ResponseURL()
	start := time.Now()
	ack := h.send("slash_commands", slackfake.SlashPayload("/liaison", "slow question", "C0GENERAL", "U0ALICE", ru, "trig-slow"), 0)
	if took := time.Since(start); took > time.Second {
		t.Errorf("ack took %v", took)
	}
	if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Errorf("slow command acked with payload %s", ack.Payload)
	}
	p := h.waitPosts(1)[0]
	if p.Method != slackfake.MethodResponseURL || p.ResponseURL != ru || p.ResponseType != "ephemeral" {
		t.Fatalf("post = %+v", p)
	}
	if !strings.Contains(firstSectionText(t, p.Blocks), "slow question") {
		t.Errorf("answer blocks %s", p.Blocks)
	}
}

func TestSocketButtons(t *testing.T) {
	h := startSocket(t, nil, "")
	click := func(trigger, actionID, value string, container map[string]any, ru string) map[string]any {
		return map[string]any{
			"type": "block_actions", "trigger_id": trigger, "response_url": ru,
			"user":      map[string]any{"id": "U0ALICE", "name": "alice"},
			"channel":   map[string]any{"id": container["channel_id"]},
			"container": container,
			"message":   map[string]any{"ts": container["message_ts"], "thread_ts": container["thread_ts"]},
			"actions": []any{map[string]any{"type": "button", "action_id": actionID, "block_id": "b",
				"value": value, "action_ts": "1700000500.1"}},
		}
	}

	// A suggestion under a threaded answer: answered in the same thread.
	h.send("interactive", click("trig-1", "liaison_ask_0", "who met Vladimir Kolokoltsev?", map[string]any{
		"type": "message", "channel_id": "C0GENERAL", "message_ts": "1700000501.000100", "thread_ts": "1700000500.000100"}, h.fake.ResponseURL()), 0)
	p := h.waitPosts(1)[0]
	if p.Method != slackfake.MethodPostMessage || p.Channel != "C0GENERAL" || p.ThreadTS != "1700000500.000100" {
		t.Fatalf("suggestion answer = %+v", p)
	}
	if m := h.core.messages()[0]; m.Text != "who met Vladimir Kolokoltsev?" || m.Thread != "1700000500.000100" {
		t.Errorf("core got %+v", m)
	}

	// A suggestion on an ephemeral slash answer: replaces it, ephemeral.
	ru := h.fake.ResponseURL()
	h.send("interactive", click("trig-2", "liaison_ask_1", "/who-met Vladimir Kolokoltsev", map[string]any{
		"type": "message", "channel_id": "C0GENERAL", "message_ts": "1700000502.000100", "is_ephemeral": true}, ru), 0)
	p = h.waitPosts(2)[1]
	if p.Method != slackfake.MethodResponseURL || p.ResponseURL != ru || p.ResponseType != "ephemeral" || !p.ReplaceOriginal {
		t.Fatalf("ephemeral suggestion answer = %+v", p)
	}
	if _, ok := buttons(t, p.Blocks)[actionShare]; !ok {
		t.Error("ephemeral answer lacks the share button")
	}

	// Share in channel: posted publicly, ephemeral removed.
	ru = h.fake.ResponseURL()
	h.send("interactive", click("trig-3", actionShare, "/who-met Vladimir <Kolokoltsev>", map[string]any{
		"type": "message", "channel_id": "C0GENERAL", "message_ts": "1700000503.000100", "is_ephemeral": true}, ru), 0)
	posts := h.waitPosts(4)
	if p := posts[2]; p.ResponseType != "in_channel" || p.ReplaceOriginal || p.ResponseURL != ru {
		t.Errorf("shared answer = %+v", p)
	}
	if !strings.Contains(unJSON(posts[2].Blocks), "<@U0ALICE> asked: /who-met Vladimir &lt;Kolokoltsev&gt;") {
		t.Errorf("shared answer lacks the escaped question: %s", posts[2].Blocks)
	}
	if p := posts[3]; !p.DeleteOriginal || p.ResponseURL != ru {
		t.Errorf("ephemeral not deleted: %+v", p)
	}

	// The same click redelivered is ignored.
	h.send("interactive", click("trig-3", actionShare, "/who-met x", map[string]any{
		"type": "message", "channel_id": "C0GENERAL", "is_ephemeral": true}, ru), 1)
	h.send("events_api", slackfake.EventPayload("EvAfterClicks", mention("C0GENERAL", "1700000510.000100", "", "<@"+slackfake.BotUserID+"> done")), 0)
	h.waitPosts(5)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 5 {
		t.Errorf("%d posts, want 5", n)
	}
}

// TestSocketBurstWithRateLimit sends a burst of questions to one channel
// while Slack answers the first post with 429 Retry-After: 1; every
// question is answered, once, in order, and the 429 is waited out.
func TestSocketBurstWithRateLimit(t *testing.T) {
	h := startSocket(t, nil, "")
	h.fake.RateLimit(slackfake.MethodPostMessage, 1, 1)
	const n = 8
	start := time.Now()
	for i := range n {
		text := "question " + string(rune('A'+i))
		if i == 0 {
			text = "slow question A" // the first answer is also the slowest
		}
		ts := "1700000600.00010" + string(rune('0'+i))
		h.send("events_api", slackfake.EventPayload("EvBurst"+ts, mention("C0BUSY", ts, "", "<@"+slackfake.BotUserID+"> "+text)), 0)
	}
	posts := h.waitPosts(n)
	if took := time.Since(start); took < time.Second {
		t.Errorf("answers took %v; Retry-After: 1 was not honoured", took)
	}
	for i, p := range posts {
		want := "1700000600.00010" + string(rune('0'+i))
		if p.ThreadTS != want {
			t.Errorf("post %d answers %s, want %s (out of order)", i, p.ThreadTS, want)
		}
	}
	// Pacing holds after the 429 wait too: it counts from when a post
	// actually went out, not from when it was first planned.
	for i := 1; i < len(posts); i++ {
		if gap := posts[i].At.Sub(posts[i-1].At); gap < h.a.pace*8/10 {
			t.Errorf("posts %d and %d only %v apart (pace %v)", i-1, i, gap, h.a.pace)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if got := len(h.fake.Posts()); got != n {
		t.Errorf("%d posts, want %d", got, n)
	}
	if !strings.Contains(h.logs.String(), "rate limited") {
		t.Error("rate limit not logged")
	}
	if _, _, _, waits := h.obs.snapshot(); waits == 0 {
		t.Error("the 429 wait was not reported to the observer (metrics)")
	}
}

// TestSocketReconnects: Slack's disconnect request, a dropped TCP
// connection and a connection without pings all lead to a new connection
// that keeps answering.
func TestSocketReconnects(t *testing.T) {
	h := startSocket(t, nil, "")
	ask := func(i int) {
		ts := "1700000700.00010" + string(rune('0'+i))
		h.send("events_api", slackfake.EventPayload("EvRe"+ts, dm("D0ALICE", ts, "question "+ts)), 0)
		h.waitPosts(i + 1)
	}
	ask(0)
	if err := h.fake.Disconnect(); err != nil {
		t.Fatal(err)
	}
	if err := h.fake.WaitConnected(h.ctx(), 2); err != nil {
		t.Fatalf("no reconnect after disconnect: %v", err)
	}
	ask(1)
	h.fake.DropConnections()
	if err := h.fake.WaitConnected(h.ctx(), 3); err != nil {
		t.Fatalf("no reconnect after a dropped connection: %v", err)
	}
	ask(2)
	// A connection that stays open but no longer gets pings is abandoned.
	h.fake.StopPings()
	if err := h.fake.WaitConnected(h.ctx(), 4); err != nil {
		t.Fatalf("no reconnect after pings stopped: %v", err)
	}
	ask(3)
	if got := len(h.core.messages()); got != 4 {
		t.Errorf("core got %d questions, want 4", got)
	}
	if ups, downs, up, _ := h.obs.snapshot(); ups < 4 || downs < 3 || !up {
		t.Errorf("observer saw %d connects, %d disconnects, connected=%v; want >=4, >=3, true", ups, downs, up)
	}
}

// TestSocketNeutralisesMentions: markup in a question is shown, never
// executed, when the answer echoes it.
func TestSocketNeutralisesMentions(t *testing.T) {
	h := startSocket(t, nil, "")
	text := "<@" + slackfake.BotUserID + "> echo <!channel> <!here> <!everyone> @here @channel @everyone <@U0EVE> <@U0EVE|eve> <#C0SECRET|secret> <http://evil.example|click me> <!subteam^S0TEAM|@oncall> a &amp; b &lt;!here&gt;"
	h.send("events_api", slackfake.EventPayload("EvEcho", mention("C0GENERAL", "1700000800.000100", "", text)), 0)
	p := h.waitPosts(1)[0]
	wantCore := "echo @channel @here @everyone @here @channel @everyone @U0EVE @eve #secret click me @oncall a & b <!here>"
	if got := h.core.messages()[0].Text; got != wantCore {
		t.Errorf("core got %q\nwant      %q", got, wantCore)
	}
	out := p.Text + unJSON(p.Blocks)
	for _, bad := range []string{"<!", "<@U0EVE", "<#", "<http", "@here", "@channel", "@everyone", "<@"} {
		if strings.Contains(out, bad) {
			t.Errorf("answer contains %q: %s", bad, out)
		}
	}
	if !strings.Contains(out, "@\u200bhere") || !strings.Contains(out, "&lt;!here&gt;") {
		t.Errorf("answer lost the neutralised text: %s", out)
	}
}

func TestSocketCoreErrorIsOneSentence(t *testing.T) {
	h := startSocket(t, nil, "")
	h.send("events_api", slackfake.EventPayload("EvFail", dm("D0ALICE", "1700000900.000100", "please fail")), 0)
	p := h.waitPosts(1)[0]
	if want := bot.ErrorReply(errBoom).Summary; firstSectionText(t, p.Blocks) != want || p.Text != want {
		t.Errorf("user saw %q / %s, want %q", p.Text, p.Blocks, want)
	}
	if strings.Contains(string(p.Blocks), "fire") {
		t.Error("error details reached the user")
	}
	if logs := h.logs.String(); !strings.Contains(logs, "index on fire") || !strings.Contains(logs, "please fail") {
		t.Errorf("log lacks the error chain:\n%s", logs)
	}
}

func TestRunFailsForRejectedTokens(t *testing.T) {
	fake := startFake(t)
	tests := []struct {
		name          string
		bot, app      string
		wantInMessage string
	}{
		{"bot token rejected by auth.test", "xoxb-wrong", testAppToken, "auth.test"},
		{"app token rejected by apps.connections.open", testBotToken, "xapp-wrong", "invalid_auth"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuffer{}
			a := newAdapter(t, Config{BotToken: tc.bot, AppToken: tc.app, APIURL: fake.APIURL()}, openStore(t, ""), logs)
			ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
			defer cancel()
			err := a.Run(ctx, &testCore{})
			if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), tc.wantInMessage) {
				t.Fatalf("Run = %v, want a fatal error mentioning %q", err, tc.wantInMessage)
			}
			if strings.Contains(err.Error(), "wrong") || strings.Contains(logs.String(), "wrong") {
				t.Error("token leaked into the error or log")
			}
		})
	}
}

// TestRunFinishesInFlightAnswers cancels Run while an answer is being
// computed: Run returns nil only after posting it.
func TestRunFinishesInFlightAnswers(t *testing.T) {
	h := startSocket(t, nil, "")
	h.send("events_api", slackfake.EventPayload("EvInflight", dm("D0ALICE", "1700001000.000100", "slow one")), 0)
	time.Sleep(50 * time.Millisecond) // the core is now inside its 400ms answer
	h.stop()
	if n := len(h.fake.Posts()); n != 1 {
		t.Fatalf("%d posts after Run returned, want 1", n)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	st := openStore(t, "")
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"socket ok", Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, nil},
		{"http ok", Config{Mode: "http", BotToken: "xoxb-1", SigningSecret: "abc"}, nil},
		{"unknown mode", Config{Mode: "rtm", BotToken: "xoxb-1", AppToken: "xapp-1"}, ErrMode},
		{"missing bot token", Config{AppToken: "xapp-1"}, ErrBotToken},
		{"app token as bot token", Config{BotToken: "xapp-1", AppToken: "xapp-1"}, ErrBotToken},
		{"user token as bot token", Config{BotToken: "xoxp-1", AppToken: "xapp-1"}, ErrBotToken},
		{"bot token as app token", Config{BotToken: "xoxb-1", AppToken: "xoxb-1"}, ErrAppToken},
		{"missing app token", Config{BotToken: "xoxb-1"}, ErrAppToken},
		{"missing secret", Config{Mode: "http", BotToken: "xoxb-1"}, ErrSigningSecret},
		{"token as secret", Config{Mode: "http", BotToken: "xoxb-1", SigningSecret: "xoxb-1"}, ErrSigningSecret},
		{"bad API URL", Config{BotToken: "xoxb-1", AppToken: "xapp-1", APIURL: "http://127.0.0.1:1/api"}, ErrAPIURL},
		{"bad command", Config{BotToken: "xoxb-1", AppToken: "xapp-1", Commands: map[string]string{"who": "who-met"}}, ErrCommands},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(tc.cfg, st, nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("New = %v, want %v", err, tc.want)
			}
			if err == nil && a.Name() != "slack" {
				t.Errorf("Name = %q", a.Name())
			}
			if err != nil && strings.Contains(err.Error(), "-1") {
				t.Errorf("error %q echoes a token", err)
			}
		})
	}
	if _, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, nil, nil); !errors.Is(err, ErrNoStore) {
		t.Errorf("nil store: %v", err)
	}
}

func TestCustomCommandNames(t *testing.T) {
	a, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1",
		Commands: map[string]string{"/lwho": "who-met", "/ask": "liaison"}}, openStore(t, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ cmd, text, want string }{
		{"/lwho", "Smith", "/who-met Smith"},
		{"/ask", "who met Smith?", "who met Smith?"},
		{"/who-met", "Smith", "/who-met Smith"},
	} {
		m, _, ok := a.slashMessage(slackCommand(tc.cmd, tc.text))
		if !ok || m.Text != tc.want {
			t.Errorf("%s %s -> %q (%v), want %q", tc.cmd, tc.text, m.Text, ok, tc.want)
		}
	}
	if _, _, ok := a.slashMessage(slackCommand("/nope", "x")); ok {
		t.Error("unknown command accepted")
	}
}

// TestSlashPublicFlag: trailing "public" words, in any case and however
// many, make the answer public and are not part of the question; a
// "public" anywhere else is.
func TestSlashPublicFlag(t *testing.T) {
	a, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, openStore(t, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cmd, text, want string
		public          bool
	}{
		{"/who-met", "Smith", "/who-met Smith", false},
		{"/who-met", "Smith public", "/who-met Smith", true},
		{"/who-met", "Smith PUBLIC", "/who-met Smith", true},
		{"/liaison", "0 puBliC public", "0", true},
		{"/liaison", "public  Public\tpublic", "", true},
		{"/liaison", "public prosecutor office", "public prosecutor office", false},
		{"/liaison", "publicly", "publicly", false},
		{"/who-met", "public", "/who-met", true},
	} {
		m, public, ok := a.slashMessage(slackCommand(tc.cmd, tc.text))
		if !ok || m.Text != tc.want || public != tc.public {
			t.Errorf("%s %q -> %q public=%v (%v), want %q public=%v", tc.cmd, tc.text, m.Text, public, ok, tc.want, tc.public)
		}
	}
}

// TestRunWaitsForSlack: a rate-limited auth.test at start is waited out.
func TestRunWaitsForSlack(t *testing.T) {
	fake := startFake(t)
	fake.RateLimit("auth.test", 1, 1)
	start := time.Now()
	h := startSocket(t, fake, "")
	if took := time.Since(start); took < time.Second {
		t.Errorf("connected after %v, before Retry-After", took)
	}
	h.send("events_api", slackfake.EventPayload("EvWaited", dm("D0ALICE", "1700001100.000100", "hello")), 0)
	h.waitPosts(1)
}

// TestSocketExpiredResponseURL: when response_url is gone, a slow
// ephemeral answer still reaches the user through chat.postEphemeral.
func TestSocketExpiredResponseURL(t *testing.T) {
	h := startSocket(t, nil, "")
	h.send("slash_commands", slackfake.SlashPayload("/liaison", "slow but sure", "C0GENERAL", "U0ALICE", h.fake.ExpiredResponseURL(), "trig-exp"), 0)
	p := h.waitPosts(1)[0]
	if p.Method != slackfake.MethodPostEphemeral || p.Channel != "C0GENERAL" || p.User != "U0ALICE" {
		t.Fatalf("fallback post %+v", p)
	}
	if !strings.Contains(firstSectionText(t, p.Blocks), "slow but sure") {
		t.Errorf("fallback answer %s", p.Blocks)
	}
	if strings.Contains(h.logs.String(), "/response/expired") {
		t.Error("response_url reached the log")
	}
}
