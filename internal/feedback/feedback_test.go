package feedback

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"liaison/bot"
	"liaison/internal/store"
)

type counts struct {
	mu       sync.Mutex
	rated    map[string]int
	comments int
}

func (c *counts) FeedbackRated(platform, rating string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rated[platform+"/"+rating]++
}

func (c *counts) FeedbackCommented(string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.comments++
}

func openBook(t *testing.T, opts Options) (*Book, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "liaison.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, err := Open(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b, st
}

var sampleReply = bot.Reply{Found: true, Intent: bot.IntentWhoMet, Summary: "Ann Example met Bo Sample.",
	Details: []string{"• 3 March 2022, Oslo"}, Sources: []bot.Source{{Doc: "a.txt", Title: "Ministers meet", Date: "2022-03-03", Quote: "Ann met Bo."}}}

func remember(t *testing.T, b *Book, ref, question string, r bot.Reply, at time.Time) {
	t.Helper()
	if err := b.Remember(context.Background(), Answer{Ref: ref, Platform: bot.PlatformSlack, Room: "C1", Question: question, Reply: r, At: at}); err != nil {
		t.Fatal(err)
	}
}

// TestRateOncePerPersonAndAnswer: a vote is stored once per person and
// answer; the same vote again (a retry) changes nothing; a changed vote
// replaces the earlier one and keeps a bad vote's comment until the
// rating changes; the metrics count each new or changed rating once.
func TestRateOncePerPersonAndAnswer(t *testing.T) {
	obs := &counts{rated: map[string]int{}}
	b, _ := openBook(t, Options{Observer: obs})
	ctx := context.Background()
	remember(t, b, "slack:C1:1.1", "who met Bo?", sampleReply, time.Now())
	if err := b.Posted(ctx, bot.PlatformSlack, "C1", "1.2", "slack:C1:1.1"); err != nil {
		t.Fatal(err)
	}
	a, ok, err := b.Lookup(ctx, bot.PlatformSlack, "C1", "1.2")
	if err != nil || !ok || a.Question != "who met Bo?" || a.Reply.Text() != sampleReply.Text() || len(a.Reply.Sources) != 1 || a.Reply.Sources[0] != sampleReply.Sources[0] {
		t.Fatalf("Lookup = %+v, %v, %v", a, ok, err)
	}
	if _, ok, _ := b.Lookup(ctx, bot.PlatformSlack, "C2", "1.2"); ok {
		t.Error("Lookup found an answer in another room")
	}

	steps := []struct {
		vote Vote
		want Result
	}{
		{Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Bad, Via: ViaButton}, Added},
		{Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Bad, Via: ViaButton}, Unchanged}, // retry
		{Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Bad, Comment: " the date is wrong ", Via: ViaForm}, Changed},
		{Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Bad, Comment: "the date is wrong", Via: ViaForm}, Unchanged}, // retry
		{Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Bad, Via: ViaReaction}, Unchanged},                           // keeps the comment
		{Vote{Ref: "slack:C1:1.1", User: "U2", Rating: Good, Via: ViaReaction}, Added},
	}
	for i, s := range steps {
		got, err := b.Rate(ctx, s.vote)
		if err != nil || got != s.want {
			t.Fatalf("step %d: Rate(%+v) = %v, %v; want %v", i, s.vote, got, err, s.want)
		}
	}
	es, err := b.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("%d entries, want 2: %+v", len(es), es)
	}
	bad := es[1]
	if es[0].Rating != Good || bad.Rating != Bad || bad.Comment != "the date is wrong" || bad.Question != "who met Bo?" ||
		bad.Answer != sampleReply.Text() || !bad.Found || bad.Intent != bot.IntentWhoMet || bad.Platform != bot.PlatformSlack ||
		bad.Room != "C1" || len(bad.Sources) != 1 || bad.Sources[0].Doc != "a.txt" {
		t.Errorf("entries = %+v", es)
	}
	for _, e := range es {
		if strings.Contains(e.User, "U1") || strings.Contains(e.User, "U2") || len(e.User) != 16 {
			t.Errorf("user stored as %q, want an opaque hash", e.User)
		}
	}
	if es[0].User == bad.User {
		t.Error("two people share a hash")
	}
	// U1 changes their mind: the comment goes with the bad rating.
	if got, _ := b.Rate(ctx, Vote{Ref: "slack:C1:1.1", User: "U1", Rating: Good, Via: ViaButton}); got != Changed {
		t.Errorf("changed vote = %v", got)
	}
	es, _ = b.List(ctx, Filter{Rating: Good})
	if len(es) != 2 || es[0].Comment != "" {
		t.Errorf("after the change: %+v", es)
	}
	want := map[string]int{"slack/bad": 1, "slack/good": 2}
	for k, n := range want {
		if obs.rated[k] != n {
			t.Errorf("metrics %s = %d, want %d (all %v)", k, obs.rated[k], n, obs.rated)
		}
	}
	if obs.comments != 1 {
		t.Errorf("comments counted %d times, want 1", obs.comments)
	}

	if _, err := b.Rate(ctx, Vote{Ref: "slack:C9:9.9", User: "U1", Rating: Bad}); !errors.Is(err, ErrUnknownAnswer) {
		t.Errorf("vote on an unknown answer: %v", err)
	}
	if _, err := b.Rate(ctx, Vote{Ref: "slack:C1:1.1", User: "U1", Rating: "meh"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("vote with a bad rating: %v", err)
	}
}

// TestRetract: a removed reaction takes back the rating it gave, not a
// different later one; a redacted Matrix reaction takes back its own.
func TestRetract(t *testing.T) {
	b, _ := openBook(t, Options{})
	ctx := context.Background()
	remember(t, b, "r1", "q1", sampleReply, time.Now())
	b.Rate(ctx, Vote{Ref: "r1", User: "U1", Rating: Good, Via: ViaReaction, Source: "$react1"})
	if ok, err := b.Retract(ctx, "r1", bot.PlatformSlack, "U1", Bad); ok || err != nil {
		t.Errorf("retracting a 👎 removed a 👍: %v %v", ok, err)
	}
	if ok, err := b.RetractSource(ctx, bot.PlatformSlack, "$react1"); !ok || err != nil {
		t.Errorf("RetractSource = %v %v", ok, err)
	}
	b.Rate(ctx, Vote{Ref: "r1", User: "U1", Rating: Bad, Via: ViaReaction})
	if ok, _ := b.Retract(ctx, "r1", bot.PlatformSlack, "U1", Bad); !ok {
		t.Error("Retract did not remove the 👎")
	}
	if es, _ := b.List(ctx, Filter{}); len(es) != 0 {
		t.Errorf("entries left: %+v", es)
	}
}

// TestPruneBoundsAnswers: answers older than KeepAnswers or beyond
// MaxAnswers are forgotten with their messages; votes stay.
func TestPruneBoundsAnswers(t *testing.T) {
	b, st := openBook(t, Options{KeepAnswers: time.Hour, MaxAnswers: 3})
	ctx := context.Background()
	now := time.Now()
	remember(t, b, "old", "q old", sampleReply, now)
	b.Posted(ctx, bot.PlatformSlack, "C1", "m-old", "old")
	if _, err := b.Rate(ctx, Vote{Ref: "old", User: "U1", Rating: Bad}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`UPDATE liaison_answers SET at = ? WHERE ref = 'old'`, now.Add(-2*time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	for i, ref := range []string{"a", "b", "c", "d"} {
		remember(t, b, ref, "q "+ref, sampleReply, now.Add(time.Duration(i)*time.Second))
	}
	if _, err := b.Prune(ctx, now.Add(10*time.Second)); err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]bool{"old": false, "a": false, "b": true, "c": true, "d": true} {
		if _, ok, _ := b.Answer(ctx, ref); ok != want {
			t.Errorf("answer %s kept = %v, want %v", ref, ok, want)
		}
	}
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM liaison_answer_messages`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d posted messages left (%v), want 0", n, err)
	}
	if es, _ := b.List(ctx, Filter{}); len(es) != 1 || es[0].Question != "q old" {
		t.Errorf("the vote on a forgotten answer was lost: %+v", es)
	}
}

// TestListFilters: newest first, since a date, one rating, a limit.
func TestListFilters(t *testing.T) {
	b, st := openBook(t, Options{})
	ctx := context.Background()
	for i, q := range []string{"first", "second", "third"} {
		ref := "r" + q
		remember(t, b, ref, q, sampleReply, time.Now())
		rating := Good
		if i != 1 {
			rating = Bad
		}
		b.Rate(ctx, Vote{Ref: ref, User: "U1", Rating: rating})
	}
	// Date the votes one day apart.
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i, q := range []string{"first", "second", "third"} {
		if _, err := st.DB().Exec(`UPDATE liaison_feedback SET at = ? WHERE question = ?`, day.AddDate(0, 0, i).UnixMilli(), q); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "third second first"},
		{Filter{Since: day.AddDate(0, 0, 1).Truncate(24 * time.Hour)}, "third second"},
		{Filter{Rating: Bad}, "third first"},
		{Filter{Limit: 1}, "third"},
	}
	for _, tt := range tests {
		es, err := b.List(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Question)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("List(%+v) = %v, want %s", tt.f, got, tt.want)
		}
	}
}

// TestQuestions: one question per distinct text (case, accents, spaces
// ignored), a 👎 wins, comments gathered; the lines are the scorer's
// question format with expect_all empty and no required sources.
func TestQuestions(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	notFound := bot.Reply{Intent: bot.IntentWhoMet, Summary: "I found no meetings with Bo."}
	entries := []Entry{ // newest first
		{Question: "Who met  Häkkänen?", Rating: Good, Found: true, Intent: bot.IntentWhoMet, Answer: "new good", AnsweredAt: at},
		{Question: "who met hakkanen?", Rating: Bad, Comment: "missed Moscow", Found: true, Intent: bot.IntentWhoMet, Answer: "old bad",
			Sources: []bot.Source{{Doc: "x.txt"}}, AnsweredAt: at},
		{Question: "who met Bo?", Rating: Bad, Found: notFound.Found, Intent: notFound.Intent, Answer: notFound.Summary, AnsweredAt: at},
		{Question: "where is Oslo?", Rating: Good, Found: false, Intent: bot.IntentSearch, Answer: "no", AnsweredAt: at},
	}
	qs := Questions(entries)
	if len(qs) != 3 {
		t.Fatalf("%d questions, want 3: %+v", len(qs), qs)
	}
	h := qs[0]
	if h.Question != "Who met Häkkänen?" || h.Rating != Bad || h.Answer != "old bad" || h.Votes != 2 ||
		len(h.Comments) != 1 || h.Comments[0] != "missed Moscow" || !h.Found || h.Kind != "who-met" ||
		len(h.AnswerSources) != 1 || h.AnswerSources[0] != "x.txt" {
		t.Errorf("merged question = %+v", h)
	}
	if !qs[1].Found || qs[1].AnswerFound {
		t.Errorf("a 👎 on an answer that found nothing expects one: %+v", qs[1])
	}
	if qs[2].Found || qs[2].Rating != Good {
		t.Errorf("a 👍 keeps the bot's found: %+v", qs[2])
	}
	var buf bytes.Buffer
	if err := WriteQuestions(&buf, qs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	ids := map[string]bool{}
	for _, l := range lines {
		var q map[string]any
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		id, _ := q["id"].(string)
		if id == "" || ids[id] {
			t.Errorf("id %q missing or repeated", id)
		}
		ids[id] = true
		if ea, ok := q["expect_all"].([]any); !ok || len(ea) != 0 {
			t.Errorf("expect_all = %v, want []", q["expect_all"])
		}
		if s, ok := q["sources"].([]any); !ok || len(s) != 0 {
			t.Errorf("sources = %v, want []", q["sources"])
		}
		if _, ok := q["found"].(bool); !ok {
			t.Errorf("found = %v", q["found"])
		}
	}
	if again := Questions(entries); again[0].ID != h.ID {
		t.Error("question IDs change between exports")
	}
}

// TestCommand: admins get the last ten ratings; others a refusal; other
// messages reach the core.
func TestCommand(t *testing.T) {
	b, _ := openBook(t, Options{})
	ctx := context.Background()
	for i := range 12 {
		ref := "r" + string(rune('a'+i))
		remember(t, b, ref, "question "+ref, sampleReply, time.Now())
		b.Rate(ctx, Vote{Ref: ref, User: "U1", Rating: Bad, Comment: "wrong " + ref})
	}
	core := answerFunc(func(_ context.Context, m bot.Message) (bot.Reply, error) {
		return bot.Reply{Summary: "core: " + m.Text}, nil
	})
	c := NewCommand(core, b, func(m bot.Message) bool { return m.Sender == "UADMIN" }, nil)
	r, _ := c.Answer(ctx, bot.Message{Platform: bot.PlatformSlack, Sender: "UADMIN", Text: "feedback"})
	if r.Intent != IntentFeedback || len(r.Details) != ChatListSize || !strings.Contains(r.Details[0], "question rl") ||
		!strings.Contains(r.Details[0], "wrong rl") || !strings.HasPrefix(r.Details[0], "👎") || Rateable(r) {
		t.Errorf("admin listing = %+v", r)
	}
	r, _ = c.Answer(ctx, bot.Message{Platform: bot.PlatformSlack, Sender: "U1", Text: "!feedback"})
	if r.Intent != bot.IntentDenied || strings.Contains(strings.Join(r.Details, " "), "question") {
		t.Errorf("non-admin got %+v", r)
	}
	r, _ = c.Answer(ctx, bot.Message{Sender: "UADMIN", Text: "feedback on the summit?"})
	if r.Summary != "core: feedback on the summit?" {
		t.Errorf("a question reached %+v", r)
	}
}

type answerFunc func(context.Context, bot.Message) (bot.Reply, error)

func (f answerFunc) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) { return f(ctx, m) }

func TestRateable(t *testing.T) {
	tests := []struct {
		r    bot.Reply
		want bool
	}{
		{sampleReply, true},
		{bot.Reply{Intent: bot.IntentWhoMet, Summary: "I found no meetings with Bo."}, true},
		{bot.Reply{Intent: bot.IntentHelp, Summary: "help"}, false},
		{bot.Reply{Intent: bot.IntentDenied, Summary: "no"}, false},
		{bot.ErrorReply(errors.New("x")), false},
		{bot.Reply{Intent: IntentFeedback, Summary: "list"}, false},
	}
	for _, tt := range tests {
		if got := Rateable(tt.r); got != tt.want {
			t.Errorf("Rateable(%+v) = %v", tt.r, got)
		}
	}
}

// TestUserKeyKept: reopening the database keeps the hash key, so a
// person's votes keep counting once across restarts.
func TestUserKeyKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	hash := func() string {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		b, err := Open(context.Background(), st, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return b.UserHash(bot.PlatformMatrix, "@ann:example.org")
	}
	if a, b := hash(), hash(); a != b {
		t.Errorf("hash changed across opens: %s %s", a, b)
	}
}
