package knowledge

import (
	"math"
	"runtime"
	"sort"
	"sync"
)

// Index is an inverted index of sentence terms for BM25 ranking. Queries
// touch only the postings of their own terms, never every document.
type Index struct {
	post map[string][]posting
	lens []uint16
	avg  float64
	n    int
	// norm is each sentence's BM25 length normalisation,
	// k1*(1-b+b*len/avg), and sentDoc its release, for the ranking loop.
	norm    []float64
	sentDoc []int32
	// pool holds searchScratch values sized for this index.
	pool sync.Pool
}

type posting struct {
	s  int32
	tf uint16
}

func newIndex() *Index { return &Index{post: map[string][]posting{}} }

func (x *Index) add(s int32, terms []string) {
	for int(s) >= len(x.lens) {
		x.lens = append(x.lens, 0)
	}
	x.lens[s] = uint16(min(len(terms), math.MaxUint16))
	for i, t := range terms {
		dup := false
		for _, u := range terms[:i] {
			if u == t {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		tf := 0
		for _, u := range terms[i:] {
			if u == t {
				tf++
			}
		}
		x.post[t] = append(x.post[t], posting{s: s, tf: uint16(min(tf, math.MaxUint16))})
	}
}

func (x *Index) finish(n int) {
	x.n = n
	total := 0
	for _, l := range x.lens {
		total += int(l)
	}
	if n > 0 {
		x.avg = float64(total) / float64(n)
	}
	const k1, bb = 1.2, 0.75
	x.norm = make([]float64, len(x.lens))
	for s, l := range x.lens {
		x.norm[s] = k1 * (1 - bb + bb*float64(l)/x.avg)
	}
}

// Has reports whether any sentence holds the term.
func (x *Index) Has(term string) bool { return len(x.post[term]) > 0 }

// IDF is the term's inverse document frequency over sentences.
func (x *Index) IDF(term string) float64 {
	df := float64(len(x.post[term]))
	return math.Log(1 + (float64(x.n)-df+0.5)/(df+0.5))
}

// unseenWeight is the weight a query term found in no sentence carries in
// Coverage: that of a fairly common word, since most such terms are
// ordinary words the releases happen not to use ("roughly", "kinds").
const unseenWeight = 3.0

// Hit is a sentence ranked for a query.
type Hit struct {
	// Sentence indexes Base.Sentences.
	Sentence int
	// Score is the BM25 score of the sentence plus a bonus for query terms
	// found elsewhere in its release.
	Score float64
	// Coverage is the IDF-weighted share (0..1) of the query's terms found
	// in the sentence or its release.
	Coverage float64
	// SentenceCoverage is the same share counting the sentence alone.
	SentenceCoverage float64
}

// Search ranks sentences for the query terms (as Terms returns them) and
// returns the best k, best first.
func (b *Base) Search(terms []string, k int) []Hit {
	x := b.index
	if x == nil || x.n == 0 || len(terms) == 0 || k <= 0 {
		return nil
	}
	var qs []string
	seen := map[string]bool{}
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			qs = append(qs, t)
		}
	}
	if len(qs) > 64 {
		qs = qs[:64]
	}
	idf := make([]float64, len(qs))
	total := 0.0
	for i, t := range qs {
		idf[i] = x.IDF(t)
		if !x.Has(t) {
			idf[i] = min(idf[i], unseenWeight)
		}
		total += idf[i]
	}
	weightOf := func(bits uint64) float64 {
		w := 0.0
		for i := range qs {
			if bits&(1<<i) != 0 {
				w += idf[i]
			}
		}
		return w
	}
	// the weights of every term subset, when there are few terms
	var table []float64
	if len(qs) <= 10 {
		table = make([]float64, 1<<len(qs))
		for bits := range table {
			table[bits] = weightOf(uint64(bits))
		}
	}
	q := &query{b: b, qs: qs, idf: idf, total: total, k: k, table: table, weightOf: weightOf}
	sc := x.scratch(len(b.Docs))
	defer x.pool.Put(sc)
	postings := 0
	for _, t := range qs {
		postings += len(x.post[t])
	}
	var hits []Hit
	if mid := b.splitPoint(); postings >= parallelPostings && mid > 0 && runtime.GOMAXPROCS(0) > 1 {
		// Long posting lists are ranked on two cores: sentences before and
		// from mid (a release boundary) touch disjoint parts of the
		// accumulators, and the best k of both halves are the best k.
		var other []Hit
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			other = q.rank(sc, &sc.half, mid, int32(len(x.lens)))
		}()
		hits = q.rank(sc, &sc.whole, 0, mid)
		wg.Wait()
		hits = append(hits, other...)
	} else {
		hits = q.rank(sc, &sc.whole, 0, int32(len(x.lens)))
	}
	sort.Slice(hits, func(i, j int) bool { return better(hits[i], hits[j]) })
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits
}

// parallelPostings is how many postings a query must touch before its
// ranking is split across two cores.
var parallelPostings = 50_000

// splitPoint is the first sentence of the release holding the middle
// sentence, or 0.
func (b *Base) splitPoint() int32 {
	if len(b.Sentences) < 2 {
		return 0
	}
	d := b.Docs[b.Sentences[len(b.Sentences)/2].Doc]
	if len(d.Sentences) == 0 {
		return 0
	}
	return int32(d.Sentences[0])
}

// query is one ranking's terms and weights.
type query struct {
	b        *Base
	qs       []string
	idf      []float64
	total    float64
	k        int
	table    []float64 // weight of every term subset, or nil
	weightOf func(bits uint64) float64
}

func (q *query) weight(bits uint64) float64 {
	if q.table != nil {
		return q.table[bits]
	}
	return q.weightOf(bits)
}

// rank scores the sentences in [lo, hi) (whole releases) and returns the
// best k of them, unordered. It uses the scratch's accumulators in that
// range only and the given touched lists, and resets what it touched.
func (q *query) rank(sc *searchScratch, tl *touchLists, lo, hi int32) []Hit {
	const k1 = 1.2
	x := q.b.index
	norm, acc, docBits := x.norm, sc.acc, sc.docBits
	for i, t := range q.qs {
		bit := uint64(1) << i
		w := q.idf[i]
		post := x.post[t]
		if lo > 0 || hi < int32(len(x.lens)) {
			post = post[searchPostings(post, lo):searchPostings(post, hi)]
		}
		for _, p := range post {
			tf := float64(p.tf)
			a := &acc[p.s]
			if a.bits == 0 {
				tl.touched = append(tl.touched, p.s)
			}
			a.score += w * tf * (k1 + 1) / (tf + norm[p.s])
			a.bits |= bit
		}
	}
	// a release holds the query terms its sentences hold
	for _, s := range tl.touched {
		d := x.sentDoc[s]
		if docBits[d] == 0 {
			tl.touchedDocs = append(tl.touchedDocs, d)
		}
		docBits[d] |= acc[s].bits
	}
	// keep the best k in a heap whose root is the worst kept hit
	k := q.k
	top := hitHeap(make([]Hit, 0, min(k, len(tl.touched))))
	for _, s := range tl.touched {
		db := docBits[x.sentDoc[s]]
		a := acc[s]
		h := Hit{Sentence: int(s), Score: a.score + 0.35*q.weight(db&^a.bits)}
		if len(top) == k && !better(h, top[0]) {
			continue
		}
		if q.total > 0 {
			h.Coverage = q.weight(db|a.bits) / q.total
			h.SentenceCoverage = q.weight(a.bits) / q.total
		}
		if len(top) < k {
			top.push(h)
		} else {
			top[0] = h
			top.down(0)
		}
	}
	for _, s := range tl.touched {
		acc[s] = sentAcc{}
	}
	for _, d := range tl.touchedDocs {
		docBits[d] = 0
	}
	tl.touched, tl.touchedDocs = tl.touched[:0], tl.touchedDocs[:0]
	return top
}

// searchPostings returns the index of the first posting of sentence s or
// later.
func searchPostings(post []posting, s int32) int {
	lo, hi := 0, len(post)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if post[m].s < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// better orders hits: higher score first, then earlier sentence.
func better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Sentence < b.Sentence
}

// hitHeap is a heap of hits whose root is the worst (by better).
type hitHeap []Hit

func (h *hitHeap) push(x Hit) {
	*h = append(*h, x)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !better(s[p], s[i]) {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h hitHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		w := l
		if r := l + 1; r < len(h) && better(h[l], h[r]) {
			w = r
		}
		if !better(h[i], h[w]) {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// sentAcc is a sentence's BM25 score so far and the query terms it holds.
type sentAcc struct {
	score float64
	bits  uint64
}

// searchScratch holds a query's per-sentence and per-release accumulators,
// reused across queries; only touched entries are reset.
type searchScratch struct {
	acc     []sentAcc
	docBits []uint64
	// whole and half list what each ranking goroutine touched
	whole, half touchLists
}

// touchLists are the sentences and releases a ranking touched.
type touchLists struct {
	touched     []int32
	touchedDocs []int32
}

func (x *Index) scratch(docs int) *searchScratch {
	if v, ok := x.pool.Get().(*searchScratch); ok && len(v.acc) == len(x.lens) && len(v.docBits) == docs {
		return v
	}
	return &searchScratch{acc: make([]sentAcc, len(x.lens)), docBits: make([]uint64, docs)}
}
