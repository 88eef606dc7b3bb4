package knowledge

import (
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
		x := newIndex()
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
		x.finish(sentDoc, int(sentDoc[len(sentDoc)-1])+1)
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
