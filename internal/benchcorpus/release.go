package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// draft is a release being written.
type draft struct {
	g      *Gen
	rng    *rand.Rand
	r      Release
	date   time.Time
	header []string
	paras  []string
	styles []string
}

func (d *draft) pick(xs []string) string { return xs[d.rng.IntN(len(xs))] }

func (d *draft) style(s string) { d.styles = append(d.styles, s) }

// person returns a person of nation ni other than those in avoid.
func (d *draft) person(ni int, avoid ...int) int {
	ids := d.g.byNation[ni]
	for {
		id := ids[d.rng.IntN(len(ids))]
		ok := true
		for _, a := range avoid {
			if a == id {
				ok = false
			}
		}
		if ok {
			return id
		}
	}
}

// written is how this release spells a person's name: mostly the
// canonical name, sometimes a transliteration variant or the ASCII form
// with the accented surname in parentheses.
func (d *draft) written(id int) (name, display string) {
	p := &d.g.people[id]
	if len(p.Spellings) > 0 && d.rng.IntN(4) == 0 {
		s := p.Spellings[d.rng.IntN(len(p.Spellings))]
		if nations[d.g.nationOf[id]].Plain && s == ascii(p.Name) {
			return s, s + " (" + p.Surname + ")"
		}
		return s, s
	}
	return p.Name, p.Name
}

func surnameOf(name string) string {
	ws := strings.Fields(name)
	return ws[len(ws)-1]
}

func (d *draft) pron(id int) string {
	if d.g.people[id].Female {
		return "her"
	}
	return "his"
}

func (d *draft) subj(id int) string {
	if d.g.people[id].Female {
		return "she"
	}
	return "he"
}

func iso(t time.Time) string { return t.Format("2006-01-02") }

// mention is a person's first mention: "Finnish Minister of the Interior
// Aino Mäkelä".
func (d *draft) mention(id int, name string, adj bool) string {
	p := &d.g.people[id]
	if adj {
		return nations[d.g.nationOf[id]].Adj + " " + p.Office + " " + name
	}
	return p.Office + " " + name
}

// shortRef is a later mention: "Minister Mäkelä" or the full name.
func (d *draft) shortRef(id int, name string) string {
	p := &d.g.people[id]
	if strings.HasPrefix(p.Office, "Minister") {
		return "Minister " + surnameOf(name)
	}
	return name
}

// Release returns the text of release i and its truth.
func (g *Gen) Release(i int) (string, Release) {
	d := &draft{g: g, rng: rand.New(rand.NewPCG(g.opts.Seed, uint64(i)+1))}
	d.r.File = fmt.Sprintf("r%03d/%06d.txt", i/1000, i)
	d.date = minDate.AddDate(0, 0, d.rng.IntN(dayspan))
	d.r.Date = iso(d.date)

	// countries: mostly Finland or Russia hosting
	na := pickWeighted(d.rng, nationWeights)
	nb := pickWeighted(d.rng, nationWeights)
	for nb == na {
		nb = pickWeighted(d.rng, nationWeights)
	}
	kind := d.rng.IntN(100)
	switch {
	case kind < 7:
		d.statement(na, nb)
	default:
		d.meetingRelease(na, nb, kind)
	}
	text := d.render()
	d.r.Style = strings.Join(d.styles, ",")
	d.r.Bytes = len(text)
	return text, d.r
}

// dateLine is the publication-date header line, or "" when the release
// carries its date in the lead instead.
func (d *draft) dateLine() string {
	t := d.date
	switch d.rng.IntN(5) {
	case 0:
		d.style("hdr-publication")
		return fmt.Sprintf("Publication date %d.%d.%d %d.%02d | Published in English on %d.%d.%d at %d.%02d",
			t.Day(), int(t.Month()), t.Year(), 9+d.rng.IntN(8), d.rng.IntN(60), t.Day(), int(t.Month()), t.Year(), 10+d.rng.IntN(8), d.rng.IntN(60))
	case 1:
		d.style("hdr-iso")
		return "date " + iso(t)
	case 2:
		d.style("hdr-dotted")
		return fmt.Sprintf("%d.%d.%d %d.%02d", t.Day(), int(t.Month()), t.Year(), 8+d.rng.IntN(9), d.rng.IntN(60))
	case 3:
		d.style("hdr-spaced")
		return t.Format("2006 01 02")
	}
	return ""
}

// meetingDate words the date of a meeting held on t in a release dated
// d.date with a dated header: "on 25 October", "on Tuesday", ...
func (d *draft) meetingDate(t time.Time) string {
	back := int(d.date.Sub(t).Hours() / 24)
	switch n := d.rng.IntN(4); {
	case n == 0 && back >= 1 && back <= 6:
		d.style("on-weekday")
		return "on " + weekdayNames[t.Weekday()]
	case n == 1:
		d.style("on-day-month-year")
		return fmt.Sprintf("on %d %s %d", t.Day(), t.Month(), t.Year())
	case n == 2:
		d.style("on-month-day-year")
		return fmt.Sprintf("on %s %d, %d", t.Month(), t.Day(), t.Year())
	}
	d.style("on-day-month")
	return fmt.Sprintf("on %d %s", t.Day(), t.Month())
}

func (d *draft) meetingRelease(na, nb, kind int) {
	g := d.g
	a := d.person(na)
	b := d.person(nb)
	an, ad := d.written(a)
	bn, bd := d.written(b)
	city := d.pick(nations[na].Cities)
	d.r.Date = ""
	header := d.dateLine()
	// the meeting is held on the release date or a few days before
	mdate := d.date.AddDate(0, 0, -d.rng.IntN(4))
	if header == "" {
		mdate = d.date
	}
	m := Meeting{Participants: []int{a, b}, Written: []string{an, bn}, Date: iso(mdate), Place: city}
	ts := d.rng.Perm(len(topics))[:3]
	for _, k := range ts {
		m.Topics = append(m.Topics, topics[k])
	}
	adjA, adjB := nations[na].Adj, nations[nb].Adj
	// title, with or without country adjectives
	switch d.rng.IntN(5) {
	case 0:
		d.r.Title = fmt.Sprintf("%s and %s ministers discuss %s", adjA, adjB, m.Topics[0])
	case 1:
		d.r.Title = fmt.Sprintf("%s and %s discuss %s in %s", surnameOf(an), surnameOf(bn), m.Topics[1], city)
	case 2:
		d.r.Title = fmt.Sprintf("Talks on %s held in %s", m.Topics[0], city)
	case 3:
		d.r.Title = fmt.Sprintf("%s-%s meeting focused on %s", adjA, adjB, m.Topics[2])
	default:
		d.r.Title = fmt.Sprintf("Cooperation between %s and %s authorities strengthened", g.people[a].Country, g.people[b].Country)
	}
	var lead string
	if header != "" {
		d.header = append(d.header, header)
		when := d.meetingDate(mdate)
		switch d.rng.IntN(5) {
		case 0:
			d.style("lead-counterpart")
			lead = fmt.Sprintf("%s met with %s %s counterpart, %s, in %s %s.", d.mention(a, ad, true), d.pron(a), adjB, d.mention(b, bd, false), city, when)
		case 1:
			d.style("lead-held-talks")
			lead = fmt.Sprintf("%s and %s held talks in %s %s.", d.mention(a, ad, true), d.mention(b, bd, true), city, when)
		case 2:
			d.style("lead-received")
			lead = fmt.Sprintf("%s received %s in %s %s.", d.mention(a, ad, true), d.mention(b, bd, true), city, when)
		case 3:
			d.style("lead-visit")
			lead = fmt.Sprintf("%s paid a visit to %s %s, where %s met %s.", d.mention(b, bd, true), city, when, d.subj(b), d.mention(a, ad, true))
		default:
			d.style("lead-group")
			lead = fmt.Sprintf("The %s-%s working group on police cooperation met in %s %s. The meeting was chaired by %s and %s.",
				adjA, adjB, city, when, d.mention(a, ad, true), d.mention(b, bd, true))
		}
	} else if d.rng.IntN(2) == 0 {
		d.style("dateline")
		d.r.Date = iso(d.date)
		lead = fmt.Sprintf("%s, %d %s %d – %s met %s today.", city, d.date.Day(), d.date.Month(), d.date.Year(), d.mention(a, ad, true), d.mention(b, bd, true))
	} else {
		d.style("lead-weekday-date")
		// the lead dates the meeting; the release prints no date of its own
		d.r.Date = "none"
		lead = fmt.Sprintf("On %s, %s %d, %d %s and %s held talks in %s.", weekdayNames[d.date.Weekday()], d.date.Month(), d.date.Day(), d.date.Year(),
			d.mention(a, ad, true), d.mention(b, bd, true), city)
	}
	switch d.r.Date {
	case "":
		d.r.Date = iso(d.date)
	case "none":
		d.r.Date = ""
	}
	d.paras = append(d.paras, lead)
	// more participants
	if kind >= 7 && kind < 22 {
		d.style("multi-party")
		c := d.person(na, a)
		cn, cd := d.written(c)
		m.Participants = append(m.Participants, c)
		m.Written = append(m.Written, cn)
		para := fmt.Sprintf("The meeting was also attended by %s.", d.mention(c, cd, false))
		if kind < 12 {
			e := d.person(nb, b)
			en, ed := d.written(e)
			m.Participants = append(m.Participants, e)
			m.Written = append(m.Written, en)
			para = fmt.Sprintf("The meeting was also attended by %s and %s.", d.mention(c, cd, false), d.mention(e, ed, true))
		}
		d.paras = append(d.paras, para)
	}
	discussion := fmt.Sprintf("The parties discussed %s and %s. Other issues on the agenda included %s.", m.Topics[0], m.Topics[1], m.Topics[2])
	d.paras = append(d.paras, discussion)
	d.r.Meetings = append(d.r.Meetings, m)
	d.background(na, nb)
	quote := fmt.Sprintf("“%s,” said %s.", d.pick(quotes), d.shortRef(a, an))
	d.paras = append(d.paras, quote)

	// agreements
	switch k := d.rng.IntN(10); {
	case k < 2:
		d.style("agreement-signed")
		name := d.pick(agreementKinds) + " on " + d.pick(agreementSubjects)
		d.paras = append(d.paras, fmt.Sprintf("During the meeting, %s and %s signed a %s.", d.shortRef(a, an), d.shortRef(b, bn), name))
		d.r.Agreements = append(d.r.Agreements, Agreement{Name: name, Parties: []string{g.people[a].Country, g.people[b].Country}, Signed: m.Date})
	case k < 4:
		d.style("agreement-background")
		name := d.pick(agreementKinds) + " on " + d.pick(agreementSubjects)
		y := 1993 + d.rng.IntN(max(1, d.date.Year()-1993))
		d.paras = append(d.paras, fmt.Sprintf("Cooperation between %s and %s is based on the %s concluded in %d.", g.people[a].Country, g.people[b].Country, name, y))
		d.r.Agreements = append(d.r.Agreements, Agreement{Name: name, Parties: []string{g.people[a].Country, g.people[b].Country}, Signed: fmt.Sprint(y)})
	case k < 5:
		d.style("agreement-last-year")
		name := d.pick(agreementKinds) + " on " + d.pick(agreementSubjects)
		d.paras = append(d.paras, fmt.Sprintf("Last year, %s and %s signed a %s.", g.people[a].Country, g.people[b].Country, name))
		d.r.Agreements = append(d.r.Agreements, Agreement{Name: name, Parties: []string{g.people[a].Country, g.people[b].Country}, Signed: fmt.Sprint(d.date.Year() - 1)})
	}
	// a second, separate meeting
	if kind >= 22 && kind < 28 {
		d.style("second-meeting")
		c := d.person(nb, b)
		e := d.person(na, a)
		cn, cd := d.written(c)
		en, ed := d.written(e)
		city2 := d.pick(nations[nb].Cities)
		when := mdate.AddDate(0, 0, -1-d.rng.IntN(20))
		m2 := Meeting{Participants: []int{c, e}, Written: []string{cn, en}, Date: iso(when), Place: city2}
		d.paras = append(d.paras, fmt.Sprintf("On %d %s %d, %s held separate talks with %s in %s.", when.Day(), when.Month(), when.Year(),
			d.mention(c, cd, true), d.mention(e, ed, true), city2))
		d.r.Meetings = append(d.r.Meetings, m2)
	}
	d.figure(na)
	if d.rng.IntN(3) == 0 {
		d.style("repeated")
		d.paras = append(d.paras, discussion)
	}
}

// statement is a release that reports no meeting: a minister's statement
// with figures, or an agreement terminated.
func (d *draft) statement(na, nb int) {
	g := d.g
	a := d.person(na)
	an, ad := d.written(a)
	h := d.dateLine()
	if h == "" {
		h = "date " + iso(d.date)
	}
	d.header = append(d.header, h)
	if d.rng.IntN(2) == 0 {
		d.style("statement")
		t := d.pick(topics)
		d.r.Title = fmt.Sprintf("%s comments on %s", nations[na].Adj+" "+strings.ToLower(g.people[a].Office[:1])+g.people[a].Office[1:], t)
		d.paras = append(d.paras, fmt.Sprintf("%s said %s that %s remains a priority for the authorities.", d.mention(a, ad, true), d.meetingDate(d.date.AddDate(0, 0, -d.rng.IntN(3))), t))
		d.paras = append(d.paras, fmt.Sprintf("“%s,” said %s.", d.pick(quotes), d.shortRef(a, an)))
		d.background(na, nb)
	} else {
		d.style("termination")
		name := d.pick(agreementKinds) + " on " + d.pick(agreementSubjects)
		y := 1993 + d.rng.IntN(max(1, d.date.Year()-1993))
		d.r.Title = fmt.Sprintf("%s ends the %s with %s", g.people[a].Country, name, g.people[d.person(nb)].Country)
		d.paras = append(d.paras, fmt.Sprintf("The Government of %s has decided to terminate the %s with %s. The %s was signed in %d.",
			g.people[a].Country, name, nations[nb].Country, strings.Fields(name)[0], y))
		d.paras = append(d.paras, fmt.Sprintf("The decision was taken at the initiative of %s, %s.", ad, strings.ToLower(g.people[a].Office[:1])+g.people[a].Office[1:]))
		d.r.Agreements = append(d.r.Agreements, Agreement{Name: name, Parties: []string{nations[na].Country, nations[nb].Country}, Signed: fmt.Sprint(y), Status: "terminated"})
	}
	d.figure(na)
}

// background adds a paragraph or two of context sentences.
func (d *draft) background(na, nb int) {
	k := 3 + d.rng.IntN(4)
	idx := d.rng.Perm(len(background))[:k]
	r := strings.NewReplacer("{A}", nations[na].Adj, "{B}", nations[nb].Adj, "{CA}", nations[na].Country, "{CB}", nations[nb].Country,
		"{T}", d.pick(topics), "{Y}", fmt.Sprint(d.date.Year()+1))
	var para []string
	for j, i := range idx {
		para = append(para, r.Replace(background[i]))
		if j == k/2 {
			d.paras = append(d.paras, strings.Join(para, " "))
			para = nil
		}
	}
	d.paras = append(d.paras, strings.Join(para, " "))
}

func (d *draft) figure(na int) {
	f := d.pick(figures)
	y := d.date.Year() - 1
	var s string
	switch strings.Count(f, "%d") {
	case 3:
		if strings.HasPrefix(f, "In %d") || strings.HasPrefix(f, "Some") {
			s = fmt.Sprintf(f, y, 100+d.rng.IntN(9000), 2+d.rng.IntN(40))
			if strings.HasPrefix(f, "Some") {
				s = fmt.Sprintf(f, 20+d.rng.IntN(500), 2+d.rng.IntN(30), y)
			}
		} else {
			s = fmt.Sprintf(f, 100+d.rng.IntN(9000), y, 10+d.rng.IntN(90))
		}
	}
	if strings.HasPrefix(f, "Customs") {
		s = fmt.Sprintf(f, 10+d.rng.IntN(900), y, 10+d.rng.IntN(900))
	}
	s = strings.Replace(s, "the border guard", "the "+nations[na].Adj+" border guard", 1)
	d.r.Figure = s
	d.paras = append(d.paras, s)
}

// render writes the release: web chrome, title, publisher, date header,
// paragraphs, a contact line.
func (d *draft) render() string {
	var b strings.Builder
	if d.rng.IntN(3) == 0 {
		d.style("chrome")
		b.WriteString(d.pick(chrome[:2]))
		b.WriteString("\n\n")
	}
	b.WriteString(d.r.Title)
	b.WriteString("\n\n")
	b.WriteString(d.pick(publishers))
	b.WriteString("\n")
	for _, h := range d.header {
		b.WriteString(h)
		b.WriteString("\n")
	}
	if d.rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "Press release %d/%d\n", 1+d.rng.IntN(300), d.date.Year())
	}
	b.WriteString("\n")
	for _, p := range d.paras {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	nt := &nations[d.rng.IntN(len(nations))]
	first := nt.First[d.rng.IntN(2)]
	fmt.Fprintf(&b, "\n%s %s, %s, tel. +358 295 %03d %03d, [email protected]\n", first[d.rng.IntN(len(first))], nt.Last[d.rng.IntN(len(nt.Last))],
		d.pick(contactTitles), d.rng.IntN(1000), d.rng.IntN(1000))
	if d.rng.IntN(4) == 0 {
		b.WriteString("\n" + d.pick(chrome[2:]) + "\n")
	}
	return b.String()
}
