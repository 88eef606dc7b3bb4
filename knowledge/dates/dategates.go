package dates

import (
	"liaison/internal/ascii"
	"strings"
)

// hasCapMonth reports whether s holds a capitalised month prefix
// ("Jan" ... "Dec") anywhere, as every case-sensitive date regexp needs.
func hasCapMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if capMonthAt(s, i) {
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
		if !ascii.IsDigit(s[k]) {
			return false
		}
	}
	return true
}

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
		for w > i && ascii.IsSpace(s[w-1]) {
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
		if ascii.IsDigit(s[d]) && (ascii.IsSpace(s[d-1]) || s[d-1] == '(') && digits4(s, d) {
			return d
		}
	}
	return -1
}

// yearFirst holds the bytes a match of reYear can start with.
var yearFirst = func() (t [256]bool) {
	t['('] = true
	for _, w := range yearWords {
		t[w[0]], t[ascii.Upper(w[0])] = true, true
	}
	return t
}()

// yearAt matches reYear at byte i of s, or returns nil.
func yearAt(s string, i int) []int {
	if s[i] == '(' {
		if i+6 <= len(s) && ascii.IsDigit(s[i+1]) && ascii.IsDigit(s[i+2]) && ascii.IsDigit(s[i+3]) && ascii.IsDigit(s[i+4]) && s[i+5] == ')' {
			return []int{i, i + 6, -1, -1, -1, -1, i + 1, i + 5}
		}
		return nil
	}
	prevWord := i > 0 && ascii.IsWord(s[i-1])
	for _, w := range yearWords {
		if !ascii.HasPrefixFold(s[i:], w) {
			continue
		}
		if ascii.IsWord(w[0]) == prevWord {
			return nil // no word boundary before it
		}
		j := i + len(w)
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
			k++
		}
		if k == j || k+4 > len(s) || !ascii.IsDigit(s[k]) || !ascii.IsDigit(s[k+1]) || !ascii.IsDigit(s[k+2]) || !ascii.IsDigit(s[k+3]) {
			return nil
		}
		if k+4 < len(s) && ascii.IsWord(s[k+4]) {
			return nil
		}
		return []int{i, k + 4, i, j, k, k + 4, -1, -1}
	}
	return nil
}

// MonthOf returns the number of the month a word names, in any case and
// with or without a trailing full stop ("October", "Nov.", "sept"), or 0.
func MonthOf(w string) int { return months[strings.ToLower(strings.TrimSuffix(w, "."))] }

// IsWeekday reports whether a word, in any case, names a day of the week.
func IsWeekday(w string) bool {
	_, ok := weekdays[strings.ToLower(w)]
	return ok
}

// WordGates are date gates for one word token's text. The digits and
// letters that dateGatesOf looks at in a sentence lie in its word tokens:
// four digits in a row, a three-letter month, a relative word or a
// Weekday all lie in one token. So a gate of the sentence holds only if
// the gate below holds for one of its tokens.
func WordGates(w string) Gates {
	g := Gates{Digit: ascii.HasDigit(w), CapMonth: hasCapMonth(w)}
	g.Year4 = g.Digit && ascii.HasDigitRun(w, 4)
	low := ascii.Lower(w)
	for _, m := range monthAltsLower[:12] {
		g.Month = g.Month || strings.Contains(low, m[:3])
	}
	for _, r := range relFirstWords {
		g.Rel = g.Rel || strings.Contains(low, r)
	}
	for _, d := range weekdayNames {
		g.Weekday = g.Weekday || strings.Contains(low, d)
	}
	return g
}

// MonthNumber returns the number of the month a lower-case word names
// ("october", "oct", "sept"), or 0.
func MonthNumber(w string) int { return months[w] }

// IsWeekdayName reports whether a lower-case word names a day of the
// week: IsWeekday without changing the case.
func IsWeekdayName(w string) bool {
	_, ok := weekdays[w]
	return ok
}
