package reload

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"liaison/knowledge"
)

const releaseA = "Ministers meet in Oslo\n\nNorwegian Minister of Justice Ola Sample met Finnish Minister of the Interior Maria Example in Oslo on 3 March 2022.\n"
const releaseB = "Police chiefs meet in Riga\n\nLatvian Chief of Police Janis Paraugs met Estonian Police Commissioner Kalle Naidis in Riga on 5 May 2021.\n"

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

type applied struct {
	mu  sync.Mutex
	got []Result
}

func (a *applied) apply(r Result) { a.mu.Lock(); a.got = append(a.got, r); a.mu.Unlock() }
func (a *applied) last() Result   { a.mu.Lock(); defer a.mu.Unlock(); return a.got[len(a.got)-1] }
func (a *applied) n() int         { a.mu.Lock(); defer a.mu.Unlock(); return len(a.got) }

func TestReloadOnChanges(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", releaseA)
	var ap applied
	var failures []error
	w := New(dir, time.Hour, ap.apply, func(err error) { failures = append(failures, err) }, nil)
	ctx := context.Background()
	if _, err := w.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Check(ctx); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("Check without changes: %v", err)
	}
	// added
	write(t, dir, "b.txt", releaseB)
	if _, err := w.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(ap.last().Base.Docs); got != 2 {
		t.Fatalf("after adding: %d releases", got)
	}
	// changed into something that no longer parses: the old version stays
	write(t, dir, "b.txt", "\x00\x01binary garbage that is a bit longer\x00")
	res, err := w.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Kept) != 1 || res.Kept[0] != "b.txt" || len(res.Base.PeopleByAlias("paraugs")) != 1 {
		t.Fatalf("broken release: kept %v, people %v", res.Kept, res.Base.PeopleByAlias("paraugs"))
	}
	// removed
	os.Remove(filepath.Join(dir, "b.txt"))
	if _, err := w.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(ap.last().Base.Docs); got != 1 {
		t.Fatalf("after removing: %d releases", got)
	}
	// the folder vanishes: the last good base stays, the failure is reported
	before := ap.n()
	os.RemoveAll(dir)
	if _, err := w.Check(ctx); err == nil {
		t.Fatal("a vanished folder reloaded without error")
	}
	if ap.n() != before || len(failures) == 0 {
		t.Fatalf("vanished folder: applied %d (was %d), failures %v", ap.n(), before, failures)
	}
}

func TestRunPicksUpChanges(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", releaseA)
	var ap applied
	w := New(dir, 20*time.Millisecond, ap.apply, nil, nil)
	if _, err := w.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	write(t, dir, "b.txt", releaseB)
	deadline := time.Now().Add(5 * time.Second)
	for ap.n() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if ap.n() < 2 || len(ap.last().Base.Docs) != 2 {
		t.Fatalf("Run did not pick up the new release (%d builds)", ap.n())
	}
}

func TestSymlinksAreNotFollowed(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write(t, dir, "a.txt", releaseA)
	write(t, outside, "secret.txt", releaseB)
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	res, err := New(dir, time.Hour, func(Result) {}, nil, nil).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Base.Docs) != 1 || len(res.Base.PeopleByAlias("paraugs")) != 0 {
		t.Fatalf("a release outside the corpus folder was read: %d docs", len(res.Base.Docs))
	}
	b, _, err := knowledge.LoadDir(context.Background(), dir)
	if err != nil || len(b.Docs) != 1 {
		t.Fatalf("LoadDir followed a link: %v, %d docs", err, len(b.Docs))
	}
}
