package slack

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"liaison/bot"
	"liaison/internal/slackfake"
)

// TestPendingAnswersRecoveredOnce plays a run killed after it claimed and
// acknowledged three questions: the first answer was posted before the
// crash, the other two were not. The next run answers the two missing
// ones, in order, and does not post the first again.
func TestPendingAnswersRecoveredOnce(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "state.db")
	st := openStore(t, path)
	ctx := context.Background()
	a := newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL()}, st, &syncBuffer{})
	var ps []pending
	for i, text := range []string{"one", "two", "three"} {
		ts := "160000050" + string(rune('0'+i)) + ".000100"
		m := bot.Message{Platform: bot.PlatformSlack, ID: "EvP" + text, Text: text, Sender: "U0ALICE", Room: "C0GEN", Thread: ts}
		p := pending{Keys: []string{"slack:ev:EvP" + text, "slack:msg:C0GEN:" + ts}, Channel: "C0GEN", Thread: ts, TS: ts, Message: m}
		if !a.claimPending(ctx, p) {
			t.Fatal("fresh claim refused")
		}
		ps = append(ps, p)
	}
	// The crashed run had posted the first answer (with its metadata).
	if _, err := a.postMessage(ctx, "C0GEN", ps[0].Thread, outMsg{Text: "Answer: one"}, metadataOpt(ps[0], 0)); err != nil {
		t.Fatal(err)
	}
	st.Close()

	h := startSocket(t, fake, path)
	posts := h.waitPosts(3)
	time.Sleep(100 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 3 {
		t.Fatalf("%d posts, want 3 (one before the crash, two recovered)", n)
	}
	for i, want := range []string{"one", "two", "three"} {
		if !strings.Contains(posts[i].Text, "Answer: "+want) || posts[i].ThreadTS != ps[i].Thread {
			t.Errorf("post %d = %q in %q, want the answer to %q in its thread", i, posts[i].Text, posts[i].ThreadTS, want)
		}
		var meta struct {
			EventType    string         `json:"event_type"`
			EventPayload map[string]any `json:"event_payload"`
		}
		if err := json.Unmarshal(posts[i].Metadata, &meta); err != nil || meta.EventType != answerMetadataType || meta.EventPayload["question"] != ps[i].answerRef() {
			t.Errorf("post %d metadata %s", i, posts[i].Metadata)
		}
	}
	if got := h.core.messages(); len(got) != 3 {
		t.Errorf("core asked %d times, want 3 (the posted part is skipped, not the answer)", len(got))
	}
	if left, _ := h.st.Scan(context.Background(), pendingPrefix); len(left) != 0 {
		t.Errorf("journal not emptied: %v", left)
	}
	if !strings.Contains(h.logs.String(), "answering them now") {
		t.Error("recovery not logged")
	}
	// A redelivery of a recovered event is still refused.
	h.send("events_api", slackfake.EventPayload("EvPtwo", mention("C0GEN", ps[1].TS, "", "two")), 1)
	time.Sleep(100 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 3 {
		t.Errorf("redelivered event answered again: %d posts", n)
	}
}

// TestSocketAcksAfterJournal checks that an event is claimed and journalled
// before its envelope is acknowledged.
func TestSocketAcksAfterJournal(t *testing.T) {
	h := startSocket(t, nil, "")
	h.core = &testCore{}
	block := make(chan struct{})
	h.a.lanes = newLanes(func() (context.Context, context.CancelFunc) {
		<-block // hold every answer back
		return context.WithTimeout(context.Background(), time.Second)
	})
	defer close(block)
	h.send("events_api", slackfake.EventPayload("EvJ1", dm("D0ALICE", "1700000600.000100", "held")), 0)
	left, err := h.st.Scan(context.Background(), pendingPrefix)
	if err != nil || len(left) != 1 || !strings.Contains(left[0][1], "held") {
		t.Fatalf("after the ack, journal = %v, %v; want the question", left, err)
	}
}
