package benchcorpus

// The vocabulary the generator draws from. Every person name is invented:
// first names and surnames are realistic for the region but are combined
// at random and checked (in the tests) against the real corpora, so no
// generated person is a real person of the releases.

// nation is a country the generator writes about.
type nation struct {
	Country string
	Adj     string
	// Offices are the offices its people hold, most senior first.
	Offices []string
	Cities  []string
	First   [2][]string // [male, female]
	Last    []string
	// Variants are alternative transliterations of first names.
	Variants map[string]string
	// LastVariants are alternative transliterations of surnames.
	LastVariants map[string]string
	// Plain are ASCII spellings used in parentheses form
	// ("Maris Kalnins (Kalniņš)").
	Plain bool
}

var nations = []nation{
	{
		Country: "Finland", Adj: "Finnish",
		Offices: []string{"Minister of the Interior", "Minister of Justice", "National Police Commissioner", "Chief of the Border Guard", "Director General of Customs", "Permanent Secretary of the Ministry of the Interior", "Head of the Police Department"},
		Cities:  []string{"Helsinki", "Vantaa", "Espoo", "Tampere", "Turku", "Oulu", "Lappeenranta", "Joensuu", "Rovaniemi", "Kuopio"},
		First:   [2][]string{{"Aatu", "Eero", "Joonas", "Lauri", "Mikael", "Oskari", "Pertti", "Sami", "Tapani", "Veikko", "Juho", "Kalle", "Harri", "Ilkka", "Markku"}, {"Aino", "Elina", "Hanna", "Kaisa", "Liisa", "Minna", "Outi", "Päivi", "Riikka", "Sanna", "Tuula", "Hilkka", "Johanna", "Pirjo", "Sirpa"}},
		Last:    []string{"Mäkelä", "Hämäläinen", "Koskinen", "Lehtonen", "Nieminen", "Saarinen", "Heikkilä", "Järvinen", "Laaksonen", "Kettunen", "Väisänen", "Pöllänen", "Kärkkäinen", "Leinonen", "Tuominen", "Salmela", "Honkanen", "Ylönen", "Vuorela", "Kallioniemi", "Peltola", "Rautio", "Lindqvist", "Sjöblom"},
	},
	{
		Country: "Russia", Adj: "Russian",
		Offices: []string{"Minister of Internal Affairs", "Deputy Minister of Internal Affairs", "Head of the Main Directorate for Migration Issues", "Chief of the Administration for International Cooperation", "Head of the Federal Customs Service", "Director of the Federal Penitentiary Service"},
		Cities:  []string{"Moscow", "St. Petersburg", "Murmansk", "Petrozavodsk", "Kaliningrad", "Pskov", "Vyborg", "Arkhangelsk"},
		First:   [2][]string{{"Aleksandr", "Sergei", "Dmitri", "Andrei", "Yevgeny", "Nikolai", "Mikhail", "Oleg", "Viktor", "Yuri", "Aleksei", "Gennady", "Igor", "Stanislav", "Fyodor"}, {"Yelena", "Natalia", "Svetlana", "Tatiana", "Irina", "Olga", "Marina", "Lyudmila", "Galina", "Yulia", "Anastasia", "Vera", "Zoya", "Larisa", "Nadezhda"}},
		Last:    []string{"Fadeev", "Zhuravlev", "Belyaev", "Seleznev", "Korolyov", "Gromov", "Vorontsov", "Sokolnikov", "Tikhomirov", "Arkhipov", "Lebedinsky", "Shcherbakov", "Kuzmichev", "Yermolov", "Ostrovsky", "Polyakov", "Gorbunov", "Sidorenko", "Zaitsev", "Rybakov", "Chernyshev", "Kalashnikov", "Mironenko", "Vasnetsov", "Bogdanov"},
		Variants: map[string]string{
			"Aleksandr": "Alexander", "Sergei": "Sergey", "Dmitri": "Dmitry", "Andrei": "Andrey", "Yevgeny": "Evgeny",
			"Nikolai": "Nikolay", "Aleksei": "Alexey", "Yuri": "Yury", "Fyodor": "Fedor", "Yelena": "Elena",
			"Natalia": "Natalya", "Tatiana": "Tatyana", "Yulia": "Julia",
		},
		LastVariants: map[string]string{
			"Fadeev": "Fadeyev", "Zhuravlev": "Zhuravlyov", "Belyaev": "Belyayev", "Seleznev": "Seleznyov",
			"Korolyov": "Korolev", "Yermolov": "Ermolov", "Chernyshev": "Chernyshov",
		},
	},
	{
		Country: "Sweden", Adj: "Swedish",
		Offices: []string{"Minister for Home Affairs", "Minister for Justice", "National Police Commissioner", "Director General of the Swedish Customs", "State Secretary to the Minister for Justice"},
		Cities:  []string{"Stockholm", "Gothenburg", "Malmö", "Uppsala", "Haparanda", "Kiruna", "Luleå"},
		First:   [2][]string{{"Anders", "Björn", "Fredrik", "Gustaf", "Henrik", "Johan", "Magnus", "Nils", "Olof", "Torbjörn"}, {"Annika", "Birgitta", "Ebba", "Ingrid", "Karin", "Linnéa", "Maja", "Sofia", "Ulrika", "Åsa"}},
		Last:    []string{"Åström", "Lindström", "Bergqvist", "Sandberg", "Holmgren", "Engström", "Lundqvist", "Nyberg", "Wallin", "Sjögren", "Ekdahl", "Forsberg", "Hedlund", "Söderlund", "Norrby"},
	},
	{
		Country: "Norway", Adj: "Norwegian",
		Offices: []string{"Minister of Justice and Public Security", "Chief of Police", "Director of the Police Directorate"},
		Cities:  []string{"Oslo", "Kirkenes", "Tromsø", "Bergen", "Trondheim", "Bodø"},
		First:   [2][]string{{"Håkon", "Sindre", "Torstein", "Øyvind", "Eirik", "Knut", "Sverre", "Vegard"}, {"Ingvild", "Solveig", "Ragnhild", "Sigrid", "Marte", "Tone", "Kari", "Siri"}},
		Last:    []string{"Sørensen", "Haugland", "Bjørnstad", "Fjeldheim", "Rønning", "Østby", "Strand", "Moen", "Aasheim", "Nygård", "Tveit", "Lunde"},
	},
	{
		Country: "Estonia", Adj: "Estonian",
		Offices: []string{"Minister of the Interior", "Director General of the Police and Border Guard Board", "Secretary General of the Ministry of the Interior"},
		Cities:  []string{"Tallinn", "Tartu", "Narva"},
		First:   [2][]string{{"Tõnis", "Priit", "Jüri", "Margus", "Rein", "Urmas", "Indrek", "Toomas"}, {"Kadri", "Liina", "Maarja", "Piret", "Tiina", "Ülle", "Kersti", "Merike"}},
		Last:    []string{"Kõiv", "Tamm", "Saar", "Mägi", "Põder", "Kask", "Rebane", "Ilves", "Pärn", "Lepik", "Kütt", "Sepp"},
	},
	{
		Country: "Latvia", Adj: "Latvian",
		Offices: []string{"Minister of the Interior", "Chief of the State Police", "Chief of the State Border Guard"},
		Cities:  []string{"Riga", "Daugavpils"},
		First:   [2][]string{{"Jānis", "Māris", "Edgars", "Kārlis", "Raimonds", "Valdis", "Uldis", "Artūrs"}, {"Ilze", "Līga", "Dace", "Inese", "Zane", "Baiba", "Sarmīte", "Anete"}},
		Last:    []string{"Bērziņš", "Kalniņš", "Ozoliņš", "Liepiņš", "Krūmiņš", "Vītols", "Zariņš", "Jansons", "Ābele", "Pētersons"},
		Plain:   true,
	},
	{
		Country: "Lithuania", Adj: "Lithuanian",
		Offices: []string{"Minister of the Interior", "Commander of the State Border Guard Service", "Police Commissioner General"},
		Cities:  []string{"Vilnius", "Kaunas", "Klaipeda"},
		First:   [2][]string{{"Žydrūnas", "Mindaugas", "Saulius", "Darius", "Rimantas", "Vytautas", "Giedrius", "Arūnas"}, {"Rasa", "Eglė", "Jūratė", "Ieva", "Aušra", "Vaida", "Rūta", "Daiva"}},
		Last:    []string{"Žilinskas", "Šimkus", "Kazlauskas", "Petrauskas", "Jankauskas", "Stankevičius", "Vaitkus", "Butkus", "Navickas", "Urbonas"},
	},
}

// topics are subjects of discussion, worded as the releases word them.
var topics = []string{
	"combating cross-border crime", "the migration situation", "illegal immigration", "drug trafficking",
	"cybercrime", "the exchange of information between police authorities", "border security",
	"the fight against organised crime", "human trafficking", "money laundering", "the transfer of prisoners",
	"the situation at the external border", "civil preparedness", "road traffic safety at border crossing points",
	"the prevention of terrorism", "the return of persons without a right of residence",
}

// agreementSubjects complete "agreement on ..." and "memorandum of understanding on ...".
var agreementSubjects = []string{
	"cooperation in combating crime", "police cooperation in border areas", "readmission", "the transfer of sentenced persons",
	"the exchange of operational information", "cooperation in the field of migration", "joint border patrols",
	"mutual assistance in customs matters", "cooperation in preventing cybercrime", "search and rescue at sea",
}

var agreementKinds = []string{"agreement", "memorandum of understanding", "protocol", "cooperation plan"}

// figures are sentences with numbers; %d is replaced.
var figures = []string{
	"In %d, the border guard recorded %d illegal border crossings, %d per cent more than the year before.",
	"According to the ministry, %d migrants applied for asylum in %d, and %d of them were returned.",
	"Customs officers seized %d kilograms of narcotics in %d, compared with %d kilograms a year earlier.",
	"Some %d officers took part in %d joint operations during %d.",
}

var quotes = []string{
	"Cooperation between our authorities is working well and we want to develop it further",
	"We had a very constructive conversation and agreed on concrete next steps",
	"Exchange of information is the basis of everything we do together",
	"Our common border must remain safe for the people living on both sides",
	"Organised crime does not respect borders, and neither can our response",
}

var chrome = []string{"Skip to content", "Post sponsored by", "Share this page", "Back to top", "Print this page"}

var publishers = []string{"Ministry of the Interior", "Ministry of Justice", "Police Department", "Border Guard Headquarters", "Government Communications Department"}

var weekdayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var contactTitles = []string{"Senior Specialist", "Communications Director", "Press Officer", "Senior Adviser"}

// background are context sentences without meeting cues; {A} and {B} are
// country adjectives, {CA} and {CB} countries, {T} a topic, {Y} a year.
var background = []string{
	"Cooperation between the {A} and {B} authorities has a long history and today covers {T} as well as many practical questions of everyday police work.",
	"The number of people crossing the border between {CA} and {CB} has grown steadily over the past decade, which places new demands on the authorities of both countries.",
	"Both sides stressed the importance of regular contacts between experts at every level of the administration.",
	"Joint training of border guards and police officers will continue in {Y}, with courses organised alternately in both countries.",
	"Practical cooperation at the local level is carried out by the police departments and border guard stations in the border regions.",
	"Experts from both countries will prepare a joint report on {T} by the end of the year.",
	"The authorities have also agreed to simplify the exchange of statistics on {T}.",
	"Particular attention was paid to {T}, which remains one of the main challenges for the law enforcement authorities of the region.",
	"The parties noted that the results achieved so far show that the chosen approach works and should be continued.",
	"A working programme for the coming two years was prepared by the expert groups in advance.",
	"The ministries will report on the progress made to their governments in the autumn.",
	"According to the police, the share of solved cases involving citizens of the neighbouring country has increased markedly.",
}
