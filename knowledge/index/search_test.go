package index_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/knowledge"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// searchBases builds n generated releases of the seed (with their truth
// and generator) and the real releases of corpus-extra.
func searchBases(t *testing.T, n int, seed uint64) (generated, real *knowledge.Base, truth *benchcorpus.Truth, g *benchcorpus.Gen) {
	t.Helper()
	g = benchcorpus.NewGen(benchcorpus.Options{N: n, Seed: seed})
	bl := knowledge.NewBuilder()
	truth = &benchcorpus.Truth{N: n, Seed: seed, People: g.People()}
	for i := 0; i < n; i++ {
		text, r := g.Release(i)
		bl.Add(r.File, []byte(text))
		truth.Releases = append(truth.Releases, r)
	}
	real, _, err := knowledge.LoadDir(context.Background(), "../../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	return bl.Build(), real, truth, g
}

// searchQueries is the terms of each benchmark question, then n random
// sets of one to nine terms, each drawn from a random sentence of b.
func searchQueries(rng *rand.Rand, b *knowledge.Base, qs []benchcorpus.Question, n int) [][]string {
	var queries [][]string
	for _, q := range qs {
		queries = append(queries, lang.Terms(q.Text))
	}
	for i := 0; i < n; i++ {
		ws := lang.Terms(b.Sentences[rng.IntN(len(b.Sentences))].Text)
		rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		queries = append(queries, ws[:min(len(ws), 1+rng.IntN(9))])
	}
	return queries
}

// TestSearchPathsAgree checks that ranking release by release (pruned by
// score bounds) returns exactly the hits of an exhaustive ranking, on real releases and on a generated corpus, for
// benchmark questions and for random term sets drawn from sentences.
func TestSearchPathsAgree(t *testing.T) {
	generated, real, truth, _ := searchBases(t, 1500, 7)
	qs := benchcorpus.Questions(truth, 40, 7)
	if len(qs) < 100 {
		t.Fatalf("only %d benchmark questions", len(qs))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for name, b := range map[string]*knowledge.Base{"generated": generated, "real": real} {
		queries := searchQueries(rng, b, qs, 300)
		pruned := 0
		for _, q := range queries {
			for _, k := range []int{1, 5, 24, 200} {
				restore := index.SetPrunePostings(1 << 30)
				want := fmt.Sprint(b.Search(q, k))
				index.SetPrunePostings(0)
				got := fmt.Sprint(b.Search(q, k))
				restore()
				if got != want {
					t.Fatalf("%s: pruned ranking of %v (k=%d):\n got %s\nwant %s", name, q, k, got, want)
				}
				if want != "[]" {
					pruned++
				}
				if k == 24 {
					checkSearchDocs(t, b, q, rng)
				}
			}
		}
		if pruned < len(queries) {
			t.Fatalf("%s: only %d of %d rankings found anything", name, pruned, 4*len(queries))
		}
	}
}

// checkSearchDocs checks that ranking only some releases gives the hits
// of those releases in the ranking of all, best k first.
func checkSearchDocs(t *testing.T, b *knowledge.Base, q []string, rng *rand.Rand) {
	t.Helper()
	all := b.Search(q, len(b.Sentences))
	every := make([]int, len(b.Docs))
	for d := range every {
		every[d] = d
	}
	if got, want := fmt.Sprint(b.SearchDocs(q, 24, every)), fmt.Sprint(all[:min(24, len(all))]); got != want {
		t.Fatalf("SearchDocs(%v, all releases):\n got %s\nwant %s", q, got, want)
	}
	in := map[int]bool{}
	var some []int
	for d := range b.Docs {
		if rng.IntN(4) == 0 {
			in[d] = true
			some = append(some, d, d) // duplicates are ignored
		}
	}
	some = append(some, -1, len(b.Docs)) // so are unknown releases
	var want []index.Hit
	for _, h := range all {
		if in[b.Sentences[h.Sentence].Doc] && len(want) < 7 {
			want = append(want, h)
		}
	}
	if got := b.SearchDocs(q, 7, some); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("SearchDocs(%v, a quarter of the releases):\n got %v\nwant %v", q, got, want)
	}
}

// TestSearchConcurrent ranks from several goroutines at once, pruned and
// not, and over chosen releases: each gets the hits it gets alone (the
// scratch accumulators are per ranking).
func TestSearchConcurrent(t *testing.T) {
	b, _, err := knowledge.LoadDir(context.Background(), "../../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	defer index.SetPrunePostings(0)()
	var queries [][]string
	var want []string
	for i := 0; i < len(b.Sentences); i += 5 {
		q := lang.Terms(b.Sentences[i].Text)
		queries = append(queries, q)
		want = append(want, fmt.Sprint(b.Search(q, 10), b.SearchDocs(q, 3, []int{b.Sentences[i].Doc})))
	}
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range queries {
				i := (k + g*7) % len(queries)
				q := queries[i]
				if got := fmt.Sprint(b.Search(q, 10), b.SearchDocs(q, 3, []int{b.Sentences[i*5].Doc})); got != want[i] {
					t.Errorf("goroutine %d, query %v: %s, want %s", g, q, got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// TestSearchMatchesScan checks Search (exhaustive and pruned) and
// SearchDocs against a scan of every sentence's text by the definition
// of the score, hit for hit and to the last bit of every score: on real
// releases and on generated ones (whose templated sentences tie by the
// thousand), for benchmark questions and random term sets.
func TestSearchMatchesScan(t *testing.T) {
	generated, real, truth, g := searchBases(t, 800, 11)
	// releases of more than 64 sentences (ranked by query.scoreLong),
	// each ten generated ones run together, and short ones between
	long := knowledge.NewBuilder()
	for i := 0; i < 60; i++ {
		var body strings.Builder
		for j := 0; j < 1+i%2*9; j++ {
			text, _ := g.Release(i*10 + j)
			body.WriteString(text + "\n\n")
		}
		long.Add(fmt.Sprintf("long%02d.txt", i), []byte(body.String()))
	}
	qs := benchcorpus.Questions(truth, 15, 11)
	rng := rand.New(rand.NewPCG(8, 9))
	bases := map[string]*knowledge.Base{"generated": generated, "real": real, "long": long.Build()}
	if n := len(bases["long"].Docs[1].Sentences); n <= 64 {
		t.Fatalf("a long release has %d sentences", n)
	}
	for name, b := range bases {
		scan := newScan(b)
		queries := searchQueries(rng, b, qs, 120)
		for _, q := range queries {
			all := scan.Search(q, 200, nil)
			for _, k := range []int{1, 5, 24, 200} {
				want := fmt.Sprint(all[:min(k, len(all))])
				for _, limit := range []int{1 << 30, 0} {
					restore := index.SetPrunePostings(limit)
					got := fmt.Sprint(b.Search(q, k))
					restore()
					if got != want && !(got == "[]" && len(all) == 0) {
						t.Fatalf("%s: Search(%v, %d) with pruning from %d postings:\n got %s\nwant %s", name, q, k, limit, got, want)
					}
				}
			}
			some := []int{} // not nil, which would scan all
			for d := range b.Docs {
				if rng.IntN(3) == 0 {
					some = append(some, d)
				}
			}
			for _, k := range []int{3, 24} {
				want := scan.Search(q, k, some)
				if got := b.SearchDocs(q, k, some); fmt.Sprint(got) != fmt.Sprint(want) && len(want)+len(got) > 0 {
					t.Fatalf("%s: SearchDocs(%v, %d, a third of the releases):\n got %v\nwant %v", name, q, k, got, want)
				}
			}
		}
	}
}

// TestSearchPrunesTies ranks a sentence that hundreds of releases hold
// word for word: the best k are the first k of them, and releases that
// can only tie the k-th, later in the base, are not scored.
func TestSearchPrunesTies(t *testing.T) {
	const n = 300
	bl := knowledge.NewBuilder()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Release %d\n\n"+
			"Border guards of Finland and Estonia trained together in Narva.\n"+
			"The exercise number %d lasted %d days and involved %d vessels.\n", i, i, 2+i%5, 3+i%7)
		bl.Add(fmt.Sprintf("r%03d.txt", i), []byte(text))
	}
	b := bl.Build()
	q := lang.Terms("Border guards of Finland and Estonia trained together in Narva")
	for _, k := range []int{1, 5, 24} {
		hits, scored := index.SearchScored(b.Index(), q, k)
		if len(hits) != k {
			t.Fatalf("k=%d: %d hits", k, len(hits))
		}
		for i, h := range hits {
			if doc := b.Sentences[h.Sentence].Doc; doc != i || h.Score != hits[0].Score {
				t.Errorf("k=%d: hit %d is %+v of release %d, want the tie of release %d", k, i, h, doc, i)
			}
		}
		if scored > 4*k+8 {
			t.Errorf("k=%d: %d of %d releases scored, though the rest can only tie the %d-th", k, scored, n, k)
		}
	}
}

// TestCoversMatchesScan checks Covers against the Coverage of every hit
// of an exhaustive ranking, for benchmark questions, term sets drawn from
// one sentence and from several (with words no release uses), and a few
// shares: exactly when it may read every posting it needs, and never
// false when a hit has the share when it reads none.
func TestCoversMatchesScan(t *testing.T) {
	generated, real, truth, _ := searchBases(t, 600, 13)
	qs := benchcorpus.Questions(truth, 15, 13)
	rng := rand.New(rand.NewPCG(13, 14))
	for name, b := range map[string]*knowledge.Base{"generated": generated, "real": real} {
		scan := newScan(b)
		queries := searchQueries(rng, b, qs, 150)
		for i := 0; i < 150; i++ {
			var q []string
			for j := 0; j < 2+rng.IntN(4); j++ {
				ws := lang.Terms(b.Sentences[rng.IntN(len(b.Sentences))].Text)
				if len(ws) > 0 {
					q = append(q, ws[rng.IntN(len(ws))])
				}
			}
			if i%3 == 0 {
				q = append(q, "zorquaxel")
			}
			queries = append(queries, q)
		}
		var covered, byWeight, byPostings int
		for _, q := range queries {
			all := scan.Search(q, len(b.Sentences), nil)
			for _, share := range []float64{0.25, 0.6, 0.9, 1} {
				want := slices.ContainsFunc(all, func(h index.Hit) bool { return h.Coverage >= share })
				restore := index.SetCoverPostings(1 << 30)
				exact := b.Covers(q, share)
				index.SetCoverPostings(0)
				quick := b.Covers(q, share)
				restore()
				if exact != want || !quick && want {
					t.Fatalf("%s: Covers(%q, %v) = %v (%v reading no posting), want %v", name, q, share, exact, quick, want)
				}
				switch {
				case want:
					covered++
				case !quick:
					byWeight++ // the query's terms weigh too little
				default:
					byPostings++ // no release holds enough of them
				}
			}
		}
		if covered == 0 || byWeight == 0 || byPostings == 0 {
			t.Errorf("%s: %d covered, %d not by weight, %d not by postings", name, covered, byWeight, byPostings)
		}
	}
}

// newScan is index.NewScan over the sentences of b.
func newScan(b *knowledge.Base) *index.Scan {
	texts, docs := make([]string, len(b.Sentences)), make([]int, len(b.Sentences))
	for i, s := range b.Sentences {
		texts[i], docs[i] = s.Text, s.Doc
	}
	return index.NewScan(b.Index(), texts, docs)
}
