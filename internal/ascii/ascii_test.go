package ascii

import "testing"

// TestLowerASCII checks lowerASCII against strings.Map: ASCII letters
// lowered, every other byte (invalid UTF-8 included) kept in place.
func TestLowerASCII(t *testing.T) {
	lower := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 32
			}
		}
		return string(b)
	}
	for _, s := range []string{"", "a", "A", "already lower", "Häkkänen MET Ģirģens", "\xff\xfeAB\x00Z", "Zz@[`{"} {
		if got, want := Lower(s), lower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
	}
}
