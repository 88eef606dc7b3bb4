package knowledge

import (
	"errors"
	"fmt"

	"liaison/knowledge/index"
)

// Tables are what a base holds besides its exported fields, in the form
// a snapshot saves them; lookups are not among them, as Restore rebuilds
// them. Slices and maps are the base's own: read them only.
type Tables struct {
	// AliasList is every folded alias, in the order first given, and
	// AliasPeople the people each names.
	AliasList   []string
	AliasPeople [][]int
	// Places maps folded place names to their spelling.
	Places map[string]string
	// SentMeeting and SentAgreement give each sentence's meeting and
	// agreement, -1 for none.
	SentMeeting   []int32
	SentAgreement []int32
	// ByPerson lists each person's meetings.
	ByPerson map[int][]int
	// MentionSent are the sentences that mention anyone, in order, and
	// MentionPeople whom each mentions.
	MentionSent   []int32
	MentionPeople [][]int32
	// Index ranks the sentences.
	Index *index.Index
}

// Tables returns the base's tables.
func (b *Base) Tables() Tables {
	t := Tables{AliasList: b.aliasList, Places: b.places, SentMeeting: b.sentMeeting, SentAgreement: b.sentAgreement,
		ByPerson: b.byPerson, Index: b.index}
	t.AliasPeople = make([][]int, len(b.aliasList))
	for i, a := range b.aliasList {
		t.AliasPeople[i] = b.aliases[a]
	}
	b.mentions.each(func(s int32, ids []int32) {
		t.MentionSent = append(t.MentionSent, s)
		t.MentionPeople = append(t.MentionPeople, ids)
	})
	return t
}

// Restore makes a base of its exported fields, as Tables and the
// records gave them, and its tables, and builds its lookups. It checks
// that they hang together (every sentence, person, meeting and agreement
// number in range) and reports an error when they do not.
func Restore(b *Base, t Tables) (*Base, error) {
	ns := len(b.Sentences)
	if len(t.SentMeeting) != ns || len(t.SentAgreement) != ns || len(t.AliasPeople) != len(t.AliasList) ||
		len(t.MentionPeople) != len(t.MentionSent) || t.Index == nil {
		return nil, errors.New("tables of different lengths")
	}
	for i := range ns {
		if m, a := t.SentMeeting[i], t.SentAgreement[i]; m < -1 || int(m) >= len(b.Meetings) || a < -1 || int(a) >= len(b.Agreements) {
			return nil, fmt.Errorf("sentence %d owner out of range", i)
		}
	}
	b.places, b.byPerson, b.sentMeeting, b.sentAgreement, b.aliasList = t.Places, t.ByPerson, t.SentMeeting, t.SentAgreement, t.AliasList
	if b.places == nil {
		b.places = map[string]string{}
	}
	if b.byPerson == nil {
		b.byPerson = map[int][]int{}
	}
	b.aliases = make(map[string][]int, len(t.AliasList))
	for i, a := range t.AliasList {
		for _, id := range t.AliasPeople[i] {
			if id < 0 || id >= len(b.People) {
				return nil, fmt.Errorf("alias %q of an unknown person", a)
			}
		}
		b.aliases[a] = t.AliasPeople[i]
	}
	for i, s := range t.MentionSent {
		if s < 0 || int(s) >= ns || int(s) < len(b.mentions.end) {
			return nil, fmt.Errorf("mention in unknown or repeated sentence %d", s)
		}
		b.mentions.set(int(s), t.MentionPeople[i])
	}
	b.index = t.Index
	b.buildLookups()
	return b, nil
}
