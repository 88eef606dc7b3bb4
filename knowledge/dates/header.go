package dates

import (
	"liaison/internal/ascii"
	"liaison/knowledge/lang"
	"strings"
)

// headerLabels open a header line that dates the release, longest first
// where one starts another.
var headerLabels = []string{"publication date", "date of publication", "last updated", "published on", "published",
	"submitted on", "submitted", "posted on", "posted", "released on", "released", "updated", "date"}

// HeaderLine reads a header line that holds nothing but a date: an
// optional label ("Submitted on"), at most two words before the date (an
// agency such as "BNS", a weekday such as "Wed,"), the date, and then only
// a time, separators or "|" and more header. ok reports such a line; the
// date is zero when the line is one but its date is ambiguous ("4/9/2012"
// with no AM or PM to tell the American order).
func HeaderLine(l string) (d Date, ok bool) {
	rest := strings.TrimSpace(l)
	for _, lab := range headerLabels {
		if ascii.HasPrefixFold(rest, lab) && (len(rest) == len(lab) || !ascii.IsWord(rest[len(lab)])) {
			rest = strings.TrimLeft(rest[len(lab):], " :")
			break
		}
	}
	for k := 0; k < 2 && rest != "" && !ascii.IsDigit(rest[0]); k++ {
		w, after, _ := strings.Cut(rest, " ")
		w = strings.TrimRight(w, ",.")
		if w == "" || len(w) > 12 || !lang.IsCapitalized(w) || MonthOf(w) != 0 {
			break
		}
		rest = strings.TrimLeft(after, " ")
	}
	d, n, order := leadingDate(rest)
	if n == 0 {
		return Date{}, false
	}
	tail, ampm := dateLineTail(rest[n:])
	if tail != "" && tail[0] != '|' {
		return Date{}, false
	}
	switch order {
	case "dm/md": // a/b/yyyy with a and b both at most 12
		if !ampm {
			return Date{}, true
		}
		d.Month, d.Day = d.Day, d.Month
	case "md":
		d.Month, d.Day = d.Day, d.Month
	}
	if !d.Valid() || d.Year == 0 || d.Month == 0 || d.Day == 0 {
		return Date{}, false
	}
	return d, true
}

// leadingDate reads a full date at the start of s and returns it, its
// length, and for a date with slashes which order it was read in: "dm"
// (day first, the first number is above 12), "md" (month first), or
// "dm/md" (either); d is then read day first.
func leadingDate(s string) (d Date, n int, order string) {
	num := func(i, most int) (int, int) {
		j := i
		for j < len(s) && j-i < most && ascii.IsDigit(s[j]) {
			j++
		}
		return atoi(s[i:j]), j - i
	}
	a, la := num(0, 4)
	if la > 0 && la < len(s) {
		sep := s[la]
		if sep == '.' || sep == '/' || sep == '-' {
			b, lb := num(la+1, 2)
			if lb > 0 && la+1+lb < len(s) && s[la+1+lb] == sep {
				c, lc := num(la+2+lb, 4)
				end := la + 2 + lb + lc
				if end < len(s) && ascii.IsDigit(s[end]) {
					return Date{}, 0, ""
				}
				switch {
				case la == 4 && lc >= 1 && lc <= 2 && sep != '/': // 2022.11.25, 2022-11-25
					return ymd(a, b, c), end, ""
				case la <= 2 && lc == 4 && sep == '.': // 25.11.2022
					return ymd(c, b, a), end, ""
				case la <= 2 && lc == 4 && sep == '/':
					switch {
					case a > 12:
						return ymd(c, b, a), end, "dm"
					case b > 12:
						return ymd(c, b, a), end, "md"
					}
					return ymd(c, b, a), end, "dm/md"
				}
				return Date{}, 0, ""
			}
		}
	}
	for _, m := range Find(s, Date{}) {
		if m.Pos == 0 && m.Year != 0 && m.Day != 0 && m.End == nil {
			return m.Date, m.EndPos, ""
		}
		break
	}
	return Date{}, 0, ""
}

// dateLineTail strips what may follow the date of a header date line (a
// time, "AM" or "PM", a time zone, commas, dashes) and returns the rest and
// whether it held AM or PM.
func dateLineTail(s string) (rest string, ampm bool) {
	for {
		s = strings.TrimLeft(s, " ,-–—")
		switch {
		case s == "":
			return "", ampm
		case ascii.IsDigit(s[0]):
			j := 0
			for j < len(s) && (ascii.IsDigit(s[j]) || s[j] == ':' || s[j] == '.') {
				j++
			}
			s = s[j:]
		case ascii.HasPrefixFold(s, "am") || ascii.HasPrefixFold(s, "pm") || ascii.HasPrefixFold(s, "a.m.") || ascii.HasPrefixFold(s, "p.m."):
			w, after, _ := strings.Cut(s, " ")
			if f := strings.ToLower(strings.Trim(w, ".")); f != "am" && f != "pm" && f != "a.m" && f != "p.m" {
				return s, ampm
			}
			s, ampm = after, true
		case ascii.HasPrefixFold(s, "at "):
			s = s[3:]
		default:
			w, after, _ := strings.Cut(s, " ")
			if len(w) >= 2 && len(w) <= 4 && lang.IsAcronym(w) { // a time zone: EET, UTC
				s = after
				continue
			}
			return s, ampm
		}
	}
}
