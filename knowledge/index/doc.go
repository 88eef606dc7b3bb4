// Package index is the BM25 ranking of a fact base's sentences: an
// inverted index of their terms (postings of four bytes each), release
// postings with bounds for MaxScore pruning, and Search, SearchDocs and
// Covers, whose hits are exactly those of the exhaustive ranking. A base
// is built into it term by term (AddSlots, AddCounted, then Finish) and
// saved and restored through its tables (Terms, Postings, Lens, Restore).
package index
