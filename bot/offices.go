package bot

import (
	"slices"
	"sort"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// officeIndex holds, for one base, each person's office words as index
// terms and the people by term and by country: what questions that
// describe people instead of naming them are matched against. A Bot
// builds it on the first such question after a base is loaded.
type officeIndex struct {
	base      *knowledge.Base
	terms     [][][]string     // by person ID and office: the distinct terms of the office's title, sorted
	byTerm    map[string][]int // term to the IDs of people whose offices hold it, ascending
	byCountry map[string][]int // country to the IDs of people serving it, ascending
}

func newOfficeIndex(b *knowledge.Base) *officeIndex {
	x := &officeIndex{base: b, terms: make([][][]string, len(b.People)), byTerm: map[string][]int{}, byCountry: map[string][]int{}}
	for _, p := range b.People {
		var all []string
		x.terms[p.ID] = make([][]string, len(p.Offices))
		for i, o := range p.Offices {
			ts := lang.Terms(o.Title)
			slices.Sort(ts)
			x.terms[p.ID][i] = slices.Compact(ts)
			all = append(all, ts...)
		}
		slices.Sort(all)
		for _, t := range slices.Compact(all) {
			x.byTerm[t] = append(x.byTerm[t], p.ID)
		}
		if p.Country != "" {
			x.byCountry[p.Country] = append(x.byCountry[p.Country], p.ID)
		}
	}
	return x
}

// officeScore scores office i of person id for an office query: nothing
// (-1) when heads are asked for and the office holds none of them, else 1,
// plus 2 for each content word it holds and 1 for each it holds a
// portfolio synonym of, less 1 for a lesser rank ("deputy") the question
// does not ask for.
func (x *officeIndex) officeScore(id, i int, heads, domain []string) int {
	ts := x.terms[id][i]
	has := func(t string) bool {
		_, ok := slices.BinarySearch(ts, t)
		return ok
	}
	if len(heads) > 0 && !slices.ContainsFunc(heads, has) {
		return -1
	}
	score := 1
	for _, d := range domain {
		if has(d) {
			score += 2
		} else if slices.ContainsFunc(officeSynonyms[d], has) {
			score++
		}
	}
	for _, m := range lesserRanks {
		if has(m) && !slices.Contains(domain, m) {
			score-- // a deputy minister is not "the minister"
		}
	}
	return score
}

// bestOffice returns the best score of person id's offices for an office
// query and the first office with it; -1 and -1 when none holds a head
// asked for. With no heads, a person without offices scores 1.
func (x *officeIndex) bestOffice(id int, heads, domain []string) (score, office int) {
	score, office = -1, -1
	if len(heads) == 0 {
		score = 1
	}
	for i := range x.terms[id] {
		if s := x.officeScore(id, i, heads, domain); s > score {
			score, office = s, i
		}
	}
	return score, office
}

// offices returns the office index of the answerer's base, from the Bot's
// cache when there is a Bot.
func (a *answerer) offices() *officeIndex {
	if a.officeIdx == nil {
		if a.bot != nil {
			a.officeIdx = a.bot.officeIndex(a.b)
		} else {
			a.officeIdx = newOfficeIndex(a.b)
		}
	}
	return a.officeIdx
}

// officeIndex returns the office index of base, building it when the
// cached one is of another base (or none).
func (b *Bot) officeIndex(base *knowledge.Base) *officeIndex {
	if x := b.offices.Load(); x != nil && x.base == base {
		return x
	}
	x := newOfficeIndex(base)
	if base == b.Base() {
		b.offices.Store(x) // not for a base already replaced: it would stay in memory
	}
	return x
}

// describedPeople finds the people a question describes by office instead
// of naming them: "the Russian interior minister", "the Finnish and Russian
// justice ministers", "the Finnish ambassador in Moscow", "the head of the
// North-West Customs Office". A person's best office counts: it must hold
// one of the question's head words ("minister", "head"; "head" and "chief"
// stand for each other) as a word, not inside another ("headquarters").
// Each other content word of the question, places included, counts twice
// when that office holds it ("customs", "north", "west", "riga") and once
// when it holds a word of the same portfolio ("home" or "interior" for
// "internal"); serving a country the question names counts once, and
// serving another rules a person out. Only the best-scoring people are
// returned, and none when more than six tie.
func describedPeople(x *officeIndex, p *query) []*knowledge.Person {
	heads, domain, _ := officeQuery(p)
	if len(heads) == 0 {
		return nil
	}
	out := peopleByOffice(x, p, heads, domain, false)
	if len(out) > 6 {
		return nil
	}
	return out
}

// officeQuery reads what a question says of people it does not name: the
// head words of an office it names (with the words that stand for them),
// its other content words and places as index terms, and whether it
// speaks of people in general ("officials", "people"); nothing when it
// does neither.
func officeQuery(p *query) (heads, domain []string, generic bool) {
	heads, rest, generic := officeWords(p)
	if len(heads) == 0 && !generic {
		return nil, nil, false // no office asked about: no need for the rest
	}
	return uniq(heads), domainTerms(rest, p), generic
}

// officeDomain returns the content words of a question that describes an
// office without a head word ("who leads the Finnish police?": police),
// as officeQuery reads them.
func officeDomain(p *query) []string {
	_, rest, _ := officeWords(p)
	return domainTerms(rest, p)
}

// officeWords sorts the words of a question that name nothing: head words
// of offices (as the terms that stand for them), the rest of its content
// words, and whether one speaks of people in general.
func officeWords(p *query) (heads, rest []string, generic bool) {
	for i, w := range p.words {
		if p.used[i] {
			continue
		}
		switch s := strings.TrimSuffix(w, "s"); {
		case officeHeads[s]:
			heads = append(heads, lang.Terms(headAlts[s])...)
		case genericPeople[w]:
			generic = true
		case !questionWords[w] && lang.CountryOf(w) == "":
			rest = append(rest, w)
		}
	}
	return heads, rest, generic
}

// domainTerms returns the index terms of the words rest and of the
// question's places, once each.
func domainTerms(rest []string, p *query) []string {
	return uniq(lang.Terms(strings.Join(append(rest, p.places...), " ")))
}

// peopleByOffice returns the best-scoring people for an office query (see
// describedPeople), in the base's order: with no heads, anyone may fit,
// and then a country or a content word must; with no heads, content
// words or countries at all, everyone fits. For a list, every person a
// content word or country fits is kept (the best first, an interior
// minister before a minister of internal affairs), or, when none does,
// everyone who holds a head word ("which ambassadors are mentioned?").
// Only people who hold a head word, or serve a country asked for, or hold
// a content word (or its synonym) are looked at, from the index's lists.
func peopleByOffice(x *officeIndex, q *query, heads, domain []string, list bool) []*knowledge.Person {
	everyone := len(heads) == 0 && len(domain) == 0 && len(q.countries) == 0 || list && len(heads) > 0
	var cands []int
	switch {
	case len(heads) > 0 && len(q.countries) > 0:
		cands = intersectSorted(unionLists(x.byTerm, heads), unionLists(x.byCountry, q.countries))
	case len(heads) > 0:
		cands = unionLists(x.byTerm, heads)
	case len(q.countries) > 0:
		cands = unionLists(x.byCountry, q.countries)
	case everyone:
		cands = make([]int, len(x.base.People))
		for i := range cands {
			cands[i] = i
		}
	default:
		var ts []string
		for _, d := range domain {
			ts = append(ts, d)
			ts = append(ts, officeSynonyms[d]...)
		}
		cands = unionLists(x.byTerm, ts)
	}
	type scored struct {
		id, score int
	}
	var found []scored
	best := 0
	for _, id := range cands {
		p := x.base.People[id]
		if len(q.countries) > 0 && !slices.Contains(q.countries, p.Country) {
			continue
		}
		score, _ := x.bestOffice(id, heads, domain)
		if score < 0 {
			continue // no one office holds a head word
		}
		if len(q.countries) > 0 {
			score++
		}
		if score < 2 && !everyone {
			continue
		}
		found = append(found, scored{id, score})
		best = max(best, score)
	}
	if list {
		sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	}
	var out []*knowledge.Person
	for _, c := range found {
		if c.score == best || list && c.score >= min(best, 2) {
			out = append(out, x.base.People[c.id])
		}
	}
	return out
}

// intersectSorted returns the IDs in both ascending lists.
func intersectSorted(a, b []int) []int {
	var out []int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// unionLists returns the ascending union of the lists under keys.
func unionLists(lists map[string][]int, keys []string) []int {
	var out []int
	for _, k := range keys {
		out = append(out, lists[k]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
