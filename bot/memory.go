package bot

func (a *answerer) noteSentence(s int) {
	if m := a.b.MeetingOf(s); m != nil {
		a.mem.meeting = m.ID
		a.mem.people = m.Participants
	}
	if ag := a.b.AgreementOf(s); ag != nil {
		a.mem.agreement = ag.ID
	}
}

// context kept per conversation for follow-up questions.
type convo struct {
	key       string
	people    []int
	meeting   int
	agreement int
}

func (b *Bot) recall(key string) convo {
	b.mu.Lock()
	defer b.mu.Unlock()
	if e, ok := b.memory[key]; ok {
		b.order.MoveToFront(e)
		return *e.Value.(*convo)
	}
	return convo{key: key, meeting: -1, agreement: -1}
}

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
