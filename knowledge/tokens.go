package knowledge

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a word or punctuation mark of a sentence with its byte offsets.
type tok struct {
	text       string
	folded     string // Fold(text), computed once by tokenize
	start, end int
	word       bool
	name       bool     // nameWord(t), computed once by tokenize
	info       *tokInfo // for a word, when tokenized with a cache
}

func (t tok) fold() string { return t.folded }

// tokenize splits a sentence into word and punctuation tokens. Words keep
// inner apostrophes, hyphens and the dots of initials ("V.I.").
func tokenize(s string) []tok { return tokenizeInto(make([]tok, 0, len(s)/5+4), s, nil) }

// asciiClass tells, for each ASCII byte, whether unicode.IsSpace (1) or
// unicode.IsLetter or unicode.IsDigit (2) holds for it.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
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

// decodeRune is utf8.DecodeRuneInString with a path for ASCII.
func decodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// tokenizeInto appends the tokens of s to out, folding words and telling
// name words through c when it is not nil.
func tokenizeInto(out []tok, s string, c *prepCache) []tok {
	i := 0
	for i < len(s) {
		// the rune at i and its class: 1 space, 2 letter or digit, 0 other
		r, n, class := rune(s[i]), 1, uint8(0)
		if r < utf8.RuneSelf {
			class = asciiClass[r]
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsSpace(r):
				class = 1
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				class = 2
			}
		}
		switch class {
		case 1:
			i += n
		case 2:
			j := i
			for j < len(s) {
				b := s[j]
				if b < utf8.RuneSelf && asciiClass[b] == 2 {
					j++
					continue
				}
				r2, n2 := rune(b), 1
				if b >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(s[j:])
					if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
						j += n2
						continue
					}
				}
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '‑' || r2 == '.') && j+n2 < len(s) {
					r3, _ := decodeRune(s[j+n2:])
					if unicode.IsLetter(r3) || (r2 != '.' && unicode.IsDigit(r3)) {
						if r2 == '.' && !initialsDot(s[i:j]) {
							break
						}
						j += n2
						continue
					}
				}
				if r2 == '.' && initialsDot(s[i:j]) {
					j += n2 // closing dot of initials
				}
				break
			}
			t := tok{text: s[i:j], start: i, end: j, word: true}
			if c != nil {
				t.info = c.tokInfo(t.text)
				t.folded, t.name = t.info.folded, t.info.name
			} else {
				t.folded = Fold(t.text)
				t.name = nameWord(t)
			}
			out = append(out, t)
			i = j
		default:
			t := s[i : i+n]
			f := t
			if r >= utf8.RuneSelf {
				f = Fold(t)
			}
			out = append(out, tok{text: t, folded: f, start: i, end: i + n})
			i += n
		}
	}
	return out
}

// initialsDot is isInitials(w + "."), mostly without building the string:
// initials start with a capital and a dot.
func initialsDot(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	switch {
	case !unicode.IsUpper(r):
		return false
	case n == len(w):
		return true // "X."
	case w[n] != '.':
		return false
	}
	return isInitials(w + ".")
}

// isInitials reports whether s is initials: one or more capital letters
// each followed by a dot, then optionally a capital and a dot ("V.I.",
// "A.B", "J."), as the regexp ^(\p{Lu}\.)+\p{Lu}?\.?$ would.
func isInitials(s string) bool {
	i, pairs := 0, 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) || i+n >= len(s) || s[i+n] != '.' {
			break
		}
		i += n + 1
		pairs++
	}
	if pairs == 0 {
		return false
	}
	if i < len(s) {
		if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsUpper(r) {
			i += n
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i == len(s)
}

// connectors may stand inside an office or organisation name.
var connectors = wordSet(`of the for to on and`)

// isNameWord reports whether t can be part of a person's name.
func isNameWord(t tok) bool { return t.name }

// nameWord computes isNameWord for a token whose text and folded form are
// set.
func nameWord(t tok) bool {
	if !t.word || !isCapitalized(t.text) {
		return false
	}
	if isInitials(t.text) {
		return true
	}
	if isAcronym(t.text) || utf8.RuneCountInString(t.text) < 2 {
		return false
	}
	f := t.fold()
	if strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "s'") {
		return false
	}
	if orgWords[f] || officeHeads[f] || sentenceWords[f] || honorifics[f] || functionWords[f] {
		return false
	}
	if nearOfficeHead(f) || nearDemonym(f) {
		return false // "Minster", "Estonain": a misspelt office or adjective, not a name
	}
	if _, ok := months[f]; ok {
		return false
	}
	if countryNames[f] != "" || isCity(t.text) {
		return false
	}
	for _, r := range t.text {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var foldedCities = func() map[string]string {
	m := map[string]string{}
	for c, k := range cityCountry {
		m[Fold(c)] = k
	}
	return m
}()

func isCity(w string) bool { return foldedCities[Fold(w)] != "" }

// isOfficeWord reports whether a token can belong to an office phrase.
func isOfficeWord(t tok) bool {
	if !t.word {
		return false
	}
	f := t.fold()
	if connectors[f] {
		return true
	}
	if isCapitalized(t.text) {
		return true
	}
	return officeHeads[f] || orgWords[f]
}

func hasOfficeHead(ts []tok) bool {
	for _, t := range ts {
		if t.word && (officeHeads[t.fold()] || isCapitalized(t.text) && nearOfficeHead(t.fold())) {
			return true
		}
	}
	return false
}

// longHeads and longDemonyms are the office heads and country adjectives
// of seven letters or more, which a misspelling one edit away still names
// (not "justice", one edit from "Justine").
var longHeads, longDemonyms = func() (h, d []string) {
	for w := range officeHeads {
		if len(w) >= 7 && !strings.Contains(w, "-") && w != "justice" && w != "members" {
			h = append(h, w)
		}
	}
	for w := range demonymCountry {
		if len(w) >= 7 {
			d = append(d, w)
		}
	}
	slices.Sort(h)
	slices.Sort(d)
	return h, d
}()

// nearOfficeHead reports a folded word one edit (a letter added, dropped,
// changed, or two swapped) from an office head of seven letters or more:
// "minster", "ministr", "secretray".
func nearOfficeHead(f string) bool { return nearOne(f, longHeads) }

// nearDemonym is nearOfficeHead for country adjectives: "estonain".
func nearDemonym(f string) bool { return nearOne(f, longDemonyms) }

func nearOne(f string, ws []string) bool {
	if len(f) < 6 {
		return false
	}
	for _, w := range ws {
		// (a word of six letters can be one dropped from a head of seven)
		if d := len(f) - len(w); d >= -1 && d <= 1 && f != w && f != w+"s" && oneEdit(f, w) {
			// (a plural is no misspelling: "representatives" heads no one)
			return true
		}
	}
	return false
}

// oneEdit reports whether a and b are one insertion, deletion,
// substitution or swap of neighbours apart (bytes).
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b)+1:
		return a[i+1:] == b[i:]
	case len(a) != len(b):
		return false
	case a[i+1:] == b[i+1:]:
		return true // substitution
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

func joinToks(s string, ts []tok) string {
	if len(ts) == 0 {
		return ""
	}
	return strings.TrimSpace(s[ts[0].start:ts[len(ts)-1].end])
}

// trimConnectors removes connectors and articles from both ends.
func trimConnectors(ts []tok) []tok {
	for len(ts) > 0 && (!ts[0].word || connectors[ts[0].fold()] || ts[0].fold() == "a" || ts[0].fold() == "an") && ts[0].text != "(" {
		ts = ts[1:]
	}
	for len(ts) > 0 && (!ts[len(ts)-1].word || connectors[ts[len(ts)-1].fold()]) && ts[len(ts)-1].text != ")" {
		ts = ts[:len(ts)-1]
	}
	return ts
}

// countryIn returns the first country a phrase names or implies
// ("Finnish ...", "... of the Russian Federation", "Finland's ...").
func countryIn(phrase string) string {
	ws := Words(phrase)
	for i := range ws {
		// two-word forms first ("Russian Federation", "Kingdom of Sweden")
		if i+2 < len(ws) {
			if c := CountryOf(ws[i] + " " + ws[i+1] + " " + ws[i+2]); c != "" {
				return c
			}
		}
		if i+1 < len(ws) {
			if c := CountryOf(ws[i] + " " + ws[i+1]); c != "" {
				return c
			}
		}
		if c := CountryOf(ws[i]); c != "" {
			return c
		}
	}
	for _, w := range ws {
		if c := foldedCities[Fold(w)]; c != "" {
			return c
		}
	}
	return ""
}

// CountryIn returns the first country a phrase names or implies
// ("Finnish Minister of the Interior" -> Finland), or "".
func CountryIn(phrase string) string { return countryIn(phrase) }

// countriesIn returns every country a text names or implies, in order.
func countriesIn(s string) []string {
	var out []string
	seen := map[string]bool{}
	ws := Words(s)
	for i := 0; i < len(ws); i++ {
		c := ""
		if i+1 < len(ws) {
			c = CountryOf(ws[i] + " " + ws[i+1])
		}
		if c == "" {
			c = CountryOf(ws[i])
		}
		if c == "" && (ws[i] == "US" || ws[i] == "UK") {
			continue
		}
		if c != "" && !seen[c] && !(strings.ToLower(ws[i]) == ws[i]) {
			seen[c] = true
			out = append(out, c)
		}
		if c == "" && strings.ToLower(ws[i]) != ws[i] {
			for _, h := range hyphenCountries(ws[i]) {
				if !seen[h] {
					seen[h] = true
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// hyphenCountries returns the countries the parts of a hyphenated word
// name, in order: "Finland-Norway-Russia", "Lithuanian-Belarusian",
// "Russian-Polish"; nil for a word without a hyphen.
func hyphenCountries(w string) []string {
	if !strings.ContainsAny(w, "-‑") {
		return nil
	}
	var out []string
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‑' }) {
		if c := CountryOf(p); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
