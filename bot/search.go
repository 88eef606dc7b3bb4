package bot

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// coverGate lets answers skip rankings no hit of which can reach
// minCoverage; tests turn it off to compare.
var coverGate = true

// coverable reports whether a hit of the question's ranking can reach
// minPassageCoverage, the least coverage any answer accepts
// (knowledge.Base.Covers): when not, the answers that need such a hit
// are not found, without ranking.
func (a *answerer) coverable(p *query) bool {
	if !coverGate {
		return true
	}
	if !a.coverDone || a.coverText != p.text {
		a.cover, a.coverDone, a.coverText = a.b.Covers(p.searchTerms(), minPassageCoverage), true, p.text
	}
	return a.cover
}

// literalNames resolves the question's names once, without correcting
// typos in lower-case words (for entity checks and the verb focus).
func (a *answerer) literalNames(p *query) names {
	if p.literal == nil {
		n := resolveNames(a.b, p.text, false)
		p.literal = &n
	}
	return *p.literal
}

// rankedHits returns the best k sentences for the question text, from
// one ranking per answer (the top k of a longer ranking are the same).
func (a *answerer) rankedHits(text string, terms []string, k int) []index.Hit {
	scoped := a.scope != nil
	if a.ranked == nil || a.rankedText != text || a.rankedK < k || a.rankedScoped != scoped || scoped && !slices.Equal(a.rankedScope, a.scope) {
		a.rankedK = max(k, 24)
		a.rankedText = text
		a.rankedScoped = scoped
		a.rankedScope = a.scope
		if scoped {
			a.ranked = a.b.SearchDocs(terms, a.rankedK, a.scope)
		} else {
			a.ranked = a.b.Search(terms, a.rankedK)
		}
		if a.ranked == nil {
			a.ranked = []index.Hit{}
		}
	}
	hs := a.ranked
	if len(hs) > k {
		hs = hs[:k]
	}
	if len(hs) == 0 {
		return nil
	}
	return append([]index.Hit(nil), hs...)
}

const (
	// minCoverage is the share of a question's weighted terms that a
	// sentence and its release must hold before it counts as an answer.
	minCoverage = 0.6
	// maxListed caps the meetings or agreements listed in one reply.
	maxListed = 8
)

// hits returns the question's k best sentences, re-scored for what the
// question asks, or none when no hit can reach minCoverage (coverable).
func (a *answerer) hits(p *query, k int) []index.Hit {
	syn := a.synonymTerms(p.searchTerms())
	if !a.coverable(p) && syn == nil {
		return nil // no hit can reach minCoverage, which every caller needs
	}
	if a.scope == nil {
		// an answer must come from a release that names every person the
		// question names: rank only those (as many as they are, whatever
		// the size of the base)
		if docs, ok := a.peopleDocs(p); ok {
			a.scope = docs
			defer func() { a.scope = nil }()
		}
	}
	hs := a.rankedHits(p.text, p.searchTerms(), k*3)
	if syn != nil {
		hs = a.withSynonymHits(p, hs, syn, k*3)
	}
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
			st := a.sentTerms(hs[i].Sentence)
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
	if req := a.requiredTerms(p); len(req) > 0 || len(p.days) > 0 || len(p.months) > 0 {
		kept := hs[:0]
		for _, h := range hs {
			if d := a.b.Sentences[h.Sentence].Doc; a.docHas(d, req) && a.datesFit(p, d) {
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

// verbFocus returns the verb a "what did NAME VERB" question asks about
// ("what did Kolokoltsev hand over" -> hand): the first ordinary word after
// the name.
func (a *answerer) verbFocus(p *query) []string {
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
			return lang.Terms(n.words[i])
		}
	}
	return nil
}

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
		if w == "" || questionWords[w] || lang.CountryOf(w) != "" {
			continue
		}
		out = append(out, lang.Terms(w)...)
	}
	return out
}

// anchor returns the first of the question's best sentences (within 60 %
// of the best score) that reports on a fact of the kind has recognises;
// ok is false when there is none or the question is too far from the
// releases.
func (a *answerer) anchor(p *query, has func(sentence int) bool) (index.Hit, bool) {
	hs := a.hits(p, 8)
	if len(hs) == 0 || hs[0].Coverage < minCoverage {
		return index.Hit{}, false
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
func (a *answerer) anchorMeeting(p *query) (*knowledge.Meeting, index.Hit, bool) {
	body := bodyWords(p.folded)
	h, ok := a.anchor(p, func(s int) bool {
		m := a.b.MeetingOf(s)
		return m != nil && bodyFits(body, m)
	})
	if !ok {
		return nil, h, false
	}
	return a.b.MeetingOf(h.Sentence), h, true
}

// search answers with the best-matching sentences, or says plainly that
// the releases hold nothing on it.
func (a *answerer) search(p *query) Reply {
	a.searched = true
	ps := a.passages(p)
	for i := range ps {
		if a.acceptable(p, ps[i]) {
			// the best passage that answers, with the others of its
			// release to complete it
			ps[0], ps[i] = ps[i], ps[0]
			best := a.complete(p, ps)
			r := a.passageReply(p, best)
			a.citeRetellings(&r, best, ps)
			return r
		}
	}
	{
		if len(ps) > 0 && p.kind == kindNumber {
			// "how many joint operations were there?" answered by a
			// sentence with no figure and no list to count is no answer
			return a.notFound(p, "The releases give no figure for that.")
		}
		return a.notFound(p, "I couldn't find anything about that in the releases.")
	}
}

func (a *answerer) sources(p *query) Reply {
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
func (a *answerer) releasesMentioning(p *query) Reply {
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

// synonymTerms returns the question's terms with each rare one that has
// synonyms (synonymGroups) replaced by the others of its group the
// releases use, or nil when none has any. A word the releases use often
// ("met") finds its sentences itself; a rare one ("compulsory") may be
// the question's word for what the releases say otherwise ("voluntary").
func (a *answerer) synonymTerms(terms []string) []string {
	var alt []string
	changed := false
	n := float64(len(a.b.Sentences))
	rare := math.Log(1 + (n-rareSentences+0.5)/(rareSentences+0.5)) // the IDF of a word in rareSentences sentences
	for _, t := range terms {
		kept := true
		if len(synonymGroups[t]) > 0 && a.b.Index().IDF(t) < rare {
			alt = appendStr(alt, t)
			continue // common enough
		}
		for _, s := range synonymGroups[t] {
			if s != t && a.b.Index().Has(s) {
				alt = appendStr(alt, s)
				changed, kept = true, false
			}
		}
		if kept {
			alt = appendStr(alt, t)
		}
	}
	if !changed {
		return nil
	}
	return alt
}

// withSynonymHits adds to hs the best k sentences for the synonym terms
// alt that hs lacks, each with its coverage read over the question's own
// terms, a word counting as held where one of its synonyms is ("is
// assistance compulsory?": "assistance is voluntary").
func (a *answerer) withSynonymHits(p *query, hs []index.Hit, alt []string, k int) []index.Hit {
	var alts []index.Hit
	if a.scope != nil {
		alts = a.b.SearchDocs(alt, k, a.scope)
	} else {
		alts = a.b.Search(alt, k)
	}
	for _, h := range alts {
		if slices.ContainsFunc(hs, func(x index.Hit) bool { return x.Sentence == h.Sentence }) {
			continue
		}
		h.Coverage, h.SentenceCoverage = a.groupCoverage(p, h.Sentence)
		hs = append(hs, h)
	}
	return hs
}

// groupCoverage returns the weighted shares of the question's own terms
// (query.asked) that sentence s and its release hold, and that s holds,
// a word counting as held where one of its synonyms is: the coverage
// knowledge.Search gives, read over the question's words rather than the
// terms searched for.
func (a *answerer) groupCoverage(p *query, s int) (release, sentence float64) {
	terms := p.asked
	if terms == nil {
		terms = p.searchTerms()
	}
	doc := a.b.Sentences[s].Doc
	sent := a.sentTerms(s)
	total, inSent, inDoc := 0.0, 0.0, 0.0
	for _, t := range uniq(terms) {
		w := a.termWeight(t)
		total += w
		forms := append([]string{t}, synonymGroups[t]...)
		switch {
		case slices.ContainsFunc(forms, func(f string) bool { return slices.Contains(sent, f) }):
			inSent += w
			inDoc += w
		case slices.ContainsFunc(forms, func(f string) bool { return a.b.DocHasTerm(doc, f) }):
			inDoc += w
		}
	}
	if total == 0 {
		return 0, 0
	}
	return inDoc / total, inSent / total
}

// rareSentences is how many sentences a word may be in and still be rare
// (synonymTerms).
const rareSentences = 20.0

// peopleDocs returns the releases that name every person the question
// names (as requiredTerms reads them) or a follow-up speaks of, when it
// names any: the only releases an answer may come from.
func (a *answerer) peopleDocs(p *query) ([]int, bool) {
	people := append(slices.Clone(a.literalNames(p).people), p.recalled...)
	if len(people) == 0 {
		return nil, false
	}
	docs := slices.Clone(people[0].Docs)
	for _, q := range people[1:] {
		docs = slices.DeleteFunc(docs, func(d int) bool {
			_, found := slices.BinarySearch(q.Docs, d)
			return !found
		})
	}
	return docs, true
}

// bodyWords returns the index terms of the words that tell apart the body
// a folded question names ("the finnish-russian police working group":
// police, working): the words before a body noun (group, committee,
// commission, …), less countries and their adjectives; nil when it names
// none.
func bodyWords(q string) []string {
	ws := strings.Fields(q)
	for i, w := range ws {
		if !bodyNouns[w] || i == 0 {
			continue
		}
		var out []string
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			x := ws[j]
			if x == "the" || x == "a" || x == "an" || questionWords[x] && !meetingCueWords[x] || auxiliaries[x] ||
				placePreps[x] || x == "as" || x == "of" || x == "for" || strings.HasSuffix(x, "ed") {
				break
			}
			if lang.CountryOf(x) != "" || hyphenCountries(x) != nil {
				continue
			}
			out = append(out, lang.Terms(x)...)
		}
		return out
	}
	return nil
}

// bodyFits reports whether meeting m may be of the body whose words are
// body: a meeting of a named body must hold them in its name ("the
// police working group" did not meet as "the Finland-Norway-Russia group
// on law enforcement cooperation"); one without a name may be.
func bodyFits(body []string, m *knowledge.Meeting) bool {
	if len(body) == 0 || m.Name == "" {
		return true
	}
	name := lang.Terms(m.Name)
	for _, t := range body {
		if !slices.Contains(name, t) {
			return false
		}
	}
	return true
}
