package page

import (
	"errors"
	"fmt"
	"liaison/internal/ascii"
	"liaison/internal/quickre"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"math/bits"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// MaxReleaseBytes is how much of one release is read; the rest of a longer
// file is dropped with a warning.
const MaxReleaseBytes = 2 << 20

// Sentinel errors for releases that are skipped.
var (
	ErrEmpty  = errors.New("release is empty")
	ErrBinary = errors.New("release is not text")
)

// Release is a cleaned release before facts are extracted.
type Release struct {
	// Dateline is the place of a news dateline ("Moscow, 12 April 2018 –"),
	// and datelineEnd where the dateline ends in the first paragraph.
	Dateline         string
	DatelineEnd      int
	Title, Publisher string
	URL              string
	Date             dates.Date
	Paragraphs       []string
	Warnings         []string
	// Fold of the title and of each paragraph
	TitleFolded string
	Folded      []string
}

// chromePrefixes start lines of web page furniture, never release text.
var chromePrefixes = []string{
	"skip to content", "skip to main content", "post sponsored by", "mil osi", "share this",
	"share on", "print this", "back to top", "cookie", "subscribe", "follow us", "you are here",
	"jump to", "toggle navigation", "main menu", "search for", "tweet", "advertisement",
	"related articles", "related news", "read also", "all rights reserved", "copyright",
	"press release ", "news release ", "published in english",
}

// spaceReplacer normalises line ends and spaces.
var spaceReplacer = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u200b", "", "\t", " ")

var (
	reHeaderDate   = regexp.MustCompile(`(?i)^\s*(publication date|published|date|updated)?\s*:?\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{4} \d{2} \d{2})(\s+(at\s+)?\d{1,2}[.:]\d{2})?`)
	reSource       = regexp.MustCompile(`(?i)^source:\s*(.+)$`)
	reLabelledDate = regexp.MustCompile(`(?i)\b(?:date|published|updated)\s*:?\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4}|[A-Za-z]+ \d{1,2}, \d{4})`)
	reDateline     = regexp.MustCompile(`^([A-Z][\p{L}'.-]+(?: [A-Z][\p{L}'.-]+){0,2})(?: \([^)]{1,40}\))?,\s+([^–—-]{4,40}?)\s*[–—-]\s`)
)

// reContact is a contact label: what IsContact answers (tested equal to
// it) and what ContactWords are derived from.
var reContact = regexp.MustCompile(`(?i)\b(tel\.?|phone|e-?mail|\[email[^\]]*\])\b`)

// ContactWords are lower-case words one of which every contact label
// holds, in any case: a text that holds none, compared ignoring ASCII
// case, has no contact label.
var ContactWords = func() []string {
	g, ok := quickre.GateOf(reContact.String())
	if !ok {
		panic("page: no words in the contact regexp")
	}
	return g.Literals()
}()

// IsContact reports whether s holds a telephone or e-mail label: exactly
// where the regexp (?i)\b(tel\.?|phone|e-?mail|\[email[^\]]*\])\b
// matches (\b and case are ASCII's; none of the letters has a non-ASCII
// case fold).
func IsContact(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 't', 'T', 'p', 'P', 'e', 'E':
		default:
			continue
		}
		if i > 0 && ascii.IsWord(s[i-1]) {
			continue // \b before a word byte needs a non-word one
		}
		switch r := s[i:]; {
		case ascii.HasPrefixFold(r, "tel"):
			if ascii.IsBoundary(s, i+3) || len(r) > 3 && r[3] == '.' && ascii.IsBoundary(s, i+4) {
				return true
			}
		case ascii.HasPrefixFold(r, "phone"):
			if ascii.IsBoundary(s, i+5) {
				return true
			}
		case ascii.HasPrefixFold(r, "e-mail"):
			if ascii.IsBoundary(s, i+6) {
				return true
			}
		case ascii.HasPrefixFold(r, "email"):
			if ascii.IsBoundary(s, i+5) {
				return true
			}
			// "[email…]": \b before the bracket needs a word byte, and
			// after it, as the bracket is not one
			if i >= 2 && s[i-1] == '[' && ascii.IsWord(s[i-2]) {
				if k := strings.IndexByte(r[5:], ']'); k >= 0 && ascii.IsBoundary(s, i+5+k+1) {
					return true
				}
			}
		}
	}
	return false
}

// Parse cleans a release file's bytes, raw, into a title,
// Publisher, date and paragraphs. It fails only for empty or binary files.
// The sentences of UTF-8 text are cut from raw itself, not from a copy.
func Parse(name string, raw string) (*Release, error) {
	p := &Release{}
	if len(strings.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	if len(raw) > MaxReleaseBytes {
		raw = raw[:MaxReleaseBytes]
		p.Warnings = append(p.Warnings, fmt.Sprintf("longer than %d MiB: only the start was read", MaxReleaseBytes>>20))
	}
	if looksBinary(raw) {
		return nil, ErrBinary
	}
	text := raw
	if !utf8.ValidString(raw) {
		text = latin1(raw)
		p.Warnings = append(p.Warnings, "not UTF-8: read as Windows-1252")
	}
	text = strings.TrimPrefix(text, "\ufeff")
	ext := strings.ToLower(path.Ext(name))
	if ext == ".html" || ext == ".htm" || looksHTML(text) {
		var htmlTitle string
		text, htmlTitle = stripHTML(text)
		if htmlTitle != "" && !strings.Contains(text, htmlTitle) {
			text = htmlTitle + "\n" + text
		}
	}
	if ext == ".md" {
		text = stripMarkdown(text)
	}
	if strings.IndexByte(text, '\r') >= 0 || strings.IndexByte(text, '\t') >= 0 || strings.Contains(text, "\u00a0") ||
		strings.Contains(text, "\u200b") {
		text = spaceReplacer.Replace(text)
	}

	nl := strings.Count(text, "\n") + 1
	lines := make([]string, 0, nl)
	keys := make([]string, 0, nl) // keys[i] is Fold(lines[i]), the lines seen
	var seen map[string]bool      // keys, once there are many
	// Fold is lowerASCII on ASCII text: an ASCII line that cleaning leaves
	// as it is has its key in the release lowered once
	low := ascii.Lower(text)
	for off := 0; off <= len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		l, start := text[off:end], off
		off = end + 1
		l, same := cleanLineASCII(l)
		if l == "" {
			continue
		}
		key := ""
		if same {
			key = low[start:end]
		} else {
			key = lang.Fold(l)
		}
		if isChromeFolded(l, key) {
			// "Press release | Date: 2022-11-15": keep the date
			if !p.Date.IsZero() || len(lines) >= 8 || !ascii.HasDigit(l) {
				continue // every date reLabelledDate matches has a digit
			}
			if m := reLabelledDate.FindStringSubmatch(l); m != nil {
				if ds := dates.Find(m[1], dates.Date{}); len(ds) > 0 {
					p.Date = ds[0].Date
					p.Date.Text = ""
				}
			}
			continue
		}
		// reSource matches only lines that start with an s or the long s
		if c := l[0]; c == 's' || c == 'S' || c == 0xC5 {
			if m := reSource.FindStringSubmatch(l); m != nil && lang.CountFields(m[1]) <= 10 {
				if p.Publisher == "" {
					p.Publisher = strings.TrimSpace(m[1])
				}
				continue
			}
		}
		if c := l[0]; (c == 'U' || c == 'u') && len(lines) < 8 {
			if u, ok := linkLine(l); ok {
				if p.URL == "" {
					p.URL = u
				}
				continue
			}
		}
		if seen != nil && seen[key] || seen == nil && slices.Contains(keys, key) {
			continue // a repeated block is counted once
		}
		lines, keys = append(lines, l), append(keys, key)
		if seen != nil {
			seen[key] = true
		} else if len(keys) >= 32 {
			seen = make(map[string]bool, 2*len(keys))
			for _, k := range keys {
				seen[k] = true
			}
		}
	}
	if len(lines) == 0 {
		return nil, ErrEmpty
	}

	// The header: title, publisher and date among the first lines.
	i := 0
	for ; i < len(lines) && i < 8; i++ {
		l := lines[i]
		if !mayStartHeaderDate(l) {
			// reHeaderDate cannot match
		} else if m := reHeaderDate.FindStringSubmatchIndex(l); m != nil && (m[2] >= 0 || m[0] == 0) {
			ds := dates.Find(l[m[4]:m[5]], dates.Date{})
			if len(ds) > 0 && p.Date.IsZero() {
				p.Date = ds[0].Date
				p.Date.Text = ""
			}
			rest := strings.TrimSpace(l[m[1]:])
			if strings.HasPrefix(rest, "|") || lang.CountFields(rest) < 4 {
				continue // the rest of a date line is more header
			}
			lines[i], keys[i] = rest, lang.Fold(rest)
			break
		}
		words := lang.CountFieldsUpTo(l, 31)
		if words <= 8 && ascii.HasDigit(l) {
			// "BNS 2022.11.25 13:30", "4/9/2012 | 12:00 AM", "Submitted
			// on Wed, 11/30/2011 - 23:00": a line that is only a date
			if d, ok := dates.HeaderLine(l); ok {
				if p.Date.IsZero() {
					p.Date = d
				}
				continue
			}
		}
		if p.Title == "" && words >= 3 && words <= 30 && !strings.HasSuffix(l, ".") {
			p.Title, p.TitleFolded = l, keys[i]
			continue
		}
		if p.Publisher == "" && words <= 12 && !strings.HasSuffix(l, ".") && looksLikeOrg(l) && (p.Title != "" || i == 0) {
			p.Publisher = l
			continue
		}
		break
	}
	for ; i < len(lines); i++ {
		if lines[i] == p.Title {
			continue
		}
		p.Paragraphs = append(p.Paragraphs, lines[i])
		p.Folded = append(p.Folded, keys[i])
	}
	if len(p.Paragraphs) == 0 && p.Title == "" {
		return nil, ErrEmpty
	}
	if len(p.Paragraphs) > 0 {
		first := p.Paragraphs[0]
		if !mayStartDateline(first) {
			// reDateline cannot match
		} else if mi := reDateline.FindStringSubmatchIndex(first); mi != nil && lang.CountryOf(first[mi[2]:mi[3]]) == "" {
			m := []string{first[mi[0]:mi[1]], first[mi[2]:mi[3]], first[mi[4]:mi[5]]}
			if ds := dates.Find(m[2], dates.Date{}); len(ds) > 0 {
				p.Dateline = datelinePlace(m[1])
				p.DatelineEnd = mi[1]
				// "TALLINN, Nov 24, BNS -": agency copy dates itself in
				// its dateline, with or without the year
				if d := ds[0].Date; p.Date.IsZero() && d.Day != 0 && d.End == nil {
					p.Date = dates.Date{Year: d.Year, Month: d.Month, Day: d.Day}
				}
			}
		}
		// "25 October 2017 – The ministers met ...": a date that opens the
		// release and is set off by a dash is its date line. A date read
		// in the lead ("On Wednesday, September 25, 2019 the meeting
		// ...") is the date of what it reports, not of the release.
		if p.Date.IsZero() && first != "" && first[0] >= '0' && first[0] <= '9' {
			if ds := dates.Find(first, dates.Date{}); len(ds) > 0 && ds[0].Pos == 0 && ds[0].Day != 0 && ds[0].Year != 0 && ds[0].End == nil {
				rest := strings.TrimLeft(first[ds[0].EndPos:], " ")
				if rest == "" || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "|") {
					p.Date = ds[0].Date
					p.Date.Text = ""
				}
			}
		}
	}
	return p, nil
}

// cleanLine is collapseSpace(strings.Map(dropControl, l)), which keeps a
// line without control characters, bad bytes or white space other than
// single inner spaces as it is.
func cleanLine(l string) string {
	l, _ = cleanLineASCII(l)
	return l
}

// cleanLineASCII is cleanLine, and reports whether l was returned as it
// is and is all ASCII.
func cleanLineASCII(l string) (string, bool) {
	clean, allASCII := len(l) == 0 || l[0] != ' ' && l[len(l)-1] != ' ', true
	i := 0
	if clean {
		i = cleanASCIIPrefix(l)
	}
	for clean && i < len(l) {
		c := l[i]
		if c < utf8.RuneSelf {
			clean = c >= 0x20 && c < 0x7f && !(c == ' ' && l[i+1] == ' ')
			i++
			continue
		}
		allASCII = false
		r, n := utf8.DecodeRuneInString(l[i:])
		clean = !(r == utf8.RuneError && n == 1) && dropControl(r) == r && !unicode.IsSpace(r)
		i += n
	}
	if clean {
		return l, allASCII
	}
	return lang.CollapseSpace(strings.Map(dropControl, l)), false
}

// cleanASCIIPrefix returns a length of l's start, checked eight bytes at
// a time, that is printable ASCII (0x20 to 0x7e) with no two spaces in a
// row. It stops one byte before the block of eight that holds anything
// else or two spaces (or before the last bytes), so that a space there
// is seen again with the one after it. l must not end with a space.
func cleanASCIIPrefix(l string) int {
	i, prevSpace := 0, false
	for ; i+8 <= len(l); i += 8 {
		x := ascii.Load64(l, i)
		ctl := ascii.BelowMask(x, 0x20)
		spaces := ascii.EqMask(x, ' ')
		if x&ascii.Highs != 0 || ctl != 0 || ascii.EqMask(x, 0x7f) != 0 || spaces&(spaces<<8) != 0 || prevSpace && spaces&0x80 != 0 {
			break
		}
		prevSpace = spaces>>63 != 0
	}
	return max(i-1, 0)
}

func looksLikeOrg(l string) bool {
	for _, w := range lang.Words(l) {
		switch lang.Fold(w) {
		case "ministry", "government", "office", "service", "police", "committee", "agency",
			"department", "council", "administration", "directorate", "customs", "guard", "secretariat":
			return true
		}
	}
	return false
}

// mayStartHeaderDate reports false only for lines reHeaderDate cannot
// match: after spaces, a header date line starts with a digit, a colon or
// one of its labels (publication date, published, date, updated).
func mayStartHeaderDate(l string) bool {
	l = strings.TrimLeft(l, " \t\n\f\r") // the regexp's \s
	if l == "" {
		return false
	}
	switch c := l[0]; {
	case c >= '0' && c <= '9', c == ':':
		return true
	case c == 'p' || c == 'P' || c == 'd' || c == 'D' || c == 'u' || c == 'U':
		return true
	}
	return false
}

// mayStartDateline reports false only for paragraphs reDateline cannot
// match: a dateline starts with a capital and at most three capitalised
// words of letters, apostrophes, dots and hyphens, then a comma or a
// parenthesis ("Moscow, 12 April 2018 –", "Helsinki (Finland), ...").
// Every byte of a multi-byte character passes as a letter.
func mayStartDateline(p string) bool {
	if p == "" || p[0] < 'A' || p[0] > 'Z' {
		return false
	}
	spaces := 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == ',' || c == '(':
			return true
		case c == ' ':
			if spaces++; spaces > 3 { // two between words, one before "("
				return false
			}
		case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '\'', c == '.', c == '-':
		default:
			return false
		}
	}
	return false
}

// isChromeFolded reports whether line l, folded to f, is web page
// furniture.
func isChromeFolded(l, f string) bool {
	for _, c := range chromePrefixes {
		if strings.HasPrefix(f, c) && lang.CountFields(l) <= 12 {
			return true
		}
	}
	return false
}

func dropControl(r rune) rune {
	if r == '\n' || r == '\t' {
		return r
	}
	if unicode.IsControl(r) || r == '\u200e' || r == '\u200f' || r == '\u202a' || r == '\u202b' ||
		r == '\u202c' || r == '\u202d' || r == '\u202e' || r == '\u2066' || r == '\u2067' ||
		r == '\u2068' || r == '\u2069' || r == '\ufffd' {
		return -1
	}
	return r
}

func looksBinary(b string) bool {
	n := len(b)
	if n > 8192 {
		n = 8192
	}
	ctrl, i := 0, 0
	for ; i+8 <= n; i += 8 {
		x := ascii.Load64(b, i)
		low := ascii.BelowMask(x, 0x20)
		if low == 0 {
			continue // the common case: no control byte in these eight
		}
		if ascii.EqMask(x, 0) != 0 {
			return true
		}
		// below 0x20 but not 0x09 to 0x0d
		ctrl += bits.OnesCount64(low &^ (ascii.BelowMask(x, 0x0e) &^ ascii.BelowMask(x, 0x09)))
	}
	for ; i < n; i++ {
		c := b[i]
		if c == 0 {
			return true
		}
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			ctrl++
		}
	}
	return ctrl*20 > n
}

func looksHTML(s string) bool {
	if strings.IndexByte(s[:min(len(s), 2048)], '<') < 0 {
		return false // every sign of HTML holds a "<"
	}
	head := strings.ToLower(s[:min(len(s), 2048)])
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") ||
		strings.Count(head, "<p>")+strings.Count(head, "<div")+strings.Count(head, "<br") >= 3
}

// latin1 decodes Windows-1252/ISO-8859-1 bytes.
func latin1(b string) string {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			continue
		}
		if c >= 0x80 && c < 0xa0 {
			sb.WriteRune(cp1252[c-0x80])
			continue
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

var cp1252 = [32]rune{'€', ' ', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', ' ', 'Ž', ' ',
	' ', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', ' ', 'ž', 'Ÿ'}

// skipElements hold page chrome or code, never release text.
var skipElements = map[string]bool{
	"script": true, "style": true, "nav": true, "header": true, "footer": true, "aside": true,
	"form": true, "noscript": true, "iframe": true, "svg": true, "button": true, "select": true,
	"template": true, "menu": true,
}

var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "tr": true, "section": true, "article": true, "blockquote": true,
	"ul": true, "ol": true, "table": true, "dd": true, "dt": true, "figcaption": true, "time": true,
}

// stripHTML returns the visible text of an HTML page, one block per line,
// without navigation, scripts and other chrome, and the page's <title> or
// first <h1>.
func stripHTML(s string) (string, string) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	var title, h1 strings.Builder
	skip := 0
	inTitle, inH1 := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			t := strings.TrimSpace(h1.String())
			if t == "" {
				t = strings.TrimSpace(title.String())
			}
			return b.String(), lang.CollapseSpace(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n := string(name)
			if skipElements[n] && tt == html.StartTagToken {
				skip++
			}
			if n == "title" {
				inTitle = true
			}
			if n == "h1" {
				inH1 = true
			}
			if blockElements[n] {
				b.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if skipElements[n] && skip > 0 {
				skip--
			}
			if n == "title" {
				inTitle = false
			}
			if n == "h1" {
				inH1 = false
			}
			if blockElements[n] {
				b.WriteString("\n")
			}
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				title.WriteString(t)
				continue
			}
			if skip > 0 {
				continue
			}
			if inH1 {
				h1.WriteString(t)
			}
			b.WriteString(t)
		}
	}
}

var reMDLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// stripMarkdown removes Markdown markup that is not text.
func stripMarkdown(s string) string {
	s = reMDLink.ReplaceAllString(s, "$1")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		t = strings.TrimLeft(t, "#>")
		t = strings.TrimSpace(t)
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
			t = t[2:]
		}
		t = strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)
		if strings.Trim(t, "-=*_ ") == "" {
			t = ""
		}
		out = append(out, t)
	}
	return strings.Join(out, "\n")
}

// datelinePlace is the place of a dateline as a name: "TALLINN" is
// "Tallinn"; a place not written in capitals is kept as written.
func datelinePlace(s string) string {
	if strings.ToUpper(s) != s || strings.ToLower(s) == s {
		return s
	}
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(ws, " ")
}
