package knowledge

import (
	"regexp"
	"strings"
)

// Meeting is a meeting, visit or talks that a release reports.
type Meeting struct {
	ID  int `json:"id"`
	Doc int `json:"doc"`
	// Name is the format or body that met, when stated ("Finland-Norway-Russia
	// group on law enforcement cooperation").
	Name string `json:"name,omitempty"`
	// Participants are the people named as taking part.
	Participants []int `json:"participants"`
	// Countries are the countries taking part or named in the report.
	Countries []string `json:"countries,omitempty"`
	// Places are where it was held, first the main place.
	Places []Place `json:"places,omitempty"`
	// Date is when it was held; zero when the release does not say.
	Date Date `json:"date"`
	// DateEvidence is the sentence the date was read from, -1 when none.
	DateEvidence int `json:"date_evidence"`
	// Topics are vocabulary topics matched in the report.
	Topics []TopicHit `json:"topics,omitempty"`
	// Discussed are sentences that say what was discussed.
	Discussed []int `json:"discussed,omitempty"`
	// Outcomes are sentences that report results: signed, adopted, handed over.
	Outcomes []int `json:"outcomes,omitempty"`
	// Anchor is the sentence that first reports the meeting.
	Anchor int `json:"anchor"`
	// Sentences are all sentences of the release that report on it.
	Sentences []int `json:"sentences"`
}

// Place is where something happened.
type Place struct {
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Evidence int    `json:"evidence"`
}

// TopicHit is a vocabulary topic found in a sentence.
type TopicHit struct {
	Name     string `json:"name"`
	Evidence int    `json:"evidence"`
}

// Agreement is an agreement, memorandum, protocol or treaty a release names.
type Agreement struct {
	ID   int    `json:"id"`
	Doc  int    `json:"doc"`
	Name string `json:"name"`
	// Parties are the countries or bodies the agreement is between.
	Parties []string `json:"parties,omitempty"`
	// Signatories are the people who signed it.
	Signatories []int `json:"signatories,omitempty"`
	// Signed is when it was signed or concluded; SignedVerb says which
	// ("signed", "concluded", "dating back to").
	Signed     Date   `json:"signed"`
	SignedVerb string `json:"signed_verb,omitempty"`
	// SignedEvidence is the sentence the signing date was read from, -1 when none.
	SignedEvidence int `json:"signed_evidence"`
	// SignedInferred is true when the date is the meeting's at which it was signed.
	SignedInferred bool `json:"signed_inferred,omitempty"`
	// SignedReported is true when the release gives no date of signing and
	// Signed is the release's own date.
	SignedReported bool `json:"signed_reported,omitempty"`
	// Place is where it was signed.
	Place string `json:"place,omitempty"`
	// Status is "in force", "terminated" or "".
	Status string `json:"status,omitempty"`
	// Expires is when it expires or expired.
	Expires         Date `json:"expires"`
	ExpiresEvidence int  `json:"expires_evidence"`
	// InForce is when it enters (or entered) into force.
	InForce         Date `json:"in_force"`
	InForceEvidence int  `json:"in_force_evidence"`
	// Initiator is who initiated a change (such as the termination).
	Initiator         string `json:"initiator,omitempty"`
	InitiatorEvidence int    `json:"initiator_evidence"`
	// Sentences are the sentences that report on it.
	Sentences []int `json:"sentences"`
}

var (
	reSignVerb       = newLitRe(`(?i)\b(signed|signing|concluded|entered into|dating back to|dates back to|adopted|ratified)\b`, "signed", "signing", "concluded", "entered into", "dating back to", "dates back to", "adopted", "ratified")
	reExpire         = newLitRe(`(?i)\b(expire|expires|expired|expiry|valid until|remain in force until|in force until)\b`, "expir", "valid until", "remain in force until", "in force until")
	reTerminate      = newLitRe(`(?i)\b(terminat\w*|denounc\w*|withdr[ae]w\w* from|cancel\w*|suspend\w*)`, "terminat", "denounc", "withdr", "cancel", "suspend")
	reInForce        = newLitRe(`(?i)\b(in force|entered into force)\b`, "in force", "entered into force")
	reEntryIntoForce = newLitRe(`(?i)\b(enters?|entered|entering|come|comes|came|coming|took|takes|take|will take) (in)?to (force|effect)\b|\bentry into force\b|\beffective (from|as of)\b`,
		"into force", "to force", "effect", "entry into force")
	reNextMeeting   = newLitRe(`(?i)\b(next|upcoming|forthcoming|following) (meeting|session|round|talks|summit|consultations)\b|\bwill (be held|take place)\b`, "next", "upcoming", "forthcoming", "following", "will be held", "will take place")
	reInitiator     = newLitRe(`(?i)\b(initiat\w*|initiative)\b`, "initiat")
	reOutcome       = newLitRe(`(?i)\b(signed|adopted|handed over|hand over|agreed|approved|launched|established|set up|concluded|decided)\b`, "signed", "adopted", "handed over", "hand over", "agreed", "approved", "launched", "established", "set up", "concluded", "decided")
	reDiscussed     = newLitRe(`(?i)\b(discuss\w*|agenda|addressed|focus\w*|emphasis|topics?|raised|reviewed|exchanged views|considered|briefed|talked about|talks (on|about|concerned|covered)|consultations on|dealt with|issues|concentrated on)\b`, "discuss", "agenda", "addressed", "focus", "emphasis", "topic", "raised", "reviewed", "exchanged views", "considered", "briefed", "talked about", "talks", "consultations on", "dealt with", "issues", "concentrated on")
	reAnaphor       = newLitRe(`(?i)\b(the|this|that|their|its) (meeting|talks|visit|session|event|summit|consultations|negotiations)\b|\balso (attended|met|meet)\b|\b(were|was) continued\b|\bthe (ministers|parties|participants|officials|delegations|sides)\b`, "meeting", "talks", "visit", "session", "event", "summit", "consultations", "negotiations", "attended", "met", "meet", "continued", "ministers", "parties", "participants", "officials", "delegations", "sides")
	reDateBlockPrep = regexp.MustCompile(`(?i)(since|until|till|before|back to|from|by|of)\s*$`)
	reNumberWord    = newLitRe(`\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|half|double|twice)\b`,
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "dozen", "half", "double", "twice")
	reDayAfter = newLitRe(`(?i)\b(the following day|the next day|a day later|the day after|the day before|the previous day)\b`,
		"the following day", "the next day", "a day later", "the day after", "the day before", "the previous day")
	reSignedPast = newLitRe(`(?i)\b(signed|concluded)\b`, "signed", "concluded")
)

// bodyHeads head the name of a body that meets.
var bodyHeads = wordSet(`group committee commission council force forum board working-group`)

// meetingName reads the name of the body that met, if the sentence has one.
func meetingName(s string) string { return meetingNameToks(s, tokenize(s)) }

func meetingNameToks(s string, ts []tok) string {
	for i, t := range ts {
		f := t.fold()
		if !t.word || !bodyHeads[f] {
			continue
		}
		if f == "force" && (i == 0 || ts[i-1].fold() != "task") {
			continue
		}
		// left modifiers
		l := i
		for l > 0 && l > i-6 {
			p := ts[l-1]
			pf := p.fold()
			if pf == "and" && l >= 2 && ts[l-2].word && isCapitalized(ts[l-2].text) && isCapitalized(ts[l].text) {
				l-- // "the Finnish and Russian crime prevention committee"
				continue
			}
			if !p.word || sentenceWords[pf] && !isCapitalized(p.text) || stopWords[pf] || strings.HasSuffix(pf, "ed") && !isCapitalized(p.text) {
				break
			}
			if pf == "the" || pf == "a" || pf == "an" {
				break
			}
			l--
		}
		// right: "on/for/of ... " up to a verb or punctuation
		r := i + 1
		if r < len(ts) && ts[r].word {
			switch ts[r].fold() {
			case "on", "for", "of", "between":
				for r < len(ts) && r < i+14 && ts[r].word {
					rf := ts[r].fold()
					if nameStop[rf] || (rf == "in" && r+1 < len(ts) && isCapitalized(ts[r+1].text)) {
						break
					}
					r++
				}
			}
		}
		if i+1 < len(ts) && officeHeads[ts[i+1].fold()] {
			continue // "Investigative Committee Chairman": part of an office
		}
		// a parenthetical acronym: "(BSTF)"
		if r+2 < len(ts) && ts[r].text == "(" && isAcronym(ts[r+1].text) && ts[r+2].text == ")" {
			r += 3
		}
		name := joinToks(s, trimConnectors(ts[l:r]))
		if len(strings.Fields(name)) >= 2 {
			return name
		}
	}
	return ""
}

var nameStop = wordSet(`meets took was were is are has have had will would met meet meets convened held began begun
which that who where when with at by to has opened chaired hosted discussed under during`)

// findPlaces returns the places a sentence says something happened in:
// "in Helsinki", "in the city of Vantaa", "in Latvia's capital, Riga",
// "in Kirkenes, Norway"; countries only as a last resort.
func findPlaces(s string, visit bool) []Place { return findPlacesToks(s, tokenize(s), visit) }

func findPlacesToks(s string, ts []tok, visit bool) []Place {
	var cities, countries []Place
	for i := 0; i < len(ts); i++ {
		f := ts[i].fold()
		if f != "in" && !(visit && f == "to" && i > 0 && (strings.HasPrefix(ts[i-1].fold(), "visit") || ts[i-1].fold() == "trip")) {
			continue
		}
		j := i + 1
		// "in the city of X"
		if j+3 < len(ts) && ts[j].fold() == "the" && (ts[j+1].fold() == "city" || ts[j+1].fold() == "town" || ts[j+1].fold() == "village" || ts[j+1].fold() == "municipality") && ts[j+2].fold() == "of" {
			j += 3
		}
		// "in Latvia's capital, Riga"
		if j+3 < len(ts) && strings.HasSuffix(ts[j].fold(), "'s") && ts[j+1].fold() == "capital" && ts[j+2].text == "," {
			j += 3
		}
		name, k := placeRun(s, ts, j)
		if name == "" {
			continue
		}
		country := ""
		if k+1 < len(ts) && ts[k].text == "," {
			country = CountryOf(ts[k+1].text)
		}
		if c := CountryOf(name); c != "" {
			if _, adj := demonymCountry[Fold(name)]; adj && Fold(name) != Fold(c) {
				continue // "in Finnish prisons"
			}
			if f == "in" || visit {
				countries = append(countries, Place{Name: c, Country: c})
			}
			continue
		}
		if c := foldedCities[Fold(name)]; c != "" {
			country = c
		}
		cities = append(cities, Place{Name: name, Country: country})
		i = k - 1
	}
	if len(cities) > 0 {
		return cities
	}
	return countries
}

// placeRun reads a capitalised place name at token j: "Helsinki",
// "St. Petersburg", "Kirkenes". It returns "" for organisations, months,
// and anything after "the".
func placeRun(s string, ts []tok, j int) (string, int) {
	if j >= len(ts) || !ts[j].word || !isCapitalized(ts[j].text) {
		return "", j
	}
	if k := j + 2; k < len(ts) && ts[j+1].text == "." && isCity(ts[j].text+". "+ts[k].text) {
		return joinToks(s, ts[j:k+1]), k + 1
	}
	if j+1 < len(ts) && isCity(ts[j].text+" "+ts[j+1].text) {
		return joinToks(s, ts[j:j+2]), j + 2
	}
	if isCity(ts[j].text) {
		return ts[j].text, j + 1
	}
	k := j
	for k < len(ts) && k < j+3 {
		t := ts[k]
		if t.word && isCapitalized(t.text) {
			f := t.fold()
			if _, isMonth := months[f]; isMonth || orgWords[f] || officeHeads[f] || sentenceWords[f] && f != "st" {
				break
			}
			k++
			continue
		}
		if t.text == "." && k > j && (ts[k-1].fold() == "st") {
			k++
			continue
		}
		break
	}
	if k == j {
		return "", j
	}
	name := joinToks(s, ts[j:k])
	if strings.HasSuffix(Fold(name), "'s") {
		return "", j
	}
	return name, k
}

// PlaceKey is the folded form under which places are compared:
// "St. Petersburg" and "Saint Petersburg" share "st petersburg".
func PlaceKey(name string) string {
	f := Fold(name)
	f = strings.ReplaceAll(f, ".", "")
	f = strings.TrimPrefix(f, "saint ")
	f = strings.ReplaceAll(f, "saint ", "st ")
	if strings.HasPrefix(f, "petersburg") {
		f = "st " + f
	}
	return collapseSpace(f)
}

// usableDate picks the first date of a sentence that can date an event:
// not a "since 2014" or "until 13 December" reference. It returns its
// index in ds, or -1.
func usableDate(s string, ds []dateMention) int {
	best := -1
	for i, d := range ds {
		if blockedBefore(s[:d.pos]) {
			continue
		}
		if best < 0 || (ds[best].Day == 0 && d.Day != 0) {
			best = i
			if d.Day != 0 {
				break
			}
		}
	}
	return best
}

// dateBlockWords are reDateBlockPrep's words.
var dateBlockWords = []string{"since", "until", "till", "before", "back to", "from", "by", "of"}

// blockedBefore reports whether reDateBlockPrep matches s: s ends, but for
// white space, with one of its words (which need no word boundary before).
func blockedBefore(s string) bool {
	t := strings.TrimRight(s, " \t\n\f\r")
	if hasFoldRunes(t) {
		return reDateBlockPrep.MatchString(s)
	}
	for _, w := range dateBlockWords {
		if len(t) >= len(w) && hasPrefixFoldASCII(t[len(t)-len(w):], w) {
			return true
		}
	}
	return false
}

// agreementMention is an agreement named in a sentence.
type agreementMention struct {
	name     string
	bare     bool // "the agreement": refers back
	pos, end int
}

var agreementLeftStop = wordSet(`the a an another any this that these those its their our his her and or of to in on by with for
signed concluded existing new two three both between under within`)

// findAgreements returns the agreements a sentence names.
func findAgreements(s string) []agreementMention {
	return findAgreementsToks(s, tokenize(s), reSignVerb.MatchString(s))
}

// findAgreementsToks is findAgreements on the sentence's tokens; signVerb
// is whether reSignVerb matches s.
func findAgreementsToks(s string, ts []tok, signVerb bool) []agreementMention {
	var out []agreementMention
	for i, t := range ts {
		f := t.fold()
		if !t.word || !agreementNouns[f] {
			continue
		}
		if (f == "plan" || f == "plans") && !signVerb {
			continue
		}
		if f == "protocol" && i+1 < len(ts) && strings.HasPrefix(ts[i+1].fold(), "meeting") {
			continue // "protocol meeting" is a meeting
		}
		l := i
		for l > 0 && l > i-4 {
			p := ts[l-1]
			pf := p.fold()
			if !p.word || agreementLeftStop[pf] || stopWords[pf] || !isCapitalized(p.text) && (strings.HasSuffix(pf, "ed") || strings.HasSuffix(pf, "es") || strings.HasSuffix(pf, "ing") || strings.HasSuffix(pf, "ate")) {
				break
			}
			l--
		}
		r := i + 1
		if r < len(ts) && ts[r].word {
			switch ts[r].fold() {
			case "on", "of", "between", "concerning", "regarding", "for":
				for r < len(ts) && r < i+16 && (ts[r].word || ts[r].text == "-") {
					rf := ts[r].fold()
					if agreementRightStop[rf] || (rf == "in" && r+1 < len(ts) && (isDigits(ts[r+1].text) || isCapitalized(ts[r+1].text))) {
						break
					}
					r++
				}
			}
		}
		phrase := trimConnectors(ts[l:r])
		name := joinToks(s, phrase)
		bare := l == i && r == i+1
		if bare {
			det := ""
			if i > 0 {
				det = ts[i-1].fold()
			}
			signedNext := i+1 < len(ts) && reSignVerb.MatchString(ts[i+1].text)
			if det != "the" && det != "this" && det != "that" && det != "said" && !signedNext {
				continue // "another agreement": nothing to say of it
			}
			bare = !signedNext
		}
		out = append(out, agreementMention{name: name, bare: bare, pos: t.start, end: ts[r-1].end})
	}
	return out
}

var agreementRightStop = wordSet(`signed concluded was were is are has have had will would dating dates which that who
set made expire expires entered came took by with citing according focused aimed under to`)

// agreementKey compares agreement names within a release: "cross-border
// cooperation deal" and "cross-border cooperation agreement" are one.
func agreementKey(name string) string {
	var ks []string
	for _, t := range Terms(name) {
		switch t {
		case "agree", "deal", "accord", "arrange", "treaty":
			continue
		}
		ks = append(ks, t)
	}
	return strings.Join(ks, " ")
}
