package knowledge

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

// Dump returns every table of the base, the index and the lookups
// included, in one canonical form (JSON sorts map keys) and without the
// time it was built: two bases with equal dumps answer every question
// alike. It is for tests and debugging.
func (b *Base) Dump() ([]byte, error) {
	type agreementName struct {
		Terms []string
		IDs   []int
	}
	l := &b.look
	names := make([]agreementName, len(l.agreementNames))
	for i, n := range l.agreementNames {
		names[i] = agreementName{n.terms, n.ids}
	}
	// JSON keys are strings
	partyYears, placeYears := map[string][]int{}, map[string][]int{}
	for k, ids := range l.agreementsPartyYear {
		partyYears[fmt.Sprintf("%s@%d", k.key, k.year)] = ids
	}
	places := map[string][]int{}
	for k, pm := range l.meetingsByPlace {
		places[k] = pm[allYears]
		for y, ids := range pm {
			if y != allYears {
				placeYears[fmt.Sprintf("%s@%d", k, y)] = ids
			}
		}
	}
	docSents := make([][]int, len(b.Docs))
	for i, d := range b.Docs {
		docSents[i] = d.Sentences
	}
	exported := *b
	exported.Built = time.Time{}
	tables := map[string]any{
		"base": &exported, "sentences": b.Sentences, "docSentences": docSents, "figures": b.Figures,
		"aliases": b.aliases, "aliasList": b.aliasList, "places": b.places,
		"sentMeeting": b.sentMeeting, "sentAgreement": b.sentAgreement,
		"byPerson": b.byPerson, "mentions": mentionMap(b),
		"meetingOrder": l.meetingOrder, "meetingsByPlace": places, "meetingsByYear": l.meetingsByYear,
		"meetingsByPlaceYear": placeYears, "agreementsParty": l.agreementsParty, "agreementsByYear": l.agreementsByYear,
		"agreementsPartyYear": partyYears, "agreementsSigned": l.agreementsSigned,
		"agreementsStatus": l.agreementsStatus,
		"agreementNames":   names, "namesByFirst": l.namesByFirst, "aliasByLen": l.aliasByLen,
		"partyBit": l.partyBit, "agreementParties": l.agreementParties,
	}
	maps.Copy(tables, b.index.Dump())
	return json.Marshal(tables)
}

// mentionMap is the people each sentence mentions, as a map from the
// sentences that mention anyone.
func mentionMap(b *Base) map[int32][]int32 {
	m := map[int32][]int32{}
	b.mentions.each(func(s int32, ids []int32) { m[s] = ids })
	return m
}
