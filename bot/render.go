package bot

import (
	"fmt"
	"strconv"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

// PlainText renders a reply as plain text: the summary, the details, the
// "did you mean" suggestions and the numbered sources with their quotes
// and links.
// It is what the terminal shows and the "answer" of `liaison ask --json`;
// chat adapters render the same parts in their own markup.
func PlainText(r Reply) string {
	var b strings.Builder
	b.WriteString(r.Text())
	if len(r.Sources) > 0 {
		b.WriteString("\nSources:")
		for i, s := range r.Sources {
			fmt.Fprintf(&b, "\n[%d] %s", i+1, SourceLabel(s))
			if s.Quote != "" {
				fmt.Fprintf(&b, ": “%s”", s.Quote)
			}
			if u := SafeURL(s.URL); u != "" {
				fmt.Fprintf(&b, " <%s>", u)
			}
		}
	}
	return b.String()
}

// SourceLabel names a source for people: "Title (25 October 2017, file.txt)".
func SourceLabel(s Source) string {
	var meta []string
	if s.Date != "" {
		meta = append(meta, HumanDate(s.Date))
	}
	title := s.Title
	if title == "" {
		title = s.Doc
	} else if s.Doc != "" {
		meta = append(meta, s.Doc)
	}
	if len(meta) == 0 {
		return title
	}
	return title + " (" + strings.Join(meta, ", ") + ")"
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// HumanDate turns "2017-10-25" into "25 October 2017" (and "2011-09" into
// "September 2011"); other strings are returned as they are.
func HumanDate(iso string) string {
	var y, m, d int
	switch len(iso) {
	case 10:
		if _, err := fmt.Sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); err == nil && m >= 1 && m <= 12 {
			return fmt.Sprintf("%d %s %d", d, monthNames[m-1], y)
		}
	case 7:
		if _, err := fmt.Sscanf(iso, "%4d-%2d", &y, &m); err == nil && m >= 1 && m <= 12 {
			return fmt.Sprintf("%s %d", monthNames[m-1], y)
		}
	}
	return iso
}

func (a *answerer) source(sentence int) Source {
	d := a.b.Doc(sentence)
	return Source{Doc: d.File, Title: d.Title, Date: d.Date.ISO(), Quote: a.b.Sentences[sentence].Text, URL: d.URL}
}

type sourceSet struct {
	a    *answerer
	seen map[int]bool
	out  []Source
}

func (a *answerer) newSources() *sourceSet { return &sourceSet{a: a, seen: map[int]bool{}} }

func (s *sourceSet) add(sentence int) {
	if sentence < 0 || s.seen[sentence] {
		return
	}
	s.seen[sentence] = true
	s.out = append(s.out, s.a.source(sentence))
}

// personLabel is "Name (office, country)".
func personLabel(p *knowledge.Person) string {
	office := ""
	for _, o := range p.Offices {
		if strings.Contains(o.Title, " ") && (office == "" || len(o.Title) < len(office)) {
			office = o.Title
		}
	}
	if office == "" && len(p.Offices) > 0 {
		office = p.Offices[0].Title
	}
	var parts []string
	if office != "" {
		parts = append(parts, office)
	}
	if p.Country != "" && lang.CountryIn(office) != p.Country {
		parts = append(parts, p.Country)
	}
	if len(parts) == 0 {
		return p.Name
	}
	return p.Name + " (" + strings.Join(parts, ", ") + ")"
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func (a *answerer) meetingDate(m *knowledge.Meeting) string { return a.meetingDateAround(m, " (", ")") }

// meetingDateInline is meetingDate for use inside parentheses: "date not
// stated; release of 19 July 2019".
func (a *answerer) meetingDateInline(m *knowledge.Meeting) string {
	return a.meetingDateAround(m, "; ", "")
}

// meetingDateAround is meetingDate with the release's date of an undated
// meeting set between open and close.
func (a *answerer) meetingDateAround(m *knowledge.Meeting, open, close string) string {
	if !m.Date.IsZero() || m.Date.Month != 0 {
		return m.Date.Human()
	}
	if d := a.b.Docs[m.Doc].Date; !d.IsZero() {
		return "date not stated" + open + "release of " + d.Human() + close
	}
	return "date not stated"
}

func placeNames(m *knowledge.Meeting) []string {
	var out []string
	for _, p := range m.Places {
		out = append(out, p.Name)
	}
	return out
}

// meetingLine describes a meeting in one line, naming the people in it
// other than skip.
func (a *answerer) meetingLine(m *knowledge.Meeting, skip map[int]bool) string {
	var who []string
	for _, pid := range m.Participants {
		if !skip[pid] {
			who = append(who, personLabel(a.b.People[pid]))
		}
	}
	var parts []string
	parts = append(parts, a.meetingDate(m))
	if pl := placeNames(m); len(pl) > 0 {
		parts = append(parts, strings.Join(pl, ", then "))
	}
	line := strings.Join(parts, ", ") + ":"
	if m.Name != "" {
		line += " " + m.Name
		if len(who) > 0 {
			line += ", with"
		}
	}
	switch {
	case len(who) > 0:
		line += " " + joinAnd(who)
	case m.Name == "":
		line += " " + clip(a.b.Sentences[a.bodyAnchor(m)].Text, 160)
	default:
		// a body that met, named without its people: what the release says
		line += " — " + clip(a.b.Sentences[a.bodyAnchor(m)].Text, 160)
	}
	return line
}

// bodyAnchor is the first sentence of the body of a release that reports
// meeting m, or its anchor when only the headline does.
func (a *answerer) bodyAnchor(m *knowledge.Meeting) int {
	for _, s := range m.Sentences {
		if !a.b.Sentences[s].Title {
			return s
		}
	}
	return m.Anchor
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func joinOr(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// demonymOf is the adjective of a country ("Finnish"), or the country.
func demonymOf(c string) string {
	if d := lang.Demonym(c); d != "" {
		return d
	}
	return c
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = appendStr(out, x)
	}
	return out
}

func datePrep(d dates.Date) string {
	if d.Day != 0 {
		return "on "
	}
	return "in "
}

func statusNote(ag *knowledge.Agreement) string {
	if ag.Status != "" {
		return ", now " + ag.Status
	}
	return ""
}

// holderLabel is "Name (title, country)" for a person in the office title
// (the country left out when the title names it).
func holderLabel(p *knowledge.Person, title string) string {
	if title == "" {
		return personLabel(p)
	}
	if p.Country != "" && lang.CountryIn(title) != p.Country {
		title += ", " + p.Country
	}
	return p.Name + " (" + title + ")"
}

// meetingHead opens a sentence about a meeting: "At the meeting of the X
// in Riga (23-24 May 2024), A and B"; people reports whether it names any.
func (a *answerer) meetingHead(m *knowledge.Meeting) (head string, people bool) {
	head = "At " + a.meetingPlaceDate(m)
	if who := a.participantNames(m); len(who) > 0 {
		return head + ", " + joinAnd(who), true
	}
	return head, false
}

// meetingPlaceDate names a meeting by its body, place and date: "the
// meeting of the X in Riga (23-24 May 2024)".
func (a *answerer) meetingPlaceDate(m *knowledge.Meeting) string {
	label := "the meeting"
	if m.Name != "" {
		label += " of the " + m.Name
	}
	if pl := placeNames(m); len(pl) > 0 {
		label += " in " + pl[0]
	}
	return label + " (" + a.meetingDateInline(m) + ")"
}

// participantNames are the names of m's participants.
func (a *answerer) participantNames(m *knowledge.Meeting) []string {
	var who []string
	for _, pid := range m.Participants {
		who = append(who, a.b.People[pid].Name)
	}
	return who
}

// meetingLabel names a meeting in a sentence: "the meeting of the X in
// Riga (23-24 May 2024) with A and B".
func (a *answerer) meetingLabel(m *knowledge.Meeting) string {
	if who := a.participantNames(m); len(who) > 0 {
		return a.meetingPlaceDate(m) + " with " + joinAnd(who)
	}
	return a.meetingPlaceDate(m)
}

// personIDs returns the IDs of ps, in order.
func personIDs(ps []*knowledge.Person) []int {
	ids := make([]int, len(ps))
	for i, q := range ps {
		ids[i] = q.ID
	}
	return ids
}

func yearStrings(ys []int) []string {
	out := make([]string, len(ys))
	for i, y := range ys {
		out[i] = strconv.Itoa(y)
	}
	return out
}

func (a *answerer) agreementLine(ag *knowledge.Agreement) string {
	line := ag.Name
	if len(ag.Parties) > 0 {
		line += " (" + strings.Join(ag.Parties, "–") + ")"
	}
	if !ag.Signed.IsZero() {
		verb := ag.SignedVerb
		if verb == "" || verb == "dating back to" {
			verb = "signed"
		}
		line += ", " + verb + " " + ag.Signed.Human()
		if ag.SignedReported {
			line += " (release date)"
		}
	}
	if ag.Status != "" {
		line += ", " + ag.Status
	}
	if !ag.Expires.IsZero() {
		line += ", expires " + ag.Expires.Human()
	}
	if ag.Initiator != "" {
		line += ", initiated by " + ag.Initiator
	}
	return line + " — " + a.b.Docs[ag.Doc].Label()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
