package knowledge

import (
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
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

// tokenizeInto appends the tokens of s to out, folding words and telling
// name words through c when it is not nil.
func tokenizeInto(out []tok, s string, c *prepCache) []tok {
	i := 0
	for i < len(s) {
		// the rune at i and its class: 1 space, 2 letter or digit, 0 other
		r, n, class := rune(s[i]), 1, uint8(0)
		if r < utf8.RuneSelf {
			class = lang.ASCIIClass[r]
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
				if b < utf8.RuneSelf && lang.ASCIIClass[b] == 2 {
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
					r3, _ := lang.DecodeRune(s[j+n2:])
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
				t.folded = lang.Fold(t.text)
				t.name = nameWord(t)
			}
			out = append(out, t)
			i = j
		default:
			t := s[i : i+n]
			f := t
			if r >= utf8.RuneSelf {
				f = lang.Fold(t)
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
	return lang.IsInitials(w + ".")
}

// isNameWord reports whether t can be part of a person's name.
func isNameWord(t tok) bool { return t.name }

// nameWord computes isNameWord for a token whose text and folded form are
// set.
func nameWord(t tok) bool {
	if !t.word || !lang.IsCapitalized(t.text) {
		return false
	}
	if lang.IsInitials(t.text) {
		return true
	}
	if lang.IsAcronym(t.text) || utf8.RuneCountInString(t.text) < 2 {
		return false
	}
	f := t.fold()
	if strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "s'") {
		return false
	}
	if lang.OrgWords[f] || lang.OfficeHeads[f] || lang.SentenceWords[f] || lang.Honorifics[f] || lang.FunctionWords[f] {
		return false
	}
	if lang.NearOfficeHead(f) || lang.NearDemonym(f) {
		return false // "Minster", "Estonain": a misspelt office or adjective, not a name
	}
	if dates.MonthNumber(f) != 0 {
		return false
	}
	if lang.CountryNames[f] != "" || lang.IsCity(t.text) {
		return false
	}
	for _, r := range t.text {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isOfficeWord reports whether a token can belong to an office phrase.
func isOfficeWord(t tok) bool {
	if !t.word {
		return false
	}
	f := t.fold()
	if lang.Connectors[f] {
		return true
	}
	if lang.IsCapitalized(t.text) {
		return true
	}
	return lang.OfficeHeads[f] || lang.OrgWords[f]
}

func hasOfficeHead(ts []tok) bool {
	for _, t := range ts {
		if t.word && (lang.OfficeHeads[t.fold()] || lang.IsCapitalized(t.text) && lang.NearOfficeHead(t.fold())) {
			return true
		}
	}
	return false
}

func joinToks(s string, ts []tok) string {
	if len(ts) == 0 {
		return ""
	}
	return strings.TrimSpace(s[ts[0].start:ts[len(ts)-1].end])
}

// trimConnectors removes connectors and articles from both ends.
func trimConnectors(ts []tok) []tok {
	for len(ts) > 0 && (!ts[0].word || lang.Connectors[ts[0].fold()] || ts[0].fold() == "a" || ts[0].fold() == "an") && ts[0].text != "(" {
		ts = ts[1:]
	}
	for len(ts) > 0 && (!ts[len(ts)-1].word || lang.Connectors[ts[len(ts)-1].fold()]) && ts[len(ts)-1].text != ")" {
		ts = ts[:len(ts)-1]
	}
	return ts
}
