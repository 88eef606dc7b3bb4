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
	"liaison/knowledge/page"
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

// TestSnapshotStart checks starting from the snapshot: used when neither
// the releases nor the program changed, built again (and saved again)
// when either did or the file is damaged, and a release that breaks after
// a start from the snapshot still keeps its last good version.
func TestSnapshotStart(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(t.TempDir(), "factbase.snapshot")
	write(t, dir, "a.txt", releaseA)
	write(t, dir, "b.txt", releaseB)
	ctx := context.Background()
	load := func(salt string) (*Watcher, Result) {
		t.Helper()
		w := New(dir, time.Hour, func(Result) {}, nil, nil)
		w.UseSnapshot(snap, []byte(salt))
		res, err := w.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return w, res
	}
	facts := func(b *knowledge.Base) string { return knowledge.Report(b) }

	_, built := load("v1")
	if built.FromSnapshot {
		t.Fatal("first start read a snapshot that did not exist")
	}
	if _, err := os.Stat(snap); err != nil {
		t.Fatalf("no snapshot saved: %v", err)
	}
	_, again := load("v1")
	if !again.FromSnapshot || facts(again.Base) != facts(built.Base) {
		t.Fatalf("second start: from snapshot %v, same facts %v", again.FromSnapshot, facts(again.Base) == facts(built.Base))
	}
	if _, res := load("v2"); res.FromSnapshot {
		t.Fatal("a snapshot of another program version was used")
	}
	if _, res := load("v2"); !res.FromSnapshot {
		t.Fatal("the snapshot was not saved again after a rebuild")
	}
	write(t, dir, "b.txt", releaseB+"\nThe ministers also discussed border security.\n")
	if _, res := load("v2"); res.FromSnapshot {
		t.Fatal("a snapshot of changed releases was used")
	}
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(snap, data[:len(data)/2], 0o600)
	if _, res := load("v2"); res.FromSnapshot || len(res.Base.Docs) != 2 {
		t.Fatalf("damaged snapshot: from snapshot %v, %d releases", res.FromSnapshot, len(res.Base.Docs))
	}

	// after a start from the snapshot, a release that breaks keeps its
	// last good version once the releases have been read
	w, res := load("v2")
	if !res.FromSnapshot {
		t.Fatal("the snapshot was not saved again after a damaged one")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		w.mu.Lock()
		n := len(w.good)
		w.mu.Unlock()
		if n == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	write(t, dir, "b.txt", "\x00\x01binary garbage that is a bit longer\x00")
	res, err = w.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Kept) != 1 || len(res.Base.PeopleByAlias("paraugs")) != 1 {
		t.Fatalf("broken release after a snapshot start: kept %v", res.Kept)
	}

	// a snapshot that cannot be saved is no reason not to answer
	w = New(dir, time.Hour, func(Result) {}, nil, nil)
	w.UseSnapshot(filepath.Join(dir, "no", "such", "folder", "snap"), []byte("v3"))
	if res, err := w.Load(ctx); err != nil || len(res.Base.Docs) != 1 { // b.txt is broken now
		t.Fatalf("unsavable snapshot: %v", err)
	}
}

// TestSaveSnapshotOfLoadDir checks that a base built by knowledge.LoadDir
// and saved by the watcher is what the next Load starts from.
func TestSaveSnapshotOfLoadDir(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", releaseA)
	snap := filepath.Join(t.TempDir(), "snap")
	b, _, err := knowledge.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	w := New(dir, time.Hour, func(Result) {}, nil, nil)
	if err := w.SaveSnapshot(b); err == nil {
		t.Fatal("saved a snapshot with no file set")
	}
	w.UseSnapshot(snap, []byte("v"))
	if err := w.SaveSnapshot(b); err != nil {
		t.Fatal(err)
	}
	w = New(dir, time.Hour, func(Result) {}, nil, nil)
	w.UseSnapshot(snap, []byte("v"))
	res, err := w.Load(context.Background())
	if err != nil || !res.FromSnapshot || knowledge.Report(res.Base) != knowledge.Report(b) {
		t.Fatalf("start after SaveSnapshot: %v, from snapshot %v", err, res.FromSnapshot)
	}
}

// TestBuildEqualsLoadDir checks that the watcher's build (on every core,
// with its last-good fallback) gives the base knowledge.LoadDir gives, on
// real releases.
func TestBuildEqualsLoadDir(t *testing.T) {
	dir := t.TempDir()
	for _, from := range []string{"../../bot/testdata/corpus-extra", "../../bot/testdata/unseen", "../../corpus"} {
		es, err := os.ReadDir(from)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if page.IsRelease(e.Name()) {
				data, err := os.ReadFile(filepath.Join(from, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				write(t, dir, filepath.Base(from)+"-"+e.Name(), string(data))
			}
		}
	}
	want, _, err := knowledge.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := New(dir, time.Hour, func(Result) {}, nil, nil).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Base.Docs) < 20 || knowledge.Report(res.Base) != knowledge.Report(want) {
		t.Fatalf("watcher build (%d releases) differs from LoadDir (%d)", len(res.Base.Docs), len(want.Docs))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(dir, time.Hour, func(Result) {}, nil, nil).Load(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
}
