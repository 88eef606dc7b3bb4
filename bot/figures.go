package bot

import (
	"strconv"
	"strings"
	"unicode"

	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// hasNumber reports whether s writes a number: a digit, or a number word
// ("nine", "two-day").
func hasNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	for _, w := range lang.Words(s) {
		w = strings.ToLower(w)
		if numberWords[w] {
			return true
		}
		if first, _, ok := strings.Cut(w, "-"); ok && numberWords[first] {
			return true // "seven-hour", "one-half"
		}
	}
	return false
}

// hasFigure reports whether s gives a figure: a number word, or digits
// that are not a year or the day of a date ("31st October", "May 24").
func hasFigure(s string) bool {
	ws := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:()“”\"–—", r) })
	for i, w := range ws {
		w = strings.TrimRight(w, ".")
		if numberWords[strings.ToLower(w)] {
			return true
		}
		digits := strings.TrimRightFunc(strings.TrimLeft(w, "~≈+-"), func(r rune) bool { return unicode.IsLetter(r) || r == '%' })
		if digits == "" || strings.IndexFunc(digits, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != ',' }) >= 0 {
			continue
		}
		if v, err := strconv.Atoi(digits); err == nil && v >= 1800 && v <= 2099 && !strings.HasSuffix(w, "%") {
			continue // a year
		}
		if i > 0 && dates.MonthOf(ws[i-1]) != 0 || i+1 < len(ws) && dates.MonthOf(ws[i+1]) != 0 ||
			i+3 < len(ws) && (ws[i+1] == "and" || ws[i+1] == "-") && dates.MonthOf(ws[i+3]) != 0 {
			continue // the day of a date ("23 and 24 May")
		}
		return true
	}
	return false
}

// asksMeasure reports whether a folded question asks for a measure, not
// for how long a meeting or visit went on ("how long is the meeting?").
func asksMeasure(q string) bool { return reMeasureQ.MatchString(q) && !meetingCue(q) }

// enumerates reports whether s lists three or more items ("Finland,
// Norway, Estonia and Poland"), which a count question can be answered by.
func enumerates(s string) bool {
	return strings.Count(s, ", ") >= 2 && (strings.Contains(s, " and ") || strings.Contains(s, " or "))
}

// hasMeasure reports whether s gives a measure: a figure in digits (not a
// year or the day of a date), or a number word before a unit ("two
// kilometres").
func hasMeasure(s string) bool {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		w = strings.Trim(w, ".,;:()“”\"")
		if numberWords[w] && i+1 < len(ws) && measureUnits[strings.Trim(ws[i+1], ".,;:()")] {
			return true
		}
	}
	for _, w := range lang.Words(s) {
		if w[0] >= '0' && w[0] <= '9' && hasFigure(w) && !isYear(w) {
			return hasFigure(s) // digits that are not only a year: a figure as hasFigure reads it
		}
	}
	return false
}
