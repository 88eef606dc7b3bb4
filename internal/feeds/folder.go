package feeds

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"liaison/knowledge/lang"
	"liaison/knowledge/page"
)

// folder is the release folder the fetcher writes to. Every file
// operation goes through an os.Root, so that no name and no symbolic
// link can make it write outside the folder.
type folder struct {
	root *os.Root
	dir  string
}

// openFolder creates (if needed) and opens dir.
func openFolder(dir string) (*folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("feeds: create release folder: %w", err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("feeds: open release folder: %w", err)
	}
	return &folder{root: r, dir: dir}, nil
}

func (f *folder) close() error { return f.root.Close() }

// write replaces the file name (a path relative to the folder) with data
// atomically: data goes to a hidden temporary file beside it, is synced,
// then renamed over name, so that a reader (the corpus reload) sees the
// old file or the new one, never a part, and a crash leaves at most a
// hidden temporary file, which the loader ignores.
func (f *folder) write(name string, data []byte) error {
	dir := path.Dir(name)
	if dir != "." {
		if err := f.root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("feeds: create %s: %w", dir, err)
		}
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(dir, ".tmp-"+hex.EncodeToString(rnd[:])+"-"+path.Base(name))
	w, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("feeds: write %s: %w", name, err)
	}
	_, err = w.Write(data)
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.root.Rename(tmp, name)
	}
	if err != nil {
		_ = f.root.Remove(tmp)
		return fmt.Errorf("feeds: write %s: %w", name, err)
	}
	return nil
}

// read returns the content of name, or nil when it does not exist.
func (f *folder) read(name string) ([]byte, error) {
	b, err := f.root.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// releases lists the release files of the folder's subfolder sub (not
// recursing), by name.
func (f *folder) releases(sub string) (map[string]bool, error) {
	ents, err := fs.ReadDir(f.root.FS(), sub)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feeds: list %s: %w", sub, err)
	}
	out := make(map[string]bool, len(ents))
	for _, e := range ents {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && page.IsRelease(e.Name()) {
			out[path.Join(sub, e.Name())] = true
		}
	}
	return out, nil
}

// slug turns s into a file name part: folded to ASCII, lower case,
// letters and digits in runs joined by "-", at most max bytes, cut at
// a "-".
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range lang.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > max/2 {
			out = out[:i]
		}
	}
	return strings.Trim(out, "-")
}
