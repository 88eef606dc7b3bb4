package knowledge

import (
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
	"regexp"
	"slices"
	"strings"
)

// Person is someone the releases name.
type Person struct {
	// ID is the person's index in Base.People.
	ID int `json:"id"`
	// Name is the full name as first written.
	Name string `json:"name"`
	// Aliases are folded spellings that refer to the person: the full name,
	// the surname, alternative spellings given in the text.
	Aliases []string `json:"aliases"`
	// Offices are the offices, ranks and roles the releases give, each with
	// its evidence.
	Offices []Office `json:"offices,omitempty"`
	// Country is the country the person serves, when stated or implied.
	Country string `json:"country,omitempty"`
	// Docs are the releases that mention the person.
	Docs []int `json:"docs"`
}

// Office is a title or role of a person, as one release states it.
type Office struct {
	Title   string `json:"title"`
	Country string `json:"country,omitempty"`
	// Evidence is the sentence the office was read from.
	Evidence int `json:"evidence"`
}

// Surname is the last word of the person's name.
func (p *Person) Surname() string {
	ws := strings.Fields(p.Name)
	return ws[len(ws)-1]
}

// MainOffice is the most specific office the releases give, or "".
func (p *Person) MainOffice() string {
	best := ""
	for _, o := range p.Offices {
		if len(o.Title) > len(best) && strings.Count(o.Title, " ") < 16 {
			best = o.Title
		}
	}
	return best
}

// personFind is a person found in one sentence during discovery.
type personFind struct {
	name    string
	alt     string // alternative spelling given in parentheses
	office  string
	country string
	start   int // byte offset of the name in the sentence
	end     int
	// Fold of name and office, and officeHash(officeKey), set when a
	// release is prepared
	key, officeKey string
	officeHash     uint64
}

var speechVerbs = lang.WordSet(`said says stated states noted notes emphasised emphasized stressed added told explained underlined pointed`)

// findPeople discovers named people in a sentence: a run of name words
// anchored by an office before it ("Minister of Justice Antti Häkkänen"),
// an office after it ("Tommi Kivilaakso, the head of ..."), an honorific
// ("Mr Simon Stermann"), or a verb of speech ("Mikko Paatero said").
func findPeople(s string) []personFind { return findPeopleToks(s, tokenize(s)) }

func findPeopleToks(s string, ts []tok) []personFind { return findPeopleWith(s, ts, nil) }

// findPeopleWith is findPeopleToks, reading countries of offices through c
// when it is not nil.
func findPeopleWith(s string, ts []tok, c *prepCache) []personFind {
	var out []personFind
	for i := 0; i < len(ts); i++ {
		if !isNameWord(ts[i]) {
			continue
		}
		j := i
		for j < len(ts) && isNameWord(ts[j]) {
			j++
		}
		run := ts[i:j]
		next := j
		i = j - 1
		if len(run) > 3 {
			run = run[len(run)-2:]
		}
		before := indexOf(ts, run[0])
		if len(run) == 3 && before > 0 && ts[before-1].word && !lang.IsCapitalized(ts[before-1].text) {
			switch ts[before-1].fold() {
			case "to", "in", "from", "at", "of", "for":
				run = run[1:]
				before++
			}
		}
		f := personFind{start: run[0].start, end: run[len(run)-1].end}
		f.name = joinToks(s, run)
		// an alternative spelling in parentheses: "Sandis Girgens (Ģirģens)"
		if next+2 < len(ts) && ts[next].text == "(" && ts[next+1].word && lang.IsCapitalized(ts[next+1].text) && ts[next+2].text == ")" {
			f.alt = ts[next+1].text
			next += 3
		}
		anchored := false
		officeEnd := -1 // the token ending an office before the name
		// office before the name
		k := before - 1
		for k >= 0 {
			if ts[k].word && lang.Honorifics[ts[k].fold()] {
				k--
				anchored = true
				continue
			}
			// "Mr. Jacek Kapica": an honorific and its dot
			if ts[k].text == "." && k >= 1 && ts[k-1].end == ts[k].start && ts[k-1].word && lang.Honorifics[ts[k-1].fold()] {
				k -= 2
				anchored = true
				continue
			}
			break
		}
		if k >= 0 && ts[k].word && (ts[k].fold() == "counterpart" || ts[k].fold() == "colleague") {
			// "her Latvian counterpart Marija Golubeva": a person, and the
			// adjective before gives the country
			anchored = true
			if k >= 1 {
				f.country = lang.CountryOf(ts[k-1].text)
			}
		} else if k >= 0 && ts[k].word && lang.Connectors[ts[k].fold()] {
			// "Heads of Governments": the office does not end right before it
		} else if office := officeBefore(s, ts, k); office != "" {
			f.office = office
			officeEnd = k
			// a plural office ("Officials Discuss ...") heads no one
			// person, and a surname alone needs an office that ends
			// right before it ("Minister Orpo"), not "... the Western
			// Balkans"
			head := ts[k].fold()
			anchored = !pluralHeads[head] && (len(run) > 1 || lang.OfficeHeads[head] || lang.NearOfficeHead(head) || honorificBefore(ts, before))
			// "the Federal Customs Service, led by its Head Mr. X": the
			// head of the body named before
			if lang.OfficeHeads[head] && !strings.Contains(office, " ") && k >= 1 && ts[k-1].fold() == "its" {
				if body := bodyBefore(s, ts, k-1); body != "" {
					f.office = office + " of the " + body
				}
			}
		} else if k >= 1 && (ts[k].text == "," || (ts[k].text == "–" || ts[k].text == "—") && honorificBefore(ts, before)) {
			// (and "a member of the Committee from Germany – Mr Simon
			// Stermann")
			// "the Minister for Home Affairs of the Kingdom of Sweden, Mikael Damberg"
			if office := officeBefore(s, ts, k-1); office != "" && !strings.Contains(office, ",") && !officeOfPrevious(ts, k-1, len(office)) {
				f.office = office
				anchored = true
			}
		}
		// office after the name: ", the head of ..."
		if office := officeAfter(s, ts, next); office != "" && !(f.office != "" && !strings.Contains(office, " ")) &&
			!(len(run) == 1 && next < len(ts) && ts[next].fold() == "of") {
			if f.office == "" {
				f.office = office
			} else {
				f.office += "; " + office
			}
			anchored = true
		}
		if next < len(ts) && ts[next].word && speechVerbs[ts[next].fold()] && len(run) >= 2 {
			anchored = true
		}
		// "X and Y" sharing one office: "Ministers of the Interior A B and C D"
		if !anchored && len(out) > 0 && before >= 1 && ts[before-1].fold() == "and" && len(run) >= 2 {
			prev := out[len(out)-1]
			if prev.end <= ts[before-1].start && prev.office != "" {
				f.office = prev.office
				anchored = true
			}
		}
		if !anchored {
			continue
		}
		var country string
		if c != nil {
			country = c.countryIn(f.office)
		} else {
			country = lang.CountryIn(f.office)
		}
		if country == "" && officeEnd >= 0 {
			country = counterpartCountry(ts, officeEnd, len(f.office))
		}
		if country != "" || f.office != "" {
			f.country = country
		}
		out = append(out, f)
	}
	assignPluralCountries(out)
	return out
}

// counterpartCountry reads the country of an office that names none from
// the counterpart it stands for: "her Latvian counterpart, Chief of the
// State Police Uldis Pētersons". The office, size bytes long, ends at
// token end.
func counterpartCountry(ts []tok, end, size int) string {
	start := ts[end].end - size
	o := end
	for o > 0 && ts[o].start > start {
		o--
	}
	if o < 3 || ts[o].start != start || ts[o-1].text != "," || !ts[o-2].word {
		return ""
	}
	if w := ts[o-2].fold(); w != "counterpart" && w != "colleague" {
		return ""
	}
	return lang.CountryOf(ts[o-3].text)
}

// assignPluralCountries gives "Lithuanian and Latvian Ministers of the
// Interior A and B" the countries in order.
func assignPluralCountries(fs []personFind) {
	for i := 0; i+1 < len(fs); i++ {
		if fs[i].office == "" || fs[i].office != fs[i+1].office {
			continue
		}
		cs := lang.CountriesIn(fs[i].office)
		if len(cs) >= 2 {
			fs[i].country, fs[i+1].country = cs[0], cs[1]
		}
		// "Lithuanian and Latvian Ministers of the Interior": each person
		// gets "Lithuanian Minister of the Interior", "Latvian Minister ..."
		if m := rePluralOffice.FindStringSubmatch(fs[i].office); m != nil {
			rest := singular(m[3]) + m[4]
			fs[i].office, fs[i+1].office = m[1]+" "+rest, m[2]+" "+rest
		}
	}
}

var rePluralOffice = regexp.MustCompile(`^(\p{Lu}\p{L}+) and (\p{Lu}\p{L}+) (\p{Lu}\p{L}+s)\b(.*)$`)

// singular turns a plural office head into its singular ("Ministers").
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "men"):
		return w[:len(w)-3] + "man"
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

func indexOf(ts []tok, t tok) int {
	for i := range ts {
		if ts[i].start == t.start {
			return i
		}
	}
	return -1
}

// officeBefore reads an office phrase ending at token k (inclusive).
func officeBefore(s string, ts []tok, k int) string {
	end := k
	for k >= 0 {
		t := ts[k]
		if t.text == ")" {
			// a parenthetical acronym: "Headquarters (NJHQ)"
			m := k - 1
			for m >= 0 && ts[m].text != "(" && k-m < 6 {
				m--
			}
			if m >= 0 && ts[m].text == "(" {
				k = m - 1
				continue
			}
			break
		}
		if t.word && t.fold() == "and" && k > 0 && isNameWord(ts[k-1]) {
			break // "Ministers Orpo and Kolokoltsev": a list of names, not an office
		}
		if isOfficeWord(t) || (t.word && strings.HasSuffix(t.fold(), "'s")) {
			k--
			continue
		}
		if t.word && t.fold() == "from" && k < end && lang.CountryOf(ts[k+1].text) != "" {
			k-- // "a member of the Committee of Senior Officials from Germany"
			continue
		}
		break
	}
	phrase := trimConnectors(ts[k+1 : end+1])
	phrase = lastOfficeSegment(phrase)
	if len(phrase) == 0 || !hasOfficeHead(phrase) {
		return ""
	}
	office := joinToks(s, phrase)
	// "Minister of X, General of Y Name": one more comma-separated office
	first := indexOf(ts, phrase[0])
	if first >= 2 && ts[first-1].text == "," && !(first >= 3 && isNameWord(ts[first-2]) && isNameWord(ts[first-3])) {
		// (not "Minister Jan Nowak, Minister of ... Name": the phrase
		// before the comma ends in a person's name, and is theirs)
		if prev := officeBefore(s, ts, first-2); prev != "" && !strings.Contains(prev, ",") {
			office = prev + ", " + office
		}
	}
	return office
}

// lastOfficeSegment keeps the part of a phrase after its last "and" that
// still has an office head ("the Russian Chairman and National Commissar of
// the Finnish Police" -> "National Commissar of the Finnish Police"), but
// keeps a leading list of adjectives ("Lithuanian and Latvian Ministers").
func lastOfficeSegment(ts []tok) []tok {
	for i := len(ts) - 1; i > 0; i-- {
		if ts[i].fold() != "and" {
			continue
		}
		head := ts[:i]
		tail := ts[i+1:]
		if hasOfficeHead(tail) && !allCountryWords(head) {
			return trimConnectors(tail)
		}
	}
	return ts
}

func allCountryWords(ts []tok) bool {
	for _, t := range ts {
		if t.word && lang.CountryOf(t.text) == "" && t.fold() != "and" {
			return false
		}
	}
	return true
}

// officeAfter reads ", [the] office" starting at token k.
func officeAfter(s string, ts []tok, k int) string {
	if k >= len(ts) {
		return ""
	}
	viaOf := false
	switch {
	case ts[k].text == "," || ts[k].text == "–" || ts[k].text == "-":
		k++
	case ts[k].fold() == "of" || ts[k].fold() == "from":
		viaOf = true
		k++
	default:
		return ""
	}
	if k < len(ts) && (ts[k].fold() == "and" || ts[k].fold() == "or") {
		return "" // ", and the Minister ...": the next person's office
	}
	for k < len(ts) && (ts[k].fold() == "the" || ts[k].fold() == "a" || ts[k].fold() == "an") {
		k++
	}
	start := k
	for k < len(ts) {
		t := ts[k]
		if t.text == "(" || t.text == ")" {
			k++
			continue
		}
		if !t.word {
			break
		}
		f := t.fold()
		if !(lang.IsCapitalized(t.text) || lang.Connectors[f] || lang.OfficeHeads[f] || lang.OrgWords[f] || strings.HasSuffix(f, "'s")) {
			break
		}
		if f == "and" && k+1 < len(ts) && (isNameWord(ts[k+1]) && !officeNoun(ts, k+1) && !(k+2 < len(ts) && lang.OrgWords[ts[k+2].fold()]) || lang.Honorifics[ts[k+1].fold()] ||
			lang.OfficeHeads[ts[k+1].fold()] || k+2 < len(ts) && lang.OfficeHeads[ts[k+2].fold()]) {
			break
		}
		k++
	}
	phrase := trimConnectors(ts[start:k])
	if len(phrase) == 0 {
		return ""
	}
	if viaOf {
		// "Mr Simon Stermann of the Federal Foreign Office": an organisation
		if !lang.IsCapitalized(phrase[0].text) {
			return ""
		}
		return joinToks(s, phrase)
	}
	if !hasOfficeHead(phrase) {
		return ""
	}
	// an office that runs into a person's name is that person's, in a
	// list such as "Minister Jan Nowak, Minister of the Interior of the
	// Republic of Lithuania Ruta Kaire, ..."
	for i, t := range phrase {
		if i > 0 && isNameWord(t) && i+1 < len(phrase) && isNameWord(phrase[i+1]) {
			return ""
		}
	}
	return joinToks(s, phrase)
}

// pluralHeads are office heads in the plural, which head no one person.
var pluralHeads = lang.WordSet(`ministers chiefs heads directors chairmen generals ambassadors leaders officials experts
co-chairmen representatives delegates officers commissioners secretaries`)

// honorificBefore reports whether an honorific ("Mr", "Ms.") stands
// right before token i.
func honorificBefore(ts []tok, i int) bool {
	k := i - 1
	if k >= 1 && ts[k].text == "." {
		k--
	}
	return k >= 0 && ts[k].word && lang.Honorifics[ts[k].fold()]
}

// officeNoun reports whether the capitalised word at i, after "and" in
// an office, is a common noun that ends the office rather than a name:
// "Minister of Immigration and Integration, Ms. ...". It is a single
// word with a suffix that forms abstract nouns, followed by punctuation or
// the end.
func officeNoun(ts []tok, i int) bool {
	if i+1 < len(ts) && ts[i+1].word {
		return false
	}
	f := ts[i].fold()
	if len(f) < 7 {
		return false
	}
	for _, suf := range []string{"tion", "sion", "ity", "ness", "ism", "ment", "ance", "ence", "ics"} {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// subordinateCountry reads the country of the body the people of a
// sentence serve under: "both General Administrations operate under the
// Russian Ministry of Internal Affairs", "units subordinate to the
// Estonian Police and Border Guard Board", "part of the Finnish Border
// Guard". It returns "" unless exactly one country is named so.
func subordinateCountry(ts []tok) string {
	found := ""
	for i := 0; i+3 < len(ts); i++ {
		switch ts[i].fold() {
		case "under", "within":
		case "to":
			if i == 0 || ts[i-1].fold() != "subordinate" && ts[i-1].fold() != "accountable" {
				continue
			}
		case "of":
			if i == 0 || ts[i-1].fold() != "part" {
				continue
			}
		default:
			continue
		}
		if ts[i+1].fold() != "the" || !ts[i+2].word || !lang.IsCapitalized(ts[i+2].text) || !servedBodies[ts[i+3].fold()] && !servedBodies[ts[i+2].fold()] {
			continue
		}
		c := lang.CountryOf(ts[i+2].text)
		if c == "" {
			continue
		}
		if found != "" && found != c {
			return ""
		}
		found = c
	}
	return found
}

// servedBodies are words that name (or start the name of) a state body
// that officials serve: not "under the Finnish Presidency".
var servedBodies = lang.WordSet(`ministry ministries police border customs service services government board department
directorate administration agency guard authority authorities office interior internal federal national state
security investigative prosecutor's prosecution`)

// internationalWords mark an office of an international body, whose
// holder serves no one country.
var internationalWords = lang.WordSet(`interpol europol frontex eurojust eu european nato un osce cbss unodc unhcr iom
commission schengen nordic baltic international`)

// homeCountry gives the release's own country to its people whose country
// it does not state: the country whose body the headline or the lead is
// about ("Lithuania's Interior Ministry ends ...", "The Lithuanian Interior
// Ministry said ..."), or the publisher's. Not to someone who meets another
// person of unknown country (one of them is the guest), and not to an
// official of an international body.
func (bl *Builder) homeCountry(ds *docState) {
	b := bl.b
	home := ""
	vote := func(c string) bool {
		if c == "" {
			return true
		}
		if home != "" && home != c {
			return false
		}
		home = c
		return true
	}
	for k := range ds.sents {
		if !vote(ds.pre[k].subject) {
			return
		}
		if !ds.pre[k].title {
			break // the title and the first body sentence
		}
	}
	if pub := ds.doc.Publisher; pub != "" {
		c, ok := bl.pubCountry[pub]
		if !ok {
			if bl.pubCountry == nil {
				bl.pubCountry = map[string]string{}
			}
			c = lang.CountryIn(pub)
			bl.pubCountry[pub] = c
		}
		if !vote(c) {
			return
		}
	}
	if ds.home = home; home == "" {
		return
	}
	var unknown []*Person
	for _, pid := range ds.people {
		if p := b.People[pid]; p.Country == "" {
			unknown = append(unknown, p)
		}
	}
person:
	for _, p := range unknown {
		for _, o := range p.Offices {
			if b.Sentences[o.Evidence].Doc != ds.id {
				continue
			}
			for _, w := range lang.Words(lang.Fold(o.Title)) {
				if internationalWords[w] {
					continue person
				}
			}
		}
		for _, m := range ds.meetings {
			if !slices.Contains(m.Participants, p.ID) {
				continue
			}
			for _, q := range m.Participants {
				if q != p.ID && b.People[q].Country == "" {
					continue person
				}
			}
		}
		p.Country = home
	}
}

// subjectCountry reads the country of the body a headline or lead opens
// with, by its tokens: "Lithuania's Interior Ministry ...", "The Finnish
// Border Guard ...", "On 31 October 2019 the Federal Ministry of the
// Interior of Germany hosted ...", or "". The subject runs from the start
// (after a date) to its first word in lower case that is not a connector;
// it must name a state body and one country, and no office.
func subjectCountry(ts []tok) string {
	k := 0
	next := func() { // to the next word
		for k++; k < len(ts) && !ts[k].word; k++ {
		}
	}
	for k < len(ts) && !ts[k].word {
		k++
	}
	if k < len(ts) && ts[k].fold() == "on" {
		// "On 31st October – 1st November 2019 the ...": skip the date
		for next(); k < len(ts); next() {
			f := ts[k].fold()
			if !(lang.IsDigits(f) || dates.MonthNumber(f) != 0 || dates.IsWeekdayName(f) || f == "of" || isOrdinal(f)) {
				break
			}
		}
	}
	if k < len(ts) && ts[k].fold() == "the" {
		next()
	}
	body, country, n := false, "", 0
	for ; k < len(ts) && n < 24; next() {
		t := ts[k]
		f := t.fold()
		if !lang.IsCapitalized(t.text) && !lang.Connectors[f] {
			break
		}
		n++
		if lang.OfficeHeads[f] {
			return "" // "Finnish Minister ... X met": a person's office
		}
		c := ""
		if t.info != nil && !t.info.dotted {
			c = t.info.country.alone
		} else {
			c = lang.CountryOf(t.text)
		}
		if c == "" && (f == "republic" || f == "kingdom") && k+2 < len(ts) {
			c = lang.CountryOf(ts[k+2].text) // "Republic of Poland"
		}
		if servedBodies[f] && (n > 1 || c == "") {
			body = true
		}
		if c != "" {
			if country != "" && country != c {
				return ""
			}
			country = c
		}
	}
	if !body || n < 2 {
		return ""
	}
	return country
}

// isOrdinal reports "1st", "22nd", "3rd", "24th".
func isOrdinal(f string) bool {
	if len(f) < 3 || len(f) > 4 {
		return false
	}
	switch f[len(f)-2:] {
	case "st", "nd", "rd", "th":
		return lang.IsDigits(f[:len(f)-2])
	}
	return false
}

// officeOfPrevious reports whether the office of size bytes ending at
// token end follows a name and a dash or comma, and so belongs to that
// name: "Mr. Kaare Holm – Danish Minister of Justice, Ms. Maria ...".
func officeOfPrevious(ts []tok, end, size int) bool {
	start := ts[end].end - size
	o := end
	for o > 0 && ts[o].start > start {
		o--
	}
	if o < 2 || ts[o].start != start {
		return false
	}
	switch ts[o-1].text {
	case "–", "—", "-", ",":
		return isNameWord(ts[o-2])
	}
	return false
}

// bodyBefore finds the nearest body named before token i: a run of
// capitalised words, joined by "of", "for" or "and", with an organisation
// word in it ("Federal Customs Service", "Ministry of the Interior"),
// within twelve tokens.
func bodyBefore(s string, ts []tok, i int) string {
	for e := i - 1; e >= 0 && e >= i-12; e-- {
		if !ts[e].word || !lang.IsCapitalized(ts[e].text) || !lang.OrgWords[ts[e].fold()] {
			continue
		}
		st := e
		for {
			j := st - 1
			for j >= 0 && ts[j].word && (ts[j].fold() == "of" || ts[j].fold() == "for" || ts[j].fold() == "and" || ts[j].fold() == "the") && !lang.IsCapitalized(ts[j].text) {
				j--
			}
			if j < 0 || !ts[j].word || !lang.IsCapitalized(ts[j].text) {
				break
			}
			st = j
		}
		// and on to its end: "... Department of Lithuania"
		for {
			j := e + 1
			for j < i && ts[j].word && (ts[j].fold() == "of" || ts[j].fold() == "the") {
				j++
			}
			if j == e+1 || j >= i || !ts[j].word || !lang.IsCapitalized(ts[j].text) {
				break
			}
			e = j
			for e+1 < i && ts[e+1].word && lang.IsCapitalized(ts[e+1].text) {
				e++
			}
		}
		phrase := trimConnectors(ts[st : e+1])
		if len(phrase) >= 2 {
			return joinToks(s, phrase)
		}
		return ""
	}
	return ""
}
