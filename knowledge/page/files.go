package page

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// IsRelease reports whether a file name has an extension Liaison reads as
// a release (.txt, .md, .html, .htm).
func IsRelease(name string) bool { return releaseExt(name) }

// CheckRelease reports whether raw can be loaded as a release, returning
// ErrEmpty or ErrBinary (wrapped) when it cannot.
func CheckRelease(name string, raw []byte) error {
	if _, err := Parse(name, string(raw)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// releaseExt reports whether a file name is a release Liaison reads.
func releaseExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".html", ".htm":
		return true
	}
	return false
}

// Files lists the releases in fsys, sorted: regular files with a
// release's extension, in any folder but hidden ones, not following
// symbolic links.
func Files(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && releaseExt(p) && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("knowledge: read corpus: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

// Pooled turns readCapped-like reads into BuildFiles's: each read
// goes to a buffer of a pool (64 KiB to start with, grown as the reads
// need), kept for the next, and is copied out.
func Pooled(read func(name string, buf []byte) ([]byte, error)) func(name string) (string, error) {
	var bufs sync.Pool // *[]byte, each reading goroutine's buffer
	return func(name string) (string, error) {
		buf, _ := bufs.Get().(*[]byte)
		if buf == nil {
			b := make([]byte, 0, 64<<10)
			buf = &b
		}
		defer bufs.Put(buf)
		raw, err := read(name, (*buf)[:0])
		if raw != nil {
			*buf = raw // grown, or the same array
		}
		return string(raw), err
	}
}

// ReadCapped reads a file into buf, which it may grow: at most
// MaxReleaseBytes+1 bytes, as parseRelease reads only that many and tells
// from the one more that the file was longer. A read that fails part way
// gives the bytes read so far.
func ReadCapped(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf, _ = ReadUpTo(f, buf)
	return buf, nil
}

// ReadUpTo appends what r holds to buf, growing it, until the end or
// MaxReleaseBytes+1 bytes; it returns the first error other than io.EOF,
// with the bytes read until then.
func ReadUpTo(r io.Reader, buf []byte) ([]byte, error) {
	for len(buf) <= MaxReleaseBytes {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(len(buf), 512))
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), MaxReleaseBytes+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}
