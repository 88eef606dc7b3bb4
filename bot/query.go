package bot

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// MaxQuestionBytes is the longest question the core reads; longer text is
// refused with a short explanation.
const MaxQuestionBytes = 2000

// Command is a command of the core's grammar, typed as "/name args" or
// "!name args".
type Command struct {
	// Name is the canonical command name ("who-met").
	Name string
	// Intent is what the command asks for.
	Intent Intent
	// Usage is the argument syntax shown in help.
	Usage string
	// Help is one line on what the command does.
	Help string
}

// Commands lists the commands the core understands, in help order.
var Commands = []Command{
	{"who-met", IntentWhoMet, "NAME [in PLACE] [YEAR]", "who a person met, where and when"},
	{"meetings", IntentMeetings, "[PERSON] [in PLACE] [YEAR] [TOPIC]", "meetings, filtered by person, place, year or topic"},
	{"agreements", IntentAgreements, "[COUNTRY|PERSON] [YEAR]", "agreements signed, concluded or ended"},
	{"who-is", IntentWhoIs, "NAME", "a person's offices and country"},
	{"topics", IntentTopics, "[PERSON|PLACE]", "what was discussed"},
	{"sources", IntentSources, "[WORDS]", "the releases, or the sentences that mention WORDS"},
	{"help", IntentHelp, "", "this help"},
}

var commandAliases = map[string]string{
	"whomet": "who-met", "who_met": "who-met", "met": "who-met", "meeting": "meetings",
	"agreement": "agreements", "whois": "who-is", "who_is": "who-is", "topic": "topics",
	"source": "sources", "releases": "sources", "ask": "ask", "liaison": "ask", "search": "ask",
	"status": "status",
}

var reCommand = regexp.MustCompile(`^[/!]([A-Za-z_-]+)\b\s*(.*)$`)

// parsed is a message after parsing: the intent and its arguments.
type parsed struct {
	intent  Intent
	command bool
	text    string // the question or the command's arguments
	folded  string // folded, lower-case text with punctuation turned to spaces
	// field is what a when/who question asks of an agreement: "expire",
	// "sign", "terminate", "initiate" or "".
	field     string
	agreement bool // the question is about an agreement
	releases  bool // "which releases mention X?": list releases, not sentences
	yesNo     bool // "did X meet Y?": answer yes or no
}

// sanitize cleans user text: invalid UTF-8 and control and format
// characters (bidi marks, zero-width joiners) are removed, white space is
// collapsed.
func sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// foldQuestion lower-cases, folds accents and turns punctuation into
// spaces, keeping hyphens and apostrophes inside words.
func foldQuestion(s string) string {
	f := lang.Fold(s)
	var b strings.Builder
	for i, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case (r == '-' || r == '\'') && i > 0 && i+1 < len(f):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// parse reads a message's text into an intent and arguments.
func parse(text string) parsed {
	text = sanitize(text)
	p := parsed{text: text}
	if text == "" {
		p.intent = IntentEmpty
		return p
	}
	if m := reCommand.FindStringSubmatch(text); m != nil {
		name := strings.ToLower(m[1])
		if c, ok := commandAliases[name]; ok {
			name = c
		}
		args := strings.TrimSpace(m[2])
		switch name {
		case "ask":
			sub := parse(args)
			return sub
		case "status":
			p.intent, p.command, p.text = IntentStatus, true, args
			p.folded = foldQuestion(args)
			return p
		}
		for _, c := range Commands {
			if c.Name == name {
				p.intent, p.command, p.text = c.Intent, true, args
				p.folded = foldQuestion(args)
				p.agreement = c.Intent == IntentAgreements
				return p
			}
		}
		p.intent, p.command = IntentUnknown, true
		p.text = name
		return p
	}
	q := foldQuestion(text)
	if m := reWhichReleases.FindStringSubmatch(q); m != nil && strings.TrimSpace(m[len(m)-1]) != "" {
		// "which releases mention drug trafficking?": the releases that do
		p.intent, p.releases = IntentSources, true
		p.text = strings.TrimSpace(m[len(m)-1])
		p.folded = p.text
		return p
	}
	if strings.HasPrefix(q, "how long ") && strings.HasSuffix(q, " last") {
		// "how long did the meeting last?": the verb, not "last summer"
		q = strings.TrimSuffix(q, " last")
		p.text = reTrailingLast.ReplaceAllString(text, "?")
	}
	p.folded = q
	p.agreement = reAgreementQ.MatchString(q)
	switch {
	case reFieldForce.MatchString(q):
		p.field = "force"
	case reFieldExpire.MatchString(q):
		p.field = "expire"
	case reFieldInit.MatchString(q):
		p.field = "initiate"
	case reFieldTerm.MatchString(q):
		p.field = "terminate"
	case reFieldSign.MatchString(q):
		p.field = "sign"
	}
	switch {
	case q == "status" || q == "liaison status":
		p.intent = IntentStatus
	case reHelp.MatchString(q):
		p.intent = IntentHelp
	case reYesNoMet.MatchString(q):
		p.intent, p.yesNo = IntentWhoMet, true
	case reWhichDidMeet.MatchString(q) && !strings.Contains(q, " discuss"):
		p.intent = IntentWhoMet
	case reMeetings.MatchString(q) || reWhatHappened.MatchString(q) ||
		reNameMeetings.MatchString(q) && !questionWords[strings.Fields(q)[0]]:
		p.intent = IntentMeetings
	case reAgreeList.MatchString(q):
		p.intent = IntentAgreements
	case (reWhoMet.MatchString(q) || reAttended.MatchString(q)) && !strings.Contains(q, "sign"):
		p.intent = IntentWhoMet
	case reWhere.MatchString(q):
		p.intent = IntentWhere
	case reWhen.MatchString(q):
		p.intent = IntentWhen
	case reDescribeMeeting.MatchString(q):
		p.intent = IntentTopics
	case reOutcomeQ.MatchString(q) && !reAgreementNoun.MatchString(q) && !strings.Contains(q, "how many"):
		p.intent = IntentOutcomes
	case reWhat.MatchString(q) && reTopics.MatchString(q) && !strings.Contains(q, "how many"):
		p.intent = IntentTopics
	case reWhoIs.MatchString(q) && !strings.Contains(q, " represent") && !strings.Contains(q, " chair") && !strings.Contains(q, " sign") && !strings.Contains(q, " open"):
		p.intent = IntentWhoIs
	case reWho.MatchString(q):
		p.intent = IntentWho
	case p.agreement && reAgreementFocus.MatchString(q):
		p.intent = IntentAgreements
	default:
		p.intent = IntentSearch
	}
	return p
}

// years returns the years a question names.
func years(q string) []int {
	var out []int
	for _, m := range reYear.FindAllString(q, -1) {
		y, _ := strconv.Atoi(m)
		out = append(out, y)
	}
	return out
}

// query is a question read once, by parseQuery: the route it takes
// (parsed), the names it gives and how each resolved (names), and what
// follows from them. Every answer reads it; nothing parses the text again.
type query struct {
	parsed
	names
	// literal are the names read without correcting typos in lower-case
	// words (for entity checks and the verb focus); see literalNames
	literal *names
	// grammarNotes say which mistyped grammar words were read as which
	// ("(I read "wher" as "where".)")
	grammarNotes []string
	// kind is the kind of answer the question asks for (kindOf)
	kind answerKind
	// focus are the terms of the thing a "which X" question asks for
	// ("which Swedish municipalities": municipality); plural says X is
	// plural, a list
	focus  []string
	plural bool
	// exclude are the terms of what the question sets aside ("besides
	// the police": police); they are not searched for
	exclude []string
	// terms are the index terms searched for: the question's, less
	// exclude, a word no release uses searched as its synonyms; asked are
	// the question's own, which coverage is read over
	terms, asked []string
	// events are the events the question asks about (eventOf), once each
	events []int
	// before and after say the question asks about an earlier event
	// ("the previous meeting") or one still to come ("the next meeting");
	// start, about when something began ("since when …?")
	before, after, start bool
	// counted are the terms of what a "how many" question counts ("how
	// many joint operations …": joint, operat)
	counted []string
	// days and months are the days ("on 8 April") and the months without
	// a day ("in May 2019") the question names
	days, months []dates.Date
	// whose are the countries of the people a question asks for, where it
	// says ("which Danish officials …?", "who is the Polish interior
	// minister?", "who represented Finland …?"), not those of others it
	// speaks of ("who received the Finnish guests?")
	whose []string
	// proper caches properNouns
	proper *[]string
	// recalled are the people a follow-up question ("what did he sign?")
	// speaks of, from the conversation: a passage must name one
	recalled []*knowledge.Person
}

// parseQuery reads a question: its route, with mistyped grammar words
// corrected when that finds one, and, for the routes that answer from the
// fact base, its names.
func (a *answerer) parseQuery(text string) *query {
	q := &query{parsed: parse(text)}
	if q.intent == IntentSearch && !q.command {
		// "wher did Orpo meet Kolokoltsev?": a mistyped grammar word
		if fixed, notes := correctGrammar(a.b, text); len(notes) > 0 {
			if p := parse(fixed); p.intent != IntentSearch {
				q.parsed, q.grammarNotes = p, notes
			}
		}
	}
	switch q.intent {
	case IntentEmpty, IntentHelp, IntentStatus, IntentUnknown:
		return q
	}
	q.kind = kindOf(withoutOpening(q.text, q.folded))
	q.focus = focusTerms(q.folded)
	q.plural = focusPlural(q.folded)
	if q.kind == kindText && len(q.focus) > 0 {
		q.kind = kindThing
	}
	if q.intent == IntentWhoMet && !q.command && !q.yesNo && q.kind != kindPerson && q.kind != kindPeople &&
		(q.kind != kindText || reOpensOther.MatchString(q.folded)) {
		// "what do the ministers who met in Vilnius want?", "which
		// countries attended …?": a question about something else than
		// who met whom
		q.intent = IntentSearch
	}
	q.exclude = excludedTerms(q.text)
	q.days, q.months = askedDates(q.text)
	if m := reCounted.FindStringSubmatch(q.folded); m != nil {
		for _, w := range strings.Fields(m[len(m)-1]) {
			if countedStops[w] || pastVerbs[w] || strings.HasSuffix(w, "ed") {
				break // "how many people sought asylum": people
			}
			for _, t := range lang.Terms(w) {
				if !exclusionWords[t] && t != "other" {
					q.counted = append(q.counted, t)
				}
			}
		}
	}
	q.before, q.after = reAsksEarlier.MatchString(q.folded), reAsksNext.MatchString(q.folded)
	q.start = reAsksStart.MatchString(q.folded)
	q.terms = slices.DeleteFunc(lang.Terms(q.text), func(t string) bool {
		// what the question sets aside, the word that sets it aside, and
		// the thing a "which X" question asks for when no release uses
		// the word ("which facility …?": the answer names a centre)
		return grammarTerms[t] || slices.Contains(q.exclude, t) || len(q.exclude) > 0 && exclusionWords[t] ||
			slices.Contains(q.focus, t) && !a.b.Index().Has(t)
	})
	q.terms = append(q.terms, askedVerbs(q.folded)...)
	q.asked = q.terms
	q.terms = a.withSynonyms(q.terms)
	q.events = eventsOf(q.folded)

	if q.intent == IntentSources {
		return q
	}
	personal := false
	switch q.intent {
	case IntentWhoMet, IntentWhoIs, IntentWhere, IntentWhen, IntentTopics, IntentOutcomes, IntentMeetings, IntentAgreements:
		personal = true
	}
	n, mattered := resolveNamesTyped(a.b, q.text, personal)
	q.names = n
	if !personal || !mattered {
		q.literal = &q.names // the same as read without typo correction
	}
	q.whose = askedCountries(q.folded)
	if len(q.people) == 0 && len(a.mem.people) > 0 && isFollowUp(q) {
		for _, id := range a.mem.people {
			q.recalled = append(q.recalled, a.b.People[id])
		}
	}
	return q
}

// bare returns a copy of the query without its names: for answers that
// must not filter by them or suggest close names.
func (p *query) bare() *query {
	c := *p
	c.names = names{}
	return &c
}

// excludedTerms returns the index terms of what a question sets aside:
// the words after "besides", "other than", "apart from", "except" or "not
// counting", up to the next punctuation or preposition ("which facility
// did he visit besides the police?": police; "besides the ministry
// agreement, what programmes …": ministry, agreement).
func excludedTerms(text string) []string {
	m := reExclusion.FindStringSubmatch(lang.Fold(strings.ToLower(text)))
	if m == nil {
		return nil
	}
	var ws []string
	for _, w := range strings.FieldsFunc(m[len(m)-1], func(r rune) bool { return r == ' ' || r == '\t' }) {
		bare := strings.TrimRight(w, ",;:?!.")
		if placePreps[bare] || bare == "on" || bare == "during" || bare == "for" || bare == "with" || bare == "" {
			break
		}
		ws = append(ws, bare)
		if bare != w {
			break // the phrase ends at its punctuation
		}
	}
	return lang.Terms(strings.Join(ws, " "))
}

// searchTerms returns the index terms the question is searched for
// (terms), reading them from its text when a copy of the query changed it.
func (p *query) searchTerms() []string {
	if p.terms == nil {
		p.terms = lang.Terms(p.text)
	}
	return p.terms
}

// withoutOpening returns the folded question without an opening word set
// off by punctuation ("Quickly: who did …", "Please, when …"), which says
// nothing of the kind of answer asked for.
func withoutOpening(text, folded string) string {
	if m := reOpeningWord.FindStringSubmatch(text); m != nil {
		if first, rest, ok := strings.Cut(folded, " "); ok && first == lang.Fold(strings.ToLower(m[1])) {
			return rest
		}
	}
	return folded
}

// askedVerbs returns the stems of the generic verbs (genericVerbs) a
// question asks about: a verb after an auxiliary ("what did the minister
// give to her colleague?", "what was given to him?") is what the question
// asks, and the releases say it with another word of its group ("handed
// over"); one followed by "me" or "us" ("give me the meetings") is the
// question's grammar.
func askedVerbs(folded string) []string {
	var out []string
	aux := false
	words := reLetters.FindAllString(folded, -1)
	for i, w := range words {
		switch {
		case auxiliaries[w]:
			aux = true
		case aux && genericVerbs[w] != "" && (i+1 == len(words) || words[i+1] != "me" && words[i+1] != "us"):
			out = appendStr(out, genericVerbs[w])
		}
	}
	return out
}

// withSynonyms replaces each term no release uses by those of its synonym
// group (synonymGroups) that the releases do use.
func (a *answerer) withSynonyms(terms []string) []string {
	var out []string
	for _, t := range terms {
		if a.b.Index().Has(t) || len(synonymGroups[t]) == 0 {
			out = append(out, t)
			continue
		}
		found := false
		for _, s := range synonymGroups[t] {
			if s != t && a.b.Index().Has(s) {
				out = appendStr(out, s)
				found = true
			}
		}
		if !found {
			out = append(out, t)
		}
	}
	return out
}

// focusPlural reports whether the thing a "which X" question asks for is
// plural ("which offences", "which municipalities").
func focusPlural(q string) bool {
	m := reFocus.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	for _, w := range m[1:] {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			return true
		}
	}
	return false
}

// eventsOf returns the events a folded question asks about, in the order
// it names them, once each: its main verb's first ("which minister
// announced Lithuania was ending …": saying, then ending).
func eventsOf(folded string) []int {
	var out []int
	add := func(ev int) {
		if ev != 0 && !slices.Contains(out, ev) {
			out = append(out, ev)
		}
	}
	force := reAsksForce.MatchString(folded)
	ws := strings.Fields(folded)
	for i, w := range ws {
		switch {
		case sayWords[w] && !slices.ContainsFunc(ws[max(i-3, 0):i], func(x string) bool { return documentNouns[x] }):
			// (what "the joint statement says" is its content, not a
			// speech)
			add(sayEvent)
		case force && (w == "force" || w == "effect" || w == "effective"):
			add(forceEvent)
		default:
			for _, t := range lang.Terms(w) {
				add(eventOf[t])
			}
		}
	}
	return out
}

// askedCountries returns the countries a folded question gives the people
// it asks for: those named in its opening noun phrase ("which danish
// officials", "who is the polish interior minister", up to the first
// verb) and those someone "represented" or acted "for".
func askedCountries(q string) []string {
	ws := strings.Fields(q)
	var out []string
	add := func(w string) {
		if c := lang.CountryOf(w); c != "" {
			out = appendStr(out, c)
		}
		for _, c := range hyphenCountries(w) {
			out = appendStr(out, c)
		}
	}
	start := 0
	switch {
	case len(ws) > 2 && (ws[0] == "who" || ws[0] == "whom") && auxiliaries[ws[1]] && ws[2] == "the":
		start = 3 // "who is the polish interior minister"
	case len(ws) > 1 && (ws[0] == "which" || ws[0] == "what" || ws[0] == "list" || ws[0] == "name"):
		start = 1
	}
	for i := start; start > 0 && i < len(ws); i++ {
		if auxiliaries[ws[i]] || strings.HasSuffix(ws[i], "ed") {
			break
		}
		add(ws[i])
	}
	for i, w := range ws {
		if i+1 < len(ws) && (strings.HasPrefix(w, "represent") || w == "for") {
			add(ws[i+1])
		}
	}
	return out
}
