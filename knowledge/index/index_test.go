package index

import (
	"fmt"
	"liaison/knowledge/lang"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFactorCodes checks the codes of release postings: each stands for
// a factor at least as large as the largest BM25 factor of the term in
// the release and as bonusFactor, equal to it when the index has few
// enough (tf, length) pairs to give each its own code, and, with more,
// still equal for the most frequent pair.
func TestFactorCodes(t *testing.T) {
	for _, lengths := range []int{40, 600} {
		x := New()
		var sentDoc []int32
		s := int32(0)
		for l := 1; l <= lengths; l++ {
			for tf := 1; tf <= 3 && tf <= l; tf++ {
				x.setLen(s, l)
				x.post["a"] = append(x.post["a"], newPosting(s, tf))
				if l%7 == 0 {
					x.post["b"] = append(x.post["b"], newPosting(s, 1))
				}
				sentDoc = append(sentDoc, s/4)
				s++
			}
		}
		// the most frequent pair: tf 1 in sentences of length 9
		for i := 0; i < 50; i++ {
			x.setLen(s, 9)
			x.post["a"] = append(x.post["a"], newPosting(s, 1))
			sentDoc = append(sentDoc, s/4)
			s++
		}
		x.Finish(sentDoc, int(sentDoc[len(sentDoc)-1])+1)
		fs := x.factors
		if len(fs) > maxExactFactors+2 || !slices.IsSorted(fs) || !slices.Contains(fs, bonusFactor) || fs[len(fs)-1] != bm25K1+1 {
			t.Fatalf("%d lengths: factors %v", lengths, fs)
		}
		exactAll := lengths == 40
		for term, post := range x.post {
			best := map[int32]float64{}
			bestLen := map[int32]int{}
			for _, p := range post {
				d := sentDoc[p.sent()]
				if f := max(factor(p.tf(), x.normOf(x.lens[p.sent()])), bonusFactor); f > best[d] {
					best[d], bestLen[d] = f, int(x.lens[p.sent()])
				}
			}
			dl := x.dpost[term]
			if len(dl.ps) != len(best) {
				t.Fatalf("%d lengths, %q: %d release postings for %d releases", lengths, term, len(dl.ps), len(best))
			}
			top := 0.0
			for _, p := range dl.ps {
				got, want := fs[p.code()], best[p.doc()]
				top = max(top, got)
				if got < want {
					t.Errorf("%d lengths, %q, release %d: factor %v below %v", lengths, term, p.doc(), got, want)
				}
				if got != want && (exactAll || want == max(factor(1, x.normOf(9)), bonusFactor) && bestLen[p.doc()] == 9) {
					t.Errorf("%d lengths, %q, release %d: factor %v, want exactly %v", lengths, term, p.doc(), got, want)
				}
			}
			if dl.max != top {
				t.Errorf("%d lengths, %q: largest factor %v, want %v", lengths, term, dl.max, top)
			}
		}
	}
}

// TestCountedPostingsMatch checks the postings of terms counted by
// CountTerms, and by their slots, against indexing them one by one.
func TestCountedPostingsMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	// terms that repeat within a sentence, as topic phrases and names do
	stems := lang.Terms("drug trafficking organised crime border security information exchange meet Finland x")
	reg := &TermSlots{m: map[string]*TermSlot{}}
	for i := 0; i < 20000; i++ {
		terms := make([]string, rng.IntN(90))
		for k := range terms {
			terms[k] = stems[rng.IntN(len(stems))]
		}
		a, b, c := New(), New(), New()
		a.add(int32(i%3), terms)
		b.AddCounted(int32(i%3), len(terms), CountTerms(terms))
		if fmt.Sprint(a.lens, a.post) != fmt.Sprint(b.lens, b.post) {
			t.Fatalf("addCounted(%q) = %v %v, add %v %v", terms, b.lens, b.post, a.lens, a.post)
		}
		slots := make([]*TermSlot, len(terms))
		for k, tm := range terms {
			slots[k] = reg.Get(tm)
		}
		c.AddSlots(int32(i%3), len(terms), CountSlots(slots))
		c.MoveSlots(reg)
		if fmt.Sprint(a.lens, a.post) != fmt.Sprint(c.lens, c.post) {
			t.Fatalf("addCounted with slots (%q) = %v %v, add %v %v", terms, c.lens, c.post, a.lens, a.post)
		}
	}
}

// add indexes sentence s with its terms the plain way: the reference
// AddCounted and addSlots are tested against.
func (x *Index) add(s int32, terms []string) {
	if !x.setLen(s, len(terms)) {
		return
	}
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
		x.post[t] = append(x.post[t], newPosting(s, tf))
	}
}
