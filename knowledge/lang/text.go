package lang

import (
	"liaison/internal/ascii"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// specialFold maps letters that Unicode decomposition leaves alone to their
// plain ASCII spelling.
var specialFold = map[rune]string{
	'ø': "o", 'Ø': "O", 'æ': "ae", 'Æ': "AE", 'ß': "ss", 'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D", 'þ': "th", 'Þ': "Th", 'œ': "oe", 'Œ': "OE", 'ı': "i",
	'’': "'", '‘': "'", '‐': "-", '‑': "-", '–': "-", '—': "-",
}

// Fold returns s lower-cased with accents and diacritics removed, so that
// "Häkkänen" and "hakkanen" compare equal. It is the normal form of every
// alias and index term.
func Fold(s string) string {
	if f, ok := foldLowerLatin(s); ok {
		return f
	}
	return strings.ToLower(FoldKeepCase(s))
}

// latinFoldLower is strings.ToLower of latinFold.
var latinFoldLower = func() []string {
	t := make([]string, len(latinFold))
	for r, f := range latinFold {
		t[r] = strings.ToLower(f)
	}
	return t
}()

// punctFoldLower is Fold of each rune of General Punctuation, U+2000 to
// U+206F (dashes, quotes): those runes and what they decompose into are
// not combining, so they fold rune by rune like the Latin ones.
var punctFoldLower = func() []string {
	t := make([]string, 0x70)
	for r := rune(0x2000); r < 0x2070; r++ {
		t[r-0x2000] = strings.ToLower(foldSlow(string(r)))
	}
	return t
}()

// foldLowerLatin is Fold in one pass for text whose runes are all below
// U+0250 or General Punctuation: strings.ToLower maps rune by rune, so
// lower-casing each rune's fold is lower-casing the whole fold.
func foldLowerLatin(s string) (string, bool) {
	i := ascii.UpperOrHighFrom(s, 0, true)
	if i == len(s) {
		return s, true
	}
	// a fold is at most a byte longer per rune that changes; room for a few
	b := make([]byte, i, len(s)+8)
	copy(b, s[:i])
	for i < len(s) {
		// a run of ASCII, lowered a byte at a time in place
		if j := ascii.NonASCIIFrom(s, i); j > i {
			k := len(b)
			b = append(b, s[i:j]...)
			ascii.LowerBytes(b[k:])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < 0x250 && r != utf8.RuneError:
			b = append(b, latinFoldLower[r]...)
		case r >= 0x2000 && r < 0x2070:
			b = append(b, punctFoldLower[r-0x2000]...)
		default:
			return "", false
		}
		i += n
	}
	// b is new and never written again: the string may share it
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// FoldKeepCase removes accents and diacritics from s but keeps letter case.
func FoldKeepCase(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldSlow(s)
}

// latinFold holds FoldKeepCase of each rune from U+0080 to U+024F (Latin-1
// Supplement and Latin Extended-A and -B), computed by the general path.
// That block holds no combining marks, so folding a string of such runes
// rune by rune gives what decomposing the whole string gives.
var latinFold = func() []string {
	t := make([]string, 0x250)
	for r := rune(0x80); r < 0x250; r++ {
		t[r] = foldSlow(string(r))
	}
	return t
}()

// foldLatin folds s rune by rune when all its runes are below U+0250.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x250 || r == utf8.RuneError {
			return "", false
		}
		b.WriteString(latinFold[r])
		i += n
	}
	return b.String(), true
}

// foldSlow is FoldKeepCase's general path: canonical decomposition, marks
// dropped, special letters spelled out.
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := specialFold[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words splits s into words: runs of letters and digits, with inner
// apostrophes, hyphens and dots between letters kept ("Russia's",
// "cross-border", "V.I."). Punctuation is dropped.
func Words(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		isW := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !isW && start >= 0 && (r == '\'' || r == '’' || r == '-' || r == '‑') && i+n < len(s) {
			if r2, _ := utf8.DecodeRuneInString(s[i+n:]); unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				i += n
				continue
			}
		}
		if isW {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Terms returns the index terms of s: folded, stemmed words without stop
// words, with demonyms mapped to their country ("Swedish" -> "sweden") and
// hyphenated words also split into their parts.
func Terms(s string) []string {
	var out []string
	for _, w := range Words(s) {
		out = AppendWordTerms(out, Fold(w))
	}
	return out
}

// AppendWordTerms appends the terms of one folded word, as Words returns
// words.
func AppendWordTerms(out []string, f string) []string {
	f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'")
	if strings.ContainsAny(f, "-'") {
		for _, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '\'' }) {
			if t := term(p); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	if t := term(f); t != "" {
		out = append(out, t)
	}
	return out
}

func term(f string) string {
	if f == "" || StopWords[f] {
		return ""
	}
	if c, ok := DemonymCountry[f]; ok {
		return Stem(Fold(c))
	}
	return Stem(f)
}

// IsDigits reports whether s is one or more ASCII digits.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsCapitalized reports whether w starts with an upper-case letter.
func IsCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// IsAcronym reports whether w is two or more capitals ("MIA", "FSB").
func IsAcronym(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"no": true, "tel": true, "e.g": true, "i.e": true, "a.o": true, "vs": true,
	"gen": true, "lt": true, "col": true, "maj": true, "sgt": true, "inc": true,
	"ltd": true, "co": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "etc": true, "approx": true, "art": true, "para": true,
	"fig": true, "nr": true, "dept": true, "govt": true, "u.s": true, "jr": true, "sr": true,
}

// SplitSentences splits a paragraph into sentences at '.', '!' or '?'
// followed by space and a capital letter, digit or quote, except after
// abbreviations and initials.
func SplitSentences(p string) []string {
	if !utf8.ValidString(p) {
		return splitSentencesRunes(p)
	}
	var out []string
	for _, b := range SentenceBounds(p, nil) {
		out = append(out, p[b[0]:b[1]])
	}
	return out
}

// splitSentencesRunes is SplitSentences on runes: on text that is not
// valid UTF-8 its sentences hold U+FFFD where p holds bad bytes.
func splitSentencesRunes(p string) []string {
	var out []string
	rs := []rune(p)
	start := 0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("\"'”’)»", rs[j]) {
			j++
		}
		if j >= len(rs) || !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k >= len(rs) {
			break
		}
		next := rs[k]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'«-–", next)) {
			continue
		}
		if r == '.' {
			// the word before the dot
			w := i - 1
			for w >= start && (unicode.IsLetter(rs[w]) || rs[w] == '.') {
				w--
			}
			word := strings.ToLower(string(rs[w+1 : i]))
			if abbreviations[word] || abbreviations[strings.TrimSuffix(word, ".")] {
				continue
			}
			if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(rs[i-1]) {
				continue // an initial: "V. Markin"
			}
			if strings.Count(word, ".") >= 1 && len(word) <= 4 {
				continue // "V.I."
			}
		}
		s := strings.TrimSpace(string(rs[start:j]))
		if s != "" {
			out = append(out, s)
		}
		start = k
		i = k - 1
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// SentenceBounds appends to out where each sentence of SplitSentences(p)
// stands in p, which must be valid UTF-8.
func SentenceBounds(p string, out [][2]int) [][2]int {
	start := 0
	ends := enders{at: [3]int{-2, -2, -2}} // not yet looked for
	for i := 0; i < len(p); i++ {
		if i = ends.next(p, i); i < 0 {
			break
		}
		c := p[i]
		j := i + 1
		for j < len(p) {
			r, n := DecodeRune(p[j:])
			if !strings.ContainsRune("\"'”’)»", r) {
				break
			}
			j += n
		}
		if j >= len(p) {
			continue
		}
		if r, _ := DecodeRune(p[j:]); !unicode.IsSpace(r) {
			continue
		}
		k := j
		for k < len(p) {
			r, n := DecodeRune(p[k:])
			if !unicode.IsSpace(r) {
				break
			}
			k += n
		}
		if k >= len(p) {
			break
		}
		next, _ := DecodeRune(p[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'«-–", next)) {
			continue
		}
		if c == '.' {
			// the word before the dot
			w := i
			for w > start {
				r, n := utf8.DecodeLastRuneInString(p[:w])
				if !unicode.IsLetter(r) && r != '.' {
					break
				}
				w -= n
			}
			word := strings.ToLower(p[w:i])
			if abbreviations[word] || abbreviations[strings.TrimSuffix(word, ".")] {
				continue
			}
			if utf8.RuneCountInString(word) == 1 {
				if r, _ := utf8.DecodeLastRuneInString(p[:i]); unicode.IsUpper(r) {
					continue // an initial: "V. Markin"
				}
			}
			if strings.Count(word, ".") >= 1 && len(word) <= 4 {
				continue // "V.I."
			}
		}
		if a, b := trimSpaceBounds(p, start, j); a < b {
			out = append(out, [2]int{a, b})
		}
		start = k
		i = k - 1
	}
	if a, b := trimSpaceBounds(p, start, len(p)); a < b {
		out = append(out, [2]int{a, b})
	}
	return out
}

// enders finds the bytes that may end a sentence ('.', '!' and '?') with
// one strings.IndexByte scan per byte value: at holds the next position of
// each, -1 when there is none, or -2 before the first look.
type enders struct{ at [3]int }

// next returns the first position at or after i of '.', '!' or '?' in p,
// or -1. Calls must come with i not decreasing.
func (e *enders) next(p string, i int) int {
	best := -1
	for k, c := range [3]byte{'.', '!', '?'} {
		at := e.at[k]
		if at != -1 && at < i {
			at = -1
			if j := strings.IndexByte(p[i:], c); j >= 0 {
				at = i + j
			}
			e.at[k] = at
		}
		if at >= 0 && (best < 0 || at < best) {
			best = at
		}
	}
	return best
}

// trimSpaceBounds returns the bounds of strings.TrimSpace(p[a:b]) in p.
func trimSpaceBounds(p string, a, b int) (int, int) {
	t := strings.TrimSpace(p[a:b])
	if t == "" {
		return a, a
	}
	a += strings.Index(p[a:b], t)
	return a, a + len(t)
}

// CountFields is len(strings.Fields(s)).
func CountFields(s string) int { return CountFieldsUpTo(s, len(s)+1) }

// CountFieldsUpTo is min(countFields(s), most).
func CountFieldsUpTo(s string, most int) int {
	n := 0
	in := false
	for i := 0; i < len(s) && n < most; {
		if c := s[i]; c < utf8.RuneSelf { // ASCII: no decoding
			i++
			space := ASCIIClass[c] == 1
			if !space && !in {
				n++
			}
			in = !space
			continue
		}
		r, size := DecodeRune(s[i:])
		i += size
		space := r < utf8.RuneSelf && ASCIIClass[r] == 1 || r >= utf8.RuneSelf && unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// CollapseSpace replaces runs of white space with one space and trims.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ASCIIClass tells, for each ASCII byte, whether unicode.IsSpace (1) or
// unicode.IsLetter or unicode.IsDigit (2) holds for it.
var ASCIIClass = func() (t [utf8.RuneSelf]uint8) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		switch {
		case unicode.IsSpace(c):
			t[c] = 1
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			t[c] = 2
		}
	}
	return t
}()

// DecodeRune is utf8.DecodeRuneInString with a path for ASCII.
func DecodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}
