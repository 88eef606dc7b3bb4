//go:build !linux

package knowledge

import "errors"

// dirReader is only built on Linux; elsewhere LoadDir reads through
// os.DirFS.
type dirReader struct{}

func openDirReader(string) (*dirReader, error) { return nil, errors.ErrUnsupported }

func (*dirReader) Close() error { return nil }

func (*dirReader) read(string, []byte) ([]byte, error) { return nil, errors.ErrUnsupported }
