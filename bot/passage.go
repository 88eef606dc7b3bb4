package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// passage is a candidate answer from retrieval: a ranked sentence, with
// the neighbouring sentence that completes it when the sentence alone
// lacks what the question asks for ("The memorandum was signed today.
// The signatory states are Finland, Sweden …").
type passage struct {
	hit index.Hit
	// sents are the passage's sentences in the release's order: the hit,
	// and a neighbour that completes it or goes on about it.
	sents []int
	// context is the sentence before the hit when the hit leans on it
	// ("… therefore sent a joint letter"), or -1.
	context int
	// extra are further sentences of the release that answer what the
	// others leave out (complete).
	extra []int
	// kind reports whether the passage holds an answer of the kind the
	// question asks for (sentenceKind).
	kind bool
	// content is the weighted share of the question's content terms (its
	// terms other than the names of people, places, countries and years
	// it gives) that the passage holds: what it says of them.
	content float64
	// cov and scov are the weighted shares of the question's words the
	// hit's release and the hit hold (groupCoverage)
	cov, scov float64
	// named says the passage names a person the question names, or the
	// question names none.
	named bool
	// related says the passage (or its release's headline) names every
	// country the question names two or more of: the parties to what it
	// asks about (relates).
	related bool
	// event says the passage holds a word for the event the question
	// asks about ("sign", "expire", "apprehend"), or it asks about none.
	event bool
	// score ranks passages for one question: the hit's score relative to
	// the best, weighed by kind and focus.
	score float64
}

const (
	// passageFloor is how far below the best hit (a share of its score) a
	// hit may rank and still be weighed as a passage.
	passageFloor = 0.35
	// minPassageCoverage is the share of the question's weighted terms a
	// passage's release must hold to answer: lower than the structured
	// answers' minCoverage, since a passage must also hold the kind of
	// answer, the event and the content asked about (docs/answers.md).
	minPassageCoverage = 0.5
	// minSentenceCoverage is the share of the question's weighted terms
	// the sentence itself must hold to answer.
	minSentenceCoverage = 0.15
	// minContent is the share of the question's weighted content terms
	// (contentTerms) a passage must hold to answer: what the question
	// says happened, not only whom it names.
	minContent = 0.15
)

// passages ranks the question's best sentences as answers: each with the
// neighbour that holds the kind of answer asked for when it does not,
// weighed by whether it holds that kind, the thing a "which X" question
// asks for and, for a question that sets something aside, a sentence that
// adds ("also visited"). Best first; nil when no hit can answer.
func (a *answerer) passages(p *query) []passage {
	if a.ranking != nil && a.rankingText == p.text {
		return a.ranking
	}
	a.ranking, a.rankingText = a.rankPassages(p), p.text
	return a.ranking
}

// rankPassages is passages, uncached.
func (a *answerer) rankPassages(p *query) []passage {
	hs := a.hits(p, 12)
	if len(hs) == 0 {
		return nil
	}
	top := hs[0].Score
	var out []passage
	for _, h := range hs {
		if h.Score < top*passageFloor {
			break
		}
		ps := passage{hit: h, sents: []int{h.Sentence}, context: -1, score: h.Score / top}
		ps.kind = a.sentenceKind(p, h.Sentence, true)
		if !ps.kind && p.kind != kindNumber && !a.agentless(p, h.Sentence) {
			// a figure must stand in the sentence that says what it
			// counts; other kinds may follow in the next sentence
			if nb, ok := a.kindNeighbour(p, h.Sentence); ok {
				ps.kind = true
				ps.sents = append(ps.sents, nb)
				sort.Ints(ps.sents)
				ps.score *= 0.9
			}
		}
		if next, ok := a.continuation(h.Sentence); ok && !slices.Contains(ps.sents, next) {
			// "A Joint Commission shall be set up. It will be responsible
			// for …": the next sentence goes on about what this one names
			ps.sents = append(ps.sents, next)
		}
		if prev := h.Sentence - 1; (leansBack(a.b.Sentences[h.Sentence].Text) || p.kind == kindReason && !a.hasEvents(p, []int{h.Sentence})) &&
			a.sameBody(h.Sentence, prev) && !slices.Contains(ps.sents, prev) {
			// (a cause that does not name the event it explains follows
			// the sentence that does)
			// "… the decision of Hungary … . The ministers therefore sent
			// a joint letter": what the hit refers to
			ps.context = prev
		}
		switch {
		case ps.kind && p.kind != kindText && p.kind != kindYesNo:
			ps.score *= 1.25
		case !ps.kind && p.kind.names():
			ps.score *= 0.3
		}
		text := a.b.Sentences[h.Sentence].Text
		if p.kind == kindThing && p.plural && ps.kind && reEnumeration.MatchString(text) {
			// "which offences …?": "such offences include rape,
			// aggravated assault and homicide"
			ps.score *= 1.3
		}
		if len(p.exclude) > 0 && reAlsoCue.MatchString(text) {
			ps.score *= 1.2
		}
		if p.before && reEarlierCue.MatchString(text) || p.after && reLaterCue.MatchString(text) || p.start && reStartCue.MatchString(text) {
			// "when had the previous meeting taken place?": "the first
			// meeting since October 2019"
			ps.score *= 1.3
		}
		ps.cov, ps.scov = a.groupCoverage(p, h.Sentence)
		ps.content = a.contentShare(p, a.passageSentences(ps))
		// what the question says besides its names counts most: every
		// release left holds the names
		ps.score *= 0.8 + 0.4*ps.content
		ps.named = a.namesAsked(p, ps.sents)
		ps.related = a.relates(p, ps.sents)
		ps.event = a.hasEvents(p, a.passageSentences(ps)) || p.kind == kindReason && a.docHasEvent(p, h.Sentence)
		if a.b.Sentences[h.Sentence].Title && p.kind != kindText {
			// a headline names the topic; it seldom holds the answer
			ps.score *= 0.6
		}
		if !ps.named {
			ps.score *= 0.8
		}
		out = append(out, ps)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// kindNeighbour returns the sentence just before or after s in its
// release (not a headline or contact line) that holds the kind of answer
// the question asks for, the one after first. A neighbour that names
// people speaks of them: it completes s only when it names one the
// question names, or the question names no one.
func (a *answerer) kindNeighbour(p *query, s int) (int, bool) {
	for _, nb := range []int{s + 1, s - 1} {
		if !a.sameBody(s, nb) || !a.sentenceKind(p, nb, false) {
			continue
		}
		if ps := a.b.PeopleIn(nb); len(ps) > 0 && len(p.people) > 0 && !slices.ContainsFunc(ps, func(q *knowledge.Person) bool { return personIn(q, p.people) }) {
			continue
		}
		return nb, true
	}
	return 0, false
}

// agentless reports whether sentence s tells the event a "who" question
// asks about without naming who did it ("the protocol … was signed"): a
// person named in the sentence beside it did not do it as far as the
// release says, unless s points back to them ("He signed …").
func (a *answerer) agentless(p *query, s int) bool {
	if (p.kind != kindPerson && p.kind != kindPeople) || len(p.events) == 0 || !a.hasEvents(p, []int{s}) {
		return false
	}
	first, _, _ := strings.Cut(a.b.Sentences[s].Text, " ")
	return !leanBackOpeners[first]
}

// contentTerms are the question's search terms other than the names of
// the people, places, countries, years, bodies and things it gives
// (requiredTerms): what it says of them; none when they are only words for
// people in a role ("the ministers"), which the answer may call "we".
func (a *answerer) contentTerms(p *query) []string {
	req := a.requiredTerms(p)
	var out []string
	for _, t := range uniq(p.searchTerms()) {
		if !slices.Contains(req, t) {
			out = append(out, t)
		}
	}
	if !slices.ContainsFunc(out, func(t string) bool { return !roleTerms[t] }) {
		return nil // it says only who: "what did the Vilnius ministers ask the Commission to do?"
	}
	return out
}

// contentShare is the weighted share of the question's content terms
// that the sentences hold; 1 when it has none.
func (a *answerer) contentShare(p *query, sents []int) float64 {
	terms := a.contentTerms(p)
	if len(terms) == 0 {
		return 1
	}
	return a.share(terms, sents)
}

// termWeight is a term's weight in a question: its IDF, or, for a word
// the releases never use, as much as a rare one.
func (a *answerer) termWeight(t string) float64 {
	if !a.b.Index().Has(t) {
		return 3
	}
	return max(a.b.Index().IDF(t), 0.1)
}

// relates reports whether the sentences, with their release's headline,
// name every country the question names when it names two or more: the
// parties to what it asks about. "When was the Finnish-Polish agreement
// signed?" is not answered by a sentence on a Finnish-Russian one in a
// release that mentions Poland elsewhere.
func (a *answerer) relates(p *query, sents []int) bool {
	if len(p.countries) < 2 {
		return true
	}
	var text strings.Builder
	for _, s := range sents {
		text.WriteString(a.b.Sentences[s].Text)
		text.WriteString(" ")
	}
	if t := a.b.Docs[a.b.Sentences[sents[0]].Doc]; len(t.Sentences) > 0 && a.b.Sentences[t.Sentences[0]].Title {
		text.WriteString(a.b.Sentences[t.Sentences[0]].Text)
	}
	cs := countriesIn(text.String())
	for _, c := range p.countries {
		if !slices.Contains(cs, c) {
			return false
		}
	}
	return true
}

// placed reports whether the sentences, or their release's headline or
// dateline place, name every place the question names: "how many
// countries met in Riga?" is not answered by a sentence on a meeting in
// Valga in a release that mentions Riga.
func (a *answerer) placed(p *query, sents []int) bool {
	if len(p.places) == 0 {
		return true
	}
	var keys []string
	add := func(s int) {
		for _, w := range lang.Words(a.b.Sentences[s].Text) {
			keys = append(keys, knowledge.PlaceKey(w))
		}
	}
	for _, s := range sents {
		add(s)
		if m := a.b.MeetingOf(s); m != nil {
			for _, pl := range m.Places {
				keys = append(keys, knowledge.PlaceKey(pl.Name))
			}
		}
	}
	if d := a.b.Docs[a.b.Sentences[sents[0]].Doc]; len(d.Sentences) > 0 && a.b.Sentences[d.Sentences[0]].Title {
		add(d.Sentences[0])
	}
	for _, pl := range p.places {
		key := knowledge.PlaceKey(pl)
		found := slices.Contains(keys, key)
		if !found {
			// a place of several words ("St. Petersburg"): its longest
			for _, w := range lang.Words(pl) {
				if len(w) > 3 && slices.Contains(keys, knowledge.PlaceKey(w)) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// namesThings reports whether a passage, with the sentence it leans on
// and its release's headline, names every body or thing the question
// names (properNouns): "what is the budget of Frontex?" is not answered
// by the budget of a centre whose opening Frontex attended.
func (a *answerer) namesThings(p *query, ps passage) bool {
	names := a.properNouns(p)
	if len(names) == 0 {
		return true
	}
	sents := a.passageSentences(ps)
	if d := a.b.Docs[a.b.Sentences[ps.hit.Sentence].Doc]; len(d.Sentences) > 0 && a.b.Sentences[d.Sentences[0]].Title {
		sents = append(sents, d.Sentences[0])
	}
	var terms []string
	for _, w := range names {
		if !isAbbreviation(w) { // "BSRBCC" is spelt out where it is told of
			terms = append(terms, lang.Terms(w)...)
		}
	}
	return len(terms) == 0 || a.share(terms, sents) == 1
}

// ofBody reports whether a passage's release holds the words that tell
// apart the body the question names ("when did the police working group
// meet?" is not answered from a release on the group on law enforcement
// cooperation); the passage itself may call it "the expert working
// group".
func (a *answerer) ofBody(p *query, ps passage) bool {
	body := bodyWords(p.folded)
	if len(body) == 0 {
		return true
	}
	return a.docHas(a.b.Sentences[ps.hit.Sentence].Doc, body)
}

// hasEvents reports whether the sentences hold a word for the event the
// question asks about: the first it names ("when did they sign the
// treaties Russia later withdrew from?": sign).
func (a *answerer) hasEvents(p *query, sents []int) bool {
	if len(p.events) == 0 {
		return true
	}
	for _, s := range sents {
		text := a.b.Sentences[s].Text
		switch p.events[0] {
		case forceEvent:
			if reSaysForce.MatchString(text) {
				return true
			}
			continue
		case sayEvent:
			if reSaysSay.MatchString(text) || strings.ContainsAny(text, "“”\"") {
				return true // a quotation is what someone said
			}
			continue
		}
		for _, t := range a.sentTerms(s) {
			if eventOf[t] == p.events[0] {
				return true
			}
		}
	}
	return false
}

// docHasEvent reports whether the release of sentence s holds a word for
// the event the question asks about: a cause ("in the wake of unfair
// elections") seldom repeats the event it explains ("why did Lithuania
// end the agreement?"), which its release tells.
func (a *answerer) docHasEvent(p *query, s int) bool {
	return a.hasEvents(p, a.b.Docs[a.b.Sentences[s].Doc].Sentences)
}

// namesAsked reports whether the sentences name one of the people the
// question names (true when it names none).
func (a *answerer) namesAsked(p *query, sents []int) bool {
	return len(p.people) == 0 || a.namesAny(p.people, sents)
}

// namesAny reports whether the sentences name one of ps, or point back
// to one ("She briefed her colleagues …" after a sentence naming her).
func (a *answerer) namesAny(ps []*knowledge.Person, sents []int) bool {
	for _, s := range sents {
		if a.namedIn(ps, s) {
			return true
		}
		if first, _, _ := strings.Cut(a.b.Sentences[s].Text, " "); personPronouns[first] && a.sameBody(s, s-1) && a.namedIn(ps, s-1) {
			return true
		}
	}
	return false
}

// namedIn reports whether sentence s names one of ps.
func (a *answerer) namedIn(ps []*knowledge.Person, s int) bool {
	for _, q := range a.b.PeopleIn(s) {
		if personIn(q, ps) {
			return true
		}
	}
	return false
}

// sameBody reports whether sentence nb is in the body of s's release:
// not its headline or a contact line.
func (a *answerer) sameBody(s, nb int) bool {
	if nb < 0 || nb >= len(a.b.Sentences) || a.b.Sentences[nb].Doc != a.b.Sentences[s].Doc {
		return false
	}
	x := a.b.Sentences[nb]
	return !x.Title && !x.Contact
}

// continuation returns the sentence after s when it goes on about what s
// names (it opens with a pronoun for it).
func (a *answerer) continuation(s int) (int, bool) {
	next := s + 1
	if a.sameBody(s, next) && reContinues.MatchString(a.b.Sentences[next].Text) {
		return next, true
	}
	return 0, false
}

// acceptable reports whether a passage answers the question well enough
// to be given: its release holds most of the question's weighted terms
// (minCoverage), the sentence itself a fair share of them, and it holds
// an answer of the kind asked for where the kind names one.
func (a *answerer) acceptable(p *query, ps passage) bool {
	// what a person named in the question said, in their words: the
	// words need not be the question's ("what did Risikko say about the
	// meeting?": "We had a very fruitful conversation")
	quoted := len(p.events) > 0 && p.events[0] == sayEvent && len(p.people) > 0 && ps.named && ps.event
	return ps.cov >= minPassageCoverage && ps.scov >= minSentenceCoverage &&
		(ps.content >= minContent || quoted) && ps.related && ps.event && (ps.kind || !p.kind.names()) &&
		(len(p.recalled) == 0 || a.namesAny(p.recalled, ps.sents)) && a.placed(p, ps.sents) && a.ofBody(p, ps) && a.namesThings(p, ps)
}

// complete adds to the best passage more sentences of its release: for
// a question of several parts ("How big is the budget, and how much of it
// do membership fees cover?"), the one that answers each part the passage
// does not; else the one that holds most of the question's weighted terms
// the passage lacks, when it lacks a good part of them; else a close
// second ("… serious offences such as those mentioned above. Such serious
// offences include rape, …").
func (a *answerer) complete(p *query, ps []passage) passage {
	best := ps[0]
	doc := a.b.Sentences[best.hit.Sentence].Doc
	held := func(s int) bool {
		return slices.Contains(best.sents, s) || slices.Contains(best.extra, s) || s == best.context
	}
	others := func(yield func(passage) bool) {
		for _, other := range ps[1:] {
			s := other.hit.Sentence
			if a.b.Sentences[s].Doc == doc && !held(s) && !a.b.Sentences[s].Title && !yield(other) {
				return
			}
		}
	}
	if len(p.people) > 0 {
		// "what did Risikko say …?", "what did Rantanen brief her
		// colleagues about?": each time the release tells the person
		// doing it, up to three
		var verb []string
		if reWhatDidDo.MatchString(p.folded) {
			verb = a.verbFocus(p)
		}
		for other := range others {
			s := other.hit.Sentence
			did := other.event && len(p.events) > 0 && p.events[0] == sayEvent ||
				len(verb) > 0 && slices.ContainsFunc(verb, func(t string) bool { return slices.Contains(a.sentTerms(s), t) })
			if len(best.extra) < 2 && did && a.namesAny(p.people, []int{s}) && a.sentenceKind(p, s, true) {
				best.extra = append(best.extra, s)
			}
		}
		if len(best.extra) > 0 {
			return best
		}
	}
	if parts := questionParts(p.text); len(parts) > 1 {
		for _, part := range parts {
			terms := a.partTerms(p, part)
			if len(terms) == 0 || a.share(terms, a.passageSentences(best)) >= 0.5 {
				continue
			}
			add, most := -1, 0.5
			for other := range others {
				if sh := a.share(terms, []int{other.hit.Sentence}); sh >= most {
					add, most = other.hit.Sentence, sh
				}
			}
			if add >= 0 {
				best.extra = append(best.extra, add)
			}
		}
		if len(best.extra) > 0 {
			return best
		}
	}
	add := -1
	if gap, missing := a.uncovered(p, best.sents); missing > 0 {
		bestGain := 0.0
		for other := range others {
			if other.hit.Score < best.hit.Score*0.5 || other.hit.SentenceCoverage < minSentenceCoverage {
				continue
			}
			gain := 0.0
			for _, t := range uniq(a.sentTerms(other.hit.Sentence)) {
				gain += gap[t]
			}
			if gain > bestGain {
				bestGain, add = gain, other.hit.Sentence
			}
		}
		if bestGain < 0.5*missing {
			add = -1
		}
	}
	if add < 0 {
		for other := range others {
			if other.hit.Score >= best.hit.Score*0.8 {
				add = other.hit.Sentence
				break
			}
		}
	}
	if add >= 0 {
		best.extra = append(best.extra, add)
	}
	return best
}

// passageSentences are all the sentences a passage shows.
func (a *answerer) passageSentences(ps passage) []int {
	out := slices.Clone(ps.sents)
	if ps.context >= 0 {
		out = append(out, ps.context)
	}
	return append(out, ps.extra...)
}

// partTerms are the content terms of one part of a question (contentTerms
// restricted to the part's words), less the words no release uses.
func (a *answerer) partTerms(p *query, part string) []string {
	content := a.contentTerms(p)
	var out []string
	for _, t := range uniq(lang.Terms(part)) {
		if slices.Contains(content, t) && a.b.Index().Has(t) {
			out = append(out, t)
		}
	}
	return out
}

// share is the weighted share of terms that the sentences hold.
func (a *answerer) share(terms []string, sents []int) float64 {
	has := map[string]bool{}
	for _, s := range sents {
		for _, t := range a.sentTerms(s) {
			has[t] = true
		}
	}
	total, found := 0.0, 0.0
	for _, t := range terms {
		w := a.termWeight(t)
		total += w
		if has[t] || slices.ContainsFunc(synonymGroups[t], func(s string) bool { return has[s] }) {
			found += w // the word, or one the releases use for it
		}
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// questionParts splits a question of several parts at ", and how/what/…"
// and at a question mark followed by more: "How big is the budget, and
// how much of it do fees cover?" has two parts.
func questionParts(text string) []string {
	var out []string
	for _, piece := range reSecondQuestion.Split(text, -1) {
		for _, q := range strings.Split(piece, "?") {
			if strings.TrimSpace(q) != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// uncovered returns the weights of the question's content terms
// (contentTerms) the sentences lack, and their sum when they lack at
// least a third of their weight (else 0).
func (a *answerer) uncovered(p *query, sents []int) (map[string]float64, float64) {
	has := map[string]bool{}
	for _, s := range sents {
		for _, t := range a.sentTerms(s) {
			has[t] = true
		}
	}
	gap := map[string]float64{}
	total, missing := 0.0, 0.0
	for _, t := range a.contentTerms(p) {
		w := a.termWeight(t)
		total += w
		if !has[t] {
			gap[t] = w
			missing += w
		}
	}
	if total == 0 || missing < total/3 {
		return nil, 0
	}
	return gap, missing
}

// passageReply renders a passage: for a question that asks for people
// or countries, those the passage names first, then its sentences; else
// its best sentence, then the others.
func (a *answerer) passageReply(p *query, ps passage) Reply {
	r := Reply{Found: true, Intent: IntentSearch}
	if p.intent != IntentSearch && p.intent != "" {
		r.Intent = p.intent
	}
	src := a.newSources()
	lead := a.passageLead(p, ps)
	first := ps.hit.Sentence
	if lead != "" {
		r.Summary = lead
	} else {
		r.Summary = a.b.Sentences[first].Text
	}
	var shown []int
	if ps.context >= 0 {
		shown = append(shown, ps.context)
	}
	shown = append(shown, ps.sents...)
	shown = append(shown, ps.extra...)
	for _, s := range shown {
		if lead == "" && s == first {
			continue
		}
		r.Details = append(r.Details, a.b.Sentences[s].Text)
	}
	src.add(first)
	for _, s := range shown {
		src.add(s)
	}
	r.Sources = src.out
	a.rememberSentence(first)
	return r
}

// passageLead is the line that opens a passage answer for a question
// that asks for people or countries: those the passage names (other than
// the ones the question names); "" for other questions or when it names
// none.
func (a *answerer) passageLead(p *query, ps passage) string {
	switch p.kind {
	case kindCountries:
		var cs []string
		for _, s := range ps.sents {
			for _, c := range countriesIn(a.b.Sentences[s].Text) {
				if !slices.Contains(p.countries, c) {
					cs = appendStr(cs, c)
				}
			}
		}
		if len(cs) > 0 {
			return joinAnd(cs) + "."
		}
	case kindPerson, kindPeople:
		var labels []string
		seen := map[int]bool{}
		for _, s := range ps.sents {
			people := a.b.PeopleIn(s)
			if reHostVerb.MatchString(p.folded) && !namedBeforeHostVerb(a.b.Sentences[s].Text, people) {
				continue // "X and Y hosted the meeting under the patronage of Z": the host is no one named
			}
			for _, q := range people {
				if a.personFits(p, q, a.b.Sentences[s].Text) && !seen[q.ID] {
					seen[q.ID] = true
					labels = append(labels, personLabel(q))
				}
			}
		}
		if len(labels) > 0 && len(labels) <= 6 {
			return joinAnd(labels) + "."
		}
	case kindDate:
		s := ps.hit.Sentence
		text := a.b.Sentences[s].Text
		ds := dates.DatesIn(text, a.b.Doc(s).Date)
		if len(ds) == 1 && ds[0].Relative {
			return fmt.Sprintf("%s, reckoned from the release's date:", upperFirst(ds[0].Human()))
		}
	}
	return ""
}

// citeRetellings adds to a passage answer's sources the sentences of other
// releases among the ranked passages ps that say nearly the same as one
// the answer shows (two releases on one agreement): the same fact,
// reported twice.
func (a *answerer) citeRetellings(r *Reply, best passage, ps []passage) {
	doc := a.b.Sentences[best.hit.Sentence].Doc
	for _, shown := range a.passageSentences(best) {
		terms := uniq(a.sentTerms(shown))
		if len(terms) < 4 {
			continue
		}
		for _, other := range ps {
			s := other.hit.Sentence
			if a.b.Sentences[s].Doc == doc || a.b.Sentences[s].Title || slices.ContainsFunc(r.Sources, func(x Source) bool { return x.Quote == a.b.Sentences[s].Text }) {
				continue
			}
			if jaccard(terms, uniq(a.sentTerms(s))) >= 0.6 {
				r.Sources = append(r.Sources, a.source(s))
			}
		}
	}
}

// jaccard is the share of the terms of x and y that both hold.
func jaccard(x, y []string) float64 {
	both := 0
	for _, t := range x {
		if slices.Contains(y, t) {
			both++
		}
	}
	if n := len(x) + len(y) - both; n > 0 {
		return float64(both) / float64(n)
	}
	return 0
}

// leansBack reports whether a sentence leans on the one before it: it
// opens with a word that points back, or draws on it (leanBackPhrases).
func leansBack(text string) bool {
	if first, _, _ := strings.Cut(text, " "); leanBackOpeners[first] {
		return true
	}
	lower := strings.ToLower(text)
	for _, ph := range leanBackPhrases {
		if strings.Contains(lower, ph) {
			return true
		}
	}
	return false
}
