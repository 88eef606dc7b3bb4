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
}
