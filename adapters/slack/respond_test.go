package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"liaison/bot"
	"liaison/internal/slackfake"
)

var errKilled = errors.New("the process was killed")

// killSwitch is the HTTP transport of an adapter whose process a test
// kills: once dead, nothing the adapter sends reaches Slack. With after >
// 0 it dies by itself at post number after+1 to a response_url, before
// sending it, as a process killed between two parts of an answer.
type killSwitch struct {
	after int

	mu   sync.Mutex
	n    int
	dead bool
	died chan struct{}
}

// startHeld starts a run with start (startSocketWith or startHTTPWith) on
// the store at path, whose core holds every answer until the test ends and
// whose calls to Slack go through the returned kill switch (cut only by
// kill): a run to kill between acknowledging and answering.
func startHeld[H any](t *testing.T, start func(*testing.T, *slackfake.Server, string, func(*harness)) H,
	fake *slackfake.Server, path string) (H, *killSwitch) {
	t.Helper()
	ks := newKillSwitch(0)
	hold := make(chan struct{})
	h := start(t, fake, path, func(h *harness) {
		h.a.hc.Transport = ks
		h.core.hold = hold
	})
	t.Cleanup(func() { close(hold) }) // runs before the run stops
	return h, ks
}

func newKillSwitch(after int) *killSwitch {
	return &killSwitch{after: after, died: make(chan struct{})}
}

func (k *killSwitch) RoundTrip(r *http.Request) (*http.Response, error) {
	k.mu.Lock()
	if !k.dead && k.after > 0 && strings.Contains(r.URL.Path, "/response/") {
		if k.n++; k.n > k.after {
			k.dieLocked()
		}
	}
	dead := k.dead
	k.mu.Unlock()
	if dead {
		return nil, errKilled
	}
	return http.DefaultTransport.RoundTrip(r)
}

func (k *killSwitch) kill() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.dieLocked()
}

func (k *killSwitch) dieLocked() {
	if !k.dead {
		k.dead = true
		close(k.died)
	}
}

// kill plays a SIGKILL of the harness's process: from now on nothing it
// does reaches Slack (its transport is dead, its websocket cut) or its
// state file (closed). Its goroutines linger until the test ends.
func (h *harness) kill(ks *killSwitch) {
	ks.kill()
	h.fake.DropConnections()
	h.st.Close()
	h.killed = true
}

// journal returns the journalled answers owed to a response_url.
func journal(t *testing.T, h *harness) [][2]string {
	t.Helper()
	rows, err := h.st.Scan(context.Background(), respondPrefix)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// noResponseURLs fails if a response_url (a credential) reached a log.
func noResponseURLs(t *testing.T, logs ...*syncBuffer) {
	t.Helper()
	for _, l := range logs {
		if s := l.String(); strings.Contains(s, "/response/") {
			t.Errorf("a response_url reached the log:\n%s", s)
		}
	}
}

// emptyAck fails unless a Socket Mode acknowledgement carries no answer.
func emptyAck(t *testing.T, ack slackfake.Ack) {
	t.Helper()
	if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Fatalf("acknowledged with %s, want an empty acknowledgement", ack.Payload)
	}
}

// TestSlashAnsweredOnceAfterKill: a slash command whose answer is not ready
// within the acknowledgement budget is acknowledged empty; the process is
// killed before the answer reaches the response_url. The next run answers
// it through that response_url, once, and refuses a redelivery.
func TestSlashAnsweredOnceAfterKill(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	h1, ks := startHeld(t, startSocketWith, fake, path)

	ru := fake.ResponseURL()
	cmd := slackfake.SlashPayload("/who-met", "held Smith", "C0GENERAL", "U0ALICE", ru, "trig-kill")
	emptyAck(t, h1.send("slash_commands", cmd, 0))
	left := journal(t, h1)
	if len(left) != 1 || !strings.Contains(left[0][1], "/who-met held Smith") || strings.Contains(left[0][1], "Answer:") {
		t.Fatalf("after the empty acknowledgement, journal = %v; want the unanswered command", left)
	}
	h1.kill(ks)
	if n := len(fake.Posts()); n != 0 {
		t.Fatalf("the killed run posted %d answers", n)
	}

	h2 := startSocket(t, fake, path)
	p := h2.waitPosts(1)[0]
	time.Sleep(150 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 {
		t.Fatalf("%d posts after restart, want 1: %+v", n, fake.Posts())
	}
	if p.Method != slackfake.MethodResponseURL || p.ResponseURL != ru || p.ResponseType != slack.ResponseTypeEphemeral || p.ReplaceOriginal {
		t.Errorf("recovered answer = %+v, want an ephemeral post to the command's response_url", p)
	}
	if got := firstSectionText(t, p.Blocks); got != "Answer: /who-met held Smith" {
		t.Errorf("recovered answer %q", got)
	}
	if _, ok := buttons(t, p.Blocks)[actionShare]; !ok {
		t.Error("recovered ephemeral answer lacks its Share button")
	}
	want := bot.Message{Platform: bot.PlatformSlack, Workspace: slackfake.TeamID, ID: "trig-kill", Text: "/who-met held Smith",
		Sender: "U0ALICE", SenderName: "someone", Room: "C0GENERAL"}
	if got := h2.core.messages(); len(got) != 1 {
		t.Fatalf("core asked %d times after restart, want 1", len(got))
	} else if got[0].Time.IsZero() {
		t.Error("the recovered message lost its time")
	} else if got[0].Time = (time.Time{}); got[0] != want {
		t.Errorf("core got %+v\nwant %+v", got[0], want)
	}
	if left := journal(t, h2); len(left) != 0 {
		t.Errorf("journal not emptied: %v", left)
	}
	if !strings.Contains(h2.logs.String(), "answering them now") {
		t.Error("recovery not logged")
	}
	// Slack's redelivery of the same command is refused.
	emptyAck(t, h2.send("slash_commands", cmd, 1))
	time.Sleep(100 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 || len(h2.core.messages()) != 1 {
		t.Errorf("redelivered command answered again: %d posts", n)
	}
	noResponseURLs(t, h1.logs, h2.logs)
}

// TestHTTPSlashAnsweredOnceAfterKill is the same in http mode, with real
// signed requests, a public answer, and the next run started with Run in
// http mode.
func TestHTTPSlashAnsweredOnceAfterKill(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	h1, ks := startHeld(t, startHTTPWith, fake, path)

	ru := fake.ResponseURL()
	form := []byte(slackfake.SlashForm("/liaison", "held question public", "C0GENERAL", "U0ALICE", ru, "trig-http-kill").Encode())
	if code, body := h1.post(PathCommands, "application/x-www-form-urlencoded", form, testSecret, time.Now(), nil); code != 200 || body != "" {
		t.Fatalf("slow command: %d %q, want an empty 200", code, body)
	}
	if left := journal(t, h1.harness); len(left) != 1 {
		t.Fatalf("journal after the acknowledgement: %v", left)
	}
	h1.kill(ks)

	h2, base := runHTTPMode(t, fake, path)
	p := h2.waitPosts(1)[0]
	time.Sleep(150 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 {
		t.Fatalf("%d posts after restart, want 1: %+v", n, fake.Posts())
	}
	if p.ResponseURL != ru || p.ResponseType != slack.ResponseTypeInChannel {
		t.Errorf("recovered answer = %+v, want a public post to the response_url", p)
	}
	if got := firstSectionText(t, p.Blocks); got != "Answer: held question" {
		t.Errorf("recovered answer %q", got)
	}
	if left := journal(t, h2); len(left) != 0 {
		t.Errorf("journal not emptied: %v", left)
	}
	// The same signed request replayed to the new run is refused.
	if code, body := signedPost(t, base+PathCommands, "application/x-www-form-urlencoded", form); code != 200 || body != "" {
		t.Errorf("replayed command: %d %q", code, body)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 || len(h2.core.messages()) != 1 {
		t.Errorf("replayed command answered again: %d posts, core asked %d times", n, len(h2.core.messages()))
	}
	noResponseURLs(t, h1.logs, h2.logs)
}

// TestSlashResumesInterruptedAnswer kills the process after two parts of a
// long answer reached the response_url. The next run sends only the
// missing parts of the same answer (without asking the core again) and
// stops at Slack's five posts per response_url.
func TestSlashResumesInterruptedAnswer(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	ks := newKillSwitch(2)
	h1 := startSocketWith(t, fake, path, func(h *harness) { h.a.hc.Transport = ks })
	ru := fake.ResponseURL()
	emptyAck(t, h1.send("slash_commands", slackfake.SlashPayload("/sources", "huge list", "C0GENERAL", "U0ALICE", ru, "trig-long"), 0))
	select {
	case <-ks.died:
	case <-time.After(waitLimit):
		t.Fatalf("the answer never reached its third part\n%s", h1.logs)
	}
	h1.kill(ks)
	if n := len(fake.Posts()); n != 2 {
		t.Fatalf("%d parts before the kill, want 2", n)
	}

	reply, _ := (&testCore{}).Answer(context.Background(), bot.Message{Text: "/sources huge list"})
	parts := render(reply, renderOpts{Share: "/sources huge list"})
	if len(parts) <= maxResponseURL {
		t.Fatalf("the answer has %d parts; the test needs more than a response_url takes (%d)", len(parts), maxResponseURL)
	}
	wantTotal := maxResponseURL

	h2 := startSocket(t, fake, path)
	posts := h2.waitPosts(wantTotal)
	time.Sleep(150 * time.Millisecond)
	if n := len(fake.Posts()); n != wantTotal {
		t.Fatalf("%d posts in all, want %d (2 before the kill, the rest after)", n, wantTotal)
	}
	for i, p := range posts {
		if p.ResponseURL != ru || p.ReplaceOriginal || sameJSON(t, p.Blocks, parts[i].Blocks) != "" {
			t.Errorf("post %d (to the command's URL: %v) is not part %d of the answer: %s", i, p.ResponseURL == ru, i+1, sameJSON(t, p.Blocks, parts[i].Blocks))
		}
	}
	if n := len(h2.core.messages()); n != 0 {
		t.Errorf("core asked %d times after restart; the recorded answer should be resumed", n)
	}
	if left := journal(t, h2); len(left) != 0 {
		t.Errorf("journal not emptied: %v", left)
	}
	if !strings.Contains(h2.logs.String(), "resuming an interrupted answer") {
		t.Error("resumption not logged")
	}
	noResponseURLs(t, h1.logs, h2.logs)
}

// TestSlashExpiredEntryDropped: of two commands a killed run left
// unanswered, the one whose response_url is past its 30 minutes is dropped
// with a log line; the other is answered.
func TestSlashExpiredEntryDropped(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	st := openStore(t, path)
	a := newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL()}, st, &syncBuffer{})
	stale, fresh := fake.ResponseURL(), fake.ResponseURL()
	for _, c := range []struct {
		trigger, url, text string
		age                time.Duration
	}{
		{"trig-stale", stale, "stale question", responseURLLifetime + time.Minute},
		{"trig-fresh", fresh, "fresh question", responseURLLifetime - 2*time.Minute},
	} {
		m := bot.Message{Platform: bot.PlatformSlack, ID: c.trigger, Text: c.text, Sender: "U0ALICE", Room: "C0GENERAL"}
		r := &response{ID: "cmd:" + c.trigger, Claims: []string{"slack:cmd:" + c.trigger}, What: "/liaison",
			Received: time.Now().Add(-c.age).UTC(), ResponseURL: c.url, Channel: "C0GENERAL", User: "U0ALICE",
			ResponseType: slack.ResponseTypeEphemeral, Message: m}
		if !a.journalResponse(context.Background(), r) {
			t.Fatal("fresh claim refused")
		}
	}
	st.Close()

	h := startSocket(t, fake, path)
	p := h.waitPosts(1)[0]
	time.Sleep(150 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 || p.ResponseURL != fresh || !strings.Contains(p.Text, "fresh question") {
		t.Fatalf("posts %+v, want only the fresh command's answer", fake.Posts())
	}
	if got := h.core.messages(); len(got) != 1 || got[0].Text != "fresh question" {
		t.Errorf("core got %+v, want only the fresh question", got)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "response_url expired") || !strings.Contains(logs, "what=/liaison") {
		t.Errorf("the dropped command was not logged:\n%s", logs)
	}
	if left := journal(t, h); len(left) != 0 {
		t.Errorf("journal not emptied: %v", left)
	}
	// The dropped command's claim stays: Slack's redelivery is not answered.
	emptyAck(t, h.send("slash_commands", slackfake.SlashPayload("/liaison", "stale question", "C0GENERAL", "U0ALICE", stale, "trig-stale"), 1))
	time.Sleep(100 * time.Millisecond)
	if n := len(fake.Posts()); n != 1 || len(h.core.messages()) != 1 {
		t.Errorf("redelivered expired command answered: %d posts", n)
	}
	noResponseURLs(t, h.logs)
}

// TestButtonsAnsweredOnceAfterKill: two clicks accepted and acknowledged
// by a run killed before answering them (a suggestion on an ephemeral
// answer, answered through response_url; a suggestion under a threaded
// answer, posted in the thread). The next run answers both, once each.
func TestButtonsAnsweredOnceAfterKill(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	h1, ks := startHeld(t, startSocketWith, fake, path)

	click := func(trigger, value string, container map[string]any, ru string) map[string]any {
		return map[string]any{
			"type": "block_actions", "trigger_id": trigger, "response_url": ru,
			"user": map[string]any{"id": "U0ALICE", "name": "alice"}, "channel": map[string]any{"id": container["channel_id"]},
			"container": container, "message": map[string]any{"ts": container["message_ts"], "thread_ts": container["thread_ts"]},
			"actions": []any{map[string]any{"type": "button", "action_id": "liaison_ask_0", "block_id": "b", "value": value,
				"action_ts": "1700009000.000200"}},
		}
	}
	ru := fake.ResponseURL()
	ephemeral := click("trig-eph", "held who met Smith?", map[string]any{"type": "message", "channel_id": "C0GENERAL",
		"message_ts": "1700009000.000100", "is_ephemeral": true}, ru)
	threaded := click("trig-thr", "held who met Jones?", map[string]any{"type": "message", "channel_id": "C0OTHER",
		"message_ts": "1700009001.000100", "thread_ts": "1700008999.000100"}, fake.ResponseURL())
	h1.send("interactive", ephemeral, 0)
	h1.send("interactive", threaded, 0)
	if left := journal(t, h1); len(left) != 1 {
		t.Errorf("response journal after the acknowledgements: %v", left)
	}
	if left, _ := h1.st.Scan(context.Background(), pendingPrefix); len(left) != 1 {
		t.Errorf("question journal after the acknowledgements: %v", left)
	}
	h1.kill(ks)

	h2 := startSocket(t, fake, path)
	posts := h2.waitPosts(2)
	time.Sleep(150 * time.Millisecond)
	if n := len(fake.Posts()); n != 2 {
		t.Fatalf("%d posts after restart, want 2: %+v", n, fake.Posts())
	}
	byMethod := map[string]slackfake.Post{}
	for _, p := range posts {
		byMethod[p.Method] = p
	}
	if p := byMethod[slackfake.MethodResponseURL]; p.ResponseURL != ru || !p.ReplaceOriginal || p.ResponseType != slack.ResponseTypeEphemeral ||
		!strings.Contains(p.Text, "held who met Smith?") {
		t.Errorf("ephemeral suggestion's answer = %+v", p)
	}
	p := byMethod[slackfake.MethodPostMessage]
	if p.Channel != "C0OTHER" || p.ThreadTS != "1700008999.000100" || !strings.Contains(p.Text, "held who met Jones?") {
		t.Errorf("threaded suggestion's answer = %+v", p)
	}
	var meta struct {
		EventType string `json:"event_type"`
	}
	if err := json.Unmarshal(p.Metadata, &meta); err != nil || meta.EventType != answerMetadataType {
		t.Errorf("threaded answer metadata %s", p.Metadata)
	}
	if n := len(h2.core.messages()); n != 2 {
		t.Errorf("core asked %d times after restart, want 2", n)
	}
	if left := journal(t, h2); len(left) != 0 {
		t.Errorf("response journal not emptied: %v", left)
	}
	// Redelivered clicks are refused.
	h2.send("interactive", ephemeral, 1)
	h2.send("interactive", threaded, 1)
	time.Sleep(100 * time.Millisecond)
	if n := len(fake.Posts()); n != 2 {
		t.Errorf("redelivered clicks answered again: %d posts", n)
	}
	noResponseURLs(t, h1.logs, h2.logs)
}

// TestSlashQuickAnswerLeavesNoJournal: an answer given in the
// acknowledgement (both modes) leaves nothing for the next start.
func TestSlashQuickAnswerLeavesNoJournal(t *testing.T) {
	h := startSocket(t, nil, "")
	ack := h.send("slash_commands", slackfake.SlashPayload("/who-met", "Smith", "C0GENERAL", "U0ALICE", h.fake.ResponseURL(), "trig-quick"), 0)
	if !strings.Contains(string(ack.Payload), "Answer: /who-met Smith") {
		t.Fatalf("ack %s, want the answer", ack.Payload)
	}
	hh := startHTTP(t)
	form := slackfake.SlashForm("/who-met", "Smith", "C0GENERAL", "U0ALICE", hh.fake.ResponseURL(), "trig-quick-http")
	if code, body := hh.post(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode()), testSecret, time.Now(), nil); code != 200 || !strings.Contains(body, "Answer: /who-met Smith") {
		t.Fatalf("http: %d %s", code, body)
	}
	// The entry is deleted just after the acknowledgement went out.
	for name, hr := range map[string]*harness{"socket": h, "http": hh.harness} {
		left := journal(t, hr)
		for deadline := time.Now().Add(2 * time.Second); len(left) != 0 && time.Now().Before(deadline); left = journal(t, hr) {
			time.Sleep(10 * time.Millisecond)
		}
		if len(left) != 0 {
			t.Errorf("%s: journal after an answer in the acknowledgement: %v", name, left)
		}
	}
	if n := len(h.fake.Posts()) + len(hh.fake.Posts()); n != 0 {
		t.Errorf("%d posts besides the acknowledgements", n)
	}
}

// runHTTPMode runs an adapter in http mode with Run (so it answers the
// journal first) on a free loopback port, with a store at storePath, and
// returns it with its base URL once it listens.
func runHTTPMode(t *testing.T, fake *slackfake.Server, storePath string) (*harness, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	h := &harness{t: t, fake: fake, st: openStore(t, storePath), core: &testCore{}, logs: &syncBuffer{}, done: make(chan error, 1), obs: &recordingObserver{}}
	h.a = newAdapter(t, Config{Mode: ModeHTTP, BotToken: testBotToken, SigningSecret: testSecret, APIURL: fake.APIURL(),
		ListenAddr: addr, Observer: h.obs}, h.st, h.logs)
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- h.a.Run(ctx, h.core) }()
	t.Cleanup(h.stop)
	for deadline := time.Now().Add(waitLimit); ; time.Sleep(10 * time.Millisecond) {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("http mode never listened: %v\n%s", err, h.logs)
		}
	}
	return h, "http://" + addr
}

// signedPost posts body to target with a valid Slack signature.
func signedPost(t *testing.T, target, contentType string, body []byte) (int, string) {
	t.Helper()
	if _, err := url.Parse(target); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range slackfake.Sign(testSecret, time.Now(), body) {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sameJSON returns "" when raw and v encode the same JSON, else both.
func sameJSON(t *testing.T, raw json.RawMessage, v any) string {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(raw, &a); err != nil {
		return "unreadable: " + string(raw)
	}
	_ = json.Unmarshal(want, &b)
	ga, _ := json.Marshal(a)
	gb, _ := json.Marshal(b)
	if string(ga) != string(gb) {
		return "got " + string(ga) + "\nwant " + string(gb)
	}
	return ""
}
