package matrix

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
)

// TestBacklogBeyondSyncLimit: while the bot is down, 70 questions arrive
// in one room, more than one sync returns for a room (50). After the
// restart every one of them is answered, once and in order.
func TestBacklogBeyondSyncLimit(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	const n = 70
	var qs []id.EventID
	for i := range n {
		qs = append(qs, ann.say(dm, fmt.Sprintf("backlog %02d", i)))
	}
	b.start()
	for i := range n {
		if m := b.ans.next(t); m.Text != fmt.Sprintf("backlog %02d", i) {
			t.Fatalf("question %d: the core got %q", i, m.Text)
		}
	}
	for i := range n {
		checkAnswer(t, ann.next(), qs[i], fmt.Sprintf("backlog %02d", i))
	}
	ann.quiet(500 * time.Millisecond)
}

// TestUnsentAnswerIsSyncedAgain: the homeserver refuses (500) every
// answer for longer than the bot may spend on one. The batch's sync token
// is not saved and Run stops with ErrUnsent; the next run syncs the batch
// again and answers the question, once.
func TestUnsentAnswerIsSyncedAgain(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	target, _ := url.Parse(srv.URL)
	rp := httputil.NewSingleHostReverseProxy(target)
	var refuse atomic.Bool
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse.Load() && strings.Contains(r.URL.Path, "/send/m.room.message/liaison-") {
			http.Error(w, `{"errcode":"M_UNKNOWN","error":"database is locked"}`, http.StatusInternalServerError)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	b := newBot(t, srv, func(c *Config) { c.Homeserver = proxy.URL })
	b.tweak = func(a *Adapter) { a.answerTimeout = 2 * time.Second; a.httpBackoff = 100 * time.Millisecond }
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting

	refuse.Store(true)
	q := ann.say(dm, "refused at first")
	if m := b.ans.next(t); m.Text != "refused at first" {
		t.Fatalf("core got %q", m.Text)
	}
	select {
	case err := <-b.done:
		if !errors.Is(err, ErrUnsent) {
			t.Fatalf("Run returned %v, want ErrUnsent", err)
		}
		b.cancel = nil
	case <-time.After(wait):
		t.Fatal("Run kept going after an answer could not be sent")
	}
	refuse.Store(false)
	b.start()
	if m := b.ans.next(t); m.Text != "refused at first" {
		t.Fatalf("after the restart the core got %q", m.Text)
	}
	checkAnswer(t, ann.next(), q, "refused at first")
	ann.quiet(time.Second)
}
