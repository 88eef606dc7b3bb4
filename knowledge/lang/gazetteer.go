package lang

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the general vocabularies extraction relies on: countries
// and their adjectives, cities of the region, office and organisation
// words, and the topic vocabulary. None of it names a person or a release.

// CountryForms maps a country to the other names and adjectives used for it.
var CountryForms = map[string][]string{
	"Finland":        {"Finnish", "Finns", "Republic of Finland"},
	"Russia":         {"Russian", "Russian Federation", "Russians"},
	"Sweden":         {"Swedish", "Kingdom of Sweden", "Swedes"},
	"Norway":         {"Norwegian", "Kingdom of Norway", "Norwegians"},
	"Denmark":        {"Danish", "Kingdom of Denmark", "Danes"},
	"Iceland":        {"Icelandic"},
	"Estonia":        {"Estonian", "Republic of Estonia"},
	"Latvia":         {"Latvian", "Republic of Latvia"},
	"Lithuania":      {"Lithuanian", "Republic of Lithuania"},
	"Poland":         {"Polish", "Republic of Poland"},
	"Germany":        {"German", "Federal Republic of Germany"},
	"Belarus":        {"Belarusian", "Belarussian"},
	"Ukraine":        {"Ukrainian"},
	"France":         {"French"},
	"United Kingdom": {"British", "UK", "Britain", "Great Britain"},
	"United States":  {"American", "USA", "US", "United States of America"},
	"Netherlands":    {"Dutch"},
	"Belgium":        {"Belgian"},
	"Austria":        {"Austrian"},
	"Switzerland":    {"Swiss"},
	"Italy":          {"Italian"},
	"Spain":          {"Spanish"},
	"Portugal":       {"Portuguese"},
	"Czech Republic": {"Czech", "Czechia"},
	"Slovakia":       {"Slovak"},
	"Hungary":        {"Hungarian"},
	"Romania":        {"Romanian"},
	"Bulgaria":       {"Bulgarian"},
	"Greece":         {"Greek"},
	"Turkey":         {"Turkish", "Türkiye"},
	"China":          {"Chinese"},
	"Japan":          {"Japanese"},
	"Kazakhstan":     {"Kazakh"},
	"Georgia":        {"Georgian"},
	"Armenia":        {"Armenian"},
	"Azerbaijan":     {"Azerbaijani"},
	"Moldova":        {"Moldovan"},
	"Serbia":         {"Serbian"},
	"Croatia":        {"Croatian"},
	"Slovenia":       {"Slovenian"},
	"Ireland":        {"Irish"},
	"Syria":          {"Syrian"},
	"Iraq":           {"Iraqi"},
	"Iran":           {"Iranian"},
	"Afghanistan":    {"Afghan"},
	"Somalia":        {"Somali"},
	"Yemen":          {"Yemeni"},
	"Israel":         {"Israeli"},
	"Egypt":          {"Egyptian"},
	"India":          {"Indian"},
	"Canada":         {"Canadian"},
}

// CityCountry maps cities and towns of the region to their country. Places
// not listed are still found from their context ("in X, Norway").
var CityCountry = map[string]string{
	"Helsinki": "Finland", "Vantaa": "Finland", "Espoo": "Finland", "Tampere": "Finland",
	"Turku": "Finland", "Oulu": "Finland", "Tornio": "Finland", "Rovaniemi": "Finland",
	"Lappeenranta": "Finland", "Joensuu": "Finland", "Kuopio": "Finland", "Imatra": "Finland",
	"Kotka": "Finland", "Vaalimaa": "Finland", "Nuijamaa": "Finland", "Kuusamo": "Finland",
	"Salla": "Finland", "Vartius": "Finland", "Ivalo": "Finland", "Savonlinna": "Finland",
	"Moscow": "Russia", "St Petersburg": "Russia", "St. Petersburg": "Russia", "Saint Petersburg": "Russia",
	"Murmansk": "Russia", "Petrozavodsk": "Russia", "Vyborg": "Russia", "Kaliningrad": "Russia",
	"Arkhangelsk": "Russia", "Pskov": "Russia", "Novgorod": "Russia", "Sochi": "Russia", "Kazan": "Russia",
	"Stockholm": "Sweden", "Gothenburg": "Sweden", "Malmö": "Sweden", "Haparanda": "Sweden",
	"Kiruna": "Sweden", "Luleå": "Sweden", "Uppsala": "Sweden",
	"Oslo": "Norway", "Kirkenes": "Norway", "Tromsø": "Norway", "Bergen": "Norway", "Trondheim": "Norway",
	"Bodø": "Norway", "Copenhagen": "Denmark", "Aarhus": "Denmark", "Reykjavik": "Iceland",
	"Tallinn": "Estonia", "Tartu": "Estonia", "Narva": "Estonia", "Riga": "Latvia", "Daugavpils": "Latvia",
	"Vilnius": "Lithuania", "Kaunas": "Lithuania", "Klaipeda": "Lithuania", "Warsaw": "Poland",
	"Gdansk": "Poland", "Krakow": "Poland", "Berlin": "Germany", "Hamburg": "Germany", "Bonn": "Germany",
	"Munich": "Germany", "Minsk": "Belarus", "Kyiv": "Ukraine", "Kiev": "Ukraine", "Brussels": "Belgium",
	"The Hague": "Netherlands", "Hague": "Netherlands", "Amsterdam": "Netherlands", "Lyon": "France",
	"Paris": "France", "London": "United Kingdom", "Vienna": "Austria", "Geneva": "Switzerland",
	"Rome": "Italy", "Madrid": "Spain", "Lisbon": "Portugal", "Prague": "Czech Republic",
	"Budapest": "Hungary", "Washington": "United States", "New York": "United States",
	"Strasbourg": "France", "Luxembourg": "Luxembourg", "Ankara": "Turkey", "Beijing": "China",
}

// Capitals are where each country's ministries sit.
var Capitals = map[string]string{
	"Finland": "Helsinki", "Russia": "Moscow", "Sweden": "Stockholm", "Norway": "Oslo", "Denmark": "Copenhagen",
	"Iceland": "Reykjavik", "Estonia": "Tallinn", "Latvia": "Riga", "Lithuania": "Vilnius", "Poland": "Warsaw",
	"Germany": "Berlin", "Belarus": "Minsk", "Ukraine": "Kyiv", "Belgium": "Brussels", "Netherlands": "The Hague",
	"France": "Paris", "United Kingdom": "London", "Austria": "Vienna", "Italy": "Rome", "Spain": "Madrid",
	"Portugal": "Lisbon", "Czech Republic": "Prague", "Hungary": "Budapest", "United States": "Washington",
	"Turkey": "Ankara", "China": "Beijing", "Switzerland": "Bern", "Romania": "Bucharest",
}

// OfficeHeads are words that head an office or rank ("Minister of ...").
var OfficeHeads = WordSet(`minister ministers chief chiefs head heads director directors chairman
chairmen chairwoman chairperson chair president vice-president premier commissioner commissar
secretary secretary-general ambassador ambassadors consul general generals colonel major lieutenant
admiral commander prosecutor prosecutor-general governor mayor specialist adviser advisor officer
spokesperson spokesman spokeswoman counsellor counselor attaché attache inspector superintendent
deputy co-chairman co-chairmen co-chair judge king queen prince chancellor rapporteur coordinator
manager representative envoy delegate captain sergeant colonel-general lieutenant-general
major-general chargé justice undersecretary under-secretary permanent-secretary state-secretary
professor ombudsman leader leaders expert officials official member`)

// titleWords are words that can stand before an office head ("Senior",
// "Deputy") or inside an office or organisation name.
var OrgWords = WordSet(`ministry ministries affairs interior internal home foreign justice defence defense
police customs border guard guards service services administration administrations department
directorate office committee commission council agency authority authorities board bureau centre
center division unit section sector force forces group team government parliament assembly duma
court supreme federal national state regional region district city republic kingdom federation union
general main central joint headquarters staff armed operations international european baltic sea
arctic nordic north south east west northern eastern western southern task senior special media press
relations communications public health social economic finance trade transport energy labour
education culture environment agriculture building community legislation civil society emergency
emergencies rescue situations protection safety order migration immigration issues matters drug drugs
control crime crimes criminal investigation investigative investigations security intelligence
cooperation co-operation development coast navy army academy university institute school bank fund
programme program project secretariat presidency mission embassy consulate delegation prosecutor's
general's administration's cabinet prime first second third acting executive assistant permanent
parliamentary deputy chief senior lead principal head division's affairs' interpol europol frontex
eu un nato osce cbss bstf mia fsb fcs gupm gunk njhq ministry's police's agency's investigative
committee's service's office's organised organized combating fight against prevention local
municipal county province oblast krai territory area areas network networks information
commissioner's interior's personal representatives governments states heads parties sides countries nations
participants delegates colleagues counterparts members officers officials staff customs
gulf bay sea lake river strait cape mount island islands peninsula straits channel
extraordinary plenipotentiary`)

// Honorifics precede a name and are not part of it.
var Honorifics = WordSet(`mr mrs ms miss dr prof professor sir madam mme herr frau`)

// SentenceWords are capitalised words that start sentences or phrases and
// are never part of a person's name.
var SentenceWords = WordSet(`the a an this that these those there here it its he she they we i you our
their his her in on at by for from with to of and or but as after before during when while since
until according also however moreover furthermore meanwhile today yesterday tomorrow last next
other others both all each every many most some such no not new old first second third
about around over under between among within without against into onto upon via per
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december photo foto source press release publication
published date inquiries enquiries contact contacts tel email read more share print skip
content menu home news minister's ministers' talks meeting meetings agreement memorandum
protocol treaty plan plans`)

// FunctionWords are never part of a name.
var FunctionWords = WordSet(`a an the and or but if of to in on at by for from with as is are was were be been being
this that these those it its they them their there here he she his her we our you your i me my
do does did done have has had having will would shall should can could may might must
not no nor so than too very also just only about into over after before during while
what which who whom whose when where why how
s t am up out off then once any all both each few more most other some such own same
tell me please show list give know find let us any anything something`)

// genericWords are ordinary words that say little about what a question
// is about; they are dropped from index terms but can be surnames.
var genericWords = WordSet(`under given give gives get gets got getting make makes made take takes taken took put use used using
example examples kind kinds type types sort sorts way ways thing things like roughly approximately around
happen happened happens mention mentioned mentions according say says tell told ask asked answer
exactly really actually ever still already yet even well much many long often`)

// StopWords are dropped from index terms and questions.
var StopWords = union(FunctionWords, genericWords)

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// meetingCue words mark a sentence that reports a meeting or visit.
var MeetingCues = WordSet(`met meet meets meeting meetings talks visit visited visits visiting convened
convene held hosted received summit conference session consultations negotiations negotiated
discussed discuss discussing discusses`)

// AgreementNouns head the name of an agreement.
var AgreementNouns = WordSet(`agreement agreements memorandum protocol treaty treaties convention accord deal
arrangement mou plan plans declaration roadmap`)

// Topic is one entry of the topic vocabulary.
type Topic struct {
	// Name is the topic's display name ("drug trafficking").
	Name string
	// stems are stem sequences; a text matches when it contains one of them
	// as consecutive terms.
	stems [][]string
}

// topicDefs is the topic vocabulary: each topic and the phrases that signal
// it. Phrases are matched on stems, so "drug smuggling" also matches
// "smuggling of drugs" only through its own entry.
var topicDefs = []struct {
	name    string
	phrases []string
}{
	{"drug trafficking", []string{"drug trafficking", "drug smuggling", "narcotic", "narcotics", "drug crime", "drug-related crime", "anti-drug", "drug control", "psychoactive substances", "drug supply", "drug business", "drugs", "drug"}},
	{"cybercrime", []string{"cybercrime", "cybercrimes", "cyber crime", "cyber-crime", "cyber attacks", "electronic evidence", "telecommunications network", "cyber"}},
	{"illegal migration", []string{"illegal migration", "illegal immigration", "irregular migration", "migrant smuggling", "instrumentalised migration", "instrumentalized migration", "illegal entry", "migrants"}},
	{"migration", []string{"migration", "asylum", "asylum seekers", "return issues", "readmission", "visa"}},
	{"organised crime", []string{"organised crime", "organized crime", "criminal groups", "criminal communities", "transnational crime", "serious crime", "organized criminal", "criminal networks", "gang violence", "gang crime", "gangs"}},
	{"terrorism", []string{"terrorism", "terrorist", "anti-terrorism", "counter-terrorism", "extremism"}},
	{"border security", []string{"border security", "border control", "border guard", "border crossing", "border crossings", "border incidents", "border cooperation", "external border", "external borders", "state border", "border protection", "checkpoints", "crossing points"}},
	{"cross-border crime", []string{"cross-border crime", "cross-border cooperation"}},
	{"prisoner transfer", []string{"transfer of prisoners", "prisoner transfer", "foreign prisoners", "extradition", "prisoners", "sentenced persons", "convicted persons"}},
	{"human trafficking", []string{"human trafficking", "trafficking in human beings", "trafficking in persons"}},
	{"money laundering", []string{"money laundering", "proceeds legalization", "drug proceeds", "criminal proceeds", "virtual currencies", "cryptocurrency", "cryptocurrencies"}},
	{"information exchange", []string{"exchange of information", "information exchange", "exchange information", "operational information"}},
	{"customs cooperation", []string{"customs", "counterfeiting", "smuggling"}},
	{"police cooperation", []string{"police cooperation", "law enforcement cooperation", "police forces", "joint operations"}},
	{"election interference", []string{"election interference"}},
	{"civil preparedness", []string{"civil preparedness", "crisis preparedness", "civil defence", "civil protection", "emergency response", "search and rescue"}},
	{"economic crime", []string{"economic crimes", "economic crime", "corruption", "fraud"}},
	{"domestic violence", []string{"domestic violence"}},
	{"stolen vehicles", []string{"stolen vehicles", "vehicle theft"}},
	{"violent crime", []string{"homicide", "aggravated assault", "rape"}},
}

// Topics is the topic vocabulary, in display order.
var Topics = buildTopics()

func buildTopics() []Topic {
	out := make([]Topic, 0, len(topicDefs))
	for _, d := range topicDefs {
		t := Topic{Name: d.name}
		for _, p := range d.phrases {
			if st := Terms(p); len(st) > 0 {
				t.stems = append(t.stems, st)
			}
		}
		out = append(out, t)
	}
	return out
}

// DemonymCountry maps folded adjectives and alternative names to their
// country; countryNames holds every folded form of every country.
var DemonymCountry, CountryNames = buildCountryForms()

func buildCountryForms() (map[string]string, map[string]string) {
	dem := map[string]string{}
	names := map[string]string{}
	for c, forms := range CountryForms {
		names[strings.ToLower(c)] = c
		for _, f := range forms {
			names[strings.ToLower(f)] = c
			if !strings.Contains(f, " ") {
				dem[strings.ToLower(f)] = c
			}
		}
	}
	return dem, names
}

// CountryOf returns the country that a folded country name or adjective
// ("finnish", "russian federation") denotes, or "".
func CountryOf(s string) string {
	return CountryNames[Fold(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"))]
}

// WordSet returns the set of the white-space separated words of s.
func WordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// TopicMatches reports whether index terms (as Terms returns them) contain
// one of the topic's phrases.
func TopicMatches(t Topic, terms []string) bool { return hasStems(terms, t.stems) }

// Demonym returns the adjective of a country ("Finland" -> "Finnish"), or "".
func Demonym(country string) string {
	for _, f := range CountryForms[country] {
		if !strings.Contains(f, " ") && strings.ToLower(f) != strings.ToLower(country) && !strings.HasSuffix(f, "s") || f == "Swiss" {
			return f
		}
	}
	return ""
}

// Countries lists the countries of the gazetteer.
func Countries() []string {
	out := make([]string, 0, len(CountryForms))
	for c := range CountryForms {
		out = append(out, c)
	}
	return out
}

func hasStems(terms []string, seqs [][]string) bool {
	for _, seq := range seqs {
	outer:
		for i := 0; i+len(seq) <= len(terms); i++ {
			for j, s := range seq {
				if terms[i+j] != s {
					continue outer
				}
			}
			return true
		}
	}
	return false
}

// IsInitials reports whether s is initials: one or more capital letters
// each followed by a dot, then optionally a capital and a dot ("V.I.",
// "A.B", "J."), as the regexp ^(\p{Lu}\.)+\p{Lu}?\.?$ would.
func IsInitials(s string) bool {
	i, pairs := 0, 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) || i+n >= len(s) || s[i+n] != '.' {
			break
		}
		i += n + 1
		pairs++
	}
	if pairs == 0 {
		return false
	}
	if i < len(s) {
		if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsUpper(r) {
			i += n
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i == len(s)
}

// Connectors may stand inside an office or organisation name.
var Connectors = WordSet(`of the for to on and`)

// FoldedCities maps the folded names of CityCountry to their country.
var FoldedCities = func() map[string]string {
	m := map[string]string{}
	for c, k := range CityCountry {
		m[Fold(c)] = k
	}
	return m
}()

// IsCity reports whether w, in any case and with or without accents,
// names a city of the gazetteer.
func IsCity(w string) bool { return FoldedCities[Fold(w)] != "" }

// longHeads and longDemonyms are the office heads and country adjectives
// of seven letters or more, which a misspelling one edit away still names
// (not "justice", one edit from "Justine").
var longHeads, longDemonyms = func() (h, d []string) {
	for w := range OfficeHeads {
		if len(w) >= 7 && !strings.Contains(w, "-") && w != "justice" && w != "members" {
			h = append(h, w)
		}
	}
	for w := range DemonymCountry {
		if len(w) >= 7 {
			d = append(d, w)
		}
	}
	slices.Sort(h)
	slices.Sort(d)
	return h, d
}()

// NearOfficeHead reports a folded word one edit (a letter added, dropped,
// changed, or two swapped) from an office head of seven letters or more:
// "minster", "ministr", "secretray".
func NearOfficeHead(f string) bool { return nearOne(f, longHeads) }

// NearDemonym is nearOfficeHead for country adjectives: "estonain".
func NearDemonym(f string) bool { return nearOne(f, longDemonyms) }

func nearOne(f string, ws []string) bool {
	if len(f) < 6 {
		return false
	}
	for _, w := range ws {
		// (a word of six letters can be one dropped from a head of seven)
		if d := len(f) - len(w); d >= -1 && d <= 1 && f != w && f != w+"s" && oneEdit(f, w) {
			// (a plural is no misspelling: "representatives" heads no one)
			return true
		}
	}
	return false
}

// oneEdit reports whether a and b are one insertion, deletion,
// substitution or swap of neighbours apart (bytes).
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b)+1:
		return a[i+1:] == b[i:]
	case len(a) != len(b):
		return false
	case a[i+1:] == b[i+1:]:
		return true // substitution
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// CountryIn returns the first country a phrase names or implies
// ("Finnish Minister of the Interior", "... of the Russian Federation",
// "Finland's ..."), or "".
func CountryIn(phrase string) string {
	ws := Words(phrase)
	for i := range ws {
		// two-word forms first ("Russian Federation", "Kingdom of Sweden")
		if i+2 < len(ws) {
			if c := CountryOf(ws[i] + " " + ws[i+1] + " " + ws[i+2]); c != "" {
				return c
			}
		}
		if i+1 < len(ws) {
			if c := CountryOf(ws[i] + " " + ws[i+1]); c != "" {
				return c
			}
		}
		if c := CountryOf(ws[i]); c != "" {
			return c
		}
	}
	for _, w := range ws {
		if c := FoldedCities[Fold(w)]; c != "" {
			return c
		}
	}
	return ""
}

// CountriesIn returns every country a text names or implies, in order.
func CountriesIn(s string) []string {
	var out []string
	seen := map[string]bool{}
	ws := Words(s)
	for i := 0; i < len(ws); i++ {
		c := ""
		if i+1 < len(ws) {
			c = CountryOf(ws[i] + " " + ws[i+1])
		}
		if c == "" {
			c = CountryOf(ws[i])
		}
		if c == "" && (ws[i] == "US" || ws[i] == "UK") {
			continue
		}
		if c != "" && !seen[c] && !(strings.ToLower(ws[i]) == ws[i]) {
			seen[c] = true
			out = append(out, c)
		}
		if c == "" && strings.ToLower(ws[i]) != ws[i] {
			for _, h := range HyphenCountries(ws[i]) {
				if !seen[h] {
					seen[h] = true
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// HyphenCountries returns the countries the parts of a hyphenated word
// name, in order: "Finland-Norway-Russia", "Lithuanian-Belarusian",
// "Russian-Polish"; nil for a word without a hyphen.
func HyphenCountries(w string) []string {
	if !strings.ContainsAny(w, "-‑") {
		return nil
	}
	var out []string
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‑' }) {
		if c := CountryOf(p); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// topicSeq is one stem sequence of Topics[topic].
type topicSeq struct {
	topic int
	seq   []string
}

// topicStarts holds the stem sequences of Topics by their first stem.
var topicStarts = func() map[string][]topicSeq {
	if len(Topics) > 64 {
		panic("knowledge: more than 64 topics")
	}
	m := map[string][]topicSeq{}
	for i, t := range Topics {
		for _, seq := range t.stems {
			m[seq[0]] = append(m[seq[0]], topicSeq{i, seq})
		}
	}
	return m
}()

// TopicMask has bit i set when TopicMatches(Topics[i], terms).
func TopicMask(terms []string) uint64 {
	var mask uint64
	for i, t := range terms {
		for _, ts := range topicStarts[t] {
			if mask&(1<<ts.topic) != 0 || i+len(ts.seq) > len(terms) {
				continue
			}
			if slices.Equal(terms[i:i+len(ts.seq)], ts.seq) {
				mask |= 1 << ts.topic
			}
		}
	}
	return mask
}

// StartsTopic reports whether an index term is the first stem of one of
// the phrases of Topics.
func StartsTopic(term string) bool { return topicStarts[term] != nil }

// IsMeetingCueTerm reports whether an index term marks a sentence that
// reports a meeting or visit: whether it is the term of a meeting cue
// word, so of every form that shares the cue's stem ("talked" with
// "talks", "negotiating" with "negotiations").
func IsMeetingCueTerm(t string) bool { return meetingCueTerms[t] }

// meetingCueTerms are the index terms of meetingCues.
var meetingCueTerms = func() map[string]bool {
	m := make(map[string]bool, len(MeetingCues))
	for w := range MeetingCues {
		for _, t := range Terms(w) {
			m[t] = true
		}
	}
	return m
}()
