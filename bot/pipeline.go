package bot

import (
	"fmt"
	"liaison/knowledge"
	"sort"
	"time"
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

	// ranked caches the question's ranking: intents try several anchors
	// (agreement, meeting, plain search) over the same question
	ranked     []knowledge.Hit
	rankedText string
	rankedK    int
	// scope, when set, limits rankings to these releases (the releases of
	// the agreements a question names); rankedScoped says the cached
	// ranking was so limited
	scope        []int
	rankedScoped bool

	literal *names // the question's names read without typo correction

	anchored *anchoredAgreement // anchorAgreement's last result

	// cover says whether a hit can reach minCoverage (coverable) for the
	// text coverText, once coverDone
	cover, coverDone bool
	coverText        string
}

func (a *answerer) answer(text string) Reply {
	if len(text) > MaxQuestionBytes {
		return Reply{Intent: IntentUnknown, Summary: fmt.Sprintf("That message is too long for me (%d characters). Please ask a shorter question.", len([]rune(text)))}
	}
	p := parse(text)
	var grammarNotes []string
	if p.intent == IntentSearch && !p.command {
		// "wher did Orpo meet Kolokoltsev?": a mistyped grammar word
		if fixed, notes := correctGrammar(a.b, text); len(notes) > 0 {
			if q := parse(fixed); q.intent != IntentSearch {
				p, grammarNotes = q, notes
			}
		}
	}
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
	personal := false
	switch p.intent {
	case IntentWhoMet, IntentWhoIs, IntentWhere, IntentWhen, IntentTopics, IntentOutcomes, IntentMeetings, IntentAgreements:
		personal = true
	}
	n, mattered := resolveNamesTyped(a.b, p.text, personal)
	if !personal || !mattered {
		a.literal = &n // the same as read without typo correction
	}
	if nr, ok := a.noAgreementBetween(p, n); ok {
		nr.Sources = []Source{}
		return nr
	}
	var r Reply
	switch p.intent {
	case IntentWho, IntentWhoIs, IntentSearch:
		if listsPeople(p, n) {
			lr, ok := a.listPeople(n)
			switch {
			case ok:
				r = lr
			case len(n.countries) > 0:
				r = a.notFound(p, n, fmt.Sprintf("The releases name no one from %s who fits that.", joinOr(n.countries)))
			default:
				r = a.notFound(p, n, "The releases name no one who fits that.")
			}
			break
		}
		switch p.intent {
		case IntentWho:
			r = a.who(p, n)
		case IntentWhoIs:
			r = a.whoIs(p, n)
		default:
			r = a.search(p, n)
		}
	case IntentWhoMet:
		r = a.whoMet(p, n)
	case IntentWhere:
		r = a.where(p, n)
	case IntentWhen:
		r = a.when(p, n)
	case IntentTopics:
		r = a.topics(p, n)
	case IntentOutcomes:
		r = a.outcomes(p, n)
	case IntentMeetings:
		r = a.meetings(p, n)
	case IntentAgreements:
		r = a.agreements(p, n)
	}
	if r.Intent == "" {
		r.Intent = p.intent
	}
	r.Details = append(r.Details, grammarNotes...)
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

func (a *answerer) notFound(p parsed, n names, msg string) Reply {
	r := Reply{Found: false, Intent: p.intent, Summary: msg}
	for _, ps := range n.ambiguous {
		for _, q := range ps {
			r.Suggestions = append(r.Suggestions, Suggestion{Label: q.Name, Query: "/who-is " + q.Name})
		}
	}
	seen := map[int]bool{}
	for _, q := range n.near {
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

func suggestionQuery(p parsed, q *knowledge.Person) string {
	switch p.intent {
	case IntentWhoIs:
		return "/who-is " + q.Name
	case IntentMeetings:
		return "/meetings " + q.Name
	}
	return "/who-met " + q.Name
}

// ambiguity asks the person to choose between people a name fits.
func (a *answerer) ambiguity(p parsed, ps []*knowledge.Person) Reply {
	r := Reply{Found: false, Intent: p.intent}
	var labels []string
	for _, q := range ps {
		labels = append(labels, personLabel(q))
		r.Suggestions = append(r.Suggestions, Suggestion{Label: q.Name, Query: suggestionQuery(p, q)})
	}
	r.Summary = "That name fits more than one person: " + joinOr(labels) + ". Which one do you mean?"
	return r
}

func correctedNote(n names) []string {
	var out []string
	for typed, alias := range n.corrected {
		if typed != alias {
			out = append(out, fmt.Sprintf("(I read %q as %q.)", typed, alias))
		}
	}
	sort.Strings(out)
	return out
}
