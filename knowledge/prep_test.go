package knowledge

import (
	"context"
	"fmt"
	"liaison/internal/ascii"
	"liaison/internal/randtext"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"liaison/corpus"
)

// TestSentenceTermsMatchTerms checks that terms read from a sentence's
// tokens are Terms of the sentence, on the built-in corpus and on random
// text full of initials, apostrophes, hyphens and dots.
func TestSentenceTermsMatchTerms(t *testing.T) {
	b, _, err := LoadFS(context.Background(), corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range b.Sentences {
		texts = append(texts, s.Text)
	}
	parts := []string{"V", "I", "A", "b", "Mr", "St", ".", ".", "..", "'", "’", "-", "‑", "–", " ", " ", ",", "s", "Häkkänen",
		"Ģirģens", "ß", "meetings", "talks", "visited", "Finland's", "cross", "border", "2019", "1st", "e.g", "U.S", "(", ")", "_",
		"Ø", "ſ", "\u212a", "discussion", "summits", "the", "of", "convened"}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 20000; i++ {
		texts = append(texts, randtext.Join(rng, parts, 12))
	}
	c := newPrepCache(nil)
	for _, s := range texts {
		got, flags := sentenceTerms(nil, tokenize(s), c)
		cue := flags&flagCue != 0
		want := lang.Terms(s)
		wantCue := false
		for _, t := range want {
			wantCue = wantCue || lang.IsMeetingCueTerm(t)
		}
		if fmt.Sprintf("%q %v", got, cue) != fmt.Sprintf("%q %v", want, wantCue) {
			t.Fatalf("sentenceTerms(%q) = %q %v, Terms %q %v", s, got, cue, want, wantCue)
		}
	}
}

// TestMergeShortcutsMatch checks what the parallel stage computes for the
// merge against what the merge computed itself: date blocking against
// reDateBlockPrep, and reDayAfter's literal pre-check against the regexp.
func TestMergeShortcutsMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	parts := []string{"since", "Until", "till", "BEFORE", "back", "to", "back to", "from", "by", "of", "ſince", "o\u212a", " ", "  ", "\t",
		"\n", "\v", "x", "é", ",", "day", "the", "following", "next", "a", "later", "after", "previous", "The Day Before"}
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for j := 0; j < rng.IntN(6); j++ {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		s := sb.String()
		if got, want := blockedBefore(s), reDateBlockPrep.MatchString(s); got != want {
			t.Fatalf("blockedBefore(%q) = %v, regexp %v", s, got, want)
		}
		if got, want := reDayAfter.FindStringSubmatch(s), reDayAfter.Regexp().FindStringSubmatch(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("reDayAfter on %q: %q, regexp %q", s, got, want)
		}
	}
}

// TestCountriesOfSentsMatchesCountriesIn checks countries read sentence by
// sentence against countriesIn of the sentences joined by spaces.
func TestCountriesOfSentsMatchesCountriesIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	parts := []string{"Russian", "Federation", "federation", "United", "Kingdom", "States", "of", "America", "Kingdom of Sweden",
		"Finland's", "finnish", "Finnish", "US", "UK", "us", "Great", "Britain", "Czech", "Republic", "Helsinki", "Türkiye",
		"Russian’s", "RUSSIAN", "x", " ", " ", " ", ",", ".", "-", "'", "é"}
	c := newPrepCache(nil)
	for i := 0; i < 20000; i++ {
		var texts []string
		var scs []*sentCountries
		for k := 0; k < 1+rng.IntN(4); k++ {
			var sb strings.Builder
			for j := 0; j < rng.IntN(8); j++ {
				sb.WriteString(parts[rng.IntN(len(parts))])
			}
			sc := countriesOf(tokenize(sb.String()), c)
			texts = append(texts, sb.String())
			scs = append(scs, &sc)
		}
		joined := strings.Join(texts, " ") + " "
		if got, want := countriesOfSents(scs), lang.CountriesIn(joined); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("countriesOfSents(%q) = %q, countriesIn %q", texts, got, want)
		}
	}
}

// tokenizeRef is tokenize as it was before its ASCII paths and cache.
func tokenizeRef(s string) []tok {
	out := make([]tok, 0, len(s)/5+4)
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '‑' || r2 == '.') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if unicode.IsLetter(r3) || (r2 != '.' && unicode.IsDigit(r3)) {
						if r2 == '.' && !lang.IsInitials(s[i:j]+".") {
							break
						}
						j += n2
						continue
					}
				}
				if r2 == '.' && lang.IsInitials(s[i:j]+".") {
					j += n2 // closing dot of initials
				}
				break
			}
			out = append(out, tok{text: s[i:j], folded: lang.Fold(s[i:j]), start: i, end: j, word: true})
			i = j
		default:
			out = append(out, tok{text: s[i : i+n], folded: lang.Fold(s[i : i+n]), start: i, end: i + n})
			i += n
		}
	}
	return out
}

// TestTokenizeWithCacheMatches checks tokenize with and without a cache
// against tokenizeRef, name words included.
func TestTokenizeWithCacheMatches(t *testing.T) {
	parts := []string{"V", "I", "A", "b", "Mr", "St", ".", ".", "..", "'", "’", "-", "‑", "–", " ", " ", "\t", "\u00a0", "\u0085", ",", "s",
		"Häkkänen", "Ģirģens", "ß", "Finland's", "Minister", "Orpo", "ORPO", "2019", "1st", "e.g", "U.S", "(", ")", "_", "Ø", "ſ",
		"\u212a", "Helsinki", "January", "the", "Ж", "\xff", "\xe2\x80", "😀"}
	rng := rand.New(rand.NewPCG(17, 18))
	c := newPrepCache(nil)
	for i := 0; i < 30000; i++ {
		s := randtext.Join(rng, parts, 12)
		want := tokenizeRef(s)
		for k := range want {
			want[k].name = nameWord(want[k])
		}
		for _, got := range [][]tok{tokenize(s), tokenizeInto(nil, s, c)} {
			for k := range got {
				if got[k].info != nil && (got[k].info.folded != got[k].folded || got[k].info.name != got[k].name) {
					t.Fatalf("tokenize(%q): token %d info %+v", s, k, got[k].info)
				}
				got[k].info = nil
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("tokenize(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// TestSentWordsHas checks the Bloom-filtered word set against plain
// membership.
func TestSentWordsHas(t *testing.T) {
	c := newPrepCache(nil)
	rng := rand.New(rand.NewPCG(21, 22))
	words := []string{"orpo", "Orpo", "Orpo's", "kivilaakso", "Häkkänen", "hakkanen", "minister", "V.I.", "x", "Finland’s", "a", "b", "xorpo", "orpox"}
	for i := 0; i < 5000; i++ {
		var sb strings.Builder
		for j := 0; j < rng.IntN(20); j++ {
			sb.WriteString(words[rng.IntN(len(words))] + " ")
		}
		ts := tokenize(sb.String())
		var arena []byte
		ws := sentWordsOf(ts, c, &arena)
		for _, w := range []string{"orpo", "hakkanen", "finland", "v.i.", "minister", "x", "y", "", "orp", "rpo", "a b"} {
			want := false
			for _, tk := range ts {
				want = want || tk.word && strings.TrimSuffix(strings.TrimSuffix(tk.fold(), "'s"), "'") == w
			}
			if got := ws.has(w); got != want {
				t.Fatalf("sentWords of %q has %q: %v, want %v", sb.String(), w, got, want)
			}
		}
	}
}

// TestBytePairsNecessary checks that a substring's byte pairs are always
// in its text's filter.
func TestBytePairsNecessary(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(60))
		for k := range b {
			b[k] = byte(rng.IntN(256))
		}
		s := string(b)
		p := bytePairsOf(s)
		for j := 0; j < 5 && len(s) > 0; j++ {
			lo := rng.IntN(len(s))
			hi := lo + rng.IntN(len(s)-lo+1)
			q := bytePairsOf(s[lo:hi])
			if !p.mayHold(&q) {
				t.Fatalf("%q: filter misses %q", s, s[lo:hi])
			}
		}
	}
}

// TestInitialsDot checks initialsDot against isInitials.
func TestInitialsDot(t *testing.T) {
	parts := []string{"A", "b", ".", "Ö", "ж", "Ж", "1", "'", "-"}
	rng := rand.New(rand.NewPCG(35, 36))
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for j := 0; j < rng.IntN(6); j++ {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		w := sb.String()
		if got, want := initialsDot(w), lang.IsInitials(w+"."); got != want {
			t.Fatalf("initialsDot(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestTokenDateGates checks that the date gates read from a sentence's
// tokens hold wherever dateGatesOf's do, and findDates with them.
func TestTokenDateGates(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	c := newPrepCache(nil)
	for i := 0; i < 20000; i++ {
		s := randtext.Dates(rng)
		if ascii.HasFoldRunes(s) {
			continue
		}
		_, f := sentenceTerms(nil, tokenizeInto(nil, s, c), c)
		g := f.dates()
		x := dates.GatesOf(s)
		if x.Digit && !g.Digit || x.Year4 && !g.Year4 || x.CapMonth && !g.CapMonth || x.Month && !g.Month || x.Rel && !g.Rel || x.Weekday && !g.Weekday {
			t.Fatalf("gates of %q: from tokens %+v, dateGatesOf %+v", s, g, x)
		}
		a := dates.Date{Year: 2020, Month: 1, Day: 15}
		if got, want := dates.FindWith(s, a, false, &g), dates.Find(s, a); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDates(%q) with token gates = %v, want %v", s, got, want)
		}
	}
}

// TestDateGateFlags checks that date gates turned into tokFlags and back
// are the same gates, for every combination, and leave the other flags
// clear.
func TestDateGateFlags(t *testing.T) {
	for m := 0; m < 1<<6; m++ {
		g := dates.Gates{Digit: m&1 != 0, Year4: m&2 != 0, CapMonth: m&4 != 0, Month: m&8 != 0, Rel: m&16 != 0, Weekday: m&32 != 0}
		f := gateFlags(g)
		if f.dates() != g || f&(flagCue|flagNoun|flagTopic) != 0 {
			t.Errorf("%+v: flags %b give back %+v", g, f, f.dates())
		}
	}
}
