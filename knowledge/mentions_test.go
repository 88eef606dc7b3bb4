package knowledge

import (
	"maps"
	"slices"
	"testing"
)

func TestSentPeople(t *testing.T) {
	// sentence -> people, with gaps, a sentence 0 and a last sentence
	want := map[int32][]int32{0: {3}, 2: {1, 4}, 3: {7}, 9: {2, 5, 6}}
	var m sentPeople
	for _, s := range []int32{0, 2, 3, 9} {
		m.set(int(s), want[s])
	}
	for s := -1; s <= 11; s++ {
		got := m.of(s)
		if w, ok := want[int32(s)]; ok != (got != nil) || !slices.Equal(got, w) {
			t.Errorf("of(%d) = %v, want %v", s, got, w)
		}
	}
	got := map[int32][]int32{}
	var order []int32
	m.each(func(s int32, ids []int32) { got[s] = ids; order = append(order, s) })
	if !maps.EqualFunc(got, want, slices.Equal) || !slices.IsSorted(order) {
		t.Errorf("each gave %v in order %v, want %v", got, order, want)
	}
	// a caller appending to a sentence's people must not change the next's
	_ = append(m.of(2), 99)
	if !slices.Equal(m.of(3), want[3]) {
		t.Errorf("appending to of(2) changed of(3) to %v", m.of(3))
	}
}
