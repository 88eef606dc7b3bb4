package knowledge

import (
	"fmt"
	"liaison/knowledge/dates"
	"strings"
)

// Evidence is where a fact was read: the release file and the sentence.
type Evidence struct {
	File     string `json:"file"`
	Sentence string `json:"sentence"`
}

// ExportedBase is the fact base in a form meant for people and tools:
// every fact with its evidence spelled out. `liaison facts --json` prints it.
type ExportedBase struct {
	Documents  []ExportedDocument  `json:"documents"`
	People     []ExportedPerson    `json:"people"`
	Meetings   []ExportedMeeting   `json:"meetings"`
	Agreements []ExportedAgreement `json:"agreements"`
	Figures    []Evidence          `json:"figures"`
	Skipped    []Skipped           `json:"skipped,omitempty"`
}

// ExportedDocument is a release's metadata.
type ExportedDocument struct {
	File      string `json:"file"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	// Date is the publication date, ISO and partial where the release
	// is ("2017-10", "2017"), with XXXX for a year it does not print
	// ("XXXX-11-24", as the Extended Date/Time Format writes it).
	Date      string   `json:"date,omitempty"`
	Sentences int      `json:"sentences"`
	Warnings  []string `json:"warnings,omitempty"`
}

// ExportedPerson is a person with offices and evidence.
type ExportedPerson struct {
	Name    string           `json:"name"`
	Country string           `json:"country,omitempty"`
	Aliases []string         `json:"aliases"`
	Offices []ExportedOffice `json:"offices,omitempty"`
}

// ExportedOffice is one office with its evidence.
type ExportedOffice struct {
	Title    string   `json:"title"`
	Evidence Evidence `json:"evidence"`
}

// ExportedMeeting is a meeting with its evidence.
type ExportedMeeting struct {
	Name          string   `json:"name,omitempty"`
	Date          string   `json:"date,omitempty"`
	DateAsWritten string   `json:"date_as_written,omitempty"`
	Places        []string `json:"places,omitempty"`
	Participants  []string `json:"participants,omitempty"`
	Countries     []string `json:"countries,omitempty"`
	Topics        []string `json:"topics,omitempty"`
	Outcomes      []string `json:"outcomes,omitempty"`
	Evidence      Evidence `json:"evidence"`
}

// ExportedAgreement is an agreement with its evidence.
type ExportedAgreement struct {
	Name        string   `json:"name"`
	Parties     []string `json:"parties,omitempty"`
	Signatories []string `json:"signatories,omitempty"`
	Signed      string   `json:"signed,omitempty"`
	SignedVerb  string   `json:"signed_verb,omitempty"`
	Place       string   `json:"place,omitempty"`
	// SignedFrom says where a date of signing the release does not give
	// with the signing comes from: "the meeting" it was signed at, or
	// "the release date".
	SignedFrom string `json:"signed_from,omitempty"`
	Status     string `json:"status,omitempty"`
	// StatusEvidence is the sentence the status was read from.
	StatusEvidence *Evidence `json:"status_evidence,omitempty"`
	Expires        string    `json:"expires,omitempty"`
	Initiator      string    `json:"initiator,omitempty"`
	Evidence       Evidence  `json:"evidence"`
}

// exportDate is d in ISO form, with XXXX for an unknown year.
func exportDate(d dates.Date) string {
	if d.Year == 0 && d.Month != 0 && d.Day != 0 {
		return fmt.Sprintf("XXXX-%02d-%02d", d.Month, d.Day)
	}
	return d.ISO()
}

func (b *Base) evidence(s int) Evidence {
	if s < 0 || s >= len(b.Sentences) {
		return Evidence{}
	}
	return Evidence{File: b.Docs[b.Sentences[s].Doc].File, Sentence: b.Sentences[s].Text}
}

// Export returns the fact base with evidence spelled out.
func Export(b *Base) ExportedBase {
	var e ExportedBase
	for _, d := range b.Docs {
		e.Documents = append(e.Documents, ExportedDocument{File: d.File, Title: d.Title, Publisher: d.Publisher,
			URL: d.URL, Date: exportDate(d.Date), Sentences: len(d.Sentences), Warnings: d.Warnings})
	}
	for _, p := range b.People {
		ep := ExportedPerson{Name: p.Name, Country: p.Country, Aliases: p.Aliases}
		for _, o := range p.Offices {
			ep.Offices = append(ep.Offices, ExportedOffice{Title: o.Title, Evidence: b.evidence(o.Evidence)})
		}
		e.People = append(e.People, ep)
	}
	for _, m := range b.Meetings {
		em := ExportedMeeting{Name: m.Name, Date: m.Date.Human(), Countries: m.Countries, Evidence: b.evidence(m.Anchor)}
		if m.Date.Relative || m.Date.Inferred {
			em.DateAsWritten = m.Date.Text
		}
		for _, pl := range m.Places {
			em.Places = append(em.Places, pl.Name)
		}
		for _, id := range m.Participants {
			em.Participants = append(em.Participants, b.People[id].Name)
		}
		for _, t := range m.Topics {
			em.Topics = append(em.Topics, t.Name)
		}
		for _, s := range m.Outcomes {
			em.Outcomes = append(em.Outcomes, b.Sentences[s].Text)
		}
		e.Meetings = append(e.Meetings, em)
	}
	for _, a := range b.Agreements {
		ea := ExportedAgreement{Name: a.Name, Parties: a.Parties, Signed: a.Signed.Human(), SignedVerb: a.SignedVerb,
			Place: a.Place, Status: a.Status, Expires: a.Expires.Human(), Initiator: a.Initiator}
		for _, id := range a.Signatories {
			ea.Signatories = append(ea.Signatories, b.People[id].Name)
		}
		switch {
		case a.SignedInferred:
			ea.SignedFrom = "the meeting"
		case a.SignedReported:
			ea.SignedFrom = "the release date"
		}
		if a.StatusEvidence >= 0 {
			se := b.evidence(a.StatusEvidence)
			ea.StatusEvidence = &se
		}
		ev := a.SignedEvidence
		if ev < 0 && len(a.Sentences) > 0 {
			ev = a.Sentences[0]
		}
		ea.Evidence = b.evidence(ev)
		e.Agreements = append(e.Agreements, ea)
	}
	for _, s := range b.Figures {
		e.Figures = append(e.Figures, b.evidence(s))
	}
	e.Skipped = b.Skipped
	return e
}

// Report renders the fact base as text for a person to review: what the
// bot believes and the sentence each belief comes from.
func Report(b *Base) string {
	e := Export(b)
	var w strings.Builder
	st := b.Stats()
	fmt.Fprintf(&w, "%d releases, %d people, %d meetings, %d agreements, %d figures and statements\n",
		st.Releases, st.People, st.Meetings, st.Agreements, st.Figures)
	w.WriteString("\nRELEASES\n")
	for _, d := range e.Documents {
		date := d.Date
		if date == "" {
			date = "undated"
		}
		title := d.Title
		if title == "" {
			title = "(no title)"
		}
		fmt.Fprintf(&w, "- %s: %s [%s]", d.File, title, date)
		if d.Publisher != "" {
			fmt.Fprintf(&w, " by %s", d.Publisher)
		}
		if d.URL != "" {
			fmt.Fprintf(&w, " <%s>", d.URL)
		}
		w.WriteString("\n")
		for _, x := range d.Warnings {
			fmt.Fprintf(&w, "    warning: %s\n", x)
		}
	}
	for _, s := range e.Skipped {
		fmt.Fprintf(&w, "- %s: SKIPPED (%s)\n", s.File, s.Reason)
	}
	w.WriteString("\nPEOPLE\n")
	for _, p := range e.People {
		fmt.Fprintf(&w, "- %s", p.Name)
		if p.Country != "" {
			fmt.Fprintf(&w, " [%s]", p.Country)
		}
		w.WriteString("\n")
		for _, o := range p.Offices {
			fmt.Fprintf(&w, "    %s  (%s)\n", o.Title, o.Evidence.File)
		}
	}
	w.WriteString("\nMEETINGS\n")
	for _, m := range e.Meetings {
		date := m.Date
		if date == "" {
			date = "date not stated"
		}
		if m.DateAsWritten != "" {
			date += fmt.Sprintf(" (from %q)", m.DateAsWritten)
		}
		fmt.Fprintf(&w, "- %s, %s", date, strings.Join(m.Places, ", then "))
		if m.Name != "" {
			fmt.Fprintf(&w, ": %s", m.Name)
		}
		w.WriteString("\n")
		if len(m.Participants) > 0 {
			fmt.Fprintf(&w, "    participants: %s\n", strings.Join(m.Participants, "; "))
		}
		if len(m.Countries) > 0 {
			fmt.Fprintf(&w, "    countries: %s\n", strings.Join(m.Countries, ", "))
		}
		if len(m.Topics) > 0 {
			fmt.Fprintf(&w, "    topics: %s\n", strings.Join(m.Topics, ", "))
		}
		for _, o := range m.Outcomes {
			fmt.Fprintf(&w, "    outcome: %s\n", o)
		}
		fmt.Fprintf(&w, "    source: %s: %q\n", m.Evidence.File, m.Evidence.Sentence)
	}
	w.WriteString("\nAGREEMENTS\n")
	for _, a := range e.Agreements {
		fmt.Fprintf(&w, "- %s", a.Name)
		if len(a.Parties) > 0 {
			fmt.Fprintf(&w, " (%s)", strings.Join(a.Parties, ", "))
		}
		w.WriteString("\n")
		if a.Signed != "" {
			fmt.Fprintf(&w, "    %s: %s\n", orDefault(a.SignedVerb, "signed"), a.Signed)
		}
		if len(a.Signatories) > 0 {
			fmt.Fprintf(&w, "    signed by: %s\n", strings.Join(a.Signatories, "; "))
		}
		if a.Place != "" {
			fmt.Fprintf(&w, "    place: %s\n", a.Place)
		}
		if a.Status != "" {
			fmt.Fprintf(&w, "    status: %s\n", a.Status)
		}
		if a.Expires != "" {
			fmt.Fprintf(&w, "    expires: %s\n", a.Expires)
		}
		if a.Initiator != "" {
			fmt.Fprintf(&w, "    initiated by: %s\n", a.Initiator)
		}
		fmt.Fprintf(&w, "    source: %s: %q\n", a.Evidence.File, a.Evidence.Sentence)
	}
	w.WriteString("\nFIGURES AND STATEMENTS\n")
	for _, f := range e.Figures {
		fmt.Fprintf(&w, "- %s: %s\n", f.File, f.Sentence)
	}
	return w.String()
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
