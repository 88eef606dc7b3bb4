package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// subjects returns the people a question is about: named, described, or
// remembered from the conversation.
func (a *answerer) subjects(p *query) []*knowledge.Person {
	if len(p.people) > 0 {
		return p.people
	}
	if len(p.ambiguous) > 0 || len(p.unknown) > 0 && p.intent == IntentWhoMet {
		return nil
	}
	if ps := describedPeople(a.offices(), p); len(ps) > 0 {
		return ps
	}
	if isFollowUp(p) {
		var out []*knowledge.Person
		for _, id := range a.mem.people {
			out = append(out, a.b.People[id])
		}
		return out
	}
	return nil
}

// isFollowUp reports whether a question leans on the conversation so far
// ("and where was that?").
func isFollowUp(p *query) bool {
	if p.command {
		return false
	}
	content := 0
	for _, t := range lang.Terms(p.text) {
		switch t {
		case "meet", "met", "meeting", "held", "take", "place", "discuss", "sign", "talk":
			continue
		}
		content++
	}
	return content <= 1 && len(p.places) == 0 && reFollowUp.MatchString(p.folded) || content == 0
}

func (a *answerer) filterMeetings(ms []*knowledge.Meeting, with []*knowledge.Person, p *query) ([]*knowledge.Meeting, []string) {
	var notes []string
	ys := years(p.folded)
	days, months := askedDates(p.text) // "on 25 October 2017", "in December"
	// the places' keys, each computed once
	wantKeys := make([]string, len(p.places))
	for i, want := range p.places {
		wantKeys[i] = knowledge.PlaceKey(want)
	}
	keys := map[string]string{}
	keyOf := func(name string) string {
		k, ok := keys[name]
		if !ok {
			k = knowledge.PlaceKey(name)
			keys[name] = k
		}
		return k
	}
	keep := func(m *knowledge.Meeting) bool {
		for _, q := range with {
			if !slices.Contains(m.Participants, q.ID) {
				return false
			}
		}
		if len(p.places) > 0 || len(p.inCountry) > 0 {
			ok := false
			for _, pl := range m.Places {
				for i, want := range p.places {
					if pl.Name == want || pl.Country == want || keyOf(pl.Name) == wantKeys[i] {
						ok = true
					}
				}
				for _, c := range p.inCountry {
					if pl.Country == c || pl.Name == c {
						ok = true
					}
				}
			}
			if !ok {
				return false
			}
		}
		if len(ys) > 0 {
			ok := false
			for _, y := range ys {
				if m.Date.Year == y || m.Date.Year == 0 && a.b.Docs[m.Doc].Date.Year == y {
					ok = true
				}
			}
			if !ok {
				return false
			}
		}
		for _, d := range days {
			if !onDay(m.Date, d) {
				return false
			}
		}
		for _, d := range months {
			if !inMonth(m, d, a.b.Docs[m.Doc].Date) {
				return false
			}
		}
		return true
	}
	var out []*knowledge.Meeting
	for _, m := range ms {
		if keep(m) {
			out = append(out, m)
		}
	}
	if topics := topicsIn(p.text); len(topics) > 0 && len(out) > 0 {
		var tout []*knowledge.Meeting
		for _, m := range out {
			if meetingHasTopic(m, topics) {
				tout = append(tout, m)
			}
		}
		if len(tout) > 0 {
			out = tout
		} else if p.intent != IntentMeetings {
			notes = append(notes, "None of these meetings is reported to have covered "+joinOr(topics)+".")
		} else {
			out = nil
		}
	}
	a.b.SortMeetings(out)
	return out, notes
}

// askedDates returns the days (with or without a year: "on 8 April")
// and the months without a day ("in December", "in May 2019") a question
// names.
func askedDates(text string) (days, months []dates.Date) {
	for _, d := range dates.DatesIn(text, dates.Date{}) {
		switch {
		case d.Day != 0:
			days = append(days, d)
		case d.Month != 0:
			months = append(months, d)
		}
	}
	return days, months
}

// inMonth reports whether meeting m was held in month d (of d's year when
// it has one): by its date, or by its release's (pub) when it has none.
func inMonth(m *knowledge.Meeting, d, pub dates.Date) bool {
	md := m.Date
	if md.IsZero() && md.Season == "" {
		md = pub // undated: the release's month (a season or a year is too vague)
	}
	if md.Month == 0 || d.Year != 0 && md.Year != d.Year {
		return false
	}
	end := md.Month
	if m.Date.End != nil && m.Date.End.Month >= md.Month {
		end = m.Date.End.Month
	}
	return d.Month >= md.Month && d.Month <= end
}

// onDay reports whether a meeting's date (or range) includes the day d;
// a day without a year ("8 April") is that day in any year.
func onDay(md, d dates.Date) bool {
	if md.IsZero() {
		return false
	}
	if d.Year == 0 {
		if md.Day == 0 {
			return false // a month or a year is too vague for a day
		}
		start, end, day := md.Month*100+md.Day, md.Month*100+md.Day, d.Month*100+d.Day
		if md.End != nil && md.End.Day != 0 && md.End.Month*100+md.End.Day >= start {
			end = md.End.Month*100 + md.End.Day
		}
		return day >= start && day <= end
	}
	if md.Day == 0 {
		// a month may hold the day; a year or a season is too vague to say
		return md.Month != 0 && md.Year == d.Year && md.Month == d.Month
	}
	t, start, end := d.Time(), md.Time(), md.Time()
	if md.End != nil && !md.End.IsZero() {
		end = md.End.Time()
	}
	return !t.Before(start) && !t.After(end)
}

// topicsIn returns the vocabulary topics a question names.
func topicsIn(text string) []string {
	terms := lang.Terms(text)
	var out []string
	for _, t := range lang.Topics {
		if lang.TopicMatches(t, terms) {
			out = append(out, t.Name)
		}
	}
	// a specific topic makes its broader neighbour redundant
	return out
}

func meetingHasTopic(m *knowledge.Meeting, topics []string) bool {
	for _, t := range m.Topics {
		for _, want := range topics {
			if t.Name == want {
				return true
			}
		}
	}
	return false
}

func (a *answerer) whoMet(p *query) Reply {
	if len(p.people) == 0 {
		if r, ok := a.countryMeetings(p); ok {
			return r
		}
	}
	subj := a.subjects(p)
	if len(subj) == 0 {
		if len(p.ambiguous) > 0 {
			return a.ambiguity(p, p.ambiguous[0])
		}
		if len(p.unknown) > 0 {
			return a.notFound(p, fmt.Sprintf("I found no meetings with %s in the releases.", clip(p.unknown[0], 60)))
		}
		if reHostVerb.MatchString(p.folded) {
			// "who hosted the annual meeting?": a host is often a body,
			// not a participant; the sentence that says so answers
			if r := a.who(p); r.Found {
				return r
			}
		}
		if len(p.places) > 0 || len(p.inCountry) > 0 || len(years(p.folded)) > 0 {
			return a.meetings(p)
		}
		if m, _, ok := a.anchorMeeting(p); ok {
			return a.describeMeetings(p, []*knowledge.Meeting{m}, nil, "")
		}
		r := a.notFound(p, "Whose meetings do you mean? Try: who met NAME?")
		r.final = true
		return r
	}
	if len(subj) > 1 && len(p.people) == 0 {
		// described people, e.g. "the Finnish and Russian justice ministers"
		ms, notes := a.filterMeetings(a.meetingsOfAny(subj), nil, p)
		return a.describeMeetings(p, ms, notes, "")
	}
	msg := "The releases never mention %s."
	if p.yesNo {
		msg = "No: the releases never mention %s."
	}
	if r, ok := a.neverMentioned(p, msg); ok {
		// "did Kolokoltsev meet Merkel?" over releases that never mention
		// Merkel: not his other meetings, and not "yes"
		return r
	}
	who := subj[0]
	ms, notes := a.filterMeetings(a.b.MeetingsOf(who.ID), subj[1:], p)
	if p.yesNo {
		return a.yesNoMet(p, subj, ms)
	}
	if len(ms) == 0 {
		where := ""
		if len(p.places) > 0 {
			where = " in " + joinOr(p.places)
		} else if len(p.inCountry) > 0 {
			where = " in " + joinOr(p.inCountry)
		}
		if days, months := askedDates(p.text); len(days) > 0 {
			where += " on " + days[0].Human()
		} else if len(months) > 0 {
			where += " in " + months[0].Human()
		}
		r := a.notFound(p, fmt.Sprintf("I found no meeting of %s%s in the releases.", who.Name, where))
		if where != "" || len(subj) > 1 {
			r.Suggestions = append(r.Suggestions, Suggestion{Label: "All meetings of " + who.Name, Query: "/who-met " + who.Name})
		}
		return r
	}
	skip := map[int]bool{who.ID: true}
	var counterparts []string
	seen := map[int]bool{}
	for _, m := range ms {
		for _, pid := range m.Participants {
			if !skip[pid] && !seen[pid] {
				seen[pid] = true
				counterparts = append(counterparts, a.b.People[pid].Name)
			}
		}
	}
	r := Reply{Found: true, Intent: IntentWhoMet}
	if len(counterparts) > 0 {
		r.Summary = fmt.Sprintf("%s met %s.", personLabel(who), joinAnd(counterparts))
	} else {
		r.Summary = fmt.Sprintf("The releases report %s at %d meeting(s) without naming the other side:", personLabel(who), len(ms))
	}
	src := a.newSources()
	for i, m := range ms {
		if i == maxListed {
			r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(ms)-maxListed))
			break
		}
		r.Details = append(r.Details, "• "+a.meetingLine(m, skip))
		src.add(a.bestMeetingSentence(m, who.ID))
	}
	r.Details = append(r.Details, notes...)
	r.Sources = src.out
	a.rememberMeetings(ms)
	a.rememberPeople([]int{who.ID})
	if len(ms) == 1 {
		a.rememberPeople(ms[0].Participants)
	}
	for _, c := range correctedNote(p) {
		r.Details = append(r.Details, c)
	}
	return r
}

// countryMeetings answers "which Russian officials did Finnish ministers
// meet?": meetings with someone of the second country (in the role named,
// if any) and someone of the first, listing the people of the first.
func (a *answerer) countryMeetings(p *query) (Reply, bool) {
	before, after, ok := strings.Cut(p.folded, " did ")
	if !ok {
		return Reply{}, false
	}
	target, subject := countryOfText(before), countryOfText(after)
	if target == "" || subject == "" || target == subject {
		return Reply{}, false
	}
	role := ""
	if m := reRoleWord.FindString(after); m != "" {
		role = strings.TrimSuffix(m, "s")
	}
	var ms []*knowledge.Meeting
	seen := map[int]bool{}
	var names []string
	for _, m := range a.b.Meetings {
		hasSubject, hasTarget := false, false
		for _, id := range m.Participants {
			q := a.b.People[id]
			if q.Country == subject && (role == "" || role == "official" || hasOffice(q, role)) {
				hasSubject = true
			}
			if q.Country == target {
				hasTarget = true
			}
		}
		if !hasSubject || !hasTarget {
			continue
		}
		ms = append(ms, m)
		for _, id := range m.Participants {
			if q := a.b.People[id]; q.Country == target && !seen[id] {
				seen[id] = true
				names = append(names, personLabel(q))
			}
		}
	}
	if len(ms) == 0 {
		return a.notFound(p, fmt.Sprintf("The releases report no meeting between %s and %s officials of that kind.", subject, target)), true
	}
	r := Reply{Found: true, Intent: IntentWhoMet,
		Summary: fmt.Sprintf("People from %s that %s %ss met: %s.", target, demonymOf(subject), orDefault(role, "official"), joinAnd(names))}
	src := a.newSources()
	for i, m := range ms {
		if i == maxListed {
			r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(ms)-maxListed))
			break
		}
		r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
		src.add(m.Anchor)
	}
	r.Sources = src.out
	return r, true
}

func hasOffice(q *knowledge.Person, role string) bool {
	for _, o := range q.Offices {
		if strings.Contains(lang.Fold(o.Title), role) {
			return true
		}
	}
	return false
}

// countryOfText returns the first country a piece of a question names.
func countryOfText(s string) string {
	for _, w := range strings.Fields(s) {
		if c := lang.CountryOf(w); c != "" {
			return c
		}
	}
	return ""
}

// noJointMeeting says that the people a question names never met, as far
// as the releases tell.
func (a *answerer) noJointMeeting(p *query) Reply {
	var nm []string
	for _, q := range p.people {
		nm = append(nm, q.Name)
	}
	r := a.notFound(p, fmt.Sprintf("I found no meeting between %s in the releases.", joinAnd(nm)))
	for _, q := range p.people {
		r.Suggestions = append(r.Suggestions, Suggestion{Label: "Who did " + q.Name + " meet?", Query: "/who-met " + q.Name})
	}
	return r
}

// yesNoMet answers "did X meet Y (in P)?" with the meetings, or says that
// the releases report none.
func (a *answerer) yesNoMet(p *query, subj []*knowledge.Person, ms []*knowledge.Meeting) Reply {
	var nm []string
	for _, q := range subj {
		nm = append(nm, q.Name)
	}
	where := ""
	if len(p.places) > 0 {
		where = " in " + joinOr(p.places)
	} else if len(p.inCountry) > 0 {
		where = " in " + joinOr(p.inCountry)
	}
	if len(ms) == 0 {
		what := "meeting of " + nm[0]
		if len(nm) > 1 {
			what = "meeting between " + joinAnd(nm)
		}
		r := a.notFound(p, fmt.Sprintf("No: the releases report no %s%s.", what, where))
		if len(subj) > 1 {
			r.Suggestions = append(r.Suggestions, Suggestion{Label: "Who did " + subj[0].Name + " meet?", Query: "/who-met " + subj[0].Name})
		}
		return r
	}
	r := Reply{Found: true, Intent: IntentWhoMet}
	verb := "met"
	if len(nm) == 1 {
		verb = "took part in a meeting"
	}
	r.Summary = fmt.Sprintf("Yes: %s %s%s (%d meeting(s) reported).", joinAnd(nm), verb, where, len(ms))
	src := a.newSources()
	for i, m := range ms {
		if i == maxListed {
			break
		}
		r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
		src.add(a.bestMeetingSentence(m, subj[0].ID))
	}
	r.Sources = src.out
	a.rememberMeetings(ms)
	a.rememberPeople(ms[len(ms)-1].Participants)
	return r
}

func (a *answerer) meetingsOfAny(ps []*knowledge.Person) []*knowledge.Meeting {
	seen := map[int]bool{}
	var out []*knowledge.Meeting
	for _, p := range ps {
		for _, m := range a.b.MeetingsOf(p.ID) {
			if !seen[m.ID] {
				seen[m.ID] = true
				out = append(out, m)
			}
		}
	}
	// meetings attended by several of the described people come first
	count := func(m *knowledge.Meeting) int {
		c := 0
		for _, p := range ps {
			for _, id := range m.Participants {
				if id == p.ID {
					c++
				}
			}
		}
		return c
	}
	sort.SliceStable(out, func(i, j int) bool { return count(out[i]) > count(out[j]) })
	if len(out) > 1 && count(out[0]) > 1 {
		best := count(out[0])
		var top []*knowledge.Meeting
		for _, m := range out {
			if count(m) == best {
				top = append(top, m)
			}
		}
		return top
	}
	return out
}

// bestMeetingSentence picks the sentence that best evidences a meeting
// with a person: the anchor if it names them, else the first that does.
func (a *answerer) bestMeetingSentence(m *knowledge.Meeting, person int) int {
	for _, q := range a.b.PeopleIn(m.Anchor) {
		if q.ID == person {
			return m.Anchor
		}
	}
	for _, s := range m.Sentences {
		if a.b.Sentences[s].Title {
			continue
		}
		for _, q := range a.b.PeopleIn(s) {
			if q.ID == person {
				return s
			}
		}
	}
	return m.Anchor
}

func (a *answerer) describeMeetings(p *query, ms []*knowledge.Meeting, notes []string, lead string) Reply {
	if len(ms) == 0 {
		return a.notFound(p.bare(), "I found no such meeting in the releases.")
	}
	return a.describeMeetingList(p, len(ms), func(i int) *knowledge.Meeting { return ms[i] }, notes, lead)
}

// describeMeetingList is describeMeetings of the n meetings at(0) to
// at(n-1), n > 0: it looks at the first maxListed and the last only.
func (a *answerer) describeMeetingList(p *query, n int, at func(i int) *knowledge.Meeting, notes []string, lead string) Reply {
	r := Reply{Found: true, Intent: p.intent}
	if lead == "" {
		if n == 1 {
			lead = "One meeting matches:"
		} else {
			lead = fmt.Sprintf("%d meetings match:", n)
		}
	}
	r.Summary = lead
	src := a.newSources()
	for i := range min(n, maxListed) {
		m := at(i)
		r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
		src.add(m.Anchor)
	}
	if n > maxListed {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", n-maxListed))
	}
	r.Details = append(r.Details, notes...)
	r.Sources = src.out
	a.rememberMeetingsAt(n, at)
	a.rememberPeople(at(n - 1).Participants)
	return r
}

// meetingIndexLists lets meetings read the meetings that match from the
// index's lists (see MeetingsWhere), and the count and the meetings it
// shows from the list alone when no day or topic filters them further,
// instead of filtering and sorting every meeting (of the first person
// named); tests turn it off to compare the two.
var meetingIndexLists = true

func (a *answerer) meetings(p *query) Reply {
	var ms []*knowledge.Meeting
	var with []*knowledge.Person
	if len(p.ambiguous) > 0 && len(p.people) == 0 {
		return a.ambiguity(p, p.ambiguous[0])
	}
	if r, ok := a.neverMentioned(p, "I found no meetings: the releases never mention %s."); ok {
		// "/meetings Orpo", "meetings about Schengen": a filter the
		// releases never mention matches no meeting, not every one
		return r
	}
	// the base's index lists the meetings matching the people, place and
	// year filters, in date order: the count and the meetings shown are
	// read from it, unless a day or topic filters them further
	ids := personIDs(p.people)
	if len(p.people) > 0 {
		with = p.people[1:]
	}
	var listed knowledge.MeetingList
	days, months := askedDates(p.text)
	topics := topicsIn(p.text)
	about, aboutTerms := aboutPhrase(p)
	if len(topicsIn(about)) > 0 {
		about, aboutTerms = "", nil // a topic of the vocabulary: filtered as one
	}
	exact := meetingIndexLists && len(days) == 0 && len(months) == 0 && len(topics) == 0 && len(aboutTerms) == 0
	switch {
	case meetingIndexLists:
		listed = a.b.MeetingsWhere(ids, p.places, p.inCountry, years(p.folded))
		if !exact {
			ms = listed.Slice()
		}
	case len(p.people) > 0:
		ms = a.b.MeetingsOf(p.people[0].ID)
	default:
		ms = a.b.Meetings
	}
	var notes []string
	if !exact {
		ms, notes = a.filterMeetings(ms, with, p)
	}
	if len(aboutTerms) > 0 {
		// "meetings about Schengen": those whose passage mentions it
		kept := ms[:0]
		for _, m := range ms {
			if a.docHas(m.Doc, aboutTerms) && a.meetingSays(m, aboutTerms) {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	count := len(ms)
	if exact {
		count = listed.Len()
	}
	var filters []string
	if len(p.people) > 0 {
		var nm []string
		for _, q := range p.people {
			nm = append(nm, q.Name)
		}
		filters = append(filters, "with "+joinAnd(nm))
	}
	if len(p.places) > 0 {
		filters = append(filters, "in "+joinOr(p.places))
	} else if len(p.inCountry) > 0 {
		filters = append(filters, "in "+joinOr(p.inCountry))
	}
	if len(days) > 0 {
		filters = append(filters, "on "+days[0].Human())
	} else if len(months) > 0 {
		filters = append(filters, "in "+months[0].Human())
	} else if ys := years(p.folded); len(ys) > 0 {
		filters = append(filters, fmt.Sprintf("in %d", ys[0]))
	}
	if len(topics) > 0 {
		filters = append(filters, "on "+joinOr(topics))
	}
	if about != "" {
		filters = append(filters, "about "+clip(about, 60))
	}
	if count == 0 {
		if len(p.unknown) > 0 && len(p.people) == 0 {
			return a.notFound(p, fmt.Sprintf("I found no meetings with %s in the releases.", clip(p.unknown[0], 60)))
		}
		return a.notFound(p, "I found no meetings "+strings.Join(filters, " ")+" in the releases.")
	}
	lead := fmt.Sprintf("%d meeting(s)", count)
	if len(filters) > 0 {
		lead += " " + strings.Join(filters, ", ")
	}
	if exact {
		return a.describeMeetingList(p, count, listed.At, notes, lead+":")
	}
	return a.describeMeetings(p, ms, notes, lead+":")
}

// planned reports whether a meeting lies after the date of the release
// that reports it.
func (a *answerer) planned(m *knowledge.Meeting) bool {
	pub := a.b.Docs[m.Doc].Date
	return !m.Date.IsZero() && !pub.IsZero() && m.Date.Time().After(pub.Time())
}

// meetingSays reports whether the sentences of the meeting's passage
// hold every one of terms (index terms): of two meetings in a release,
// the one that discussed maritime surveillance.
func (a *answerer) meetingSays(m *knowledge.Meeting, terms []string) bool {
	have := map[string]bool{}
	for _, s := range m.Sentences {
		for _, t := range a.sentTerms(s) {
			have[t] = true
		}
	}
	for _, t := range terms {
		if !have[t] {
			return false
		}
	}
	return true
}

// aboutPhrase returns what a meetings question says they were about
// ("meetings about Schengen visas", "which meetings discussed
// counterfeiting?"): the words after "about", "concerning", "regarding" or
// a form of "discuss" that name nothing else, and their index terms; ""
// when there are none.
func aboutPhrase(p *query) (string, []string) {
	for i, w := range p.words {
		if w != "about" && w != "concerning" && w != "regarding" && !strings.HasPrefix(w, "discuss") {
			continue
		}
		phrase := strings.Join(p.freeWords(i+1, isYear), " ")
		if ts := lang.Terms(phrase); len(ts) > 0 {
			return phrase, ts
		}
	}
	return "", nil
}

// hasOtherWords reports whether the question has words besides the names,
// places and countries it was read for, the words of the question grammar
// and years: whether it says more than "what was discussed in Kirkenes in
// 2021?".
func hasOtherWords(p *query) bool {
	return len(p.freeWords(0, func(w string) bool {
		return strings.HasPrefix(w, "discuss") || outcomeWords[w] || lang.CountryOf(w) != "" || isYear(w)
	})) > 0
}

// meetingCue reports whether a folded question has the words of a
// question about a meeting or visit; a "when" question without them asks
// about some other event ("when did Odlo take over as chief?").
func meetingCue(q string) bool {
	ws := strings.Fields(q)
	for i, w := range ws {
		if meetingCueWords[w] || (w == "place" || w == "together") && i > 0 && meetingCueFirst[ws[i-1]] {
			return true
		}
	}
	return false
}

// isYear reports whether w is a year as years reads them ("2019").
func isYear(w string) bool {
	ys := reYear.FindAllString(w, 1)
	return len(ys) == 1 && ys[0] == w
}
