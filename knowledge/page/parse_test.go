package page

import (
	"io/fs"
	"liaison/corpus"
	"liaison/internal/ascii"
	"liaison/internal/randtext"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIsContact checks isContact against the regexp it stands for, on
// random text made of its literals' pieces.
func TestIsContact(t *testing.T) {
	re := reContact
	parts := []string{"tel", "Tel", "TEL", ".", " ", "phone", "PHONE", "e-mail", "E-Mail", "email", "eMail", "[", "]", "x", "_", "1",
		"é", "\xff", "hotel", "telephone", "mail", "-", "e", "ph", "one", "[email protected]", ":", "\u212a", "ſ", "[email", "[Emailx", "]x", "]"}
	rng := rand.New(rand.NewPCG(47, 48))
	for i := 0; i < 100000; i++ {
		s := randtext.Join(rng, parts, 8)
		if got, want := IsContact(s), re.MatchString(s); got != want {
			t.Fatalf("isContact(%q) = %v, regexp says %v", s, got, want)
		}
	}
	for _, s := range []string{"tel. +358 1234", "[email protected]", "Press service: e-mail press@example.org", "x[email a]b", "nothing here"} {
		if got, want := IsContact(s), re.MatchString(s); got != want {
			t.Errorf("isContact(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestLooksBinary checks looksBinary against a byte-by-byte count of NULs
// and control bytes, and the masks it uses against byte comparisons.
func TestLooksBinary(t *testing.T) {
	ref := func(b string) bool {
		n := min(len(b), 8192)
		ctrl := 0
		for i := 0; i < n; i++ {
			switch c := b[i]; {
			case c == 0:
				return true
			case c < 0x09 || c > 0x0d && c < 0x20:
				ctrl++
			}
		}
		return ctrl*20 > n
	}
	rng := rand.New(rand.NewPCG(47, 48))
	for n := 0; n < 20000; n++ {
		size := rng.IntN(64)
		if n%100 == 0 {
			size = 8100 + rng.IntN(200)
		}
		ctrlRate := rng.IntN(12) // some strings just under and over the 1 in 20 threshold
		b := make([]byte, size)
		for k := range b {
			switch r := rng.IntN(100); {
			case r < ctrlRate:
				b[k] = byte(1 + rng.IntN(0x1f))
			case r == 99 && n%3 == 0:
				b[k] = 0
			default:
				b[k] = byte(0x20 + rng.IntN(0xe0))
			}
		}
		if got, want := looksBinary(string(b)), ref(string(b)); got != want {
			t.Fatalf("looksBinary(%q) = %v, want %v", b, got, want)
		}
		if len(b) >= 8 {
			x := ascii.Load64(string(b), 0)
			for _, c := range []byte{0, ' ', 0x7f, 0x09, 0x0e, 0x20, 0x80} {
				var eq, below uint64
				for k := 0; k < 8; k++ {
					if b[k] == c {
						eq |= 0x80 << (8 * k)
					}
					if b[k] < c {
						below |= 0x80 << (8 * k)
					}
				}
				if got := ascii.EqMask(x, c); got != eq {
					t.Fatalf("eqMask(%q, %#x) = %#x, want %#x", b[:8], c, got, eq)
				}
				if got := ascii.BelowMask(x, c); got != below {
					t.Fatalf("belowMask(%q, %#x) = %#x, want %#x", b[:8], c, got, below)
				}
			}
		}
	}
}

// TestCleanLineMatches checks cleanLine's shortcut against the general
// path, and cleanLineASCII's report of a line kept as it is.
func TestCleanLineMatches(t *testing.T) {
	parts := []string{"a", "B", " ", " ", "  ", "\t", "\x00", "\x7f", "\u200e", "é", "\ufffd", "\xff", "~", "x", "–", "\u0085", "\u00a0",
		"\u2003", "\u0080", "\u009f", "\u2066", "\u202e", "\xe2\x80", "Ж", "😀"}
	rng := rand.New(rand.NewPCG(19, 20))
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		// mostly clean ASCII of any length, so that the eight-byte blocks
		// of cleanASCIIPrefix meet every part at every offset
		for j, n := 0, rng.IntN(8)+rng.IntN(4)*rng.IntN(30); j < n; j++ {
			if rng.IntN(4) > 0 {
				sb.WriteString(parts[rng.IntN(3)])
			} else {
				sb.WriteString(parts[rng.IntN(len(parts))])
			}
		}
		s := sb.String()
		if got, want := cleanLine(s), lang.CollapseSpace(strings.Map(dropControl, s)); got != want {
			t.Fatalf("cleanLine(%q) = %q, want %q", s, got, want)
		}
		// Parse slices an unchanged ASCII line's key from the
		// release lowered whole: the flag must be exact
		if got, same := cleanLineASCII(s); same != (got == s && ascii.Is(s)) {
			t.Fatalf("cleanLineASCII(%q) = %q, %v", s, got, same)
		}
	}
}

// TestRegexpGatesAdmitEveryMatch checks that the cheap tests parseRelease
// runs before its header date and dateline regexps pass every string the
// regexps match: random strings made of their parts, and every line and
// paragraph of the built-in corpus.
func TestRegexpGatesAdmitEveryMatch(t *testing.T) {
	gates := []struct {
		name string
		re   interface{ MatchString(string) bool }
		gate func(string) bool
	}{
		{"header date", reHeaderDate, mayStartHeaderDate},
		{"dateline", reDateline, mayStartDateline},
	}
	parts := []string{"Moscow", "St. Petersburg", "Ust'-Luga", "Tórshavn", "Ñ", "a", "Z", " ", "  ", "\t", "\f", "\r", ",", ", ", "(",
		")", " (RIA)", "12", "2018", "25.10.2017", "2019-07-01", "2019 07 19", " 15.42", " at 9:30", ":", " – ", " - ", "—", "-", "'",
		".", "Publication date", "published", "DATE", "Updated", "date:", "April", "x", "1"}
	var inputs []string
	rng := rand.New(rand.NewPCG(23, 24))
	for i := 0; i < 50000; i++ {
		inputs = append(inputs, randtext.Join(rng, parts, 9))
	}
	// datelines and near misses: place words, a parenthesis, a comma, a
	// Date, a dash
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for i := 0; i < 20000; i++ {
		inputs = append(inputs, pick("Moscow", "St. Petersburg", "Ust'-Luga", "Tórshavn", "Kuala Lumpur Central Station", "Kuala Lumpur Central", "moscow",
			"Minister Ohisalo met", "2019 Helsinki", "Ålesund", "A")+pick("", " (RIA)", " (Finland, STT)", "(x)", " ()")+
			pick(",", ", ", " ,", "", ";")+pick(" ", "  ", "\t", "")+pick("12 April 2018", "today", "abc", "1", "5 - 6 May")+
			pick(" ", "")+pick("–", "-", "—", ":")+pick(" ", "\t", "", "x")+pick("The minister", ""))
	}
	files, err := fs.Glob(corpus.FS, "*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		raw, err := fs.ReadFile(corpus.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, strings.Split(string(raw), "\n")...)
	}
	matched := map[string]int{}
	for _, g := range gates {
		for _, s := range inputs {
			if g.re.MatchString(s) {
				matched[g.name]++
				if !g.gate(s) {
					t.Errorf("%s: the regexp matches %q, but the gate turns it away", g.name, s)
				}
			}
		}
		if matched[g.name] < 100 {
			t.Errorf("%s: only %d inputs match: the test does not exercise the gate", g.name, matched[g.name])
		}
	}
}
