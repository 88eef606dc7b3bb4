package knowledge

import (
	"encoding/json"
	"testing"
	"time"
)

// SetPrunePostings sets how many postings a query must touch before it is
// ranked release by release, and returns a function that restores the
// previous value. Tests use it to compare the ranking paths.
func SetPrunePostings(n int) (restore func()) {
	p := prunePostings
	prunePostings = n
	return func() { prunePostings = p }
}

// DumpBase returns every table of b, the index and the lookups included,
// in one canonical form (JSON sorts map keys): two bases with equal dumps
// answer every question alike.
func DumpBase(t testing.TB, b *Base) []byte {
	t.Helper()
	type term struct {
		Post []posting
		Docs []docPosting
		Max  float32
	}
	type agreementName struct {
		Terms []string
		IDs   []int
	}
	l := &b.look
	names := make([]agreementName, len(l.agreementNames))
	for i, n := range l.agreementNames {
		names[i] = agreementName{n.terms, n.ids}
	}
	terms := map[string]term{}
	for k, p := range b.index.post {
		d := b.index.dpost[k]
		terms[k] = term{p, d.ps, d.max}
	}
	docSents := make([][]int, len(b.Docs))
	for i, d := range b.Docs {
		docSents[i] = d.Sentences
	}
	exported := *b
	exported.Built = time.Time{}
	out, err := json.Marshal(map[string]any{
		"base": &exported, "sentences": b.Sentences, "docSentences": docSents, "figures": b.Figures,
		"aliases": b.aliases, "aliasList": b.aliasList, "places": b.places,
		"sentMeeting": b.sentMeeting, "sentAgreement": b.sentAgreement,
		"byPerson": b.byPerson, "mentions": mentionMap(b),
		"terms": terms, "lens": b.index.lens, "avg": b.index.avg, "n": b.index.n,
		"norm": b.index.norm, "sentDoc": b.index.sentDoc, "docStart": b.index.docStart,
		"meetingsByPlace": l.meetingsByPlace, "meetingsByYear": l.meetingsByYear,
		"agreementsParty": l.agreementsParty, "agreementsByYear": l.agreementsByYear,
		"agreementNames": names, "namesByFirst": l.namesByFirst, "aliasByLen": l.aliasByLen,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mentionMap is the people each sentence mentions, as a map from the
// sentences that mention anyone.
func mentionMap(b *Base) map[int32][]int32 {
	m := map[int32][]int32{}
	b.mentions.each(func(s int32, ids []int32) { m[s] = ids })
	return m
}
