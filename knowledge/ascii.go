package knowledge

import "encoding/binary"

// Masks for testing eight bytes at a time, the first byte in the low
// byte of a uint64: each byte's high bit, its low seven bits, and 0x01.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7f7f7f7f7f7f7f7f
)

// load64 returns the eight bytes of s from i, s[i] in the low byte; s must
// hold them.
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// upperMask marks (high bit) the bytes of x from 'A' to 'Z'. No carry
// crosses bytes: a byte's low seven bits plus 0x3f fit in eight.
func upperMask(x uint64) uint64 {
	y := x & lows
	return (y + 0x3f3f3f3f3f3f3f3f) &^ (y + 0x2525252525252525) &^ x & highs
}

// eqMask marks (high bit) the bytes of x equal to b, exactly: no carry
// crosses bytes, as each byte's low seven bits plus 0x7f fit in eight.
func eqMask(x uint64, b byte) uint64 {
	t := x ^ ones*uint64(b)
	return ^((t&lows + lows) | t) & highs
}

// belowMask marks (high bit) the bytes of x below b, for b at most 0x80:
// a byte's low seven bits plus 0x80-b set its high bit from b up.
func belowMask(x uint64, b byte) uint64 {
	return ^((x & lows) + ones*uint64(0x80-b)) &^ x & highs
}

// nonASCIIFrom returns the index of the first byte of s from i on that is
// not ASCII, or len(s).
func nonASCIIFrom(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&highs != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
	}
	return i
}

// lowerASCIIBytes lower-cases the ASCII letters of b in place, eight
// bytes at a time, and keeps every other byte.
func lowerASCIIBytes(b []byte) {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		binary.LittleEndian.PutUint64(b[i:], x|upperMask(x)>>2)
	}
	for ; i < len(b); i++ {
		b[i] = lowerByte[b[i]]
	}
}

// upperOrHighFrom returns the index of the first byte of s from i on that
// is an ASCII capital letter or, when high is set, not ASCII; or len(s).
func upperOrHighFrom(s string, i int, high bool) int {
	var stop uint64
	if high {
		stop = highs
	}
	for ; i+8 <= len(s); i += 8 {
		if x := load64(s, i); upperMask(x)|x&stop != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || high && c >= 0x80 {
			break
		}
	}
	return i
}
