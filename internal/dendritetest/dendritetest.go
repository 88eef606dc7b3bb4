// Package dendritetest runs a real Matrix homeserver (Dendrite v0.13.8,
// built from the pinned wrapper module in tools/dendrite) on 127.0.0.1 for
// tests. Start generates keys and a CI configuration in a fresh t.TempDir,
// starts the server on a free loopback port and waits until it answers;
// the server is stopped when the test ends. Restart stops and starts it
// again on the same port and data, for tests of reconnection.
//
// When the binaries are missing under .cache/dendrite/bin at the repository
// root, Start runs scripts/build-dendrite.sh once per test process. If that
// fails the test fails: these tests are never skipped.
package dendritetest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
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

	"gopkg.in/yaml.v3"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/synapseadmin"
	_ "modernc.org/sqlite" // the "sqlite" driver, to create Dendrite's files in WAL mode
)

// SharedSecret is the registration shared secret of the generated -ci
// configuration.
const SharedSecret = "complement"

// ServerName is the server name users are registered under
// ("@alice:localhost").
const ServerName = "localhost"

// RateLimit configures Dendrite's client API rate limiter. Dendrite limits
// joins, invites, leaves, room creation, whoami, login and profile changes
// (not message sends) and answers 429 M_LIMIT_EXCEEDED with retry_after_ms
// and no Retry-After header.
type RateLimit struct {
	// Threshold is the number of requests a device may make per Cooloff.
	Threshold int
	// Cooloff is how long each request holds its slot.
	Cooloff time.Duration
	// Exempt lists user IDs that are never limited.
	Exempt []string
}

// Options adjust the server a test starts. The zero value is a server with
// rate limiting off.
type Options struct {
	// RateLimit, when not nil, turns rate limiting on.
	RateLimit *RateLimit
}

// Server is a running Dendrite. Its methods may be called from the test's
// goroutine only.
type Server struct {
	// URL is the client API base URL, "http://127.0.0.1:PORT".
	URL string
	// Dir is the server's data folder.
	Dir string

	t       testing.TB
	addr    string
	bin     string
	cmd     *exec.Cmd
	done    chan struct{}
	logPath string
}

var (
	buildOnce sync.Once
	buildErr  error
	binDir    string
)

// RepoRoot returns the repository root: the nearest folder above the
// working directory whose go.mod declares module liaison.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("dendritetest: working directory: %w", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module liaison\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("dendritetest: repository root (go.mod of module liaison) not found")
		}
		dir = parent
	}
}

// Binaries returns the folder holding the Dendrite binaries, building them
// with scripts/build-dendrite.sh when any is missing.
func Binaries() (string, error) {
	buildOnce.Do(func() {
		root, err := RepoRoot()
		if err != nil {
			buildErr = err
			return
		}
		binDir = filepath.Join(root, ".cache", "dendrite", "bin")
		missing := false
		for _, c := range []string{"dendrite", "generate-config", "generate-keys"} {
			if _, err := os.Stat(filepath.Join(binDir, c)); err != nil {
				missing = true
			}
		}
		if !missing {
			return
		}
		cmd := exec.Command("sh", filepath.Join(root, "scripts", "build-dendrite.sh"))
		cmd.Dir = root
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			buildErr = fmt.Errorf("dendritetest: scripts/build-dendrite.sh: %w\n%s", err, out.String())
		}
	})
	return binDir, buildErr
}

// Start starts a fresh Dendrite for t and stops it when t ends. It fails t
// when the server cannot be built or started.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bin, err := Binaries()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := &Server{t: t, Dir: dir, bin: bin, logPath: filepath.Join(dir, "dendrite.log")}
	if err := s.configure(opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Stop()
		s.keepLog()
		if t.Failed() {
			s.dumpLog()
		}
	})
	// The free port can be taken between finding and binding it: then try
	// another.
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		s.addr = fmt.Sprintf("127.0.0.1:%d", port)
		s.URL = "http://" + s.addr
		err = s.start()
		if err == nil {
			return s
		}
		if attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			t.Fatal(err)
		}
	}
}

func (s *Server) configure(opts Options) error {
	run := func(name string, args ...string) ([]byte, error) {
		cmd := exec.Command(filepath.Join(s.bin, name), args...)
		cmd.Dir = s.Dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("dendritetest: %s: %w: %s", name, err, stderr.String())
		}
		return out, nil
	}
	if _, err := run("generate-keys", "--private-key", "matrix_key.pem"); err != nil {
		return err
	}
	raw, err := run("generate-config", "-ci", "-dir", s.Dir, "-server", ServerName)
	if err != nil {
		return err
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		return fmt.Errorf("dendritetest: parse generated config: %w", err)
	}
	global := sub(cfg, "global")
	global["disable_federation"] = true
	// Keep JetStream on disk so that a restart finds the same streams.
	js := sub(global, "jetstream")
	js["in_memory"] = false
	js["storage_path"] = filepath.Join(s.Dir, "jetstream")
	sub(sub(cfg, "sync_api"), "search")["enabled"] = false
	cfg["logging"] = []any{map[string]any{"type": "std", "level": "warn"}}
	if rl := opts.RateLimit; rl != nil {
		exempt := []any{}
		for _, u := range rl.Exempt {
			exempt = append(exempt, u)
		}
		sub(sub(cfg, "client_api"), "rate_limiting")["enabled"] = true
		sub(sub(cfg, "client_api"), "rate_limiting")["threshold"] = rl.Threshold
		sub(sub(cfg, "client_api"), "rate_limiting")["cooloff_ms"] = rl.Cooloff.Milliseconds()
		sub(sub(cfg, "client_api"), "rate_limiting")["exempt_user_ids"] = exempt
	}
	if err := walDatabases(cfg); err != nil {
		return err
	}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		return fmt.Errorf("dendritetest: write config: %w", err)
	}
	return os.WriteFile(filepath.Join(s.Dir, "dendrite.yaml"), out, 0o600)
}

// walDatabases creates every SQLite database the configuration names, in
// write-ahead-log mode, before Dendrite first opens them. Dendrite v0.13.8
// opens its SQLite files in the default rollback-journal mode, where a
// COMMIT must wait for every reader: under a burst on two cores it waits
// out the 10 s busy timeout and fails with SQLITE_BUSY. SQLite keeps that
// transaction open, database/sql returns the connection to the pool
// anyway, and every later write on it fails with "cannot start a
// transaction within a transaction": the server answers 500 until it is
// restarted. In WAL mode readers never block a commit. The mode is stored
// in the file, so Dendrite and later restarts keep it.
func walDatabases(cfg map[string]any) error {
	var paths []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if cs, ok := v["connection_string"].(string); ok && strings.HasPrefix(cs, "file:") {
				paths = append(paths, strings.TrimPrefix(strings.TrimPrefix(cs, "file:"), "//"))
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(cfg)
	if len(paths) == 0 {
		return errors.New("dendritetest: the generated configuration names no SQLite database")
	}
	for _, path := range paths {
		if err := walDatabase(path); err != nil {
			return err
		}
	}
	return nil
}

func walDatabase(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("dendritetest: open %s: %w", path, err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("dendritetest: WAL mode for %s: %w", path, err)
	}
	if mode != "wal" {
		return fmt.Errorf("dendritetest: WAL mode for %s: SQLite answered %q", path, mode)
	}
	return nil
}

func sub(m map[string]any, key string) map[string]any {
	v, ok := m[key].(map[string]any)
	if !ok {
		v = map[string]any{}
		m[key] = v
	}
	return v
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("dendritetest: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) start() error {
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("dendritetest: open log: %w", err)
	}
	cmd := exec.Command(filepath.Join(s.bin, "dendrite"),
		"-config", "dendrite.yaml",
		"-http-bind-address", s.addr,
		"-really-enable-open-registration")
	cmd.Dir = s.Dir
	cmd.Stdout, cmd.Stderr = logf, logf
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("dendritetest: start dendrite: %w", err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(done)
	}()
	s.cmd, s.done = cmd, done

	deadline := time.Now().Add(30 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-done:
			return fmt.Errorf("dendritetest: dendrite exited during start-up:\n%s", s.tail())
		default:
		}
		resp, err := client.Get(s.URL + "/_matrix/client/versions")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			s.Stop()
			return fmt.Errorf("dendritetest: dendrite not ready after 30 s:\n%s", s.tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it
// to exit. Stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

// Restart stops the server and starts it again on the same address and
// data. It fails the test when the server does not come back.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	if err := s.start(); err != nil {
		s.t.Fatal(err)
	}
}

// Start starts a stopped server again on the same address and data.
func (s *Server) Start() {
	s.t.Helper()
	if s.cmd != nil {
		return
	}
	if err := s.start(); err != nil {
		s.t.Fatal(err)
	}
}

func (s *Server) tail() string {
	data, _ := os.ReadFile(s.logPath)
	const max = 4000
	if len(data) > max {
		data = data[len(data)-max:]
	}
	return string(data)
}

// keepLog copies the server's log into the folder DENDRITETEST_KEEP_LOGS
// names, when it is set, as TESTNAME-*.log: the tail printed on failure
// often lacks the first error.
func (s *Server) keepLog() {
	dir := os.Getenv("DENDRITETEST_KEEP_LOGS")
	if dir == "" {
		return
	}
	data, err := os.ReadFile(s.logPath)
	if err != nil {
		s.t.Logf("dendritetest: keep log: %v", err)
		return
	}
	f, err := os.CreateTemp(dir, strings.ReplaceAll(s.t.Name(), "/", "_")+"-*.log")
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		s.t.Logf("dendritetest: keep log: %v", err)
	}
}

func (s *Server) dumpLog() {
	if tail := strings.TrimSpace(s.tail()); tail != "" {
		s.t.Logf("dendrite log (tail):\n%s", tail)
	}
}

// User is a registered account.
type User struct {
	// UserID is the full Matrix ID ("@alice:localhost").
	UserID id.UserID
	// Password is the account password.
	Password string
	// AccessToken and DeviceID belong to the device created at registration.
	AccessToken string
	DeviceID    id.DeviceID
}

// Register creates the account localpart with shared-secret registration
// and returns its credentials. It fails t on error.
func (s *Server) Register(t testing.TB, localpart string) User {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cli, err := mautrix.NewClient(s.URL, "", "")
	if err != nil {
		t.Fatal(err)
	}
	password := "pw-" + localpart + "-secret"
	admin := synapseadmin.Client{Client: cli}
	resp, err := admin.SharedSecretRegister(ctx, SharedSecret, synapseadmin.ReqSharedSecretRegister{
		Username: localpart,
		Password: password,
	})
	if err != nil {
		t.Fatalf("dendritetest: register %s: %v", localpart, err)
	}
	return User{UserID: resp.UserID, Password: password, AccessToken: resp.AccessToken, DeviceID: resp.DeviceID}
}
