package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/dates"
)

// askedMeetings returns the meetings a question about what happened at
// them means (at most the three latest): those of the people it names,
// together, filtered by its places and dates; the one before, for a
// follow-up; those held at the places it names; or the one its best
// sentences report. A reply instead (ok false) when a name is ambiguous,
// the people it names never met, or no meeting fits (then search).
func (a *answerer) askedMeetings(p *query) ([]*knowledge.Meeting, Reply, bool) {
	var ms []*knowledge.Meeting
	subj := a.subjects(p)
	if len(subj) == 0 && len(p.ambiguous) > 0 {
		return nil, a.ambiguity(p, p.ambiguous[0]), false
	}
	if len(subj) > 0 {
		if len(p.people) > 0 {
			ms, _ = a.filterMeetings(a.b.MeetingsOf(subj[0].ID), subj[1:], p)
		} else {
			ms, _ = a.filterMeetings(a.meetingsOfAny(subj), nil, p)
		}
	}
	if len(ms) == 0 && len(p.people) > 1 {
		return nil, a.noJointMeeting(p), false
	}
	if len(ms) == 0 && isFollowUp(p) {
		ms = a.recalledMeetings()
	}
	if len(ms) == 0 && len(subj) == 0 && (len(p.places) > 0 || len(p.inCountry) > 0) && !hasOtherWords(p) {
		// "what was discussed in Kirkenes (in 2021)?": the meetings held there
		ms = a.b.MeetingsWhere(nil, p.places, p.inCountry, years(p.folded)).Slice()
	}
	if len(ms) == 0 {
		if m, _, ok := a.anchorMeeting(p); ok {
			ms = []*knowledge.Meeting{m}
		}
	}
	if len(ms) == 0 {
		return nil, a.search(p), false
	}
	if len(ms) > 3 {
		ms = ms[len(ms)-3:]
	}
	return ms, Reply{}, true
}

// outcomes answers what a meeting agreed or decided: the sentences of its
// passage that report results, without the background the release gives
// (a sentence dated before the meeting: "last year, the countries
// signed …"). When the release reports none, it says so.
func (a *answerer) outcomes(p *query) Reply {
	if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
		return r
	}
	ms, r, ok := a.askedMeetings(p)
	if !ok {
		return r
	}
	if _, about := aboutPhrase(p); len(about) > 0 {
		// "what did Finland decide about its eastern border?": the
		// meetings whose passage speaks of it
		ms = slices.DeleteFunc(ms, func(m *knowledge.Meeting) bool { return !a.meetingSays(m, about) })
		if len(ms) == 0 {
			return a.search(p)
		}
	}
	r = Reply{Intent: IntentOutcomes}
	src := a.newSources()
	per := 5 // sentences per meeting
	if len(ms) > 1 {
		per = 3
	}
	var silent []string // meetings whose release reports no result
	for _, m := range ms {
		found := a.outcomeSentences(m, per)
		if len(found) == 0 {
			silent = append(silent, a.meetingLabel(m))
			continue
		}
		r.Found = true
		if len(ms) > 1 {
			r.Details = append(r.Details, "From "+a.meetingLabel(m)+":")
		}
		for _, s := range found {
			r.Details = append(r.Details, "• "+a.b.Sentences[s].Text)
			src.add(s)
		}
	}
	switch {
	case !r.Found:
		r.Summary = "The release does not say what was agreed or decided at " + joinAnd(silent) + "."
		r.final = true // the meeting's whole passage was read for results
		m := ms[len(ms)-1]
		r.Suggestions = append(r.Suggestions, Suggestion{Label: "What was discussed there?", Query: "/topics " + strings.Join(placeNames(m), " ")})
		src.add(m.Anchor)
	case len(ms) == 1:
		r.Summary = "From " + a.meetingLabel(ms[0]) + ", the release reports:"
	default:
		r.Summary = fmt.Sprintf("From %d meetings, the releases report:", len(ms)-len(silent))
		if len(silent) > 0 {
			r.Details = append(r.Details, "The release does not say what was agreed or decided at "+joinAnd(silent)+".")
		}
	}
	r.Sources = src.out
	a.rememberMeetings(ms)
	a.rememberPeople(ms[len(ms)-1].Participants)
	return r
}

// outcomeSentences returns up to max sentences of m's passage that report
// its results, those with strong cues first, in the release's order
// within each kind; not the headline, not background (a.background), not
// a visit still to come.
func (a *answerer) outcomeSentences(m *knowledge.Meeting, max int) []int {
	var found []int
	for _, re := range []*regexp.Regexp{reOutcomeSentence, reWeakOutcome} {
		for _, s := range m.Sentences {
			text := a.b.Sentences[s].Text
			if len(found) < max && !slices.Contains(found, s) && !a.b.Sentences[s].Title &&
				re.MatchString(text) && !reScheduled.MatchString(text) && !a.background(m, s) {
				found = append(found, s)
			}
		}
	}
	return found
}

// background reports whether sentence s of meeting m's passage is dated
// before the meeting (or, for a meeting without a year, before the year
// of its release): background, not an outcome of it. When neither gives
// a year, a sentence that writes one is taken for background ("the
// agreement signed in September 2011"), since it cannot be placed.
func (a *answerer) background(m *knowledge.Meeting, s int) bool {
	ref := m.Date.Year
	if ref == 0 {
		ref = a.b.Docs[m.Doc].Date.Year
	}
	for _, d := range dates.DatesIn(a.b.Sentences[s].Text, a.b.Docs[m.Doc].Date) {
		if d.Year != 0 && (ref == 0 || d.Year < ref) {
			return true
		}
	}
	return false
}

// commonTopics answers which topics the meetings discussed most: each
// vocabulary topic with the number of meetings it was found in, the most
// first (ties by name), up to eight, with one sentence each.
func (a *answerer) commonTopics() Reply {
	count := map[string]int{}
	evidence := map[string]int{}
	for _, m := range a.b.Meetings {
		seen := map[string]bool{}
		for _, t := range m.Topics {
			if !seen[t.Name] {
				seen[t.Name] = true
				count[t.Name]++
				if _, ok := evidence[t.Name]; !ok {
					evidence[t.Name] = t.Evidence
				}
			}
		}
	}
	if len(count) == 0 {
		return Reply{Found: false, Intent: IntentTopics, Summary: "The releases name no topics of their meetings.", Sources: []Source{}}
	}
	names := make([]string, 0, len(count))
	for t := range count {
		names = append(names, t)
	}
	slices.SortFunc(names, func(x, y string) int {
		if c := count[y] - count[x]; c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	r := Reply{Found: true, Intent: IntentTopics, Summary: fmt.Sprintf("The topics the releases report most often, across %d meetings:", len(a.b.Meetings))}
	src := a.newSources()
	for _, t := range names[:min(len(names), 8)] {
		r.Details = append(r.Details, fmt.Sprintf("• %s (%d meeting(s))", t, count[t]))
		src.add(evidence[t])
	}
	r.Sources = src.out
	return r
}

func (a *answerer) topics(p *query) Reply {
	if r, ok := a.neverMentioned(p, "The releases never mention %s."); ok {
		return r
	}
	if reTopicsOverall.MatchString(p.folded) && len(p.people) == 0 && len(p.places) == 0 && len(p.countries) == 0 && len(years(p.folded)) == 0 && !isFollowUp(p) {
		return a.commonTopics()
	}
	ms, r, ok := a.askedMeetings(p)
	if !ok {
		return r
	}
	r = Reply{Found: true, Intent: IntentTopics}
	src := a.newSources()
	var summary []string
	for _, m := range ms {
		var ts []string
		for _, t := range m.Topics {
			ts = append(ts, t.Name)
		}
		head, who := a.meetingHead(m)
		switch {
		case len(ts) > 0:
			summary = append(summary, head+" discussed "+joinAnd(ts)+".")
		case len(m.Discussed) == 0:
			summary = append(summary, "The release does not say what was discussed a"+strings.TrimPrefix(head, "A")+".")
		case who:
			summary = append(summary, head+" discussed:")
		default:
			summary = append(summary, head+", these matters were discussed:")
		}
		for i, s := range m.Discussed {
			if i == 5 {
				break
			}
			r.Details = append(r.Details, "• "+a.b.Sentences[s].Text)
			src.add(s)
		}
		if len(m.Discussed) == 0 {
			src.add(m.Anchor)
		}
	}
	r.Summary = strings.Join(summary, " ")
	r.Sources = src.out
	a.rememberMeetings(ms)
	a.rememberPeople(ms[len(ms)-1].Participants)
	return r
}
