// Package reload watches a corpus folder and rebuilds the fact base in the
// background when releases are added, changed or removed. The new base is
// handed over only when it is complete, so questions keep being answered
// from the old one meanwhile; a failed rebuild keeps the old one, and a
// release that stops parsing keeps its last good version.
package reload

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"liaison/knowledge"
)

// Result describes one (re)build.
type Result struct {
	Base     *knowledge.Base
	Warnings []knowledge.Warning
	// Kept lists releases that failed to parse and were replaced by their
	// last good version.
	Kept []string
	At   time.Time
}

// Watcher rebuilds the fact base of one folder.
type Watcher struct {
	dir      string
	interval time.Duration
	apply    func(Result)
	log      *slog.Logger

	mu       sync.Mutex // serializes builds
	last     [32]byte
	good     map[string][]byte // last content of each release that parsed
	failures int
	onFail   func(error)
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
	return &Watcher{dir: dir, interval: interval, apply: apply, onFail: onFail, log: log, good: map[string][]byte{}}
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
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !knowledge.IsRelease(d.Name()) {
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
	b := knowledge.NewBuilder()
	var res Result
	good := make(map[string][]byte, len(es))
	for i, e := range es {
		if i%64 == 0 && ctx.Err() != nil {
			return Result{}, fmt.Errorf("reload: %w", ctx.Err())
		}
		raw, err := readCapped(filepath.Join(w.dir, filepath.FromSlash(e.path)))
		if err == nil {
			err = knowledge.CheckRelease(e.path, raw)
		}
		if err != nil {
			if old, ok := w.good[e.path]; ok {
				w.log.Warn("release no longer loads; keeping its previous version", "file", e.path, "err", err)
				res.Kept = append(res.Kept, e.path)
				raw = old
			} else {
				res.Warnings = append(res.Warnings, knowledge.Warning{File: e.path, Message: "skipped: " + err.Error()})
				b.Skip(e.path, err.Error())
				continue
			}
		}
		good[e.path] = raw
		for _, msg := range b.Add(e.path, raw) {
			res.Warnings = append(res.Warnings, knowledge.Warning{File: e.path, Message: msg})
		}
	}
	res.Base = b.Build()
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
	return res, nil
}

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, knowledge.MaxReleaseBytes+1))
}
