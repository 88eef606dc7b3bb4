package knowledge

// SetPrunePostings sets how many postings a query must touch before it is
// ranked release by release, and returns a function that restores the
// previous value. Tests use it to compare the ranking paths.
func SetPrunePostings(n int) (restore func()) {
	p := prunePostings
	prunePostings = n
	return func() { prunePostings = p }
}
