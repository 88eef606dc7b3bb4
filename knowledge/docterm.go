package knowledge

import "sort"

// DocHasTerm reports whether any sentence of release doc holds the index
// term (as Terms returns it). It costs a binary search in the term's
// postings: a release's sentences are numbered consecutively.
func (b *Base) DocHasTerm(doc int, term string) bool {
	if b.index == nil || doc < 0 || doc >= len(b.Docs) {
		return false
	}
	ss := b.Docs[doc].Sentences
	if len(ss) == 0 {
		return false
	}
	first, last := int32(ss[0]), int32(ss[len(ss)-1])
	post := b.index.post[term]
	i := sort.Search(len(post), func(i int) bool { return post[i].s >= first })
	return i < len(post) && post[i].s <= last
}
