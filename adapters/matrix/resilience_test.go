package matrix

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
)

// TestBotRestart: the bot is stopped mid-conversation (while an answer is
// being computed) and started again. The answer in flight is delivered,
// nothing is answered twice, the message sent while it was down is
// answered, backlog older than the catch-up window is skipped, and the
// device (password login, cross-signing) is set up once.
func TestBotRestart(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	const window = 3 * time.Second
	b := newBot(t, srv, func(c *Config) { c.CatchUpWindow = window })
	b.ans.delay = time.Second
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting

	q1 := ann.say(dm, "first question")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q1, "first question")

	// Stop while the core is working on an answer: it is still delivered.
	q2 := ann.say(dm, "slow question")
	if m := b.ans.next(t); m.Text != "slow question" {
		t.Fatalf("core got %q", m.Text)
	}
	if err := b.stop(); err != nil {
		t.Fatalf("Run returned %v after cancel, want nil", err)
	}
	checkAnswer(t, ann.next(), q2, "slow question")

	// While the bot is down: one message that will be too old, one not.
	ann.say(dm, "stale question")
	time.Sleep(window + 500*time.Millisecond)
	q3 := ann.say(dm, "asked while down")

	b.start()
	if m := b.ans.next(t); m.Text != "asked while down" {
		t.Fatalf("after restart the core first got %q, want the message sent while down", m.Text)
	}
	checkAnswer(t, ann.next(), q3, "asked while down")
	q4 := ann.say(dm, "after restart")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q4, "after restart")

	want := []string{"first question", "slow question", "asked while down", "after restart"}
	if got := b.ans.texts(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the core got %q, want %q", got, want)
	}
	logs := b.logs.String()
	if n := strings.Count(logs, "logged in with password"); n != 1 {
		t.Errorf("password login happened %d times, want once (device and token kept)", n)
	}
	if n := strings.Count(logs, "cross-signing set up"); n != 1 {
		t.Errorf("cross-signing bootstrapped %d times, want once", n)
	}
	if strings.Contains(logs, b.user.Password) {
		t.Error("the password appears in the logs")
	}
	// Still one device: the identity survived the restart.
	keys, err := ann.cli.QueryKeys(ctxT(t), &mautrix.ReqQueryKeys{DeviceKeys: map[id.UserID]mautrix.DeviceIDList{b.user.UserID: {}}})
	if err != nil {
		t.Fatal(err)
	}
	// Only devices that uploaded keys are listed: the registration's
	// device never did, so exactly one means no new device appeared.
	withKeys := 0
	for range keys.DeviceKeys[b.user.UserID] {
		withKeys++
	}
	if withKeys != 1 {
		t.Errorf("bot has %d devices with keys, want 1", withKeys)
	}
}

// TestHomeserverRestart: the homeserver goes away under the running bot
// and comes back; the bot reconnects on its own and answers again.
func TestHomeserverRestart(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	obs := &stateObserver{}
	b := newBot(t, srv, func(c *Config) { c.Observer = obs })
	var syncFailures atomic.Int32
	b.tweak = func(a *Adapter) { a.onSyncFail = func(error) { syncFailures.Add(1) } }
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting
	q1 := ann.say(dm, "before the outage")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q1, "before the outage")

	srv.Stop()
	deadline := time.Now().Add(wait)
	// Noticed: a sync failed, or (when an answer was still being sent) the
	// adapter reported the homeserver unreachable.
	noticed := func() bool { _, downs, _ := obs.get(); return syncFailures.Load() > 0 || downs > 0 }
	for !noticed() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !noticed() {
		t.Fatal("the bot did not notice the homeserver going away")
	}
	srv.Start()

	q2 := ann.say(dm, "after the outage")
	if m := b.ans.next(t); m.Text != "after the outage" {
		t.Fatalf("core got %q", m.Text)
	}
	checkAnswer(t, ann.next(), q2, "after the outage")
	if !strings.Contains(b.logs.String(), "sync recovered") {
		t.Error("no log line about the sync recovering")
	}
	if ups, downs, up := obs.get(); ups < 2 || downs < 1 || !up {
		t.Errorf("observer saw %d up, %d down, connected=%v; want the outage and the recovery", ups, downs, up)
	}
}

// stateObserver records the connection state the adapter reports.
type stateObserver struct {
	mu         sync.Mutex
	ups, downs int
	up         bool
}

func (o *stateObserver) Connected(_ string, up bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if up && !o.up {
		o.ups++
	}
	if !up && o.up {
		o.downs++
	}
	o.up = up
}

func (o *stateObserver) RateLimited(string, time.Duration) {}

func (o *stateObserver) get() (int, int, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.ups, o.downs, o.up
}

// TestUnknownToken: when the bot's device is logged out, Run stops with
// ErrUnknownToken and a clear log line. The bot logs in by access token
// (no password), so it also shows cross-signing failing gracefully.
func TestUnknownToken(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.cfg.Password = ""
	b.cfg.AccessToken = b.user.AccessToken
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting: the bot is up
	q := ann.say(dm, "with a token")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q, "with a token")

	other, err := mautrix.NewClient(srv.URL, b.user.UserID, b.user.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Logout(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-b.done:
		b.cancel = nil
		if !errors.Is(err, ErrUnknownToken) {
			t.Fatalf("Run returned %v, want ErrUnknownToken", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not stop after the token was revoked")
	}
	logs := b.logs.String()
	if !strings.Contains(logs, "M_UNKNOWN_TOKEN") {
		t.Error("no log line explains the rejected token")
	}
	if strings.Contains(logs, b.user.AccessToken) {
		t.Error("the access token appears in the logs")
	}
	if !strings.Contains(logs, "cross-signing not set up") {
		t.Error("token login without password should warn that cross-signing is not set up")
	}
}

// TestRateLimited: Dendrite answers the bot's join with 429
// M_LIMIT_EXCEEDED and retry_after_ms; the bot waits as asked and joins.
func TestRateLimited(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{RateLimit: &dendritetest.RateLimit{
		Threshold: 1, Cooloff: 1500 * time.Millisecond, Exempt: []string{"@ann:localhost"},
	}})
	b := newBot(t, srv, nil)
	var limited atomic.Int32
	var asked atomic.Int64
	b.tweak = func(a *Adapter) {
		a.onRateLimited = func(d time.Duration) { limited.Add(1); asked.Store(int64(d)) }
	}
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	// Two rooms at once: the second join hits the limit.
	r1 := ann.room(b.user.UserID, false, true)
	r2 := ann.room(b.user.UserID, false, true)
	got := map[id.RoomID]bool{}
	for len(got) < 2 {
		evt := ann.next()
		if evt.Content.AsMessage().MsgType == event.MsgNotice {
			got[evt.RoomID] = true
		}
	}
	if !got[r1] || !got[r2] {
		t.Errorf("greetings in %v, want both rooms", got)
	}
	if limited.Load() == 0 {
		t.Fatal("the homeserver never rate-limited the bot; the test proves nothing")
	}
	if time.Duration(asked.Load()) != 1500*time.Millisecond {
		t.Errorf("server asked for %v", time.Duration(asked.Load()))
	}
}

// TestUndecryptable: a client that withholds its keys from the bot (it
// sends only to devices it verified) gets, once per session, a notice
// asking to verify or re-send; the failure is logged.
func TestUndecryptable(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	eve := newPerson(t, srv, "eve", true, func(h *cryptohelper.CryptoHelper) {
		h.Machine().SendKeysMinTrust = id.TrustStateVerified
	})
	dm := eve.room(b.user.UserID, true, true)
	eve.next() // greeting (the bot shares its keys with everyone)
	eve.refresh(dm)
	q1 := eve.say(dm, "secret question")
	evt := eve.next()
	c := evt.Content.AsMessage()
	if c.MsgType != event.MsgNotice || c.RelatesTo.GetReplyTo() != q1 || !strings.Contains(c.Body, "verify") {
		t.Fatalf("notice = %s %q replying to %s", c.MsgType, c.Body, c.RelatesTo.GetReplyTo())
	}
	if c.Mentions == nil || len(c.Mentions.UserIDs) != 0 {
		t.Errorf("notice mentions %+v", c.Mentions)
	}
	// Same session again: logged, but no second notice.
	eve.say(dm, "secret question again")
	eve.quiet(1500 * time.Millisecond)
	if n := strings.Count(b.logs.String(), "cannot decrypt message"); n != 2 {
		t.Errorf("%d decryption failures logged, want 2", n)
	}
	if got := b.ans.texts(); len(got) != 0 {
		t.Errorf("the core got %q", got)
	}
}

// TestLoggedOutDevice: the bot's device is logged out under it. Run stops
// with ErrUnknownToken; started again, it logs in with the password as a
// new device, signs that device with the recovery key from the data
// folder (same identity, no new cross-signing keys), and a client that
// sends keys only to cross-signed devices still reaches it.
func TestLoggedOutDevice(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	eve := newPerson(t, srv, "eve", true, func(h *cryptohelper.CryptoHelper) {
		h.Machine().SendKeysMinTrust = id.TrustStateCrossSignedTOFU
	})
	dm := eve.room(b.user.UserID, true, true)
	eve.next() // greeting
	eve.refresh(dm)
	q1 := eve.say(dm, "before logout")
	b.ans.next(t)
	checkAnswer(t, eve.next(), q1, "before logout")

	raw, err := b.st.Get(ctxT(t), keySession)
	if err != nil {
		t.Fatal(err)
	}
	var s session
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	other, _ := mautrix.NewClient(srv.URL, s.UserID, s.AccessToken)
	if _, err := other.Logout(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-b.done:
		b.cancel = nil
		if !errors.Is(err, ErrUnknownToken) {
			t.Fatalf("Run returned %v, want ErrUnknownToken", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not stop after the device was logged out")
	}

	b.start()
	// Like any client, eve learns about the bot's new device and its
	// cross-signature from her sync (device list changes) before her next
	// message is encrypted for it.
	mach := eve.helper.Machine()
	deadline := time.Now().Add(wait)
	for trusted := false; !trusted; {
		devs, err := mach.CryptoStore.GetDevices(ctxT(t), b.user.UserID)
		if err != nil {
			t.Fatal(err)
		}
		for devID, dev := range devs {
			if devID != s.DeviceID && mach.ResolveTrust(dev) >= id.TrustStateCrossSignedTOFU {
				trusted = true
			}
		}
		if !trusted && time.Now().After(deadline) {
			t.Fatalf("eve never came to trust the bot's new device (%d devices known)", len(devs))
		}
		time.Sleep(50 * time.Millisecond)
	}
	q2 := eve.say(dm, "after logout")
	if m := b.ans.next(t); m.Text != "after logout" {
		t.Fatalf("core got %q", m.Text)
	}
	checkAnswer(t, eve.next(), q2, "after logout")
	logs := b.logs.String()
	if !strings.Contains(logs, "device cross-signed with the existing identity") {
		t.Error("the new device was not signed with the existing identity")
	}
	if n := strings.Count(logs, "cross-signing set up"); n != 1 {
		t.Errorf("cross-signing keys created %d times, want once", n)
	}
}

// TestEncryptionOff: with encryption turned off the bot still answers in
// plain rooms, and tells an encrypted room once that it cannot read it.
func TestEncryptionOff(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, func(c *Config) { c.Encryption = false; c.PickleKey = "" })
	b.start()
	eve := newPerson(t, srv, "eve", true, nil)

	plain := eve.room(b.user.UserID, false, true)
	eve.next() // greeting
	q := eve.say(plain, "plain question")
	b.ans.next(t)
	checkAnswer(t, eve.next(), q, "plain question")

	enc := eve.room(b.user.UserID, true, true)
	eve.next() // greeting (sent unencrypted: the bot cannot encrypt)
	eve.refresh(enc)
	q = eve.say(enc, "secret one")
	c := eve.next().Content.AsMessage()
	if c.MsgType != event.MsgNotice || c.RelatesTo.GetReplyTo() != q || !strings.Contains(c.Body, "encryption is turned off") {
		t.Fatalf("notice = %s %q", c.MsgType, c.Body)
	}
	eve.say(enc, "secret two")
	eve.quiet(time.Second)
	if n := strings.Count(b.logs.String(), "encrypted message ignored"); n != 2 {
		t.Errorf("%d encrypted messages logged, want 2", n)
	}
}

// TestWrongPickleKey: started with another pickle key than its keys were
// saved with, Run fails at once and says why.
func TestWrongPickleKey(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	ann.room(b.user.UserID, false, true)
	ann.next() // greeting: keys are stored
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	b.cfg.PickleKey = "not-the-same-key"
	b.start()
	select {
	case err := <-b.done:
		b.cancel = nil
		if !errors.Is(err, ErrPickleKey) || !strings.Contains(err.Error(), "pickle key") {
			t.Fatalf("Run returned %v, want an error naming the pickle key", err)
		}
	case <-time.After(wait):
		t.Fatal("Run kept running with unreadable keys")
	}
}

// TestReplayedSync: when sync delivers already answered events again (here:
// the sync token is lost, so the next sync starts from scratch and repeats
// the recent timeline), nothing is answered twice.
func TestReplayedSync(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting
	q1 := ann.say(dm, "answered once")
	b.ans.next(t)
	checkAnswer(t, ann.next(), q1, "answered once")
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	if err := b.st.Put(ctxT(t), keyNextBatch(b.user.UserID), ""); err != nil {
		t.Fatal(err)
	}
	b.start()
	q2 := ann.say(dm, "second question")
	if m := b.ans.next(t); m.Text != "second question" {
		t.Fatalf("after the replay the core got %q first", m.Text)
	}
	checkAnswer(t, ann.next(), q2, "second question")
	if got := b.ans.texts(); len(got) != 2 {
		t.Errorf("the core got %q", got)
	}
	if !strings.Contains(b.logs.String(), "event already answered") {
		t.Error("the sync did not repeat the answered event; the test proves nothing")
	}
}
