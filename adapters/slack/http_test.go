package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"liaison/internal/slackfake"
)

// httpHarness serves Handler on a loopback test server.
type httpHarness struct {
	*harness
	srv *httptest.Server
}

func startHTTP(t *testing.T) *httpHarness {
	t.Helper()
	return startHTTPWith(t, startFake(t), "", nil)
}

// startHTTPWith is startHTTP against fake, with a store at storePath
// (temporary when "") and prep called on the harness before serving.
func startHTTPWith(t *testing.T, fake *slackfake.Server, storePath string, prep func(*harness)) *httpHarness {
	t.Helper()
	h := &harness{t: t, fake: fake, st: openStore(t, storePath), core: &testCore{}, logs: &syncBuffer{}}
	h.a = newAdapter(t, Config{Mode: ModeHTTP, BotToken: testBotToken, SigningSecret: testSecret, APIURL: fake.APIURL()}, h.st, h.logs)
	if prep != nil {
		prep(h)
	}
	srv := httptest.NewServer(h.a.Handler(h.core))
	t.Cleanup(func() {
		srv.Close()
		h.a.wait()
		if strings.Contains(h.logs.String(), "SECRET") {
			t.Error("a token or secret reached the log")
		}
	})
	return &httpHarness{harness: h, srv: srv}
}

// post sends body to path signed with secret at ts, plus extra headers.
func (h *httpHarness) post(path, contentType string, body []byte, secret string, ts time.Time, extra http.Header) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range slackfake.Sign(secret, ts, body) {
		req.Header[k] = v
	}
	for k, v := range extra {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func eventBody(t *testing.T, eventID string, inner map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(slackfake.EventPayload(eventID, inner))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHTTPURLVerification(t *testing.T) {
	h := startHTTP(t)
	body := []byte(`{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	code, got := h.post(PathEvents, "application/json", body, testSecret, time.Now(), nil)
	if code != http.StatusOK || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %q", code, got)
	}
}

// TestHTTPSignatures sends one event per case; only validly signed, fresh
// requests are processed, everything else gets 401 and reaches nobody.
func TestHTTPSignatures(t *testing.T) {
	h := startHTTP(t)
	tests := []struct {
		name     string
		tamper   func(body []byte) []byte
		secret   string
		ts       time.Time
		headers  http.Header
		wantCode int
	}{
		{name: "valid", secret: testSecret, ts: time.Now(), wantCode: 200},
		{name: "tampered body", secret: testSecret, ts: time.Now(), wantCode: 401,
			tamper: func(b []byte) []byte { return bytes.Replace(b, []byte("question"), []byte("questiom"), 1) }},
		{name: "wrong secret", secret: "not-the-secret", ts: time.Now(), wantCode: 401},
		{name: "stale timestamp", secret: testSecret, ts: time.Now().Add(-6 * time.Minute), wantCode: 401},
		{name: "future timestamp", secret: testSecret, ts: time.Now().Add(6 * time.Minute), wantCode: 401},
		{name: "garbage signature", secret: testSecret, ts: time.Now(), wantCode: 401,
			headers: http.Header{"X-Slack-Signature": {"v0=zz"}}},
		{name: "no signature", secret: testSecret, ts: time.Now(), wantCode: 401,
			headers: http.Header{"X-Slack-Signature": {""}}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := "1700002000.00010" + string(rune('0'+i))
			body := eventBody(t, "EvSig"+ts, dm("D0ALICE", ts, "question "+tc.name))
			signed := body
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+PathEvents, nil)
			for k, v := range slackfake.Sign(tc.secret, tc.ts, signed) {
				req.Header[k] = v
			}
			for k, v := range tc.headers {
				req.Header[k] = v
			}
			if tc.tamper != nil {
				body = tc.tamper(body)
			}
			req.Body = io.NopCloser(bytes.NewReader(body))
			req.ContentLength = int64(len(body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantCode {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantCode)
			}
		})
	}
	h.waitPosts(1)
	time.Sleep(50 * time.Millisecond)
	if got := h.core.messages(); len(got) != 1 || got[0].Text != "question valid" {
		t.Errorf("core got %+v, want only the valid request", got)
	}
	if n := len(h.fake.Posts()); n != 1 {
		t.Errorf("%d posts, want 1", n)
	}
}

// TestHTTPReplayAndRetries: a captured valid request replayed, and Slack's
// retries (X-Slack-Retry-Num) of the same event, are answered once.
func TestHTTPReplayAndRetries(t *testing.T) {
	h := startHTTP(t)
	body := eventBody(t, "EvReplay", mention("C0GENERAL", "1700002100.000100", "", "<@"+slackfake.BotUserID+"> who met Smith?"))
	at := time.Now()
	for i := range 3 {
		var extra http.Header
		if i > 0 {
			extra = http.Header{"X-Slack-Retry-Num": {string(rune('0' + i))}, "X-Slack-Retry-Reason": {"http_timeout"}}
		}
		if code, _ := h.post(PathEvents, "application/json", body, testSecret, at, extra); code != 200 {
			t.Fatalf("delivery %d: status %d", i, code)
		}
	}
	// The double delivery of the same message as message.im.
	h.post(PathEvents, "application/json", eventBody(t, "EvReplay2", dm("C0GENERAL", "1700002100.000100", "who met Smith?")), testSecret, at, nil)
	p := h.waitPosts(1)[0]
	time.Sleep(100 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 1 {
		t.Fatalf("%d answers to one event", n)
	}
	if p.ThreadTS != "1700002100.000100" || !strings.Contains(p.Text, "who met Smith?") {
		t.Errorf("answer %+v", p)
	}
}

func TestHTTPRefusesOversizedBodies(t *testing.T) {
	h := startHTTP(t)
	big := append([]byte(`{"type":"event_callback","pad":"`), bytes.Repeat([]byte("x"), MaxBodyBytes+10)...)
	big = append(big, `"}`...)
	// Declared length over the limit.
	if code, _ := h.post(PathEvents, "application/json", big, testSecret, time.Now(), nil); code != http.StatusRequestEntityTooLarge {
		t.Errorf("declared oversized body: status %d, want 413", code)
	}
	// Chunked, no declared length: cut off while reading.
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+PathEvents, io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	for k, v := range slackfake.Sign(testSecret, time.Now(), big) {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked oversized body: status %d, want 413", resp.StatusCode)
	}
	if len(h.core.messages()) != 0 {
		t.Error("oversized request processed")
	}
}

func TestHTTPSlashCommand(t *testing.T) {
	h := startHTTP(t)
	form := slackfake.SlashForm("/who-met", "Kolokoltsev", "C0GENERAL", "U0ALICE", h.fake.ResponseURL(), "trig-http-1")
	code, body := h.post(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode()), testSecret, time.Now(), nil)
	if code != 200 {
		t.Fatalf("status %d %s", code, body)
	}
	var w struct {
		ResponseType string          `json:"response_type"`
		Text         string          `json:"text"`
		Blocks       json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		t.Fatalf("response %q: %v", body, err)
	}
	if w.ResponseType != "ephemeral" || !strings.Contains(w.Text, "Did you mean") {
		t.Errorf("response %s", body)
	}
	if m := h.core.messages()[0]; m.Text != "/who-met Kolokoltsev" {
		t.Errorf("core got %q", m.Text)
	}

	// Slow: empty 200 at once, answer through response_url.
	ru := h.fake.ResponseURL()
	form = slackfake.SlashForm("/liaison", "slow thing public", "C0GENERAL", "U0ALICE", ru, "trig-http-2")
	start := time.Now()
	code, body = h.post(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode()), testSecret, time.Now(), nil)
	if code != 200 || body != "" || time.Since(start) > time.Second {
		t.Errorf("slow command: %d %q after %v", code, body, time.Since(start))
	}
	p := h.waitPosts(1)[0]
	if p.ResponseURL != ru || p.ResponseType != "in_channel" {
		t.Errorf("slow answer %+v", p)
	}

	// Tampered form: refused.
	form.Set("text", "something else")
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+PathCommands, strings.NewReader(form.Encode()))
	for k, v := range slackfake.Sign(testSecret, time.Now(), []byte("original")) {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("tampered command: %d", resp.StatusCode)
	}
}

func TestHTTPInteractive(t *testing.T) {
	h := startHTTP(t)
	ru := h.fake.ResponseURL()
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "trigger_id": "trig-http-click", "response_url": ru,
		"user":      map[string]any{"id": "U0ALICE"},
		"container": map[string]any{"type": "message", "channel_id": "C0GENERAL", "message_ts": "1.1", "is_ephemeral": true},
		"actions":   []any{map[string]any{"type": "button", "block_id": "liaison_suggest_0", "action_id": "liaison_ask_0", "value": "who met Smith?", "action_ts": "1.2"}},
	})
	form := url.Values{"payload": {string(payload)}}
	body := []byte(form.Encode())
	for range 2 { // the second is a replay
		if code, _ := h.post(PathInteractive, "application/x-www-form-urlencoded", body, testSecret, time.Now(), nil); code != 200 {
			t.Fatalf("status %d", code)
		}
	}
	p := h.waitPosts(1)[0]
	if p.ResponseURL != ru || !p.ReplaceOriginal || !strings.Contains(p.Text, "who met Smith?") {
		t.Errorf("click answer %+v", p)
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 1 {
		t.Errorf("%d posts, want 1", n)
	}
}

func TestHTTPMethodAndPath(t *testing.T) {
	h := startHTTP(t)
	resp, err := http.Get(h.srv.URL + PathEvents)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET %s: %d", PathEvents, resp.StatusCode)
	}
	if code, _ := h.post("/slack/other", "application/json", []byte("{}"), testSecret, time.Now(), nil); code != http.StatusNotFound {
		t.Errorf("unknown path: %d", code)
	}
}

// TestRunHTTPMode runs the adapter in http mode on a loopback port and
// answers an event end to end.
func TestRunHTTPMode(t *testing.T) {
	fake := startFake(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logs := &syncBuffer{}
	core := &testCore{}
	a := newAdapter(t, Config{Mode: ModeHTTP, BotToken: testBotToken, SigningSecret: testSecret, APIURL: fake.APIURL(), ListenAddr: addr}, openStore(t, ""), logs)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, core) }()

	body := eventBody(t, "EvRunHTTP", dm("D0ALICE", "1700002200.000100", "over http"))
	var resp *http.Response
	for deadline := time.Now().Add(waitLimit); ; {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+PathEvents, bytes.NewReader(body))
		for k, v := range slackfake.Sign(testSecret, time.Now(), body) {
			req.Header[k] = v
		}
		resp, err = http.DefaultClient.Do(req)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	wctx, wcancel := context.WithTimeout(context.Background(), waitLimit)
	defer wcancel()
	posts, err := fake.WaitPosts(wctx, 1)
	if err != nil || posts[0].Channel != "D0ALICE" {
		t.Fatalf("posts %+v: %v", posts, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
}

// TestHTTPUnknownIdentityAsksForRetry: mounted without Run, the handler
// learns the bot's identity on the first event; if Slack cannot be asked,
// in time (a rate limit longer than Slack waits for the response), it
// answers 503 within Slack's 3 s so that Slack redelivers, and the
// redelivery is answered.
func TestHTTPUnknownIdentityAsksForRetry(t *testing.T) {
	h := startHTTP(t)
	h.fake.RateLimit("auth.test", 1, 5)
	body := eventBody(t, "EvIdentity", dm("D0ALICE", "1700002300.000100", "who are you"))
	start := time.Now()
	if code, _ := h.post(PathEvents, "application/json", body, testSecret, time.Now(), nil); code != http.StatusServiceUnavailable {
		t.Fatalf("first delivery: %d, want 503", code)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the refusal took %v, longer than Slack waits", took)
	}
	if code, _ := h.post(PathEvents, "application/json", body, testSecret, time.Now(), http.Header{"X-Slack-Retry-Num": {"1"}}); code != 200 {
		t.Fatalf("retry: %d", code)
	}
	if p := h.waitPosts(1)[0]; p.Channel != "D0ALICE" {
		t.Errorf("answer %+v", p)
	}
}
