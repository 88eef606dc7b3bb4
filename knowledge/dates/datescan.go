package dates

import (
	"liaison/internal/ascii"
	"math/bits"
	"regexp"
	"strings"
)

// Hand-written matchers for the date regexps of dates.go. Each xxxAt(s, i)
// returns what the regexp's leftmost-first match starting at byte i would
// be, as FindStringSubmatchIndex reports it, or nil: it tries the same
// alternatives in the same order as the regexp's backtracking does, so the
// first success is the regexp's match. findAllDates turns them into
// FindAllStringSubmatchIndex. They are tested equal to the regexps on
// random text in datescan_test.go. Case-insensitive matchers are used only
// on text without runes that (?i) folds to ASCII letters.

// monthOpts are the ways monthRe (a month, then an optional dot) can match
// at one position, in the regexp's order: the month's end and the match's.
type monthOpts struct {
	ge, me [6]int
	n      int
}

func monthsAt(s string, i int, fold bool) monthOpts {
	var o monthOpts
	if i >= len(s) {
		return o
	}
	c := s[i]
	if fold && c >= 'a' && c <= 'z' {
		c -= 32
	}
	alts := monthAltsBy[c]
	if fold {
		alts = monthAltsLowerBy[c]
	}
	for _, a := range alts {
		if fold && !ascii.HasPrefixFold(s[i:], a) || !fold && !strings.HasPrefix(s[i:], a) {
			continue
		}
		ge := i + len(a)
		if ge < len(s) && s[ge] == '.' {
			o.ge[o.n], o.me[o.n] = ge, ge+1
			o.n++
		}
		o.ge[o.n], o.me[o.n] = ge, ge
		o.n++
	}
	return o
}

// digitEnds are the ends of (\d{1,2}) at i, the longer first.
func digitEnds(s string, i int) (e [2]int, n int) {
	if i < len(s) && ascii.IsDigit(s[i]) {
		if i+1 < len(s) && ascii.IsDigit(s[i+1]) {
			e[n] = i + 2
			n++
		}
		e[n] = i + 1
		n++
	}
	return e, n
}

// ordEnds are the ends of ordRe at j, the longer first.
func ordEnds(s string, j int) (e [2]int, n int) {
	if j+2 <= len(s) {
		switch s[j : j+2] {
		case "st", "nd", "rd", "th":
			e[n] = j + 2
			n++
		}
	}
	e[n] = j
	n++
	return e, n
}

// optEnds are the ends of an optional lit at j, the longer first.
func optEnds(s string, j int, lit string) (e [2]int, n int) {
	if strings.HasPrefix(s[j:], lit) {
		e[n] = j + len(lit)
		n++
	}
	e[n] = j
	n++
	return e, n
}

func digits4(s string, i int) bool {
	return i+4 <= len(s) && ascii.IsDigit(s[i]) && ascii.IsDigit(s[i+1]) && ascii.IsDigit(s[i+2]) && ascii.IsDigit(s[i+3])
}

// yearTail matches (?:,? (\d{4}))? at j: the year's bounds, or -1, -1.
func yearTail(s string, j int) (int, int) {
	if j < len(s) && s[j] == ',' {
		if j+1 < len(s) && s[j+1] == ' ' && digits4(s, j+2) {
			return j + 2, j + 6
		}
		return -1, -1
	}
	if j < len(s) && s[j] == ' ' && digits4(s, j+1) {
		return j + 1, j + 5
	}
	return -1, -1
}

// skipSpace is the end of the run of \s ([\t\n\f\r ]) at j.
func skipSpace(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
		j++
	}
	return j
}

// altEnds are the ends of the alternatives that match at i, in order;
// fold compares ASCII letters ignoring case (alts are then lower case).
func altEnds(s string, i int, fold bool, alts []string) (e [4]int, n int) {
	for _, a := range alts {
		if n < len(e) && (fold && ascii.HasPrefixFold(s[i:], a) || !fold && strings.HasPrefix(s[i:], a)) {
			e[n] = i + len(a)
			n++
		}
	}
	return e, n
}

// dateMatcher is a hand-written date matcher, the regexp it stands for
// and the bytes its matches can start with. Its matches are never empty.
type dateMatcher struct {
	re    *regexp.Regexp
	first *[256]bool
	at    func(string, int) []int
}

// The date matchers, in the order findDatesWith takes their matches.
const (
	dmISO = iota
	dmDotted
	dmSpaced
	dmDayRange
	dmDayMonth
	dmMonthDay
	dmMonthYr
	dmLateMon
	dmRelWord
	dmWeekday
	numDateMatchers
)

var dateMatchers = [numDateMatchers]dateMatcher{
	dmISO: {reISO, firstDigit, isoAt}, dmDotted: {reDotted, firstDigit, dottedAt}, dmSpaced: {reSpaced, firstDigit, spacedAt},
	dmDayRange: {reDayRange, firstDigit, dayRangeAt}, dmDayMonth: {reDayMonth, firstDigit, dayMonthAt},
	dmMonthDay: {reMonthDay, firstMonth, monthDayAt}, dmMonthYr: {reMonthYr, firstMonthYr, monthYrAt},
	dmLateMon: {reLateMon, firstLateMon, lateMonAt}, dmRelWord: {reRelWord, firstRelWord, relWordAt},
	dmWeekday: {reWeekday, firstWeekday, weekdayAt},
}

// dateFirst marks, for each byte, the matchers whose matches can start
// with it (bit k for dateMatchers[k]).
var dateFirst = func() (t [256]uint16) {
	for k, m := range dateMatchers {
		for c := range t {
			if m.first[c] {
				t[c] |= 1 << k
			}
		}
	}
	return t
}()

// findAllDates returns, for each matcher k in active (bit k), what
// FindAllStringSubmatchIndex(s, -1) of its regexp returns, found in one
// pass over s: matcher k is tried at each byte it can start with that is
// not inside its previous match.
func findAllDates(s string, active uint16) (out [numDateMatchers][][]int) {
	var next [numDateMatchers]int
	for i := 0; i < len(s); i++ {
		for ks := dateFirst[s[i]] & active; ks != 0; ks &= ks - 1 {
			k := bits.TrailingZeros16(ks)
			if i < next[k] {
				continue
			}
			if m := dateMatchers[k].at(s, i); m != nil {
				out[k] = append(out[k], m)
				next[k] = m[1]
			}
		}
	}
	return out
}

// dayMonthAt matches reDayMonth: \b(\d{1,2})ORD (?:of )?MONTH(?:,? (\d{4}))?
func dayMonthAt(s string, i int) []int {
	if !ascii.IsDigit(s[i]) || i > 0 && ascii.IsWord(s[i-1]) {
		return nil
	}
	if t, ok := dayOfMonthAt(s, i); ok {
		return []int{i, t.end, i, t.day, t.month, t.monthEnd, t.ys, t.ye}
	}
	return nil
}

// dayOfMonth is where the parts of "DAY ORD (of )?MONTH(,? YEAR)?" end.
type dayOfMonth struct {
	day, month, monthEnd int // day's digits end, month start and end
	ys, ye               int // year, or -1, -1
	end                  int // of the whole
}

// dayOfMonthAt matches (\d{1,2})ORD (?:of )?MONTH(?:,? (\d{4}))? at i,
// trying the alternatives in the regexps' order.
func dayOfMonthAt(s string, i int) (dayOfMonth, bool) {
	de, dn := digitEnds(s, i)
	for _, d := range de[:dn] {
		oe, on := ordEnds(s, d)
		for _, o := range oe[:on] {
			if o >= len(s) || s[o] != ' ' {
				continue
			}
			fe, fn := optEnds(s, o+1, "of ")
			for _, k := range fe[:fn] {
				if mo := monthsAt(s, k, false); mo.n > 0 {
					t := dayOfMonth{day: d, month: k, monthEnd: mo.ge[0], end: mo.me[0]}
					t.ys, t.ye = yearTail(s, mo.me[0])
					if t.ys >= 0 {
						t.end = t.ye
					}
					return t, true
				}
			}
		}
	}
	return dayOfMonth{}, false
}

// monthDayAt matches reMonthDay: \bMONTH (\d{1,2})ORD\b(?:,? (\d{4}))?
func monthDayAt(s string, i int) []int {
	if i > 0 && ascii.IsWord(s[i-1]) {
		return nil
	}
	mo := monthsAt(s, i, false)
	for x := 0; x < mo.n; x++ {
		me := mo.me[x]
		if me >= len(s) || s[me] != ' ' {
			continue
		}
		de, dn := digitEnds(s, me+1)
		for _, d := range de[:dn] {
			oe, on := ordEnds(s, d)
			for _, o := range oe[:on] {
				if !ascii.IsBoundary(s, o) {
					continue
				}
				ys, ye := yearTail(s, o)
				end := o
				if ys >= 0 {
					end = ye
				}
				return []int{i, end, i, mo.ge[x], me + 1, d, ys, ye}
			}
		}
	}
	return nil
}

// monthYrAt matches reMonthYr: \b(?:(late|early|mid-?)\s*)?MONTH,? (\d{4})\b
func monthYrAt(s string, i int) []int {
	if !ascii.IsBoundary(s, i) {
		return nil
	}
	tail := func(k int) (ge, ys int) {
		mo := monthsAt(s, k, false)
		for x := 0; x < mo.n; x++ {
			c := mo.me[x]
			if c < len(s) && s[c] == ',' {
				c++
			}
			if c < len(s) && s[c] == ' ' && digits4(s, c+1) && ascii.IsBoundary(s, c+5) {
				return mo.ge[x], c + 1
			}
		}
		return -1, -1
	}
	pe, pn := altEnds(s, i, false, monthYrPrefixes)
	for _, p := range pe[:pn] {
		k := skipSpace(s, p) // a month never starts with a space
		if ge, ys := tail(k); ys >= 0 {
			return []int{i, ys + 4, i, p, k, ge, ys, ys + 4}
		}
	}
	if ge, ys := tail(i); ys >= 0 {
		return []int{i, ys + 4, -1, -1, i, ge, ys, ys + 4}
	}
	return nil
}

// lateMonAt matches reLateMon: (?i)\b(late|early|mid-?|in)\s+MONTH\b
func lateMonAt(s string, i int) []int {
	if !ascii.IsBoundary(s, i) {
		return nil
	}
	pe, pn := altEnds(s, i, true, lateMonPrefixes)
	for _, p := range pe[:pn] {
		k := skipSpace(s, p) // a month never starts with a space
		if k == p {
			continue
		}
		mo := monthsAt(s, k, true)
		for x := 0; x < mo.n; x++ {
			if ascii.IsBoundary(s, mo.me[x]) {
				return []int{i, mo.me[x], i, p, k, mo.ge[x]}
			}
		}
	}
	return nil
}

// dayRangeAt matches reDayRange:
// \b(\d{1,2})ORD(?: MONTH)? ?(?:-|–|—|and|to|until) ?(\d{1,2})ORD (?:of )?MONTH(?:,? (\d{4}))?
func dayRangeAt(s string, i int) []int {
	if !ascii.IsDigit(s[i]) || i > 0 && ascii.IsWord(s[i-1]) {
		return nil
	}
	de, dn := digitEnds(s, i)
	for _, d1 := range de[:dn] {
		oe, on := ordEnds(s, d1)
		for _, o1 := range oe[:on] {
			// (?: MONTH)?: each way of the month, then none
			var m1 monthOpts
			if o1 < len(s) && s[o1] == ' ' {
				m1 = monthsAt(s, o1+1, false)
			}
			for x := 0; x <= m1.n; x++ {
				gs, ge, p := o1+1, 0, o1
				if x < m1.n {
					ge, p = m1.ge[x], m1.me[x]
				} else {
					gs, ge = -1, -1
				}
				qe, qn := optEnds(s, p, " ")
				for _, q := range qe[:qn] {
					ce, cn := altEnds(s, q, false, dayConnectors)
					for _, c := range ce[:cn] {
						re, rn := optEnds(s, c, " ")
						for _, r := range re[:rn] {
							if t, ok := dayOfMonthAt(s, r); ok {
								return []int{i, t.end, i, d1, gs, ge, r, t.day, t.month, t.monthEnd, t.ys, t.ye}
							}
						}
					}
				}
			}
		}
	}
	return nil
}

// relWordAt matches reRelWord: (?i)\b(today|yesterday|...|previous month)\b
func relWordAt(s string, i int) []int {
	if !ascii.IsBoundary(s, i) {
		return nil
	}
	// Every alternative is one or two whole ASCII word runs with one
	// space between, and no two match at one place.
	e := i
	for e < len(s) && ascii.IsWord(s[e]) {
		e++
	}
	switch e - i {
	case 5, 8, 9: // today, tomorrow, yesterday
		for _, a := range relWordAlts[:3] {
			if len(a) == e-i && ascii.HasPrefixFold(s[i:], a) {
				return []int{i, e, i, e}
			}
		}
		if e-i != 8 || !ascii.HasPrefixFold(s[i:], "previous") {
			return nil
		}
	case 4: // this, last, next
	default:
		return nil
	}
	if e >= len(s) || s[e] != ' ' {
		return nil
	}
	for _, a := range relWordAlts[3:] {
		if len(a) > e-i && a[e-i] == ' ' && ascii.HasPrefixFold(s[i:], a) && ascii.IsBoundary(s, i+len(a)) {
			return []int{i, i + len(a), i, i + len(a)}
		}
	}
	return nil
}

// weekdayAt matches reWeekday:
// (?i)\b(on|last|this|next|since)?\s*(Monday|...|Sunday)\b
func weekdayAt(s string, i int) []int {
	if !ascii.IsBoundary(s, i) {
		return nil
	}
	day := func(k int) int {
		for _, w := range weekdayNames {
			if ascii.HasPrefixFold(s[k:], w) && ascii.IsBoundary(s, k+len(w)) {
				return k + len(w)
			}
		}
		return -1
	}
	pe, pn := altEnds(s, i, true, weekdayPrefixes)
	for _, p := range pe[:pn] {
		k := skipSpace(s, p) // a weekday never starts with a space
		if e := day(k); e >= 0 {
			return []int{i, e, i, p, k, e}
		}
	}
	k := skipSpace(s, i)
	if e := day(k); e >= 0 {
		return []int{i, e, -1, -1, k, e}
	}
	return nil
}

// Gates are cheap necessary conditions for the date matchers.
type Gates struct {
	Digit    bool // an ASCII digit
	Year4    bool // four digits in a row
	CapMonth bool // hasCapMonth
	Month    bool // reLateMon can match
	Rel      bool // reRelWord can match
	Weekday  bool // reWeekday can match
}

// GatesOf reads the gates from the ASCII word runs of s, which hold
// every digit and letter they look at. reLateMon's month starts a run (it
// follows white space), reRelWord's phrase starts with a whole run, and
// reWeekday's weekday ends one. Like the matchers, the last three hold
// for text without runes that (?i) folds to ASCII letters.
func GatesOf(s string) Gates {
	var g Gates
	for i := 0; i < len(s); {
		if !ascii.IsWord(s[i]) {
			i++
			continue
		}
		j := i
		digits := 0
		for ; j < len(s) && ascii.IsWord(s[j]); j++ {
			c := s[j]
			if c >= '0' && c <= '9' {
				g.Digit = true
				if digits++; digits >= 4 {
					g.Year4 = true
				}
				continue
			}
			digits = 0
			if c >= 'A' && c <= 'Z' && j+3 <= len(s) && !g.CapMonth && capMonthAt(s, j) {
				g.CapMonth = true
			}
		}
		w := s[i:j]
		i = j
		if len(w) < 3 {
			continue
		}
		if isMonth3(w[0], w[1], w[2]) {
			g.Month = true
		}
		if len(w) < len(relFirstLen) && relFirstLen[len(w)] {
			for _, r := range relFirstWords {
				if len(r) == len(w) && ascii.HasPrefixFold(w, r) {
					g.Rel = true
					break
				}
			}
		}
		n := len(w)
		if n >= weekdayMin && ascii.HasPrefixFold(w[n-len(weekdayEnd):], weekdayEnd) {
			for _, d := range weekdayNames {
				if n >= len(d) && ascii.HasPrefixFold(w[n-len(d):], d) {
					g.Weekday = true
					break
				}
			}
		}
	}
	return g
}

// digitRun is the length of the run of ASCII digits at s[i:].
func digitRun(s string, i int) int {
	j := i
	for j < len(s) && ascii.IsDigit(s[j]) {
		j++
	}
	return j - i
}

// ymdSepAt is reISO (sep '-') or reSpaced (sep ' ') at i:
// \b(\d{4})SEP(\d{2})SEP(\d{2})\b.
func ymdSepAt(s string, i int, sep byte) []int {
	if i+10 > len(s) || !ascii.IsBoundary(s, i) || digitRun(s, i) < 4 || s[i+4] != sep || digitRun(s, i+5) < 2 ||
		s[i+7] != sep || digitRun(s, i+8) < 2 || !ascii.IsBoundary(s, i+10) {
		return nil
	}
	return []int{i, i + 10, i, i + 4, i + 5, i + 7, i + 8, i + 10}
}

func isoAt(s string, i int) []int    { return ymdSepAt(s, i, '-') }
func spacedAt(s string, i int) []int { return ymdSepAt(s, i, ' ') }

// dottedAt is reDotted at i: \b(\d{1,2})\.(\d{1,2})\.(\d{4})\b. A run of
// three digits or more cannot give \d{1,2} followed by a dot, and one of
// five or more cannot give \d{4}\b.
func dottedAt(s string, i int) []int {
	if !ascii.IsBoundary(s, i) {
		return nil
	}
	d := digitRun(s, i)
	k := i + d + 1
	if d < 1 || d > 2 || k > len(s) || s[k-1] != '.' {
		return nil
	}
	m := digitRun(s, k)
	y := k + m + 1
	if m < 1 || m > 2 || y > len(s) || s[y-1] != '.' || digitRun(s, y) != 4 || !ascii.IsBoundary(s, y+4) {
		return nil
	}
	return []int{i, y + 4, i, i + d, k, k + m, y, y + 4}
}
