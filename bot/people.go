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

// namedBeforeHostVerb reports whether one of ps is named in text before
// its first host verb ("hosted", "organised", "received"), where the host
// is written; true when the text has no such verb.
func namedBeforeHostVerb(text string, ps []*knowledge.Person) bool {
	loc := reSentenceHostVerb.FindStringIndex(text)
	if loc == nil {
		return true
	}
	before := lang.Fold(text[:loc[0]])
	for _, q := range ps {
		if strings.Contains(before, lang.Fold(q.Surname())) {
			return true
		}
	}
	return false
}

// listsPeople reports whether a question asks for the people of a kind
// rather than about one: "which Russian officials are mentioned?", "who
// are the Finnish ministers?", "list all people from Norway"; not about
// a meeting or a signature, and naming nobody.
func listsPeople(p *query) bool {
	if p.command || len(p.people) > 0 || len(p.ambiguous) > 0 || meetingCue(p.folded) || strings.Contains(p.folded, "sign") {
		return false
	}
	open := reListOpening.FindStringSubmatch(p.folded)
	if open == nil {
		return false
	}
	// the people asked for come within four words of the opening, with
	// no auxiliary verb before them: "which Russian officials", "list all
	// people", but not "which kinds of operations did the officers …"
	skip := len(strings.Fields(open[1]))
	for i, w := range p.words {
		if i < skip {
			continue
		}
		if i >= skip+4 || auxiliaries[w] {
			return false
		}
		if !p.used[i] && (genericPeople[w] || strings.HasSuffix(w, "s") && officeHeads[strings.TrimSuffix(w, "s")] || w == "chairmen") {
			return true
		}
	}
	return false
}

// listPeople answers a question listsPeople accepts with the people who
// fit it (see peopleByOffice), those it fits best first; ok is false when
// nobody does.
func (a *answerer) listPeople(p *query) (Reply, bool) {
	heads, domain, _ := officeQuery(p)
	ps := peopleByOffice(a.offices(), p, heads, domain, true)
	if len(ps) == 0 {
		return Reply{}, false
	}
	r := Reply{Found: true, Intent: IntentWhoIs, Summary: fmt.Sprintf("%d people fit:", len(ps))}
	if len(ps) == 1 {
		r.Summary = "1 person fits:"
	}
	src := a.newSources()
	var ids []int
	for _, q := range ps[:min(len(ps), maxListed)] {
		r.Details = append(r.Details, "• "+personLabel(q))
		if len(q.Offices) > 0 {
			src.add(q.Offices[0].Evidence)
		}
		ids = append(ids, q.ID)
	}
	if len(ps) > maxListed {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(ps)-maxListed))
	}
	r.Sources = src.out
	a.rememberPeople(ids)
	return r, true
}

func (a *answerer) whoIs(p *query) Reply {
	ps := p.people
	if len(ps) == 0 && len(p.ambiguous) > 0 {
		ps = p.ambiguous[0]
	}
	noneFits := false // the question describes an office no one holds
	if heads, domain, _ := officeQuery(p); len(ps) == 0 && len(heads) > 0 {
		d := peopleByOffice(a.offices(), p, heads, domain, false)
		if len(d) > 1 && len(p.countries) == 1 {
			// "who is the Finnish interior minister?": several have been
			return a.officeHolders(p, d, heads, domain)
		}
		if len(d) > 0 && len(d) <= 3 {
			ps = d
		}
		noneFits = len(d) == 0
	}
	if len(ps) == 0 {
		if len(p.unknown) > 0 && !strings.Contains(p.folded, " the ") {
			return a.notFound(p, fmt.Sprintf("The releases don't mention anyone called %s.", clip(p.unknown[0], 60)))
		}
		if noneFits && len(p.countries) > 0 {
			// "who is the Polish interior minister?" when no one from
			// Poland holds such an office in the releases
			return a.notFound(p, fmt.Sprintf("The releases name no one from %s in that office.", joinOr(p.countries)))
		}
		return a.who(p)
	}
	return a.peopleReply(ps)
}

// peopleReply answers with who ps are: each one's label, offices with the
// releases giving them, and how many meetings they appear in.
func (a *answerer) peopleReply(ps []*knowledge.Person) Reply {
	r := Reply{Found: true, Intent: IntentWhoIs}
	src := a.newSources()
	var summaries []string
	for _, q := range ps {
		summaries = append(summaries, personLabel(q))
		for _, o := range q.Offices {
			line := "• " + o.Title
			if o.Country != "" && !strings.Contains(o.Title, o.Country) {
				line += " (" + o.Country + ")"
			}
			line += " — " + a.b.Docs[a.b.Sentences[o.Evidence].Doc].Label()
			if len(ps) > 1 {
				line = "• " + q.Name + ": " + strings.TrimPrefix(line, "• ")
			}
			r.Details = append(r.Details, line)
			src.add(o.Evidence)
		}
		if ms := a.b.MeetingsOf(q.ID); len(ms) > 0 {
			r.Details = append(r.Details, fmt.Sprintf("%s appears in %d meeting(s); ask: who met %s?", q.Name, len(ms), q.Surname()))
		}
	}
	if len(ps) > 1 {
		r.Summary = "Several people fit: " + strings.Join(summaries, "; ") + "."
	} else {
		r.Summary = summaries[0] + "."
		if len(ps[0].Offices) == 0 {
			r.Summary = ps[0].Name + " is named in the releases without an office."
		}
	}
	r.Sources = src.out
	a.rememberPeople(personIDs(ps))
	return r
}

// officeHolders answers "who is the Finnish interior minister?" when the
// releases name several people of that country in that office (heads and
// domain, as officeQuery reads them): the one in the most recent release
// first, then the others, each with the office that fits and the date of
// the latest release giving it.
func (a *answerer) officeHolders(p *query, ps []*knowledge.Person, heads, domain []string) Reply {
	type holder struct {
		p        *knowledge.Person
		title    string
		date     dates.Date
		key      int // the date's order: year, month, day
		evidence int
		years    []int // the years of the releases giving the office
	}
	x := a.offices()
	hs := make([]holder, len(ps))
	for i, q := range ps {
		hs[i] = holder{p: q, evidence: -1}
		best, _ := x.bestOffice(q.ID, heads, domain)
		for k, o := range q.Offices {
			if x.officeScore(q.ID, k, heads, domain) != best {
				continue
			}
			d := a.b.Doc(o.Evidence).Date
			hs[i].years = append(hs[i].years, d.Year)
			if key := d.Year*10000 + d.Month*100 + d.Day; hs[i].evidence < 0 || key > hs[i].key {
				hs[i].date, hs[i].key, hs[i].evidence, hs[i].title = d, key, o.Evidence, o.Title
			}
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].key > hs[j].key })
	r := Reply{Found: true, Intent: IntentWhoIs}
	if ys := years(p.folded); len(ys) > 0 {
		// "who was the Estonian interior minister in 2020?": those the
		// releases of that year give the office
		var then []holder
		for _, h := range hs {
			if slices.ContainsFunc(h.years, func(y int) bool { return slices.Contains(ys, y) }) {
				then = append(then, h)
			}
		}
		if len(then) > 0 {
			var labels []string
			var ids []int
			src := a.newSources()
			for _, h := range then {
				labels = append(labels, holderLabel(h.p, h.title))
				ids = append(ids, h.p.ID)
				src.add(h.evidence)
			}
			r.Summary = fmt.Sprintf("In releases of %s: %s.", joinOr(yearStrings(ys)), joinAnd(labels))
			r.Sources = src.out
			a.rememberPeople(ids)
			return r
		}
	}
	if latest := hs[0]; !latest.date.IsZero() {
		r.Summary = fmt.Sprintf("The releases name %d people in that office; the most recent is %s, in a release of %s.", len(hs), holderLabel(latest.p, latest.title), latest.date.Human())
	} else {
		r.Summary = fmt.Sprintf("The releases name %d people in that office:", len(hs))
	}
	src := a.newSources()
	for _, h := range hs[:min(len(hs), maxListed)] {
		when := "undated release"
		if !h.date.IsZero() {
			when = h.date.Human()
		}
		r.Details = append(r.Details, "• "+holderLabel(h.p, h.title)+" — "+when)
		src.add(h.evidence)
	}
	if len(hs) > maxListed {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(hs)-maxListed))
	}
	r.Sources = src.out
	a.rememberPeople([]int{hs[0].p.ID})
	return r
}

// who answers "who opened/chaired/signed/represented ..." questions from
// the best sentence, naming the people in it.
func (a *answerer) who(p *query) Reply {
	if p.agreement && p.field != "" {
		if ag, h, ok := a.anchorAgreement(p); ok {
			if p.field == "sign" && len(ag.Signatories) > 0 {
				var nm []string
				for _, id := range ag.Signatories {
					nm = append(nm, personLabel(a.b.People[id]))
				}
				r := Reply{Found: true, Intent: IntentWho, Summary: fmt.Sprintf("The %s was signed by %s.", ag.Name, joinAnd(nm))}
				src := a.newSources()
				src.add(ag.SignedEvidence)
				r.Sources = src.out
				r.Details = a.agreementFacts(ag)
				return r
			}
			if p.field == "initiate" || p.field == "terminate" {
				if r, ok := a.agreementField(ag, p.field, h); ok {
					r.Intent = IntentWho
					return r
				}
			}
		}
	}
	if reLeadQ.MatchString(p.folded) && len(p.people) == 0 {
		// "who leads the Finnish police?": the office that heads it
		if ps := peopleByOffice(a.offices(), p, leadHeads, officeDomain(p), false); len(ps) > 0 && len(ps) <= 3 {
			r := a.peopleReply(ps)
			r.Intent = IntentWho
			return r
		}
	}
	hs := a.hits(p, 5)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return a.notFound(p, "I couldn't find that in the releases.")
	}
	best := hs[0]
	// prefer a close sentence that names someone
	if len(a.b.PeopleIn(best.Sentence)) == 0 {
		for _, h := range hs[1:] {
			if h.Score >= best.Score*0.85 && len(a.b.PeopleIn(h.Sentence)) > 0 {
				best = h
				break
			}
		}
	}
	text := a.b.Sentences[best.Sentence].Text
	ps := slices.DeleteFunc(slices.Clone(a.b.PeopleIn(best.Sentence)), func(q *knowledge.Person) bool { return !a.personFits(p, q, text) })
	r := Reply{Found: true, Intent: IntentWho, anchored: true, anchor: best.Sentence}
	src := a.newSources()
	src.add(best.Sentence)
	if len(ps) > 1 {
		ps = bestByOffice(ps, lang.Terms(p.text))
	}
	if reHostVerb.MatchString(p.folded) && !namedBeforeHostVerb(text, ps) {
		ps = nil // "X and Y hosted the meeting under the patronage of Z": the host is no one named
	}
	if len(ps) > 0 && len(ps) <= 4 {
		var labels []string
		for _, q := range ps {
			labels = append(labels, personLabel(q))
		}
		r.Summary = joinAnd(labels) + "."
		r.Details = append(r.Details, text)
		a.rememberPeople(personIDs(ps))
	} else {
		r.Summary = text
	}
	r.Sources = src.out
	if m := a.b.MeetingOf(best.Sentence); m != nil {
		a.rememberMeetings([]*knowledge.Meeting{m})
	}
	return r
}

// bestByOffice keeps the people whose offices share the most terms with
// the question ("who heads the North-West Customs Office?"), or all of
// them when no office shares at least two. A question about co-chairs
// keeps them all, and countries count only when the question names one
// ("the Russian-Finnish working group" does not tell its two chairs
// apart).
func bestByOffice(ps []*knowledge.Person, q []string) []*knowledge.Person {
	want := map[string]bool{}
	countries := map[string]bool{}
	for i, t := range q {
		if t == "chair" && i > 0 && q[i-1] == "co" {
			return ps
		}
		want[t] = true
		if c := lang.CountryOf(t); c != "" {
			countries[c] = true
		}
	}
	if len(countries) > 1 {
		for t := range want {
			if lang.CountryOf(t) != "" {
				delete(want, t)
			}
		}
	}
	best, score := []*knowledge.Person(nil), 0
	for _, p := range ps {
		s := 0
		seen := map[string]bool{}
		for _, o := range p.Offices {
			for _, t := range lang.Terms(o.Title) {
				if want[t] && !seen[t] {
					seen[t] = true
					s++
				}
			}
		}
		switch {
		case s > score:
			best, score = []*knowledge.Person{p}, s
		case s == score && s > 0:
			best = append(best, p)
		}
	}
	if score < 2 {
		return ps
	}
	return best
}
