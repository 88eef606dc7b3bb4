// Package ascii holds byte-level tests and case mapping of ASCII text,
// several of them eight bytes at a time: the word bytes of the regexp
// class \w, case-insensitive prefixes, lower-casing that keeps byte
// offsets, and the runes that (?i) folds to ASCII letters.
package ascii

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// Masks for testing eight bytes at a time, the first byte in the low
// byte of a uint64: each byte's high bit, its low seven bits, and 0x01.
const (
	ones  = 0x0101010101010101
	Highs = 0x8080808080808080
	lows  = 0x7f7f7f7f7f7f7f7f
)

// Load64 returns the eight bytes of s from i, s[i] in the low byte; s must
// hold them.
func Load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// UpperMask marks (high bit) the bytes of x from 'A' to 'Z'. No carry
// crosses bytes: a byte's low seven bits plus 0x3f fit in eight.
func UpperMask(x uint64) uint64 {
	y := x & lows
	return (y + 0x3f3f3f3f3f3f3f3f) &^ (y + 0x2525252525252525) &^ x & Highs
}

// EqMask marks (high bit) the bytes of x equal to b, exactly: no carry
// crosses bytes, as each byte's low seven bits plus 0x7f fit in eight.
func EqMask(x uint64, b byte) uint64 {
	t := x ^ ones*uint64(b)
	return ^((t&lows + lows) | t) & Highs
}

// BelowMask marks (high bit) the bytes of x below b, for b at most 0x80:
// a byte's low seven bits plus 0x80-b set its high bit from b up.
func BelowMask(x uint64, b byte) uint64 {
	return ^((x & lows) + ones*uint64(0x80-b)) &^ x & Highs
}

// NonASCIIFrom returns the index of the first byte of s from i on that is
// not ASCII, or len(s).
func NonASCIIFrom(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if Load64(s, i)&Highs != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
	}
	return i
}

// LowerBytes lower-cases the ASCII letters of b in place, eight
// bytes at a time, and keeps every other byte.
func LowerBytes(b []byte) {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		binary.LittleEndian.PutUint64(b[i:], x|UpperMask(x)>>2)
	}
	for ; i < len(b); i++ {
		b[i] = LowerByte[b[i]]
	}
}

// UpperOrHighFrom returns the index of the first byte of s from i on that
// is an ASCII capital letter or, when high is set, not ASCII; or len(s).
func UpperOrHighFrom(s string, i int, high bool) int {
	var stop uint64
	if high {
		stop = Highs
	}
	for ; i+8 <= len(s); i += 8 {
		if x := Load64(s, i); UpperMask(x)|x&stop != 0 {
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

// HasFoldRunes reports whether s holds a rune that (?i) folds to an ASCII
// letter: the Kelvin sign (k) or the long s.
func HasFoldRunes(s string) bool {
	i := NonASCIIFrom(s, 0) // most text is ASCII: one pass answers
	return i < len(s) && (strings.Contains(s[i:], "\u212a") || strings.Contains(s[i:], "\u017f"))
}

// Lower returns s with ASCII letters lower-cased, other bytes kept,
// so that byte offsets stay the same.
func Lower(s string) string {
	i := UpperOrHighFrom(s, 0, false)
	if i == len(s) {
		return s
	}
	buf := make([]byte, len(s))
	copy(buf, s)
	LowerBytes(buf[i:])
	// buf is new and never written again: the string may share it
	return unsafe.String(&buf[0], len(buf))
}

// LowerByte maps each byte to its ASCII lower case.
var LowerByte = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i + 32)
		}
	}
	return t
}()

// Is reports whether s is all ASCII.
func Is(s string) bool { return NonASCIIFrom(s, 0) == len(s) }

// Upper returns c in upper case if it is an ASCII letter, else c.
func Upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

// IsWord reports whether c is in the regexp class \w ([0-9A-Za-z_]).
func IsWord(c byte) bool { return WordBytes[c] }

// WordBytes holds the bytes of the regexp class \w.
var WordBytes = ByteSet("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")

// HasPrefixFold reports whether s starts with lit (lower-case ASCII),
// ignoring ASCII case.
func HasPrefixFold(s, lit string) bool {
	if len(s) < len(lit) {
		return false
	}
	for j := 0; j < len(lit); j++ {
		c := s[j]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		if c != lit[j] {
			return false
		}
	}
	return true
}

// ByteSet returns a table of the bytes in chars.
func ByteSet(chars string) *[256]bool {
	var t [256]bool
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	return &t
}

// HasDigit reports whether s holds an ASCII digit.
func HasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// HasDigitRun reports whether s holds n ASCII digits in a row.
func HasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// IsSpace reports whether c is in the regexp class \s.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// IsBoundary reports whether \b holds at byte i of s.
func IsBoundary(s string, i int) bool {
	before := i > 0 && IsWord(s[i-1])
	after := i < len(s) && IsWord(s[i])
	return before != after
}
