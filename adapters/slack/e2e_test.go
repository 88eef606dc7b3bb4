package slack

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"liaison/bot"
	"liaison/corpus"
	"liaison/internal/slackfake"
	"liaison/knowledge"
)

// TestEndToEndRealCore runs the adapter over Socket Mode against the real
// core and the built-in corpus: a channel mention, a thread command, a
// slash command and a DM. Each posted answer must be exactly the rendering
// of the core's reply to the message the adapter built, and cite a release.
func TestEndToEndRealCore(t *testing.T) {
	ctx := context.Background()
	base, _, err := knowledge.LoadFS(ctx, corpus.FS)
	if err != nil {
		t.Fatalf("loading the built-in corpus: %v", err)
	}
	core := bot.New(base, bot.Options{Logger: slog.New(slog.DiscardHandler)})
	// reference answers from a second core instance: same corpus, own memory
	ref := bot.New(base, bot.Options{Logger: slog.New(slog.DiscardHandler)})

	fake := startFake(t)
	logs := &syncBuffer{}
	a := newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL()}, openStore(t, ""), logs)
	rec := &recordingAnswerer{next: core}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx, rec) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	wctx, wcancel := context.WithTimeout(ctx, waitLimit)
	defer wcancel()
	if err := fake.WaitConnected(wctx, 1); err != nil {
		t.Fatal(err)
	}
	send := func(typ string, payload any) slackfake.Ack {
		t.Helper()
		id, err := fake.Send(typ, payload, 0)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := fake.WaitAck(wctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return ack
	}
	bm := "<@" + slackfake.BotUserID + "> "

	// 1. Channel mention, answered in a thread.
	send("events_api", slackfake.EventPayload("EvE2E1", mention("C0GENERAL", "1700003000.000100", "", bm+"who met Kolokoltsev?")))
	// 2. !who-met inside that thread.
	send("events_api", slackfake.EventPayload("EvE2E2", mention("C0GENERAL", "1700003001.000100", "1700003000.000100", bm+"!who-met Kolokoltsev")))
	// 3. DM.
	send("events_api", slackfake.EventPayload("EvE2E3", dm("D0ALICE", "1700003002.000100", "who is Paula Risikko?")))
	posts, err := fake.WaitPosts(wctx, 3)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	// 4. Slash command, answered in the ack.
	ack := send("slash_commands", slackfake.SlashPayload("/who-met", "Kolokoltsev", "C0GENERAL", "U0ALICE", fake.ResponseURL(), "trig-e2e"))

	// Channels are answered concurrently; order the messages as sent.
	byText := map[string]bot.Message{}
	for _, m := range rec.messages() {
		byText[m.Text] = m
	}
	var got []bot.Message
	for _, text := range []string{"who met Kolokoltsev?", "!who-met Kolokoltsev", "who is Paula Risikko?", "/who-met Kolokoltsev"} {
		m, ok := byText[text]
		if !ok {
			t.Fatalf("core never got %q; it got %+v", text, rec.messages())
		}
		got = append(got, m)
	}
	if n := len(rec.messages()); n != 4 {
		t.Errorf("core got %d messages, want 4", n)
	}
	byChannel := map[string][]slackfake.Post{}
	for _, p := range posts {
		byChannel[p.Channel] = append(byChannel[p.Channel], p)
	}
	check := func(name string, m bot.Message, blocks json.RawMessage, opts renderOpts) {
		t.Helper()
		reply, err := ref.Answer(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(render(reply, opts)[0].Blocks)
		var a, b any
		_ = json.Unmarshal(want, &a)
		_ = json.Unmarshal(blocks, &b)
		wa, _ := json.Marshal(a)
		wb, _ := json.Marshal(b)
		if string(wa) != string(wb) {
			t.Errorf("%s: posted blocks differ from the core's reply\n got %s\nwant %s", name, wb, wa)
		}
		if !reply.Found || len(reply.Sources) == 0 {
			t.Errorf("%s: core found nothing: %+v", name, reply)
		}
		if !strings.Contains(string(blocks), `"context"`) {
			t.Errorf("%s: no sources block", name)
		}
	}
	c := byChannel["C0GENERAL"]
	if len(c) != 2 || c[0].ThreadTS != "1700003000.000100" || c[1].ThreadTS != "1700003000.000100" {
		t.Fatalf("channel posts %+v", c)
	}
	check("mention", got[0], c[0].Blocks, renderOpts{})
	check("!who-met in thread", got[1], c[1].Blocks, renderOpts{})
	if d := byChannel["D0ALICE"]; len(d) != 1 {
		t.Fatalf("DM posts %+v", d)
	} else {
		check("dm", got[2], d[0].Blocks, renderOpts{})
	}
	var w struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(ack.Payload, &w); err != nil {
		t.Fatalf("slash ack %s: %v", ack.Payload, err)
	}
	check("slash", got[3], w.Blocks, renderOpts{Share: got[3].Text})
	if !strings.Contains(unJSON(c[0].Blocks), "Kolokoltsev") {
		t.Errorf("mention answer does not name Kolokoltsev: %s", c[0].Blocks)
	}
}

// recordingAnswerer passes messages to next and records them.
type recordingAnswerer struct {
	next bot.Answerer
	rec  testCore
}

func (r *recordingAnswerer) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	r.rec.mu.Lock()
	r.rec.got = append(r.rec.got, m)
	r.rec.mu.Unlock()
	return r.next.Answer(ctx, m)
}

func (r *recordingAnswerer) messages() []bot.Message { return r.rec.messages() }
