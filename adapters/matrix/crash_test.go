package matrix

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"liaison/bot"
	"liaison/internal/dendritetest"
	"liaison/internal/store"
)

// helperEnv switches the test binary into the bot process of TestCrash.
const helperEnv = "LIAISON_MATRIX_CRASH_HELPER"

// TestMain runs the test binary as TestCrash's bot process when helperEnv
// is set, and the tests otherwise.
func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		crashHelper()
		return
	}
	os.Exit(m.Run())
}

// crashHelper serves as the bot of TestCrash in its own process and prints
// "ANSWERING <text>" for every question; a question containing "hang"
// never gets its answer.
func crashHelper() {
	// Exit when the test process goes away (its end of stdin closes).
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(3)
	}()
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("DB"))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	a, err := New(Config{
		Homeserver: os.Getenv("HS"), UserID: os.Getenv("USER_ID"), Password: os.Getenv("PASSWORD"),
		Encryption: true, PickleKey: "test-pickle-key", DataDir: os.Getenv("DATA"),
	}, st, slog.New(slog.NewTextHandler(os.Stderr, nil)), zerolog.Nop())
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	err = a.Run(ctx, answerFunc(func(ctx context.Context, m bot.Message) (bot.Reply, error) {
		fmt.Println("ANSWERING " + m.Text)
		if strings.Contains(m.Text, "hang") {
			select {} // killed here
		}
		return bot.Reply{Summary: "Answer to: " + m.Text, Sources: []bot.Source{{Doc: "d", Title: "t", Quote: "q"}}}, nil
	}))
	fmt.Println("ERROR", err)
	os.Exit(2)
}

type answerFunc func(context.Context, bot.Message) (bot.Reply, error)

func (f answerFunc) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) { return f(ctx, m) }

// TestCrash: the bot process is killed (SIGKILL) while it is answering a
// question. Started again on the same database, it answers that question
// (the sync batch was not marked done), and does not answer the earlier
// one again.
func TestCrash(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)

	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"=1", "DB="+b.st.Path(), "HS="+srv.URL,
		"USER_ID="+string(b.user.UserID), "PASSWORD="+b.user.Password, "DATA="+b.cfg.DataDir)
	if _, err := cmd.StdinPipe(); err != nil { // closed when this process dies
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = tWriter{t: t, prefix: "crashing bot"}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	expect := func(want string) {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok || l != want {
				t.Fatalf("bot process said %q (open %v), want %q", l, ok, want)
			}
		case <-time.After(wait):
			t.Fatalf("bot process did not say %q", want)
		}
	}

	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting
	q1 := ann.say(dm, "answered before the crash")
	expect("ANSWERING answered before the crash")
	checkAnswer(t, ann.next(), q1, "answered before the crash")

	q2 := ann.say(dm, "hang here")
	expect("ANSWERING hang here")
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	b.start()
	if m := b.ans.next(t); m.Text != "hang here" {
		t.Fatalf("after the crash the core got %q, want the question in flight", m.Text)
	}
	checkAnswer(t, ann.next(), q2, "hang here")
	q3 := ann.say(dm, "after the crash")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q3, "after the crash")
	if got := b.ans.texts(); strings.Join(got, "|") != "hang here|after the crash" {
		t.Errorf("the core got %q", got)
	}
}
