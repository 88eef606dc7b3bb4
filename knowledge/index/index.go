package index

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// Index is an inverted index of sentence terms for BM25 ranking. Queries
// touch only the postings of their own terms, never every document.
type Index struct {
	post map[string][]Posting
	lens []uint16
	avg  float64
	n    int
	// sentDoc is each sentence's release, and shortFactors the factor of
	// each (tf, length) pair of length below shortLen, at
	// tf*shortLen+length, for the ranking loop.
	sentDoc      []int32
	shortFactors []float64
	// dpost lists, per term, the releases holding it (query.pruned);
	// docStart[d] is the first sentence of release d (docStart[len] the
	// sentence count).
	dpost    map[string]docList
	docStart []int32
	// factors are the values the codes of docPostings stand for,
	// ascending.
	factors []float64
	// pool holds searchScratch values sized for this index.
	pool sync.Pool
}

// Posting is a sentence holding a term and how often it holds it, in
// four bytes: the sentence number above tfBits bits of term frequency
// (capped at maxTF, where BM25 has long saturated).
type Posting uint32

const (
	tfBits = 4
	maxTF  = 1<<tfBits - 1
	// maxIndexed is the number of sentences the index can hold (2^28).
	maxIndexed = 1 << (32 - tfBits)
)

func newPosting(s int32, tf int) Posting { return Posting(uint32(s)<<tfBits | uint32(min(tf, maxTF))) }

// sent is the posting's sentence.
func (p Posting) sent() int32 { return int32(uint32(p) >> tfBits) }

// tf is how often the sentence holds the term (at most maxTF).
func (p Posting) tf() float64 { return float64(p & maxTF) }

// BM25's parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// normOf is the BM25 length normalisation of a sentence of l terms.
func (x *Index) normOf(l uint16) float64 {
	return bm25K1 * (1 - bm25B + bm25B*float64(l)/x.avg)
}

// factor is the BM25 factor of a term found tf times in a sentence of
// length normalisation norm; a term adds its weight times this to the
// sentence's score. Rankings and bounds compute it only here, so equal
// inputs give equal factors to the last bit.
func factor(tf, norm float64) float64 { return tf * (bm25K1 + 1) / (tf + norm) }

// shortLen bounds the sentence lengths Index.shortFactors holds.
const shortLen = 256

// factorOf is the factor of posting p of sentence s (factor, from a table
// for short sentences).
func (x *Index) factorOf(p Posting, s int32) float64 {
	tf, l := int(p&maxTF), int(x.lens[s])
	if l < shortLen {
		return x.shortFactors[tf*shortLen+l]
	}
	return factor(float64(tf), x.normOf(uint16(l)))
}

// docPosting is a release holding a term, in four bytes: the release
// number above an eight-bit code. The code's value in Index.factors is at
// least what the term can add to the score of one of the release's
// sentences, per unit of weight: the largest BM25 factor it has in one of
// them, or bonusFactor if that is more. For the (tf, length) pairs the
// factors table holds (in practice all of them) the value is that factor
// exactly, so a bound summed from the codes can equal a score exactly.
type docPosting uint32

// maxDocs is the number of releases docPostings can number (2^24); a
// larger index ranks without them.
const maxDocs = 1 << 24

// doc is the posting's release.
func (p docPosting) doc() int32 { return int32(uint32(p) >> 8) }

// code is the posting's code, an index of Index.factors.
func (p docPosting) code() uint8 { return uint8(p) }

// docList is a term's release postings and the largest factor of their
// codes.
type docList struct {
	ps  []docPosting
	max float64
}

// maxExactFactors is how many (tf, length) pairs at most have their own
// exact code; bonusFactor and the largest possible factor take two more.
const maxExactFactors = 254

// bonusFactor is the share of a term's weight a sentence gains when the
// term is found elsewhere in its release (see query.scoreDocs).
const bonusFactor = 0.35

// New returns an empty index.
func New() *Index { return &Index{post: map[string][]Posting{}} }

// docs is the number of releases the index was finished with.
func (x *Index) docs() int { return max(len(x.docStart)-1, 0) }

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

// Finish computes the factor tables and the release postings, given each
// sentence's release (sentences of a release are consecutive, releases in
// order) and the number of releases.
func (x *Index) Finish(sentDoc []int32, docs int) {
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
	x.shortFactors = make([]float64, (maxTF+1)*shortLen)
	for i := range x.shortFactors {
		x.shortFactors[i] = factor(float64(i/shortLen), x.normOf(uint16(i%shortLen)))
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
	codes, width := x.factorCodes()
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
		top := uint32(0)
		for _, p := range post {
			s := p.sent()
			q := uint32(codes[int(p&maxTF)*width+int(x.lens[s])])
			d := sentDoc[s]
			if n := len(dl.ps); n > 0 && dl.ps[n-1].doc() == d {
				dl.ps[n-1] = docPosting(uint32(d)<<8 | max(q, uint32(dl.ps[n-1].code())))
			} else {
				dl.ps = append(dl.ps, docPosting(uint32(d)<<8|q))
			}
			top = max(top, q)
		}
		dl.max = x.factors[top]
		x.dpost[t] = dl
	}
}

// factorCodes chooses Index.factors: bonusFactor, k1+1 (more than any
// factor) and the exact factors of the (tf, length) pairs the postings
// hold, the most frequent maxExactFactors of them if there are more. It
// returns the code of every pair, indexed by tf*width+length: the first
// factor at least as large as the pair's factor and bonusFactor.
func (x *Index) factorCodes() (codes []uint8, width int) {
	maxLen := 0
	for _, l := range x.lens {
		maxLen = max(maxLen, int(l))
	}
	width = maxLen + 1
	counts := make([]int32, (maxTF+1)*width)
	for _, post := range x.post {
		for _, p := range post {
			counts[int(p&maxTF)*width+int(x.lens[p.sent()])]++
		}
	}
	pairFactor := func(pair int) float64 {
		return factor(float64(pair/width), x.normOf(uint16(pair%width)))
	}
	var pairs []int
	for pair, c := range counts {
		if c > 0 && pairFactor(pair) > bonusFactor {
			pairs = append(pairs, pair)
		}
	}
	if len(pairs) > maxExactFactors {
		slices.SortStableFunc(pairs, func(a, b int) int { return cmp.Compare(counts[b], counts[a]) })
		pairs = pairs[:maxExactFactors]
	}
	fs := []float64{bonusFactor, bm25K1 + 1}
	for _, pair := range pairs {
		fs = append(fs, pairFactor(pair))
	}
	slices.Sort(fs)
	x.factors = slices.Compact(fs)
	codes = make([]uint8, len(counts))
	for pair, c := range counts {
		if c > 0 {
			codes[pair] = uint8(sort.SearchFloat64s(x.factors, max(pairFactor(pair), bonusFactor)))
		}
	}
	return codes, width
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
func (x *Index) Search(terms []string, k int) []Hit {
	if x == nil {
		return nil
	}
	sc := x.scratch(x.docs())
	defer x.pool.Put(sc)
	q := x.newQuery(sc, terms, k)
	if q == nil {
		return nil
	}
	postings := 0
	for _, t := range q.terms {
		postings += len(t.post)
	}
	if postings >= prunePostings && x.dpost != nil {
		q.pruned(sc)
	} else {
		q.rank(sc)
	}
	return bestFirst(sc.top, k)
}

// SearchDocs ranks like Search, but only the sentences of the given
// releases (in any order; unknown ones are ignored): it returns the best
// k of them, with the scores Search gives them. Its cost follows the
// number of those releases, not the size of the base.
func (x *Index) SearchDocs(terms []string, k int, docs []int) []Hit {
	if x == nil || len(docs) == 0 {
		return nil
	}
	sc := x.scratch(x.docs())
	defer x.pool.Put(sc)
	q := x.newQuery(sc, terms, k)
	if q == nil {
		return nil
	}
	ds := sc.cand[:0]
	for _, d := range docs {
		if d >= 0 && d < x.docs() {
			ds = append(ds, int32(d))
		}
	}
	slices.Sort(ds)
	ds = slices.Compact(ds)
	sc.cand = ds[:0]
	if x.dpost == nil || len(ds) <= k {
		q.scoreDocs(sc, ds, false)
		return bestFirst(sc.top, k)
	}
	// bounds, then the releases best bound first
	ub, fs, in := sc.ub, x.factors, sc.bitmap
	for _, d := range ds {
		in[d>>6] |= 1 << (d & 63)
	}
	for _, t := range q.terms {
		if len(ds)*16 > len(t.ps) {
			for _, p := range t.ps {
				if d := p.doc(); in[d>>6]&(1<<(d&63)) != 0 {
					ub[d] += float64(t.w * fs[p.code()])
				}
			}
			continue
		}
		t.addBoundsAt(ub, ds, fs)
	}
	all := append(sc.docs[:0], ds...)
	for _, d := range ds {
		in[d>>6] = 0
	}
	q.scoreByBound(sc, ds)
	for _, d := range all {
		ub[d] = 0
	}
	sc.docs = all[:0]
	return bestFirst(sc.top, k)
}

// Covers reports whether a hit of Search for the query terms can have a
// Coverage of share or more: whether some release holds query terms of
// that share of the query's weight. When it reports false, no hit can;
// when the releases to look at are too many to tell cheaply, it reports
// true. Its cost follows the releases holding the query's rarest terms,
// those a release must hold one of to reach share.
func (x *Index) Covers(terms []string, share float64) bool {
	if x == nil {
		return false
	}
	sc := x.scratch(x.docs())
	defer x.pool.Put(sc)
	q := x.newQuery(sc, terms, 1)
	if q == nil || q.total <= 0 {
		return q != nil && share <= 0 // Coverage is 0 then
	}
	if x.dpost == nil {
		return true
	}
	// below is below share with room for rounding (weights summed in
	// another order than Coverage sums them)
	below := func(set uint64) bool { return q.weight(set)/q.total < share*(1-1e-9) }
	var held uint64
	for _, t := range q.terms {
		held |= t.bit
	}
	if below(held) {
		return false
	}
	// the rarest terms, until those left weigh too little: a release
	// holding none of them is below share
	ts := slices.Clone(q.terms)
	slices.SortStableFunc(ts, func(a, b qterm) int { return cmp.Compare(len(a.ps), len(b.ps)) })
	rare, postings := 0, 0
	for rest := held; rare < len(ts) && !below(rest); rare++ {
		rest &^= ts[rare].bit
		if postings += len(ts[rare].ps); postings > coverPostings {
			return true
		}
	}
	cand := sc.docsOf(sc.cand[:0], ts[:rare])
	sc.cand = cand[:0]
	for _, d := range cand {
		var set uint64
		for _, t := range ts {
			if i := lowerBound(t.ps, atDoc(d)); i < len(t.ps) && t.ps[i].doc() == d {
				set |= t.bit
			}
		}
		if q.weight(set)/q.total >= share {
			return true
		}
	}
	return false
}

// coverPostings is how many release postings of its rarest terms Covers
// reads at most before it gives up and reports true.
var coverPostings = 1024

// bestFirst returns a sorted copy of the best k hits, best first.
func bestFirst(hits []Hit, k int) []Hit {
	if len(hits) == 0 {
		return nil
	}
	out := slices.Clone(hits)
	sort.Slice(out, func(i, j int) bool { return better(out[i], out[j]) })
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// newQuery prepares a ranking of the best k sentences for the query terms
// (the first 64 distinct ones) in sc, or returns nil when there is
// nothing to rank.
func (x *Index) newQuery(sc *searchScratch, terms []string, k int) *query {
	if x == nil || x.n == 0 || len(terms) == 0 || k <= 0 {
		return nil
	}
	q := &sc.q
	*q = query{x: x, k: k, qs: q.qs[:0], idf: q.idf[:0], terms: q.terms[:0]}
	for _, t := range terms {
		if len(q.qs) < 64 && !slices.Contains(q.qs, t) {
			q.qs = append(q.qs, t)
		}
	}
	for i, t := range q.qs {
		post := x.post[t]
		w := x.IDF(t)
		if len(post) == 0 {
			w = min(w, unseenWeight)
		}
		q.idf = append(q.idf, w)
		q.total += w
		if len(post) > 0 {
			dl := x.dpost[t]
			ub := w
			if x.dpost != nil {
				ub = w * dl.max
			}
			q.terms = append(q.terms, qterm{bit: 1 << i, post: post, ps: dl.ps, w: w, bonus: float64(w * bonusFactor), ub: ub})
		}
	}
	slices.SortStableFunc(q.terms, func(a, b qterm) int { return cmp.Compare(b.ub, a.ub) })
	sc.top = sc.top[:0]
	return q
}

// prunePostings is how many postings a query must touch before it is
// ranked release by release, best bound first (query.pruned).
var prunePostings = 20_000

// query is one ranking's terms and weights.
type query struct {
	x *Index
	// qs are the distinct query terms, idf their weights and total the
	// sum of those; sets of them are bits (1<<i for qs[i])
	qs    []string
	idf   []float64
	total float64
	k     int
	// terms are the query terms some sentence holds, heaviest first: the
	// order in which scores and bounds are summed
	terms []qterm
}

// qterm is a query term some sentence holds.
type qterm struct {
	bit  uint64
	post []Posting
	ps   []docPosting // nil without release postings
	// w is the term's weight, bonus what it adds to a sentence whose
	// release holds it elsewhere, and ub the most it can add to a score
	w, bonus, ub float64
}

// addBoundsAt adds to ub[d], for each release d of ds (in order), what
// t can add to a sentence of d, from t's release postings, factors fs:
// the postings are found by galloping, as ds is sorted.
func (t *qterm) addBoundsAt(ub []float64, ds []int32, fs []float64) {
	k := 0
	for _, d := range ds {
		if k = gallop(t.ps, k, atDoc(d)); k == len(t.ps) {
			return
		}
		if p := t.ps[k]; p.doc() == d {
			ub[d] += float64(t.w * fs[p.code()])
		}
	}
}

// weight is the summed weight of a set of the query's terms.
func (q *query) weight(set uint64) float64 {
	w := 0.0
	for set != 0 {
		i := bits.TrailingZeros64(set)
		w += q.idf[i]
		set &= set - 1
	}
	return w
}

// docsOf appends to ds each release that holds one of the terms, once,
// in the order first met, marking them in sc.bitmap, which it leaves
// clear.
func (sc *searchScratch) docsOf(ds []int32, ts []qterm) []int32 {
	in, from := sc.bitmap, len(ds)
	for _, t := range ts {
		for _, p := range t.ps {
			if d := p.doc(); in[d>>6]&(1<<(d&63)) == 0 {
				in[d>>6] |= 1 << (d & 63)
				ds = append(ds, d)
			}
		}
	}
	for _, d := range ds[from:] {
		in[d>>6] = 0
	}
	return ds
}

// rank scores every release holding a query term and keeps the best k
// sentences in sc.top.
func (q *query) rank(sc *searchScratch) {
	x := q.x
	ds := sc.cand[:0]
	if x.dpost != nil {
		ds = sc.docsOf(ds, q.terms)
	} else {
		for _, t := range q.terms {
			for _, p := range t.post {
				ds = append(ds, x.sentDoc[p.sent()])
			}
		}
	}
	slices.Sort(ds)
	ds = slices.Compact(ds)
	q.scoreDocs(sc, ds, false)
	sc.cand = ds[:0]
}

// scoreDocs scores the sentences of releases ds (in increasing order)
// that hold a query term, and keeps the best k of them and of those in
// sc.top. A sentence's score sums, over the query terms its release
// holds, in the order of query.terms, the term's weight times its BM25
// factor in the sentence, or times bonusFactor when only another
// sentence holds it. Bounds summed the same way from factors at least as
// large (as query.pruned sums them) are therefore never below a score,
// even by rounding. When bounded, sc.ub holds each release's complete
// bound, and a release stops being scored once no sentence of it can
// beat the worst kept hit.
func (q *query) scoreDocs(sc *searchScratch, ds []int32, bounded bool) {
	x := q.x
	nt := len(q.terms)
	cur := sc.cur[:nt]
	clear(cur)
	sc.scored += len(ds)
	for _, d := range ds {
		first, end := x.docStart[d], x.docStart[d+1]
		if end-first > 64 {
			q.scoreLong(sc, d)
			continue
		}
		// scores so far of the release's sentences holding a query term,
		// by offset: those in seen, has their terms; bonus is what the
		// terms so far give a sentence holding none of them, held the
		// terms the release holds
		part, has := &sc.part, &sc.partHas
		var seen, held uint64
		bonus := 0.0
		// rest bounds what the terms not looked up yet can add (the bound
		// less the best each term looked up could add)
		rest := sc.ub[d]
		for ti := range q.terms {
			t := &q.terms[ti]
			j := gallop(t.post, cur[ti], atSent(first))
			cur[ti] = j
			if j == len(t.post) || t.post[j].sent() >= end {
				continue
			}
			held |= t.bit
			var hold uint64
			best := bonusFactor
			for ; j < len(t.post) && t.post[j].sent() < end; j++ {
				s := t.post[j].sent()
				f := x.factorOf(t.post[j], s)
				best = max(best, f)
				off := s - first
				hold |= 1 << off
				if seen&(1<<off) == 0 {
					part[off], has[off] = bonus, 0
				}
				part[off] += float64(t.w * f)
				has[off] |= t.bit
			}
			cur[ti] = j
			for miss := seen &^ hold; miss != 0; miss &= miss - 1 {
				part[bits.TrailingZeros64(miss)] += t.bonus
			}
			seen |= hold
			bonus += t.bonus
			if !bounded || len(sc.top) < q.k {
				continue
			}
			rest -= t.w * best
			top := bonus
			for set := seen; set != 0; set &= set - 1 {
				top = max(top, part[bits.TrailingZeros64(set)])
			}
			if (rest+top)*(1+1e-9)+1e-12 < sc.top[0].Score {
				seen = 0 // no sentence can beat the worst kept hit
				break
			}
		}
		for ; seen != 0; seen &= seen - 1 {
			off := bits.TrailingZeros64(seen)
			q.offer(sc, Hit{Sentence: int(first) + off, Score: part[off]}, held, has[off])
		}
	}
}

// scoreLong is scoreDocs for release d of more than 64 sentences, all
// terms at once and without stopping early.
func (q *query) scoreLong(sc *searchScratch, d int32) {
	x := q.x
	first, end := x.docStart[d], x.docStart[d+1]
	nt := len(q.terms)
	lo, hi := sc.lo[:nt], sc.hi[:nt]
	var held uint64
	sents := sc.sents[:0]
	for ti := range q.terms {
		post := q.terms[ti].post
		j := lowerBound(post, atSent(first))
		e := j
		for ; e < len(post) && post[e].sent() < end; e++ {
			sents = append(sents, post[e].sent())
		}
		lo[ti], hi[ti] = j, e
		if e > j {
			held |= q.terms[ti].bit
		}
	}
	slices.Sort(sents)
	sents = slices.Compact(sents)
	sc.sents = sents
	scores, has := sc.scores[:0], sc.has[:0]
	for range sents {
		scores = append(scores, 0)
		has = append(has, 0)
	}
	sc.scores, sc.has = scores, has
	for ti := range q.terms {
		j, e := lo[ti], hi[ti]
		if j == e {
			continue
		}
		t := &q.terms[ti]
		for k, s := range sents {
			if j < e && t.post[j].sent() == s {
				scores[k] += float64(t.w * x.factorOf(t.post[j], s))
				has[k] |= t.bit
				j++
			} else {
				scores[k] += t.bonus
			}
		}
	}
	for k, s := range sents {
		q.offer(sc, Hit{Sentence: int(s), Score: scores[k]}, held, has[k])
	}
}

// offer keeps h in sc.top if it is among the best k so far; held and has
// are the query terms of its release and of the sentence.
func (q *query) offer(sc *searchScratch, h Hit, held, has uint64) {
	top := &sc.top
	if len(*top) == q.k && !better(h, (*top)[0]) {
		return
	}
	if q.total > 0 {
		h.Coverage = q.weight(held) / q.total
		h.SentenceCoverage = q.weight(has) / q.total
	}
	if len(*top) < q.k {
		top.push(h)
	} else {
		(*top)[0] = h
		top.down(0)
	}
}

// beaten reports whether no sentence of release d, whose sentences score
// at most b, can be among the best k: k are kept, and the worst of them
// scores more, or as much with an earlier sentence.
func (q *query) beaten(sc *searchScratch, d int32, b float64) bool {
	if len(sc.top) < q.k {
		return false
	}
	w := sc.top[0]
	return b < w.Score || b == w.Score && int(q.x.docStart[d]) > w.Sentence
}

// scoreByBound scores releases ds, whose bounds sc.ub holds, best bound
// first, in batches that double, and drops those beaten before they are
// scored. Of releases with equal bounds, the first in ds come first. It
// marks the releases it scores scored, and reorders ds.
func (q *query) scoreByBound(sc *searchScratch, ds []int32) {
	size := max(q.k, 16)
	for {
		kept := ds[:0]
		for _, d := range ds {
			if v := sc.ub[d]; v >= 0 && !q.beaten(sc, d, v) {
				kept = append(kept, d)
			}
		}
		ds = kept
		if len(ds) == 0 {
			return
		}
		q.scoreTop(sc, ds, size, true)
		size *= 2
	}
}

// pruned ranks like rank, but release by release (MaxScore over release
// postings), and keeps the best k sentences in sc.top. A release's score
// is bounded by the sum, over the query terms it holds, of the term's
// weight times its factor there (its best BM25 factor in one of the
// release's sentences, or the bonus for a term found elsewhere in the
// release). Terms are added to the bounds heaviest first; once the
// releases scored so far beat what the terms not yet added could give a
// release, releases holding none of the terms added so far are out. The
// rest are scored in order of their bounds, and scoring stops when the
// worst of the best k beats every bound left. Bounds are summed in the
// order scores are, from factors that are exact for the (tf, length)
// pairs of the index, so a release whose best sentence holds each term at
// its best factor has a bound equal to that sentence's score, and
// releases that can only tie the worst kept hit, later in the base, are
// not scored either. The hits are exactly those of rank; common terms
// cost one pass over their releases at most, instead of their sentences.
func (q *query) pruned(sc *searchScratch) {
	x := q.x
	ts := q.terms
	restOf := func(ts []qterm) float64 {
		r := 0.0
		for _, t := range ts {
			r += t.ub
		}
		return r
	}
	theta := func() float64 {
		if len(sc.top) < q.k {
			return math.Inf(-1)
		}
		return sc.top[0].Score
	}
	ub, fs := sc.ub, x.factors
	docs := sc.docs[:0]
	j, added := 0, 0.0
	for j < len(ts) {
		t := &ts[j]
		for _, p := range t.ps {
			d := p.doc()
			v := ub[d]
			if v < 0 {
				continue // scored already
			}
			if v == 0 {
				docs = append(docs, d)
			}
			ub[d] = v + float64(t.w*fs[p.code()])
		}
		added += t.ub
		j++
		rest := restOf(ts[j:])
		if j == len(ts) || partBound(0, rest) < theta() {
			break
		}
		if added >= rest {
			// the best releases so far give a k-th score to beat
			q.scoreBest(sc, docs, q.k)
			if partBound(0, rest) < theta() {
				break
			}
		}
	}
	// the terms not added, heaviest first, to the releases that may
	// still beat the k-th score (they hold a term added): in one pass
	// over the term's releases when those are few enough, else looked up
	// per release; after each, the releases with the best bounds so far
	// are scored, which raises the k-th score to beat
	late := ts[j:]
	rest := restOf(late)
	cand := sc.cand[:0]
	for _, d := range docs {
		if v := ub[d]; v > 0 && partBound(v, rest) >= theta() {
			cand = append(cand, d)
		}
	}
	sorted := false
	for ti := 0; ti < len(late) && len(cand) > 0; ti++ {
		t := &late[ti]
		if len(cand)*16 > len(t.ps) {
			for _, p := range t.ps {
				if d := p.doc(); ub[d] > 0 {
					ub[d] += float64(t.w * fs[p.code()])
				}
			}
		} else {
			if !sorted {
				cand, sorted = sortedDocs(sc, cand), true
			}
			t.addBoundsAt(ub, cand, fs)
		}
		rest = restOf(late[ti+1:])
		if rest > 0 {
			q.scoreTop(sc, cand, q.k, false)
		}
		th, kept := theta(), cand[:0]
		for _, d := range cand {
			if v := ub[d]; v > 0 && partBound(v, rest) >= th {
				kept = append(kept, d)
			}
		}
		cand = kept
	}
	q.scoreByBound(sc, cand)
	for _, d := range docs {
		ub[d] = 0
	}
	sc.docs, sc.cand = docs[:0], cand[:0]
}

// partBound is a bound on the score of a release whose bound so far is v
// when terms adding at most rest are still to add, with room for
// rounding (rest is summed in another order than scores).
func partBound(v, rest float64) float64 { return (v+rest)*(1+1e-9) + 1e-12 }

// sortedDocs returns releases ds (distinct) in increasing order, in ds's
// storage: by sorting when they are few, else by a pass over a bitmap of
// the base's releases.
func sortedDocs(sc *searchScratch, ds []int32) []int32 {
	if len(ds) < 256 || len(ds)*8 < len(sc.bitmap) {
		slices.Sort(ds)
		return ds
	}
	words := sc.bitmap
	for _, d := range ds {
		words[d>>6] |= 1 << (d & 63)
	}
	out := ds[:0]
	for w, word := range words {
		for word != 0 {
			out = append(out, int32(w<<6|bits.TrailingZeros64(word)))
			word &= word - 1
		}
		words[w] = 0
	}
	return out
}

// scoreBest scores the m releases of ds not scored yet with the highest
// bounds so far, and marks them scored.
func (q *query) scoreBest(sc *searchScratch, ds []int32, m int) {
	cand := sc.cand[:0]
	for _, d := range ds {
		if sc.ub[d] > 0 {
			cand = append(cand, d)
		}
	}
	q.scoreTop(sc, cand, m, false)
	sc.cand = cand[:0]
}

// scoreTop scores the m releases of ds (none scored yet) with the
// highest bounds so far (all when there are no more; of equal bounds,
// the first in ds), and marks them scored; complete says that the bounds
// are (see scoreDocs).
func (q *query) scoreTop(sc *searchScratch, ds []int32, m int, complete bool) {
	ub := sc.ub
	batch := sc.batch[:0]
	if len(ds) <= m {
		batch = append(batch, ds...)
	} else {
		// the m-th highest bound, from a min-heap of the best m seen
		h := sc.heap[:0]
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
		cut := h[0]
		sc.heap = h[:0]
		atCut := 0 // releases at the cut that fit
		for _, v := range h {
			if v == cut {
				atCut++
			}
		}
		for _, d := range ds {
			if v := ub[d]; v > cut || v == cut && atCut > 0 {
				if v == cut {
					atCut--
				}
				batch = append(batch, d)
			}
		}
	}
	slices.Sort(batch)
	q.scoreDocs(sc, batch, complete)
	for _, d := range batch {
		ub[d] = -1
	}
	sc.batch = batch[:0]
}

// atSent is the least posting of sentence s, and atDoc the least
// docPosting of release d: postings are ordered by sentence, and release
// postings by release, as their bits are.
func atSent(s int32) Posting   { return Posting(uint32(s) << tfBits) }
func atDoc(d int32) docPosting { return docPosting(uint32(d) << 8) }

// lowerBound returns the index of the first of xs (in increasing order)
// that is v or more (len(xs) if none).
func lowerBound[T ~uint32](xs []T, v T) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if xs[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// gallop is lowerBound searching from j on: it guesses where v is from
// the values at j and at the end (postings are spread fairly evenly over
// sentences and releases), then searches out from the guess in steps
// that double and bisects what they bracket: cheap when the guess is
// close, and never much worse than a binary search.
func gallop[T ~uint32](xs []T, j int, v T) int {
	n := len(xs)
	if j >= n || xs[j] >= v {
		return j
	}
	if xs[n-1] < v {
		return n
	}
	lo, hi := j, n-1 // xs[lo] < v <= xs[hi]
	g := lo + int(float64(hi-lo)*(float64(v-xs[lo])/float64(xs[hi]-xs[lo])))
	g = min(max(g, lo+1), hi)
	if xs[g] >= v {
		hi = g
		for step := 1; g-step > lo; step *= 2 {
			if xs[g-step] < v {
				lo = g - step
				break
			}
			hi = g - step
		}
	} else {
		lo = g
		for step := 1; g+step < hi; step *= 2 {
			if xs[g+step] >= v {
				hi = g + step
				break
			}
			lo = g + step
		}
	}
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

// searchScratch holds a ranking's query, hits and accumulators, reused
// across rankings; per-release entries are reset after each.
type searchScratch struct {
	q   query
	top hitHeap
	// ub is each release's bound (0 when not set, negative once scored);
	// docs are the releases it is set for, cand, batch and spare the
	// releases still to consider, being scored and set aside, and heap
	// bounds (query.pruned); bitmap has a bit per release, all clear
	// between uses
	ub                       []float64
	docs, cand, batch, spare []int32
	heap                     []float64
	bitmap                   []uint64
	// cur is each term's cursor, and part and partHas the scores so far
	// and terms of the sentences of a release, by offset (query.scoreDocs);
	// lo and hi are each term's posting range in a long release, sents
	// its sentences holding a query term, scores their scores and has
	// their terms (query.scoreLong)
	cur, lo, hi []int
	scored      int // releases scored, for tests
	part        [64]float64
	partHas     [64]uint64
	sents       []int32
	scores      []float64
	has         []uint64
}

func (x *Index) scratch(docs int) *searchScratch {
	if v, ok := x.pool.Get().(*searchScratch); ok && len(v.ub) == docs {
		return v
	}
	return &searchScratch{ub: make([]float64, docs), bitmap: make([]uint64, (docs+63)/64),
		cur: make([]int, 64), lo: make([]int, 64), hi: make([]int, 64)}
}

// Sentence is the posting's sentence.
func (p Posting) Sentence() int32 { return p.sent() }

// Terms returns the index's terms, sorted.
func (x *Index) Terms() []string {
	if x == nil {
		return nil
	}
	terms := make([]string, 0, len(x.post))
	for t := range x.post {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	return terms
}

// Postings returns the sentences holding a term with its frequency in
// each, in sentence order. The slice is the index's: read it only.
func (x *Index) Postings(term string) []Posting { return x.post[term] }

// Lens returns the number of terms of each sentence. The slice is the
// index's: read it only.
func (x *Index) Lens() []uint16 { return x.lens }

// Restore builds an index from the tables Terms, Postings and Lens gave:
// each term of terms has postLens[i] postings, one after another in post;
// sentDoc is each sentence's release and docs the number of releases, as
// Finish takes them. It reports an error when the tables do not hang
// together.
func Restore(lens []uint16, terms []string, postLens []uint32, post []Posting, sentDoc []int32, docs int) (*Index, error) {
	if len(postLens) != len(terms) || len(lens) > len(sentDoc) {
		return nil, errors.New("tables of different lengths")
	}
	x := New()
	x.lens = lens
	x.post = make(map[string][]Posting, len(terms))
	// one array holds every term's postings
	off := 0
	for i, t := range terms {
		n := int(postLens[i])
		if n > len(post)-off {
			return nil, errors.New("postings cut short")
		}
		p := post[off : off+n : off+n]
		last := int32(-1)
		for _, q := range p {
			if q.sent() <= last || int(q.sent()) >= len(x.lens) {
				return nil, fmt.Errorf("postings of %q out of order", t)
			}
			last = q.sent()
		}
		x.post[t] = p
		off += n
	}
	if off != len(post) {
		return nil, errors.New("postings of no term")
	}
	x.Finish(sentDoc, docs)
	return x, nil
}

// Dump returns every table of the index, the derived ones included, in a
// form encoding/json writes canonically (it sorts map keys): two indexes
// with equal dumps rank alike. It is for tests and debugging.
func (x *Index) Dump() map[string]any {
	type term struct {
		Post []Posting
		Docs []docPosting
		Max  float64
	}
	terms := map[string]term{}
	for k, p := range x.post {
		d := x.dpost[k]
		terms[k] = term{p, d.ps, d.max}
	}
	return map[string]any{"terms": terms, "lens": x.lens, "avg": x.avg, "n": x.n, "sentDoc": x.sentDoc, "docStart": x.docStart,
		"factors": x.factors, "shortFactors": x.shortFactors}
}
