package knowledge

// classCases are the extraction classes and the fictional releases that
// show them (see classes_test.go).
var classCases = []classCase{
	// release dates
	{class: "date/agency dateline without a year", file: "date-agency-dateline.txt", date: "XXXX-03-03"},
	{class: "date/agency and dotted year-first header", file: "date-header-agency.txt", date: "2021-06-14"},
	{class: "date/American header with AM and a dateline", file: "date-header-us.txt", date: "2019-06-03"},
	{class: "date/submitted on a weekday, month first", file: "date-submitted.txt", date: "2013-10-15"},
	{class: "date/a lead's date is the meeting's, not the release's", file: "date-lead-only.txt", date: "-",
		meetings: []wantMeeting{{with: "Kivisild", date: "16 May 2019", place: "Tallinn"}}},
	{class: "date/ambiguous slashes leave the date empty", file: "date-slash-ambiguous.txt", date: "-"},

	// people, offices and countries
	{class: "people/list of offices and names takes each office from its own name", file: "people-list.txt",
		people: []wantPerson{
			{"Tomasz Wrzos", "Poland", "Minister"},
			{"Jurgita Sadauskienė", "Lithuania", "Minister of the Interior of the Republic of Lithuania"},
			{"Edgars Kalniņš", "Latvia", "Minister for Interior of the Republic of Latvia"},
			{"Marko Tamm", "Estonia", "Minister of the Interior of the Republic of Estonia"},
		},
		notPeople: []string{"Wrzos Minister"}},
	{class: "people/title-case headline words are no one", file: "people-title-case.txt",
		people: []wantPerson{{"Kadri Saar", "", "Deputy Director General"}}, notPeople: []string{"Discuss", "Crossborder", "Checkpoint"}},
	{class: "people/full name and double surname are one person", file: "people-double-surname.txt",
		people:  []wantPerson{{"Anna Berg Holm", "", "Minister of Justice"}, {"Lars Öberg", "Sweden", "Minister for Justice"}},
		nPeople: 2},
	{class: "people/officials of bodies operating under a country's ministry", file: "people-subordinate.txt",
		people: []wantPerson{{"Irina Volkova", "Russia", "Head of the Main Directorate for Migration Affairs"},
			{"Pavel Sokolov", "Russia", ""}, {"Maria Laine", "Finland", ""}, {"Pyotr Sergeyev", "Russia", ""}}},
	{class: "people/a minister of the ministry the headline is about", file: "people-home.txt",
		people: []wantPerson{{"Maris Kalnins", "Latvia", "Interior Minister"}}},
	{class: "people/region words after an office are no one", file: "people-region-words.txt",
		people: []wantPerson{{"Ilze Ozola", "", "State Secretary of the Ministry of Justice"}}, notPeople: []string{"Partnership"}},
	{class: "people/its head is the head of the body named before", file: "people-its-head.txt",
		people: []wantPerson{{"Antanas Bielskis", "Lithuania", "Director of the Customs Department of Lithuania"},
			{"Marek Zawada", "Poland", "Head of the National Revenue Administration"}},
		meetings: []wantMeeting{{with: "Zawada", date: "4 July 2014", place: "Warsaw", participants: []string{"Bielskis", "Zawada"}}},
		agreements: []wantAgreement{{name: "Protocol on the concept of pilot project “Blue Lane”", parties: []string{"Lithuania", "Poland"},
			signed: "4 July 2014"}}},

	// agreements: parties, signing, status
	{class: "agreements/hyphenated group's protocol signed at its meeting", file: "agr-group-protocol.txt", date: "-",
		meetings:   []wantMeeting{{with: "Lind", date: "12 March 2019", place: "Luleå"}},
		agreements: []wantAgreement{{name: "trilateral protocol", parties: []string{"Sweden", "Norway", "Finland"}, signed: "12 March 2019"}}},
	{class: "agreements/between a country and a body; negotiated is planned, replaced is in force", file: "agr-between.txt",
		agreements: []wantAgreement{
			{name: "Agreement on Operational Cooperation", parties: []string{"Ukraine", "Eurojust"}, signed: "-", status: "planned"},
			{name: "cooperation memorandum", parties: []string{"Ukraine", "Eurojust"}, signed: "2 May 2008", status: "in force"},
		}, nAgreed: 2},
	{class: "agreements/based on, denounced, suspended, enters into force", file: "agr-status.txt",
		agreements: []wantAgreement{
			{name: "agreement on fisheries control", parties: []string{"Norway", "Russia"}, signed: "1998", status: "in force"},
			{name: "treaty on mutual legal assistance", parties: []string{"Denmark", "Belarus"}, status: "terminated"},
			{name: "memorandum on customs data exchange", parties: []string{"Sweden", "Russia"}, status: "terminated"},
			{name: "agreement on police cooperation in the border area", parties: []string{"Estonia", "Latvia"}, signed: "-", status: "in force"},
		}, nAgreed: 4},
	{class: "agreements/withdrawn signature and hope of signing is planned", file: "agr-withdrawn.txt", date: "XXXX-10-02",
		agreements: []wantAgreement{{name: "border treaty", parties: []string{"Latvia", "Russia"}, signed: "12 March", status: "planned"}},
		nAgreed:    1},
	{class: "agreements/a meeting's date only for what was signed at it", file: "agr-meeting-date.txt",
		agreements: []wantAgreement{
			{name: "readmission agreement", signed: "-", status: "in force"},
			{name: "memorandum of understanding on cybercrime", signed: "5 May 2021"},
		}},
	{class: "agreements/a package is its listed agreements", file: "agr-package.txt",
		agreements: []wantAgreement{
			{name: "agreement on road transport", signed: "14 September 2023", parties: []string{"Estonia", "Ukraine"}},
			{name: "memorandum on cyber security", signed: "14 September 2023"},
			{name: "protocol on customs cooperation", signed: "14 September 2023"},
		}, notAgreed: []string{"eight"}, nAgreed: 3},
	{class: "agreements/no agreement, agreement reached, deal with are no documents", file: "agr-not-documents.txt", nAgreed: -1},
	{class: "agreements/the two governments are the two countries of the headline", file: "agr-two-countries.txt",
		agreements: []wantAgreement{{name: "agreement", parties: []string{"Estonia", "Latvia"}, status: "in force"}}},
	{class: "agreements/a list after existing bilateral agreements: in force, the two countries", file: "agr-collective-list.txt",
		agreements: []wantAgreement{
			{name: "crime prevention agreement", parties: []string{"Estonia", "Latvia"}, status: "in force"},
			{name: "agreement concerning the settlement of border incidents", parties: []string{"Estonia", "Latvia"}, status: "in force"},
		}, notAgreed: []string{"bilateral agreements"}, nAgreed: 2},
	{class: "agreements/signed today: not planned, not yet in force", file: "agr-signed-today.txt",
		agreements: []wantAgreement{{name: "agreement on joint police patrols", parties: []string{"Lithuania", "Poland"}, status: "-"}},
		nAgreed:    1},
	{class: "people/the country of the body that hosts, not of a presidency named later", file: "people-host-country.txt",
		people: []wantPerson{{"Jens Kühne", "Germany", "Parliamentary State Secretary"},
			{"Lukas Brenner", "Germany", "member of the Committee of Senior Officials"}}},
}
