package knowledge

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
	i := lowerBound(post, atSent(first))
	return i < len(post) && post[i].sent() <= last
}
