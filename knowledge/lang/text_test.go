package lang

import (
	"fmt"
	"liaison/internal/randtext"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestFoldLatinMatchesGeneralPath checks the rune-by-rune fast path of
// FoldKeepCase against decomposing whole strings.
func TestFoldLatinMatchesGeneralPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"Häkkänen", "Ģirģens", "Žilinskas", "Sørensen", "Åström", "Œuvre Straße", "Łódź"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for j := 0; j < 1+rng.IntN(8); j++ {
			if rng.IntN(3) == 0 {
				b.WriteByte(byte('A' + rng.IntN(58)))
			} else {
				b.WriteRune(rune(0x80 + rng.IntN(0x250-0x80)))
			}
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		fast, ok := foldLatin(c)
		if !ok {
			t.Fatalf("foldLatin(%q) refused a Latin string", c)
		}
		if slow := foldSlow(c); fast != slow {
			t.Errorf("foldLatin(%q) = %q, general path %q", c, fast, slow)
		}
	}
}

// TestInitialsMatchRegexp checks isInitials against the regexp it replaces.
func TestInitialsMatchRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(\p{Lu}\.)+\p{Lu}?\.?$`)
	for _, s := range []string{"V.I.", "A.B", "J.", "AB.", "A..", "A.b", "A.B.C", "Ö.Å.", "", ".", "A", "a.", "V.I.P.s", "Ж.", "A.B.."} {
		if got, want := IsInitials(s), re.MatchString(s); got != want {
			t.Errorf("isInitials(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestSentenceBoundsMatchRunes checks the byte-wise sentence splitter
// against the rune-wise one.
func TestSentenceBoundsMatchRunes(t *testing.T) {
	parts := []string{"One", "sentence", ".", ".", "!", "?", " ", " ", "  ", "\u00a0", "\u2003", "\n", "Mr", "Dr", "e.g", "U.S", "V.", "I.", "Ä",
		"ä", "İ", "\"", "'", "”", "’", ")", "»", "“", "‘", "«", "-", "–", "2019", "x", "Jan", "St", "no", "A.B.", "\xff", "ж", "Ж", "ab.c", "xy.z", "A.b", " ab.c. One", " xy.z. 2", " u.s. Then", " abc.d. X", " J. Smith", " e.g. The", " mr. X"}
	rng := rand.New(rand.NewPCG(23, 24))
	for i := 0; i < 50000; i++ {
		s := randtext.Join(rng, parts, 16)
		if got, want := SplitSentences(s), splitSentencesRunes(s); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("SplitSentences(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCountFields checks countFields against strings.Fields.
func TestCountFields(t *testing.T) {
	parts := []string{"a", " ", "  ", "\t", "\v", "\u00a0", "\u2003", "\u0085", "é", "\xff", "x y"}
	rng := rand.New(rand.NewPCG(29, 30))
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for j := 0; j < rng.IntN(8); j++ {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		if got, want := CountFields(sb.String()), len(strings.Fields(sb.String())); got != want {
			t.Fatalf("countFields(%q) = %d, want %d", sb.String(), got, want)
		}
		if got, want := CountFieldsUpTo(sb.String(), 2), min(len(strings.Fields(sb.String())), 2); got != want {
			t.Fatalf("countFieldsUpTo(%q, 2) = %d, want %d", sb.String(), got, want)
		}
	}
}

// TestFoldLowerLatin checks the one-pass fold against the general path.
func TestFoldLowerLatin(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := 0; j < rng.IntN(10); j++ {
			switch rng.IntN(4) {
			case 0:
				b.WriteByte(byte(rng.IntN(128)))
			case 1:
				b.WriteRune(rune(0x2000 + rng.IntN(0x70)))
			case 2:
				b.WriteRune(rune(0x300 + rng.IntN(0x70))) // combining marks: the general path
			default:
				b.WriteRune(rune(0x80 + rng.IntN(0x250-0x80)))
			}
		}
		s := b.String()
		if got, want := Fold(s), strings.ToLower(foldSlow(s)); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
