package bot

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// requiredTerms are the entities a question names: countries, people and
// years. An answer must come from a release that mentions every one of
// them, or it answers some other question.
func (a *answerer) requiredTerms(p *query) []string {
	if a.reqDone {
		return a.required
	}
	a.reqDone = true
	for _, t := range lang.Terms(p.text) {
		if countryStems[t] {
			a.required = appendStr(a.required, t)
		}
	}
	n := a.literalNames(p)
	for _, q := range append(slices.Clone(n.people), p.recalled...) {
		for _, t := range lang.Terms(q.Surname()) {
			a.required = appendStr(a.required, t)
		}
	}
	for _, pl := range n.places {
		// the longest word of a place ("petersburg" of "St. Petersburg")
		longest := ""
		for _, t := range lang.Terms(pl) {
			if len(t) > len(longest) {
				longest = t
			}
		}
		if longest != "" {
			a.required = appendStr(a.required, longest)
		}
	}
	for _, y := range years(p.folded) {
		a.required = appendStr(a.required, fmt.Sprint(y))
	}
	if u, ok := a.unmentioned(p); ok {
		// a name no release uses: no release can answer
		for _, t := range lang.Terms(u) {
			a.required = appendStr(a.required, t)
		}
	}
	for _, w := range a.properNouns(p) {
		// the name of a body or thing ("Europol", "Frontex") is as much a
		// name as a person's
		for _, t := range lang.Terms(w) {
			a.required = appendStr(a.required, t)
		}
	}
	return a.required
}

// properNouns returns the words of a question, other than its first,
// that are capitalised and that the releases write capitalised wherever
// they use them ("Europol", "Interpol", "Salzburg"): names of bodies and
// things, not ordinary words a question capitalises ("the Border Guard").
// People, places and countries are read elsewhere.
func (a *answerer) properNouns(p *query) []string {
	if p.proper != nil {
		return *p.proper
	}
	out := []string{}
	defer func() { p.proper = &out }()
	ws := lang.Words(p.text)
	for i, w := range ws {
		if i == 0 || !isCapitalizedWord(w) || isAbbreviation(w) && len(w) <= 2 {
			continue
		}
		f := strings.ToLower(lang.Fold(w))
		if questionWords[f] || lang.CountryOf(f) != "" || dates.MonthOf(f) != 0 || dates.IsWeekday(f) ||
			a.b.Place(knowledge.PlaceKey(w)) != "" {
			continue
		}
		if slices.ContainsFunc(p.people, func(q *knowledge.Person) bool { return strings.Contains(lang.Fold(q.Name), lang.Fold(w)) }) {
			continue
		}
		if a.alwaysCapitalised(w) {
			out = append(out, w)
		}
	}
	return out
}

// alwaysCapitalised reports whether the releases write word w capitalised
// in every one of up to 12 sentences that hold its term (the best ranked
// for it), and hold it at all.
func (a *answerer) alwaysCapitalised(w string) bool {
	terms := lang.Terms(w)
	if len(terms) != 1 || !a.b.Index().Has(terms[0]) {
		return false
	}
	fw := lang.Fold(w)
	seen := 0
	for _, h := range a.b.Search(terms, 12) {
		for _, x := range lang.Words(a.b.Sentences[h.Sentence].Text) {
			if !strings.EqualFold(lang.Fold(x), fw) {
				continue
			}
			if !isCapitalizedWord(x) {
				return false
			}
			seen++
		}
	}
	return seen > 0
}

// datesFit reports whether a release gives a date on each day and in each
// month the question names (its publication date, or a date its text
// writes or resolves, "today" included): "which meetings took place in
// May 2019?" is not answered from a release with no date in May 2019.
func (a *answerer) datesFit(p *query, doc int) bool {
	if len(p.days) == 0 && len(p.months) == 0 {
		return true
	}
	ds := a.datesOf(doc)
	if len(ds) == 0 {
		return true // a release that gives no date cannot be told apart
	}
	for _, want := range p.days {
		if !slices.ContainsFunc(ds, func(d dates.Date) bool { return onDay(d, want) }) {
			return false
		}
	}
	for _, want := range p.months {
		if !slices.ContainsFunc(ds, func(d dates.Date) bool {
			return d.Month == want.Month && (want.Year == 0 || d.Year == want.Year)
		}) {
			return false
		}
	}
	return true
}

// datesOf returns the dates a release gives: its own, and those its
// sentences write, resolved against it.
func (a *answerer) datesOf(doc int) []dates.Date {
	if a.docDates == nil {
		a.docDates = map[int][]dates.Date{}
	}
	ds, ok := a.docDates[doc]
	if !ok {
		d := a.b.Docs[doc]
		if !d.Date.IsZero() {
			ds = append(ds, d.Date)
		}
		for _, s := range d.Sentences {
			ds = append(ds, dates.DatesIn(a.b.Sentences[s].Text, d.Date)...)
		}
		a.docDates[doc] = ds
	}
	return ds
}

// docHas reports whether a release mentions every term (a year also
// counts when it is the release's date or a date it resolves).
func (a *answerer) docHas(doc int, terms []string) bool {
	for _, t := range terms {
		if !a.b.DocHasTerm(doc, t) && !(isNumber(t) && a.yearsOf(doc)[t]) {
			return false
		}
	}
	return true
}

// yearsOf returns the years a release gives as its date or resolves from
// relative dates ("last year").
func (a *answerer) yearsOf(doc int) map[string]bool {
	if a.docYears == nil {
		a.docYears = map[int]map[string]bool{}
	}
	set, ok := a.docYears[doc]
	if !ok {
		set = map[string]bool{}
		d := a.b.Docs[doc]
		if d.Date.Year != 0 {
			set[fmt.Sprint(d.Date.Year)] = true
		}
		// years the release gives only in relative form ("last year")
		for _, s := range d.Sentences {
			if m := a.b.MeetingOf(s); m != nil && m.Date.Year != 0 {
				set[fmt.Sprint(m.Date.Year)] = true
			}
			if ag := a.b.AgreementOf(s); ag != nil {
				for _, dt := range []dates.Date{ag.Signed, ag.Expires, ag.InForce} {
					if dt.Year != 0 {
						set[fmt.Sprint(dt.Year)] = true
					}
				}
			}
		}
		a.docYears[doc] = set
	}
	return set
}

// unmentioned returns a name-like word of the question (capitalised other
// than as an opening word set off by punctuation, or any word of a
// command) that no release uses, that names no one and no place (a
// mistyped place is read as the place) and is not a month or weekday:
// "/meetings Orpo" over releases that never mention Orpo. Answering
// without it would answer another question.
func (a *answerer) unmentioned(p *query) (string, bool) {
	// a first word set off by punctuation ("Quickly: who …", "Please,
	// when …") is capitalised as the question's first word, not as a name
	first := ""
	if m := reOpeningWord.FindStringSubmatch(p.text); m != nil {
		first = m[1]
	}
	for _, u := range p.unknown {
		u = strings.TrimSuffix(strings.TrimSuffix(u, "'s"), "’s") // "Bastrykin's talks"
		if !p.command && (!isCapitalizedWord(u) || strings.Fields(u)[0] == first) {
			continue
		}
		if !strings.ContainsAny(u, "-'’") && !a.indexed(u) && dates.MonthOf(u) == 0 && !dates.IsWeekday(u) && !isAbbreviation(u) {
			return u, true
		}
	}
	return "", false
}

// neverMentioned answers "not found" with msg, a format for the word
// ("The releases never mention %s."), when the question has a word
// unmentioned finds; ok is false when it has none.
func (a *answerer) neverMentioned(p *query, msg string) (Reply, bool) {
	u, ok := a.unmentioned(p)
	if !ok {
		return Reply{}, false
	}
	r := a.notFound(p, fmt.Sprintf(msg, clip(u, 60)))
	r.final = true
	return r, true
}

// indexed reports whether one of the index terms of s is a word of the
// releases.
func (a *answerer) indexed(s string) bool {
	for _, t := range lang.Terms(s) {
		if a.b.Index().Has(t) {
			return true
		}
	}
	return false
}

// isAbbreviation reports whether w is an abbreviation ("MSWiA", "MoU"):
// two or more capitals in one word. One the releases do not use may stand
// for words they do, so it is not taken for a name they never mention.
func isAbbreviation(w string) bool {
	if strings.Contains(w, " ") {
		return false
	}
	caps := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return caps >= 2
}
