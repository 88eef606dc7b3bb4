package slack

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"liaison/internal/feedback"
	"liaison/internal/slackfake"
)

// withFeedback is a startSocketWith prep that turns feedback on over the
// harness's store; the book is put in *book.
func withFeedback(t *testing.T, book **feedback.Book) func(*harness) {
	return func(h *harness) {
		b, err := feedback.Open(context.Background(), h.st, feedback.Options{})
		if err != nil {
			t.Fatal(err)
		}
		h.a.cfg.Feedback = b
		*book = b
	}
}

// entries lists the stored ratings, newest first.
func entries(t *testing.T, b *feedback.Book) []feedback.Entry {
	t.Helper()
	es, err := b.List(context.Background(), feedback.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// eventuallyT polls cond until it holds or waitLimit passes.
func eventuallyT(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSocketFeedback: answers carry 👍/👎 buttons; a 👎 click (delivered
// twice) is stored once and opens the form once; the form (submitted
// twice) adds its text once; a 👍 reaction (delivered twice) on the answer
// counts once and removing it takes it back; a 👎 reaction offers the
// form; reactions on other messages, by the bot, or of other emoji, and
// error replies, get nothing.
func TestSocketFeedback(t *testing.T) {
	var book *feedback.Book
	h := startSocketWith(t, nil, "", withFeedback(t, &book))

	h.send("events_api", slackfake.EventPayload("EvFb1", mention("C0GENERAL", "1700004000.000100", "", "<@"+slackfake.BotUserID+"> who met Smith?")), 0)
	h.send("events_api", slackfake.EventPayload("EvFb2", dm("D0ALICE", "1700004001.000100", "fail please")), 0)
	posts := h.waitPosts(2)
	var answer, failed slackfake.Post
	for _, p := range posts {
		if p.Channel == "C0GENERAL" {
			answer = p
		} else {
			failed = p
		}
	}
	ref := buttons(t, answer.Blocks)[actionGood]
	if ref == "" || buttons(t, answer.Blocks)[actionBad] != ref {
		t.Fatalf("answer lacks the rating buttons: %s", answer.Blocks)
	}
	if bs := buttons(t, failed.Blocks); len(bs) != 0 {
		t.Errorf("an error reply has buttons %v", bs)
	}

	// 👎 button, clicked once and delivered twice.
	click := slackfake.ButtonClick("U0ALICE", "C0GENERAL", answer.TS, answer.ThreadTS, actionBad, ref, "trig-bad", h.fake.ResponseURL())
	h.send("interactive", click, 0)
	h.send("interactive", click, 1)
	views, err := h.fake.WaitViews(h.ctx(), 1)
	if err != nil {
		t.Fatalf("%v\n%s", err, h.logs)
	}
	v := views[0]
	if v.CallbackID != viewFeedback || v.PrivateMetadata != ref || !strings.Contains(string(v.Blocks), "who met Smith?") {
		t.Errorf("form = %+v %s", v, v.Blocks)
	}
	if es := entries(t, book); len(es) != 1 || es[0].Rating != feedback.Bad || es[0].Question != "who met Smith?" ||
		es[0].Answer != "Answer: who met Smith?\nMet in Moscow." || len(es[0].Sources) != 1 || es[0].Room != "C0GENERAL" {
		t.Fatalf("after the 👎 click: %+v", es)
	}

	// The form, submitted (and delivered) twice.
	form := slackfake.FormSubmission("U0ALICE", v, blockComment, inputComment, "The meeting was in Oslo.")
	if ack := h.send("interactive", form, 0); len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Errorf("form acknowledged with %s, want an empty acknowledgement (closes the form)", ack.Payload)
	}
	h.send("interactive", form, 1)
	if es := entries(t, book); len(es) != 1 || es[0].Comment != "The meeting was in Oslo." || es[0].Via != feedback.ViaForm {
		t.Fatalf("after the form: %+v", es)
	}

	// 👍 reaction by someone else, delivered twice; noise around it.
	react := slackfake.EventPayload("EvReact1", slackfake.Reaction(true, "U0BOB", "+1::skin-tone-3", "C0GENERAL", answer.TS, slackfake.BotUserID))
	h.send("events_api", react, 0)
	h.send("events_api", react, 1)
	h.send("events_api", slackfake.EventPayload("EvReact2", slackfake.Reaction(true, "U0BOB", "heart", "C0GENERAL", answer.TS, slackfake.BotUserID)), 0)
	h.send("events_api", slackfake.EventPayload("EvReact3", slackfake.Reaction(true, slackfake.BotUserID, "thumbsup", "C0GENERAL", answer.TS, slackfake.BotUserID)), 0)
	h.send("events_api", slackfake.EventPayload("EvReact4", slackfake.Reaction(true, "U0BOB", "thumbsdown", "C0GENERAL", "1700004000.000100", "U0ALICE")), 0)
	es := entries(t, book)
	if len(es) != 2 || es[0].Rating != feedback.Good || es[0].Via != feedback.ViaReaction || es[0].User == es[1].User {
		t.Fatalf("after the reactions: %+v", es)
	}

	// 👎 reaction: the person is offered the form; its button opens it.
	before := len(h.fake.Posts())
	h.send("events_api", slackfake.EventPayload("EvReact5", slackfake.Reaction(true, "U0DAVE", "-1", "C0GENERAL", answer.TS, slackfake.BotUserID)), 0)
	offer := h.waitPosts(before + 1)[before]
	if offer.Method != slackfake.MethodPostEphemeral || offer.User != "U0DAVE" || offer.ThreadTS != answer.ThreadTS || buttons(t, offer.Blocks)[actionWhy] != ref {
		t.Fatalf("offer after a 👎 reaction = %+v %s", offer, offer.Blocks)
	}
	h.send("interactive", slackfake.ButtonClick("U0DAVE", "C0GENERAL", offer.TS, answer.ThreadTS, actionWhy, ref, "trig-why", ""), 0)
	if _, err := h.fake.WaitViews(h.ctx(), 2); err != nil {
		t.Fatal(err)
	}
	if es := entries(t, book); len(es) != 3 || es[0].Rating != feedback.Bad {
		t.Fatalf("after the 👎 reaction: %+v", es)
	}

	// 👍 button: thanks, only to the person.
	ru := h.fake.ResponseURL()
	before = len(h.fake.Posts())
	h.send("interactive", slackfake.ButtonClick("U0CAROL", "C0GENERAL", answer.TS, answer.ThreadTS, actionGood, ref, "trig-good", ru), 0)
	thanks := h.waitPosts(before + 1)[before]
	if thanks.ResponseURL != ru || thanks.ResponseType != "ephemeral" || thanks.ReplaceOriginal || !strings.Contains(thanks.Text, "Thanks") {
		t.Errorf("thanks = %+v", thanks)
	}

	// Bob takes his 👍 back.
	h.send("events_api", slackfake.EventPayload("EvReact6", slackfake.Reaction(false, "U0BOB", "+1", "C0GENERAL", answer.TS, slackfake.BotUserID)), 0)
	es = entries(t, book)
	good := 0
	for _, e := range es {
		if e.Rating == feedback.Good {
			good++
		}
	}
	if len(es) != 3 || good != 1 {
		t.Errorf("after taking back the 👍: %+v", es)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(h.fake.Views()); n != 2 {
		t.Errorf("%d forms opened, want 2", n)
	}
	if n := len(h.fake.Posts()); n != before+1 {
		t.Errorf("%d posts, want %d (nothing posted for retries or noise)", n, before+1)
	}
}

// TestSlashAnswerCarriesFeedback: a slash command's answer, given in the
// acknowledgement, carries the rating buttons, and a click on them is
// stored against that answer.
func TestSlashAnswerCarriesFeedback(t *testing.T) {
	var book *feedback.Book
	h := startSocketWith(t, nil, "", withFeedback(t, &book))
	ack := h.send("slash_commands", slackfake.SlashPayload("/who-met", "Smith", "C0GENERAL", "U0ALICE", h.fake.ResponseURL(), "trig-slash"), 0)
	var msg struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(ack.Payload, &msg); err != nil {
		t.Fatalf("ack %s: %v", ack.Payload, err)
	}
	ref := buttons(t, msg.Blocks)[actionBad]
	if ref == "" {
		t.Fatalf("slash answer lacks the rating buttons: %s", msg.Blocks)
	}
	h.send("interactive", slackfake.ButtonClick("U0ALICE", "C0GENERAL", "1700004100.000100", "", actionBad, ref, "trig-slash-bad", h.fake.ResponseURL()), 0)
	if es := entries(t, book); len(es) != 1 || es[0].Question != "/who-met Smith" || es[0].Rating != feedback.Bad {
		t.Errorf("entries = %+v", es)
	}
}

// TestHTTPFeedback: over HTTP mode, a 👎 click and the form, each posted
// twice (a replay), store one rating with its text.
func TestHTTPFeedback(t *testing.T) {
	var book *feedback.Book
	h := startHTTPWith(t, startFake(t), "", withFeedback(t, &book))
	if code, _ := h.post(PathEvents, "application/json", eventBody(t, "EvHTTPFb", dm("D0ALICE", "1700004200.000100", "who met Smith?")), testSecret, time.Now(), nil); code != 200 {
		t.Fatalf("event: %d", code)
	}
	answer := h.waitPosts(1)[0]
	ref := buttons(t, answer.Blocks)[actionBad]
	interact := func(payload map[string]any) {
		t.Helper()
		b, _ := json.Marshal(payload)
		body := []byte(url.Values{"payload": {string(b)}}.Encode())
		for range 2 {
			code, resp := h.post(PathInteractive, "application/x-www-form-urlencoded", body, testSecret, time.Now(), nil)
			if code != 200 || strings.TrimSpace(resp) != "" {
				t.Fatalf("interaction: %d %q", code, resp)
			}
		}
	}
	interact(slackfake.ButtonClick("U0ALICE", "D0ALICE", answer.TS, "", actionBad, ref, "trig-http-bad", h.fake.ResponseURL()))
	views, err := h.fake.WaitViews(h.ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	interact(slackfake.FormSubmission("U0ALICE", views[0], blockComment, inputComment, "Wrong year."))
	time.Sleep(50 * time.Millisecond)
	if es := entries(t, book); len(es) != 1 || es[0].Comment != "Wrong year." || es[0].Room != "D0ALICE" {
		t.Errorf("entries = %+v", es)
	}
	if n := len(h.fake.Views()); n != 1 {
		t.Errorf("%d forms opened, want 1", n)
	}
}
