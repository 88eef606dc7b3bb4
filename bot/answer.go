package bot

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"liaison/knowledge"
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

// coverGate lets answers skip rankings no hit of which can reach
// minCoverage; tests turn it off to compare.
var coverGate = true

// coverable reports whether a hit of the question's ranking can reach
// minCoverage (knowledge.Base.Covers): when not, the answers that need
// such a hit are not found, without ranking.
func (a *answerer) coverable(p parsed) bool {
	if !coverGate {
		return true
	}
	if !a.coverDone || a.coverText != p.text {
		a.cover, a.coverDone, a.coverText = a.b.Covers(knowledge.Terms(p.text), minCoverage), true, p.text
	}
	return a.cover
}

// literalNames resolves the question's names once, without correcting
// typos in lower-case words (for entity checks and the verb focus).
func (a *answerer) literalNames(p parsed) names {
	if a.literal == nil {
		n := resolveNames(a.b, p.text, false)
		a.literal = &n
	}
	return *a.literal
}

// rankedHits returns the best k sentences for the question text, from
// one ranking per answer (the top k of a longer ranking are the same).
func (a *answerer) rankedHits(text string, k int) []knowledge.Hit {
	scoped := a.scope != nil
	if a.ranked == nil || a.rankedText != text || a.rankedK < k || a.rankedScoped != scoped {
		a.rankedK = max(k, 24)
		a.rankedText = text
		a.rankedScoped = scoped
		if scoped {
			a.ranked = a.b.SearchDocs(knowledge.Terms(text), a.rankedK, a.scope)
		} else {
			a.ranked = a.b.Search(knowledge.Terms(text), a.rankedK)
		}
		if a.ranked == nil {
			a.ranked = []knowledge.Hit{}
		}
	}
	hs := a.ranked
	if len(hs) > k {
		hs = hs[:k]
	}
	if len(hs) == 0 {
		return nil
	}
	return append([]knowledge.Hit(nil), hs...)
}

// countryStems are the index terms of country names ("finland").
var countryStems = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range knowledge.Countries() {
		for _, t := range knowledge.Terms(c) {
			m[t] = true
		}
	}
	return m
}()

// requiredTerms are the entities a question names: countries, people and
// years. An answer must come from a release that mentions every one of
// them, or it answers some other question.
func (a *answerer) requiredTerms(p parsed) []string {
	if a.reqDone {
		return a.required
	}
	a.reqDone = true
	for _, t := range knowledge.Terms(p.text) {
		if countryStems[t] {
			a.required = appendStr(a.required, t)
		}
	}
	n := a.literalNames(p)
	for _, q := range n.people {
		for _, t := range knowledge.Terms(q.Surname()) {
			a.required = appendStr(a.required, t)
		}
	}
	for _, pl := range n.places {
		// the longest word of a place ("petersburg" of "St. Petersburg")
		longest := ""
		for _, t := range knowledge.Terms(pl) {
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
	return a.required
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
				for _, dt := range []knowledge.Date{ag.Signed, ag.Expires, ag.InForce} {
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

const (
	// minCoverage is the share of a question's weighted terms that a
	// sentence and its release must hold before it counts as an answer.
	minCoverage = 0.6
	// maxListed caps the meetings or agreements listed in one reply.
	maxListed = 8
)

var (
	reHowOften  = mustQuick(`\bhow (often|frequently|regularly)\b`)
	reFrequency = regexp.MustCompile(`(?i)\b(once|twice|three times|every|annual|annually|yearly|monthly|weekly|daily|regularly|a year|per year|each year)\b`)
)

var reHowMany = mustQuick(`^(roughly |approximately |about )?(how (many|much|long|often|large|big)|what (number|share|percentage|amount)|within how)\b|\bhow many\b`)

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

// ---- sources and labels

func (a *answerer) source(sentence int) Source {
	d := a.b.Doc(sentence)
	return Source{Doc: d.File, Title: d.Title, Date: d.Date.ISO(), Quote: a.b.Sentences[sentence].Text, URL: d.URL}
}

type sourceSet struct {
	a    *answerer
	seen map[int]bool
	out  []Source
}

func (a *answerer) newSources() *sourceSet { return &sourceSet{a: a, seen: map[int]bool{}} }

func (s *sourceSet) add(sentence int) {
	if sentence < 0 || s.seen[sentence] {
		return
	}
	s.seen[sentence] = true
	s.out = append(s.out, s.a.source(sentence))
}

// personLabel is "Name (office, country)".
func personLabel(p *knowledge.Person) string {
	office := ""
	for _, o := range p.Offices {
		if strings.Contains(o.Title, " ") && (office == "" || len(o.Title) < len(office)) {
			office = o.Title
		}
	}
	if office == "" && len(p.Offices) > 0 {
		office = p.Offices[0].Title
	}
	var parts []string
	if office != "" {
		parts = append(parts, office)
	}
	if p.Country != "" && knowledge.CountryIn(office) != p.Country {
		parts = append(parts, p.Country)
	}
	if len(parts) == 0 {
		return p.Name
	}
	return p.Name + " (" + strings.Join(parts, ", ") + ")"
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func (a *answerer) meetingDate(m *knowledge.Meeting) string { return a.meetingDateAround(m, " (", ")") }

// meetingDateInline is meetingDate for use inside parentheses: "date not
// stated; release of 19 July 2019".
func (a *answerer) meetingDateInline(m *knowledge.Meeting) string {
	return a.meetingDateAround(m, "; ", "")
}

// meetingDateAround is meetingDate with the release's date of an undated
// meeting set between open and close.
func (a *answerer) meetingDateAround(m *knowledge.Meeting, open, close string) string {
	if !m.Date.IsZero() || m.Date.Month != 0 {
		return m.Date.Human()
	}
	if d := a.b.Docs[m.Doc].Date; !d.IsZero() {
		return "date not stated" + open + "release of " + d.Human() + close
	}
	return "date not stated"
}

func placeNames(m *knowledge.Meeting) []string {
	var out []string
	for _, p := range m.Places {
		out = append(out, p.Name)
	}
	return out
}

// meetingLine describes a meeting in one line, naming the people in it
// other than skip.
func (a *answerer) meetingLine(m *knowledge.Meeting, skip map[int]bool) string {
	var who []string
	for _, pid := range m.Participants {
		if !skip[pid] {
			who = append(who, personLabel(a.b.People[pid]))
		}
	}
	var parts []string
	parts = append(parts, a.meetingDate(m))
	if pl := placeNames(m); len(pl) > 0 {
		parts = append(parts, strings.Join(pl, ", then "))
	}
	line := strings.Join(parts, ", ") + ":"
	if m.Name != "" {
		line += " " + m.Name
		if len(who) > 0 {
			line += ", with"
		}
	}
	if len(who) > 0 {
		line += " " + joinAnd(who)
	} else if m.Name == "" {
		line += " " + clip(a.b.Sentences[m.Anchor].Text, 160)
	}
	return line
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// ---- retrieval

// hits returns the question's k best sentences, re-scored for what the
// question asks, or none when no hit can reach minCoverage (coverable).
func (a *answerer) hits(p parsed, k int) []knowledge.Hit {
	if !a.coverable(p) {
		return nil // no hit can reach minCoverage, which every caller needs
	}
	hs := a.rankedHits(p.text, k*3)
	if reHowOften.MatchString(p.folded) {
		for i := range hs {
			if reFrequency.MatchString(a.b.Sentences[hs[i].Sentence].Text) {
				hs[i].Score *= 1.6
			}
		}
	} else if reHowMany.MatchString(p.folded) {
		// a measure ("how long is the border?") is a figure; a date is
		// no answer to it, though it is to "how long did it last?"
		has := hasNumber
		if asksMeasure(p.folded) {
			has = hasFigure
		}
		for i := range hs {
			if has(a.b.Sentences[hs[i].Sentence].Text) {
				hs[i].Score *= 1.4
			}
		}
	}
	focus := append(focusTerms(p.folded), a.verbFocus(p)...)
	for i := range hs {
		s := a.b.Sentences[hs[i].Sentence]
		if len(focus) > 0 {
			st := knowledge.Terms(s.Text)
			for _, f := range focus {
				for _, t := range st {
					if t == f {
						hs[i].Score += a.b.Index().IDF(f)
						break
					}
				}
			}
		}
		if p.intent == IntentWho && len(a.b.PeopleIn(hs[i].Sentence)) > 0 {
			hs[i].Score *= 1.3
		}
		// headlines and contact lines are poor answers
		if s.Contact {
			hs[i].Score *= 0.3
		}
		if s.Title {
			hs[i].Score *= 0.8
		}
	}
	if req := a.requiredTerms(p); len(req) > 0 {
		kept := hs[:0]
		for _, h := range hs {
			if a.docHas(a.b.Sentences[h.Sentence].Doc, req) {
				kept = append(kept, h)
			}
		}
		hs = kept
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Score > hs[j].Score })
	if len(hs) > k {
		hs = hs[:k]
	}
	return hs
}

var reDigitOrNumberWord = regexp.MustCompile(`(?i)\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|million|dozen|two-day|three-day)\b`)

func hasNumber(s string) bool { return reDigitOrNumberWord.MatchString(s) }

// hasFigure reports whether s gives a figure: a number word, or digits
// that are not a year or the day of a date ("31st October", "May 24").
func hasFigure(s string) bool {
	ws := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:()“”\"–—", r) })
	for i, w := range ws {
		w = strings.TrimRight(w, ".")
		if numberWords[strings.ToLower(w)] {
			return true
		}
		digits := strings.TrimRightFunc(strings.TrimLeft(w, "~≈+-"), func(r rune) bool { return unicode.IsLetter(r) || r == '%' })
		if digits == "" || strings.IndexFunc(digits, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != ',' }) >= 0 {
			continue
		}
		if v, err := strconv.Atoi(digits); err == nil && v >= 1800 && v <= 2099 && !strings.HasSuffix(w, "%") {
			continue // a year
		}
		if i > 0 && knowledge.MonthOf(ws[i-1]) != 0 || i+1 < len(ws) && knowledge.MonthOf(ws[i+1]) != 0 ||
			i+3 < len(ws) && (ws[i+1] == "and" || ws[i+1] == "-") && knowledge.MonthOf(ws[i+3]) != 0 {
			continue // the day of a date ("23 and 24 May")
		}
		return true
	}
	return false
}

// numberWords are the words that give a figure, lower-case.
var numberWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve twenty thirty forty
fifty hundred hundreds thousand thousands million millions dozen dozens two-day three-day half double twice`) {
		numberWords[w] = true
	}
}

// reContinues matches a sentence that goes on about what the one before
// it names: it opens with a pronoun for it.
var reContinues = regexp.MustCompile(`^(It|They|This body|The body|Its|Their) `)

// reCountQ matches a question that asks for a count or an amount.
var reCountQ = mustQuick(`\bhow (many|much)\b|\bwhat (number|share|percentage|proportion|amount)\b`)

// reMeasureQ matches a question that asks for a measure: a length, a
// distance, a size. "How long was the meeting?" asks for a duration,
// which dates can answer, and is not one.
var reMeasureQ = mustQuick(`\bhow (far|big|large|wide|high|tall|deep|heavy|long is|long are)\b`)

// asksMeasure reports whether a folded question asks for a measure, not
// for how long a meeting or visit went on ("how long is the meeting?").
func asksMeasure(q string) bool { return reMeasureQ.MatchString(q) && !meetingCue(q) }

// enumerates reports whether s lists three or more items ("Finland,
// Norway, Estonia and Poland"), which a count question can be answered by.
func enumerates(s string) bool {
	return strings.Count(s, ", ") >= 2 && (strings.Contains(s, " and ") || strings.Contains(s, " or "))
}

var reWhatDid = mustQuick(`^(what|which|whom|who)( \w+)? (did|does|do|will|has|have|had|was|were|is|are)\b`)

// verbFocus returns the verb a "what did NAME VERB" question asks about
// ("what did Kolokoltsev hand over" -> hand): the first ordinary word after
// the name.
func (a *answerer) verbFocus(p parsed) []string {
	if !reWhatDid.MatchString(p.folded) {
		return nil
	}
	n := a.literalNames(p)
	first := -1
	for i, u := range n.used {
		if u {
			first = i
			break
		}
	}
	for i := first + 1; first >= 0 && i < len(n.words); i++ {
		if !n.used[i] {
			return knowledge.Terms(n.words[i])
		}
	}
	return nil
}

var reFocus = mustQuick(`(?:^|\b(?:under|in|on|for|of|to|with|by|from) )(?:which|what)(?: (?:kinds?|types?|sorts?) of)? ([a-z'-]+)(?: ([a-z'-]+))?`)

// focusTerms returns the terms naming what a "which X" or "what X"
// question asks for ("which Swedish municipalities" -> municipality):
// the answer must contain them.
func focusTerms(q string) []string {
	m := reFocus.FindStringSubmatch(q)
	if m == nil {
		return nil
	}
	switch m[1] {
	case "did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "will", "would", "can", "could":
		return nil
	}
	var out []string
	for _, w := range m[1:] {
		if w == "" || questionWords[w] || knowledge.CountryOf(w) != "" {
			continue
		}
		out = append(out, knowledge.Terms(w)...)
	}
	return out
}

// anchor returns the first of the question's best sentences (within 60 %
// of the best score) that reports on a fact of the kind has recognises;
// ok is false when there is none or the question is too far from the
// releases.
func (a *answerer) anchor(p parsed, has func(sentence int) bool) (knowledge.Hit, bool) {
	hs := a.hits(p, 8)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return knowledge.Hit{}, false
	}
	for _, h := range hs {
		if h.Score < hs[0].Score*0.6 {
			break
		}
		if has(h.Sentence) {
			return h, true
		}
	}
	return hs[0], false
}

// anchorMeeting finds the meeting a question without names is about, from
// the best sentences that match it.
func (a *answerer) anchorMeeting(p parsed) (*knowledge.Meeting, knowledge.Hit, bool) {
	h, ok := a.anchor(p, func(s int) bool { return a.b.MeetingOf(s) != nil })
	if !ok {
		return nil, h, false
	}
	return a.b.MeetingOf(h.Sentence), h, true
}

// reAgreementNoun matches a question that names an agreement.
var reAgreementNoun = mustQuick(`\b(agreements?|treaty|treaties|memorand\w*|mou|protocols?|accords?|conventions?|deals?)\b`)

// noAgreementBetween answers a question about an agreement between two or
// more countries ("when was the Finnish-Polish police agreement
// signed?") when the releases report none between them: it says so,
// rather than answer about another agreement or a meeting. ok is false
// when there is one, or one whose parties the releases do not give could
// be it.
func (a *answerer) noAgreementBetween(p parsed, n names) (Reply, bool) {
	if p.command || len(n.countries) < 2 || !reAgreementNoun.MatchString(p.folded) {
		return Reply{}, false
	}
	switch p.intent {
	case IntentWho, IntentWhoIs, IntentWhen, IntentWhere, IntentAgreements, IntentSearch:
	default:
		return Reply{}, false
	}
	if _, _, ok := a.anchorAgreement(p); ok {
		return Reply{}, false // the answer's own look-up, kept for it
	}
	if _, total := a.b.AgreementsMatching(n.countries, nil, nil, "", 0); total > 0 {
		return Reply{}, false
	}
	return a.notFound(p, n, fmt.Sprintf("The releases report no agreement between %s.", joinAnd(n.countries))), true
}

// anchorFieldAgreement is anchorAgreement for a question about when an
// agreement enters into force or expires: when its words do not find one,
// its words without the field's do ("when does the police agreement enter
// into force?" of a release that never says).
func (a *answerer) anchorFieldAgreement(p parsed) (*knowledge.Agreement, knowledge.Hit, bool) {
	ag, h, ok := a.anchorAgreement(p)
	if ok {
		return ag, h, ok
	}
	var field *regexp.Regexp
	switch p.field {
	case "force":
		field = reFieldForce.re
	case "expire":
		field = reFieldExpire.re
	default:
		return ag, h, ok
	}
	q := p
	q.text = strings.Join(strings.Fields(field.ReplaceAllString(p.folded, " ")), " ")
	q.folded = q.text
	if q.text == p.folded {
		return ag, h, ok
	}
	return a.anchorAgreement(q)
}

// anchorAgreement finds the agreement a question is about, the same way:
// first among the releases of the agreements it names by parties and
// name, if any (a lookup, whatever the size of the base), then among all.
func (a *answerer) anchorAgreement(p parsed) (*knowledge.Agreement, knowledge.Hit, bool) {
	key := anchorKey{p.text, p.folded, p.intent}
	if c := a.anchored; c != nil && c.key == key {
		return c.ag, c.hit, c.ok
	}
	ag, h, ok := a.findAgreement(p)
	a.anchored = &anchoredAgreement{key, ag, h, ok}
	return ag, h, ok
}

// anchorKey is what anchorAgreement's result depends on.
type anchorKey struct {
	text, folded string
	intent       Intent
}

// anchoredAgreement is anchorAgreement's last result.
type anchoredAgreement struct {
	key anchorKey
	ag  *knowledge.Agreement
	hit knowledge.Hit
	ok  bool
}

func (a *answerer) findAgreement(p parsed) (*knowledge.Agreement, knowledge.Hit, bool) {
	n := a.literalNames(p)
	has := func(s int) bool {
		// an agreement between other parties than the question names is
		// not the one it asks about ("the Finnish-Polish agreement")
		ag := a.b.AgreementOf(s)
		return ag != nil && (len(ag.Parties) == 0 || !slices.ContainsFunc(n.countries, func(c string) bool { return !slices.Contains(ag.Parties, c) }))
	}
	if len(n.countries) > 0 {
		var docs []int
		for _, ag := range a.b.AgreementsNamed(knowledge.Terms(p.text), n.countries, years(p.folded)) {
			docs = append(docs, ag.Doc)
		}
		if len(docs) > 0 {
			a.scope = docs
			h, ok := a.anchor(p, has)
			a.scope = nil
			if ok {
				return a.b.AgreementOf(h.Sentence), h, true
			}
		}
	}
	h, ok := a.anchor(p, has)
	if !ok {
		return nil, h, false
	}
	return a.b.AgreementOf(h.Sentence), h, true
}

// search answers with the best-matching sentences, or says plainly that
// the releases hold nothing on it.
func (a *answerer) search(p parsed, n names) Reply {
	hs := a.hits(p, 5)
	if len(hs) == 0 || hs[0].Coverage < minCoverage || hs[0].SentenceCoverage < 0.25 {
		return a.notFound(p, n, "I couldn't find anything about that in the releases.")
	}
	best := hs[0]
	if text := a.b.Sentences[best.Sentence].Text; (reCountQ.MatchString(p.folded) && !enumerates(text) ||
		asksMeasure(p.folded)) && !hasFigure(text) {
		// "how many joint operations were there?" answered by a sentence
		// with no figure and no list to count, or "how long is the
		// border?" by one with no figure, is no answer
		return a.notFound(p, n, "The releases give no figure for that.")
	}
	src := a.newSources()
	src.add(best.Sentence)
	r := Reply{Found: true, Intent: IntentSearch, Summary: a.b.Sentences[best.Sentence].Text}
	if next := best.Sentence + 1; next < len(a.b.Sentences) && a.b.Sentences[next].Doc == a.b.Sentences[best.Sentence].Doc &&
		reContinues.MatchString(a.b.Sentences[next].Text) {
		// "A Joint Commission shall be set up. It will be responsible
		// for …": the next sentence goes on about what this one names
		r.Details = append(r.Details, a.b.Sentences[next].Text)
		src.add(next)
	}
	for _, h := range hs[1:] {
		if h.Score >= best.Score*0.8 && a.b.Sentences[h.Sentence].Doc == a.b.Sentences[best.Sentence].Doc && len(r.Details) < 1 {
			r.Details = append(r.Details, a.b.Sentences[h.Sentence].Text)
			src.add(h.Sentence)
		}
	}
	r.Sources = src.out
	a.noteSentence(best.Sentence)
	return r
}

func (a *answerer) noteSentence(s int) {
	if m := a.b.MeetingOf(s); m != nil {
		a.mem.meeting = m.ID
		a.mem.people = m.Participants
	}
	if ag := a.b.AgreementOf(s); ag != nil {
		a.mem.agreement = ag.ID
	}
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

func joinOr(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
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

// ---- people

// subjects returns the people a question is about: named, described, or
// remembered from the conversation.
func (a *answerer) subjects(p parsed, n names) []*knowledge.Person {
	if len(n.people) > 0 {
		return n.people
	}
	if len(n.ambiguous) > 0 || len(n.unknown) > 0 && p.intent == IntentWhoMet {
		return nil
	}
	if ps := describedPeople(a.offices(), n); len(ps) > 0 {
		return ps
	}
	if isFollowUp(p, n) {
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
func isFollowUp(p parsed, n names) bool {
	if p.command {
		return false
	}
	content := 0
	for _, t := range knowledge.Terms(p.text) {
		switch t {
		case "meet", "met", "meeting", "held", "take", "place", "discuss", "sign", "talk":
			continue
		}
		content++
	}
	return content <= 1 && len(n.places) == 0 && reFollowUp.MatchString(p.folded) || content == 0
}

func (a *answerer) filterMeetings(ms []*knowledge.Meeting, with []*knowledge.Person, n names, p parsed) ([]*knowledge.Meeting, []string) {
	var notes []string
	ys := years(p.folded)
	days, months := askedDates(p.text) // "on 25 October 2017", "in December"
	// the places' keys, each computed once
	wantKeys := make([]string, len(n.places))
	for i, want := range n.places {
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
		if len(n.places) > 0 || len(n.inCountry) > 0 {
			ok := false
			for _, pl := range m.Places {
				for i, want := range n.places {
					if pl.Name == want || pl.Country == want || keyOf(pl.Name) == wantKeys[i] {
						ok = true
					}
				}
				for _, c := range n.inCountry {
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
func askedDates(text string) (days, months []knowledge.Date) {
	for _, d := range knowledge.DatesIn(text, knowledge.Date{}) {
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
func inMonth(m *knowledge.Meeting, d, pub knowledge.Date) bool {
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
func onDay(md, d knowledge.Date) bool {
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
	terms := knowledge.Terms(text)
	var out []string
	for _, t := range knowledge.Topics {
		if knowledge.TopicMatches(t, terms) {
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

// ---- intents

func (a *answerer) whoMet(p parsed, n names) Reply {
	if len(n.people) == 0 {
		if r, ok := a.countryMeetings(p, n); ok {
			return r
		}
	}
	subj := a.subjects(p, n)
	if len(subj) == 0 {
		if len(n.ambiguous) > 0 {
			return a.ambiguity(p, n.ambiguous[0])
		}
		if len(n.unknown) > 0 {
			return a.notFound(p, n, fmt.Sprintf("I found no meetings with %s in the releases.", clip(n.unknown[0], 60)))
		}
		if reHostVerb.MatchString(p.folded) {
			// "who hosted the annual meeting?": a host is often a body,
			// not a participant; the sentence that says so answers
			if r := a.who(p, n); r.Found {
				return r
			}
		}
		if len(n.places) > 0 || len(n.inCountry) > 0 || len(years(p.folded)) > 0 {
			return a.meetings(p, n)
		}
		if m, _, ok := a.anchorMeeting(p); ok {
			return a.describeMeetings(p, []*knowledge.Meeting{m}, nil, "")
		}
		return a.notFound(p, n, "Whose meetings do you mean? Try: who met NAME?")
	}
	if len(subj) > 1 && len(n.people) == 0 {
		// described people, e.g. "the Finnish and Russian justice ministers"
		ms, notes := a.filterMeetings(a.meetingsOfAny(subj), nil, n, p)
		return a.describeMeetings(p, ms, notes, "")
	}
	msg := "The releases never mention %s."
	if p.yesNo {
		msg = "No: the releases never mention %s."
	}
	if r, ok := a.neverMentioned(p, n, msg); ok {
		// "did Kolokoltsev meet Merkel?" over releases that never mention
		// Merkel: not his other meetings, and not "yes"
		return r
	}
	who := subj[0]
	ms, notes := a.filterMeetings(a.b.MeetingsOf(who.ID), subj[1:], n, p)
	if p.yesNo {
		return a.yesNoMet(p, n, subj, ms)
	}
	if len(ms) == 0 {
		where := ""
		if len(n.places) > 0 {
			where = " in " + joinOr(n.places)
		} else if len(n.inCountry) > 0 {
			where = " in " + joinOr(n.inCountry)
		}
		if days, months := askedDates(p.text); len(days) > 0 {
			where += " on " + days[0].Human()
		} else if len(months) > 0 {
			where += " in " + months[0].Human()
		}
		r := a.notFound(p, n, fmt.Sprintf("I found no meeting of %s%s in the releases.", who.Name, where))
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
	a.mem.people = []int{who.ID}
	a.mem.meeting = ms[len(ms)-1].ID
	if len(ms) == 1 {
		a.mem.people = ms[0].Participants
	}
	for _, c := range correctedNote(n) {
		r.Details = append(r.Details, c)
	}
	return r
}

var reRoleWord = regexp.MustCompile(`\b(ministers?|officials?|officers?|police|chiefs?|heads?|ambassadors?|diplomats?|prosecutors?|customs|border guards?|representatives?)\b`)

// countryMeetings answers "which Russian officials did Finnish ministers
// meet?": meetings with someone of the second country (in the role named,
// if any) and someone of the first, listing the people of the first.
func (a *answerer) countryMeetings(p parsed, n names) (Reply, bool) {
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
		return a.notFound(p, n, fmt.Sprintf("The releases report no meeting between %s and %s officials of that kind.", subject, target)), true
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
		if strings.Contains(knowledge.Fold(o.Title), role) {
			return true
		}
	}
	return false
}

// countryOfText returns the first country a piece of a question names.
func countryOfText(s string) string {
	for _, w := range strings.Fields(s) {
		if c := knowledge.CountryOf(w); c != "" {
			return c
		}
	}
	return ""
}

// demonymOf is the adjective of a country ("Finnish"), or the country.
func demonymOf(c string) string {
	if d := knowledge.Demonym(c); d != "" {
		return d
	}
	return c
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// noJointMeeting says that the people a question names never met, as far
// as the releases tell.
func (a *answerer) noJointMeeting(p parsed, n names) Reply {
	var nm []string
	for _, q := range n.people {
		nm = append(nm, q.Name)
	}
	r := a.notFound(p, n, fmt.Sprintf("I found no meeting between %s in the releases.", joinAnd(nm)))
	for _, q := range n.people {
		r.Suggestions = append(r.Suggestions, Suggestion{Label: "Who did " + q.Name + " meet?", Query: "/who-met " + q.Name})
	}
	return r
}

// yesNoMet answers "did X meet Y (in P)?" with the meetings, or says that
// the releases report none.
func (a *answerer) yesNoMet(p parsed, n names, subj []*knowledge.Person, ms []*knowledge.Meeting) Reply {
	var nm []string
	for _, q := range subj {
		nm = append(nm, q.Name)
	}
	where := ""
	if len(n.places) > 0 {
		where = " in " + joinOr(n.places)
	} else if len(n.inCountry) > 0 {
		where = " in " + joinOr(n.inCountry)
	}
	if len(ms) == 0 {
		what := "meeting of " + nm[0]
		if len(nm) > 1 {
			what = "meeting between " + joinAnd(nm)
		}
		r := a.notFound(p, n, fmt.Sprintf("No: the releases report no %s%s.", what, where))
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
	a.mem.meeting = ms[len(ms)-1].ID
	a.mem.people = ms[len(ms)-1].Participants
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

func (a *answerer) describeMeetings(p parsed, ms []*knowledge.Meeting, notes []string, lead string) Reply {
	if len(ms) == 0 {
		return a.notFound(p, names{}, "I found no such meeting in the releases.")
	}
	return a.describeMeetingList(p, len(ms), func(i int) *knowledge.Meeting { return ms[i] }, notes, lead)
}

// describeMeetingList is describeMeetings of the n meetings at(0) to
// at(n-1), n > 0: it looks at the first maxListed and the last only.
func (a *answerer) describeMeetingList(p parsed, n int, at func(i int) *knowledge.Meeting, notes []string, lead string) Reply {
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
	last := at(n - 1)
	a.mem.meeting = last.ID
	a.mem.people = last.Participants
	return r
}

// meetingIndexLists lets meetings read the meetings that match from the
// index's lists (see MeetingsWhere), and the count and the meetings it
// shows from the list alone when no day or topic filters them further,
// instead of filtering and sorting every meeting (of the first person
// named); tests turn it off to compare the two.
var meetingIndexLists = true

func (a *answerer) meetings(p parsed, n names) Reply {
	var ms []*knowledge.Meeting
	var with []*knowledge.Person
	if len(n.ambiguous) > 0 && len(n.people) == 0 {
		return a.ambiguity(p, n.ambiguous[0])
	}
	if r, ok := a.neverMentioned(p, n, "I found no meetings: the releases never mention %s."); ok {
		// "/meetings Orpo", "meetings about Schengen": a filter the
		// releases never mention matches no meeting, not every one
		return r
	}
	// the base's index lists the meetings matching the people, place and
	// year filters, in date order: the count and the meetings shown are
	// read from it, unless a day or topic filters them further
	ids := personIDs(n.people)
	if len(n.people) > 0 {
		with = n.people[1:]
	}
	var listed knowledge.MeetingList
	days, months := askedDates(p.text)
	topics := topicsIn(p.text)
	about, aboutTerms := aboutPhrase(n)
	if len(topicsIn(about)) > 0 {
		about, aboutTerms = "", nil // a topic of the vocabulary: filtered as one
	}
	exact := meetingIndexLists && len(days) == 0 && len(months) == 0 && len(topics) == 0 && len(aboutTerms) == 0
	switch {
	case meetingIndexLists:
		listed = a.b.MeetingsWhere(ids, n.places, n.inCountry, years(p.folded))
		if !exact {
			ms = listed.Slice()
		}
	case len(n.people) > 0:
		ms = a.b.MeetingsOf(n.people[0].ID)
	default:
		ms = a.b.Meetings
	}
	var notes []string
	if !exact {
		ms, notes = a.filterMeetings(ms, with, n, p)
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
	if len(n.people) > 0 {
		var nm []string
		for _, q := range n.people {
			nm = append(nm, q.Name)
		}
		filters = append(filters, "with "+joinAnd(nm))
	}
	if len(n.places) > 0 {
		filters = append(filters, "in "+joinOr(n.places))
	} else if len(n.inCountry) > 0 {
		filters = append(filters, "in "+joinOr(n.inCountry))
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
		if len(n.unknown) > 0 && len(n.people) == 0 {
			return a.notFound(p, n, fmt.Sprintf("I found no meetings with %s in the releases.", clip(n.unknown[0], 60)))
		}
		return a.notFound(p, n, "I found no meetings "+strings.Join(filters, " ")+" in the releases.")
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

func (a *answerer) where(p parsed, n names) Reply {
	if r, ok := a.neverMentioned(p, n, "The releases never mention %s."); ok {
		return r
	}
	if reAsksNext.MatchString(p.folded) {
		return a.nextMeeting(p, n, IntentWhere)
	}
	subj := a.subjects(p, n)
	if len(subj) > 0 && len(n.people) > 0 {
		ms, _ := a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], names{}, p)
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
			a.mem.meeting = withPlace[len(withPlace)-1].ID
			return r
		}
	}
	if len(subj) == 0 && len(n.ambiguous) > 0 {
		return a.ambiguity(p, n.ambiguous[0])
	}
	if len(n.people) > 1 && !p.agreement {
		return a.noJointMeeting(p, n)
	}
	if isFollowUp(p, n) && a.mem.meeting >= 0 {
		m := a.b.Meetings[a.mem.meeting]
		if len(m.Places) > 0 {
			return a.meetingPlace(m)
		}
	}
	if p.agreement {
		if ag, _, ok := a.anchorAgreement(p); ok && ag.Place != "" {
			r := Reply{Found: true, Intent: IntentWhere, Summary: fmt.Sprintf("The %s was signed in %s.", ag.Name, ag.Place)}
			src := a.newSources()
			src.add(ag.SignedEvidence)
			r.Sources = src.out
			a.mem.agreement = ag.ID
			return r
		}
	}
	if m, h, ok := a.anchorMeeting(p); ok && len(m.Places) > 0 && !a.sentenceHasOtherPlace(h.Sentence, m) {
		r := a.meetingPlace(m)
		if !a.mentionsPlace(h.Sentence, m) {
			r.Details = append(r.Details, a.b.Sentences[h.Sentence].Text)
			r.Sources = append(r.Sources, a.source(h.Sentence))
		}
		return r
	}
	return a.search(p, n)
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = appendStr(out, x)
	}
	return out
}

func (a *answerer) mentionsPlace(s int, m *knowledge.Meeting) bool {
	t := knowledge.Fold(a.b.Sentences[s].Text)
	for _, p := range m.Places {
		if strings.Contains(t, knowledge.Fold(p.Name)) {
			return true
		}
	}
	return false
}

// planned reports whether a meeting lies after the date of the release
// that reports it.
func (a *answerer) planned(m *knowledge.Meeting) bool {
	pub := a.b.Docs[m.Doc].Date
	return !m.Date.IsZero() && !pub.IsZero() && m.Date.Time().After(pub.Time())
}

func (a *answerer) placeEvidence(m *knowledge.Meeting) int {
	if len(m.Places) > 0 {
		return m.Places[0].Evidence
	}
	return m.Anchor
}

func (a *answerer) meetingPlace(m *knowledge.Meeting) Reply {
	r := Reply{Found: true, Intent: IntentWhere}
	what := "The meeting"
	if m.Name != "" {
		what = "The meeting of the " + m.Name
	}
	verb := "was held"
	if a.planned(m) {
		verb = "is to be held"
	}
	r.Summary = fmt.Sprintf("%s %s in %s (%s).", what, verb, strings.Join(placeNames(m), ", then "), a.meetingDate(m))
	r.Details = append(r.Details, "• "+a.meetingLine(m, nil))
	src := a.newSources()
	for _, pl := range m.Places {
		src.add(pl.Evidence)
	}
	r.Sources = src.out
	a.mem.meeting = m.ID
	a.mem.people = m.Participants
	return r
}

func (a *answerer) when(p parsed, n names) Reply {
	if r, ok := a.neverMentioned(p, n, "The releases never mention %s."); ok {
		return r
	}
	if p.agreement && p.field != "" {
		if ag, h, ok := a.anchorFieldAgreement(p); ok {
			if r, ok := a.terminationDate(p, n, ag); ok {
				return r
			}
			if r, ok := a.agreementField(ag, p.field, h); ok {
				return r
			}
			if r, ok := a.fieldUnknown(p, n, ag); ok {
				return r
			}
		}
	}
	if !p.agreement && reAsksNext.MatchString(p.folded) {
		return a.nextMeeting(p, n, IntentWhen)
	}
	subj := a.subjects(p, n)
	if !p.agreement && !meetingCue(p.folded) {
		if r, ok := a.datedSentence(p, n, subj); ok {
			return r
		}
		if reOfficeEvent.MatchString(p.folded) {
			r := a.notFound(p, n, "The releases don't say when that happened.")
			if len(subj) > 0 {
				r.Suggestions = append(r.Suggestions, Suggestion{Label: "Who is " + subj[0].Name + "?", Query: "/who-is " + subj[0].Name})
			}
			return r
		}
	}
	if len(subj) > 0 && len(n.people) > 0 {
		ms, _ := a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], n, p)
		if len(ms) > 0 {
			return a.meetingDates(subj, ms)
		}
		if len(n.people) > 1 && !p.agreement {
			return a.noJointMeeting(p, n)
		}
	}
	if len(subj) == 0 && len(n.ambiguous) > 0 {
		return a.ambiguity(p, n.ambiguous[0])
	}
	if isFollowUp(p, n) && a.mem.meeting >= 0 {
		return a.meetingDates(nil, []*knowledge.Meeting{a.b.Meetings[a.mem.meeting]})
	}
	if m, h, ok := a.anchorMeeting(p); ok && !m.Date.IsZero() && !a.sentenceHasOtherDate(h.Sentence, m) {
		r := a.meetingDates(nil, []*knowledge.Meeting{m})
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
	return a.search(p, n)
}

// meetingSays reports whether the sentences of the meeting's passage
// hold every one of terms (index terms): of two meetings in a release,
// the one that discussed maritime surveillance.
func (a *answerer) meetingSays(m *knowledge.Meeting, terms []string) bool {
	have := map[string]bool{}
	for _, s := range m.Sentences {
		for _, t := range knowledge.Terms(a.b.Sentences[s].Text) {
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

// unmentioned returns a name-like word of the question (capitalised other
// than as an opening word set off by punctuation, or any word of a
// command) that no release uses, that names no one and no place (a
// mistyped place is read as the place) and is not a month or weekday:
// "/meetings Orpo" over releases that never mention Orpo. Answering
// without it would answer another question.
func (a *answerer) unmentioned(p parsed, n names) (string, bool) {
	// a first word set off by punctuation ("Quickly: who …", "Please,
	// when …") is capitalised as the question's first word, not as a name
	first := ""
	if m := reOpeningWord.FindStringSubmatch(p.text); m != nil {
		first = m[1]
	}
	for _, u := range n.unknown {
		if !p.command && (!isCapitalizedWord(u) || strings.Fields(u)[0] == first) {
			continue
		}
		if !strings.ContainsAny(u, "-'’") && !a.indexed(u) && knowledge.MonthOf(u) == 0 && !knowledge.IsWeekday(u) {
			return u, true
		}
	}
	return "", false
}

// neverMentioned answers "not found" with msg, a format for the word
// ("The releases never mention %s."), when the question has a word
// unmentioned finds; ok is false when it has none.
func (a *answerer) neverMentioned(p parsed, n names, msg string) (Reply, bool) {
	u, ok := a.unmentioned(p, n)
	if !ok {
		return Reply{}, false
	}
	return a.notFound(p, n, fmt.Sprintf(msg, clip(u, 60))), true
}

// reOpeningWord matches a question's first word when punctuation follows
// it.
var reOpeningWord = regexp.MustCompile(`^\s*(\p{L}+)\s*[:,;!]`)

// indexed reports whether one of the index terms of s is a word of the
// releases.
func (a *answerer) indexed(s string) bool {
	for _, t := range knowledge.Terms(s) {
		if a.b.Index().Has(t) {
			return true
		}
	}
	return false
}

// aboutPhrase returns what a meetings question says they were about
// ("meetings about Schengen visas", "which meetings discussed
// counterfeiting?"): the words after "about", "concerning", "regarding" or
// a form of "discuss" that name nothing else, and their index terms; ""
// when there are none.
func aboutPhrase(n names) (string, []string) {
	for i, w := range n.words {
		if w != "about" && w != "concerning" && w != "regarding" && !strings.HasPrefix(w, "discuss") {
			continue
		}
		phrase := strings.Join(n.freeWords(i+1, isYear), " ")
		if ts := knowledge.Terms(phrase); len(ts) > 0 {
			return phrase, ts
		}
	}
	return "", nil
}

// hasOtherWords reports whether the question has words besides the names,
// places and countries it was read for, the words of the question grammar
// and years: whether it says more than "what was discussed in Kirkenes in
// 2021?".
func hasOtherWords(n names) bool {
	return len(n.freeWords(0, func(w string) bool {
		return strings.HasPrefix(w, "discuss") || outcomeWords[w] || knowledge.CountryOf(w) != "" || isYear(w)
	})) > 0
}

// outcomeWords are the words of a question about what a meeting agreed
// or decided (reOutcomeQ), which name nothing about the meeting.
var outcomeWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`agree agreed decide decided conclude concluded achieve achieved resolve resolved
outcome outcomes result results come came out anything`) {
		outcomeWords[w] = true
	}
}

// reAsksNext matches a question about a meeting still to come ("where
// will the next meeting be held?", "when will they meet next?").
var reAsksNext = mustQuick(`\b(next|upcoming|forthcoming|future)\b`)

// reSaysNext matches a sentence about a meeting still to come.
var reSaysNext = regexp.MustCompile(`(?i)\b(next|upcoming|forthcoming|following) (meeting|session|round|talks|summit|consultations)\b|\bwill (be held|take place|meet|convene|gather)\b`)

// nextMeeting answers where or when (intent) a meeting still to come will
// be: the first of the question's best sentences (within half the best
// score) in a release holding the question's other words, that belongs
// to a meeting after its release's date, or says a meeting is to come, of
// the people the question names if any. With none, the releases don't
// say, whatever past meeting matches better.
func (a *answerer) nextMeeting(p parsed, n names, intent Intent) Reply {
	what := "where the next meeting will be held"
	if intent == IntentWhen {
		what = "when the next meeting will be"
	}
	hs := a.hits(p, 8)
	subj := a.subjects(p, n)
	// the words that say which meeting ("the customs working group"):
	// its release must hold them
	which := knowledge.Terms(strings.Join(n.freeWords(0, reAsksNext.MatchString), " "))
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
			a.noteSentence(h.Sentence)
			return Reply{Found: true, Intent: intent, Summary: text, Sources: src.out}
		}
	}
	return a.notFound(p, n, "The releases don't say "+what+".")
}

// hostVerbs are the verbs that say who hosted something.
const hostVerbs = `(hosted|hosts|organi[sz]ed|organi[sz]es|arranged|received)`

// reHostVerb matches a question about who hosted or organised something.
var reHostVerb = mustQuick(`\bwho(m)? ` + hostVerbs + `\b`)

// namedBeforeHostVerb reports whether one of ps is named in text before
// its first host verb ("hosted", "organised", "received"), where the host
// is written; true when the text has no such verb.
func namedBeforeHostVerb(text string, ps []*knowledge.Person) bool {
	loc := reSentenceHostVerb.FindStringIndex(text)
	if loc == nil {
		return true
	}
	before := knowledge.Fold(text[:loc[0]])
	for _, q := range ps {
		if strings.Contains(before, knowledge.Fold(q.Surname())) {
			return true
		}
	}
	return false
}

var reSentenceHostVerb = regexp.MustCompile(`(?i)\b` + hostVerbs + `\b`)

// reListOpening opens a question asking for a list of people.
var reListOpening = mustQuick(`^(which|what|who are|who were|list|show|name|give me)\b`)

// auxiliaries are verbs that make the words after them the question's
// subject, not what it asks for: "what did the ministers agree?".
var auxiliaries = map[string]bool{"did": true, "does": true, "do": true, "were": true, "was": true, "is": true, "are": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true, "should": true}

// listsPeople reports whether a question asks for the people of a kind
// rather than about one: "which Russian officials are mentioned?", "who
// are the Finnish ministers?", "list all people from Norway"; not about
// a meeting or a signature, and naming nobody.
func listsPeople(p parsed, n names) bool {
	if p.command || len(n.people) > 0 || len(n.ambiguous) > 0 || meetingCue(p.folded) || strings.Contains(p.folded, "sign") {
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
	for i, w := range n.words {
		if i < skip {
			continue
		}
		if i >= skip+4 || auxiliaries[w] {
			return false
		}
		if !n.used[i] && (genericPeople[w] || strings.HasSuffix(w, "s") && officeHeads[strings.TrimSuffix(w, "s")] || w == "chairmen") {
			return true
		}
	}
	return false
}

// listPeople answers a question listsPeople accepts with the people who
// fit it (see peopleByOffice), those it fits best first; ok is false when
// nobody does.
func (a *answerer) listPeople(n names) (Reply, bool) {
	heads, domain, _ := officeQuery(n)
	ps := peopleByOffice(a.offices(), n, heads, domain, true)
	if len(ps) == 0 {
		return Reply{}, false
	}
	r := Reply{Found: true, Intent: IntentWhoIs, Summary: fmt.Sprintf("%d people fit:", len(ps))}
	if len(ps) == 1 {
		r.Summary = "1 person fits:"
	}
	src := a.newSources()
	a.mem.people = nil
	for _, q := range ps[:min(len(ps), maxListed)] {
		r.Details = append(r.Details, "• "+personLabel(q))
		if len(q.Offices) > 0 {
			src.add(q.Offices[0].Evidence)
		}
		a.mem.people = append(a.mem.people, q.ID)
	}
	if len(ps) > maxListed {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(ps)-maxListed))
	}
	r.Sources = src.out
	return r, true
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

var (
	meetingCueWords = map[string]bool{}
	meetingCueFirst = map[string]bool{"took": true, "take": true, "taken": true, "come": true, "came": true}
)

func init() {
	for _, w := range strings.Fields(`met meet meets meeting meetings talks visit visits visited visiting held hold holds
convene convened gather gathered discuss discussed summit conference session consultations negotiations`) {
		meetingCueWords[w] = true
	}
}

// reOfficeEvent matches a question about taking up or leaving an office
// ("when did she become minister?"): a meeting's date does not answer it.
var reOfficeEvent = mustQuick(`\b(become|became|appointed|elected|took over|take over|taken over|assume|assumed|took office|take office|taken office|named|resign|resigned|step down|stepped down|left office|leave office|dismissed|sworn in|retire|retired)\b`)

// datedSentence answers a "when" question about an event other than a
// meeting ("when did Odlo take over as chief?") with the best sentence
// that matches it and writes a date, among those within 80 % of the best
// score; when the question names people, the sentence must name one of
// them. A date the sentence writes relatively ("last summer") is given
// resolved. ok is false when no such sentence is close enough, or when the
// best dated sentence gives the date of the meeting it belongs to (the
// meeting answer gives that).
func (a *answerer) datedSentence(p parsed, n names, subj []*knowledge.Person) (Reply, bool) {
	hs := a.hits(p, 8)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return Reply{}, false
	}
	asked := map[string]bool{}
	for _, t := range knowledge.Terms(strings.Join(n.freeWords(0, meetingCue), " ")) {
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
		ds := knowledge.DatesIn(text, a.b.Doc(h.Sentence).Date)
		if len(ds) == 0 {
			continue
		}
		// of several dates, the one the question's words stand by: "the
		// decision of 22 November 2023 to close the crossing points",
		// not the day the ambassador reported it
		picked, chosen := nearestDate(text, ds, asked)
		if chosen {
			ds = []knowledge.Date{picked}
		} else if h.Score < hs[0].Score*0.8 {
			// a weaker match answers only with the date its words
			// point to
			continue
		}
		if m := a.b.MeetingOf(h.Sentence); m != nil && !m.Date.IsZero() &&
			slices.ContainsFunc(ds, func(d knowledge.Date) bool { return d.ISO() == m.Date.ISO() }) {
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
		a.noteSentence(h.Sentence)
		return r, true
	}
	return Reply{}, false
}

// nearestDate returns, of the several dates ds written in text, the one
// the words of asked (index terms) stand nearest to, counted in words
// from the date's phrase; ok is false when text has fewer than two dates,
// none of the asked words, or two dates tie.
func nearestDate(text string, ds []knowledge.Date, asked map[string]bool) (knowledge.Date, bool) {
	if len(ds) < 2 || len(asked) == 0 {
		return knowledge.Date{}, false
	}
	var at []int // word positions of asked terms
	for i, w := range knowledge.Words(text) {
		if slices.ContainsFunc(knowledge.Terms(w), func(t string) bool { return asked[t] }) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return knowledge.Date{}, false
	}
	best, bestScore, tie := -1, 0.0, false
	for k, d := range ds {
		off := strings.Index(text, d.Text)
		if d.Text == "" || off < 0 {
			return knowledge.Date{}, false
		}
		start := len(knowledge.Words(text[:off]))
		end := start + len(knowledge.Words(d.Text)) - 1
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
		return knowledge.Date{}, false
	}
	return ds[best], true
}

// sentenceHasOtherPlace reports whether the best sentence names a place
// the meeting was not held in ("the next meeting in Riga"): then that
// sentence answers better than the meeting.
func (a *answerer) sentenceHasOtherPlace(s int, m *knowledge.Meeting) bool {
	t := knowledge.Fold(a.b.Sentences[s].Text)
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
	for _, d := range knowledge.DatesIn(a.b.Sentences[s].Text, a.b.Doc(s).Date) {
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
	r := Reply{Found: true, Intent: IntentWhen}
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
	a.mem.meeting = ms[len(ms)-1].ID
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
	r := Reply{Intent: IntentWhen, Summary: fmt.Sprintf("The release does not say when %s took place.", what)}
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
	a.mem.meeting = m.ID
	return r
}

// agreementField answers what a question asks of an agreement.
func (a *answerer) agreementField(ag *knowledge.Agreement, field string, h knowledge.Hit) (Reply, bool) {
	r := Reply{Found: true, Intent: IntentAgreements}
	src := a.newSources()
	name := "The " + ag.Name
	switch field {
	case "force":
		if ag.InForce.IsZero() {
			return r, false
		}
		verb := "enters"
		if pub := a.b.Docs[ag.Doc].Date; !pub.IsZero() && !ag.InForce.Time().After(pub.Time()) {
			verb = "entered"
		}
		r.Summary = fmt.Sprintf("%s %s into force %s%s.", name, verb, datePrep(ag.InForce), ag.InForce.Human())
		src.add(ag.InForceEvidence)
	case "expire":
		if ag.Expires.IsZero() && ag.Expires.Month == 0 {
			return r, false
		}
		r.Summary = fmt.Sprintf("%s expires on %s.", name, ag.Expires.Human())
		src.add(ag.ExpiresEvidence)
	case "initiate":
		if ag.Initiator == "" {
			return r, false
		}
		r.Summary = fmt.Sprintf("%s initiated it (%s%s).", ag.Initiator, strings.ToLower(name[:1])+name[1:], statusNote(ag))
		src.add(ag.InitiatorEvidence)
	case "sign", "terminate":
		if field == "terminate" && ag.Status == "terminated" && ag.Initiator != "" {
			r.Summary = fmt.Sprintf("%s was terminated; the termination was initiated by %s.", name, ag.Initiator)
			src.add(ag.InitiatorEvidence)
			break
		}
		if ag.Signed.IsZero() {
			return r, false
		}
		verb := ag.SignedVerb
		if verb == "" || verb == "dating back to" || verb == "adopted" && !strings.Contains(ag.Name, "plan") {
			verb = "signed"
		}
		d := ag.Signed.Human()
		switch {
		case ag.Signed.Relative && ag.Signed.Text != "":
			d += fmt.Sprintf(" (the release, dated %s, says %q)", a.b.Docs[ag.Doc].Date.Human(), ag.Signed.Text)
		case ag.SignedReported:
			d = "the date of the release, " + d + " (the release gives no other date)"
		case ag.SignedInferred:
			d += " (at the meeting the release reports)"
		}
		r.Summary = fmt.Sprintf("%s was %s %s.", name, verb, datePrep(ag.Signed)+d)
		src.add(ag.SignedEvidence)
	default:
		return r, false
	}
	if len(ag.Signatories) > 0 && field == "sign" {
		var nm []string
		for _, id := range ag.Signatories {
			nm = append(nm, personLabel(a.b.People[id]))
		}
		r.Details = append(r.Details, "Signed by "+joinAnd(nm)+".")
	}
	if ag.Place != "" && field == "sign" {
		r.Details = append(r.Details, "Signed in "+ag.Place+".")
	}
	r.Details = append(r.Details, a.agreementFacts(ag)...)
	if !src.seen[h.Sentence] && a.b.AgreementOf(h.Sentence) == ag {
		src.add(h.Sentence)
	}
	r.Sources = src.out
	a.mem.agreement = ag.ID
	return r, true
}

// reTermination matches a sentence about ending an agreement.
var reTermination = regexp.MustCompile(`(?i)\b(terminat\w*|denounc\w*|withdr[ae]w\w* from|cancel\w*)`)

// terminationDate answers "when was the agreement terminated?" from the
// sentences of its release about ending it: the first date one gives
// that can be placed in a year and is not the date of signing; else the
// first that gives a weekday, saying the release gives no full date ("on
// Thursday" in an undated release); else the release's own date, saying
// so. Not found, with the initiator, when none of these is there. ok is
// false for other questions.
func (a *answerer) terminationDate(p parsed, n names, ag *knowledge.Agreement) (Reply, bool) {
	if p.field != "terminate" || !reWhen.MatchString(p.folded) {
		return Reply{}, false
	}
	src := a.newSources()
	pub := a.b.Docs[ag.Doc].Date
	weekday, undated := -1, -1 // the first sentences that give only a weekday, or no time
	answer := func(s int, summary string) (Reply, bool) {
		src.add(s)
		a.mem.agreement = ag.ID
		return Reply{Found: true, Intent: IntentWhen, Summary: summary,
			Details: []string{"The release says: " + a.b.Sentences[s].Text}, Sources: src.out}, true
	}
	for _, s := range a.b.Docs[ag.Doc].Sentences {
		text := a.b.Sentences[s].Text
		if a.b.Sentences[s].Title || !reTermination.MatchString(text) {
			continue
		}
		for _, d := range knowledge.DatesIn(text, pub) {
			if d.Year != 0 && !signingDate(text, d) {
				return answer(s, upperFirst(d.Human())+", going by the release:")
			}
		}
		switch {
		case weekday < 0 && slices.ContainsFunc(knowledge.Words(text), knowledge.IsWeekday):
			weekday = s
		case undated < 0:
			undated = s
		}
	}
	switch {
	case weekday >= 0:
		return answer(weekday, fmt.Sprintf("The release gives no full date for the end of the %s, only a day of the week.", ag.Name))
	case undated >= 0 && !pub.IsZero():
		return answer(undated, fmt.Sprintf("The release gives no date of its own; it is dated %s and reports the end of the %s.", pub.Human(), ag.Name))
	}
	r := a.notFound(p, n, fmt.Sprintf("The releases don't say when the %s was ended.", ag.Name))
	if ag.Initiator != "" {
		r.Details = append(r.Details, fmt.Sprintf("The termination was initiated by %s.", ag.Initiator))
		src.add(ag.InitiatorEvidence)
	}
	r.Sources = src.out
	a.mem.agreement = ag.ID
	return r, true
}

// reSignedBefore matches the words before a date that make it the date of
// signing ("signed with Russia in 2012").
var reSignedBefore = regexp.MustCompile(`(?i)\b(signed|concluded|adopted|ratified|since|dating back to)\b(\s+\S+){0,4}\s*$`)

// signingDate reports whether date d, written in text, is the date of a
// signing the words before it name, not of another event.
func signingDate(text string, d knowledge.Date) bool {
	i := strings.Index(text, d.Text)
	return d.Text != "" && i >= 0 && reSignedBefore.MatchString(text[:i])
}

// fieldUnknown answers a "when" question about when an agreement enters
// into force or expires, which its releases do not say: it says so, then gives
// what they do say, the sentences of its release that speak of it ("within
// six months of the entry into force …") and its signing. ok is false for
// other fields, which have answers of their own.
func (a *answerer) fieldUnknown(p parsed, n names, ag *knowledge.Agreement) (Reply, bool) {
	if !reWhen.MatchString(p.folded) {
		return Reply{}, false // "what was signed at the end of the meeting?"
	}
	var what string
	var words []string // the field's terms in a sentence
	switch p.field {
	case "force":
		what, words = "enters into force", knowledge.Terms("force effect effective")
	case "expire":
		what, words = "expires or ends", knowledge.Terms("expire expiry valid until")
	default:
		return Reply{}, false
	}
	r := a.notFound(p, n, fmt.Sprintf("The releases don't say when the %s %s.", ag.Name, what))
	r.Intent = IntentAgreements
	src := a.newSources()
	for _, s := range a.b.Docs[ag.Doc].Sentences {
		if len(r.Details) == 2 {
			break
		}
		if slices.ContainsFunc(knowledge.Terms(a.b.Sentences[s].Text), func(t string) bool { return slices.Contains(words, t) }) {
			r.Details = append(r.Details, "The release says: "+a.b.Sentences[s].Text)
			src.add(s)
		}
	}
	if signed, ok := a.agreementField(ag, "sign", knowledge.Hit{}); ok {
		r.Details = append(r.Details, strings.Replace(signed.Summary, "The "+ag.Name, "It", 1))
		src.add(ag.SignedEvidence)
	}
	r.Sources = src.out
	a.mem.agreement = ag.ID
	return r, true
}

func datePrep(d knowledge.Date) string {
	if d.Day != 0 {
		return "on "
	}
	return "in "
}

func statusNote(ag *knowledge.Agreement) string {
	if ag.Status != "" {
		return ", now " + ag.Status
	}
	return ""
}

// agreementFacts lists what is known of an agreement in short lines.
func (a *answerer) agreementFacts(ag *knowledge.Agreement) []string {
	var out []string
	if len(ag.Parties) > 0 {
		out = append(out, "Parties: "+joinAnd(ag.Parties)+".")
	}
	if ag.Status != "" {
		s := "Status: " + ag.Status
		if ag.Initiator != "" {
			s += ", initiated by " + ag.Initiator
		}
		if !ag.Expires.IsZero() {
			s += "; expires " + ag.Expires.Human()
		}
		out = append(out, s+".")
	} else if !ag.Expires.IsZero() {
		out = append(out, "Expires "+ag.Expires.Human()+".")
	}
	if !ag.InForce.IsZero() {
		out = append(out, "In force from "+ag.InForce.Human()+".")
	}
	return out
}

func (a *answerer) whoIs(p parsed, n names) Reply {
	ps := n.people
	if len(ps) == 0 && len(n.ambiguous) > 0 {
		ps = n.ambiguous[0]
	}
	noneFits := false // the question describes an office no one holds
	if heads, domain, _ := officeQuery(n); len(ps) == 0 && len(heads) > 0 {
		d := peopleByOffice(a.offices(), n, heads, domain, false)
		if len(d) > 1 && len(n.countries) == 1 {
			// "who is the Finnish interior minister?": several have been
			return a.officeHolders(d, heads, domain)
		}
		if len(d) > 0 && len(d) <= 3 {
			ps = d
		}
		noneFits = len(d) == 0
	}
	if len(ps) == 0 {
		if len(n.unknown) > 0 && !strings.Contains(p.folded, " the ") {
			return a.notFound(p, n, fmt.Sprintf("The releases don't mention anyone called %s.", clip(n.unknown[0], 60)))
		}
		if noneFits && len(n.countries) > 0 {
			// "who is the Polish interior minister?" when no one from
			// Poland holds such an office in the releases
			return a.notFound(p, n, fmt.Sprintf("The releases name no one from %s in that office.", joinOr(n.countries)))
		}
		return a.who(p, n)
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
	a.mem.people = personIDs(ps)
	return r
}

// officeHolders answers "who is the Finnish interior minister?" when the
// releases name several people of that country in that office (heads and
// domain, as officeQuery reads them): the one in the most recent release
// first, then the others, each with the office that fits and the date of
// the latest release giving it.
func (a *answerer) officeHolders(ps []*knowledge.Person, heads, domain []string) Reply {
	type holder struct {
		p        *knowledge.Person
		title    string
		date     knowledge.Date
		key      int // the date's order: year, month, day
		evidence int
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
			if key := d.Year*10000 + d.Month*100 + d.Day; hs[i].evidence < 0 || key > hs[i].key {
				hs[i].date, hs[i].key, hs[i].evidence, hs[i].title = d, key, o.Evidence, o.Title
			}
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].key > hs[j].key })
	r := Reply{Found: true, Intent: IntentWhoIs}
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
	a.mem.people = []int{hs[0].p.ID}
	return r
}

// holderLabel is "Name (title, country)" for a person in the office title
// (the country left out when the title names it).
func holderLabel(p *knowledge.Person, title string) string {
	if title == "" {
		return personLabel(p)
	}
	if p.Country != "" && knowledge.CountryIn(title) != p.Country {
		title += ", " + p.Country
	}
	return p.Name + " (" + title + ")"
}

// who answers "who opened/chaired/signed/represented ..." questions from
// the best sentence, naming the people in it.
func (a *answerer) who(p parsed, n names) Reply {
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
	if reLeadQ.MatchString(p.folded) && len(n.people) == 0 {
		// "who leads the Finnish police?": the office that heads it
		if ps := peopleByOffice(a.offices(), n, leadHeads, officeDomain(n), false); len(ps) > 0 && len(ps) <= 3 {
			r := a.peopleReply(ps)
			r.Intent = IntentWho
			return r
		}
	}
	hs := a.hits(p, 5)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return a.notFound(p, n, "I couldn't find that in the releases.")
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
	ps := a.b.PeopleIn(best.Sentence)
	r := Reply{Found: true, Intent: IntentWho}
	src := a.newSources()
	src.add(best.Sentence)
	text := a.b.Sentences[best.Sentence].Text
	if len(ps) > 1 {
		ps = bestByOffice(ps, knowledge.Terms(p.text))
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
		a.mem.people = personIDs(ps)
	} else {
		r.Summary = text
	}
	r.Sources = src.out
	if m := a.b.MeetingOf(best.Sentence); m != nil {
		a.mem.meeting = m.ID
	}
	return r
}

// reLeadQ matches "who leads/heads/runs … ?", a question about whoever
// heads a body, whatever the office is called.
var reLeadQ = mustQuick(`^who (leads|heads|runs|directs|commands|chairs|is in charge of|is at the head of)\b`)

// leadHeads are the terms of the offices that head a body.
var leadHeads = knowledge.Terms("head chief director chairman chair commissar commissioner commander president")

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
		if c := knowledge.CountryOf(t); c != "" {
			countries[c] = true
		}
	}
	if len(countries) > 1 {
		for t := range want {
			if knowledge.CountryOf(t) != "" {
				delete(want, t)
			}
		}
	}
	best, score := []*knowledge.Person(nil), 0
	for _, p := range ps {
		s := 0
		seen := map[string]bool{}
		for _, o := range p.Offices {
			for _, t := range knowledge.Terms(o.Title) {
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

// askedMeetings returns the meetings a question about what happened at
// them means (at most the three latest): those of the people it names,
// together, filtered by its places and dates; the one before, for a
// follow-up; those held at the places it names; or the one its best
// sentences report. A reply instead (ok false) when a name is ambiguous,
// the people it names never met, or no meeting fits (then search).
func (a *answerer) askedMeetings(p parsed, n names) ([]*knowledge.Meeting, Reply, bool) {
	var ms []*knowledge.Meeting
	subj := a.subjects(p, n)
	if len(subj) == 0 && len(n.ambiguous) > 0 {
		return nil, a.ambiguity(p, n.ambiguous[0]), false
	}
	if len(subj) > 0 {
		if len(n.people) > 0 {
			ms, _ = a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], n, p)
		} else {
			ms, _ = a.filterMeetings(a.meetingsOfAny(subj), nil, n, p)
		}
	}
	if len(ms) == 0 && len(n.people) > 1 {
		return nil, a.noJointMeeting(p, n), false
	}
	if len(ms) == 0 && isFollowUp(p, n) && a.mem.meeting >= 0 {
		ms = []*knowledge.Meeting{a.b.Meetings[a.mem.meeting]}
	}
	if len(ms) == 0 && len(subj) == 0 && (len(n.places) > 0 || len(n.inCountry) > 0) && !hasOtherWords(n) {
		// "what was discussed in Kirkenes (in 2021)?": the meetings held there
		ms = a.b.MeetingsWhere(nil, n.places, n.inCountry, years(p.folded)).Slice()
	}
	if len(ms) == 0 {
		if m, _, ok := a.anchorMeeting(p); ok {
			ms = []*knowledge.Meeting{m}
		}
	}
	if len(ms) == 0 {
		return nil, a.search(p, n), false
	}
	if len(ms) > 3 {
		ms = ms[len(ms)-3:]
	}
	return ms, Reply{}, true
}

// meetingHead opens a sentence about a meeting: "At the meeting of the X
// in Riga (23-24 May 2024), A and B"; people reports whether it names any.
func (a *answerer) meetingHead(m *knowledge.Meeting) (head string, people bool) {
	head = "At " + a.meetingPlaceDate(m)
	if who := a.participantNames(m); len(who) > 0 {
		return head + ", " + joinAnd(who), true
	}
	return head, false
}

// meetingPlaceDate names a meeting by its body, place and date: "the
// meeting of the X in Riga (23-24 May 2024)".
func (a *answerer) meetingPlaceDate(m *knowledge.Meeting) string {
	label := "the meeting"
	if m.Name != "" {
		label += " of the " + m.Name
	}
	if pl := placeNames(m); len(pl) > 0 {
		label += " in " + pl[0]
	}
	return label + " (" + a.meetingDateInline(m) + ")"
}

// participantNames are the names of m's participants.
func (a *answerer) participantNames(m *knowledge.Meeting) []string {
	var who []string
	for _, pid := range m.Participants {
		who = append(who, a.b.People[pid].Name)
	}
	return who
}

// reOutcomeSentence matches a sentence that reports what a meeting
// agreed, decided, confirmed or produced, or what will follow from it.
// Sentences with the strong cues come first, then those that only say
// what will follow or what was noted (reWeakOutcome).
var (
	reOutcomeSentence = regexp.MustCompile(`(?i)\b(agree|agrees|agreed|agreement was reached|decide|decided|decision|concluded|conclusion|confirmed|confirms|readiness|ready to|signed|determined|resolved|outcome|results?|handed over|hand over|adopted|approved|launched|established|set up|managed to)\b`)
	reWeakOutcome     = regexp.MustCompile(`(?i)\b(will|shall|noted|praised|assessed)\b`)
)

// outcomes answers what a meeting agreed or decided: the sentences of its
// passage that report results, without the background the release gives
// (a sentence dated before the meeting: "last year, the countries
// signed …"). When the release reports none, it says so.
func (a *answerer) outcomes(p parsed, n names) Reply {
	if r, ok := a.neverMentioned(p, n, "The releases never mention %s."); ok {
		return r
	}
	ms, r, ok := a.askedMeetings(p, n)
	if !ok {
		return r
	}
	if _, about := aboutPhrase(n); len(about) > 0 {
		// "what did Finland decide about its eastern border?": the
		// meetings whose passage speaks of it
		ms = slices.DeleteFunc(ms, func(m *knowledge.Meeting) bool { return !a.meetingSays(m, about) })
		if len(ms) == 0 {
			return a.search(p, n)
		}
	}
	r = Reply{Intent: IntentOutcomes}
	src := a.newSources()
	per := 5 // sentences per meeting
	if len(ms) > 1 {
		per = 3
	}
	var silent []string // meetings whose release reports no result
	for _, m := range ms {
		found := a.outcomeSentences(m, per)
		if len(found) == 0 {
			silent = append(silent, a.meetingLabel(m))
			continue
		}
		r.Found = true
		if len(ms) > 1 {
			r.Details = append(r.Details, "From "+a.meetingLabel(m)+":")
		}
		for _, s := range found {
			r.Details = append(r.Details, "• "+a.b.Sentences[s].Text)
			src.add(s)
		}
	}
	switch {
	case !r.Found:
		r.Summary = "The release does not say what was agreed or decided at " + joinAnd(silent) + "."
		m := ms[len(ms)-1]
		r.Suggestions = append(r.Suggestions, Suggestion{Label: "What was discussed there?", Query: "/topics " + strings.Join(placeNames(m), " ")})
		src.add(m.Anchor)
	case len(ms) == 1:
		r.Summary = "From " + a.meetingLabel(ms[0]) + ", the release reports:"
	default:
		r.Summary = fmt.Sprintf("From %d meetings, the releases report:", len(ms)-len(silent))
		if len(silent) > 0 {
			r.Details = append(r.Details, "The release does not say what was agreed or decided at "+joinAnd(silent)+".")
		}
	}
	r.Sources = src.out
	a.mem.meeting = ms[len(ms)-1].ID
	a.mem.people = ms[len(ms)-1].Participants
	return r
}

// outcomeSentences returns up to max sentences of m's passage that report
// its results, those with strong cues first, in the release's order
// within each kind; not the headline, not background (a.background), not
// a visit still to come.
func (a *answerer) outcomeSentences(m *knowledge.Meeting, max int) []int {
	var found []int
	for _, re := range []*regexp.Regexp{reOutcomeSentence, reWeakOutcome} {
		for _, s := range m.Sentences {
			text := a.b.Sentences[s].Text
			if len(found) < max && !slices.Contains(found, s) && !a.b.Sentences[s].Title &&
				re.MatchString(text) && !reScheduled.MatchString(text) && !a.background(m, s) {
				found = append(found, s)
			}
		}
	}
	return found
}

// reScheduled matches a sentence about a visit still to come ("he will
// also meet the Prosecutor General"): a programme, not a result.
var reScheduled = regexp.MustCompile(`(?i)\bwill (also )?(meet|visit|travel|hold talks|attend)\b`)

// meetingLabel names a meeting in a sentence: "the meeting of the X in
// Riga (23-24 May 2024) with A and B".
func (a *answerer) meetingLabel(m *knowledge.Meeting) string {
	if who := a.participantNames(m); len(who) > 0 {
		return a.meetingPlaceDate(m) + " with " + joinAnd(who)
	}
	return a.meetingPlaceDate(m)
}

// background reports whether sentence s of meeting m's passage is dated
// before the meeting (or, for a meeting without a year, before the year
// of its release): background, not an outcome of it. When neither gives
// a year, a sentence that writes one is taken for background ("the
// agreement signed in September 2011"), since it cannot be placed.
func (a *answerer) background(m *knowledge.Meeting, s int) bool {
	ref := m.Date.Year
	if ref == 0 {
		ref = a.b.Docs[m.Doc].Date.Year
	}
	for _, d := range knowledge.DatesIn(a.b.Sentences[s].Text, a.b.Docs[m.Doc].Date) {
		if d.Year != 0 && (ref == 0 || d.Year < ref) {
			return true
		}
	}
	return false
}

// reTopicsOverall matches a question about the topics of all meetings
// ("which topics were discussed most often?").
var reTopicsOverall = mustQuick(`\b(most often|most frequently|most common|most commonly|most discussed|main|top|recurring|frequent)\b`)

// commonTopics answers which topics the meetings discussed most: each
// vocabulary topic with the number of meetings it was found in, the most
// first (ties by name), up to eight, with one sentence each.
func (a *answerer) commonTopics() Reply {
	count := map[string]int{}
	evidence := map[string]int{}
	for _, m := range a.b.Meetings {
		seen := map[string]bool{}
		for _, t := range m.Topics {
			if !seen[t.Name] {
				seen[t.Name] = true
				count[t.Name]++
				if _, ok := evidence[t.Name]; !ok {
					evidence[t.Name] = t.Evidence
				}
			}
		}
	}
	if len(count) == 0 {
		return Reply{Found: false, Intent: IntentTopics, Summary: "The releases name no topics of their meetings.", Sources: []Source{}}
	}
	names := make([]string, 0, len(count))
	for t := range count {
		names = append(names, t)
	}
	slices.SortFunc(names, func(x, y string) int {
		if c := count[y] - count[x]; c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	r := Reply{Found: true, Intent: IntentTopics, Summary: fmt.Sprintf("The topics the releases report most often, across %d meetings:", len(a.b.Meetings))}
	src := a.newSources()
	for _, t := range names[:min(len(names), 8)] {
		r.Details = append(r.Details, fmt.Sprintf("• %s (%d meeting(s))", t, count[t]))
		src.add(evidence[t])
	}
	r.Sources = src.out
	return r
}

func (a *answerer) topics(p parsed, n names) Reply {
	if r, ok := a.neverMentioned(p, n, "The releases never mention %s."); ok {
		return r
	}
	if reTopicsOverall.MatchString(p.folded) && len(n.people) == 0 && len(n.places) == 0 && len(n.countries) == 0 && len(years(p.folded)) == 0 && !isFollowUp(p, n) {
		return a.commonTopics()
	}
	ms, r, ok := a.askedMeetings(p, n)
	if !ok {
		return r
	}
	r = Reply{Found: true, Intent: IntentTopics}
	src := a.newSources()
	var summary []string
	for _, m := range ms {
		var ts []string
		for _, t := range m.Topics {
			ts = append(ts, t.Name)
		}
		head, who := a.meetingHead(m)
		switch {
		case len(ts) > 0:
			summary = append(summary, head+" discussed "+joinAnd(ts)+".")
		case len(m.Discussed) == 0:
			summary = append(summary, "The release does not say what was discussed a"+strings.TrimPrefix(head, "A")+".")
		case who:
			summary = append(summary, head+" discussed:")
		default:
			summary = append(summary, head+", these matters were discussed:")
		}
		for i, s := range m.Discussed {
			if i == 5 {
				break
			}
			r.Details = append(r.Details, "• "+a.b.Sentences[s].Text)
			src.add(s)
		}
		if len(m.Discussed) == 0 {
			src.add(m.Anchor)
		}
	}
	r.Summary = strings.Join(summary, " ")
	r.Sources = src.out
	a.mem.meeting = ms[len(ms)-1].ID
	a.mem.people = ms[len(ms)-1].Participants
	return r
}

func (a *answerer) agreements(p parsed, n names) Reply {
	if r, ok := a.neverMentioned(p, n, "The releases never mention %s."); ok {
		return r
	}
	signed := personIDs(n.people) // a list's signatories
	if !p.command && !reAgreeList.MatchString(p.folded) {
		// "what did Konovalov sign?": what the releases say he signed, or
		// that they report nothing, not some other agreement
		var signers []*knowledge.Person
		if p.field == "sign" {
			signers = a.subjects(p, n)
		}
		signed = personIDs(signers)
		anchored, h, ok := a.anchorFieldAgreement(p)
		if len(signers) > 0 {
			if _, total := a.b.AgreementsMatching(nil, signed, nil, "", 0); total == 0 && !(ok && unsignedIn(anchored, signers)) {
				var nm []string
				for _, q := range signers {
					nm = append(nm, q.Name)
				}
				r := a.notFound(p, n, fmt.Sprintf("The releases report no agreement signed by %s.", joinAnd(nm)))
				r.Suggestions = append(r.Suggestions, Suggestion{Label: "Meetings of " + signers[0].Name, Query: "/who-met " + signers[0].Name})
				a.mem.people = signed // "who did he meet?" goes on about them
				return r
			}
		}
		if p.field == "sign" && len(signers) == 0 && len(n.countries) > 0 && !(ok && len(anchored.Parties) == 0) {
			// "what did Finland and Estonia sign?": agreements between them
			if _, total := a.b.AgreementsMatching(n.countries, nil, years(p.folded), "", 0); total == 0 {
				return a.notFound(p, n, fmt.Sprintf("The releases report no agreement with %s as parties.", joinAnd(n.countries)))
			}
		}
		if ag := anchored; ok && (signedByAll(ag, signed) || unsignedIn(ag, signers)) {
			if p.field != "" {
				if r, ok := a.agreementField(ag, p.field, h); ok {
					return r
				}
				if r, ok := a.fieldUnknown(p, n, ag); ok {
					return r
				}
			}
			return a.describeAgreementsIn(h.Sentence, ag)
		}
		if len(signers) == 0 {
			return a.search(p, n)
		}
		// else the list of what they signed
	}
	status, ys := statusAsked(p.folded), years(p.folded)
	out, total := a.b.AgreementsMatching(n.countries, signed, ys, status, maxListed)
	reported := false
	if total == 0 && status != "" && len(ys) > 0 {
		// "terminated in 2023": the release reporting it is of that year
		out, total = a.reportedIn(n.countries, signed, ys, status)
		reported = true
	}
	if total == 0 {
		if status != "" {
			return a.notFound(p, n, "I found no "+status+" agreements matching that in the releases.")
		}
		return a.notFound(p, n, "I found no agreements matching that in the releases.")
	}
	lead := fmt.Sprintf("%d agreement(s)", total)
	switch {
	case reported:
		lead = fmt.Sprintf("%d agreement(s) reported %s in releases of %s", total, status, joinOr(yearStrings(ys)))
	case status != "":
		lead = fmt.Sprintf("%d %s agreement(s)", total, status)
	}
	r := Reply{Found: true, Intent: IntentAgreements, Summary: lead + ":"}
	src := a.newSources()
	for _, ag := range out {
		r.Details = append(r.Details, "• "+a.agreementLine(ag))
		if ag.SignedEvidence >= 0 {
			src.add(ag.SignedEvidence)
		} else if len(ag.Sentences) > 0 {
			src.add(ag.Sentences[len(ag.Sentences)-1])
		}
	}
	if total > len(out) {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", total-len(out)))
	}
	r.Sources = src.out
	return r
}

// personIDs returns the IDs of ps, in order.
func personIDs(ps []*knowledge.Person) []int {
	ids := make([]int, len(ps))
	for i, q := range ps {
		ids[i] = q.ID
	}
	return ids
}

// signedByAll reports whether every one of ids (person IDs) signed ag.
func signedByAll(ag *knowledge.Agreement, ids []int) bool {
	for _, id := range ids {
		if !slices.Contains(ag.Signatories, id) {
			return false
		}
	}
	return true
}

// unsignedIn reports whether ag has no signatories on record and its
// release names every one of ps: "the ministers signed an Action Plan"
// may be theirs.
func unsignedIn(ag *knowledge.Agreement, ps []*knowledge.Person) bool {
	if len(ag.Signatories) > 0 {
		return false
	}
	for _, q := range ps {
		if _, found := slices.BinarySearch(q.Docs, ag.Doc); !found {
			return false
		}
	}
	return true
}

// reportedIn returns the agreements of the status and filters, whatever
// their years, whose releases are of one of ys (the first maxListed of
// them, and how many there are).
func (a *answerer) reportedIn(parties []string, signed, ys []int, status string) ([]*knowledge.Agreement, int) {
	all, n := a.b.AgreementsMatching(parties, signed, nil, status, math.MaxInt)
	var out []*knowledge.Agreement
	total := 0
	for _, ag := range all[:n] {
		if slices.Contains(ys, a.b.Docs[ag.Doc].Date.Year) {
			total++
			if len(out) < maxListed {
				out = append(out, ag)
			}
		}
	}
	return out, total
}

func yearStrings(ys []int) []string {
	out := make([]string, len(ys))
	for i, y := range ys {
		out[i] = strconv.Itoa(y)
	}
	return out
}

// statusAsked is the agreement Status a list question asks for
// ("terminated" for "which agreements has Finland ended?", "in force"
// for "… are still in force?"), or "".
func statusAsked(q string) string {
	switch {
	case reAskTerminated.MatchString(q):
		return "terminated"
	case reAskInForce.MatchString(q):
		return "in force"
	}
	return ""
}

var (
	reAskTerminated = mustQuick(`\b(terminat\w*|ended|ends|end|denounc\w*|cancel\w*|withdr[ae]w\w*|scrapped|suspended)\b`)
	reAskInForce    = mustQuick(`\b(in force|still valid|valid|in effect)\b`)
)

func (a *answerer) agreementLine(ag *knowledge.Agreement) string {
	line := ag.Name
	if len(ag.Parties) > 0 {
		line += " (" + strings.Join(ag.Parties, "–") + ")"
	}
	if !ag.Signed.IsZero() {
		verb := ag.SignedVerb
		if verb == "" || verb == "dating back to" {
			verb = "signed"
		}
		line += ", " + verb + " " + ag.Signed.Human()
		if ag.SignedReported {
			line += " (release date)"
		}
	}
	if ag.Status != "" {
		line += ", " + ag.Status
	}
	if !ag.Expires.IsZero() {
		line += ", expires " + ag.Expires.Human()
	}
	if ag.Initiator != "" {
		line += ", initiated by " + ag.Initiator
	}
	return line + " — " + a.b.Docs[ag.Doc].Label()
}

// describeAgreementsIn answers with the agreements a sentence names.
func (a *answerer) describeAgreementsIn(s int, first *knowledge.Agreement) Reply {
	text := a.b.Sentences[s].Text
	var named []*knowledge.Agreement
	for _, ag := range a.b.AgreementsOfDoc(first.Doc) {
		for _, x := range ag.Sentences {
			if x == s {
				named = append(named, ag)
			}
		}
	}
	if len(named) == 0 {
		named = []*knowledge.Agreement{first}
	}
	r := Reply{Found: true, Intent: IntentAgreements}
	var names []string
	for _, ag := range named {
		names = append(names, "the "+ag.Name)
		r.Details = append(r.Details, "• "+a.agreementLine(ag))
	}
	r.Summary = clip(text, 400)
	if len(named) > 1 {
		r.Summary = upperFirst(joinAnd(names)) + ". " + r.Summary
	}
	r.Sources = []Source{a.source(s)}
	a.mem.agreement = first.ID
	return r
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func (a *answerer) sources(p parsed) Reply {
	if strings.TrimSpace(p.text) != "" && p.releases {
		return a.releasesMentioning(p)
	}
	if strings.TrimSpace(p.text) != "" {
		hs := a.hits(p, 5)
		if len(hs) == 0 || hs[0].Coverage < minCoverage {
			return Reply{Found: false, Intent: IntentSources, Summary: "No release mentions that."}
		}
		r := Reply{Found: true, Intent: IntentSources, Summary: fmt.Sprintf("%d sentence(s) mention it:", len(hs))}
		for _, h := range hs {
			r.Sources = append(r.Sources, a.source(h.Sentence))
			r.Details = append(r.Details, "• "+a.b.Doc(h.Sentence).Label()+": "+a.b.Sentences[h.Sentence].Text)
		}
		return r
	}
	r := Reply{Found: true, Intent: IntentSources, Summary: fmt.Sprintf("I have read %d releases:", len(a.b.Docs)), Sources: []Source{}}
	for i, d := range a.b.Docs {
		if i == 20 {
			r.Details = append(r.Details, fmt.Sprintf("… and %d more.", len(a.b.Docs)-20))
			break
		}
		r.Details = append(r.Details, fmt.Sprintf("• %s (%s) — %s", d.Label(), releaseDate(d), d.File))
	}
	return r
}

// releasesMentioning lists the releases whose sentences match the words
// of p best (up to 10 releases, from the 40 best sentences that cover the
// words as well as the best does), each with its best sentence.
func (a *answerer) releasesMentioning(p parsed) Reply {
	hs := a.hits(p, 40)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return Reply{Found: false, Intent: IntentSources, Summary: "No release mentions that.", Sources: []Source{}}
	}
	r := Reply{Found: true, Intent: IntentSources}
	seen := map[int]bool{}
	more := 0
	for _, h := range hs {
		d := a.b.Sentences[h.Sentence].Doc
		if h.Coverage < hs[0].Coverage || seen[d] {
			continue
		}
		seen[d] = true
		if len(r.Sources) == 10 {
			more++
			continue
		}
		doc := a.b.Docs[d]
		r.Details = append(r.Details, fmt.Sprintf("• %s (%s): %s", doc.Label(), releaseDate(doc), a.b.Sentences[h.Sentence].Text))
		r.Sources = append(r.Sources, a.source(h.Sentence))
	}
	r.Summary = fmt.Sprintf("%d release(s) mention %s:", len(seen), p.text)
	if more > 0 {
		r.Details = append(r.Details, fmt.Sprintf("… and %d more.", more))
	}
	return r
}

// releaseDate is a release's date for a list of releases, or "undated".
func releaseDate(d *knowledge.Document) string {
	if h := d.Date.Human(); h != "" {
		return h
	}
	return "undated"
}

// isYear reports whether w is a year as years reads them ("2019").
func isYear(w string) bool {
	ys := reYear.FindAllString(w, 1)
	return len(ys) == 1 && ys[0] == w
}
