package main

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"liaison/corpus"
	"liaison/internal/config"
	"liaison/internal/dendritetest"
	"liaison/internal/slackfake"
	"liaison/internal/store"
)

// startupConfig writes a configuration with the Slack adapter enabled
// (never reached: these tests fail before any adapter starts) and data in
// dataDir.
func startupConfig(t *testing.T, dataDir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	cfg := fmt.Sprintf("data_dir: %s\nslack: {enabled: true, bot_token: xoxb-startup-SECRET, app_token: xapp-startup-SECRET, api_url: \"http://127.0.0.1:1/api/\"}\n", dataDir)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// serveFails runs `liaison serve` and expects it to exit 1 at once with a
// message containing every want.
func serveFails(t *testing.T, cfgPath string, want ...string) {
	t.Helper()
	done := make(chan struct{})
	var code int
	var out, errs string
	go func() {
		defer close(done)
		code, out, errs = runCLI(t, "", "serve", "--config", cfgPath)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop on a broken data folder")
	}
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s%s", code, out, errs)
	}
	t.Logf("serve said: %s", strings.TrimSpace(errs))
	for _, w := range want {
		if !strings.Contains(errs, w) {
			t.Errorf("error output lacks %q:\n%s", w, errs)
		}
	}
	if strings.Contains(out+errs, "SECRET") {
		t.Error("a token reached the output")
	}
}

// tmpfs mounts a small tmpfs at dir (root only) and unmounts it at the end.
func tmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small filesystem needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
}

// TestServeStartupFaults: a corrupt state file, a read-only data folder, a
// full disk and a data folder that is a file each stop `liaison serve` at
// start-up with a line naming the problem, before any question is taken.
func TestServeStartupFaults(t *testing.T) {
	t.Run("corrupt state file", func(t *testing.T) {
		data := t.TempDir()
		if err := os.WriteFile(filepath.Join(data, "liaison.db"), []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
			t.Fatal(err)
		}
		serveFails(t, startupConfig(t, data), "open state", "liaison.db", "not a database")
	})
	t.Run("data folder is a file", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		if err := os.WriteFile(data, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		serveFails(t, startupConfig(t, data), "open state", "data folder")
	})
	t.Run("read-only data folder", func(t *testing.T) {
		data := t.TempDir()
		if os.Geteuid() == 0 {
			// An existing state on a filesystem mounted read-only.
			tmpfs(t, data, "size=4m")
			st, err := store.Open(context.Background(), filepath.Join(data, "liaison.db"))
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			if out, err := exec.Command("mount", "-o", "remount,ro", data).CombinedOutput(); err != nil {
				t.Skipf("cannot remount read-only: %v %s", err, out)
			}
		} else if err := os.Chmod(data, 0o500); err != nil {
			t.Fatal(err)
		}
		serveFails(t, startupConfig(t, data), "open state", "liaison.db", "writable")
	})
	t.Run("full disk", func(t *testing.T) {
		data := t.TempDir()
		tmpfs(t, data, "size=256k")
		f, err := os.Create(filepath.Join(data, "filler"))
		if err != nil {
			t.Fatal(err)
		}
		chunk := make([]byte, 4096)
		for range 1000 {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		f.Close()
		serveFails(t, startupConfig(t, data), "open state", "liaison.db", "writable")
	})
}

// TestCorpusCannotReachOutside: releases reached through symbolic links
// (to a file or a folder outside the corpus) are not read.
func TestCorpusCannotReachOutside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	b, _ := fs.ReadFile(corpus.FS, "000_4ee1fc371f5efdf3.txt")
	os.WriteFile(filepath.Join(dir, "000.txt"), b, 0o600)
	secret := "Ministers meet in Oslo\n\nPublication date 3.3.2022\n\nNorwegian Minister of Justice Zebulon Outsider met Finnish Minister of the Interior Maria Example in Oslo on 3 March.\n"
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o600)
	os.MkdirAll(filepath.Join(outside, "more"), 0o700)
	os.WriteFile(filepath.Join(outside, "more", "secret2.txt"), []byte(secret), 0o600)
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("no symlinks here")
	}
	os.Symlink(filepath.Join(outside, "more"), filepath.Join(dir, "linkdir"))
	os.Symlink("../"+filepath.Base(outside)+"/secret.txt", filepath.Join(dir, "dotdot.txt"))
	code, out, errs := runCLI(t, "who met Zebulon Outsider?\n", "ask", "--corpus", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "Maria Example") || strings.Contains(out, "secret") {
		t.Errorf("a release outside the corpus folder was read: %s", out)
	}
	code, out, _ = runCLI(t, "", "facts", "--corpus", dir)
	if code != 0 || strings.Contains(out, "Outsider") {
		t.Errorf("facts list a release outside the corpus folder (exit %d)", code)
	}
	// Control: the same release inside the folder is read and answers.
	os.WriteFile(filepath.Join(dir, "inside.txt"), []byte(secret), 0o600)
	if _, out, _ := runCLI(t, "who met Zebulon Outsider?\n", "ask", "--corpus", dir, "--json"); !strings.Contains(out, "Maria Example") {
		t.Errorf("control: the release inside the folder does not answer: %s", out)
	}
}

// slowProxy is a reverse proxy to a homeserver that can delay requests.
type slowProxy struct {
	delay atomic.Int64 // nanoseconds, for message sends
	srv   *http.Server
	URL   string
}

func startSlowProxy(t *testing.T, target string) *slowProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	sp := &slowProxy{}
	addr := freeAddr(t)
	sp.URL = "http://" + addr
	sp.srv = &http.Server{Addr: addr, ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/send/") {
			time.Sleep(time.Duration(sp.delay.Load()))
		}
		rp.ServeHTTP(w, r)
	})}
	go func() { _ = sp.srv.ListenAndServe() }()
	t.Cleanup(func() { sp.srv.Close() })
	return sp
}

// TestServeRecoversFromPlatformFaults runs `liaison serve` through a
// Socket Mode disconnect request, a cut websocket, a Slack answering in 3
// seconds, a homeserver down for 3 seconds, a homeserver answering in 3 seconds and
// the corpus folder vanishing: after each it answers again on its own and
// its logs and /metrics say what happened.
func TestServeRecoversFromPlatformFaults(t *testing.T) {
	r := newRig(t, dendritetest.Options{})
	proxy := startSlowProxy(t, r.hs.URL)
	cfg, _ := os.ReadFile(r.cfgPath)
	os.WriteFile(r.cfgPath, []byte(strings.Replace(string(cfg), "homeserver: "+r.hs.URL, "homeserver: "+proxy.URL, 1)), 0o600)
	p := r.start()
	mc := newMatrixClient(t, r.hs, "faults", r.bot.UserID, false)
	room := mc.room(t, r.bot.UserID, false)
	mc.waitJoined(t, r.bot.UserID, []id.RoomID{room}, time.Minute)

	n := 0
	askSlack := func(step string) time.Duration {
		t.Helper()
		n++
		ts := fmt.Sprintf("15%08d.000100", n)
		before := len(r.fake.Posts())
		start := time.Now()
		ev := map[string]any{"type": "message", "channel_type": "im", "user": "U0ALICE", "text": "who met Kolokoltsev?", "ts": ts, "channel": "D0ALICE", "event_ts": ts}
		eventually(t, "Slack connected ("+step+")", 60*time.Second, func() bool {
			_, err := r.fake.Send("events_api", slackfake.EventPayload("EvF"+ts, ev), 0)
			return err == nil
		})
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if _, err := r.fake.WaitPosts(ctx, before+1); err != nil {
			t.Fatalf("Slack, %s: no answer: %v\n%s", step, err, p.logs)
		}
		return time.Since(start)
	}
	askMatrix := func(step string) time.Duration {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		var q id.EventID
		var err error
		start := time.Now()
		eventually(t, "Matrix send ("+step+")", 60*time.Second, func() bool {
			q, _, err = mc.say(ctx, room, "!who-met Risikko")
			return err == nil
		})
		eventually(t, "a Matrix answer ("+step+")", 90*time.Second, func() bool { return len(mc.answered(q)) > 0 })
		return time.Since(start)
	}
	askSlack("start")
	askMatrix("start")

	connects := r.fake.Connects()
	if err := r.fake.Disconnect(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a reconnect after disconnect", 30*time.Second, func() bool { return r.fake.Connects() > connects })
	askSlack("after a disconnect request")

	connects = r.fake.Connects()
	r.fake.DropConnections()
	eventually(t, "a reconnect after a cut", 30*time.Second, func() bool { return r.fake.Connects() > connects })
	askSlack("after the websocket was cut")

	r.fake.SetDelay(3 * time.Second)
	slowSlack := askSlack("Slack answering in 3 s")
	r.fake.SetDelay(0)

	// The homeserver goes away for 3 seconds, then comes back.
	r.hs.Stop()
	time.Sleep(3 * time.Second)
	r.hs.Start()
	restartedMatrix := askMatrix("after a homeserver restart")

	proxy.delay.Store(int64(3 * time.Second))
	slowMatrix := askMatrix("homeserver answering in 3 s")
	proxy.delay.Store(0)

	// The corpus folder vanishes: the last good fact base keeps answering.
	if err := os.RemoveAll(r.corpusDir); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the failed reload to be counted", 30*time.Second, func() bool {
		return strings.Contains(r.metrics(), `liaison_reloads_total{result="failed"}`)
	})
	before := len(r.fake.Posts())
	askSlack("without a corpus folder")
	if post := r.fake.Posts()[before]; !strings.Contains(post.Text, "Risikko") {
		t.Errorf("after the corpus folder vanished the answer is %q", post.Text)
	}
	metrics := r.metrics()
	logs := p.logs.String()
	if d := os.Getenv("LIAISON_DUMP_LOGS"); d != "" {
		os.WriteFile(d, []byte(logs+"\n"+metrics), 0o600)
	}
	t.Logf("faults: Slack answer with 3 s API latency took %v; Matrix after restart %v; Matrix with 3 s send latency %v",
		slowSlack.Round(time.Millisecond), restartedMatrix.Round(time.Millisecond), slowMatrix.Round(time.Millisecond))
	for _, want := range []string{`liaison_adapter_reconnects_total{adapter="slack"}`, `liaison_adapter_reconnects_total{adapter="matrix"}`,
		`liaison_adapter_connected{adapter="slack"} 1`, `liaison_adapter_connected{adapter="matrix"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, want := range []string{"slack: socket mode connected", "matrix: homeserver not answering; retrying", "sync recovered"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q", want)
		}
	}
	if c := strings.Count(logs, "slack: socket mode connected"); c < 3 {
		t.Errorf("Slack connected %d times, want at least 3 (start, disconnect, cut)", c)
	}
	r.checkNoSecrets(metrics)
}

// TestAutoJoinFollowsAllowlists: with no auto_join_from, invites are
// accepted from exactly what access.matrix allows, or from anyone when it
// allows everyone.
func TestAutoJoinFollowsAllowlists(t *testing.T) {
	if got := autoJoinFrom(nil, config.MatrixAccess{}); len(got) != 0 {
		t.Errorf("no allowlist: %v, want every invite", got)
	}
	got := autoJoinFrom(nil, config.MatrixAccess{AllowRooms: []string{"!r:x.org"}, AllowUsers: []string{"@a:x.org"}, AllowServers: []string{"y.org"}, DenyUsers: []string{"@m:x.org"}})
	if strings.Join(got, " ") != "!r:x.org @a:x.org :y.org" {
		t.Errorf("derived auto-join list %v", got)
	}
	if got := autoJoinFrom([]string{"@boss:x.org"}, config.MatrixAccess{AllowUsers: []string{"@a:x.org"}}); strings.Join(got, " ") != "@boss:x.org" {
		t.Errorf("configured list overridden: %v", got)
	}
}
