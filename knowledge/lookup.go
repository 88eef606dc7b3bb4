package knowledge

import (
	"cmp"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"math"
	"slices"
	"sort"
	"strings"
)

// lookups are indexes the answering core uses instead of scanning every
// meeting, agreement or alias. They are built once by Build.
type lookups struct {
	// meetingOrder are the meetings' IDs in date order (see
	// MeetingsWhere), and meetingPos each meeting's position in it; the
	// meeting lists below hold positions, in increasing order, so that
	// they list meetings in date order
	meetingOrder []int
	meetingPos   []int32
	// meetingsOf are each person's meetings, as positions in meetingOrder
	meetingsOf map[int][]int
	// meetingsByPlace are the meetings by PlaceKey(name), "=name" and
	// "@country" of their places and by year (all of them under
	// allYears), and meetingsByYear by their year (or their release's
	// when undated)
	meetingsByPlace  map[string]map[int][]int
	meetingsByYear   map[int][]int
	agreementsParty  map[string][]int
	agreementsByYear map[int][]int // signed or expiring that year
	// agreementsPartyYear are the agreements of a party signed or
	// expiring in a year, and agreementsSigned those a person signed
	agreementsPartyYear map[keyYear][]int
	agreementsSigned    map[int][]int
	// agreementsStatus are the agreements by Status ("terminated", "in
	// force"; none under "")
	agreementsStatus map[string][]int
	// placeKeys are the keys of Base.places, sorted
	placeKeys []string
	// agreementNames are the distinct names of agreements, as index
	// terms, with the agreements of each; namesByFirst indexes them by
	// their first term
	agreementNames []agreementName
	namesByFirst   map[string][]int
	aliasByLen     map[int][]int32
	// partyBit is a bit for each of the first 64 parties, and
	// agreementParties each agreement's parties' bits
	partyBit         map[string]uint64
	agreementParties []uint64
}

func (b *Base) buildLookups() {
	l := &b.look
	l.meetingOrder = b.meetingsByDate()
	l.meetingPos = make([]int32, len(l.meetingOrder))
	for pos, id := range l.meetingOrder {
		l.meetingPos[id] = int32(pos)
	}
	l.meetingsByPlace = map[string]map[int][]int{}
	l.meetingsByYear = map[int][]int{}
	l.meetingsOf = map[int][]int{}
	// a place's keys, made once per place: meetings repeat their places
	type place struct{ name, country string }
	placeKeys := map[place][3]string{}
	// in ID order, as the meetings lie in memory, then each list sorted
	for _, m := range b.Meetings {
		pos := int(l.meetingPos[m.ID])
		for _, pid := range m.Participants {
			l.meetingsOf[pid] = appendID(l.meetingsOf[pid], pos)
		}
		y := m.Date.Year
		if y == 0 {
			y = b.Docs[m.Doc].Date.Year
		}
		for _, pl := range m.Places {
			keys, ok := placeKeys[place{pl.Name, pl.Country}]
			if !ok {
				keys = [3]string{PlaceKey(pl.Name), "=" + pl.Name, "@" + pl.Country}
				placeKeys[place{pl.Name, pl.Country}] = keys
			}
			for _, k := range keys {
				pm := l.meetingsByPlace[k]
				if pm == nil {
					pm = map[int][]int{}
					l.meetingsByPlace[k] = pm
				}
				pm[allYears] = appendID(pm[allYears], pos)
				pm[y] = appendID(pm[y], pos)
			}
		}
		l.meetingsByYear[y] = appendID(l.meetingsByYear[y], pos)
	}
	for _, ls := range l.meetingsOf {
		slices.Sort(ls)
	}
	for _, pm := range l.meetingsByPlace {
		for _, ls := range pm {
			slices.Sort(ls)
		}
	}
	for _, ls := range l.meetingsByYear {
		slices.Sort(ls)
	}
	l.agreementsParty = map[string][]int{}
	l.agreementsByYear = map[int][]int{}
	l.agreementsPartyYear = map[keyYear][]int{}
	l.agreementsSigned = map[int][]int{}
	l.agreementsStatus = map[string][]int{}
	l.placeKeys = make([]string, 0, len(b.places))
	for key := range b.places {
		l.placeKeys = append(l.placeKeys, key)
	}
	slices.Sort(l.placeKeys)
	l.namesByFirst = map[string][]int{}
	l.partyBit = map[string]uint64{}
	l.agreementParties = make([]uint64, len(b.Agreements))
	named := map[string]int{}
	// many agreements share a name: its entry is found once
	byName := map[string]int{} // a.Name to its entry, or -1 for no terms
	for _, a := range b.Agreements {
		i, seen := byName[a.Name]
		if !seen {
			i = -1
			if ts := lang.Terms(a.Name); len(ts) > 0 {
				key := strings.Join(ts, " ")
				var ok bool
				if i, ok = named[key]; !ok {
					i = len(l.agreementNames)
					named[key] = i
					l.agreementNames = append(l.agreementNames, agreementName{terms: ts})
					l.namesByFirst[ts[0]] = append(l.namesByFirst[ts[0]], i)
				}
			}
			byName[a.Name] = i
		}
		if i >= 0 {
			l.agreementNames[i].ids = append(l.agreementNames[i].ids, a.ID)
		}
		for _, p := range a.Parties {
			l.agreementsParty[p] = appendID(l.agreementsParty[p], a.ID)
			for _, y := range []int{a.Signed.Year, a.Expires.Year} {
				k := keyYear{p, y}
				l.agreementsPartyYear[k] = appendID(l.agreementsPartyYear[k], a.ID)
			}
		}
		for _, id := range a.Signatories {
			l.agreementsSigned[id] = appendID(l.agreementsSigned[id], a.ID)
		}
		if a.Status != "" {
			l.agreementsStatus[a.Status] = append(l.agreementsStatus[a.Status], a.ID)
		}
		var bits uint64
		for _, p := range a.Parties {
			bit, ok := l.partyBit[p]
			if !ok && len(l.partyBit) < 64 {
				bit = 1 << len(l.partyBit)
				l.partyBit[p] = bit
			}
			bits |= bit
		}
		l.agreementParties[a.ID] = bits
		l.agreementsByYear[a.Signed.Year] = appendID(l.agreementsByYear[a.Signed.Year], a.ID)
		l.agreementsByYear[a.Expires.Year] = appendID(l.agreementsByYear[a.Expires.Year], a.ID)
	}
	l.aliasByLen = map[int][]int32{}
	for i, a := range b.aliasList {
		if !strings.Contains(a, " ") {
			l.aliasByLen[len(a)] = append(l.aliasByLen[len(a)], int32(i))
		}
	}
}

// allYears keys all the meetings of a place in lookups.meetingsByPlace.
const allYears = math.MinInt

// keyYear keys the agreements of a party in a year.
type keyYear struct {
	key  string
	year int
}

// meetingsByDate returns the IDs of the meetings in date order: by the
// ISO text of their date, or of their release's when they have none, and
// in ID order when those are equal.
func (b *Base) meetingsByDate() []int {
	// a number ordered as the ISO text is, when the parts of every date
	// fit its fixed widths (0 for "", YYYY0000, YYYYMM00 or YYYYMMDD),
	// above the ID
	keys := make([]uint64, len(b.Meetings))
	for i, m := range b.Meetings {
		d := b.meetingDate(m)
		n := 0
		switch {
		case d.Year == 0:
		case d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 || m.ID != i || i >= 1<<32:
			return b.meetingsByISO()
		case d.Month == 0:
			n = d.Year * 10000
		default:
			n = d.Year*10000 + d.Month*100 + d.Day
		}
		keys[i] = uint64(n)<<32 | uint64(i)
	}
	slices.Sort(keys)
	ids := make([]int, len(keys))
	for i, k := range keys {
		ids[i] = int(k & (1<<32 - 1))
	}
	return ids
}

// meetingDate is the date meetings are ordered by: m's date, or its
// release's when it has none.
func (b *Base) meetingDate(m *Meeting) dates.Date {
	if m.Date.IsZero() {
		return b.Docs[m.Doc].Date
	}
	return m.Date
}

// meetingsByISO is meetingsByDate from the dates' ISO text.
func (b *Base) meetingsByISO() []int {
	type keyed struct {
		iso string
		id  int
	}
	ks := make([]keyed, len(b.Meetings))
	for i, m := range b.Meetings {
		ks[i] = keyed{b.meetingDate(m).ISO(), m.ID}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int { return strings.Compare(x.iso, y.iso) })
	ids := make([]int, len(ks))
	for i, k := range ks {
		ids[i] = k.id
	}
	return ids
}

// agreementName is a distinct agreement name and the agreements bearing it.
type agreementName struct {
	terms []string
	ids   []int
}

// appendID appends id unless it is already last (ids arrive in order).
func appendID(ids []int, id int) []int {
	if n := len(ids); n > 0 && ids[n-1] == id {
		return ids
	}
	return append(ids, id)
}

// unionIDs merges sorted ID lists into one new sorted list without
// duplicates, in time linear in their lengths.
func unionIDs(lists ...[]int) []int {
	var out, spare []int
	for _, l := range lists {
		if len(l) == 0 {
			continue
		}
		if out == nil {
			out = append(make([]int, 0, len(l)), l...)
			continue
		}
		merged := spare[:0]
		i, j := 0, 0
		for i < len(out) || j < len(l) {
			switch {
			case j == len(l) || i < len(out) && out[i] < l[j]:
				merged = append(merged, out[i])
				i++
			case i == len(out) || l[j] < out[i]:
				merged = append(merged, l[j])
				j++
			default:
				merged = append(merged, out[i])
				i++
				j++
			}
		}
		out, spare = merged, out
	}
	return slices.Compact(out) // a list may repeat an ID
}

// inYears narrows ids to those listed under one of years in byYear; when
// ids are not filtered yet, they become those. Without years nothing
// changes. It reports whether the result is filtered. The result may be
// a list of byYear itself: it is read only.
func inYears(ids []int, filtered bool, byYear map[int][]int, years []int) ([]int, bool) {
	if len(years) == 0 {
		return ids, filtered
	}
	var ys []int
	if len(years) == 1 {
		ys = byYear[years[0]]
	} else {
		var lists [][]int
		for _, y := range years {
			lists = append(lists, byYear[y])
		}
		ys = unionIDs(lists...)
	}
	if filtered {
		return intersectIDs(ids, ys), true
	}
	return ys, true
}

// pickIDs returns the records of all with the given IDs (their indexes),
// or all of them when the IDs are not filtered.
func pickIDs[T any](all []*T, ids []int, filtered bool) []*T {
	if !filtered {
		return all
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = all[id]
	}
	return out
}

// seekID returns the index of the first ID of sorted list b, from j on,
// that is id or more (len(b) if none), in steps that double from j: cheap
// when it is near.
func seekID(b []int, j, id int) int {
	if j >= len(b) || b[j] >= id {
		return j
	}
	lo, step := j, 1 // b[lo] < id
	for lo+step < len(b) && b[lo+step] < id {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(b))
	return lo + 1 + sort.SearchInts(b[lo+1:hi], id)
}

// withinIDs keeps, in place, the IDs of sorted list a that are in sorted
// list b, seeking each in b: cheap when a is the shorter.
func withinIDs(a, b []int) []int {
	out, j := a[:0], 0
	for _, id := range a {
		if j = seekID(b, j, id); j == len(b) {
			break
		}
		if b[j] == id {
			out = append(out, id)
		}
	}
	return out
}

// intersectIDs returns, as a new list, the IDs in both sorted lists,
// seeking those of the shorter in the longer.
func intersectIDs(a, b []int) []int {
	if len(a) > len(b) {
		a, b = b, a
	}
	return withinIDs(slices.Clone(a), b)
}

// SortMeetings sorts meetings of the base in date order (see
// MeetingsWhere), in place.
func (b *Base) SortMeetings(ms []*Meeting) {
	pos := b.look.meetingPos
	slices.SortFunc(ms, func(x, y *Meeting) int { return cmp.Compare(pos[x.ID], pos[y.ID]) })
}

// MeetingList is a list of meetings in date order (see MeetingsWhere),
// read from the base's indexes. It is read only and costs nothing to
// pass.
type MeetingList struct {
	b   *Base
	pos []int // positions in the base's date order; all when all
	all bool
}

// Len is the number of meetings in the list.
func (l MeetingList) Len() int {
	if l.all {
		return len(l.b.look.meetingOrder)
	}
	return len(l.pos)
}

// At returns the i-th meeting of the list, 0 <= i < Len().
func (l MeetingList) At(i int) *Meeting {
	if !l.all {
		i = l.pos[i]
	}
	return l.b.Meetings[l.b.look.meetingOrder[i]]
}

// Slice returns the meetings of the list, in its order, as a new slice.
func (l MeetingList) Slice() []*Meeting {
	out := make([]*Meeting, l.Len())
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// MeetingsWhere returns the meetings in which every one of people (person
// IDs) took part, held at one of places (a place with the same PlaceKey,
// or a place in a country so named) or in one of countries (a place in
// it, or a place named so), and in one of years (the meeting's year, or
// its release's when it is undated). An empty filter does not restrict.
// The meetings come in date order: by the ISO text of their date, or of
// their release's date when they have none, and in ID order when those
// are equal. The list is read from index lists by person, place and year
// kept in that order: as it is when one list holds it all (one place and
// one year, say), when its cost does not depend on how many meetings
// match, else by a union of the place lists, sought in the shortest of the
// lists to intersect.
func (b *Base) MeetingsWhere(people []int, places, countries []string, years []int) MeetingList {
	l := &b.look
	var keys []string
	for _, p := range places {
		keys = append(keys, PlaceKey(p), "@"+p)
	}
	for _, c := range countries {
		keys = append(keys, "@"+c, "="+c)
	}
	var lists [][]int
	switch {
	case len(keys) > 0:
		for _, k := range keys {
			pm := l.meetingsByPlace[k]
			if len(years) == 0 {
				lists = append(lists, pm[allYears])
			}
			for _, y := range years {
				lists = append(lists, pm[y])
			}
		}
	case len(years) > 0:
		for _, y := range years {
			lists = append(lists, l.meetingsByYear[y])
		}
	}
	var where []int // the union of lists
	n := 0
	for _, ls := range lists {
		if len(ls) > 0 {
			where = ls // the one list that is not empty is read as it is
			n++
		}
	}
	if n > 1 {
		where = unionIDs(lists...)
	}
	if len(people) == 0 {
		if len(lists) == 0 {
			return MeetingList{b: b, all: true}
		}
		return MeetingList{b: b, pos: where}
	}
	var and [][]int
	for _, id := range people {
		and = append(and, l.meetingsOf[id])
	}
	if len(lists) > 0 {
		and = append(and, where)
	}
	if len(and) == 1 {
		return MeetingList{b: b, pos: and[0]}
	}
	slices.SortStableFunc(and, func(x, y []int) int { return cmp.Compare(len(x), len(y)) })
	pos := intersectIDs(and[0], and[1])
	for _, ls := range and[2:] {
		pos = withinIDs(pos, ls)
	}
	return MeetingList{b: b, pos: pos}
}

// AgreementsMatching returns the agreements that have every one of
// parties as a party and every one of signatories (person IDs) among
// their signatories, are signed or expire in one of years, and have the
// Status status (an empty filter does not restrict): the first limit of
// them in ID order, and how many there are in all. It intersects sorted
// ID lists, one per party (of that party in those years), signatory or
// status, so its cost follows the shortest of them and limit; with one
// list (one party and one year, say) it does not depend on how many
// agreements match.
func (b *Base) AgreementsMatching(parties []string, signatories, years []int, status string, limit int) ([]*Agreement, int) {
	l := &b.look
	var lists [][]int
	for _, p := range parties {
		switch len(years) {
		case 0:
			lists = append(lists, l.agreementsParty[p])
		case 1:
			lists = append(lists, l.agreementsPartyYear[keyYear{p, years[0]}])
		default:
			var ls [][]int
			for _, y := range years {
				ls = append(ls, l.agreementsPartyYear[keyYear{p, y}])
			}
			lists = append(lists, unionIDs(ls...))
		}
	}
	if len(parties) == 0 && len(years) > 0 {
		ys, _ := inYears(nil, false, l.agreementsByYear, years)
		lists = append(lists, ys)
	}
	for _, id := range signatories {
		lists = append(lists, l.agreementsSigned[id])
	}
	if status != "" {
		lists = append(lists, l.agreementsStatus[status])
	}
	limit = max(limit, 0)
	switch len(lists) {
	case 0:
		return b.Agreements[:min(len(b.Agreements), limit)], len(b.Agreements)
	case 1:
		// one list read as it is: no work for the matches beyond limit
	default:
		slices.SortStableFunc(lists, func(x, y []int) int { return cmp.Compare(len(x), len(y)) })
		ids := intersectIDs(lists[0], lists[1])
		for _, l := range lists[2:] {
			ids = withinIDs(ids, l)
		}
		lists[0] = ids
	}
	ids := lists[0]
	return pickIDs(b.Agreements, ids[:min(len(ids), limit)], true), len(ids)
}

// AgreementsNamed returns the agreements between all the given parties
// (at least one), signed or expiring in one of the years (any year if
// none), whose names' index terms are all among terms (as Terms returns
// them): the agreements a question naming them could mean. They come in ID
// order.
func (b *Base) AgreementsNamed(terms, parties []string, years []int) []*Agreement {
	if len(parties) == 0 || len(terms) == 0 {
		return nil
	}
	var lists [][]int
	for i, t := range terms {
		if slices.Contains(terms[:i], t) {
			continue
		}
		for _, n := range b.look.namesByFirst[t] {
			name := b.look.agreementNames[n]
			if allIn(name.terms, terms) {
				lists = append(lists, name.ids)
			}
		}
	}
	ids := unionIDs(lists...)
	// parties with a bit are checked by it, others by their lists
	var want uint64
	for _, p := range parties {
		if bit, ok := b.look.partyBit[p]; ok {
			want |= bit
		} else {
			ids = withinIDs(ids, b.look.agreementsParty[p])
		}
	}
	if want != 0 {
		kept := ids[:0]
		for _, id := range ids {
			if b.look.agreementParties[id]&want == want {
				kept = append(kept, id)
			}
		}
		ids = kept
	}
	var out []*Agreement
	for _, id := range ids {
		a := b.Agreements[id]
		if len(years) > 0 && !slices.Contains(years, a.Signed.Year) && !slices.Contains(years, a.Expires.Year) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// allIn reports whether every one of xs is among ys.
func allIn(xs, ys []string) bool {
	for _, x := range xs {
		if !slices.Contains(ys, x) {
			return false
		}
	}
	return true
}

// AgreementsOfDoc returns the agreements a release names, in ID order.
func (b *Base) AgreementsOfDoc(doc int) []*Agreement {
	as := b.Agreements
	i := sort.Search(len(as), func(k int) bool { return as[k].Doc >= doc })
	j := i
	for j < len(as) && as[j].Doc == doc {
		j++
	}
	return as[i:j]
}

// SingleAliases returns the one-word aliases whose length in bytes is
// between lo and hi, in the order of Aliases.
func (b *Base) SingleAliases(lo, hi int) []string {
	var idx []int
	for n := max(lo, 0); n <= hi; n++ {
		for _, i := range b.look.aliasByLen[n] {
			idx = append(idx, int(i))
		}
	}
	if hi > lo {
		sort.Ints(idx)
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = b.aliasList[i]
	}
	return out
}
