package dates

import (
	"regexp"
	"slices"
	"strings"

	"liaison/internal/ascii"
	"liaison/internal/quickre"
)

// The date vocabulary, each list written once: the regular expressions,
// the tables the hand-written matchers and the gates read, and the month
// and weekday numbers are all derived from it below.
var (
	// monthAlts are the month names and abbreviations in the order the
	// month alternatives are tried: "Sept" before "Sep", as `Sept?` would.
	monthAlts = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"}
	// weekdayNames are the days of the week from Monday, lower case.
	weekdayNames = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	// relWordAlts are the relative phrases ("last year"), lower case.
	relWordAlts = []string{"today", "yesterday", "tomorrow", "this week", "last week", "next week", "last year", "this year",
		"next year", "previous year", "last summer", "last spring", "last autumn", "last winter", "last fall", "this summer",
		"this spring", "this autumn", "this winter", "last month", "this month", "next month", "previous month"}
	// monthYrPrefixes may stand before a month and year ("mid-May 2019"),
	// lateMonPrefixes before a month alone ("in May"), weekdayPrefixes
	// before a weekday ("last Tuesday"), yearWords before a year ("since
	// 2015"); dayConnectors join the days of a range ("5-6 May").
	monthYrPrefixes = []string{"late", "early", "mid-", "mid"}
	lateMonPrefixes = []string{"late", "early", "mid-", "mid", "in"}
	weekdayPrefixes = []string{"on", "last", "this", "next", "since"}
	yearWords       = []string{"in", "since", "of", "from", "until", "till", "by", "to", "year", "before", "after", "and", "–", "-",
		"around", "early", "late", "mid", "back to"}
	dayConnectors = []string{"-", "–", "—", "and", "to", "until"}
)

// alt is the regexp alternation of words, in their order.
func alt(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// monthRe matches a month (group 1) and an optional dot; ordRe an
// ordinal's ending.
var (
	monthRe = `(` + alt(monthAlts) + `)\.?`
	ordRe   = `(?:st|nd|rd|th)?`
)

// The date regexps: the definitions the hand-written matchers of
// datescan.go are tested equal to, and what findDatesWith runs on text
// holding runes that (?i) folds to ASCII letters.
var (
	reISO      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reDotted   = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	reSpaced   = regexp.MustCompile(`\b(\d{4}) (\d{2}) (\d{2})\b`)
	reDayRange = regexp.MustCompile(`\b(\d{1,2})` + ordRe + `(?: ` + monthRe + `)? ?(?:` + alt(dayConnectors) + `) ?(\d{1,2})` + ordRe + ` (?:of )?` + monthRe + `(?:,? (\d{4}))?`)
	reDayMonth = regexp.MustCompile(`\b(\d{1,2})` + ordRe + ` (?:of )?` + monthRe + `(?:,? (\d{4}))?`)
	reMonthDay = regexp.MustCompile(`\b` + monthRe + ` (\d{1,2})` + ordRe + `\b(?:,? (\d{4}))?`)
	reMonthYr  = regexp.MustCompile(`\b(?:(` + alt(monthYrPrefixes) + `)\s*)?` + monthRe + `,? (\d{4})\b`)
	reLateMon  = regexp.MustCompile(`(?i)\b(` + alt(lateMonPrefixes) + `)\s+` + monthRe + `\b`)
	reYear     = regexp.MustCompile(`(?i)\b(` + alt(yearWords) + `)\s+(\d{4})\b|\((\d{4})\)`)
	reWeekday  = regexp.MustCompile(`(?i)\b(` + alt(weekdayPrefixes) + `)?\s*(` + alt(weekdayNames) + `)\b`)
	reRelWord  = regexp.MustCompile(`(?i)\b(` + alt(relWordAlts) + `)\b`)
)

var (
	// monthAltsLower is monthAlts in lower case.
	monthAltsLower = lower(monthAlts)
	// monthAltsBy and monthAltsLowerBy hold monthAlts and monthAltsLower
	// by first letter (in upper case for both), in the same order.
	monthAltsBy, monthAltsLowerBy = func() (by, lowerBy [256][]string) {
		for i, m := range monthAlts {
			by[m[0]] = append(by[m[0]], m)
			lowerBy[m[0]] = append(lowerBy[m[0]], monthAltsLower[i])
		}
		return by, lowerBy
	}()
	// relFirstWords are the first words of relWordAlts.
	relFirstWords = func() []string {
		var out []string
		for _, p := range relWordAlts {
			if w, _, _ := strings.Cut(p, " "); !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		return out
	}()
)

// relFirstLen tells the lengths of relFirstWords; weekdayMin is the
// length of the shortest weekday, and weekdayEnd the ending they all
// share ("day").
var (
	relFirstLen = func() (t [16]bool) {
		for _, w := range relFirstWords {
			t[len(w)] = true
		}
		return t
	}()
	weekdayMin = len(slices.MinFunc(weekdayNames, func(a, b string) int { return len(a) - len(b) }))
	weekdayEnd = func() string {
		end := weekdayNames[0]
		for _, w := range weekdayNames {
			for !strings.HasSuffix(w, end) {
				end = end[1:]
			}
		}
		return end
	}()
)

// lower returns the words in lower case.
func lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// months maps the lower-case month names and abbreviations to their
// number; weekdays the lower-case weekdays to time.Weekday numbers.
var months, weekdays = func() (map[string]int, map[string]int) {
	m := map[string]int{}
	for i, a := range monthAltsLower {
		if i < 12 {
			m[a] = i + 1
			continue
		}
		for n, full := range monthAltsLower[:12] {
			if strings.HasPrefix(full, a) {
				m[a] = n + 1
			}
		}
	}
	w := map[string]int{}
	for i, d := range weekdayNames {
		w[d] = (i + 1) % 7
	}
	return m, w
}()

// firstBytes returns the bytes the words start with, in both cases when
// fold holds, and the bytes of extra.
func firstBytes(fold bool, extra string, words ...[]string) *[256]bool {
	t := ascii.ByteSet(extra)
	for _, ws := range words {
		for _, w := range ws {
			t[w[0]] = true
			if fold {
				t[strings.ToLower(w[:1])[0]], t[strings.ToUpper(w[:1])[0]] = true, true
			}
		}
	}
	return t
}

// The bytes each matcher's matches can start with: reWeekday's can start
// with the white space before a weekday when no prefix stands there.
var (
	firstDigit   = ascii.ByteSet("0123456789")
	firstMonth   = firstBytes(false, "", monthAlts)
	firstMonthYr = firstBytes(false, "", monthAlts, monthYrPrefixes)
	firstLateMon = firstBytes(true, "", lateMonPrefixes)
	firstRelWord = firstBytes(true, "", relWordAlts)
	firstWeekday = firstBytes(true, " \t\n\f\r", weekdayPrefixes, weekdayNames)
)

// Gates that a sentence may hold a date, anywhere, ignoring case: a month
// (its first three letters), a weekday, a relative phrase.
var (
	monthCues   = quickre.NewGate(true, false, monthPrefixes()...)
	weekdayCues = quickre.NewGate(true, false, weekdayNames...)
	relCues     = quickre.NewGate(true, false, relWordAlts...)
)

// monthPrefixes are the first three letters of the months, lower case.
func monthPrefixes() []string {
	out := make([]string, 12)
	for i, m := range monthAltsLower[:12] {
		out[i] = m[:3]
	}
	return out
}

// month3 tells, by monthKey, three letters that start a month.
var month3 = func() (m [26 * 26 * 26]bool) {
	for _, p := range monthPrefixes() {
		m[monthKey(p[0], p[1], p[2])] = true
	}
	return m
}()

// monthKey numbers three lower-case ASCII letters.
func monthKey(a, b, c byte) int { return int(a-'a')*676 + int(b-'a')*26 + int(c-'a') }

// isMonth3 reports whether three ASCII letters, in any case, start a
// month; false for other bytes.
func isMonth3(a, b, c byte) bool {
	a, b, c = a|0x20, b|0x20, c|0x20
	return a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' && c >= 'a' && c <= 'z' && month3[monthKey(a, b, c)]
}

// capMonthAt reports whether s[i:i+3] starts a month, capitalised as the
// case-sensitive month regexps need it ("Jan"); s must hold the bytes.
func capMonthAt(s string, i int) bool {
	a, b, c := s[i], s[i+1], s[i+2]
	return a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z' && c >= 'a' && c <= 'z' && month3[monthKey(a|0x20, b, c)]
}
