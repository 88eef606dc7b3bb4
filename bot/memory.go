package bot

import "liaison/knowledge"

// convo is what a conversation remembers for its follow-up questions
// ("and where was that?", "who did he meet?"). Answers change it only
// through the remember methods below.
type convo struct {
	key string
	// people are whom "he", "she" and "they" mean
	people []int
	// meetings are the meetings the last answer was about, in the order
	// it gave them (at most maxListed, the last one last): "there" and
	// "that" mean them
	meetings []int
	// agreement is the agreement "it" means, -1 for none
	agreement int
}

// lastMeeting is the meeting the conversation spoke of last, or -1.
func (c *convo) lastMeeting() int {
	if len(c.meetings) == 0 {
		return -1
	}
	return c.meetings[len(c.meetings)-1]
}

// rememberMeeting notes that the answer is about meeting m and its people.
func (a *answerer) rememberMeeting(m *knowledge.Meeting) {
	a.rememberMeetings([]*knowledge.Meeting{m})
	a.rememberPeople(m.Participants)
}

// rememberMeetings notes that the answer lists the meetings ms (the first
// maxListed and the last), leaving whom it speaks of as it is.
func (a *answerer) rememberMeetings(ms []*knowledge.Meeting) {
	a.rememberMeetingsAt(len(ms), func(i int) *knowledge.Meeting { return ms[i] })
}

// rememberMeetingsAt is rememberMeetings of the n meetings at(0) to
// at(n-1).
func (a *answerer) rememberMeetingsAt(n int, at func(i int) *knowledge.Meeting) {
	a.mem.meetings = a.mem.meetings[:0:0]
	for i := range min(n, maxListed) {
		a.mem.meetings = append(a.mem.meetings, at(i).ID)
	}
	if n > maxListed {
		a.mem.meetings = append(a.mem.meetings, at(n-1).ID)
	}
}

// rememberPeople notes whom the answer speaks of.
func (a *answerer) rememberPeople(ids []int) { a.mem.people = ids }

// rememberAgreement notes the agreement the answer is about.
func (a *answerer) rememberAgreement(id int) { a.mem.agreement = id }

// rememberSentence notes the meeting and agreement a sentence the answer
// quotes reports on.
func (a *answerer) rememberSentence(s int) {
	if m := a.b.MeetingOf(s); m != nil {
		a.rememberMeeting(m)
	}
	if ag := a.b.AgreementOf(s); ag != nil {
		a.rememberAgreement(ag.ID)
	}
}

// recalledMeetings are the meetings the conversation spoke of last.
func (a *answerer) recalledMeetings() []*knowledge.Meeting {
	out := make([]*knowledge.Meeting, 0, len(a.mem.meetings))
	for _, id := range a.mem.meetings {
		out = append(out, a.b.Meetings[id])
	}
	return out
}

// recall returns what the conversation key remembers.
func (b *Bot) recall(key string) convo {
	b.mu.Lock()
	defer b.mu.Unlock()
	if e, ok := b.memory[key]; ok {
		b.order.MoveToFront(e)
		return *e.Value.(*convo)
	}
	return convo{key: key, agreement: -1}
}

// remember stores what a conversation remembers after an answer, the
// least recently used conversation forgotten beyond the limit.
func (b *Bot) remember(c convo) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if e, ok := b.memory[c.key]; ok {
		*e.Value.(*convo) = c
		b.order.MoveToFront(e)
		return
	}
	cc := c
	b.memory[c.key] = b.order.PushFront(&cc)
	for b.order.Len() > b.limit {
		last := b.order.Back()
		delete(b.memory, last.Value.(*convo).key)
		b.order.Remove(last)
	}
}
