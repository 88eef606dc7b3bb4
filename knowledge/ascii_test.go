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

// TestLooksBinary checks looksBinary against a byte-by-byte count of NULs
// and control bytes, and the masks it uses against byte comparisons.
func TestLooksBinary(t *testing.T) {
	ref := func(b string) bool {
		n := min(len(b), 8192)
		ctrl := 0
		for i := 0; i < n; i++ {
			switch c := b[i]; {
			case c == 0:
				return true
			case c < 0x09 || c > 0x0d && c < 0x20:
				ctrl++
			}
		}
		return ctrl*20 > n
	}
	rng := rand.New(rand.NewPCG(47, 48))
	for n := 0; n < 20000; n++ {
		size := rng.IntN(64)
		if n%100 == 0 {
			size = 8100 + rng.IntN(200)
		}
		ctrlRate := rng.IntN(12) // some strings just under and over the 1 in 20 threshold
		b := make([]byte, size)
		for k := range b {
			switch r := rng.IntN(100); {
			case r < ctrlRate:
				b[k] = byte(1 + rng.IntN(0x1f))
			case r == 99 && n%3 == 0:
				b[k] = 0
			default:
				b[k] = byte(0x20 + rng.IntN(0xe0))
			}
		}
		if got, want := looksBinary(string(b)), ref(string(b)); got != want {
			t.Fatalf("looksBinary(%q) = %v, want %v", b, got, want)
		}
		if len(b) >= 8 {
			x := ascii.Load64(string(b), 0)
			for _, c := range []byte{0, ' ', 0x7f, 0x09, 0x0e, 0x20, 0x80} {
				var eq, below uint64
				for k := 0; k < 8; k++ {
					if b[k] == c {
						eq |= 0x80 << (8 * k)
					}
					if b[k] < c {
						below |= 0x80 << (8 * k)
					}
				}
				if got := ascii.EqMask(x, c); got != eq {
					t.Fatalf("eqMask(%q, %#x) = %#x, want %#x", b[:8], c, got, eq)
				}
				if got := ascii.BelowMask(x, c); got != below {
					t.Fatalf("belowMask(%q, %#x) = %#x, want %#x", b[:8], c, got, below)
				}
			}
		}
	}
}
