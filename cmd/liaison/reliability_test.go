package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/corpus"
	"liaison/internal/dendritetest"
	"liaison/internal/slackfake"
)

// rig is `liaison serve` wired to a real Dendrite and the loopback Slack
// server, with a corpus folder and a data folder that survive restarts of
// the process.
type rig struct {
	t         *testing.T
	hs        *dendritetest.Server
	fake      *slackfake.Server
	bot       dendritetest.User
	corpusDir string
	dataDir   string
	cfgPath   string
	opsAddr   string
	env       []string
	secrets   []string
	logs      []*lockedBuffer // every run's output
}

const (
	rigBotToken  = "xoxb-reliability-SECRET-bot"
	rigAppToken  = "xapp-reliability-SECRET-app"
	rigPickleKey = "pickle-reliability-SECRET-key"
)

func newRig(t *testing.T, hsOpts dendritetest.Options) *rig {
	t.Helper()
	hs := dendritetest.Start(t, hsOpts)
	fake, err := slackfake.Start(slackfake.Options{BotToken: rigBotToken, AppToken: rigAppToken})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	r := &rig{t: t, hs: hs, fake: fake, bot: hs.Register(t, "liaison"), opsAddr: freeAddr(t)}
	dir := t.TempDir()
	r.corpusDir, r.dataDir = filepath.Join(dir, "corpus"), filepath.Join(dir, "data")
	if err := os.CopyFS(r.corpusDir, corpus.FS); err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`
corpus: %s
data_dir: %s
log: {level: info, format: json}
http: {listen: %s}
reload: {watch: true, interval: 200ms}
limits: {questions_per_minute: 1000000, burst: 1000000}
slack:
  enabled: true
  bot_token: ${REL_BOT_TOKEN}
  app_token: ${REL_APP_TOKEN}
  api_url: %s
matrix:
  enabled: true
  homeserver: %s
  user_id: "%s"
  access_token: ${REL_MATRIX_TOKEN}
  pickle_key: ${REL_PICKLE_KEY}
  encryption: true
`, r.corpusDir, r.dataDir, r.opsAddr, fake.APIURL(), hs.URL, r.bot.UserID)
	r.cfgPath = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(r.cfgPath, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	r.env = []string{"REL_BOT_TOKEN=" + rigBotToken, "REL_APP_TOKEN=" + rigAppToken,
		"REL_MATRIX_TOKEN=" + r.bot.AccessToken, "REL_PICKLE_KEY=" + rigPickleKey}
	r.secrets = []string{rigBotToken, rigAppToken, r.bot.AccessToken, rigPickleKey}
	return r
}

// start runs `liaison serve` and waits until it is ready.
func (r *rig) start() *process {
	r.t.Helper()
	p := startProcess(r.t, r.env, "serve", "--config", r.cfgPath)
	r.logs = append(r.logs, p.logs)
	eventually(r.t, "/readyz", 60*time.Second, func() bool {
		select {
		case err := <-p.done:
			r.t.Fatalf("serve exited before it was ready: %v\n%s", err, p.logs)
		default:
		}
		code, _ := httpGet("http://" + r.opsAddr + "/readyz")
		return code == 200
	})
	return p
}

// metrics returns the /metrics page.
func (r *rig) metrics() string {
	_, m := httpGet("http://" + r.opsAddr + "/metrics")
	return m
}

// checkNoSecrets fails if a token reached any run's output or the metrics.
func (r *rig) checkNoSecrets(extra ...string) {
	r.t.Helper()
	all := strings.Join(extra, "\n")
	for _, l := range r.logs {
		all += l.String()
	}
	for _, p := range r.fake.Posts() { // answers, error replies included
		all += p.Text + string(p.Blocks)
	}
	for _, s := range r.secrets {
		if strings.Contains(all, s) {
			r.t.Errorf("a secret (%.8s...) reached the logs or metrics", s)
		}
	}
}

// childPeakRSS is the process's peak resident set size (VmHWM) in MiB, or -1.
func childPeakRSS(p *process) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return -1
}

// percentile returns the p-th percentile (0..100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

// slackQuestion is one question sent over Socket Mode.
type slackQuestion struct {
	channel, ts, envelope string
	payload               map[string]any
	sent                  time.Time
}

// slackQuestions builds n mentions spread over channels; question i asks
// texts[i%len(texts)]. Timestamps are in the past so that the fake's post
// timestamps (1700000000+) come after them, as Slack's do.
func slackQuestions(prefix string, n, channels int, texts []string) []*slackQuestion {
	qs := make([]*slackQuestion, n)
	for i := range qs {
		ch := fmt.Sprintf("C0%s%03d", prefix, i%channels)
		ts := fmt.Sprintf("16%08d.000100", i)
		ev := map[string]any{"type": "app_mention", "user": fmt.Sprintf("U0USER%02d", i%7), "text": "<@" + slackfake.BotUserID + "> " + texts[i%len(texts)],
			"ts": ts, "channel": ch, "event_ts": ts}
		qs[i] = &slackQuestion{channel: ch, ts: ts, payload: slackfake.EventPayload("Ev"+prefix+strconv.Itoa(i), ev)}
	}
	return qs
}

// sendSlack sends qs in bursts of burst questions from clients goroutines
// (client c sends the questions of channels c, c+clients, ...), pausing
// gap between bursts. It stops early, without error, on ErrNotConnected
// when stopOK is set (the bot was killed).
func sendSlack(t *testing.T, fake *slackfake.Server, qs []*slackQuestion, clients, burst int, gap time.Duration, stopOK bool) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sent := 0
			for i, q := range qs {
				n, _ := strconv.Atoi(q.channel[len(q.channel)-3:])
				if n%clients != c {
					continue
				}
				q.sent = time.Now()
				env, err := fake.Send("events_api", q.payload, 0)
				if err != nil {
					if stopOK {
						return
					}
					errs <- fmt.Errorf("question %d: %w", i, err)
					return
				}
				q.envelope = env
				if sent++; sent%burst == 0 {
					time.Sleep(gap)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// slackAnswers maps each question ts to the first parts (part 0) of the
// answers posted in its thread, in arrival order.
func slackAnswers(t *testing.T, posts []slackfake.Post) map[string][]slackfake.Post {
	t.Helper()
	out := map[string][]slackfake.Post{}
	for _, p := range posts {
		var meta struct {
			EventPayload struct {
				Question string  `json:"question"`
				Part     float64 `json:"part"`
			} `json:"event_payload"`
		}
		if err := json.Unmarshal(p.Metadata, &meta); err != nil {
			t.Fatalf("a post without answer metadata: %+v", p)
		}
		if meta.EventPayload.Part == 0 {
			out[p.ThreadTS] = append(out[p.ThreadTS], p)
		}
	}
	return out
}

// checkSlackOnce asserts every question got exactly one answer, in
// question order within each channel, and returns the latencies.
func checkSlackOnce(t *testing.T, qs []*slackQuestion, posts []slackfake.Post) []time.Duration {
	t.Helper()
	answers := slackAnswers(t, posts)
	var lat []time.Duration
	missing, twice := 0, 0
	for _, q := range qs {
		switch a := answers[q.ts]; {
		case len(a) == 0:
			missing++
		case len(a) > 1:
			twice++
		default:
			if a[0].Channel != q.channel {
				t.Errorf("answer to %s posted in %s", q.ts, a[0].Channel)
			}
			if !q.sent.IsZero() {
				lat = append(lat, a[0].At.Sub(q.sent))
			}
		}
	}
	if missing > 0 || twice > 0 {
		t.Errorf("Slack: %d of %d questions unanswered, %d answered more than once", missing, len(qs), twice)
	}
	// Order: within a channel, answers arrive in question order.
	last := map[string]string{}
	for _, p := range posts {
		if prev, ok := last[p.Channel]; ok && p.ThreadTS < prev {
			t.Errorf("Slack channel %s: answer to %s after the answer to %s", p.Channel, p.ThreadTS, prev)
		}
		last[p.Channel] = p.ThreadTS
	}
	return lat
}

// matrixClient is a person on the homeserver who asks the bot questions
// and records the bot's answers from its own sync.
type matrixClient struct {
	cli     *mautrix.Client
	helper  *cryptohelper.CryptoHelper
	mu      sync.Mutex
	answers map[id.EventID][]*event.Event // question -> bot answers
}

func newMatrixClient(t *testing.T, hs *dendritetest.Server, localpart string, bot id.UserID, withCrypto bool) *matrixClient {
	t.Helper()
	mc := &matrixClient{answers: map[id.EventID][]*event.Event{}}
	c := hs.NewClient(t, localpart, dendritetest.ClientOptions{Crypto: withCrypto, Retries: 5, FromOthers: func(evt *event.Event) {
		if evt.Sender != bot {
			return
		}
		m := evt.Content.AsMessage()
		if m.MsgType != event.MsgNotice || m.RelatesTo.GetReplyTo() == "" {
			return
		}
		mc.mu.Lock()
		defer mc.mu.Unlock()
		q := m.RelatesTo.GetReplyTo()
		for _, seen := range mc.answers[q] {
			if seen.ID == evt.ID {
				return // the same event again from sync: one answer
			}
		}
		mc.answers[q] = append(mc.answers[q], evt)
	}})
	mc.cli, mc.helper = c.Cli, c.Crypto
	return mc
}

// room creates a room with the bot invited and waits until it joined.
func (mc *matrixClient) room(t *testing.T, bot id.UserID, encrypted bool) id.RoomID {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req := &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{bot}}
	if encrypted {
		req.InitialState = []*event.Event{{Type: event.StateEncryption,
			Content: event.Content{Parsed: &event.EncryptionEventContent{Algorithm: id.AlgorithmMegolmV1}}}}
	}
	resp, err := mc.cli.CreateRoom(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.RoomID
}

// waitJoined waits until the bot is a member of every room.
func (mc *matrixClient) waitJoined(t *testing.T, bot id.UserID, rooms []id.RoomID, limit time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for _, room := range rooms {
		eventually(t, "the bot to join "+room.String(), limit, func() bool {
			m, err := mc.cli.JoinedMembers(ctx, room)
			return err == nil && m.Joined[bot].DisplayName != "" || err == nil && len(m.Joined) == 2
		})
		if mc.helper != nil {
			if _, err := mc.cli.State(ctx, room); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// say sends text in room. Dendrite's SQLite sometimes answers 500 under
// concurrent writes; the send is retried with the same transaction ID, so
// it is posted once.
func (mc *matrixClient) say(ctx context.Context, room id.RoomID, text string) (id.EventID, time.Time, error) {
	txn := mc.cli.TxnID()
	var err error
	for attempt := range 12 {
		var resp *mautrix.RespSendEvent
		resp, err = mc.cli.SendMessageEvent(ctx, room, event.EventMessage,
			&event.MessageEventContent{MsgType: event.MsgText, Body: text}, mautrix.ReqSendEvent{TransactionID: txn})
		if err == nil {
			return resp.EventID, time.Now(), nil
		}
		time.Sleep(min(time.Duration(attempt+1)*200*time.Millisecond, 2*time.Second))
	}
	return "", time.Time{}, err
}

// answered returns the bot's answers to question.
func (mc *matrixClient) answered(q id.EventID) []*event.Event {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	return slices.Clone(mc.answers[q])
}

// matrixQuestion is one question sent to a room.
type matrixQuestion struct {
	client *matrixClient
	room   id.RoomID
	id     id.EventID
	ts     int64 // origin_server_ts of the question, from the server
}

// sendMatrix sends perRoom questions in each of rooms (rooms[i] belongs
// to clients[i%len(clients)]), each client in its own goroutine, in
// bursts of burst messages round-robin over its rooms.
func sendMatrix(t *testing.T, clients []*matrixClient, rooms []id.RoomID, perRoom, burst int, gap time.Duration, texts []string, stopOK bool) []*matrixQuestion {
	t.Helper()
	var mu sync.Mutex
	var out []*matrixQuestion
	var wg sync.WaitGroup
	errs := make(chan error, len(clients))
	for c, mc := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			var mine []id.RoomID
			for i, r := range rooms {
				if i%len(clients) == c {
					mine = append(mine, r)
				}
			}
			sent := 0
			for k := range perRoom {
				for _, room := range mine {
					evID, _, err := mc.say(ctx, room, texts[(k+sent)%len(texts)])
					if err != nil {
						if !stopOK {
							errs <- err
						}
						return
					}
					mu.Lock()
					out = append(out, &matrixQuestion{client: mc, room: room, id: evID})
					mu.Unlock()
					if sent++; sent%burst == 0 {
						time.Sleep(gap)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	return out
}

// waitMatrix waits until every question has an answer (or limit passes).
func waitMatrix(qs []*matrixQuestion, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		done := true
		for _, q := range qs {
			if len(q.client.answered(q.id)) == 0 {
				done = false
				break
			}
		}
		if done {
			time.Sleep(time.Second) // let a duplicate show itself
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkMatrixOnce asserts each question got exactly one answer, in
// question order within each room, and returns the latencies (server
// timestamps of question and answer).
func checkMatrixOnce(t *testing.T, qs []*matrixQuestion) []time.Duration {
	t.Helper()
	var lat []time.Duration
	missing, twice := 0, 0
	lastAnswer := map[id.RoomID]int64{}
	byRoom := map[id.RoomID][]*matrixQuestion{}
	for _, q := range qs {
		byRoom[q.room] = append(byRoom[q.room], q)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for room, rqs := range byRoom {
		// Questions in the order the server put them in the room.
		for _, q := range rqs {
			if q.ts == 0 {
				if evt, err := q.client.cli.GetEvent(ctx, room, q.id); err == nil {
					q.ts = evt.Timestamp
				}
			}
		}
		sort.SliceStable(rqs, func(i, j int) bool { return rqs[i].ts < rqs[j].ts })
		for _, q := range rqs {
			a := q.client.answered(q.id)
			switch {
			case len(a) == 0:
				missing++
				continue
			case len(a) > 1:
				twice++
				t.Logf("question %s answered by %s and %s", q.id, a[0].ID, a[1].ID)
			}
			if a[0].Timestamp < lastAnswer[room] {
				t.Errorf("room %s: answers out of question order", room)
			}
			lastAnswer[room] = a[0].Timestamp
			lat = append(lat, time.Duration(a[0].Timestamp-q.ts)*time.Millisecond)
		}
	}
	if missing > 0 || twice > 0 {
		t.Errorf("Matrix: %d of %d questions unanswered, %d answered more than once", missing, len(qs), twice)
	}
	return lat
}

// envInt reads a positive integer from the environment, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

var loadTexts = []string{"who met Kolokoltsev?", "!who-met Risikko", "where did Risikko and Kolokoltsev meet?",
	"who is Mikael Damberg?", "!meetings Helsinki", "when does the cross-border cooperation agreement expire?",
	"who met Angela Merkel?", "!help"}

// TestServeUnderLoad sends bursts of questions from several clients
// through Socket Mode (the loopback Slack server) and a real Dendrite at
// once, while the corpus is reloaded twice and Slack answers some posts
// with 429: every question is answered exactly once, in order within its
// room or channel. It logs p50/p99 end-to-end latency and the bot's peak
// memory. CI runs LIAISON_LOAD_QUESTIONS=300 per platform over
// LIAISON_LOAD_ROOMS=20; docs/reliability.md gives the full-size command.
func TestServeUnderLoad(t *testing.T) {
	n := envInt("LIAISON_LOAD_QUESTIONS", 300)
	rooms := envInt("LIAISON_LOAD_ROOMS", 20)
	clients := 5
	r := newRig(t, dendritetest.Options{})
	p := r.start()

	// Matrix: clients, each with its share of the rooms.
	var mcs []*matrixClient
	for c := range clients {
		mcs = append(mcs, newMatrixClient(t, r.hs, fmt.Sprintf("load%d", c), r.bot.UserID, false))
	}
	roomIDs := make([]id.RoomID, rooms)
	for i := range roomIDs {
		roomIDs[i] = mcs[i%clients].room(t, r.bot.UserID, false)
	}
	for c, mc := range mcs {
		var mine []id.RoomID
		for i, room := range roomIDs {
			if i%clients == c {
				mine = append(mine, room)
			}
		}
		mc.waitJoined(t, r.bot.UserID, mine, 2*time.Minute)
	}

	sq := slackQuestions("LOAD", n, rooms, loadTexts)
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(2)
	var mq []*matrixQuestion
	go func() { defer wg.Done(); sendSlack(t, r.fake, sq, clients, 10, 50*time.Millisecond, false) }()
	go func() {
		defer wg.Done()
		mq = sendMatrix(t, mcs, roomIDs, n/rooms, 10, 50*time.Millisecond, loadTexts, false)
	}()
	// Meanwhile: two reloads (a release added, then removed) and 429s.
	time.Sleep(500 * time.Millisecond)
	r.fake.RateLimit("chat.postMessage", 3, 1)
	release := "Ministers meet in Oslo\n\nPublication date 3.3.2022\n\nNorwegian Minister of Justice Ola Sample met Finnish Minister of the Interior Maria Example in Oslo on 3 March.\n"
	if err := os.WriteFile(filepath.Join(r.corpusDir, "load.txt"), []byte(release), 0o600); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the first reload", 30*time.Second, func() bool { return strings.Contains(r.metrics(), "liaison_releases 6") })
	if err := os.Remove(filepath.Join(r.corpusDir, "load.txt")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the second reload", 30*time.Second, func() bool { return strings.Contains(r.metrics(), "liaison_releases 5") })
	wg.Wait()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := r.fake.WaitPosts(ctx, n); err != nil {
		t.Errorf("Slack: %v", err)
	}
	waitMatrix(mq, 3*time.Minute)
	took := time.Since(start)
	time.Sleep(time.Second)
	slat := checkSlackOnce(t, sq, r.fake.Posts())
	mlat := checkMatrixOnce(t, mq)
	rss := childPeakRSS(p)
	metrics := r.metrics()
	t.Logf("load: %d Slack questions over %d channels, %d Matrix questions over %d rooms, %d clients, 2 reloads, 3×429: all done in %v",
		len(sq), rooms, len(mq), rooms, clients, took.Round(time.Millisecond))
	t.Logf("load: Slack end-to-end p50 %v p99 %v (posts paced 1/s per channel); Matrix p50 %v p99 %v; peak RSS %.0f MiB",
		percentile(slat, 50).Round(time.Millisecond), percentile(slat, 99).Round(time.Millisecond),
		percentile(mlat, 50).Round(time.Millisecond), percentile(mlat, 99).Round(time.Millisecond), rss)
	if !strings.Contains(metrics, `liaison_platform_rate_limit_waits_total{adapter="slack"}`) {
		t.Error("the 429s were not counted in /metrics")
	}
	// Pacing: no two posts in one channel closer than Slack's 1 s (less
	// a little for timer slack).
	last := map[string]time.Time{}
	for _, post := range r.fake.Posts() {
		if prev, ok := last[post.Channel]; ok && post.At.Sub(prev) < 900*time.Millisecond {
			t.Errorf("channel %s: two posts %v apart", post.Channel, post.At.Sub(prev))
			break
		}
		last[post.Channel] = post.At
	}
	r.checkNoSecrets(metrics)
}

// TestServeKilledMidBurst kills `liaison serve` with SIGKILL while it is
// answering bursts on Slack and Matrix, then starts it again on the same
// data folder. Slack redelivers what was never acknowledged, as it does;
// every question is answered exactly once, in order, and the encrypted
// room keeps working with the bot's stored crypto identity.
func TestServeKilledMidBurst(t *testing.T) {
	r := newRig(t, dendritetest.Options{})
	p := r.start()

	// Matrix: an encrypting person with an encrypted room, a plain client
	// with three rooms.
	secret := newMatrixClient(t, r.hs, "crypto", r.bot.UserID, true)
	encRoom := secret.room(t, r.bot.UserID, true)
	secret.waitJoined(t, r.bot.UserID, []id.RoomID{encRoom}, time.Minute)
	plain := newMatrixClient(t, r.hs, "plain", r.bot.UserID, false)
	var rooms []id.RoomID
	for range 3 {
		rooms = append(rooms, plain.room(t, r.bot.UserID, false))
	}
	plain.waitJoined(t, r.bot.UserID, rooms, time.Minute)
	askEncrypted := func(text string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		q, _, err := secret.say(ctx, encRoom, text)
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, "an answer in the encrypted room", 60*time.Second, func() bool { return len(secret.answered(q)) > 0 })
	}
	askEncrypted("who met Kolokoltsev?")

	// Bursts on both platforms; kill -9 once some answers are out.
	sq := slackQuestions("KILL", 120, 6, loadTexts)
	var wg sync.WaitGroup
	var mq []*matrixQuestion
	wg.Add(2)
	go func() { defer wg.Done(); sendSlack(t, r.fake, sq, 3, 5, 400*time.Millisecond, true) }()
	go func() {
		defer wg.Done()
		mq = sendMatrix(t, []*matrixClient{plain}, rooms, 20, 10, 20*time.Millisecond, loadTexts, false)
	}()
	eventually(t, "answers before the kill", 60*time.Second, func() bool { return len(r.fake.Posts()) >= 10 })
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	wg.Wait()
	before := len(r.fake.Posts())
	t.Logf("killed after %d Slack posts", before)

	p2 := r.start()
	// Slack redelivers every envelope that was not acknowledged.
	acked := map[string]bool{}
	for _, a := range r.fake.Acks() {
		acked[a.EnvelopeID] = true
	}
	redelivered := 0
	for _, q := range sq {
		if q.envelope != "" && acked[q.envelope] {
			continue
		}
		retry := 1
		if q.envelope == "" {
			retry = 0 // never delivered: the bot was down
		}
		env, err := r.fake.Send("events_api", q.payload, retry)
		if err != nil {
			t.Fatal(err)
		}
		if q.sent.IsZero() {
			q.sent = time.Now()
		}
		q.envelope = env
		redelivered++
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := r.fake.WaitPosts(ctx, len(sq)); err != nil {
		t.Errorf("Slack: %v", err)
	}
	waitMatrix(mq, 2*time.Minute)
	time.Sleep(2 * time.Second) // a duplicate would show itself now
	checkSlackOnce(t, sq, r.fake.Posts())
	checkMatrixOnce(t, mq)
	logs2 := p2.logs.String()
	if os.Getenv("LIAISON_DUMP_LOGS") != "" {
		os.WriteFile(os.Getenv("LIAISON_DUMP_LOGS")+".1", []byte(p.logs.String()), 0o600)
		os.WriteFile(os.Getenv("LIAISON_DUMP_LOGS")+".2", []byte(logs2), 0o600)
	}
	t.Logf("after restart: %d Slack envelopes delivered again or late; Slack recovery logged: %v; Matrix answers found already sent: %d",
		redelivered, strings.Contains(logs2, "answering them now"), strings.Count(logs2, "not answering twice"))
	if before < len(sq) && !strings.Contains(logs2, "answering them now") && redelivered == 0 {
		t.Error("nothing was recovered, yet questions were unanswered at the kill")
	}
	// The crypto identity survived: the encrypted room still works.
	askEncrypted("!who-met Risikko")
	if strings.Contains(logs2, "new device") || strings.Contains(logs2, "ErrPickleKey") {
		t.Errorf("the bot's crypto identity changed:\n%s", logs2)
	}
	r.checkNoSecrets(r.metrics())
}
