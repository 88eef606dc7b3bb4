package bot

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// noAgreementBetween answers a question about an agreement between two or
// more countries ("when was the Finnish-Polish police agreement
// signed?") when the releases report none between them: it says so,
// rather than answer about another agreement or a meeting. ok is false
// when there is one, or one whose parties the releases do not give could
// be it.
func (a *answerer) noAgreementBetween(p *query) (Reply, bool) {
	if p.command || len(p.countries) < 2 || !reAgreementNoun.MatchString(p.folded) {
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
	if _, total := a.b.AgreementsMatching(p.countries, nil, nil, "", 0); total > 0 {
		return Reply{}, false
	}
	return a.notFound(p, fmt.Sprintf("The releases report no agreement between %s.", joinAnd(p.countries))), true
}

// anchorFieldAgreement is anchorAgreement for a question about when an
// agreement enters into force or expires: when its words do not find one,
// its words without the field's do ("when does the police agreement enter
// into force?" of a release that never says).
func (a *answerer) anchorFieldAgreement(p *query) (*knowledge.Agreement, index.Hit, bool) {
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
	q := *p
	q.text = strings.Join(strings.Fields(field.ReplaceAllString(p.folded, " ")), " ")
	q.folded = q.text
	q.terms = nil
	if q.text == p.folded {
		return ag, h, ok
	}
	return a.anchorAgreement(&q)
}

// anchorAgreement finds the agreement a question is about, the same way:
// first among the releases of the agreements it names by parties and
// name, if any (a lookup, whatever the size of the base), then among all.
func (a *answerer) anchorAgreement(p *query) (*knowledge.Agreement, index.Hit, bool) {
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
	hit index.Hit
	ok  bool
}

func (a *answerer) findAgreement(p *query) (*knowledge.Agreement, index.Hit, bool) {
	n := a.literalNames(p)
	has := func(s int) bool {
		// an agreement between other parties than the question names is
		// not the one it asks about ("the Finnish-Polish agreement")
		ag := a.b.AgreementOf(s)
		return ag != nil && (len(ag.Parties) == 0 || !slices.ContainsFunc(n.countries, func(c string) bool { return !slices.Contains(ag.Parties, c) }))
	}
	if len(n.countries) > 0 {
		var docs []int
		for _, ag := range a.b.AgreementsNamed(lang.Terms(p.text), n.countries, years(p.folded)) {
			docs = append(docs, ag.Doc)
		}
		if len(docs) > maxAgreementScope {
			// an agreement reported in very many releases: its latest
			// reports are enough to find the sentence that answers, and
			// the ranking's cost stays bounded
			slices.Sort(docs)
			docs = slices.Compact(docs)
			docs = docs[max(len(docs)-maxAgreementScope, 0):]
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

// agreementField answers what a question asks of an agreement.
func (a *answerer) agreementField(ag *knowledge.Agreement, field string, h index.Hit) (Reply, bool) {
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
	a.rememberAgreement(ag.ID)
	return r, true
}

// terminationDate answers "when was the agreement terminated?" from the
// sentences of its release about ending it: the first date one gives
// that can be placed in a year and is not the date of signing; else the
// first that gives a weekday, saying the release gives no full date ("on
// Thursday" in an undated release); else the release's own date, saying
// so. Not found, with the initiator, when none of these is there. ok is
// false for other questions.
func (a *answerer) terminationDate(p *query, ag *knowledge.Agreement) (Reply, bool) {
	if p.field != "terminate" || !reWhen.MatchString(p.folded) {
		return Reply{}, false
	}
	src := a.newSources()
	pub := a.b.Docs[ag.Doc].Date
	weekday, undated := -1, -1 // the first sentences that give only a weekday, or no time
	answer := func(s int, summary string) (Reply, bool) {
		src.add(s)
		a.rememberAgreement(ag.ID)
		return Reply{Found: true, Intent: IntentWhen, Summary: summary,
			Details: []string{"The release says: " + a.b.Sentences[s].Text}, Sources: src.out}, true
	}
	for _, s := range a.b.Docs[ag.Doc].Sentences {
		text := a.b.Sentences[s].Text
		if a.b.Sentences[s].Title || !reTermination.MatchString(text) {
			continue
		}
		for _, d := range dates.DatesIn(text, pub) {
			if d.Year != 0 && !signingDate(text, d) {
				return answer(s, upperFirst(d.Human())+", going by the release:")
			}
		}
		switch {
		case weekday < 0 && slices.ContainsFunc(lang.Words(text), dates.IsWeekday):
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
	r := a.notFound(p, fmt.Sprintf("The releases don't say when the %s was ended.", ag.Name))
	if ag.Initiator != "" {
		r.Details = append(r.Details, fmt.Sprintf("The termination was initiated by %s.", ag.Initiator))
		src.add(ag.InitiatorEvidence)
	}
	r.Sources = src.out
	a.rememberAgreement(ag.ID)
	return r, true
}

// signingDate reports whether date d, written in text, is the date of a
// signing the words before it name, not of another event.
func signingDate(text string, d dates.Date) bool {
	i := strings.Index(text, d.Text)
	return d.Text != "" && i >= 0 && reSignedBefore.MatchString(text[:i])
}

// fieldUnknown answers a "when" question about when an agreement enters
// into force or expires, which its releases do not say: it says so, then gives
// what they do say, the sentences of its release that speak of it ("within
// six months of the entry into force …") and its signing. ok is false for
// other fields, which have answers of their own.
func (a *answerer) fieldUnknown(p *query, ag *knowledge.Agreement) (Reply, bool) {
	if !reWhen.MatchString(p.folded) {
		return Reply{}, false // "what was signed at the end of the meeting?"
	}
	var what string
	var words []string // the field's terms in a sentence
	switch p.field {
	case "force":
		what, words = "enters into force", lang.Terms("force effect effective")
	case "expire":
		what, words = "expires or ends", lang.Terms("expire expiry valid until")
	default:
		return Reply{}, false
	}
	r := a.notFound(p, fmt.Sprintf("The releases don't say when the %s %s.", ag.Name, what))
	r.Intent = IntentAgreements
	src := a.newSources()
	for _, s := range a.b.Docs[ag.Doc].Sentences {
		if len(r.Details) == 2 {
			break
		}
		if slices.ContainsFunc(a.sentTerms(s), func(t string) bool { return slices.Contains(words, t) }) {
			r.Details = append(r.Details, "The release says: "+a.b.Sentences[s].Text)
			src.add(s)
		}
	}
	if signed, ok := a.agreementField(ag, "sign", index.Hit{}); ok {
		r.Details = append(r.Details, strings.Replace(signed.Summary, "The "+ag.Name, "It", 1))
		src.add(ag.SignedEvidence)
	}
	r.Sources = src.out
	a.rememberAgreement(ag.ID)
	return r, true
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

func (a *answerer) agreements(p *query) Reply {
	if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
		return r
	}
	signed := personIDs(p.people) // a list's signatories
	if !p.command && !reAgreeList.MatchString(p.folded) {
		// "what did Konovalov sign?": what the releases say he signed, or
		// that they report nothing, not some other agreement
		var signers []*knowledge.Person
		if p.field == "sign" {
			signers = a.subjects(p)
		}
		signed = personIDs(signers)
		anchored, h, ok := a.anchorFieldAgreement(p)
		if len(signers) > 0 {
			if _, total := a.b.AgreementsMatching(nil, signed, nil, "", 0); total == 0 && !(ok && unsignedIn(anchored, signers)) {
				var nm []string
				for _, q := range signers {
					nm = append(nm, q.Name)
				}
				r := a.notFound(p, fmt.Sprintf("The releases report no agreement signed by %s.", joinAnd(nm)))
				r.Suggestions = append(r.Suggestions, Suggestion{Label: "Meetings of " + signers[0].Name, Query: "/who-met " + signers[0].Name})
				a.rememberPeople(signed) // "who did he meet?" goes on about them
				return r
			}
		}
		if p.field == "sign" && len(signers) == 0 && len(p.countries) > 0 && !(ok && len(anchored.Parties) == 0) {
			// "what did Finland and Estonia sign?": agreements between them
			if _, total := a.b.AgreementsMatching(p.countries, nil, years(p.folded), "", 0); total == 0 {
				return a.notFound(p, fmt.Sprintf("The releases report no agreement with %s as parties.", joinAnd(p.countries)))
			}
		}
		if ag := anchored; ok && (signedByAll(ag, signed) || unsignedIn(ag, signers)) {
			if p.field != "" {
				if r, ok := a.agreementField(ag, p.field, h); ok {
					return r
				}
				if r, ok := a.fieldUnknown(p, ag); ok {
					return r
				}
			}
			return a.describeAgreementsIn(h.Sentence, ag)
		}
		if len(signers) == 0 {
			return a.search(p)
		}
		// else the list of what they signed
	}
	status, ys := statusAsked(p.folded), years(p.folded)
	out, total := a.b.AgreementsMatching(p.countries, signed, ys, status, maxListed)
	reported := false
	if total == 0 && status != "" && len(ys) > 0 {
		// "terminated in 2023": the release reporting it is of that year
		out, total = a.reportedIn(p.countries, signed, ys, status)
		reported = true
	}
	if total == 0 {
		if status != "" {
			return a.notFound(p, "I found no "+status+" agreements matching that in the releases.")
		}
		return a.notFound(p, "I found no agreements matching that in the releases.")
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
	r := Reply{Found: true, Intent: IntentAgreements, anchored: true, anchor: s}
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
	a.rememberAgreement(first.ID)
	return r
}

// unsignedBy answers a question about when people signed an agreement
// ("when did Lepik sign the police cooperation agreement?") that the
// releases do not report them signing: not found, with what they do say
// of its signing. ok is false for other questions, and when every person
// the question names signed it.
func (a *answerer) unsignedBy(p *query, ag *knowledge.Agreement) (Reply, bool) {
	if p.field != "sign" || len(p.people) == 0 || signedByAll(ag, personIDs(p.people)) {
		return Reply{}, false
	}
	var nm []string
	for _, q := range p.people {
		nm = append(nm, q.Name)
	}
	r := a.notFound(p, fmt.Sprintf("The releases don't report %s signing the %s.", joinAnd(nm), ag.Name))
	r.final = true
	if signed, ok := a.agreementField(ag, "sign", index.Hit{}); ok {
		r.Details = append(r.Details, signed.Summary)
		r.Details = append(r.Details, signed.Details...)
		r.Sources = signed.Sources
	}
	a.rememberAgreement(ag.ID)
	return r, true
}

// maxAgreementScope bounds how many releases of the agreements a question
// names are ranked to find the sentence about them (findAgreement).
const maxAgreementScope = 64
