//go:build linux

package page

import (
	"io"
	"io/fs"
	"syscall"
)

// Dir reads releases below an open folder with three plain system
// calls each (openat, read, close), where os.Open also stats the file,
// sets it up for the poller and arms a cleanup: at 100,000 releases that
// was ten system calls a file.
type Dir struct{ fd int }

// OpenDir opens dir for reading the releases below it.
func OpenDir(dir string) (*Dir, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return &Dir{fd: fd}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return syscall.Close(d.fd) }

// Read reads the release name (a slash-separated path below the folder)
// into buf as readCapped does. A file that is not regular, such as a
// pipe put in a release's place, does not block: it reads as empty.
func (d *Dir) Read(name string, buf []byte) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	buf, _ = ReadUpTo(fdReader(fd), buf)
	return buf, nil
}

// fdReader reads a file descriptor.
type fdReader int

// Read is read(2), with io.EOF at the end and interrupted reads retried.
func (f fdReader) Read(p []byte) (int, error) {
	n, err := ignoringEINTR(func() (int, error) { return syscall.Read(int(f), p) })
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(p) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// ignoringEINTR calls f again while it is interrupted by a signal.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
