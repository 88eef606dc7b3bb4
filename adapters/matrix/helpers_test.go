package matrix

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
	"liaison/internal/dendritetest"
	"liaison/internal/store"
)

// wait bounds every wait for something to happen over the network.
const wait = 20 * time.Second

// recorder is a test Answerer: it records every message and answers with a
// structured reply naming the text.
type recorder struct {
	mu    sync.Mutex
	msgs  []bot.Message
	got   chan bot.Message
	delay time.Duration // applied to texts containing "slow"
}

func newRecorder() *recorder { return &recorder{got: make(chan bot.Message, 100)} }

func (r *recorder) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
	r.got <- m
	if strings.Contains(m.Text, "slow") && r.delay > 0 {
		time.Sleep(r.delay)
	}
	if strings.Contains(m.Text, "fail") {
		return bot.Reply{}, errors.New("core exploded")
	}
	return bot.Reply{
		Found:   true,
		Intent:  bot.IntentWhoMet,
		Summary: "Answer to: " + m.Text,
		Details: []string{"detail line"},
		Sources: []bot.Source{{Doc: "001.txt", Title: "Release title", Date: "2020-02-03", Quote: "A quoted sentence."}},
	}, nil
}

// texts returns the texts answered so far.
func (r *recorder) texts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.msgs {
		out = append(out, m.Text)
	}
	return out
}

// next returns the next message the core got, failing after wait.
func (r *recorder) next(t *testing.T) bot.Message {
	t.Helper()
	select {
	case m := <-r.got:
		return m
	case <-time.After(wait):
		t.Fatalf("the core got no message within %s (so far: %q)", wait, r.texts())
		return bot.Message{}
	}
}

// testLogger writes slog records to the test log.
func testLogger(t *testing.T, name string) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t: t, prefix: name}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct {
	t      *testing.T
	prefix string
}

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(w.prefix + ": " + strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// logBuffer keeps the adapter's log lines for assertions.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// botHarness runs the adapter against a Dendrite.
type botHarness struct {
	t    *testing.T
	srv  *dendritetest.Server
	user dendritetest.User
	st   *store.Store
	cfg  Config
	ans  *recorder
	logs *logBuffer

	cancel   context.CancelFunc
	done     chan error
	tweak    func(*Adapter)
	answerer bot.Answerer // instead of ans, when set
}

// newBot registers the bot account and opens its store; start runs it.
func newBot(t *testing.T, srv *dendritetest.Server, tweak func(*Config)) *botHarness {
	t.Helper()
	u := srv.Register(t, "liaison")
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "liaison.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := Config{
		Homeserver: srv.URL,
		UserID:     string(u.UserID),
		Password:   u.Password,
		Encryption: true,
		PickleKey:  "test-pickle-key",
		DataDir:    dir,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	return &botHarness{t: t, srv: srv, user: u, st: st, cfg: cfg, ans: newRecorder(), logs: &logBuffer{}}
}

// start runs the adapter in the background until stop or test end.
func (b *botHarness) start() {
	b.t.Helper()
	log := slog.New(slog.NewTextHandler(io.MultiWriter(b.logs, tWriter{t: b.t, prefix: "bot"}), &slog.HandlerOptions{Level: slog.LevelDebug}))
	zl := zerolog.New(zerolog.ConsoleWriter{Out: tWriter{t: b.t, prefix: "mautrix"}, NoColor: true}).Level(zerolog.WarnLevel)
	a, err := New(b.cfg, b.st, log, zl)
	if err != nil {
		b.t.Fatal(err)
	}
	a.httpBackoff = 200 * time.Millisecond
	a.syncMinBackoff = 200 * time.Millisecond
	a.syncMaxBackoff = time.Second
	if b.tweak != nil {
		b.tweak(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	b.done = make(chan error, 1)
	var ans bot.Answerer = b.ans
	if b.answerer != nil {
		ans = b.answerer
	}
	go func() { b.done <- a.Run(ctx, ans) }()
	b.t.Cleanup(func() { b.stop() })
}

// stop cancels Run and returns its result.
func (b *botHarness) stop() error {
	if b.cancel == nil {
		return nil
	}
	b.cancel()
	b.cancel = nil
	select {
	case err := <-b.done:
		return err
	case <-time.After(wait):
		b.t.Fatal("Run did not return after cancel")
		return nil
	}
}

// person is a second Matrix client acting as a human user.
type person struct {
	t      *testing.T
	cli    *mautrix.Client
	user   dendritetest.User
	events chan *event.Event // m.room.message from others
	helper *cryptohelper.CryptoHelper
}

// newPerson registers localpart and starts syncing. With crypto it has its
// own device keys, like Element; tweak, when set, adjusts them (such as the
// trust a device needs to get this person's room keys).
func newPerson(t *testing.T, srv *dendritetest.Server, localpart string, withCrypto bool, tweak func(*cryptohelper.CryptoHelper)) *person {
	t.Helper()
	log := zerolog.New(zerolog.ConsoleWriter{Out: tWriter{t: t, prefix: localpart}, NoColor: true}).Level(zerolog.WarnLevel)
	p := &person{t: t, events: make(chan *event.Event, 100)}
	c := srv.NewClient(t, localpart, dendritetest.ClientOptions{Crypto: withCrypto, Tweak: tweak, Log: &log, Retries: 3,
		FromOthers: func(evt *event.Event) { p.events <- evt }})
	p.cli, p.user, p.helper = c.Cli, c.User, c.Crypto
	return p
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// room creates a room, inviting the bot. encrypted adds m.room.encryption;
// direct marks the invite as a DM.
func (p *person) room(bot id.UserID, encrypted, direct bool) id.RoomID {
	p.t.Helper()
	req := &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{bot}, IsDirect: direct}
	if encrypted {
		req.InitialState = []*event.Event{{
			Type:    event.StateEncryption,
			Content: event.Content{Parsed: &event.EncryptionEventContent{Algorithm: id.AlgorithmMegolmV1}},
		}}
	}
	resp, err := p.cli.CreateRoom(ctxT(p.t), req)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.RoomID
}

// send posts content to room and returns the event ID.
func (p *person) send(room id.RoomID, content *event.MessageEventContent) id.EventID {
	p.t.Helper()
	resp, err := p.cli.SendMessageEvent(ctxT(p.t), room, event.EventMessage, content)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.EventID
}

// say sends a plain m.text.
func (p *person) say(room id.RoomID, text string) id.EventID {
	p.t.Helper()
	return p.send(room, &event.MessageEventContent{MsgType: event.MsgText, Body: text})
}

// next returns the next message from someone else, failing after wait.
func (p *person) next() *event.Event {
	p.t.Helper()
	select {
	case evt := <-p.events:
		return evt
	case <-time.After(wait):
		p.t.Fatalf("%s got no message within %s", p.user.UserID, wait)
		return nil
	}
}

// quiet fails if a message arrives within d.
func (p *person) quiet(d time.Duration) {
	p.t.Helper()
	select {
	case evt := <-p.events:
		p.t.Fatalf("unexpected message: %s", evt.Content.AsMessage().Body)
	case <-time.After(d):
	}
}

// refresh reloads the room's state (members, encryption) into the person's
// state store, as a client does before sending into a room it just made.
func (p *person) refresh(room id.RoomID) {
	p.t.Helper()
	if _, err := p.cli.State(ctxT(p.t), room); err != nil {
		p.t.Fatal(err)
	}
}

// checkAnswer asserts evt is the bot's m.notice answering question.
func checkAnswer(t *testing.T, evt *event.Event, question id.EventID, wantText string) *event.MessageEventContent {
	t.Helper()
	c := evt.Content.AsMessage()
	if c.MsgType != event.MsgNotice {
		t.Errorf("answer msgtype %q, want m.notice", c.MsgType)
	}
	if got := c.RelatesTo.GetReplyTo(); got != question {
		t.Errorf("answer replies to %q, want %q", got, question)
	}
	if c.Mentions == nil || len(c.Mentions.UserIDs) != 0 || c.Mentions.Room {
		t.Errorf("answer m.mentions = %+v, want {}", c.Mentions)
	}
	if c.Format != event.FormatHTML || !strings.Contains(c.FormattedBody, "<blockquote>") {
		t.Errorf("answer HTML = %q", c.FormattedBody)
	}
	if want := "Answer to: " + wantText; !strings.HasPrefix(c.Body, want) {
		t.Errorf("answer body = %q, want prefix %q", c.Body, want)
	}
	return c
}

func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}
