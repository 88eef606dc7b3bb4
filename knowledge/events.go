package knowledge

import (
	"liaison/internal/ascii"
	"liaison/internal/quickre"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
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
	Date dates.Date `json:"date"`
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
	Signed     dates.Date `json:"signed"`
	SignedVerb string     `json:"signed_verb,omitempty"`
	// SignedEvidence is the sentence the signing date was read from, -1 when none.
	SignedEvidence int `json:"signed_evidence"`
	// SignedInferred is true when the date is the meeting's at which it was signed.
	SignedInferred bool `json:"signed_inferred,omitempty"`
	// SignedReported is true when the release gives no date of signing and
	// Signed is the release's own date.
	SignedReported bool `json:"signed_reported,omitempty"`
	// Place is where it was signed.
	Place string `json:"place,omitempty"`
	// Status is "in force", "terminated", "planned" (to be negotiated or
	// signed), or "" (a signing alone shows in SignedVerb).
	Status string `json:"status,omitempty"`
	// StatusEvidence is the sentence the status was read from, -1 when none.
	StatusEvidence int `json:"status_evidence"`
	// Expires is when it expires or expired.
	Expires         dates.Date `json:"expires"`
	ExpiresEvidence int        `json:"expires_evidence"`
	// InForce is when it enters (or entered) into force.
	InForce         dates.Date `json:"in_force"`
	InForceEvidence int        `json:"in_force_evidence"`
	// Initiator is who initiated a change (such as the termination).
	Initiator         string `json:"initiator,omitempty"`
	InitiatorEvidence int    `json:"initiator_evidence"`
	// Sentences are the sentences that report on it.
	Sentences []int `json:"sentences"`
}

var (
	reInForce        = quickre.MustCompile(`(?i)\b(in force|entered into force)\b`)
	reEntryIntoForce = quickre.MustCompile(`(?i)\b(enters?|entered|entering|come|comes|came|coming|took|takes|take|will take) (in)?to (force|effect)\b|\bentry into force\b|\beffective (from|as of)\b`)
	reNextMeeting    = quickre.MustCompile(`(?i)\b(next|upcoming|forthcoming|following) (meeting|session|round|talks|summit|consultations)\b|\bwill (be held|take place)\b`)
	reDayAfter       = quickre.MustCompile(`(?i)\b(the following day|the next day|a day later|the day after|the day before|the previous day)\b`)
	reSignedPast     = quickre.MustCompile(`(?i)\b(signed|concluded)\b`)
)

// bodyHeads head the name of a body that meets.
var bodyHeads = lang.WordSet(`group committee commission council force forum board working-group`)

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
			if pf == "and" && l >= 2 && ts[l-2].word && lang.IsCapitalized(ts[l-2].text) && lang.IsCapitalized(ts[l].text) {
				l-- // "the Finnish and Russian crime prevention committee"
				continue
			}
			if !p.word || lang.SentenceWords[pf] && !lang.IsCapitalized(p.text) || lang.StopWords[pf] || strings.HasSuffix(pf, "ed") && !lang.IsCapitalized(p.text) {
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
					if nameStop[rf] || (rf == "in" && r+1 < len(ts) && lang.IsCapitalized(ts[r+1].text)) {
						break
					}
					r++
				}
			}
		}
		if i+1 < len(ts) && lang.OfficeHeads[ts[i+1].fold()] {
			continue // "Investigative Committee Chairman": part of an office
		}
		// a parenthetical acronym: "(BSTF)"
		if r+2 < len(ts) && ts[r].text == "(" && lang.IsAcronym(ts[r+1].text) && ts[r+2].text == ")" {
			r += 3
		}
		name := joinToks(s, trimConnectors(ts[l:r]))
		if len(strings.Fields(name)) >= 2 {
			return name
		}
	}
	return ""
}

var nameStop = lang.WordSet(`meets took was were is are has have had will would met meet meets convened held began begun
which that who where when with at by to has opened chaired hosted discussed under during`)

// findPlaces returns the places a sentence says something happened in:
// "in Helsinki", "in the city of Vantaa", "in Latvia's capital, Riga",
// "in Kirkenes, Norway"; countries only as a last resort.
func findPlaces(s string, visit bool) []Place { return findPlacesToks(s, tokenize(s), visit) }

func findPlacesToks(s string, ts []tok, visit bool) []Place {
	var cities, countries []Place
	for i := 0; i < len(ts); i++ {
		f := ts[i].fold()
		// "visiting Riga, Latvia": a known city, or one its country follows
		direct := visit && (f == "visit" || f == "visiting" || f == "visited" || f == "visits") && i+1 < len(ts) && lang.IsCapitalized(ts[i+1].text)
		if f != "in" && !direct && !(visit && f == "to" && i > 0 && (strings.HasPrefix(ts[i-1].fold(), "visit") || ts[i-1].fold() == "trip")) {
			continue
		}
		if direct {
			name, k := placeRun(s, ts, i+1)
			if name == "" || lang.CountryOf(name) != "" || lang.FoldedCities[lang.Fold(name)] == "" && !(k+1 < len(ts) && ts[k].text == "," && lang.CountryOf(ts[k+1].text) != "") {
				continue
			}
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
		// "in Mamonovo-Gzehotka car check point", "in the Finlandia Hall":
		// a facility or venue, not the city
		if k < len(ts) && ts[k].word && venueNouns[ts[k].fold()] || venueNouns[lang.Fold(name[strings.LastIndexByte(name, ' ')+1:])] {
			continue
		}
		country := ""
		if k+1 < len(ts) && ts[k].text == "," {
			country = lang.CountryOf(ts[k+1].text)
		}
		if c := lang.CountryOf(name); c != "" {
			if _, adj := lang.DemonymCountry[lang.Fold(name)]; adj && lang.Fold(name) != lang.Fold(c) {
				continue // "in Finnish prisons"
			}
			if f == "in" || visit {
				countries = append(countries, Place{Name: c, Country: c})
			}
			continue
		}
		if c := lang.FoldedCities[lang.Fold(name)]; c != "" {
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

// venueNouns name a facility or venue: after a place name ("Narva border
// crossing point") or ending one ("Finlandia Hall") they show it is not
// the city.
var venueNouns = lang.WordSet(`car check checkpoint crossing border port airport station terminal hall hotel palace manor castle
museum arena prison camp building house`)

// placeRun reads a capitalised place name at token j: "Helsinki",
// "St. Petersburg", "Kirkenes". It returns "" for organisations, months,
// and anything after "the".
func placeRun(s string, ts []tok, j int) (string, int) {
	if j >= len(ts) || !ts[j].word || !lang.IsCapitalized(ts[j].text) {
		return "", j
	}
	if k := j + 2; k < len(ts) && ts[j+1].text == "." && lang.IsCity(ts[j].text+". "+ts[k].text) {
		return joinToks(s, ts[j:k+1]), k + 1
	}
	if j+1 < len(ts) && lang.IsCity(ts[j].text+" "+ts[j+1].text) {
		return joinToks(s, ts[j:j+2]), j + 2
	}
	if lang.IsCity(ts[j].text) {
		return ts[j].text, j + 1
	}
	k := j
	for k < len(ts) && k < j+3 {
		t := ts[k]
		if t.word && lang.IsCapitalized(t.text) {
			f := t.fold()
			if dates.MonthNumber(f) != 0 || lang.OrgWords[f] || lang.OfficeHeads[f] || lang.SentenceWords[f] && f != "st" {
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
	if strings.HasSuffix(lang.Fold(name), "'s") {
		return "", j
	}
	return name, k
}

// PlaceKey is the folded form under which places are compared:
// "St. Petersburg" and "Saint Petersburg" share "st petersburg".
func PlaceKey(name string) string {
	f := lang.Fold(name)
	f = strings.ReplaceAll(f, ".", "")
	f = strings.TrimPrefix(f, "saint ")
	f = strings.ReplaceAll(f, "saint ", "st ")
	if strings.HasPrefix(f, "petersburg") {
		f = "st " + f
	}
	return lang.CollapseSpace(f)
}

// usableDate picks the first date of a sentence that can date an event:
// not a "since 2014" or "until 13 December" reference. It returns its
// index in ds, or -1.
func usableDate(s string, ds []dates.Mention) int {
	best := -1
	for i, d := range ds {
		if blockedBefore(s[:d.Pos]) {
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

// dateBlockWords are the words that, right before a date, make it no
// date of an event ("since 2015", "back to 1993"), and reDateBlockPrep
// the regexp of a text that ends with one (the definition blockedBefore
// answers, and what it runs on text holding runes (?i) folds to ASCII
// letters).
var (
	dateBlockWords  = []string{"since", "until", "till", "before", "back to", "from", "by", "of"}
	reDateBlockPrep = regexp.MustCompile(`(?i)(` + strings.Join(dateBlockWords, "|") + `)\s*$`)
)

// blockedBefore reports whether reDateBlockPrep matches s: s ends, but for
// white space, with one of its words (which need no word boundary before).
func blockedBefore(s string) bool {
	t := strings.TrimRight(s, " \t\n\f\r")
	if ascii.HasFoldRunes(t) {
		return reDateBlockPrep.MatchString(s)
	}
	for _, w := range dateBlockWords {
		if len(t) >= len(w) && ascii.HasPrefixFold(t[len(t)-len(w):], w) {
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
	// parties the mention itself names: "Estonian-Russian border
	// treaty", "between Russia and Europol", "agreement with Belarus"
	parties []string
}

var agreementLeftStop = lang.WordSet(`the a an another any this that these those its their our his her and or of to in on by with for
signed concluded existing new two three both between under within`)

// findAgreements returns the agreements a sentence names.
func findAgreements(s string) []agreementMention {
	return findAgreementsToks(s, tokenize(s), lang.ReSignVerb.MatchString(s))
}

// quantifiers make a plural agreement noun a collective ("eight
// agreements, including ...", "several inter-agency agreements"), not an
// agreement of its own.
var quantifiers = lang.WordSet(`two three four five six seven eight nine ten eleven twelve several various numerous many some
few dozen dozens number series package set range all both`)

// findAgreementsToks is findAgreements on the sentence's tokens; signVerb
// is whether reSignVerb matches s.
func findAgreementsToks(s string, ts []tok, signVerb bool) []agreementMention {
	var out []agreementMention
	for i, t := range ts {
		f := t.fold()
		if !t.word || !lang.AgreementNouns[f] {
			continue
		}
		if (f == "plan" || f == "plans") && !signVerb {
			continue
		}
		if f == "protocol" && i+1 < len(ts) && strings.HasPrefix(ts[i+1].fold(), "meeting") {
			continue // "protocol meeting" is a meeting
		}
		if notAnAgreement(ts, i) {
			continue
		}
		l := i
		for l > 0 && l > i-4 {
			p := ts[l-1]
			pf := p.fold()
			if !p.word || agreementLeftStop[pf] || lang.StopWords[pf] || quantifiers[pf] || lang.IsDigits(pf) || !lang.IsCapitalized(p.text) && (strings.HasSuffix(pf, "ed") || strings.HasSuffix(pf, "es") || strings.HasSuffix(pf, "ing") || strings.HasSuffix(pf, "ate")) {
				break
			}
			l--
		}
		r := i + 1
		if r < len(ts) && ts[r].word {
			switch ts[r].fold() {
			case "on", "of", "between", "concerning", "regarding", "for":
				inBetween := false // "between A and B": the "and" joins the parties
				for r < len(ts) && r < i+28 && (ts[r].word || ts[r].text == "-" || isQuote(ts[r].text) || ts[r].text == "(" || ts[r].text == ")") {
					rf := ts[r].fold()
					if rf == "between" {
						inBetween = true
					} else if betweenEnds[rf] {
						inBetween = false
					}
					if !inBetween && (rf == "and" || rf == "or") && r+1 < len(ts) && (ts[r+1].fold() == "a" || ts[r+1].fold() == "an" || ts[r+1].fold() == "the" || lang.AgreementNouns[ts[r+1].fold()]) {
						break // "a memorandum on X and a protocol on Y"
					}
					if agreementRightStop[rf] || (rf == "in" || rf == "on") && r+1 < len(ts) && (r > i+1 && datedOrPlaced(ts[r+1]) || dated(ts[r+1])) {
						break // "approved the agreement on 17 May 2024"
					}
					r++
				}
			}
		}
		for r > i+1 && (isQuote(ts[r-1].text) && !closesQuote(ts, i+1, r-1) || ts[r-1].text == "(") {
			r--
		}
		// "between A and B on X": A and B are parties, X is the name
		var parties []string
		nameToks := ts[l:r]
		name := ""
		if b := indexFold(ts, i+1, r, "between"); b >= 0 {
			e := b + 1
			for e < r && !betweenEnds[ts[e].fold()] {
				e++
			}
			parties = partiesIn(s[ts[b].end:ts[e-1].end])
			if len(parties) > 0 {
				head := trimConnectors(ts[l:b])
				name = joinToks(s, head)
				// the rest keeps its "on" and a closing quote
				tail := ts[e:r]
				for len(tail) > 0 && (lang.Connectors[tail[len(tail)-1].fold()] || !tail[len(tail)-1].word && !isQuote(tail[len(tail)-1].text) && tail[len(tail)-1].text != ")") {
					tail = tail[:len(tail)-1]
				}
				if len(tail) > 1 {
					name += " " + joinToks(s, tail)
				}
				nameToks = nil
			}
		}
		if nameToks != nil {
			name = joinToks(s, trimConnectors(nameToks))
		}
		if name == "" {
			continue
		}
		// the name's own countries: "Estonian-Russian border treaty"
		for _, c := range partiesIn(joinToks(s, ts[l:r])) {
			parties = appendUniqueStr(parties, c)
		}
		// "agreement with Belarus", "agreement signed with Russia in 2012"
		w := r
		if w < len(ts) && (ts[w].fold() == "signed" || ts[w].fold() == "concluded") {
			w++
		}
		if w+1 < len(ts) && ts[w].fold() == "with" {
			e := w + 1
			for e < len(ts) && e < w+9 && (ts[e].word || ts[e].text == "-") && !agreementRightStop[ts[e].fold()] && !(ts[e].fold() == "in" && e+1 < len(ts) && datedOrPlaced(ts[e+1])) {
				e++
			}
			if e > w+1 {
				for _, c := range partiesIn(s[ts[w].end:ts[e-1].end]) {
					parties = appendUniqueStr(parties, c)
				}
			}
		}
		bare := l == i && r == i+1
		if bare {
			det := ""
			if i > 0 {
				det = ts[i-1].fold()
			}
			switch det {
			case "new", "existing", "current", "old", "former", "same", "said":
				// "the new agreement"
				if i > 1 {
					det = ts[i-2].fold()
				}
			}
			signedNext := i+1 < len(ts) && lang.ReSignVerb.MatchString(ts[i+1].text)
			if det != "the" && det != "this" && det != "that" && det != "said" && !signedNext && !(det == "an" && len(parties) > 0) && !basedOnAn(ts, i) {
				continue // "another agreement": nothing to say of it
			}
			bare = !signedNext && det != "an"
		}
		out = append(out, agreementMention{name: name, bare: bare, pos: t.start, end: ts[r-1].end, parties: parties})
	}
	return out
}

// betweenEnds end the parties after "between" in an agreement's name.
var betweenEnds = lang.WordSet(`on concerning regarding about for in`)

// basedOnAn reports "is based on an agreement", "under an agreement": an
// agreement the sentence says something of, though it gives no name.
func basedOnAn(ts []tok, i int) bool {
	if i < 2 || ts[i-1].fold() != "an" {
		return false
	}
	switch ts[i-2].fold() {
	case "on", "under", "by":
		return true
	}
	return false
}

// notAnAgreement reports an agreement noun at i that names no document:
// a verb ("to jointly deal with", "plans to"), a consensus ("reached
// agreement on", "ended without an agreement", "no agreement"), or a
// collective ("eight agreements, including ...", "a number of bilateral
// agreements").
func notAnAgreement(ts []tok, i int) bool {
	f := ts[i].fold()
	prev := func(k int) string {
		if i-k >= 0 && ts[i-k].word {
			return ts[i-k].fold()
		}
		return ""
	}
	switch f {
	case "deal":
		if p := prev(1); p == "to" || strings.HasSuffix(p, "ly") || i+1 < len(ts) && ts[i+1].fold() == "with" && !agreementLeftStop[p] {
			return true
		}
	case "agreement":
		p1, p2 := prev(1), prev(2)
		if p1 == "without" || p1 == "no" || p2 == "without" || p2 == "no" || p1 == "in" || p1 == "by" || p1 == "mutual" && p2 == "by" {
			return true
		}
		if strings.HasPrefix(p1, "reach") || (p1 == "an" || p1 == "any" || p1 == "the") && strings.HasPrefix(p2, "reach") {
			return true
		}
		if i+2 < len(ts) && (ts[i+1].fold() == "was" || ts[i+1].fold() == "has") && (ts[i+2].fold() == "reached" || ts[i+2].fold() == "achieved") {
			return true
		}
	}
	if strings.HasSuffix(f, "s") && i+1 < len(ts) && (ts[i+1].text == "–" || ts[i+1].text == "—" || ts[i+1].text == ":" ||
		ts[i+1].text == "," && i+2 < len(ts) && ts[i+2].fold() == "including") {
		return true // "the existing bilateral agreements – the X and the Y": the list names them
	}
	if strings.HasSuffix(f, "s") {
		// a quantified plural: "eight agreements", "a number of
		// bilateral agreements", "several inter-agency agreements"
		for k := 1; k <= 4 && i-k >= 0; k++ {
			p := ts[i-k]
			if !p.word {
				break
			}
			pf := p.fold()
			if quantifiers[pf] || lang.IsDigits(pf) {
				return true
			}
			if pf == "the" || pf == "these" || pf == "those" || lang.AgreementNouns[pf] {
				break
			}
		}
	}
	return false
}

// isQuote reports a quotation mark token.
func isQuote(t string) bool {
	switch t {
	case "\"", "“", "”", "«", "»", "„":
		return true
	}
	return false
}

// closesQuote reports whether the quote at k closes one opened in
// ts[from:k].
func closesQuote(ts []tok, from, k int) bool {
	n := 0
	for j := from; j < k; j++ {
		if isQuote(ts[j].text) {
			n++
		}
	}
	return n%2 == 1
}

// dated reports a token that starts a date: a number, a month or a
// weekday.
func dated(t tok) bool {
	f := t.fold()
	return t.word && (lang.IsDigits(f) || dates.MonthNumber(f) != 0 || dates.IsWeekdayName(f))
}

// datedOrPlaced reports a token that starts a date or a place after "in"
// or "on": a number, a month, a weekday or a capitalised word.
func datedOrPlaced(t tok) bool {
	return dated(t) || t.word && lang.IsCapitalized(t.text)
}

// indexFold returns the index of the first token in ts[from:to] whose
// folded text is w, or -1.
func indexFold(ts []tok, from, to int, w string) int {
	for k := from; k < to; k++ {
		if ts[k].fold() == w {
			return k
		}
	}
	return -1
}

// partyBodies are international bodies that can be a party to an
// agreement where no country stands for them, by folded name.
var partyBodies = map[string]string{
	"europol": "Europol", "interpol": "Interpol", "frontex": "Frontex", "eurojust": "Eurojust", "eu": "EU",
	"european union": "EU", "nato": "NATO", "osce": "OSCE", "cbss": "CBSS", "united nations": "UN",
}

// partiesIn returns the countries and international bodies a phrase
// names, in order, reading the parts of hyphenated words
// ("Finland-Norway-Russia", "Lithuanian-Belarusian", "Russia-Europol").
func partiesIn(s string) []string {
	var out []string
	var ws []string
	for _, w := range lang.Words(s) {
		if strings.ContainsAny(w, "-‑") && lang.CountryOf(w) == "" {
			ws = append(ws, strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‑' })...)
			continue
		}
		ws = append(ws, w)
	}
	for i := 0; i < len(ws); i++ {
		if !lang.IsCapitalized(ws[i]) && !lang.IsAcronym(ws[i]) {
			continue
		}
		found := ""
		n := 1
		for k := 3; k >= 1 && found == ""; k-- {
			if i+k > len(ws) {
				continue
			}
			phrase := strings.Join(ws[i:i+k], " ")
			if c := lang.CountryOf(phrase); c != "" {
				found, n = c, k
			} else if b := partyBodies[lang.Fold(phrase)]; b != "" && (k > 1 || lang.IsAcronym(ws[i]) || lang.IsCapitalized(ws[i])) {
				found, n = b, k
			}
		}
		if found != "" {
			out = appendUniqueStr(out, found)
			i += n - 1
		}
	}
	return out
}

var agreementRightStop = lang.WordSet(`signed concluded was were is are has have had will would dating dates which that who
set made expire expires entered came took by with citing according focused aimed under to enters entering can could
should must may might shall`)

// agreementKey compares agreement names within a release: "cross-border
// cooperation deal" and "cross-border cooperation agreement" are one.
// Countries are left out: they are parties, not the name ("the
// Estonian-Russian border treaty" is "the border treaties").
func agreementKey(name string) string {
	var ks []string
	for _, t := range lang.Terms(name) {
		switch t {
		case "agree", "deal", "accord", "arrange", "treaty":
			continue
		}
		if countryStems[t] {
			continue
		}
		ks = append(ks, t)
	}
	return strings.Join(ks, " ")
}

// countryStems are the index terms of the countries.
var countryStems = func() map[string]bool {
	m := map[string]bool{}
	for c := range lang.CountryForms {
		for _, t := range lang.Terms(c) {
			m[t] = true
		}
	}
	return m
}()

// The kinds of status cue, weakest first.
const (
	cueInForce = iota
	cuePlanned
	cueWithdrawn
	cueTerminated
	numStatusCues
)

// statusCues is what a release says of one agreement's standing: which
// kinds of cue it gives, and the sentence of each.
type statusCues struct {
	has    [numStatusCues]bool
	ev     [numStatusCues]int // the sentence of the last cue of each kind
	finite bool               // its signing is reported ("was signed", "X signed")
}

func (c *statusCues) set(kind, sentence int) { c.has[kind], c.ev[kind] = true, sentence }

// result is status() and the sentence it was read from, or -1.
func (c *statusCues) result() (string, int) {
	switch st := c.status(); st {
	case "terminated":
		if c.has[cueTerminated] {
			return st, c.ev[cueTerminated]
		}
		return st, c.ev[cueWithdrawn]
	case "planned":
		return st, c.ev[cuePlanned]
	case "in force":
		return st, c.ev[cueInForce]
	}
	return "", -1
}

// status is the agreement's status from its cues: terminated over
// everything; a withdrawn signature with talk of signing again is planned,
// without it ended; in force over planned (a plan to amend or replace an
// agreement does not make it planned); else planned, unless the release
// reports its signing; else "" (a signing alone is read from SignedVerb).
func (c *statusCues) status() string {
	switch {
	case c.has[cueTerminated]:
		return "terminated"
	case c.has[cueWithdrawn] && c.has[cuePlanned]:
		return "planned"
	case c.has[cueWithdrawn]:
		return "terminated"
	case c.has[cueInForce]:
		return "in force"
	case c.has[cuePlanned] && !c.finite:
		// (talk of signing an agreement the release reports signed is
		// about that signing: "I am delighted to sign this agreement")
		return "planned"
	}
	return ""
}

// statusCue is a cue found in a sentence: its kind, where it ends, and
// whether it speaks of the agreement named right after it only.
type statusCue struct {
	kind, pos int
	after     bool
}

// statusPhrases are the cues, in lower case. A phrase with after set
// speaks of the agreement named right after it ("is based on the crime
// prevention agreement", "Under the agreement", "will replace a ...").
var statusPhrases = []struct {
	phrase string
	kind   int
	after  bool
}{
	{"terminat", cueTerminated, false}, {"denounc", cueTerminated, false}, {"withdrew from", cueTerminated, false},
	{"withdrawn from", cueTerminated, false}, {"withdraw from", cueTerminated, false}, {"withdraws from", cueTerminated, false},
	{"cancel", cueTerminated, false}, {"suspend", cueTerminated, false}, {"annul", cueTerminated, false},
	{"no longer in force", cueTerminated, false}, {"ceased to be in force", cueTerminated, false}, {"has expired", cueTerminated, false},
	{"withdrew its signature", cueWithdrawn, false}, {"withdrawn its signature", cueWithdrawn, false},
	{"withdraw its signature", cueWithdrawn, false}, {"revoked its signature", cueWithdrawn, false},
	{"withdrew their signature", cueWithdrawn, false},
	{" in force", cueInForce, false}, {"into force", cueInForce, false}, {"into effect", cueInForce, false},
	{"took effect", cueInForce, false}, {"takes effect", cueInForce, false}, {"remains valid", cueInForce, false},
	{"based on", cueInForce, true}, {"under the", cueInForce, true}, {"under an", cueInForce, true},
	{"in accordance with", cueInForce, true}, {"pursuant to", cueInForce, true}, {"existing", cueInForce, true},
	{"implementation of", cueInForce, true}, {"implementing the", cueInForce, true}, {"will replace", cueInForce, true},
	{"current ", cueInForce, true},
	{"negotiat", cuePlanned, false}, {"draft", cuePlanned, false}, {"to sign", cuePlanned, false},
	{"will sign", cuePlanned, false}, {"be signed", cuePlanned, false}, {"signing of", cuePlanned, false},
	{"signature of", cuePlanned, false}, {"to conclude", cuePlanned, false}, {"will conclude", cuePlanned, false},
	{"be concluded", cuePlanned, false}, {"intend", cuePlanned, false}, {"plan to", cuePlanned, false},
	{"plans to", cuePlanned, false}, {"proposed", cuePlanned, false}, {"being prepared", cuePlanned, false},
	{"future agreement", cuePlanned, false},
}

// hypothetical marks a sentence whose cues are not facts ("their
// termination would require the government's approval").
var hypothetical = []string{" would ", " could ", " might ", " if "}

// findStatusCues finds the status cues of a lower-cased sentence.
func findStatusCues(low string) []statusCue {
	var out []statusCue
	hypo := false
	for _, h := range hypothetical {
		hypo = hypo || strings.Contains(low, h)
	}
	reported := strings.Contains(low, "took place") || strings.Contains(low, "was held") || strings.Contains(low, "ceremony")
	for _, p := range statusPhrases {
		for off := 0; ; {
			k := strings.Index(low[off:], p.phrase)
			if k < 0 {
				break
			}
			k += off
			off = k + len(p.phrase)
			if k > 0 && ascii.IsWord(low[k-1]) && p.phrase[0] != ' ' {
				continue // inside a word
			}
			switch {
			case p.kind == cueTerminated && hypo:
				continue
			case p.kind == cuePlanned && (reported || strings.HasSuffix(strings.TrimRight(low[:k], " "), "refuse") ||
				strings.HasSuffix(strings.TrimRight(low[:k], " "), "refused") || strings.HasSuffix(strings.TrimRight(low[:k], " "), "refusing")):
				continue // "the signing of the agreement took place", "refused to sign"
			case p.kind == cueInForce && p.phrase == " in force" && strings.HasSuffix(low[:k], "no longer"):
				continue
			case p.kind == cueInForce && (p.phrase == "implementation of" || p.phrase == "implementing the") && !reportedAsGoingOn(low):
				continue // "responsible for the implementation of the agreement": not that it is in force
			case p.kind == cueInForce && p.phrase == "into force" && strings.HasSuffix(strings.TrimRight(low[:k], " "), "entry") && !ascii.HasDigit(low[k:]):
				continue // "within six months of the entry into force": not yet

			}
			out = append(out, statusCue{kind: p.kind, pos: off, after: p.after})
		}
	}
	return out
}

// mayHoldStatusCue reports whether a sentence that names no agreement
// may still say something of the one named before it ("It entered into
// force in 2005", "Russia then withdrew its signature").
func mayHoldStatusCue(low string) bool {
	return strings.Contains(low, "into force") || strings.Contains(low, "signature")
}

// How a sentence's signing verb reports a signing.
const (
	signingNone       = iota // "the signing of": no signing reported
	signingAdjective         // "the signed plan": signed, at no date the sentence gives
	signingParticiple        // "the agreement signed in 2012": the agreement's, dated or not
	signingFinite            // "a protocol was signed", "the ministers signed": a signing the release reports
)

// signingKind tells how the verb at m reports a signing, given the
// sentence's agreement mentions.
func signingKind(text string, m []int, ms []agreementMention) int {
	verb := strings.ToLower(text[m[0]:m[1]])
	if verb == "signing" {
		return signingNone
	}
	before := strings.TrimRight(text[:m[0]], " ")
	if before == "" {
		return signingParticiple // "Signed back in 1993, the agreement ..."
	}
	j := len(before)
	i := j
	for i > 0 && ascii.IsWord(before[i-1]) {
		i--
	}
	prev := strings.ToLower(before[i:j])
	switch prev {
	case "the", "a", "an", "its", "their", "this", "these", "those", "newly":
		return signingAdjective
	case "was", "were", "been", "be", "is", "are", "has", "have", "had", "being", "also", "jointly", "then":
		return signingFinite
	}
	for _, am := range ms {
		if am.end <= m[0] && strings.TrimRight(text[am.end:m[0]], " ,") == "" {
			return signingParticiple // "the agreement signed in 2012"
		}
	}
	if strings.HasSuffix(before, ",") {
		return signingParticiple // "..., signed by deputies"
	}
	return signingFinite
}

// mentionsTheTwo reports "the two countries", "both governments",
// "bilateral" and the like in a lower-cased sentence.
func mentionsTheTwo(low string) bool {
	for _, p := range []string{"bilateral", "the two countries", "the two governments", "the two states", "the two sides",
		"both countries", "both governments", "both states", "both sides"} {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// reportedAsGoingOn reports a sentence that tells of something done,
// under way or looked back on ("had been carried out", "is being
// implemented", "the ministers discussed the implementation of").
func reportedAsGoingOn(low string) bool {
	for _, p := range []string{"has been", "had been", "have been", "is being", "are being", "was carried", "were carried", "continues", "continued",
		"discussed", "reviewed", "assessed", "evaluated", "noted"} {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// How a sentence with a meeting cue stands to the meeting reported before.
const (
	meetingSame     = iota // part of it, unless other signs say otherwise
	meetingAnnounce        // "will also meet ...": an announced meeting of its own
	meetingAlso            // "also met with the Minister of ...": another meeting of the visit
	meetingPast            // "four months after ..., when X met Y": an earlier meeting
)

// separateMeeting tells, from a lower-cased sentence, whether it reports a
// meeting apart from the one before: one announced ("will also meet the
// Prosecutor General", "is scheduled to meet"), one with an office holder
// the visit also called on ("also met with the Minister of the Interior";
// not "also met the officers of ...", a part of the visit), or an earlier
// one ("four months after the General Assembly, when X met Y").
func separateMeeting(low string) int {
	for _, p := range []string{"will also meet", "will meet", "is scheduled to meet", "are scheduled to meet",
		"is to meet", "are to meet", "will also hold talks", "will hold talks", "is also scheduled to meet",
		"will visit", "will also visit", "is to visit", "is scheduled to visit", "will pay a visit", "will travel to"} {
		if strings.Contains(low, p) {
			return meetingAnnounce
		}
	}
	for _, p := range []string{"also met with the ", "also met the ", "also held talks with the "} {
		k := strings.Index(low, p)
		if k < 0 {
			continue
		}
		w, _, _ := strings.Cut(low[k+len(p):], " ")
		if lang.OfficeHeads[w] && !pluralHeads[w] {
			return meetingAlso
		}
	}
	if strings.Contains(low, ", when ") || strings.Contains(low, " ago") || strings.Contains(low, " earlier") {
		for _, unit := range []string{" days ", " weeks ", " months ", " years ", " day ", " week ", " month ", " year "} {
			k := strings.Index(low, unit)
			if k < 0 {
				continue
			}
			rest := low[k+len(unit):]
			if strings.HasPrefix(rest, "after") || strings.HasPrefix(rest, "before") || strings.HasPrefix(rest, "ago") || strings.HasPrefix(rest, "earlier") {
				return meetingPast
			}
		}
	}
	return meetingSame
}

// isGroupCaption reports a photo caption that lists who is in it: "From
// left: Mr. X – ..., Ms. Y – ...".
func isGroupCaption(low string) bool {
	return strings.Contains(low, "from left") || strings.Contains(low, "from the left") || strings.Contains(low, "left to right")
}

// hasCity reports whether places hold a city (not a country alone).
func hasCity(places []Place) bool {
	for _, p := range places {
		if p.Name != p.Country {
			return true
		}
	}
	return false
}

// ministryVisited reads "visited the Ministry of Foreign Affairs of the
// Russian Federation" or "visited the Estonian Ministry of the Interior" in
// a sentence: the country of the ministry visited, or "".
func ministryVisited(s string) string {
	low := strings.ToLower(s)
	k := strings.Index(low, "visit")
	if k < 0 {
		return ""
	}
	j := strings.Index(low[k:], "ministry")
	if j < 0 || j > 40 {
		return ""
	}
	j += k
	// the ministry's name: the capitalised words and connectors around
	// "Ministry"
	ts := tokenize(s[k:])
	at := -1
	for i, t := range ts {
		if t.start+k == j {
			at = i
			break
		}
	}
	if at < 0 {
		return ""
	}
	a, e := at, at+1
	for a > 0 && ts[a-1].word && lang.IsCapitalized(ts[a-1].text) {
		a--
	}
	for e < len(ts) && ts[e].word && (lang.IsCapitalized(ts[e].text) || lang.Connectors[ts[e].fold()] && ts[e].fold() != "and") {
		e++
	}
	cs := lang.CountriesIn(joinToks(s[k:], ts[a:e]))
	if len(cs) != 1 {
		return ""
	}
	return cs[0]
}
