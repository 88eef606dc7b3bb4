package bot

import (
	"slices"
	"strings"
	"unicode"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// answerKind is the kind of thing an answer must hold: a person for "who
// …?", a date for "when …?", a figure for "how many …?". A passage answer
// (search.go) prefers, and for the kinds that name a thing requires, a
// sentence or a short window of neighbouring sentences that holds one.
type answerKind uint8

const (
	// kindText asks for a description: "what …?", "how …?".
	kindText answerKind = iota
	// kindPerson asks who: a person, or a body acting as one.
	kindPerson
	// kindPeople asks for several people: "which ministers …?", "who were …?".
	kindPeople
	// kindDate asks when.
	kindDate
	// kindPlace asks where.
	kindPlace
	// kindNumber asks how many, how much, how long.
	kindNumber
	// kindCountries asks which countries.
	kindCountries
	// kindDocument asks which agreement, treaty, memorandum or document.
	kindDocument
	// kindReason asks why.
	kindReason
	// kindYesNo asks whether.
	kindYesNo
	// kindThing asks "which X …?" for some other X (query.focus).
	kindThing
)

// kindNames are the kinds' names, for tests and logs.
var kindNames = [...]string{"text", "person", "people", "date", "place", "number", "countries", "document", "reason", "yes-no", "thing"}

// String names the kind.
func (k answerKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// names reports whether an answer of the kind must name something of it
// (a person, a date, a place, a figure, a country): a sentence that does
// not is no answer. The other kinds only prefer such a sentence.
func (k answerKind) names() bool {
	switch k {
	case kindPerson, kindPeople, kindDate, kindPlace, kindNumber, kindCountries, kindReason:
		return true
	}
	return false
}

// kindOf reads the kind of answer a folded question asks for, from its
// question word and the noun after it.
func kindOf(q string) answerKind {
	switch {
	case reAsksReason.MatchString(q):
		return kindReason
	case reWhen.MatchString(q):
		return kindDate
	case reAsksCountries.MatchString(q):
		return kindCountries
	case reHowMany.MatchString(q) || reCountQ.MatchString(q) || reMeasureQ.MatchString(q):
		return kindNumber
	case reWhere.MatchString(q):
		return kindPlace
	case opensNoun(reAsksPeople, q):
		return kindPeople
	case opensNoun(reAsksPerson, q):
		return kindPerson
	case opensNoun(reAsksDocument, q):
		return kindDocument
	case reAsksYesNo.MatchString(q):
		return kindYesNo
	}
	return kindText
}

// countriesIn returns the countries a text names, by name or adjective
// ("the Lithuanian-Belarusian border": Lithuania and Belarus), once each in
// the order written.
func countriesIn(text string) []string {
	ws := lang.Words(text)
	var out []string
	for i := 0; i < len(ws); i++ {
		found := false
		for size := 3; size >= 2 && !found; size-- {
			if i+size <= len(ws) {
				if c := lang.CountryOf(strings.Join(ws[i:i+size], " ")); c != "" {
					out = appendStr(out, c)
					i += size - 1
					found = true
				}
			}
		}
		if found {
			continue
		}
		w := ws[i]
		if !isCapitalizedWord(w) && !isAllCaps(w) {
			continue // "polish" the verb, "turkey" the bird
		}
		if c := lang.CountryOf(w); c != "" {
			out = appendStr(out, c)
			continue
		}
		for _, c := range hyphenCountries(lang.Fold(w)) {
			out = appendStr(out, c)
		}
	}
	return out
}

// isAllCaps reports whether w has two or more letters, all capitals ("UK").
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// sentenceKind reports whether sentence s holds an answer of the kind the
// query asks for: a person other than those it names (or, with bodies, a
// body acting as one, for a "who" question other than "who is"), a date,
// a place it does not name, a figure, a country it does not name, an
// agreement, a cause; for a "which X" question, an X.
func (a *answerer) sentenceKind(p *query, s int, bodies bool) bool {
	text := a.b.Sentences[s].Text
	switch p.kind {
	case kindPerson, kindPeople:
		for _, q := range a.b.PeopleIn(s) {
			if a.personFits(p, q, text) {
				return true
			}
		}
		// a body that acts, of one of the question's countries where it
		// names any: not the parties of "the protocol between A and B was
		// signed", a passive with no agent
		return bodies && p.kind == kindPerson && p.intent != IntentWhoIs && reAsksWho.MatchString(p.folded) && reBodyName.MatchString(text) &&
			(!rePassive.MatchString(text) || strings.Contains(text, " by ")) &&
			(len(p.whose) == 0 || slices.ContainsFunc(countriesIn(text), func(c string) bool { return slices.Contains(p.whose, c) }))
	case kindDate:
		if p.start && !reStartCue.MatchString(text) || p.before && !reEarlierCue.MatchString(text) {
			// "since when …?", "when was the previous …?": a date of the
			// start, or of the earlier event
			return false
		}
		return len(dates.DatesIn(text, a.b.Doc(s).Date)) > 0 || hasWeekday(text)
	case kindPlace:
		return a.placeIn(p, s)
	case kindNumber:
		if reHowOften.MatchString(p.folded) {
			return reFrequency.MatchString(text)
		}
		if len(p.counted) > 0 {
			// a figure or a list of what it counts: "nine participants",
			// "Finland, Norway and Poland" for "how many countries"
			terms := a.sentTerms(s)
			all := !slices.ContainsFunc(p.counted, func(t string) bool { return !slices.Contains(terms, t) })
			countries := len(p.counted) == 1 && countryNouns[p.counted[0]]
			if len(p.counted) == 1 && anyoneTerms[p.counted[0]] {
				all = true // "how many people …?": "900 asylum seekers"
			}
			return all && hasFigure(text) || countries && len(countriesIn(text)) >= 2
		}
		if asksMeasure(p.folded) {
			return hasMeasure(text) // "how long is the border?": "1,340 km", not "the two countries"
		}
		if reCountQ.MatchString(p.folded) {
			return hasFigure(text) || enumerates(text)
		}
		return hasNumber(text)
	case kindCountries:
		for _, c := range countriesIn(text) {
			if !slices.Contains(p.countries, c) {
				return true
			}
		}
		return false
	case kindDocument:
		return a.b.AgreementOf(s) != nil || reDocumentWord.MatchString(text)
	case kindReason:
		return reReasonCue.MatchString(text)
	case kindThing:
		return hasAnyTerm(text, p.focus)
	}
	return true
}

// placeIn reports whether sentence s names a place or country the query
// does not name.
func (a *answerer) placeIn(p *query, s int) bool {
	m := a.b.MeetingOf(s)
	if m != nil {
		for _, pl := range m.Places {
			if pl.Evidence == s && !slices.Contains(p.places, pl.Name) {
				return true
			}
		}
	}
	for _, w := range lang.Words(a.b.Sentences[s].Text) {
		if !isCapitalizedWord(w) {
			continue
		}
		if pl := a.b.Place(knowledge.PlaceKey(w)); pl != "" && !slices.Contains(p.places, pl) {
			return true
		}
	}
	for _, c := range countriesIn(a.b.Sentences[s].Text) {
		if !slices.Contains(p.countries, c) && !slices.Contains(p.inCountry, c) {
			return true
		}
	}
	return false
}

// personIn reports whether q is one of ps.
func personIn(q *knowledge.Person, ps []*knowledge.Person) bool {
	for _, x := range ps {
		if x.ID == q.ID {
			return true
		}
	}
	return false
}

// hasWeekday reports whether text names a day of the week.
func hasWeekday(text string) bool {
	for _, w := range lang.Words(text) {
		if dates.IsWeekday(w) {
			return true
		}
	}
	return false
}

// hasAnyTerm reports whether text holds one of terms (index terms).
func hasAnyTerm(text string, terms []string) bool {
	if len(terms) == 0 {
		return false
	}
	for _, t := range lang.Terms(text) {
		if slices.Contains(terms, t) {
			return true
		}
	}
	return false
}

// countriesNear returns the countries named within six words of the
// first mention of name in text ("from Germany – Mr Simon Stermann",
// "Maria Malmer Stenergard – Swedish Minister of Migration").
func countriesNear(text, name string) []string {
	ws := lang.Words(text)
	last := lang.Words(name)
	if len(last) == 0 {
		return nil
	}
	at := -1
	for i, w := range ws {
		if strings.EqualFold(lang.Fold(w), lang.Fold(last[len(last)-1])) {
			at = i
			break
		}
	}
	if at < 0 {
		return nil
	}
	lo, hi := max(at-len(last)-6, 0), min(at+7, len(ws))
	return countriesIn(strings.Join(ws[lo:hi], " "))
}

// opensNoun reports whether re matches q with no auxiliary verb among its
// words: "which ministers met …?" asks for ministers, "what do the
// ministers want?" does not.
func opensNoun(re *quickRegexp, q string) bool {
	m := re.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	for _, w := range strings.Fields(m[0]) {
		if auxiliaries[w] {
			return false
		}
	}
	return true
}

// personFits reports whether q, named in a sentence of text, may be a
// person the question asks for: not one it names, and of one of the
// countries it asks the person's of (query.whose) ("who represented Finland …?", "which
// Danish officials …?"): by the releases' record, or by a country written
// next to the name ("Ms X – Swedish Minister of …").
func (a *answerer) personFits(p *query, q *knowledge.Person, text string) bool {
	if personIn(q, p.people) {
		return false
	}
	return len(p.whose) == 0 || slices.Contains(p.whose, q.Country) ||
		q.Country == "" && slices.ContainsFunc(countriesNear(text, q.Surname()), func(c string) bool { return slices.Contains(p.whose, c) })
}
