package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// TestStemForms checks that the forms a question and a release use for
// one word share a stem, and that different words keep different ones.
func TestStemForms(t *testing.T) {
	for _, group := range [][]string{
		{"crime", "crimes"},
		{"office", "offices"},
		{"issue", "issues"},
		{"represent", "represented", "representative", "representatives"},
		{"initiative", "initiatives"},
		{"close", "closed", "closes", "closing"},
		{"committee", "committees"},
		{"agree", "agreed", "agrees"},
		{"approach", "approaches"},
		{"tax", "taxes"},
		{"organize", "organizes", "organized", "organise", "organised", "organisation", "organizations"},
		{"legalize", "legalise", "legalization", "legalisation"},
		{"discuss", "discussed", "discusses", "discussing"},
		{"meeting", "meetings"},
		{"plan", "plans", "planned"},
		{"agreement", "agreements"},
		{"extremism", "extremisms"},
		{"2019", "2019"},
		{"meet", "met", "meets", "meeting"},
		{"hold", "held", "holds", "holding"},
		{"send", "sent", "sends"},
		{"withdraw", "withdrew", "withdrawn", "withdrawal"},
		{"begin", "began", "begun", "beginning"},
		{"take", "took", "taken"},
		{"swear", "swore", "sworn"},
	} {
		want := Stem(group[0])
		for _, w := range group[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want the same", w, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"crime", "crimea"}, {"border", "board"}, {"police", "policy"}, {"news", "new"},
		{"extremism", "extremely"}, {"nationalism", "national"},
		{"left", "leave"}, {"found", "find"}, {"saw", "see"}} {
		if Stem(pair[0]) == Stem(pair[1]) {
			t.Errorf("Stem(%q) = Stem(%q) = %q; want different stems", pair[0], pair[1], Stem(pair[0]))
		}
	}
}

// TestStemIsSnowball checks that Stem is the Snowball English stem of
// every word of the built-in releases but where its doc says otherwise
// (-ise spellings, -ism nouns, irregular past forms, numbers), and that those exceptions
// happen: the stemmer is the standard one, not a copy drifting from it.
func TestStemIsSnowball(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "corpus", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in releases: %v", err)
	}
	seen := map[string]bool{}
	same, kept := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range append(Words(string(data)), "organised", "criticism", "terrorisms", "2021", "held") {
			w = strings.ToLower(Fold(w))
			if seen[w] {
				continue
			}
			seen[w] = true
			env := snowballstem.NewEnv(w)
			english.Stem(env)
			snow, got := env.Current(), Stem(w)
			_, irregular := irregularPast[w]
			exception := irregular || americanSpelling(w) != w || strings.HasSuffix(w, "ism") || strings.HasSuffix(w, "isms") || IsDigits(w)
			switch {
			case !exception && got != snow:
				t.Errorf("Stem(%q) = %q, Snowball gives %q", w, got, snow)
			case exception && got != snow:
				kept++
			default:
				same++
			}
		}
	}
	if same < 500 || kept < 3 {
		t.Errorf("%d words stemmed as Snowball does, %d exceptions: want hundreds and the added ones", same, kept)
	}
}

// TestMeetingCueForms checks that every form of a meeting cue word is a
// cue term, whatever stem the stemmer gives it, and that other words are
// not.
func TestMeetingCueForms(t *testing.T) {
	for _, w := range []string{"met", "meets", "meeting", "talks", "talked", "visiting", "visited", "convened", "convenes",
		"held", "hosted", "hosting", "received", "summit", "summits", "conference", "conferences", "session",
		"consultations", "consulted", "negotiations", "negotiated", "discussed", "discussion"} {
		ts := Terms(w)
		if len(ts) != 1 || !IsMeetingCueTerm(ts[0]) {
			t.Errorf("%q (terms %q) is not a meeting cue", w, ts)
		}
	}
	for _, w := range []string{"minister", "signed", "agreement", "border", "police", "meat", "holder"} {
		for _, ts := range Terms(w) {
			if IsMeetingCueTerm(ts) {
				t.Errorf("%q (term %q) is a meeting cue", w, ts)
			}
		}
	}
}

// TestStemCacheBounded checks that junk words cannot grow the stem cache
// past its bound, that words too long for it are stemmed all the same, and
// that the cache gives what Snowball gives, from several goroutines at
// once.
func TestStemCacheBounded(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range maxCachedStems/2 + 100 {
				w := fmt.Sprintf("junk%dx%dings", g, i)
				if got, want := Stem(w), snowballStem(w); got != want {
					t.Errorf("Stem(%q) = %q, Snowball gives %q", w, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := stemCached.Load(); n > maxCachedStems {
		t.Errorf("%d words cached, bound %d", n, maxCachedStems)
	}
	long := strings.Repeat("cooperation", 10) + "s"
	if got := Stem(long); got != snowballStem(long) || got == long {
		t.Errorf("Stem of a %d-byte word = %q", len(long), got)
	}
	if got := Stem("negotiations"); got != "negoti" {
		t.Errorf(`Stem("negotiations") = %q after the cache was emptied, want "negoti"`, got)
	}
}

// BenchmarkStem stems the distinct words of the built-in releases, from
// the cache as the build and answers mostly do, and with Snowball itself.
func BenchmarkStem(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "corpus", "*.txt"))
	seen := map[string]bool{}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range Words(string(data)) {
			if w = strings.ToLower(Fold(w)); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	if len(words) == 0 {
		b.Fatal("no built-in releases")
	}
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			Stem(words[i%len(words)])
		}
	})
	b.Run("snowball", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if w := words[i%len(words)]; len(w) > 2 {
				snowballStem(w)
			}
		}
	})
}
