package knowledge

import (
	"regexp"
	"strings"
)

// litRe is a regular expression with a cheap necessary condition: every
// match contains, at an ASCII word start, one of a few lower-case ASCII
// literals (compared case-insensitively). Text holding none of them cannot
// match, so the regexp runs only on the few sentences that might. Results
// are exactly the regexp's.
type litRe struct {
	re *regexp.Regexp
	cues
}

// cues is a set of lower-case ASCII literals looked for in text, ignoring
// ASCII case, either at ASCII word starts only or anywhere.
type cues struct {
	lits     []string
	first    [256][]string // literals by first byte, either case
	starts   [256]bool     // bytes that start a literal, and the bytes of the runes below
	anywhere bool
}

func newCues(anywhere bool, lits ...string) cues {
	c := cues{lits: lits, anywhere: anywhere}
	for _, s := range lits {
		c.first[s[0]] = append(c.first[s[0]], s)
		c.starts[s[0]] = true
		if u := upperASCII(s[0]); u != s[0] {
			c.first[u] = append(c.first[u], s)
			c.starts[u] = true
		}
	}
	c.starts[0xE2], c.starts[0xC5] = true, true
	return c
}

// newLitRe compiles expr; lits must be lower-case ASCII, and every match of
// expr must contain one of them starting at an ASCII word boundary.
func newLitRe(expr string, lits ...string) *litRe {
	return &litRe{re: regexp.MustCompile(expr), cues: newCues(false, lits...)}
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

func isASCIIWord(c byte) bool { return asciiWord[c] }

// asciiWord holds the bytes of the regexp class \w.
var asciiWord = byteSet("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")

// mayMatch reports whether s holds one of the literals at a word start.
// Runes that fold to ASCII letters under (?i) (the Kelvin sign and the
// long s) make it answer true.
func (l *cues) mayMatch(s string) bool {
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
		if lits == nil || !l.anywhere && i > 0 && isASCIIWord(s[i-1]) {
			continue
		}
		for _, lit := range lits {
			if hasPrefixFoldASCII(s[i:], lit) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with lit (lower-case ASCII),
// ignoring ASCII case.
func hasPrefixFoldASCII(s, lit string) bool {
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

// MatchString is regexp.MatchString.
func (l *litRe) MatchString(s string) bool { return l.mayMatch(s) && l.re.MatchString(s) }

// FindStringSubmatch is regexp.FindStringSubmatch.
func (l *litRe) FindStringSubmatch(s string) []string {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatch(s)
}

// FindStringIndex is regexp.FindStringIndex.
func (l *litRe) FindStringIndex(s string) []int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringIndex(s)
}

// FindStringSubmatchIndex is regexp.FindStringSubmatchIndex.
func (l *litRe) FindStringSubmatchIndex(s string) []int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatchIndex(s)
}

// FindAllStringIndex is regexp.FindAllStringIndex.
func (l *litRe) FindAllStringIndex(s string, n int) [][]int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.FindAllStringSubmatchIndex.
func (l *litRe) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringSubmatchIndex(s, n)
}

// String is the regexp's source.
func (l *litRe) String() string { return l.re.String() }

// Cues that a sentence may hold a date: a date regexp can match only
// text holding one of them (anywhere, ignoring case).
var (
	monthCues   = newCues(true, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
	weekdayCues = newCues(true, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	relCues     = newCues(true, relWordAlts...)
)

// capMonths are the case-sensitive month prefixes of monthRe.
var capMonths = map[string]bool{"Jan": true, "Feb": true, "Mar": true, "Apr": true, "May": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Oct": true, "Nov": true, "Dec": true}

// hasCapMonth reports whether s holds a capitalised month prefix
// ("Jan" ... "Dec") anywhere, as every case-sensitive date regexp needs.
func hasCapMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'S' && capMonths[s[i:i+3]] {
			return true
		}
	}
	return false
}

// digitSeps reports, in one pass over s, whether s holds a run of digits,
// a separator and more digits of the shapes of ISO ("2020-01-01": at least
// 4 digits, '-', at least 2), dotted ("1.2.2019": 1, '.', 1) and spaced
// ("2019 07 19": 4, ' ', 2) dates: cheap necessary conditions for each.
func digitSeps(s string) (iso, dotted, spaced bool) {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			run++
			continue
		}
		if run > 0 && (c == '-' || c == '.' || c == ' ') {
			a, b := 4, 2
			if c == '.' {
				a, b = 1, 1
			}
			if run >= a && digitsAt(s, i+1, b) {
				switch c {
				case '-':
					iso = true
				case '.':
					dotted = true
				default:
					spaced = true
				}
			}
		}
		run = 0
	}
	return iso, dotted, spaced
}

// digitsAt reports whether s holds at least n ASCII digits from i.
func digitsAt(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigitByte(s[k]) {
			return false
		}
	}
	return true
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasDigitRun reports whether s holds n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
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

// yearWords are reYear's first alternatives, lower case.
var yearWords = []string{"in", "since", "of", "from", "until", "till", "by", "to", "year", "before", "after", "and", "–", "-", "around", "early", "late", "mid", "back to"}

// findYears returns what reYear.FindAllStringSubmatchIndex(s, -1) returns,
// without running the regexp: a year word at a word boundary, spaces and
// four digits ending a word, or four digits in parentheses. Text holding
// runes that fold to ASCII letters under (?i) goes to the regexp.
func findYears(s string) [][]int {
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		return reYear.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for i := 0; i < len(s); {
		// A match ends with four digits after white space or "(": the
		// year word (at most 7 bytes) ends where that white space starts.
		d := nextYearDigits(s, i)
		if d < 0 {
			break
		}
		w := d
		for w > i && isSpaceRe(s[w-1]) {
			w--
		}
		var m []int
		for i = max(i, min(w-7, d-1)); i < d && m == nil; i++ {
			if yearFirst[s[i]] {
				m = yearAt(s, i)
			}
		}
		if m != nil {
			out = append(out, m)
			i = m[1]
			continue
		}
		i = d + 1 // a digit starts no match
	}
	return out
}

// nextYearDigits returns the first d >= i, d > 0, where four digits follow
// white space or "(", or -1.
func nextYearDigits(s string, i int) int {
	for d := max(i, 1); d+4 <= len(s); d++ {
		if isDigitByte(s[d]) && (isSpaceRe(s[d-1]) || s[d-1] == '(') && digits4(s, d) {
			return d
		}
	}
	return -1
}

// isSpaceRe reports whether c is in the regexp class \s.
func isSpaceRe(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// yearFirst holds the bytes a match of reYear can start with.
var yearFirst = func() (t [256]bool) {
	t['('] = true
	for _, w := range yearWords {
		t[w[0]], t[upperASCII(w[0])] = true, true
	}
	return t
}()

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// yearAt matches reYear at byte i of s, or returns nil.
func yearAt(s string, i int) []int {
	if s[i] == '(' {
		if i+6 <= len(s) && isDigitByte(s[i+1]) && isDigitByte(s[i+2]) && isDigitByte(s[i+3]) && isDigitByte(s[i+4]) && s[i+5] == ')' {
			return []int{i, i + 6, -1, -1, -1, -1, i + 1, i + 5}
		}
		return nil
	}
	prevWord := i > 0 && isASCIIWord(s[i-1])
	for _, w := range yearWords {
		if !hasPrefixFoldASCII(s[i:], w) {
			continue
		}
		if isASCIIWord(w[0]) == prevWord {
			return nil // no word boundary before it
		}
		j := i + len(w)
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
			k++
		}
		if k == j || k+4 > len(s) || !isDigitByte(s[k]) || !isDigitByte(s[k+1]) || !isDigitByte(s[k+2]) || !isDigitByte(s[k+3]) {
			return nil
		}
		if k+4 < len(s) && isASCIIWord(s[k+4]) {
			return nil
		}
		return []int{i, k + 4, i, j, k, k + 4, -1, -1}
	}
	return nil
}
