package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"liaison/bot"
	"liaison/internal/slackfake"
	"liaison/internal/store"
)

const (
	testBotToken = "xoxb-test-bot-token-SECRET"
	testAppToken = "xapp-test-app-token-SECRET"
	testSecret   = "signing-secret-SECRET"
	waitLimit    = 10 * time.Second
)

var errBoom = errors.New("index on fire")

// testCore is an Answerer that records every message and answers with a
// structured reply that depends on the text:
//
//	"fail"  -> an error
//	"slow"  -> waits 400ms first
//	"kolo"  -> a "did you mean" reply with two suggestions
//	"long"  -> 300 detail lines and 40 sources
//	"huge"  -> 300 sources (more parts than a response_url takes)
//	"echo"  -> Summary is the text itself (to check escaping)
//	"held"  -> waits until hold is closed, when hold is set
type testCore struct {
	mu   sync.Mutex
	got  []bot.Message
	hold chan struct{}
}

func (c *testCore) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	c.mu.Lock()
	c.got = append(c.got, m)
	c.mu.Unlock()
	t := strings.ToLower(m.Text)
	if c.hold != nil && strings.Contains(t, "held") {
		select {
		case <-c.hold:
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
	}
	switch {
	case strings.Contains(t, "fail"):
		return bot.Reply{}, fmt.Errorf("lookup %q: %w", m.Text, errBoom)
	case strings.Contains(t, "slow"):
		select {
		case <-time.After(400 * time.Millisecond):
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
	case strings.Contains(t, "kolo"):
		return bot.Reply{Intent: bot.IntentWhoMet, Summary: "I don't know “Kolo”. Did you mean one of these?",
			Suggestions: []bot.Suggestion{
				{Label: "Vladimir Kolokoltsev", Query: "who met Vladimir Kolokoltsev?"},
				{Label: "Kolo Touré", Query: "who met Kolo Touré?"},
			}}, nil
	case strings.Contains(t, "huge"):
		r := bot.Reply{Found: true, Intent: bot.IntentSources, Summary: "There are 300 sources."}
		for i := range 300 {
			r.Sources = append(r.Sources, bot.Source{Doc: fmt.Sprintf("%03d.txt", i), Title: fmt.Sprintf("Release %d", i),
				Date: "2024-02-03", Quote: fmt.Sprintf("Sentence number %d.", i)})
		}
		return r, nil
	case strings.Contains(t, "long"):
		r := bot.Reply{Found: true, Intent: bot.IntentMeetings, Summary: "There were 300 meetings."}
		for i := range 300 {
			r.Details = append(r.Details, fmt.Sprintf("%d. 2024-01-%02d: a delegation met counterparts to discuss cooperation against organised crime, drug trafficking & cyber fraud <line %d>", i+1, i%28+1, i))
		}
		for i := range 40 {
			r.Sources = append(r.Sources, bot.Source{Doc: fmt.Sprintf("%03d.txt", i), Title: fmt.Sprintf("Release %d", i),
				Date: "2024-02-03", Quote: strings.Repeat("A long quoted sentence. ", 40)})
		}
		return r, nil
	case strings.Contains(t, "echo"):
		return bot.Reply{Summary: m.Text, Details: []string{"Again: " + m.Text},
			Sources: []bot.Source{{Doc: "x.txt", Title: m.Text, Quote: m.Text}}}, nil
	}
	return bot.Reply{Found: true, Intent: bot.IntentWhoMet, Summary: "Answer: " + m.Text,
		Details: []string{"Met in Moscow."},
		Sources: []bot.Source{{Doc: "001.txt", Title: "Ministers meet", Date: "2021-03-04", Quote: "The ministers met in Moscow."}}}, nil
}

func (c *testCore) messages() []bot.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bot.Message(nil), c.got...)
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a running adapter in socket mode against a fake Slack.
type harness struct {
	t      *testing.T
	fake   *slackfake.Server
	st     *store.Store
	a      *Adapter
	core   *testCore
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	obs    *recordingObserver
	killed bool // by kill: Run's result no longer matters
}

func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "state.db")
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func startFake(t *testing.T) *slackfake.Server {
	t.Helper()
	f, err := slackfake.Start(slackfake.Options{BotToken: testBotToken, AppToken: testAppToken, PingInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return f
}

// newAdapter builds an adapter with short test timings.
func newAdapter(t *testing.T, cfg Config, st *store.Store, logs *syncBuffer) *Adapter {
	t.Helper()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := New(cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	a.pace = 5 * time.Millisecond
	a.ackBudget = 200 * time.Millisecond
	a.pingInterval = time.Second
	a.jobTimeout = 5 * time.Second
	return a
}

// startSocket runs an adapter in socket mode against fake (new when nil)
// with a store at storePath (temporary when "").
func startSocket(t *testing.T, fake *slackfake.Server, storePath string) *harness {
	t.Helper()
	return startSocketWith(t, fake, storePath, nil)
}

// startSocketWith is startSocket with prep called on the harness before
// Run starts (to swap the core's hold or the adapter's HTTP transport).
func startSocketWith(t *testing.T, fake *slackfake.Server, storePath string, prep func(*harness)) *harness {
	t.Helper()
	if fake == nil {
		fake = startFake(t)
	}
	h := &harness{t: t, fake: fake, st: openStore(t, storePath), core: &testCore{}, logs: &syncBuffer{}, done: make(chan error, 1), obs: &recordingObserver{}}
	h.a = newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL(), Observer: h.obs}, h.st, h.logs)
	if prep != nil {
		prep(h)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	before := fake.Connects()
	go func() { h.done <- h.a.Run(ctx, h.core) }()
	t.Cleanup(h.stop)
	wctx, wcancel := context.WithTimeout(context.Background(), waitLimit)
	defer wcancel()
	if err := fake.WaitConnected(wctx, before+1); err != nil {
		t.Fatalf("adapter did not connect: %v\nlogs:\n%s", err, h.logs)
	}
	return h
}

// stop cancels Run and checks it returns nil.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil && !h.killed {
			h.t.Errorf("Run returned %v after cancel", err)
		}
	case <-time.After(waitLimit):
		h.t.Error("Run did not return after cancel")
	}
	if strings.Contains(h.logs.String(), "SECRET") {
		h.t.Error("a token or secret reached the log")
	}
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	h.t.Cleanup(cancel)
	return ctx
}

// send sends an envelope and waits for its acknowledgement.
func (h *harness) send(typ string, payload any, retry int) slackfake.Ack {
	h.t.Helper()
	id, err := h.fake.Send(typ, payload, retry)
	if err != nil {
		h.t.Fatal(err)
	}
	ack, err := h.fake.WaitAck(h.ctx(), id)
	if err != nil {
		h.t.Fatalf("no ack for %s: %v\nlogs:\n%s", id, err, h.logs)
	}
	return ack
}

// waitPosts waits for exactly n posts (checking no more arrive shortly).
func (h *harness) waitPosts(n int) []slackfake.Post {
	h.t.Helper()
	posts, err := h.fake.WaitPosts(h.ctx(), n)
	if err != nil {
		h.t.Fatalf("%v\nlogs:\n%s", err, h.logs)
	}
	return posts
}

func mention(channel, ts, thread, text string) map[string]any {
	ev := map[string]any{"type": "app_mention", "user": "U0ALICE", "text": text, "ts": ts,
		"channel": channel, "event_ts": ts}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	return ev
}

func dm(channel, ts, text string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "user": "U0ALICE", "text": text,
		"ts": ts, "channel": channel, "event_ts": ts}
}

// blocksOf decodes a post's blocks.
func blocksOf(t *testing.T, raw json.RawMessage) []map[string]any {
	t.Helper()
	var b []map[string]any
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatalf("blocks %s: %v", raw, err)
	}
	return b
}

// firstSectionText is the text of the first section block.
func firstSectionText(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	for _, b := range blocksOf(t, raw) {
		if b["type"] == "section" {
			return b["text"].(map[string]any)["text"].(string)
		}
	}
	t.Fatalf("no section in %s", raw)
	return ""
}

// buttons returns action_id -> value of every button in blocks.
func buttons(t *testing.T, raw json.RawMessage) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, b := range blocksOf(t, raw) {
		if b["type"] != "actions" {
			continue
		}
		for _, e := range b["elements"].([]any) {
			el := e.(map[string]any)
			v, _ := el["value"].(string)
			out[el["action_id"].(string)] = v
		}
	}
	return out
}

func slackCommand(cmd, text string) slack.SlashCommand {
	return slack.SlashCommand{Command: cmd, Text: text, ChannelID: "C0GENERAL", UserID: "U0ALICE"}
}

// unJSON undoes JSON's escaping of <, >, & and U+200B in raw, so tests can
// look for Slack markup in it.
func unJSON(raw json.RawMessage) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&", `\u200b`, "\u200b").Replace(string(raw))
}

// recordingObserver records what the adapter reports for health and metrics.
type recordingObserver struct {
	mu    sync.Mutex
	ups   int
	downs int
	up    bool
	waits []time.Duration
}

func (o *recordingObserver) Connected(_ string, up bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if up {
		o.ups++
	} else {
		o.downs++
	}
	o.up = up
}

func (o *recordingObserver) RateLimited(_ string, d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waits = append(o.waits, d)
}

func (o *recordingObserver) snapshot() (ups, downs int, up bool, waits int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.ups, o.downs, o.up, len(o.waits)
}
