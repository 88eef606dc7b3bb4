package bot

import (
	"fmt"
	"slices"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

func (a *answerer) where(p *query) Reply {
	if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
		return r
	}
	if reAsksNext.MatchString(p.folded) {
		return a.nextMeeting(p, IntentWhere)
	}
	subj := a.subjects(p)
	if len(subj) > 0 && len(p.people) > 0 {
		ms, _ := a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], p.bare())
		var withPlace []*knowledge.Meeting
		for _, m := range ms {
			if len(m.Places) > 0 {
				withPlace = append(withPlace, m)
			}
		}
		if len(withPlace) > 0 {
			var nm []string
			for _, q := range subj {
				nm = append(nm, q.Name)
			}
			r := Reply{Found: true, Intent: IntentWhere}
			src := a.newSources()
			var places []string
			for _, m := range withPlace {
				places = append(places, strings.Join(placeNames(m), ", then "))
				r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
				src.add(a.placeEvidence(m))
			}
			verb := "met"
			if len(subj) == 1 {
				verb = "met people"
			}
			r.Summary = fmt.Sprintf("%s %s in %s.", joinAnd(nm), verb, joinAnd(uniq(places)))
			r.Sources = src.out
			a.rememberMeetings(withPlace)
			return r
		}
	}
	if len(subj) == 0 && len(p.ambiguous) > 0 {
		return a.ambiguity(p, p.ambiguous[0])
	}
	if len(p.people) > 1 && !p.agreement {
		return a.noJointMeeting(p)
	}
	if ms := a.recalledMeetings(); isFollowUp(p) && len(ms) > 0 {
		// "and where was that?", "where did they meet?" after a list:
		// each meeting's place
		if r, ok := a.meetingPlaces(ms); ok {
			return r
		}
	}
	if p.agreement {
		if ag, _, ok := a.anchorAgreement(p); ok && ag.Place != "" {
			r := Reply{Found: true, Intent: IntentWhere, Summary: fmt.Sprintf("The %s was signed in %s.", ag.Name, ag.Place)}
			src := a.newSources()
			src.add(ag.SignedEvidence)
			r.Sources = src.out
			a.rememberAgreement(ag.ID)
			return r
		}
	}
	if m, h, ok := a.anchorMeeting(p); ok && len(m.Places) > 0 && !a.sentenceHasOtherPlace(h.Sentence, m) {
		r := a.meetingPlace(m)
		r.anchored, r.anchor = true, h.Sentence
		if !a.mentionsPlace(h.Sentence, m) {
			r.Details = append(r.Details, a.b.Sentences[h.Sentence].Text)
			r.Sources = append(r.Sources, a.source(h.Sentence))
		}
		return r
	}
	return a.search(p)
}

func (a *answerer) mentionsPlace(s int, m *knowledge.Meeting) bool {
	t := lang.Fold(a.b.Sentences[s].Text)
	for _, p := range m.Places {
		if strings.Contains(t, lang.Fold(p.Name)) {
			return true
		}
	}
	return false
}

func (a *answerer) placeEvidence(m *knowledge.Meeting) int {
	if len(m.Places) > 0 {
		return m.Places[0].Evidence
	}
	return m.Anchor
}

func (a *answerer) meetingPlace(m *knowledge.Meeting) Reply {
	r := Reply{Found: true, Intent: IntentWhere, meeting: true}
	what := "The meeting"
	if m.Name != "" {
		what = "The meeting of the " + m.Name
	}
	verb := "was held"
	if a.planned(m) {
		verb = "is to be held"
	}
	r.Summary = fmt.Sprintf("%s %s in %s (%s).", what, verb, strings.Join(placesWithCountry(m), ", then "), a.meetingDate(m))
	r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
	src := a.newSources()
	for _, pl := range m.Places {
		src.add(pl.Evidence)
		if a.b.Sentences[pl.Evidence].Title {
			// the headline names the place; the body says more of it
			// ("met in Rosendal, western Norway, …")
			for _, s := range m.Sentences {
				if !a.b.Sentences[s].Title && strings.Contains(a.b.Sentences[s].Text, pl.Name) {
					src.add(s)
					break
				}
			}
		}
	}
	r.Sources = src.out
	a.rememberMeeting(m)
	return r
}

func (a *answerer) when(p *query) Reply {
	if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
		return r
	}
	if p.agreement && p.field != "" {
		if ag, h, ok := a.anchorFieldAgreement(p); ok {
			if r, ok := a.terminationDate(p, ag); ok {
				return r
			}
			if r, ok := a.unsignedBy(p, ag); ok {
				return r
			}
			if r, ok := a.agreementField(ag, p.field, h); ok {
				return r
			}
			if r, ok := a.fieldUnknown(p, ag); ok {
				return r
			}
		}
	}
	if !p.agreement && reAsksNext.MatchString(p.folded) {
		return a.nextMeeting(p, IntentWhen)
	}
	subj := a.subjects(p)
	if !p.agreement && !meetingCue(p.folded) {
		if r, ok := a.datedSentence(p, subj); ok {
			return r
		}
		if reOfficeEvent.MatchString(p.folded) {
			r := a.notFound(p, "The releases don't say when that happened.")
			if len(subj) > 0 {
				r.Suggestions = append(r.Suggestions, Suggestion{Label: "Who is " + subj[0].Name + "?", Query: "/who-is " + subj[0].Name})
			}
			return r
		}
	}
	if len(subj) > 0 && len(p.people) > 0 {
		ms, _ := a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], p)
		if len(ms) > 0 {
			return a.meetingDates(subj, ms)
		}
		if len(p.people) > 1 && !p.agreement {
			return a.noJointMeeting(p)
		}
	}
	if len(subj) == 0 && len(p.ambiguous) > 0 {
		return a.ambiguity(p, p.ambiguous[0])
	}
	if ms := a.recalledMeetings(); isFollowUp(p) && len(ms) > 0 {
		return a.meetingDates(nil, ms)
	}
	if m, h, ok := a.anchorMeeting(p); ok && !m.Date.IsZero() && !a.sentenceHasOtherDate(h.Sentence, m) {
		r := a.meetingDates(nil, []*knowledge.Meeting{m})
		r.anchored, r.anchor = true, h.Sentence
		if h.Sentence != m.DateEvidence {
			r.Details = append(r.Details, a.b.Sentences[h.Sentence].Text)
			r.Sources = append(r.Sources, a.source(h.Sentence))
		}
		return r
	}
	if p.agreement {
		if ag, h, ok := a.anchorAgreement(p); ok {
			if r, ok := a.agreementField(ag, "sign", h); ok {
				return r
			}
		}
	}
	return a.search(p)
}

// nextMeeting answers where or when (intent) a meeting still to come will
// be: the first of the question's best sentences (within half the best
// score) in a release holding the question's other words, that belongs
// to a meeting after its release's date, or says a meeting is to come, of
// the people the question names if any. With none, the releases don't
// say, whatever past meeting matches better.
func (a *answerer) nextMeeting(p *query, intent Intent) Reply {
	what := "where the next meeting will be held"
	if intent == IntentWhen {
		what = "when the next meeting will be"
	}
	hs := a.hits(p, 8)
	subj := a.subjects(p)
	// the words that say which meeting ("the customs working group"):
	// its release must hold them
	which := lang.Terms(strings.Join(p.freeWords(0, reAsksNext.MatchString), " "))
	for _, h := range hs {
		if h.Score < hs[0].Score*0.5 {
			break
		}
		m := a.b.MeetingOf(h.Sentence)
		text := a.b.Sentences[h.Sentence].Text
		if len(subj) > 0 && (m == nil || !slices.ContainsFunc(subj, func(q *knowledge.Person) bool { return slices.Contains(m.Participants, q.ID) })) {
			continue
		}
		if !a.docHas(a.b.Sentences[h.Sentence].Doc, which) {
			continue
		}
		switch {
		case m != nil && a.planned(m) && intent == IntentWhere && len(m.Places) > 0:
			return a.meetingPlace(m)
		case m != nil && a.planned(m) && intent == IntentWhen:
			return a.meetingDates(nil, []*knowledge.Meeting{m})
		case reSaysNext.MatchString(text):
			src := a.newSources()
			src.add(h.Sentence)
			a.rememberSentence(h.Sentence)
			return Reply{Found: true, Intent: intent, Summary: text, Sources: src.out}
		}
	}
	// the best sentences were read for a meeting to come already
	r := a.notFound(p, "The releases don't say "+what+".")
	r.final = true
	return r
}

// datedSentence answers a "when" question about an event other than a
// meeting ("when did Odlo take over as chief?") with the best sentence
// that matches it and writes a date, among those within 80 % of the best
// score; when the question names people, the sentence must name one of
// them. A date the sentence writes relatively ("last summer") is given
// resolved. ok is false when no such sentence is close enough, or when the
// best dated sentence gives the date of the meeting it belongs to (the
// meeting answer gives that).
func (a *answerer) datedSentence(p *query, subj []*knowledge.Person) (Reply, bool) {
	hs := a.hits(p, 8)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return Reply{}, false
	}
	asked := map[string]bool{}
	for _, t := range lang.Terms(strings.Join(p.freeWords(0, meetingCue), " ")) {
		asked[t] = true
	}
	for _, h := range hs {
		if h.Score < hs[0].Score*0.6 {
			break
		}
		if len(subj) > 0 && !slices.ContainsFunc(a.b.PeopleIn(h.Sentence), func(q *knowledge.Person) bool { return slices.Contains(subj, q) }) {
			continue
		}
		text := a.b.Sentences[h.Sentence].Text
		ds := dates.DatesIn(text, a.b.Doc(h.Sentence).Date)
		if len(ds) == 0 {
			continue
		}
		// of several dates, the one the question's words stand by: "the
		// decision of 22 November 2023 to close the crossing points",
		// not the day the ambassador reported it
		picked, chosen := nearestDate(text, ds, asked)
		if chosen {
			ds = []dates.Date{picked}
		} else if h.Score < hs[0].Score*0.8 {
			// a weaker match answers only with the date its words
			// point to
			continue
		}
		if m := a.b.MeetingOf(h.Sentence); m != nil && !m.Date.IsZero() &&
			slices.ContainsFunc(ds, func(d dates.Date) bool { return d.ISO() == m.Date.ISO() }) {
			return Reply{}, false // the date of a meeting: the meeting answer gives it
		}
		r := Reply{Found: true, Intent: IntentWhen, Summary: text}
		if chosen {
			r.Summary = upperFirst(picked.Human()) + ", going by this sentence:"
			r.Details = append(r.Details, text)
		}
		for _, d := range ds {
			if hd := d.Human(); !strings.Contains(text, hd) {
				r.Details = append(r.Details, fmt.Sprintf("That is %s, reckoned from the release's date.", hd))
			}
		}
		src := a.newSources()
		src.add(h.Sentence)
		r.Sources = src.out
		a.rememberSentence(h.Sentence)
		return r, true
	}
	return Reply{}, false
}

// nearestDate returns, of the several dates ds written in text, the one
// the words of asked (index terms) stand nearest to, counted in words
// from the date's phrase; ok is false when text has fewer than two dates,
// none of the asked words, or two dates tie.
func nearestDate(text string, ds []dates.Date, asked map[string]bool) (dates.Date, bool) {
	if len(ds) < 2 || len(asked) == 0 {
		return dates.Date{}, false
	}
	var at []int // word positions of asked terms
	for i, w := range lang.Words(text) {
		if slices.ContainsFunc(lang.Terms(w), func(t string) bool { return asked[t] }) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return dates.Date{}, false
	}
	best, bestScore, tie := -1, 0.0, false
	for k, d := range ds {
		off := strings.Index(text, d.Text)
		if d.Text == "" || off < 0 {
			return dates.Date{}, false
		}
		start := len(lang.Words(text[:off]))
		end := start + len(lang.Words(d.Text)) - 1
		score := 0.0
		for _, i := range at {
			dist := 0
			if i < start {
				dist = start - i
			} else if i > end {
				dist = i - end
			}
			score += 1 / float64(1+dist)
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = k, score, false
		case score == bestScore:
			tie = true
		}
	}
	if best < 0 || tie {
		return dates.Date{}, false
	}
	return ds[best], true
}

// sentenceHasOtherPlace reports whether the best sentence names a place
// the meeting was not held in ("the next meeting in Riga"): then that
// sentence answers better than the meeting.
func (a *answerer) sentenceHasOtherPlace(s int, m *knowledge.Meeting) bool {
	t := lang.Fold(a.b.Sentences[s].Text)
	for _, w := range strings.Fields(t) {
		w = strings.Trim(w, ".,;:()\"'")
		if pl := a.b.Place(knowledge.PlaceKey(w)); pl != "" {
			known := false
			for _, p := range m.Places {
				if knowledge.PlaceKey(p.Name) == knowledge.PlaceKey(pl) {
					known = true
				}
			}
			if !known {
				return true
			}
		}
	}
	return false
}

// sentenceHasOtherDate reports whether the best sentence carries its own
// date, different from the meeting's: then that sentence answers better.
func (a *answerer) sentenceHasOtherDate(s int, m *knowledge.Meeting) bool {
	if s == m.DateEvidence {
		return false
	}
	for _, d := range dates.DatesIn(a.b.Sentences[s].Text, a.b.Doc(s).Date) {
		if d.ISO() != m.Date.ISO() {
			return true
		}
	}
	return false
}

func (a *answerer) meetingDates(subj []*knowledge.Person, ms []*knowledge.Meeting) Reply {
	if undated(ms) {
		return a.noDate(ms)
	}
	r := Reply{Found: true, Intent: IntentWhen, meeting: true}
	src := a.newSources()
	var dates []string
	for i, m := range ms {
		if i == maxListed {
			break
		}
		d := a.meetingDate(m)
		if m.Date.Relative && m.Date.Text != "" {
			d += fmt.Sprintf(" (the release says %q; it is dated %s)", m.Date.Text, a.b.Docs[m.Doc].Date.Human())
		} else if m.Date.Inferred {
			d += " (year taken from the same sentence)"
		}
		dates = append(dates, d)
		r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
		if m.DateEvidence >= 0 {
			src.add(m.DateEvidence)
		} else {
			src.add(m.Anchor)
		}
	}
	if len(subj) > 0 {
		var nm []string
		for _, q := range subj {
			nm = append(nm, q.Name)
		}
		verb := "met"
		if len(subj) == 1 {
			verb = "had meetings on"
		}
		r.Summary = fmt.Sprintf("%s %s %s.", joinAnd(nm), verb, strings.Join(dates, "; "))
		if len(subj) > 1 && len(ms) == 1 {
			r.Summary = fmt.Sprintf("%s met on %s.", joinAnd(nm), dates[0])
		}
	} else {
		what := "The meeting"
		if ms[0].Name != "" {
			what = "The meeting of the " + ms[0].Name
		}
		verb := "took place"
		if len(ms) == 1 && a.planned(ms[0]) {
			verb = "is to take place"
		}
		r.Summary = fmt.Sprintf("%s %s %s%s.", what, verb, datePrep(ms[0].Date), strings.Join(dates, "; "))
	}
	r.Sources = src.out
	a.rememberMeetings(ms)
	return r
}

// undated reports whether no meeting of ms has a known date.
func undated(ms []*knowledge.Meeting) bool {
	for _, m := range ms {
		if !m.Date.IsZero() || m.Date.Month != 0 {
			return false
		}
	}
	return true
}

// noDate says that the releases do not date a meeting; the publication
// date, when there is one, bounds it.
func (a *answerer) noDate(ms []*knowledge.Meeting) Reply {
	m := ms[len(ms)-1]
	what := "this meeting"
	if pl := placeNames(m); len(pl) > 0 {
		what = "the meeting in " + pl[0]
	}
	r := Reply{Intent: IntentWhen, meeting: true, Summary: fmt.Sprintf("The release does not say when %s took place.", what)}
	if d := a.b.Docs[m.Doc].Date; !d.IsZero() {
		r.Found = true
		r.Summary = fmt.Sprintf("The release does not say when %s took place; it was published on %s.", what, d.Human())
	}
	src := a.newSources()
	for _, x := range ms {
		r.Details = append(r.Details, "• "+a.meetingLine(x, nil))
		src.add(x.Anchor)
	}
	if r.Found {
		r.Sources = src.out
	}
	a.rememberMeetings(ms)
	return r
}

// placesWithCountry names a meeting's places with their country when the
// releases give one the place's name does not ("Rosendal, Norway").
func placesWithCountry(m *knowledge.Meeting) []string {
	var out []string
	for _, p := range m.Places {
		if p.Country != "" && p.Country != p.Name && lang.CountryOf(p.Name) == "" {
			out = append(out, p.Name+", "+p.Country)
		} else {
			out = append(out, p.Name)
		}
	}
	return out
}

// meetingPlaces answers where the meetings ms were: one meeting's place,
// or, for several (a follow-up to a list), each meeting with a place
// and its date; ok is false when none has a place.
func (a *answerer) meetingPlaces(ms []*knowledge.Meeting) (Reply, bool) {
	var placed []*knowledge.Meeting
	for _, m := range ms {
		if len(m.Places) > 0 {
			placed = append(placed, m)
		}
	}
	switch len(placed) {
	case 0:
		return Reply{}, false
	case 1:
		return a.meetingPlace(placed[0]), true
	}
	r := Reply{Found: true, Intent: IntentWhere, meeting: true}
	src := a.newSources()
	var where []string
	for _, m := range placed {
		where = append(where, fmt.Sprintf("%s (%s)", strings.Join(placesWithCountry(m), ", then "), a.meetingDate(m)))
		r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
		src.add(a.placeEvidence(m))
	}
	r.Summary = fmt.Sprintf("The %d meetings were held in %s.", len(placed), joinAnd(where))
	r.Sources = src.out
	a.rememberMeetings(placed)
	return r, true
}
