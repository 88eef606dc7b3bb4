package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/corpus"
	"liaison/internal/dendritetest"
	"liaison/internal/slackfake"
)

// TestMain lets the test binary act as the liaison command, so that tests
// can run it as a real process and send it signals.
func TestMain(m *testing.M) {
	if os.Getenv("LIAISON_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// process is the liaison command running in a child process.
type process struct {
	cmd  *exec.Cmd
	logs *lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startProcess(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "LIAISON_TEST_AS_MAIN=1"), env...)
	p := &process{cmd: cmd, logs: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.logs, p.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func eventually(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func httpGet(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeSlackAndMatrix runs `liaison serve` against a real Dendrite and
// the loopback Slack server at once: it answers on both, reports ready,
// exposes metrics, refuses a denied user, reloads a changed corpus while
// answering, and shuts down cleanly on SIGTERM.
func TestServeSlackAndMatrix(t *testing.T) {
	hs := dendritetest.Start(t, dendritetest.Options{})
	botUser := hs.Register(t, "liaison")
	alice := hs.Register(t, "alice")
	const botToken, appToken = "xoxb-serve-test-SECRET", "xapp-serve-test-SECRET"
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
	config := fmt.Sprintf(`
corpus: %s
data_dir: %s
log: {level: info, format: json}
http: {listen: %s}
reload: {watch: true, interval: 200ms}
limits: {questions_per_minute: 600, burst: 50}
access:
  slack: {deny_users: [U0MALLORY]}
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
  pickle_key: ${TEST_PICKLE_KEY}
  encryption: true
`, corpusDir, filepath.Join(dir, "data"), opsAddr, fake.APIURL(), hs.URL, botUser.UserID)
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(config), 0o600)
	secrets := []string{botToken, appToken, botUser.AccessToken, "pickle-SECRET-key"}
	env := []string{"TEST_BOT_TOKEN=" + botToken, "TEST_APP_TOKEN=" + appToken,
		"TEST_MATRIX_TOKEN=" + botUser.AccessToken, "TEST_PICKLE_KEY=pickle-SECRET-key"}

	if code, _ := httpGet("http://" + opsAddr + "/healthz"); code == 200 {
		t.Fatal("something already listens on the ops address")
	}
	p := startProcess(t, env, "serve", "--config", cfgPath)
	eventually(t, "/readyz", 60*time.Second, func() bool {
		code, _ := httpGet("http://" + opsAddr + "/readyz")
		return code == 200
	})

	// Slack: a DM is answered from the corpus
	askSlack := func(user, ts, text string) slackfake.Post {
		t.Helper()
		n := len(fake.Posts())
		ev := map[string]any{"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": "D0" + user, "event_ts": ts}
		if _, err := fake.Send("events_api", slackfake.EventPayload("Ev"+ts, ev), 0); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		posts, err := fake.WaitPosts(ctx, n+1)
		if err != nil {
			t.Fatalf("no Slack answer to %q: %v\n%s", text, err, p.logs)
		}
		return posts[len(posts)-1]
	}
	if post := askSlack("U0ALICE", "1700000001.000100", "who met hakkanen?"); !strings.Contains(post.Text, "Konovalov") {
		t.Errorf("Slack answer: %q", post.Text)
	}
	if post := askSlack("U0MALLORY", "1700000002.000100", "who met hakkanen?"); strings.Contains(post.Text, "Konovalov") || !strings.Contains(post.Text, "not available") {
		t.Errorf("denied user got: %q", post.Text)
	}

	// Matrix: a room with the bot, a command, an m.notice answer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	person, err := mautrix.NewClient(hs.URL, alice.UserID, alice.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	room, err := person.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{botUser.UserID}, Name: "serve test"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the bot to join", 30*time.Second, func() bool {
		m, err := person.JoinedMembers(ctx, room.RoomID)
		return err == nil && m.Joined[botUser.UserID].DisplayName != "" || err == nil && len(m.Joined) == 2
	})
	sent, err := person.SendText(ctx, room.RoomID, "!who-met Risikko")
	if err != nil {
		t.Fatal(err)
	}
	var answer string
	eventually(t, "a Matrix answer", 30*time.Second, func() bool {
		msgs, err := person.Messages(ctx, room.RoomID, "", "", mautrix.DirectionBackward, nil, 50)
		if err != nil {
			return false
		}
		for _, ev := range msgs.Chunk {
			if ev.Sender != botUser.UserID || ev.Type != event.EventMessage {
				continue
			}
			ev.Content.ParseRaw(ev.Type)
			c := ev.Content.AsMessage()
			if c.MsgType == event.MsgNotice && c.RelatesTo != nil && c.RelatesTo.GetReplyTo() == sent.EventID {
				answer = c.Body
				return true
			}
		}
		return false
	})
	if !strings.Contains(answer, "Kolokoltsev") {
		t.Errorf("Matrix answer: %q", answer)
	}

	// metrics count both platforms
	_, metrics := httpGet("http://" + opsAddr + "/metrics")
	for _, want := range []string{`platform="slack"`, `platform="matrix"`, `liaison_adapter_connected{adapter="slack"} 1`,
		`liaison_adapter_connected{adapter="matrix"} 1`, `liaison_reloads_total{result="ok"}`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// reload: a new release is answered without a restart
	release := "Ministers meet in Oslo\n\nPublication date 3.3.2022\n\nNorwegian Minister of Justice Ola Sample met Finnish Minister of the Interior Maria Example in Oslo on 3 March.\n"
	os.WriteFile(filepath.Join(corpusDir, "new.txt"), []byte(release), 0o600)
	ts := 10
	eventually(t, "the reloaded corpus", 30*time.Second, func() bool {
		ts++
		post := askSlack("U0ALICE", fmt.Sprintf("17000001%02d.000100", ts), "who met Ola Sample?")
		return strings.Contains(post.Text, "Maria Example")
	})

	// SIGTERM: a clean, prompt exit
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, p.logs)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("no exit 20 s after SIGTERM\n%s", p.logs)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	logs := p.logs.String()
	for _, s := range secrets {
		if strings.Contains(logs, s) || strings.Contains(metrics, s) {
			t.Errorf("a secret reached the logs or metrics")
		}
	}
	if strings.Contains(logs, "who met hakkanen") {
		t.Error("question text logged at info level")
	}
}

// TestCheckConfigListsEveryProblem runs check-config on a bad file and a
// good one.
func TestCheckConfigListsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("slack: {enabled: true, bot_token: xapp-wrong-kind, mode: socket}\nmatrix: {enabled: true, homeserver: nope}\nunknown_key: 1\n"), 0o600)
	code, out, errs := runCLI(t, "", "check-config", "--config", bad)
	if code != 1 {
		t.Errorf("bad config: exit %d", code)
	}
	for _, want := range []string{"unknown_key", "slack.bot_token", "slack.app_token", "matrix.homeserver", "matrix.user_id"} {
		if !strings.Contains(errs, want) {
			t.Errorf("check-config output lacks %q:\n%s%s", want, out, errs)
		}
	}
	if strings.Contains(errs, "xapp-wrong-kind") {
		t.Error("check-config printed a token")
	}
	code, out, errs = runCLI(t, "", "check-config", "--config", "../../config.example.yaml")
	if code != 1 || !strings.Contains(errs, "SLACK_BOT_TOKEN") {
		t.Errorf("example without its environment: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "serve", "--config", bad); code != 1 || !strings.Contains(errs, "slack.bot_token") {
		t.Errorf("serve with a bad config: exit %d %s", code, errs)
	}
}

// TestMemoryLimit checks which soft memory limit serve sets: the
// configured one, none for 0, and none when GOMEMLIMIT is set (the
// runtime has applied it).
func TestMemoryLimit(t *testing.T) {
	tests := []struct {
		mib    int
		env    map[string]string
		want   int64
		wantOK bool
	}{
		{1300, nil, 1300 << 20, true},
		{0, nil, 0, false},
		{1300, map[string]string{"GOMEMLIMIT": "2GiB"}, 0, false},
		{1300, map[string]string{"GOMEMLIMIT": ""}, 1300 << 20, true},
	}
	for _, tt := range tests {
		env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got, ok := memoryLimit(tt.mib, env); got != tt.want || ok != tt.wantOK {
			t.Errorf("memoryLimit(%d, %v) = %d, %v; want %d, %v", tt.mib, tt.env, got, ok, tt.want, tt.wantOK)
		}
	}
}

// TestGCPercent checks which collector setting serve sets: the
// configured one, none for 0, and none when GOGC is set.
func TestGCPercent(t *testing.T) {
	tests := []struct {
		percent int
		env     map[string]string
		want    int
		wantOK  bool
	}{
		{200, nil, 200, true},
		{0, nil, 0, false},
		{200, map[string]string{"GOGC": "off"}, 0, false},
		{200, map[string]string{"GOGC": ""}, 200, true},
	}
	for _, tt := range tests {
		env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got, ok := gcPercent(tt.percent, env); got != tt.want || ok != tt.wantOK {
			t.Errorf("gcPercent(%d, %v) = %d, %v; want %d, %v", tt.percent, tt.env, got, ok, tt.want, tt.wantOK)
		}
	}
}
