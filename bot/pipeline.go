package bot

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// answerer answers one question against one fact base.
type answerer struct {
	b         *knowledge.Base
	mem       *convo
	bot       *Bot
	officeIdx *officeIndex // see offices

	required []string                // entity terms every answer's release must hold
	reqDone  bool                    // required is computed
	docYears map[int]map[string]bool // years each release looked at gives
	docDates map[int][]dates.Date    // dates each release looked at gives

	// ranked caches the question's ranking: intents try several anchors
	// (agreement, meeting, plain search) over the same question
	ranked     []index.Hit
	rankedText string
	rankedK    int
	// scope, when set, limits rankings to these releases (the releases of
	// the agreements a question names); rankedScoped says the cached
	// ranking was so limited
	scope        []int
	rankedScoped bool
	rankedScope  []int // the scope the cached ranking had

	anchored *anchoredAgreement // anchorAgreement's last result

	// searched says a passage answer was sought for the question already
	searched bool
	// ranking caches passages for the question rankingText
	ranking     []passage
	rankingText string
	// terms caches the index terms of sentences looked at (sentTerms)
	terms map[int][]string

	// cover says whether a hit can reach minCoverage (coverable) for the
	// text coverText, once coverDone
	cover, coverDone bool
	coverText        string
}

func (a *answerer) answer(text string) Reply {
	if len(text) > MaxQuestionBytes {
		return Reply{Intent: IntentUnknown, Summary: fmt.Sprintf("That message is too long for me (%d characters). Please ask a shorter question.", len([]rune(text)))}
	}
	p := a.parseQuery(text)
	switch p.intent {
	case IntentEmpty:
		return Reply{Intent: IntentEmpty, Summary: "Ask me about the releases, for example: who met Kolokoltsev? Type help for the commands."}
	case IntentHelp:
		return helpReply()
	case IntentStatus:
		return a.status()
	case IntentUnknown:
		return Reply{Intent: IntentUnknown, Summary: fmt.Sprintf("I don't know the command %q. Type help to see what I can do.", clip(p.text, 40)),
			Suggestions: []Suggestion{{Label: "help", Query: "help"}}}
	case IntentSources:
		return a.sources(p)
	}
	r := a.decide(p, a.structured(p))
	if r.Intent == "" {
		r.Intent = p.intent
	}
	r.Details = append(r.Details, p.grammarNotes...)
	if r.Sources == nil {
		r.Sources = []Source{}
	}
	return r
}

func helpReply() Reply {
	r := Reply{Found: true, Intent: IntentHelp,
		Summary: "I answer questions about the press releases I have read, citing the release and sentence each answer comes from. Ask in plain words or use a command:"}
	for _, c := range Commands {
		line := "/" + c.Name
		if c.Usage != "" {
			line += " " + c.Usage
		}
		r.Details = append(r.Details, fmt.Sprintf("%s: %s", line, c.Help))
	}
	r.Details = append(r.Details,
		"Commands also work as !who-met NAME (in threads and Matrix rooms).",
		"Examples: who met Kolokoltsev? / where did Risikko and Kolokoltsev meet? / which meetings discussed drug trafficking? / when does the cross-border cooperation agreement expire?")
	return r
}

func (a *answerer) status() Reply {
	st := a.b.Stats()
	r := Reply{Found: true, Intent: IntentStatus,
		Summary: fmt.Sprintf("I know %d releases: %d people, %d meetings, %d agreements, %d sentences with figures or statements.", st.Releases, st.People, st.Meetings, st.Agreements, st.Figures)}
	last := a.b.Built
	if t := a.bot.loaded.Load(); t != nil {
		last = *t
	}
	r.Details = append(r.Details, fmt.Sprintf("Last loaded %s; %d reloads since start; up %s.", last.UTC().Format("2006-01-02 15:04:05 UTC"),
		a.bot.reloads.Load(), time.Since(a.bot.started).Round(time.Second)))
	if st.Skipped > 0 {
		r.Details = append(r.Details, fmt.Sprintf("%d releases were skipped as unreadable.", st.Skipped))
	}
	if a.bot.version != "" {
		r.Details = append(r.Details, "Version "+a.bot.version+".")
	}
	return r
}

func (a *answerer) notFound(p *query, msg string) Reply {
	r := Reply{Found: false, Intent: p.intent, Summary: msg}
	for _, ps := range p.ambiguous {
		for _, q := range ps {
			r.Suggestions = append(r.Suggestions, Suggestion{Label: q.Name, Query: "/who-is " + q.Name})
		}
	}
	seen := map[int]bool{}
	for _, q := range p.near {
		if seen[q.ID] {
			continue
		}
		seen[q.ID] = true
		r.Suggestions = append(r.Suggestions, Suggestion{Label: q.Name, Query: suggestionQuery(p, q)})
	}
	if len(r.Suggestions) > 0 {
		var labels []string
		for _, s := range r.Suggestions {
			labels = append(labels, s.Label)
		}
		r.Details = append(r.Details, "Did you mean "+joinOr(labels)+"?")
	}
	return r
}

func suggestionQuery(p *query, q *knowledge.Person) string {
	switch p.intent {
	case IntentWhoIs:
		return "/who-is " + q.Name
	case IntentMeetings:
		return "/meetings " + q.Name
	}
	return "/who-met " + q.Name
}

// ambiguity asks the person to choose between people a name fits.
func (a *answerer) ambiguity(p *query, ps []*knowledge.Person) Reply {
	r := Reply{Found: false, Intent: p.intent}
	var labels []string
	for _, q := range ps {
		labels = append(labels, personLabel(q))
		r.Suggestions = append(r.Suggestions, Suggestion{Label: q.Name, Query: suggestionQuery(p, q)})
	}
	r.Summary = "That name fits more than one person: " + joinOr(labels) + ". Which one do you mean?"
	r.final = true
	return r
}

func correctedNote(p *query) []string {
	var out []string
	for typed, alias := range p.corrected {
		if typed != alias {
			out = append(out, fmt.Sprintf("(I read %q as %q.)", typed, alias))
		}
	}
	sort.Strings(out)
	return out
}

// structured answers a question from the fact base's families (meetings,
// people, agreements), by the route its words take; a route with no
// structured answer of its own answers from search.
func (a *answerer) structured(p *query) Reply {
	n := p.names
	switch p.intent {
	case IntentWho, IntentSearch:
		// a name no release uses: whatever else the question says, no
		// release answers it (the other routes say so in their words)
		if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
			return r
		}
	}
	if nr, ok := a.noAgreementBetween(p); ok {
		nr.Sources = []Source{}
		return nr
	}
	var r Reply
	switch p.intent {
	case IntentWho, IntentWhoIs, IntentSearch:
		if listsPeople(p) {
			lr, ok := a.listPeople(p)
			switch {
			case ok:
				r = lr
			case len(n.countries) > 0:
				r = a.notFound(p, fmt.Sprintf("The releases name no one from %s who fits that.", joinOr(n.countries)))
			default:
				r = a.notFound(p, "The releases name no one who fits that.")
			}
			break
		}
		switch p.intent {
		case IntentWho:
			r = a.who(p)
		case IntentWhoIs:
			r = a.whoIs(p)
		default:
			r = a.search(p)
		}
	case IntentWhoMet:
		r = a.whoMet(p)
	case IntentWhere:
		r = a.where(p)
	case IntentWhen:
		r = a.when(p)
	case IntentTopics:
		r = a.topics(p)
	case IntentOutcomes:
		r = a.outcomes(p)
	case IntentMeetings:
		r = a.meetings(p)
	case IntentAgreements:
		r = a.agreements(p)
	}
	return r
}

// decide picks the answer to give: the structured answer when it holds
// what the question asks for (and, for one read from a single sentence
// the ranking chose, when no passage answers clearly better); else the
// best passage that clears the bar (acceptable); else the structured
// answer when it says the releases hold nothing, or "not found" when it
// answered something else. A reply marked final (a name the releases
// never mention, an ambiguous name) and a command's answer stand.
func (a *answerer) decide(p *query, r Reply) Reply {
	if r.final || p.command || a.searched {
		return r
	}
	fits := r.Found && a.fits(p, r)
	if fits && !r.anchored {
		return r
	}
	if fits {
		if alt, ok := a.betterPassage(p, r.anchor); ok {
			return alt
		}
		if r.Intent == IntentWho && r.Summary == a.b.Sentences[r.anchor].Text {
			// who() found no one in its sentence: the passage may, in the
			// sentence that completes it, or a body that acts; else the
			// release does not say who
			if alt := a.search(p); alt.Found {
				return alt
			}
			return a.notFound(p, "The releases don't say who.")
		}
		return r
	}
	if alt := a.search(p); alt.Found {
		return alt
	}
	if r.Found {
		return a.notFound(p, "I couldn't find that in the releases.")
	}
	return r
}

// betterPassage returns the passage answer when the best passage that
// answers is clearly better than the one from sentence anchor, which a
// structured answer was read from: anchor's passage does not answer, or
// scores below four fifths of it. Structured answers win ties.
func (a *answerer) betterPassage(p *query, anchor int) (Reply, bool) {
	ps := a.passages(p)
	best := -1
	anchorScore, anchorOK := 0.0, false
	for i, x := range ps {
		ok := a.acceptable(p, x)
		if ok && best < 0 {
			best = i
		}
		if x.hit.Sentence == anchor {
			anchorScore, anchorOK = x.score, ok
		}
	}
	if best < 0 || ps[best].hit.Sentence == anchor || anchorOK && anchorScore >= 0.8*ps[best].score {
		return Reply{}, false
	}
	alt := a.search(p)
	return alt, alt.Found
}

// fits reports whether a structured answer holds the kind of answer the
// question asks for: when or where the event asked about was, not a
// meeting's; an agreement's parties for "which countries"; a figure for
// "how many"; never a cause for "why".
func (a *answerer) fits(p *query, r Reply) bool {
	text := r.Text()
	if r.meeting && len(p.events) > 0 && (p.kind == kindDate || p.kind == kindPlace) {
		// when or where a meeting was does not say when or where the
		// question's event was ("when did the President approve …?")
		return false
	}
	switch p.kind {
	case kindCountries:
		if r.Intent != IntentAgreements {
			return false // a list of people names countries by the way
		}
		for _, c := range countriesIn(text) {
			if !slices.Contains(p.countries, c) {
				return true
			}
		}
		return false
	case kindNumber:
		if asksMeasure(p.folded) {
			return hasFigure(text)
		}
		return hasNumber(text)
	case kindReason:
		return false
	}
	return true
}

// sentTerms returns the index terms of sentence s, once per answer.
func (a *answerer) sentTerms(s int) []string {
	if ts, ok := a.terms[s]; ok {
		return ts
	}
	if a.terms == nil {
		a.terms = map[int][]string{}
	}
	ts := lang.Terms(a.b.Sentences[s].Text)
	a.terms[s] = ts
	return ts
}
