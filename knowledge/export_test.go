package knowledge

import (
	"testing"
)

// DumpBase is b.Dump, failing the test on an error.
func DumpBase(t testing.TB, b *Base) []byte {
	t.Helper()
	out, err := b.Dump()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
