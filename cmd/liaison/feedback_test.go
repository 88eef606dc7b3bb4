package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
	"liaison/corpus"
	"liaison/internal/dendritetest"
	"liaison/internal/feedback"
	"liaison/internal/slackfake"
	"liaison/internal/store"
)

// TestServeFeedback runs `liaison serve` against the loopback Slack server
// and a real Dendrite. On Slack a 👎 button (clicked, and delivered again)
// with the form's text (submitted, and delivered again) and a 👍 reaction
// (delivered twice); on Matrix a 👍 reaction and a "!wrong" reply. Each is
// stored once, counted in /metrics, listed by `liaison feedback` (text,
// --json, --since), shown to an admin by `/liaison feedback` (and refused
// to others), and `liaison feedback export --bad` writes a question file
// that ../shared/eval/score.py reads.
func TestServeFeedback(t *testing.T) {
	hs := dendritetest.Start(t, dendritetest.Options{})
	botUser := hs.Register(t, "liaison")
	alice := hs.Register(t, "alice")
	bob := hs.Register(t, "bob")
	const botToken, appToken = "xoxb-feedback-test-SECRET", "xapp-feedback-test-SECRET"
	fake, err := slackfake.Start(slackfake.Options{BotToken: botToken, AppToken: appToken})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)

	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.CopyFS(corpusDir, corpus.FS); err != nil {
		t.Fatal(err)
	}
	opsAddr := freeAddr(t)
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(fmt.Sprintf(`
corpus: %s
data_dir: %s
log: {level: info, format: json}
http: {listen: %s}
reload: {watch: false}
limits: {questions_per_minute: 600, burst: 50}
access:
  admins: [slack:U0ADMIN]
slack:
  enabled: true
  bot_token: ${TEST_BOT_TOKEN}
  app_token: ${TEST_APP_TOKEN}
  api_url: %s
matrix:
  enabled: true
  homeserver: %s
  user_id: "%s"
  access_token: ${TEST_MATRIX_TOKEN}
  encryption: false
`, corpusDir, filepath.Join(dir, "data"), opsAddr, fake.APIURL(), hs.URL, botUser.UserID)), 0o600)
	env := []string{"TEST_BOT_TOKEN=" + botToken, "TEST_APP_TOKEN=" + appToken, "TEST_MATRIX_TOKEN=" + botUser.AccessToken}
	p := startProcess(t, env, "serve", "--config", cfgPath)
	eventually(t, "/readyz", 60*time.Second, func() bool {
		code, _ := httpGet("http://" + opsAddr + "/readyz")
		return code == 200
	})
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\nlogs:\n%s", append(args, p.logs)...)
	}

	// Slack: a DM question; its answer carries the rating buttons.
	q := map[string]any{"type": "message", "channel_type": "im", "user": "U0ALICE", "text": "who met hakkanen?",
		"ts": "1700000001.000100", "channel": "D0ALICE", "event_ts": "1700000001.000100"}
	if _, err := fake.Send("events_api", slackfake.EventPayload("EvFb1", q), 0); err != nil {
		t.Fatal(err)
	}
	posts, err := fake.WaitPosts(ctx, 1)
	if err != nil {
		fail("no Slack answer: %v", err)
	}
	answer := posts[0]
	ref := buttonValue(t, answer.Blocks, "liaison_feedback_bad")
	if ref == "" || !strings.Contains(answer.Text, "Konovalov") {
		fail("Slack answer %q lacks the rating buttons: %s", answer.Text, answer.Blocks)
	}
	// 👎, clicked once, delivered twice; the form, submitted once,
	// delivered twice.
	click := slackfake.ButtonClick("U0ALICE", "D0ALICE", answer.TS, "", "liaison_feedback_bad", ref, "trig-fb-bad", fake.ResponseURL())
	sendAcked(t, fake, "interactive", click, 0)
	sendAcked(t, fake, "interactive", click, 1)
	views, err := fake.WaitViews(ctx, 1)
	if err != nil {
		fail("no form after 👎: %v", err)
	}
	form := slackfake.FormSubmission("U0ALICE", views[0], "comment", "comment", "It left out the meeting in Moscow.")
	sendAcked(t, fake, "interactive", form, 0)
	sendAcked(t, fake, "interactive", form, 1)
	// 👍 by someone else, delivered twice.
	react := slackfake.EventPayload("EvFbReact", slackfake.Reaction(true, "U0BOB", "thumbsup", "D0ALICE", answer.TS, slackfake.BotUserID))
	sendAcked(t, fake, "events_api", react, 0)
	sendAcked(t, fake, "events_api", react, 1)

	// Matrix: a question in a room; alice 👍, bob says what was wrong.
	aliceCli, _ := mautrix.NewClient(hs.URL, alice.UserID, alice.AccessToken)
	bobCli, _ := mautrix.NewClient(hs.URL, bob.UserID, bob.AccessToken)
	room, err := aliceCli.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{botUser.UserID, bob.UserID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bobCli.JoinRoomByID(ctx, room.RoomID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the bot to join", 30*time.Second, func() bool {
		m, err := aliceCli.JoinedMembers(ctx, room.RoomID)
		_, in := m.Joined[botUser.UserID]
		return err == nil && in
	})
	question, err := aliceCli.SendText(ctx, room.RoomID, "!who-met Risikko")
	if err != nil {
		t.Fatal(err)
	}
	replyTo := func(target id.EventID) id.EventID {
		var found id.EventID
		eventually(t, "the bot's reply", 30*time.Second, func() bool {
			msgs, err := aliceCli.Messages(ctx, room.RoomID, "", "", mautrix.DirectionBackward, nil, 50)
			if err != nil {
				return false
			}
			for _, ev := range msgs.Chunk {
				if ev.Sender != botUser.UserID || ev.Type != event.EventMessage {
					continue
				}
				ev.Content.ParseRaw(ev.Type)
				if c := ev.Content.AsMessage(); c.RelatesTo != nil && c.RelatesTo.GetReplyTo() == target {
					found = ev.ID
					return true
				}
			}
			return false
		})
		return found
	}
	mAnswer := replyTo(question.EventID)
	if _, err := aliceCli.SendMessageEvent(ctx, room.RoomID, event.EventReaction, &event.ReactionEventContent{
		RelatesTo: event.RelatesTo{Type: event.RelAnnotation, EventID: mAnswer, Key: "👍"}}); err != nil {
		t.Fatal(err)
	}
	wrong := &event.MessageEventContent{MsgType: event.MsgText, Body: "!wrong it missed the 2019 meeting"}
	wrong.RelatesTo = (&event.RelatesTo{}).SetReplyTo(mAnswer)
	report, err := bobCli.SendMessageEvent(ctx, room.RoomID, event.EventMessage, wrong)
	if err != nil {
		t.Fatal(err)
	}
	replyTo(report.EventID) // the thanks

	// `liaison feedback --json` lists the four, newest first.
	var entries []feedback.Entry
	eventually(t, "four ratings in `liaison feedback --json`", 30*time.Second, func() bool {
		code, out, errs := runCLI(t, "", "feedback", "--config", cfgPath, "--json")
		if code != 0 {
			t.Logf("liaison feedback: %d %s", code, errs)
			return false
		}
		entries = nil
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var e feedback.Entry
			if json.Unmarshal([]byte(l), &e) == nil {
				entries = append(entries, e)
			}
		}
		return len(entries) >= 4
	})
	time.Sleep(300 * time.Millisecond) // a late duplicate would show now
	_, out, _ := runCLI(t, "", "feedback", "--config", cfgPath, "--json")
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 4 {
		fail("%d ratings stored, want 4:\n%s", n, out)
	}
	byKey := map[string]feedback.Entry{}
	for _, e := range entries {
		byKey[string(e.Platform)+"/"+string(e.Rating)] = e
	}
	if e := byKey["slack/bad"]; e.Comment != "It left out the meeting in Moscow." || e.Question != "who met hakkanen?" ||
		!strings.Contains(e.Answer, "Konovalov") || len(e.Sources) == 0 || e.Room != "D0ALICE" {
		t.Errorf("Slack 👎 = %+v", e)
	}
	if e := byKey["slack/good"]; e.Via != feedback.ViaReaction || e.Question != "who met hakkanen?" {
		t.Errorf("Slack 👍 = %+v", e)
	}
	if e := byKey["matrix/good"]; e.Question != "!who-met Risikko" || e.Room != room.RoomID.String() {
		t.Errorf("Matrix 👍 = %+v", e)
	}
	if e := byKey["matrix/bad"]; e.Comment != "it missed the 2019 meeting" || !strings.Contains(e.Answer, "Kolokoltsev") {
		t.Errorf("Matrix 👎 = %+v", e)
	}
	for _, e := range entries {
		for _, who := range []string{"U0ALICE", "U0BOB", "alice", "bob"} {
			if strings.Contains(e.User, who) {
				t.Errorf("a rating names its author: %+v", e)
			}
		}
	}
	for i := 1; i < len(entries); i++ {
		if entries[i].At.After(entries[i-1].At) {
			t.Errorf("not newest first: %v before %v", entries[i-1].At, entries[i].At)
		}
	}
	// The text listing, and --since.
	if code, out, errs := runCLI(t, "", "feedback", "--config", cfgPath); code != 0 || strings.Count(out, "question:") != 4 ||
		!strings.Contains(out, "wrong:    It left out the meeting in Moscow.") || !strings.Contains(out, "👎") {
		t.Errorf("liaison feedback: %d\n%s%s", code, out, errs)
	}
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02")
	if code, out, _ := runCLI(t, "", "feedback", "--config", cfgPath, "--since", tomorrow); code != 0 || strings.TrimSpace(out) != "No ratings yet." {
		t.Errorf("--since tomorrow: %d %q", code, out)
	}

	// /metrics counts each rating once.
	_, metrics := httpGet("http://" + opsAddr + "/metrics")
	for _, want := range []string{`liaison_feedback_total{platform="slack",rating="bad"} 1`, `liaison_feedback_total{platform="slack",rating="good"} 1`,
		`liaison_feedback_total{platform="matrix",rating="bad"} 1`, `liaison_feedback_total{platform="matrix",rating="good"} 1`,
		`liaison_feedback_comments_total{platform="slack"} 1`, `liaison_feedback_comments_total{platform="matrix"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// An admin asks in chat; someone else is refused.
	ack := sendAcked(t, fake, "slash_commands", slackfake.SlashPayload("/liaison", "feedback", "C0GENERAL", "U0ADMIN", fake.ResponseURL(), "trig-admin"), 0)
	if s := string(ack.Payload); !strings.Contains(s, "The last 4 ratings") || !strings.Contains(s, "It left out the meeting in Moscow.") {
		t.Errorf("admin's /liaison feedback = %s", s)
	}
	ack = sendAcked(t, fake, "slash_commands", slackfake.SlashPayload("/liaison", "feedback", "C0GENERAL", "U0ALICE", fake.ResponseURL(), "trig-notadmin"), 0)
	if s := string(ack.Payload); !strings.Contains(s, "Only administrators") || strings.Contains(s, "Moscow") {
		t.Errorf("non-admin's /liaison feedback = %s", s)
	}

	// export --bad: a question file score.py reads.
	qfile := filepath.Join(dir, "bad.jsonl")
	if code, _, errs := runCLI(t, "", "feedback", "export", "--bad", "--config", cfgPath, "--out", qfile); code != 0 || !strings.Contains(errs, "wrote 2 questions") {
		t.Fatalf("export: %d %s", code, errs)
	}
	checkQuestionFile(t, qfile, []string{"who met hakkanen?", "!who-met Risikko"})
	scoreQuestionFile(t, qfile, corpusDir, 2)

	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	if strings.Contains(p.logs.String(), "SECRET") {
		t.Error("a secret reached the logs")
	}
}

// sendAcked sends a Socket Mode envelope and waits for its acknowledgement.
func sendAcked(t *testing.T, fake *slackfake.Server, typ string, payload any, retry int) slackfake.Ack {
	t.Helper()
	env, err := fake.Send(typ, payload, retry)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ack, err := fake.WaitAck(ctx, env)
	if err != nil {
		t.Fatalf("no acknowledgement of %s: %v", typ, err)
	}
	return ack
}

// buttonValue is the value of the button actionID in Block Kit blocks.
func buttonValue(t *testing.T, blocks json.RawMessage, actionID string) string {
	t.Helper()
	var bs []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		t.Fatalf("blocks %s: %v", blocks, err)
	}
	for _, b := range bs {
		for _, e := range b.Elements {
			if e.ActionID == actionID {
				return e.Value
			}
		}
	}
	return ""
}

// checkQuestionFile checks a question file has one valid question per
// wanted text, in the scorer's format, with expect_all empty to fill in.
func checkQuestionFile(t *testing.T, path string, want []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			ID        string    `json:"id"`
			Question  string    `json:"question"`
			Found     *bool     `json:"found"`
			ExpectAll *[]string `json:"expect_all"`
			Sources   *[]string `json:"sources"`
			Comments  []string  `json:"comments"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if q.ID == "" || q.Question == "" || q.Found == nil || !*q.Found || q.ExpectAll == nil || len(*q.ExpectAll) != 0 ||
			q.Sources == nil || len(*q.Sources) != 0 || len(q.Comments) != 1 {
			t.Errorf("question line %s", sc.Text())
		}
		got[q.Question] = true
	}
	if len(got) != len(want) {
		t.Errorf("questions %v, want %v", got, want)
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("question file lacks %q", w)
		}
	}
}

// scoreQuestionFile runs ../shared/eval/score.py on a question file with
// this test binary as liaison, when python3 and the scorer are present,
// and checks it read n questions.
func scoreQuestionFile(t *testing.T, path, corpusDir string, n int) {
	t.Helper()
	root, err := dendritetest.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	score := filepath.Join(root, "..", "shared", "eval", "score.py")
	python, err := exec.LookPath("python3")
	if _, serr := os.Stat(score); err != nil || serr != nil {
		t.Logf("score.py or python3 missing (%v, %v): the question file's JSON shape was checked instead", err, serr)
		return
	}
	cmd := exec.Command(python, score, "--bin", os.Args[0], "--corpus", corpusDir, path)
	cmd.Env = append(os.Environ(), "LIAISON_TEST_AS_MAIN=1")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("score.py: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("score.py printed no score:\n%s", out)
	}
	passed, _ := strconv.Atoi(string(m[1]))
	failed, _ := strconv.Atoi(string(m[2]))
	if passed+failed != n {
		t.Errorf("score.py scored %d questions, want %d:\n%s", passed+failed, n, out)
	}
	t.Logf("score.py on the exported file: %s", m[0])
}

// TestFeedbackFindsTheDataFolder: without --config, `liaison feedback`
// reads the state in LIAISON_DATA_DIR (as serve would keep it); --config
// reads only data_dir, without the tokens the service needs; a folder
// without state, a bad date or a stray argument is a clear error.
func TestFeedbackFindsTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LIAISON_DATA_DIR", dir)
	if code, _, errs := runCLI(t, "", "feedback"); code != 1 || !strings.Contains(errs, filepath.Join(dir, stateFile)) {
		t.Errorf("no state yet: exit %d, %q", code, errs)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, stateFile))
	if err != nil {
		t.Fatal(err)
	}
	book, err := feedback.Open(context.Background(), st, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	book.Remember(ctx, feedback.Answer{Ref: "r", Platform: bot.PlatformMatrix, Room: "!r:x", Question: "who met Bo?",
		Reply: bot.Reply{Intent: bot.IntentWhoMet, Summary: "I found no meetings with Bo."}})
	if _, err := book.Rate(ctx, feedback.Vote{Ref: "r", User: "@ann:x", Rating: feedback.Bad, Comment: "Bo met Ann in 2020"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errs := runCLI(t, "", "feedback")
	if code != 0 || !strings.Contains(out, "question: who met Bo?") || !strings.Contains(out, "[found nothing]") || !strings.Contains(out, "wrong:    Bo met Ann in 2020") {
		t.Errorf("liaison feedback: %d\n%s%s", code, out, errs)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+dir+"\nslack: {enabled: true, bot_token: ${UNSET_TOKEN_VARIABLE}}\n"), 0o600)
	t.Setenv("LIAISON_DATA_DIR", "")
	if code, out, errs := runCLI(t, "", "feedback", "export", "--config", cfg); code != 0 || !strings.Contains(out, `"question":"who met Bo?"`) || !strings.Contains(out, `"found":true`) {
		t.Errorf("export with --config: %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "feedback", "--config", cfg, "--since", "last week"); code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("bad --since: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "feedback", "--config", cfg, "extra"); code != 2 {
		t.Errorf("stray argument: exit %d", code)
	}
}
