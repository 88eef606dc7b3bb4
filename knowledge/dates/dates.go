package dates

import (
	"fmt"
	"liaison/internal/ascii"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date that may be known only in part: a year, a month
// of a year, a day, or a season. A zero Date is unknown. A Date read from a
// relative phrase ("last year", "on Tuesday") keeps the phrase in Text and
// sets Relative; a year taken from elsewhere in the text sets Inferred.
type Date struct {
	Year   int    `json:"year,omitempty"`
	Month  int    `json:"month,omitempty"`
	Day    int    `json:"day,omitempty"`
	Season string `json:"season,omitempty"`
	// End is the last day of a range ("31 October - 1 November 2019").
	End *Date `json:"end,omitempty"`
	// Text is the phrase as written in the release.
	Text string `json:"text,omitempty"`
	// Relative is true when the date was resolved from a relative phrase
	// against the release's publication date.
	Relative bool `json:"relative,omitempty"`
	// Inferred is true when the year is not written in the phrase and was
	// taken from another date in the same sentence.
	Inferred bool `json:"inferred,omitempty"`
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// ISO formats the known part of the date: "2017-10-25", "2011-09", "1993",
// or "" when the year is unknown.
func (d Date) ISO() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the first day the date can denote, for ordering; the zero
// time when the year is unknown.
func (d Date) Time() time.Time {
	if d.Year == 0 {
		return time.Time{}
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Human formats the date for people: "25 October 2017", "September 2011",
// "summer 2017", "13 December" (year unknown), or "" when unknown.
func (d Date) Human() string {
	var s string
	switch {
	case d.Season != "" && d.Year != 0:
		s = d.Season + " " + strconv.Itoa(d.Year)
	case d.Day != 0 && d.Month != 0 && d.Year != 0:
		s = fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
	case d.Day != 0 && d.Month != 0:
		s = fmt.Sprintf("%d %s", d.Day, time.Month(d.Month))
	case d.Month != 0 && d.Year != 0:
		s = fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	case d.Month != 0:
		s = time.Month(d.Month).String()
	case d.Year != 0:
		s = strconv.Itoa(d.Year)
	}
	if d.End != nil && !d.End.IsZero() {
		e := d.End.Human()
		if d.Year == d.End.Year && d.Month == d.End.Month && d.Day != 0 {
			s = fmt.Sprintf("%d-%s", d.Day, e)
		} else if d.Year == d.End.Year && d.Day != 0 {
			s = fmt.Sprintf("%d %s - %s", d.Day, time.Month(d.Month), e)
		} else {
			s += " - " + e
		}
	}
	return s
}

// Describe is Human with a note on how a relative date was resolved:
// `2016 ("last year", counted from the release date 25 October 2017)`.
func (d Date) Describe(anchor Date) string {
	h := d.Human()
	if d.Relative && d.Text != "" && !anchor.IsZero() {
		return fmt.Sprintf("%s (%q, counted from the release date %s)", h, d.Text, anchor.Human())
	}
	return h
}

// Mention is a date found in a sentence, with its byte offset.
type Mention struct {
	Date
	Pos, EndPos int
}

// Find returns the dates in s, resolving relative and year-less forms
// against anchor (the release's publication date, possibly zero).
func Find(s string, anchor Date) []Mention {
	return FindWith(s, anchor, ascii.HasFoldRunes(s), nil)
}

// FindWith is findDates, running the regexps themselves when useRe
// holds and their hand-written matchers otherwise; the matchers of (?i)
// regexps are exact only for text without runes that fold to ASCII. g, when
// not nil and useRe does not hold, stands for dateGatesOf(s) and may hold
// where it does not.
func FindWith(s string, anchor Date, useRe bool, g *Gates) []Mention {
	// Cheap checks first: most sentences hold no date at all, and each
	// regexp below needs a digit, a month, a weekday or a relative word.
	switch {
	case useRe:
		g = &Gates{Digit: ascii.HasDigit(s), Month: monthCues.MayMatch(s), Rel: relCues.MayMatch(s),
			Weekday: weekdayCues.MayMatch(s), CapMonth: hasCapMonth(s)}
		g.Year4 = g.Digit && ascii.HasDigitRun(s, 4)
	case g == nil:
		x := GatesOf(s)
		g = &x
	}
	digit, month, rel, weekday, capMonth, year4 := g.Digit, g.Month, g.Rel, g.Weekday, g.CapMonth, g.Year4
	if !digit && !month && !rel && !weekday && !capMonth {
		return nil
	}
	var out []Mention
	var takenBuf [512]bool
	taken := takenBuf[:0]
	if len(s)+1 <= len(takenBuf) {
		taken = takenBuf[:len(s)+1]
	} else {
		taken = make([]bool, len(s)+1)
	}
	add := func(m Mention) {
		if !m.Valid() {
			return
		}
		for i := m.Pos; i < m.EndPos; i++ {
			if taken[i] {
				return
			}
		}
		for i := m.Pos; i < m.EndPos; i++ {
			taken[i] = true
		}
		m.Text = strings.TrimRight(s[m.Pos:m.EndPos], ".,")
		out = append(out, m)
	}
	var iso, dotted, spaced bool
	if year4 {
		iso, dotted, spaced = digitSeps(s)
	}
	// the matchers the gates let run, all found in one pass over s
	var active uint16
	for k, on := range [numDateMatchers]bool{dmISO: iso, dmDotted: dotted, dmSpaced: spaced, dmDayRange: digit && capMonth,
		dmDayMonth: digit && capMonth, dmMonthDay: digit && capMonth, dmMonthYr: year4 && capMonth, dmLateMon: month,
		dmRelWord: rel, dmWeekday: weekday} {
		if on {
			active |= 1 << k
		}
	}
	var found [numDateMatchers][][]int
	if !useRe {
		found = findAllDates(s, active)
	}
	all := func(k int) [][]int {
		switch {
		case active&(1<<k) == 0:
			return nil
		case useRe:
			return dateMatchers[k].re.FindAllStringSubmatchIndex(s, -1)
		}
		return found[k]
	}
	for _, m := range all(dmISO) {
		add(Mention{Date: ymd(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])), Pos: m[0], EndPos: m[1]})
	}
	for _, m := range all(dmDotted) {
		add(Mention{Date: ymd(atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]])), Pos: m[0], EndPos: m[1]})
	}
	for _, m := range all(dmSpaced) {
		add(Mention{Date: ymd(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])), Pos: m[0], EndPos: m[1]})
	}
	for _, m := range all(dmDayRange) {
		d1, d2 := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]])
		mon2 := months[strings.ToLower(s[m[8]:m[9]])]
		mon1 := mon2
		if m[4] >= 0 {
			mon1 = months[strings.ToLower(s[m[4]:m[5]])]
		}
		yr := 0
		if m[10] >= 0 {
			yr = atoi(s[m[10]:m[11]])
		}
		start, end := ymd(yr, mon1, d1), ymd(yr, mon2, d2)
		if start.Valid() && end.Valid() {
			e := end
			start.End = &e
			add(Mention{Date: start, Pos: m[0], EndPos: m[1]})
		}
	}
	for _, m := range all(dmDayMonth) {
		yr := 0
		if m[6] >= 0 {
			yr = atoi(s[m[6]:m[7]])
		}
		add(Mention{Date: ymd(yr, months[strings.ToLower(s[m[4]:m[5]])], atoi(s[m[2]:m[3]])), Pos: m[0], EndPos: m[1]})
	}
	for _, m := range all(dmMonthDay) {
		yr := 0
		if m[6] >= 0 {
			yr = atoi(s[m[6]:m[7]])
		}
		d := Mention{Date: ymd(yr, months[strings.ToLower(s[m[2]:m[3]])], atoi(s[m[4]:m[5]])), Pos: m[0], EndPos: m[1]}
		if yr == 0 {
			// "January 24-26, 2017", "May 23 to 24": a range, month first
			if d2, y2, end := monthFirstRangeTail(s, m[1]); end > 0 {
				e := ymd(y2, d.Month, d2)
				if e.Valid() && d2 > d.Day {
					d.Year, d.End, d.EndPos = y2, &e, end
				}
			}
		}
		add(d)
	}
	for _, m := range all(dmMonthYr) {
		add(Mention{Date: Date{Year: atoi(s[m[6]:m[7]]), Month: months[strings.ToLower(s[m[4]:m[5]])]}, Pos: m[0], EndPos: m[1]})
	}
	var years [][]int
	if year4 {
		years = findYears(s)
	}
	for _, m := range years {
		var y, p, e int
		if m[4] >= 0 {
			y, p, e = atoi(s[m[4]:m[5]]), m[4], m[5]
		} else {
			y, p, e = atoi(s[m[6]:m[7]]), m[6], m[7]
		}
		if y >= 1900 && y <= 2100 {
			add(Mention{Date: Date{Year: y}, Pos: p, EndPos: e})
		}
	}
	// Year-less forms take their year from a full date in the same
	// sentence, else from the anchor.
	sentYear := 0
	for _, m := range out {
		if m.Year != 0 {
			sentYear = m.Year
			break
		}
	}
	for _, m := range all(dmLateMon) {
		mon := months[strings.ToLower(s[m[4]:m[5]])]
		if strings.EqualFold(s[m[2]:m[3]], "in") && (mon == 5 || s[m[4]:m[5]] == "May") {
			continue // "in May" is too often the verb
		}
		d := Date{Month: mon}
		add(Mention{Date: d, Pos: m[0], EndPos: m[1]})
	}
	for _, m := range all(dmRelWord) {
		if anchor.Year == 0 && anchor.Day == 0 {
			continue // a year-less anchor ("Nov 24") still dates "today"
		}
		if d, ok := resolveRelative(strings.ToLower(s[m[2]:m[3]]), anchor); ok {
			d.Relative = true
			add(Mention{Date: d, Pos: m[0], EndPos: m[1]})
		}
	}
	for _, m := range all(dmWeekday) {
		// a weekday directly followed by a day and month was read above
		rest := strings.TrimLeft(s[m[1]:], " ,")
		if len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
			continue
		}
		if w := strings.ToLower(strings.Trim(strings.SplitN(rest+" ", " ", 2)[0], ".,")); months[w] != 0 {
			continue // "Wednesday, September 25, 2019" was read above
		}
		if anchor.Day == 0 || anchor.Year == 0 {
			continue
		}
		wd := weekdays[strings.ToLower(s[m[4]:m[5]])]
		a := anchor.Time()
		back := (int(a.Weekday()) - wd + 7) % 7
		if m[2] >= 0 && strings.EqualFold(s[m[2]:m[3]], "next") || FutureBefore(s[:m[0]]) {
			// "next Tuesday", "will visit Oslo on Tuesday": the coming one
			back = -((wd - int(a.Weekday()) + 7) % 7)
		}
		t := a.AddDate(0, 0, -back)
		p := m[0]
		if m[2] < 0 {
			p = m[4]
		}
		add(Mention{Date: Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Relative: true}, Pos: p, EndPos: m[1]})
	}
	for i := range out {
		d := &out[i].Date
		if d.Year == 0 && d.Month != 0 {
			switch {
			case sentYear != 0:
				d.Year, d.Inferred = sentYear, true
				if d.End != nil {
					d.End.Year = sentYear
				}
			case anchor.Year != 0:
				d.Year, d.Relative = anchor.Year, true
				if anchor.Month != 0 && anchor.Month <= 2 && d.Month >= 11 {
					d.Year-- // "on 25 December" in a January release
				}
				if anchor.Month != 0 && d.Month < anchor.Month && FutureBefore(s[:out[i].Pos]) {
					d.Year++ // "will visit Oslo on 1-2 February" in a November release
				}
				if d.End != nil {
					d.End.Year = d.Year
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

// when runs re on s only if cond holds.
func when(cond bool, re *regexp.Regexp, s string) [][]int {
	if !cond {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

func resolveRelative(w string, a Date) (Date, bool) {
	switch w {
	case "today":
		return Date{Year: a.Year, Month: a.Month, Day: a.Day}, a.Day != 0
	case "yesterday", "tomorrow":
		if a.Day == 0 {
			return Date{}, false
		}
		step := -1
		if w == "tomorrow" {
			step = 1
		}
		if a.Year == 0 {
			// a day and month with no year: count in a year of the same
			// kind as far as the day allows (29 February in a leap one)
			y := 2001
			if a.Month == 2 && a.Day == 29 {
				y = 2000
			}
			t := time.Date(y, time.Month(a.Month), a.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, step)
			return Date{Month: int(t.Month()), Day: t.Day()}, true
		}
		t := a.Time().AddDate(0, 0, step)
		return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
	case "last year", "previous year", "this year", "next year", "last month", "previous month", "this month", "next month":
		if a.Year == 0 {
			return Date{}, false
		}
	}
	switch w {
	case "last year", "previous year":
		return Date{Year: a.Year - 1}, true
	case "this year":
		return Date{Year: a.Year}, true
	case "next year":
		return Date{Year: a.Year + 1}, true
	case "last month", "previous month", "this month", "next month":
		if a.Month == 0 {
			return Date{}, false
		}
		step := 0
		switch w {
		case "last month", "previous month":
			step = -1
		case "next month":
			step = 1
		}
		t := time.Date(a.Year, time.Month(a.Month+step), 1, 0, 0, 0, 0, time.UTC)
		return Date{Year: t.Year(), Month: int(t.Month())}, true
	}
	if (strings.HasPrefix(w, "last ") || strings.HasPrefix(w, "this ")) && a.Year != 0 {
		season := strings.TrimPrefix(strings.TrimPrefix(w, "last "), "this ")
		if season == "fall" {
			season = "autumn"
		}
		end := map[string]int{"spring": 5, "summer": 8, "autumn": 11, "winter": 2}[season]
		if end == 0 {
			return Date{}, false
		}
		y := a.Year
		if strings.HasPrefix(w, "last ") && a.Month != 0 && a.Month <= end {
			y--
		}
		return Date{Year: y, Season: season}, true
	}
	return Date{}, false
}

func ymd(y, m, d int) Date { return Date{Year: y, Month: m, Day: d} }

// Valid reports whether the month and day, where known, exist.
func (d Date) Valid() bool {
	if d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Day != 0 && d.Month == 0 {
		return false
	}
	return d.Year == 0 || (d.Year >= 1800 && d.Year <= 2200)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// DatesIn returns the dates written in a sentence, resolving relative and
// year-less forms against anchor (a release's publication date, possibly
// zero).
func DatesIn(s string, anchor Date) []Date {
	var out []Date
	for _, m := range Find(s, anchor) {
		out = append(out, m.Date)
	}
	return out
}

// futureWords mark a sentence that announces what is to come.
var futureWords = []string{" will ", "will be ", " is to ", " are to ", "scheduled", "is expected to", "are expected to",
	"plans to", "plan to", "is due to", "are due to", "upcoming", "forthcoming"}

// FutureBefore reports whether the text before a date announces it: "The
// minister will visit Oslo on ...".
func FutureBefore(s string) bool {
	if len(s) > 200 {
		s = s[len(s)-200:]
	}
	for _, w := range futureWords {
		if strings.Contains(s, w) || strings.HasPrefix(s, strings.TrimLeft(w, " ")) {
			return true
		}
	}
	return false
}

// monthFirstRangeTail reads the end of a month-first range after a day at
// i: "-26, 2017", "–24", " to 26 2017", " and 24". It returns the last day,
// the year (0 when none) and where the range ends, or end 0.
func monthFirstRangeTail(s string, i int) (day, year, end int) {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	switch {
	case strings.HasPrefix(s[j:], "-"):
		j++
	case strings.HasPrefix(s[j:], "–"), strings.HasPrefix(s[j:], "—"):
		j += 3
	case strings.HasPrefix(s[j:], "to "):
		j += 3
	case strings.HasPrefix(s[j:], "and "):
		j += 4
	default:
		return 0, 0, 0
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && k-j < 2 && ascii.IsDigit(s[k]) {
		k++
	}
	if k == j || k < len(s) && ascii.IsDigit(s[k]) {
		return 0, 0, 0
	}
	day, end = atoi(s[j:k]), k
	if oe, on := ordEnds(s, k); on == 2 {
		end = oe[0] // "26th"
	}
	if end < len(s) && ascii.IsWord(s[end]) {
		return 0, 0, 0
	}
	if ys, ye := yearTail(s, end); ys >= 0 {
		year, end = atoi(s[ys:ye]), ye
	}
	return day, year, end
}
