package knowledge

import (
	"cmp"
	"math"
	"slices"
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
	// dpost lists, per term, the releases holding it (query.pruned);
	// docStart[d] is the first sentence of release d (docStart[len] the
	// sentence count).
	dpost    map[string]docList
	docStart []int32
	// pool holds searchScratch values sized for this index.
	pool sync.Pool
}

// posting is a sentence holding a term and how often it holds it, in
// four bytes: the sentence number above tfBits bits of term frequency
// (capped at maxTF, where BM25 has long saturated).
type posting uint32

const (
	tfBits = 4
	maxTF  = 1<<tfBits - 1
	// maxIndexed is the number of sentences the index can hold (2^28).
	maxIndexed = 1 << (32 - tfBits)
)

func newPosting(s int32, tf int) posting { return posting(uint32(s)<<tfBits | uint32(min(tf, maxTF))) }

// sent is the posting's sentence.
func (p posting) sent() int32 { return int32(uint32(p) >> tfBits) }

// tf is how often the sentence holds the term (at most maxTF).
func (p posting) tf() float64 { return float64(p & maxTF) }

// docPosting is a release holding a term, in four bytes: the release
// number above eight bits that bound what the term can add to the score
// of one of its sentences, per unit of weight (its largest BM25 factor
// tf*(k1+1)/(tf+norm) in a sentence, or the bonus if that is more), in
// steps of cStep, rounded up.
type docPosting uint32

// cStep is the unit of docPosting bounds: factors are below k1+1 = 2.2.
const cStep = 2.2 / 255

// maxDocs is the number of releases docPostings can number (2^24); a
// larger index ranks without them.
const maxDocs = 1 << 24

// doc is the posting's release.
func (p docPosting) doc() int32 { return int32(uint32(p) >> 8) }

// c is the posting's bound.
func (p docPosting) c() float32 { return float32(p&0xff) * cStep }

// docList is a term's release postings and their largest bound.
type docList struct {
	ps  []docPosting
	max float32
}

// boundStep returns the number of cSteps that bounds factor f from above.
func boundStep(f float64) uint32 {
	q := min(uint32(math.Ceil(f/cStep)), 255)
	for q < 255 && float64(float32(q)*cStep) < f {
		q++
	}
	return q
}

// bonusFactor is the share of a term's weight a sentence gains when the
// term is found elsewhere in its release (see query.rankInto).
const bonusFactor = 0.35

func newIndex() *Index { return &Index{post: map[string][]posting{}} }

// setLen records that sentence s has n terms, or reports false when s
// cannot be indexed (beyond maxIndexed).
func (x *Index) setLen(s int32, n int) bool {
	if s < 0 || s >= maxIndexed {
		return false
	}
	for int(s) >= len(x.lens) {
		x.lens = append(x.lens, 0)
	}
	x.lens[s] = uint16(min(n, math.MaxUint16))
	return true
}

// finish computes the length norms and the release postings, given each
// sentence's release (sentences of a release are consecutive, releases in
// order) and the number of releases.
func (x *Index) finish(sentDoc []int32, docs int) {
	n := len(sentDoc)
	x.n = n
	x.sentDoc = sentDoc
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
	x.docStart = make([]int32, docs+1)
	for d := range x.docStart {
		x.docStart[d] = int32(n)
	}
	for s := n - 1; s >= 0; s-- {
		x.docStart[sentDoc[s]] = int32(s)
	}
	for d := docs - 1; d >= 0; d-- {
		x.docStart[d] = min(x.docStart[d], x.docStart[d+1])
	}
	if docs >= maxDocs {
		return
	}
	x.dpost = make(map[string]docList, len(x.post))
	for t, post := range x.post {
		// one exact allocation per term: count its releases first
		n, last := 0, int32(-1)
		for _, p := range post {
			if d := sentDoc[p.sent()]; d != last {
				n, last = n+1, d
			}
		}
		dl := docList{ps: make([]docPosting, 0, n)}
		for _, p := range post {
			tf, s := p.tf(), p.sent()
			q := boundStep(max(tf*(k1+1)/(tf+x.norm[s]), bonusFactor))
			d := sentDoc[s]
			if n := len(dl.ps); n > 0 && dl.ps[n-1].doc() == d {
				dl.ps[n-1] = docPosting(uint32(d)<<8 | max(q, uint32(dl.ps[n-1]&0xff)))
			} else {
				dl.ps = append(dl.ps, docPosting(uint32(d)<<8|q))
			}
			dl.max = max(dl.max, dl.ps[len(dl.ps)-1].c())
		}
		x.dpost[t] = dl
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
	q := b.newQuery(terms, k)
	if q == nil {
		return nil
	}
	x := b.index
	sc := x.scratch(len(b.Docs))
	defer x.pool.Put(sc)
	postings := 0
	for _, t := range q.qs {
		postings += len(x.post[t])
	}
	var hits []Hit
	if postings >= prunePostings && x.dpost != nil {
		hits = q.pruned(sc)
	} else {
		hits = q.rank(sc)
	}
	return bestFirst(hits, k)
}

// SearchDocs ranks like Search, but only the sentences of the given
// releases (in any order; unknown ones are ignored): it returns the best
// k of them, with the scores Search gives them. Its cost follows the
// size of those releases, not of the base.
func (b *Base) SearchDocs(terms []string, k int, docs []int) []Hit {
	q := b.newQuery(terms, k)
	if q == nil || len(docs) == 0 {
		return nil
	}
	x := b.index
	sc := x.scratch(len(b.Docs))
	defer x.pool.Put(sc)
	ds := sc.batch[:0]
	for _, d := range docs {
		if d >= 0 && d < len(b.Docs) && d < len(x.docStart)-1 {
			ds = append(ds, int32(d))
		}
	}
	slices.Sort(ds)
	ds = slices.Compact(ds)
	top := hitHeap(make([]Hit, 0, min(k, 64)))
	q.rankDocs(sc, ds, &top)
	sc.batch = ds[:0]
	return bestFirst(top, k)
}

// bestFirst sorts hits best first and keeps the first k.
func bestFirst(hits []Hit, k int) []Hit {
	sort.Slice(hits, func(i, j int) bool { return better(hits[i], hits[j]) })
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits
}

// newQuery prepares a ranking of the best k sentences for the query terms
// (the first 64 distinct ones), or returns nil when there is nothing to
// rank.
func (b *Base) newQuery(terms []string, k int) *query {
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
	return &query{b: b, qs: qs, idf: idf, total: total, k: k, table: table, weightOf: weightOf}
}

// prunePostings is how many postings a query must touch before it is
// ranked release by release, best bound first (query.pruned).
var prunePostings = 20_000

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

// rank scores every sentence holding a query term and returns the best k,
// unordered.
func (q *query) rank(sc *searchScratch) []Hit {
	x := q.b.index
	for i, t := range q.qs {
		q.accumulate(sc, i, x.post[t], 0, math.MaxInt32)
	}
	top := hitHeap(make([]Hit, 0, min(q.k, 64)))
	q.collect(sc, &top)
	return top
}

// accumulate adds query term i's postings post[j:] of sentences before hi
// to the sentence accumulators and returns where it stopped.
func (q *query) accumulate(sc *searchScratch, i int, post []posting, j int, hi int32) int {
	const k1 = 1.2
	norm, acc := q.b.index.norm, sc.acc
	bit := uint64(1) << i
	w := q.idf[i]
	for ; j < len(post); j++ {
		p := post[j]
		s := p.sent()
		if s >= hi {
			break
		}
		tf := p.tf()
		a := &acc[s]
		if a.bits == 0 {
			sc.touched = append(sc.touched, s)
		}
		a.score += w * tf * (k1 + 1) / (tf + norm[s])
		a.bits |= bit
	}
	return j
}

// collect turns the accumulated sentences into hits, keeps the best k of
// them and of those already in top, and resets what was touched.
func (q *query) collect(sc *searchScratch, top *hitHeap) {
	x := q.b.index
	acc, docBits := sc.acc, sc.docBits
	// a release holds the query terms its sentences hold
	for _, s := range sc.touched {
		d := x.sentDoc[s]
		if docBits[d] == 0 {
			sc.touchedDocs = append(sc.touchedDocs, d)
		}
		docBits[d] |= acc[s].bits
	}
	// keep the best k in a heap whose root is the worst kept hit
	k := q.k
	for _, s := range sc.touched {
		db := docBits[x.sentDoc[s]]
		a := acc[s]
		h := Hit{Sentence: int(s), Score: a.score + bonusFactor*q.weight(db&^a.bits)}
		if len(*top) == k && !better(h, (*top)[0]) {
			continue
		}
		if q.total > 0 {
			h.Coverage = q.weight(db|a.bits) / q.total
			h.SentenceCoverage = q.weight(a.bits) / q.total
		}
		if len(*top) < k {
			top.push(h)
		} else {
			(*top)[0] = h
			top.down(0)
		}
	}
	for _, s := range sc.touched {
		acc[s] = sentAcc{}
	}
	for _, d := range sc.touchedDocs {
		docBits[d] = 0
	}
	sc.touched, sc.touchedDocs = sc.touched[:0], sc.touchedDocs[:0]
}

// rankDocs scores the sentences of the given releases (in increasing
// order) and keeps the best k of them and of those already in top. Each
// sentence's score is summed in the same order as rank sums it, so both
// give the same hits.
func (q *query) rankDocs(sc *searchScratch, ds []int32, top *hitHeap) {
	x := q.b.index
	for i, t := range q.qs {
		post := x.post[t]
		j := 0
		for _, d := range ds {
			j = gallop(post, j, x.docStart[d])
			j = q.accumulate(sc, i, post, j, x.docStart[d+1])
		}
	}
	q.collect(sc, top)
}

// pruned ranks like rank, but release by release (MaxScore over release
// postings). A release's score is bounded by the sum, over the query
// terms it holds, of the term's weight times its largest factor there
// (its best BM25 factor in one of the release's sentences, or the bonus
// for a term found elsewhere in the release). Terms are added to the
// bounds heaviest first; once the releases scored so far beat what the
// terms not yet added could give a release, releases holding none of the
// terms added so far are out. The rest are scored in order of their
// bounds, and scoring stops when the worst of the best k beats every
// bound left. The hits are exactly those of rank; common terms cost one
// pass over their releases at most, instead of their sentences.
func (q *query) pruned(sc *searchScratch) []Hit {
	x := q.b.index
	type qterm struct {
		ps    []docPosting
		w, ub float64
	}
	ts := make([]qterm, 0, len(q.qs))
	for i, t := range q.qs {
		if dl := x.dpost[t]; len(dl.ps) > 0 {
			ts = append(ts, qterm{dl.ps, q.idf[i], q.idf[i] * float64(dl.max)})
		}
	}
	slices.SortStableFunc(ts, func(a, b qterm) int { return cmp.Compare(b.ub, a.ub) })
	restOf := func(ts []qterm) float64 {
		r := 0.0
		for _, t := range ts {
			r += t.ub
		}
		return r
	}
	top := hitHeap(make([]Hit, 0, min(q.k, 64)))
	theta := func() float64 {
		if len(top) < q.k {
			return math.Inf(-1)
		}
		return top[0].Score
	}
	// bound is a release's bound with room for rounding (bounds are summed
	// in float32 and in another order than scores)
	ub := sc.ub
	bound := func(v float32, rest float64) float64 { return (float64(v)+rest)*(1+1e-5) + 1e-9 }
	docs := sc.docs[:0]
	j, added := 0, 0.0
	for j < len(ts) {
		t := ts[j]
		w := float32(t.w)
		for _, p := range t.ps {
			d := p.doc()
			v := ub[d]
			if v < 0 {
				continue // scored already
			}
			if v == 0 {
				docs = append(docs, d)
			}
			ub[d] = v + w*p.c()
		}
		added += t.ub
		j++
		rest := restOf(ts[j:])
		if j == len(ts) || bound(0, rest) < theta() {
			break
		}
		if added >= rest {
			// the best releases so far give a k-th score to beat
			q.scoreBest(sc, docs, q.k, &top)
			if bound(0, rest) < theta() {
				break
			}
		}
	}
	late := ts[j:]
	rest := restOf(late)
	lateLen := 0
	for _, t := range late {
		lateLen += len(t.ps)
	}
	cand := sc.cand[:0]
	for _, d := range docs {
		if v := ub[d]; v > 0 && bound(v, rest) >= theta() {
			cand = append(cand, d)
		}
	}
	switch {
	case len(late) == 0 || len(cand) == 0:
	case len(cand)*len(late)*16 > lateLen:
		// exact bounds for the terms not added, from one pass over them
		// (releases holding none of the terms added are out)
		for _, t := range late {
			w := float32(t.w)
			for _, p := range t.ps {
				if d := p.doc(); ub[d] > 0 {
					ub[d] += w * p.c()
				}
			}
		}
		rest = 0
	default:
		// exact bounds for the terms not added, looked up per release
		slices.Sort(cand)
		for _, t := range late {
			w, k := float32(t.w), 0
			for _, d := range cand {
				k = gallop(t.ps, k, d)
				if k < len(t.ps) && t.ps[k].doc() == d {
					ub[d] += w * t.ps[k].c()
				}
			}
		}
		rest = 0
	}
	size := max(2*q.k, 32)
	for len(cand) > 0 {
		if th := theta(); th > math.Inf(-1) {
			kept := cand[:0]
			for _, d := range cand {
				if bound(ub[d], rest) >= th {
					kept = append(kept, d)
				}
			}
			cand = kept
		}
		n := frontByBound(cand, ub, size)
		q.scoreDocs(sc, cand[:n], &top)
		cand = cand[n:]
		size *= 2
	}
	for _, d := range docs {
		ub[d] = 0
	}
	sc.docs, sc.cand = docs[:0], cand[:0]
	return top
}

// scoreBest scores the (about) m releases of ds not scored yet with the
// highest bounds.
func (q *query) scoreBest(sc *searchScratch, ds []int32, m int, top *hitHeap) {
	cand := sc.cand[:0]
	for _, d := range ds {
		if sc.ub[d] > 0 {
			cand = append(cand, d)
		}
	}
	n := frontByBound(cand, sc.ub, m)
	q.scoreDocs(sc, cand[:n], top)
	sc.cand = cand[:0]
}

// scoreDocs scores the given releases and marks them scored. It reorders
// ds.
func (q *query) scoreDocs(sc *searchScratch, ds []int32, top *hitHeap) {
	batch := append(sc.batch[:0], ds...)
	slices.Sort(batch)
	q.rankDocs(sc, batch, top)
	for _, d := range batch {
		sc.ub[d] = -1
	}
	sc.batch = batch[:0]
}

// frontByBound moves the (about) m releases with the highest bounds to the
// front of ds and returns how many it moved.
func frontByBound(ds []int32, ub []float32, m int) int {
	if len(ds) <= m {
		return len(ds)
	}
	// the m-th highest bound, from a min-heap of the best m seen
	h := make([]float32, 0, m)
	for _, d := range ds {
		v := ub[d]
		if len(h) < m {
			h = append(h, v)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if h[p] <= h[i] {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
			continue
		}
		if v <= h[0] {
			continue
		}
		h[0] = v
		for i := 0; ; {
			l, w := 2*i+1, i
			if l < len(h) && h[l] < h[w] {
				w = l
			}
			if r := l + 1; r < len(h) && h[r] < h[w] {
				w = r
			}
			if w == i {
				break
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	cut, n := h[0], 0
	for i, d := range ds {
		if ub[d] >= cut {
			ds[i], ds[n] = ds[n], ds[i]
			n++
		}
	}
	return n
}

// keyed is a posting ordered by a sentence or release number.
type keyed interface{ key() int32 }

func (p posting) key() int32    { return p.sent() }
func (p docPosting) key() int32 { return p.doc() }

// lowerBound returns the index of the first posting whose key is v or
// more (len(xs) if none).
func lowerBound[T keyed](xs []T, v int32) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if xs[m].key() < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// gallop is lowerBound searching from j on, in steps that double: cheap
// when the answer is near j.
func gallop[T keyed](xs []T, j int, v int32) int {
	if j >= len(xs) || xs[j].key() >= v {
		return j
	}
	lo, step := j, 1 // xs[lo] < v
	hi := lo + step
	for hi < len(xs) && xs[hi].key() < v {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(xs))
	return lo + 1 + lowerBound(xs[lo+1:hi], v)
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
	// touched and touchedDocs are the sentences and releases a ranking
	// touched
	touched     []int32
	touchedDocs []int32
	// ub is each release's score bound (negative once it is scored), docs
	// the releases it is set for, and cand and batch the releases still
	// to consider and those being scored (query.pruned)
	ub                []float32
	docs, cand, batch []int32
}

func (x *Index) scratch(docs int) *searchScratch {
	if v, ok := x.pool.Get().(*searchScratch); ok && len(v.acc) == len(x.lens) && len(v.docBits) == docs {
		return v
	}
	return &searchScratch{acc: make([]sentAcc, len(x.lens)), docBits: make([]uint64, docs), ub: make([]float32, docs)}
}
