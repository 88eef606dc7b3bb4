package index

// DocHasTerm reports whether any sentence of release doc holds the index
// term (as Terms returns it). It costs a binary search in the term's
// postings: a release's sentences are numbered consecutively.
func (x *Index) DocHasTerm(doc int, term string) bool {
	if x == nil || doc < 0 || doc >= x.docs() {
		return false
	}
	first, last := x.docStart[doc], x.docStart[doc+1]-1
	if last < first {
		return false
	}
	post := x.post[term]
	i := lowerBound(post, atSent(first))
	return i < len(post) && post[i].sent() <= last
}
