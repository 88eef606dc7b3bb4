package index

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// TermSlot holds one index term's postings while a base is built, so that
// merging a sentence appends to them without looking the term up.
type TermSlot struct {
	term string
	post []Posting // written by the merge only
}

// TermSlots hands out one slot per distinct term to the goroutines that
// prepare releases for one Builder.
type TermSlots struct {
	mu sync.Mutex
	m  map[string]*TermSlot
}

// KeyCount is a term of a sentence (by itself or by its slot) and how
// often the sentence holds it.
type KeyCount[K comparable] struct {
	key K
	tf  uint16
}

// TermCount counts a term; slotCount counts a term by its slot.
type (
	TermCount = KeyCount[string]
	SlotCount = KeyCount[*TermSlot]
)

// CountSlots is countTerms for terms known by their slots: one slot
// stands for one term.
func CountSlots(slots []*TermSlot) []SlotCount { return appendCounts(nil, slots) }

// AppendSlotCounts appends countTermSlots(slots) to dst and returns the
// counts alone, with no room after them.
func AppendSlotCounts(dst []SlotCount, slots []*TermSlot) []SlotCount {
	return appendCounts(dst, slots)
}

// CountTerms returns each distinct term with its count, in order of first
// occurrence.
func CountTerms(terms []string) []TermCount { return appendCounts(nil, terms) }

// appendCounts appends each distinct key with its count, in order of
// first occurrence, to dst and returns the counts alone, with no room
// after them. Counts stop at the largest uint16.
func appendCounts[K comparable](dst []KeyCount[K], keys []K) []KeyCount[K] {
	start := len(dst)
	out := slices.Grow(dst, len(keys))[start:start]
	var at map[K]int
	if len(keys) > 64 {
		at = make(map[K]int, len(keys))
	}
	for _, key := range keys {
		k := -1
		if at != nil {
			if j, ok := at[key]; ok {
				k = j
			}
		} else {
			for j := range out {
				if out[j].key == key {
					k = j
					break
				}
			}
		}
		if k >= 0 {
			if out[k].tf < math.MaxUint16 {
				out[k].tf++
			}
			continue
		}
		if at != nil {
			at[key] = len(out)
		}
		out = append(out, KeyCount[K]{key: key, tf: 1})
	}
	return out[:len(out):len(out)]
}

// Get returns the slot of term t, making it on first use; it is safe for
// concurrent use.
func (ts *TermSlots) Get(t string) *TermSlot {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	s := ts.m[t]
	if s == nil {
		s = &TermSlot{term: t}
		ts.m[t] = s
	}
	return s
}

// AddCounted indexes sentence s (sentences come in order) with its n
// terms, counted by countTerms. Sentences beyond maxIndexed are not
// indexed.
func (x *Index) AddCounted(s int32, n int, tcs []TermCount) {
	if !x.setLen(s, n) {
		return
	}
	for _, tc := range tcs {
		x.post[tc.key] = append(x.post[tc.key], newPosting(s, int(tc.tf)))
	}
}

// AddSlots is addCounted for terms counted by countTermSlots; their
// postings go to the index at moveSlots.
func (x *Index) AddSlots(s int32, n int, scs []SlotCount) {
	if !x.setLen(s, n) {
		return
	}
	for _, sc := range scs {
		sc.key.post = append(sc.key.post, newPosting(s, int(sc.tf)))
	}
}

// MoveSlots moves the postings held in term slots into the index,
// keeping each term's postings in sentence order (a build adds through
// slots or directly, not both, so this is rarely a merge).
func (x *Index) MoveSlots(ts *TermSlots) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for t, s := range ts.m {
		if len(s.post) == 0 {
			continue
		}
		old := x.post[t]
		x.post[t] = append(old, s.post...)
		if len(old) > 0 && old[len(old)-1].sent() > s.post[0].sent() {
			slices.SortFunc(x.post[t], func(a, b Posting) int { return cmp.Compare(a.sent(), b.sent()) })
		}
		s.post = nil
	}
}

// NewTermSlots returns an empty set of term slots.
func NewTermSlots() *TermSlots { return &TermSlots{m: map[string]*TermSlot{}} }

// Reserve grows the per-sentence table to hold n more sentences.
func (x *Index) Reserve(n int) { x.lens = slices.Grow(x.lens, n) }
