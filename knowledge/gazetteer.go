package knowledge

import "strings"

// This file holds the general vocabularies extraction relies on: countries
// and their adjectives, cities of the region, office and organisation
// words, and the topic vocabulary. None of it names a person or a release.

// countryForms maps a country to the other names and adjectives used for it.
var countryForms = map[string][]string{
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

// cityCountry maps cities and towns of the region to their country. Places
// not listed are still found from their context ("in X, Norway").
var cityCountry = map[string]string{
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

// capitals are where each country's ministries sit.
var capitals = map[string]string{
	"Finland": "Helsinki", "Russia": "Moscow", "Sweden": "Stockholm", "Norway": "Oslo", "Denmark": "Copenhagen",
	"Iceland": "Reykjavik", "Estonia": "Tallinn", "Latvia": "Riga", "Lithuania": "Vilnius", "Poland": "Warsaw",
	"Germany": "Berlin", "Belarus": "Minsk", "Ukraine": "Kyiv", "Belgium": "Brussels", "Netherlands": "The Hague",
	"France": "Paris", "United Kingdom": "London", "Austria": "Vienna", "Italy": "Rome", "Spain": "Madrid",
	"Portugal": "Lisbon", "Czech Republic": "Prague", "Hungary": "Budapest", "United States": "Washington",
	"Turkey": "Ankara", "China": "Beijing", "Switzerland": "Bern", "Romania": "Bucharest",
}

// officeHeads are words that head an office or rank ("Minister of ...").
var officeHeads = wordSet(`minister ministers chief chiefs head heads director directors chairman
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
var orgWords = wordSet(`ministry ministries affairs interior internal home foreign justice defence defense
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

// honorifics precede a name and are not part of it.
var honorifics = wordSet(`mr mrs ms miss dr prof professor sir madam mme herr frau`)

// sentenceWords are capitalised words that start sentences or phrases and
// are never part of a person's name.
var sentenceWords = wordSet(`the a an this that these those there here it its he she they we i you our
their his her in on at by for from with to of and or but as after before during when while since
until according also however moreover furthermore meanwhile today yesterday tomorrow last next
other others both all each every many most some such no not new old first second third
about around over under between among within without against into onto upon via per
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december photo foto source press release publication
published date inquiries enquiries contact contacts tel email read more share print skip
content menu home news minister's ministers' talks meeting meetings agreement memorandum
protocol treaty plan plans`)

// functionWords are never part of a name.
var functionWords = wordSet(`a an the and or but if of to in on at by for from with as is are was were be been being
this that these those it its they them their there here he she his her we our you your i me my
do does did done have has had having will would shall should can could may might must
not no nor so than too very also just only about into over after before during while
what which who whom whose when where why how
s t am up out off then once any all both each few more most other some such own same
tell me please show list give know find let us any anything something`)

// genericWords are ordinary words that say little about what a question
// is about; they are dropped from index terms but can be surnames.
var genericWords = wordSet(`under given give gives get gets got getting make makes made take takes taken took put use used using
example examples kind kinds type types sort sorts way ways thing things like roughly approximately around
happen happened happens mention mentioned mentions according say says tell told ask asked answer
exactly really actually ever still already yet even well much many long often`)

// stopWords are dropped from index terms and questions.
var stopWords = union(functionWords, genericWords)

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
var meetingCues = wordSet(`met meet meets meeting meetings talks visit visited visits visiting convened
convene held hosted received summit conference session consultations negotiations negotiated
discussed discuss discussing discusses`)

// agreementNouns head the name of an agreement.
var agreementNouns = wordSet(`agreement agreements memorandum protocol treaty treaties convention accord deal
arrangement mou plan plans declaration roadmap`)

// months maps month names and abbreviations to their number.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// weekdays maps weekday names to time.Weekday numbers.
var weekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// MonthOf returns the number of the month a word names, in any case and
// with or without a trailing full stop ("October", "Nov.", "sept"), or 0.
func MonthOf(w string) int { return months[strings.ToLower(strings.TrimSuffix(w, "."))] }

// IsWeekday reports whether a word, in any case, names a day of the week.
func IsWeekday(w string) bool {
	_, ok := weekdays[strings.ToLower(w)]
	return ok
}

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

// demonymCountry maps folded adjectives and alternative names to their
// country; countryNames holds every folded form of every country.
var demonymCountry, countryNames = buildCountryForms()

func buildCountryForms() (map[string]string, map[string]string) {
	dem := map[string]string{}
	names := map[string]string{}
	for c, forms := range countryForms {
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
	return countryNames[Fold(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"))]
}

func wordSet(s string) map[string]bool {
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
	for _, f := range countryForms[country] {
		if !strings.Contains(f, " ") && strings.ToLower(f) != strings.ToLower(country) && !strings.HasSuffix(f, "s") || f == "Swiss" {
			return f
		}
	}
	return ""
}

// Countries lists the countries of the gazetteer.
func Countries() []string {
	out := make([]string, 0, len(countryForms))
	for c := range countryForms {
		out = append(out, c)
	}
	return out
}
