package knowledge_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/knowledge"
)

// TestSearchPathsAgree checks that ranking release by release (pruned by
// score bounds) returns exactly the hits of an exhaustive ranking, on real releases and on a generated corpus, for
// benchmark questions and for random term sets drawn from sentences.
func TestSearchPathsAgree(t *testing.T) {
	const n = 1500
	g := benchcorpus.NewGen(benchcorpus.Options{N: n, Seed: 7})
	bl := knowledge.NewBuilder()
	truth := benchcorpus.Truth{N: n, Seed: 7, People: g.People()}
	for i := 0; i < n; i++ {
		text, r := g.Release(i)
		bl.Add(r.File, []byte(text))
		truth.Releases = append(truth.Releases, r)
	}
	generated := bl.Build()
	real, _, err := knowledge.LoadDir(context.Background(), "../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	qs := benchcorpus.Questions(&truth, 40, 7)
	if len(qs) < 100 {
		t.Fatalf("only %d benchmark questions", len(qs))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for name, b := range map[string]*knowledge.Base{"generated": generated, "real": real} {
		var queries [][]string
		for _, q := range qs {
			queries = append(queries, knowledge.Terms(q.Text))
		}
		for i := 0; i < 300; i++ {
			ws := knowledge.Terms(b.Sentences[rng.IntN(len(b.Sentences))].Text)
			rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
			queries = append(queries, ws[:min(len(ws), 1+rng.IntN(9))])
		}
		pruned := 0
		for _, q := range queries {
			for _, k := range []int{1, 5, 24, 200} {
				restore := knowledge.SetPrunePostings(1 << 30)
				want := fmt.Sprint(b.Search(q, k))
				knowledge.SetPrunePostings(0)
				got := fmt.Sprint(b.Search(q, k))
				restore()
				if got != want {
					t.Fatalf("%s: pruned ranking of %v (k=%d):\n got %s\nwant %s", name, q, k, got, want)
				}
				if want != "[]" {
					pruned++
				}
			}
		}
		if pruned < len(queries) {
			t.Fatalf("%s: only %d of %d rankings found anything", name, pruned, 4*len(queries))
		}
	}
}
