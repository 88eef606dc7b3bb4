package page

import (
	"os"
	"unsafe"
)

// ReadFile reads a release file for BuildFiles: at most MaxReleaseBytes+1
// bytes (the one more tells the build that the file was longer), into a
// string of its own, read straight into the string's memory.
func ReadFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	size := 4096
	if st, err := f.Stat(); err == nil && st.Size() < MaxReleaseBytes {
		size = int(st.Size()) + 1 // room to see the end of the file
	}
	buf, err := ReadUpTo(f, make([]byte, 0, size))
	if err != nil {
		return "", err
	}
	if len(buf) == 0 {
		return "", nil
	}
	// buf is never written again: the string may share its memory
	return unsafe.String(&buf[0], len(buf)), nil
}
