package knowledge

import (
	"math"
	"sort"
)

// Index is an inverted index of sentence terms for BM25 ranking. Queries
// touch only the postings of their own terms, never every document.
type Index struct {
	post map[string][]posting
	lens []uint16
	avg  float64
	n    int
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
	if x == nil || x.n == 0 || len(terms) == 0 {
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
	const k1, bb = 1.2, 0.75
	idf := make([]float64, len(qs))
	total := 0.0
	for i, t := range qs {
		idf[i] = x.IDF(t)
		if !x.Has(t) {
			idf[i] = min(idf[i], unseenWeight)
		}
		total += idf[i]
	}
	score := map[int32]float64{}
	sentBits := map[int32]uint64{}
	docBits := map[int]uint64{}
	for i, t := range qs {
		for _, p := range x.post[t] {
			tf := float64(p.tf)
			l := float64(x.lens[p.s])
			score[p.s] += idf[i] * tf * (k1 + 1) / (tf + k1*(1-bb+bb*l/x.avg))
			sentBits[p.s] |= 1 << i
			docBits[b.Sentences[p.s].Doc] |= 1 << i
		}
	}
	weight := func(bits uint64) float64 {
		w := 0.0
		for i := range qs {
			if bits&(1<<i) != 0 {
				w += idf[i]
			}
		}
		return w
	}
	hits := make([]Hit, 0, len(score))
	for s, sc := range score {
		db := docBits[b.Sentences[s].Doc]
		extra := weight(db &^ sentBits[s])
		h := Hit{Sentence: int(s), Score: sc + 0.35*extra}
		if total > 0 {
			h.Coverage = weight(db|sentBits[s]) / total
			h.SentenceCoverage = weight(sentBits[s]) / total
		}
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Sentence < hits[j].Sentence
	})
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits
}
