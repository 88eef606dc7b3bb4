package knowledge

import (
	"liaison/internal/ascii"
	"math/rand/v2"
	"testing"
)

// TestASCIIHelpers checks the eight-bytes-at-a-time helpers against
// byte-by-byte loops, on random bytes of every value.
func TestASCIIHelpers(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	alphabet := []byte{'@', 'A', 'M', 'Z', '[', '`', 'a', 'z', '{', ' ', '0', 0x7f, 0x80, 0xc3, 0xdf, 0xff}
	for n := 0; n < 40000; n++ {
		b := make([]byte, rng.IntN(40))
		for k := range b {
			if rng.IntN(2) == 0 {
				b[k] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[k] = byte(rng.IntN(256))
			}
		}
		s := string(b)
		from := rng.IntN(len(s) + 1)
		wantHigh, wantUpper, wantEither := len(s), len(s), len(s)
		for i := len(s) - 1; i >= from; i-- {
			if s[i] >= 0x80 {
				wantHigh, wantEither = i, i
			}
			if 'A' <= s[i] && s[i] <= 'Z' {
				wantUpper, wantEither = i, i
			}
		}
		if got := ascii.NonASCIIFrom(s, from); got != wantHigh {
			t.Fatalf("nonASCIIFrom(%q, %d) = %d, want %d", s, from, got, wantHigh)
		}
		if got := ascii.UpperOrHighFrom(s, from, false); got != wantUpper {
			t.Fatalf("upperOrHighFrom(%q, %d, false) = %d, want %d", s, from, got, wantUpper)
		}
		if got := ascii.UpperOrHighFrom(s, from, true); got != wantEither {
			t.Fatalf("upperOrHighFrom(%q, %d, true) = %d, want %d", s, from, got, wantEither)
		}
		want := make([]byte, len(b))
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			want[i] = c
		}
		got := append([]byte(nil), b...)
		ascii.LowerBytes(got)
		if string(got) != string(want) {
			t.Fatalf("lowerASCIIBytes(%q) = %q, want %q", s, got, want)
		}
		if got := ascii.Lower(s); got != string(want) {
			t.Fatalf("lowerASCII(%q) = %q, want %q", s, got, want)
		}
	}
}
