package matrix

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
)

// TestSendRetries runs send against a loopback server that fails with a
// 500, then a 429 carrying only retry_after_ms (as Dendrite does), then
// succeeds: the send goes through, waits as asked, and every attempt uses
// the same transaction ID so the server keeps one event.
func TestSendRetries(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		times = append(times, time.Now())
		n := len(paths)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch n {
		case 1:
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"errcode":"M_UNKNOWN","error":"boom"}`)
		case 2:
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"errcode":"M_LIMIT_EXCEEDED","error":"slow down","retry_after_ms":1200}`)
		default:
			io.WriteString(w, `{"event_id":"$sent"}`)
		}
	}))
	defer srv.Close()

	cli, err := mautrix.NewClient(srv.URL, "@bot:localhost", "token")
	if err != nil {
		t.Fatal(err)
	}
	var asked time.Duration
	cli.Client = &http.Client{Transport: retryAfterTransport{base: http.DefaultTransport, limited: func(d time.Duration) { asked = d }}}
	cli.DefaultHTTPRetries = 4
	cli.DefaultHTTPBackoff = 10 * time.Millisecond
	a := &Adapter{log: slog.New(slog.DiscardHandler), httpBackoff: 10 * time.Millisecond}
	r := &runner{a: a, cli: cli}

	resp, err := r.send(context.Background(), "!room:localhost", noticeContent("hi", "", ""), "liaison-$q")
	if err != nil {
		t.Fatal(err)
	}
	if resp.EventID != "$sent" {
		t.Errorf("event ID %q", resp.EventID)
	}
	if len(paths) != 3 {
		t.Fatalf("%d requests, want 3", len(paths))
	}
	if paths[0] != paths[1] || paths[1] != paths[2] {
		t.Errorf("retries changed the transaction: %q", paths)
	}
	if asked != 1200*time.Millisecond {
		t.Errorf("transport saw retry_after_ms %v", asked)
	}
	if gap := times[2].Sub(times[1]); gap < 1200*time.Millisecond {
		t.Errorf("retried after %v, the server asked for 1.2 s", gap)
	}
}

// TestNotTransient: client errors are not retried.
func TestNotTransient(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"errcode":"M_FORBIDDEN","error":"not in room"}`)
	}))
	defer srv.Close()
	cli, _ := mautrix.NewClient(srv.URL, "@bot:localhost", "token")
	cli.DefaultHTTPRetries = 4
	r := &runner{a: &Adapter{log: slog.New(slog.DiscardHandler), httpBackoff: time.Millisecond}, cli: cli}
	_, err := r.send(context.Background(), "!room:localhost", &event.MessageEventContent{MsgType: event.MsgNotice, Body: "x"}, "")
	if err == nil || calls != 1 {
		t.Errorf("err %v after %d calls, want an error after 1", err, calls)
	}
}
