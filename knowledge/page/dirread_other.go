//go:build !linux

package page

import "errors"

// Dir is only built on Linux; elsewhere LoadDir reads through
// os.DirFS.
type Dir struct{}

// OpenDir reports errors.ErrUnsupported off Linux.
func OpenDir(string) (*Dir, error) { return nil, errors.ErrUnsupported }

// Close does nothing.
func (*Dir) Close() error { return nil }

// Read reports errors.ErrUnsupported.
func (*Dir) Read(string, []byte) ([]byte, error) { return nil, errors.ErrUnsupported }
