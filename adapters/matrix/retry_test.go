package matrix

import (
	"context"
	"errors"
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

// TestSyncBackoff: failed syncs wait exponentially up to the cap, as long
// as a rate limit asks, and M_UNKNOWN_TOKEN stops the loop.
func TestSyncBackoff(t *testing.T) {
	s := newSyncer(&syncStore{}, "@bot:localhost", slog.New(slog.DiscardHandler), 100*time.Millisecond, time.Second)
	var got []time.Duration
	for i := 0; i < 6; i++ {
		d, err := s.OnFailedSync(nil, errors.New("connection refused"))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d)
	}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Fatalf("backoff %v, want %v ms", got, want)
		}
	}

	limited := mautrix.HTTPError{
		Response:  &http.Response{StatusCode: 429, Header: http.Header{}},
		RespError: &mautrix.RespError{ErrCode: "M_LIMIT_EXCEEDED", StatusCode: 429, ExtraData: map[string]any{"retry_after_ms": float64(7500)}},
	}
	if d, err := s.OnFailedSync(nil, limited); err != nil || d != 7500*time.Millisecond {
		t.Errorf("rate-limited sync waits %v (%v), want 7.5s", d, err)
	}

	revoked := mautrix.HTTPError{RespError: &mautrix.RespError{ErrCode: "M_UNKNOWN_TOKEN", StatusCode: 401}}
	if _, err := s.OnFailedSync(nil, revoked); !errors.Is(err, mautrix.MUnknownToken) {
		t.Errorf("M_UNKNOWN_TOKEN did not stop the sync: %v", err)
	}
}
