// Package benchcorpus writes synthetic press releases of Liaison's genre
// (interior-ministry and police cooperation) at any scale, together with
// the facts each release states, so that building the fact base can be
// timed and its extraction scored at 1,000 to 100,000 releases.
//
// Generation is seeded and deterministic: the same Options give the same
// bytes. Release i depends only on the seed, the people pool and i, so
// releases can be generated in any order. All people are invented.
package benchcorpus

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options say what to generate.
type Options struct {
	// N is the number of releases.
	N int
	// Seed makes the corpus; the same seed and N give the same corpus.
	Seed uint64
}

// Truth is the ground truth of a generated corpus: what each release
// states. It is written as truth.json next to the releases.
type Truth struct {
	Seed     uint64    `json:"seed"`
	N        int       `json:"n"`
	People   []Person  `json:"people"`
	Releases []Release `json:"releases"`
}

// Person is an invented person of the corpus.
type Person struct {
	ID      int    `json:"id"`
	Name    string `json:"name"`
	Surname string `json:"surname"`
	Country string `json:"country"`
	Office  string `json:"office"`
	Female  bool   `json:"female,omitempty"`
	// Spellings are other spellings releases use (transliteration
	// variants, ASCII forms), full names.
	Spellings []string `json:"spellings,omitempty"`
}

// Release is the truth of one release.
type Release struct {
	// File is the release's path relative to the corpus folder.
	File string `json:"file"`
	// Title is the headline as written.
	Title string `json:"title"`
	// Date is the publication date, ISO; "" when the release prints none.
	Date string `json:"date"`
	// Style names the header and lead forms used (for diagnosing misses).
	Style      string      `json:"style"`
	Meetings   []Meeting   `json:"meetings"`
	Agreements []Agreement `json:"agreements,omitempty"`
	// Figure is a sentence with figures the release holds, for retrieval
	// questions.
	Figure string `json:"figure,omitempty"`
	// Bytes is the file's size.
	Bytes int `json:"bytes"`
}

// Meeting is a meeting a release reports.
type Meeting struct {
	// Participants index Truth.People.
	Participants []int `json:"participants"`
	// Written are the participants' names as this release spells them.
	Written []string `json:"written"`
	// Date is when it was held, ISO.
	Date string `json:"date"`
	// Place is the city it was held in.
	Place string `json:"place"`
	// Topics are what was discussed, as written.
	Topics []string `json:"topics,omitempty"`
}

// Agreement is an agreement a release names.
type Agreement struct {
	Name    string   `json:"name"`
	Parties []string `json:"parties,omitempty"`
	// Signed is when it was signed: ISO date or year.
	Signed string `json:"signed,omitempty"`
	// Status is "terminated" or "".
	Status string `json:"status,omitempty"`
}

// TruthFile is the name of the ground-truth file in a generated folder.
const TruthFile = "truth.json"

// Generate writes opts.N releases into dir (created if needed; existing
// releases of the same names are overwritten) and the ground truth as
// dir/truth.json, and returns the truth.
func Generate(ctx context.Context, dir string, opts Options) (*Truth, error) {
	if opts.N <= 0 {
		return nil, fmt.Errorf("benchcorpus: N must be positive, got %d", opts.N)
	}
	g := newGen(opts)
	t := &Truth{Seed: opts.Seed, N: opts.N, People: g.people}
	madeDirs := map[string]bool{}
	for i := 0; i < opts.N; i++ {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("benchcorpus: generate: %w", err)
			}
		}
		text, r := g.Release(i)
		full := filepath.Join(dir, filepath.FromSlash(r.File))
		if d := filepath.Dir(full); !madeDirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return nil, fmt.Errorf("benchcorpus: %w", err)
			}
			madeDirs[d] = true
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			return nil, fmt.Errorf("benchcorpus: %w", err)
		}
		t.Releases = append(t.Releases, r)
	}
	if err := WriteTruth(ctx, filepath.Join(dir, TruthFile), t); err != nil {
		return nil, err
	}
	return t, nil
}

// WriteTruth writes t as JSON to file.
func WriteTruth(ctx context.Context, file string, t *Truth) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("benchcorpus: write truth: %w", err)
	}
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("benchcorpus: encode truth: %w", err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return fmt.Errorf("benchcorpus: write truth: %w", err)
	}
	return nil
}

// ReadTruth reads a ground-truth file written by Generate.
func ReadTruth(ctx context.Context, file string) (*Truth, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("benchcorpus: read truth: %w", err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("benchcorpus: read truth: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("benchcorpus: decode truth %s: %w", file, err)
	}
	return &t, nil
}

// Gen generates releases of one corpus. Release is safe for concurrent use.
type Gen struct {
	opts     Options
	people   []Person
	byNation [][]int // nation index -> people
	nationOf []int   // person -> nation index
}

// NewGen returns the generator for opts without writing anything; its
// Release method gives release i's text and truth.
func NewGen(opts Options) *Gen { return newGen(opts) }

// People returns the invented people of the corpus.
func (g *Gen) People() []Person { return g.people }

// poolSize is how many people a corpus of n releases has: enough that
// most names recur across releases, as real ministers do.
func poolSize(n int) int {
	p := n / 5
	if p < 60 {
		p = 60
	}
	if p > 2400 {
		p = 2400
	}
	return p
}

// nationWeights favour the Finnish-Russian releases of the real corpus.
var nationWeights = []int{30, 30, 10, 8, 8, 7, 7}

func newGen(opts Options) *Gen {
	g := &Gen{opts: opts, byNation: make([][]int, len(nations))}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	seen := map[string]bool{}
	want := poolSize(opts.N)
	for tries := 0; len(g.people) < want && tries < want*50; tries++ {
		ni := pickWeighted(rng, nationWeights)
		nt := &nations[ni]
		female := rng.IntN(3) == 0
		firsts := nt.First[0]
		if female {
			firsts = nt.First[1]
		}
		first := firsts[rng.IntN(len(firsts))]
		last := nt.Last[rng.IntN(len(nt.Last))]
		if female && nt.Country == "Russia" {
			last = feminine(last)
		}
		name := first + " " + last
		if seen[name] {
			continue
		}
		seen[name] = true
		p := Person{ID: len(g.people), Name: name, Surname: last, Country: nt.Country, Female: female,
			Office: nt.Offices[pickSkewed(rng, len(nt.Offices))]}
		if v, ok := nt.Variants[first]; ok {
			p.Spellings = append(p.Spellings, v+" "+last)
		}
		if v, ok := nt.LastVariants[last]; ok && !female {
			p.Spellings = append(p.Spellings, first+" "+v)
		}
		if nt.Plain {
			if a := ascii(name); a != name {
				p.Spellings = append(p.Spellings, a)
			}
		}
		g.people = append(g.people, p)
		g.byNation[ni] = append(g.byNation[ni], p.ID)
		g.nationOf = append(g.nationOf, ni)
	}
	// every nation needs at least two people
	for ni := range g.byNation {
		for k := 0; len(g.byNation[ni]) < 2; k++ {
			nt := &nations[ni]
			name := nt.First[0][k%len(nt.First[0])] + " " + nt.Last[(k*7+3)%len(nt.Last)]
			if seen[name] {
				continue
			}
			seen[name] = true
			p := Person{ID: len(g.people), Name: name, Surname: strings.Fields(name)[1], Country: nt.Country, Office: nt.Offices[0]}
			g.people = append(g.people, p)
			g.byNation[ni] = append(g.byNation[ni], p.ID)
			g.nationOf = append(g.nationOf, ni)
		}
	}
	return g
}

// feminine gives a Russian surname its feminine form.
func feminine(last string) string {
	switch {
	case strings.HasSuffix(last, "sky"):
		return strings.TrimSuffix(last, "sky") + "skaya"
	case strings.HasSuffix(last, "ko"):
		return last
	case strings.HasSuffix(last, "ov"), strings.HasSuffix(last, "ev"), strings.HasSuffix(last, "yov"), strings.HasSuffix(last, "in"):
		return last + "a"
	}
	return last
}

var asciiFold = strings.NewReplacer("ā", "a", "ē", "e", "ī", "i", "ū", "u", "š", "s", "ž", "z", "ņ", "n", "ļ", "l", "ķ", "k", "ģ", "g", "č", "c",
	"Ā", "A", "Ē", "E", "Ī", "I", "Ū", "U", "Š", "S", "Ž", "Z", "Ņ", "N", "Ļ", "L", "Ķ", "K", "Ģ", "G", "Č", "C")

func ascii(s string) string { return asciiFold.Replace(s) }

func pickWeighted(rng *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	r := rng.IntN(total)
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

// pickSkewed favours the first entries (the ministers).
func pickSkewed(rng *rand.Rand, n int) int {
	a, b := rng.IntN(n), rng.IntN(n)
	return min(a, b)
}

var (
	minDate = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	dayspan = int(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC).Sub(minDate).Hours() / 24)
)
