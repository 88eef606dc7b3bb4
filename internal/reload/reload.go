// Package reload watches a corpus folder and rebuilds the fact base in the
// background when releases are added, changed or removed. The new base is
// handed over only when it is complete, so questions keep being answered
// from the old one meanwhile; a failed rebuild keeps the old one, and a
// release that stops parsing keeps its last good version.
//
// With a snapshot file, each built base is saved, and a start over the
// same releases (names, sizes and times) by the same program reads it
// back instead of building.
package reload

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"liaison/knowledge"
	"liaison/knowledge/page"
	"liaison/knowledge/snapshot"
)

// Result describes one (re)build.
type Result struct {
	Base     *knowledge.Base
	Warnings []knowledge.Warning
	// Kept lists releases that failed to parse and were replaced by their
	// last good version.
	Kept []string
	At   time.Time
	// FromSnapshot is true when the base was read from the snapshot file
	// instead of built.
	FromSnapshot bool
}

// Watcher rebuilds the fact base of one folder.
type Watcher struct {
	dir      string
	interval time.Duration
	apply    func(Result)
	log      *slog.Logger

	mu   sync.Mutex // serializes builds
	last [32]byte
	// good is the last content of each release that parsed: for UTF-8
	// text the very string the base's sentences are cut from, so keeping
	// it costs no memory while that base answers
	good     map[string]string
	failures int
	onFail   func(error)

	snapPath string // "" when no snapshot is kept
	snapSalt []byte // identifies the program that builds
}

// UseSnapshot makes the watcher save each base it builds to the file at
// path and start from it when the releases have not changed since. salt
// identifies the program (its build), so that a snapshot written by
// another version is built again. Call it before Load.
func (w *Watcher) UseSnapshot(path string, salt []byte) {
	w.snapPath, w.snapSalt = path, salt
}

// New returns a Watcher of dir that checks every interval and calls apply
// with each successfully built base. onFail (may be nil) is told of each
// failed rebuild.
func New(dir string, interval time.Duration, apply func(Result), onFail func(error), log *slog.Logger) *Watcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if onFail == nil {
		onFail = func(error) {}
	}
	return &Watcher{dir: dir, interval: interval, apply: apply, onFail: onFail, log: log, good: map[string]string{}}
}

// ErrUnchanged is returned by Check when the folder has not changed.
var ErrUnchanged = errors.New("reload: corpus unchanged")

// Load builds the base now, whether or not the folder changed, applies it
// and returns it.
func (w *Watcher) Load(ctx context.Context) (Result, error) {
	return w.build(ctx, true)
}

// Check rebuilds when the folder's files (names, sizes, times) changed
// since the last build; it returns ErrUnchanged otherwise.
func (w *Watcher) Check(ctx context.Context) (Result, error) {
	return w.build(ctx, false)
}

// Run checks the folder every interval until ctx is done. Failures are
// logged and reported; the previous base stays in use.
func (w *Watcher) Run(ctx context.Context) {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := w.Check(ctx); err != nil && !errors.Is(err, ErrUnchanged) && ctx.Err() == nil {
			w.log.Error("corpus reload failed; still answering from the previous releases", "dir", w.dir, "err", err)
		}
	}
}

type entry struct {
	path string
	size int64
	mod  time.Time
}

// scan lists the releases under dir without following symbolic links.
func (w *Watcher) scan() ([]entry, [32]byte, error) {
	var es []entry
	err := filepath.WalkDir(w.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != w.dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !page.IsRelease(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // vanished meanwhile
		}
		rel, _ := filepath.Rel(w.dir, p)
		es = append(es, entry{path: filepath.ToSlash(rel), size: info.Size(), mod: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, [32]byte{}, fmt.Errorf("reload: read corpus folder: %w", err)
	}
	sort.Slice(es, func(i, j int) bool { return es[i].path < es[j].path })
	h := sha256.New()
	var buf [16]byte
	for _, e := range es {
		h.Write([]byte(e.path))
		binary.LittleEndian.PutUint64(buf[:8], uint64(e.size))
		binary.LittleEndian.PutUint64(buf[8:], uint64(e.mod.UnixNano()))
		h.Write(buf[:])
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return es, sum, nil
}

func (w *Watcher) build(ctx context.Context, force bool) (Result, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	es, sum, err := w.scan()
	if err != nil {
		w.onFail(err)
		return Result{}, err
	}
	if !force && sum == w.last {
		return Result{}, ErrUnchanged
	}
	if len(es) == 0 {
		err := fmt.Errorf("reload: %s holds no releases: %w", w.dir, knowledge.ErrNoReleases)
		w.onFail(err)
		return Result{}, err
	}
	if w.snapPath != "" && w.last == ([32]byte{}) {
		if res, ok := w.fromSnapshot(sum); ok {
			w.last = sum
			w.log.Info("corpus loaded from snapshot", "dir", w.dir, "snapshot", w.snapPath, "releases", len(res.Base.Docs), "meetings", len(res.Base.Meetings))
			w.apply(res)
			go w.fillGood(es, sum)
			return res, nil
		}
	}
	// releases are read and parsed on every core; one that no longer
	// loads is replaced by its last good version
	var (
		res  Result
		mu   sync.Mutex
		good = make(map[string]string, len(es))
	)
	read := func(name string) (string, error) {
		raw, err := page.ReadFile(filepath.Join(w.dir, filepath.FromSlash(name)))
		if err != nil {
			return "", err
		}
		mu.Lock()
		good[name] = raw
		mu.Unlock()
		return raw, nil
	}
	fallback := func(name string, err error) (string, bool) {
		old, ok := w.good[name] // w.good changes only under w.mu, held here
		mu.Lock()
		defer mu.Unlock()
		if !ok {
			delete(good, name)
			return "", false
		}
		w.log.Warn("release no longer loads; keeping its previous version", "file", name, "err", err)
		good[name] = old
		res.Kept = append(res.Kept, name)
		return old, true
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.path
	}
	base, warns, err := knowledge.BuildFiles(ctx, names, read, fallback)
	if err != nil && !errors.Is(err, knowledge.ErrNoReleases) {
		err = fmt.Errorf("reload: %w", err)
		if ctx.Err() == nil {
			w.onFail(err)
		}
		return Result{}, err
	}
	sort.Strings(res.Kept)
	res.Base, res.Warnings = base, warns
	if len(res.Base.Docs) == 0 {
		err := fmt.Errorf("reload: %s: %w", w.dir, knowledge.ErrNoReleases)
		w.onFail(err)
		return Result{}, err
	}
	res.At = time.Now()
	w.last, w.good = sum, good
	for _, warn := range res.Warnings {
		w.log.Warn("release", "file", warn.File, "warning", warn.Message)
	}
	w.log.Info("corpus loaded", "dir", w.dir, "releases", len(res.Base.Docs), "meetings", len(res.Base.Meetings), "kept", len(res.Kept))
	w.apply(res)
	if w.snapPath != "" {
		if err := w.saveSnapshot(res.Base, sum); err != nil {
			w.log.Warn("could not save the fact base snapshot; the next start builds it again", "snapshot", w.snapPath, "err", err)
		}
	}
	return res, nil
}

// SaveSnapshot saves b, built by other means from the folder as it is
// now (such as by knowledge.LoadDir), as the snapshot a later Load starts
// from. UseSnapshot must have been called.
func (w *Watcher) SaveSnapshot(b *knowledge.Base) error {
	if w.snapPath == "" {
		return errors.New("reload: no snapshot file set")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	_, sum, err := w.scan()
	if err != nil {
		return err
	}
	return w.saveSnapshot(b, sum)
}

// snapshotKey identifies what a snapshot was built from: the program and
// the folder's files.
func (w *Watcher) snapshotKey(sum [32]byte) []byte {
	h := sha256.New()
	h.Write(w.snapSalt)
	h.Write(sum[:])
	return h.Sum(nil)
}

// fromSnapshot reads the snapshot if it was built from the folder as it
// is (sum) by this program.
func (w *Watcher) fromSnapshot(sum [32]byte) (Result, bool) {
	f, err := os.Open(w.snapPath)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.log.Warn("cannot open the fact base snapshot; building", "snapshot", w.snapPath, "err", err)
		}
		return Result{}, false
	}
	defer f.Close()
	b, err := snapshot.Read(f, w.snapshotKey(sum))
	switch {
	case errors.Is(err, snapshot.ErrStale):
		w.log.Info("the releases or the program changed since the snapshot; building", "snapshot", w.snapPath)
		return Result{}, false
	case err != nil:
		w.log.Warn("the fact base snapshot is damaged; building", "snapshot", w.snapPath, "err", err)
		return Result{}, false
	case len(b.Docs) == 0:
		return Result{}, false
	}
	return Result{Base: b, At: time.Now(), FromSnapshot: true}, true
}

// saveSnapshot writes the base's snapshot next to its final place and
// renames it there, so that a crash leaves the old one or the new one.
func (w *Watcher) saveSnapshot(b *knowledge.Base, sum [32]byte) error {
	f, err := os.CreateTemp(filepath.Dir(w.snapPath), "."+filepath.Base(w.snapPath)+".*")
	if err != nil {
		return fmt.Errorf("reload: create snapshot: %w", err)
	}
	tmp := f.Name()
	err = snapshot.Write(f, b, w.snapshotKey(sum))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, w.snapPath)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("reload: save snapshot: %w", err)
	}
	return nil
}

// fillGood reads the releases a snapshot was built from, so that one
// that later stops parsing keeps this version, as after a build. It gives
// up if the folder is rebuilt meanwhile.
func (w *Watcher) fillGood(es []entry, sum [32]byte) {
	good := make(map[string]string, len(es))
	for _, e := range es {
		raw, err := page.ReadFile(filepath.Join(w.dir, filepath.FromSlash(e.path)))
		if err == nil && page.CheckRelease(e.path, []byte(raw)) == nil {
			good[e.path] = raw
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.last == sum && len(w.good) == 0 {
		w.good = good
	}
}
