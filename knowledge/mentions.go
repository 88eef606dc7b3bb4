package knowledge

// sentPeople holds the people each sentence mentions, in one array for
// the whole base: sentence s mentions people[end[s-1]:end[s]] (from 0 for
// the first sentence). Sentences past len(end) mention no one. It costs 4
// bytes a sentence and 4 a mention, where a map of slices cost some 60
// bytes a sentence that mentions anyone.
type sentPeople struct {
	end    []uint32
	people []int32
}

// of returns the people sentence s mentions, nil when none. The slice
// must not be changed.
func (m *sentPeople) of(s int) []int32 {
	if s < 0 || s >= len(m.end) {
		return nil
	}
	start := uint32(0)
	if s > 0 {
		start = m.end[s-1]
	}
	if start == m.end[s] {
		return nil
	}
	return m.people[start:m.end[s]:m.end[s]]
}

// set records the people sentence s mentions. Sentences are set in
// increasing order, each at most once: s is at least len(m.end), and the
// sentences skipped over mention no one.
func (m *sentPeople) set(s int, ids []int32) {
	n := uint32(len(m.people))
	for len(m.end) < s {
		m.end = append(m.end, n)
	}
	m.people = append(m.people, ids...)
	m.end = append(m.end, uint32(len(m.people)))
}

// each calls f with every sentence that mentions anyone, in order, and
// the people it mentions.
func (m *sentPeople) each(f func(s int32, ids []int32)) {
	for s := range m.end {
		if ids := m.of(s); ids != nil {
			f(int32(s), ids)
		}
	}
}
