//go:build !linux

package page

import "errors"

// Dir is only built on Linux; elsewhere LoadDir reads through
// os.DirFS.
type Dir struct{}

func OpenDir(string) (*Dir, error) { return nil, errors.ErrUnsupported }

func (*Dir) Close() error { return nil }

func (*Dir) Read(string, []byte) ([]byte, error) { return nil, errors.ErrUnsupported }
