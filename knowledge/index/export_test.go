package index

import (
	"cmp"
	"liaison/knowledge/lang"
	"math"
	"slices"
	"sort"
)

// SetPrunePostings sets how many postings a query must touch before it is
// ranked release by release, and returns a function that restores the
// previous value. Tests use it to compare the ranking paths.
func SetPrunePostings(n int) (restore func()) {
	p := prunePostings
	prunePostings = n
	return func() { prunePostings = p }
}

// SetCoverPostings sets how many release postings Covers reads at most
// before it reports true, and returns a function that restores the
// previous value. Tests use it to check Covers exactly and when it gives
// up.
func SetCoverPostings(n int) (restore func()) {
	p := coverPostings
	coverPostings = n
	return func() { coverPostings = p }
}

// Scan ranks sentences by the definition of Search, from every
// sentence's text rather than from the index's postings and bounds: the
// reference Search and SearchDocs are checked against.
type Scan struct {
	x    *Index
	docs []int // each sentence's release
	// tfs are each sentence's terms and counts (capped as postings cap
	// them), lens its term count
	tfs  []map[string]int
	lens []int
}

// NewScan counts the terms of every sentence of an index's base: texts
// are the sentences, docs their releases.
func NewScan(x *Index, texts []string, docs []int) *Scan {
	sc := &Scan{x: x, docs: docs}
	for _, text := range texts {
		ts := lang.Terms(text)
		m := map[string]int{}
		for _, t := range ts {
			m[t] = min(m[t]+1, maxTF)
		}
		sc.tfs = append(sc.tfs, m)
		sc.lens = append(sc.lens, min(len(ts), math.MaxUint16))
	}
	return sc
}

// Search returns the best k sentences of the releases in docs (of all
// when docs is nil) for the query terms. A sentence holding a query term
// scores, for each query term its release holds, the term's weight (its
// IDF) times its BM25 factor in the sentence, or times bonusFactor when
// only another sentence of the release holds it; the terms are summed
// heaviest first, by weight times their largest release bound (the least
// of Index.factors at least as large as the factor, and as bonusFactor),
// as the index sums them.
func (sc *Scan) Search(terms []string, k int, docs []int) []Hit {
	x := sc.x
	var qs []string
	for _, t := range terms {
		if len(qs) < 64 && !slices.Contains(qs, t) {
			qs = append(qs, t)
		}
	}
	w := make([]float64, len(qs))
	total := 0.0
	for i, t := range qs {
		w[i] = x.IDF(t)
		if !x.Has(t) {
			w[i] = min(w[i], unseenWeight)
		}
		total += w[i]
	}
	weight := func(set uint64) float64 {
		s := 0.0
		for i := range qs {
			if set&(1<<i) != 0 {
				s += w[i]
			}
		}
		return s
	}
	// each term's largest bound, and what each release holds
	best := make([]float64, len(qs))
	held := map[int]uint64{}
	for s, tf := range sc.tfs {
		for i, t := range qs {
			if n := tf[t]; n > 0 {
				f := max(factor(float64(n), x.normOf(uint16(sc.lens[s]))), bonusFactor)
				best[i] = max(best[i], x.factors[sort.SearchFloat64s(x.factors, f)])
				held[sc.docs[s]] |= 1 << i
			}
		}
	}
	var order []int
	for i := range qs {
		if best[i] > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(w[j]*best[j], w[i]*best[i]) })
	in := map[int]bool{}
	for _, d := range docs {
		in[d] = true
	}
	var hits []Hit
	for s, tf := range sc.tfs {
		d := sc.docs[s]
		if docs != nil && !in[d] {
			continue
		}
		var has uint64
		for i, t := range qs {
			if tf[t] > 0 {
				has |= 1 << i
			}
		}
		if has == 0 {
			continue
		}
		h := Hit{Sentence: s}
		for _, i := range order {
			switch {
			case has&(1<<i) != 0:
				h.Score += float64(w[i] * factor(float64(tf[qs[i]]), x.normOf(uint16(sc.lens[s]))))
			case held[d]&(1<<i) != 0:
				h.Score += float64(w[i] * bonusFactor)
			}
		}
		if total > 0 {
			h.Coverage = weight(held[d]) / total
			h.SentenceCoverage = weight(has) / total
		}
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool { return better(hits[i], hits[j]) })
	return hits[:min(k, len(hits))]
}

// SearchScored ranks like Search and also returns how many releases the
// ranking scored sentence by sentence.
func SearchScored(x *Index, terms []string, k int) ([]Hit, int) {
	sc := x.scratch(x.docs())
	defer x.pool.Put(sc)
	q := x.newQuery(sc, terms, k)
	if q == nil {
		return nil, 0
	}
	sc.scored = 0
	q.pruned(sc)
	return bestFirst(sc.top, k), sc.scored
}
