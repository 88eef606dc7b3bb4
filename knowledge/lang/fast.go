package lang

import (
	"liaison/internal/ascii"
	"regexp"
	"strings"
)

// LitRe is a regular expression with a cheap necessary condition: every
// match contains, at an ASCII word start, one of a few lower-case ASCII
// literals (compared case-insensitively). Text holding none of them cannot
// match, so the regexp runs only on the few sentences that might. Results
// are exactly the regexp's.
type LitRe struct {
	re *regexp.Regexp
	Cues
}

// Cues is a set of lower-case ASCII literals looked for in text, ignoring
// ASCII case, either at ASCII word starts only or anywhere.
type Cues struct {
	lits     []string
	first    [256][]string // literals by first byte, either case
	starts   [256]bool     // bytes that start a literal, and the bytes of the runes below
	anywhere bool
}

func NewCues(anywhere bool, lits ...string) Cues {
	c := Cues{lits: lits, anywhere: anywhere}
	for _, s := range lits {
		c.first[s[0]] = append(c.first[s[0]], s)
		c.starts[s[0]] = true
		if u := ascii.Upper(s[0]); u != s[0] {
			c.first[u] = append(c.first[u], s)
			c.starts[u] = true
		}
	}
	c.starts[0xE2], c.starts[0xC5] = true, true
	return c
}

// NewLitRe compiles expr; lits must be lower-case ASCII, and every match of
// expr must contain one of them starting at an ASCII word boundary.
func NewLitRe(expr string, lits ...string) *LitRe {
	return &LitRe{re: regexp.MustCompile(expr), Cues: NewCues(false, lits...)}
}

// MayMatch reports whether s holds one of the literals at a word start.
// Runes that fold to ASCII letters under (?i) (the Kelvin sign and the
// long s) make it answer true.
func (l *Cues) MayMatch(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !l.starts[c] {
			continue
		}
		if c >= 0x80 {
			if c == 0xE2 && strings.HasPrefix(s[i:], "\u212a") || c == 0xC5 && strings.HasPrefix(s[i:], "\u017f") {
				return true
			}
			continue
		}
		lits := l.first[c]
		if lits == nil || !l.anywhere && i > 0 && ascii.IsWord(s[i-1]) {
			continue
		}
		for _, lit := range lits {
			if ascii.HasPrefixFold(s[i:], lit) {
				return true
			}
		}
	}
	return false
}

// MatchString is regexp.MatchString.
func (l *LitRe) MatchString(s string) bool { return l.MayMatch(s) && l.re.MatchString(s) }

// FindStringSubmatch is regexp.FindStringSubmatch.
func (l *LitRe) FindStringSubmatch(s string) []string {
	if !l.MayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatch(s)
}

// FindStringIndex is regexp.FindStringIndex.
func (l *LitRe) FindStringIndex(s string) []int {
	if !l.MayMatch(s) {
		return nil
	}
	return l.re.FindStringIndex(s)
}

// FindStringSubmatchIndex is regexp.FindStringSubmatchIndex.
func (l *LitRe) FindStringSubmatchIndex(s string) []int {
	if !l.MayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatchIndex(s)
}

// FindAllStringIndex is regexp.FindAllStringIndex.
func (l *LitRe) FindAllStringIndex(s string, n int) [][]int {
	if !l.MayMatch(s) {
		return nil
	}
	return l.re.FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.FindAllStringSubmatchIndex.
func (l *LitRe) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !l.MayMatch(s) {
		return nil
	}
	return l.re.FindAllStringSubmatchIndex(s, n)
}

// String is the regexp's source.
func (l *LitRe) String() string { return l.re.String() }

// Regexp is the regular expression itself, without the literal check.
func (l *LitRe) Regexp() *regexp.Regexp { return l.re }
