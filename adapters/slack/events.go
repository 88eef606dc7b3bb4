package slack

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/slackutilsx"

	"liaison/bot"
)

// incoming is a question from an Events API event, after filtering.
type incoming struct {
	eventID string
	channel string
	user    string
	text    string
	ts      string
	thread  string // thread_ts of the question, "" outside threads
	direct  bool
	// fileOnly marks a DM that shares a file without any text.
	fileOnly bool
}

// identityBudget bounds asking Slack for the bot's identity before an
// event is acknowledged.
const identityBudget = 2 * time.Second

// subtypeFileShare is the subtype of a message that shares a file; its
// text, when there is one, is what the person wrote with it.
const subtypeFileShare = "file_share"

// fileOnlyReply answers a direct message that holds only a file.
var fileOnlyReply = bot.Reply{Intent: bot.IntentEmpty, Sources: []bot.Source{},
	Summary: "I can read only the text of a message, not attached files. Ask your question in words, with or without the file."}

// acceptEvent filters an Events API callback, claims it and queues its
// answer on the channel's lane. It returns quickly (claims only), so that
// it can run before the event is acknowledged. It fails only when the
// bot's identity is unknown and Slack cannot be asked (the event should be
// redelivered later).
func (a *Adapter) acceptEvent(ctx context.Context, ans bot.Answerer, ev slackevents.EventsAPIEvent, retry string) error {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		a.log.Debug("slack: ignoring event", "type", ev.Type)
		return nil
	}
	// The event is acknowledged after this: learning the bot's identity
	// (once per run, normally done by Run) may not wait out a long rate
	// limit past Slack's 3 s; Slack redelivers an event refused for it.
	ictx, cancel := context.WithTimeout(ctx, identityBudget)
	botUser, botID, err := a.identity(ictx)
	cancel()
	if err != nil {
		a.log.Error("slack: cannot tell own messages apart; event not accepted", "event_id", cb.EventID, "err", err)
		return err
	}
	var in incoming
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" || e.User == botUser || e.Edited != nil {
			a.log.Debug("slack: ignoring mention", "event_id", cb.EventID, "reason", "bot, self or edit")
			return nil
		}
		in = incoming{channel: e.Channel, user: e.User, text: e.Text, ts: e.TimeStamp,
			thread: e.ThreadTimeStamp, direct: isDM(e.Channel)}
	case *slackevents.MessageEvent:
		switch {
		case e.ChannelType != "im":
			return nil // channel chatter: mentions arrive as app_mention
		case (e.SubType != "" && e.SubType != subtypeFileShare) || e.BotID != "" || e.User == "" || e.User == botUser || (botID != "" && e.BotID == botID):
			a.log.Debug("slack: ignoring message", "event_id", cb.EventID, "subtype", e.SubType)
			return nil
		}
		in = incoming{channel: e.Channel, user: e.User, text: e.Text, ts: e.TimeStamp,
			thread: e.ThreadTimeStamp, direct: true}
		// A DM with a file attached is a question like any other: its
		// text is answered. One with no text gets a line saying so.
		in.fileOnly = e.SubType == subtypeFileShare && strings.TrimSpace(plainText(e.Text, botUser)) == ""
	case *slackevents.ReactionAddedEvent:
		a.acceptReaction(ctx, e.User, e.Reaction, e.ItemUser, e.Item, true, botUser)
		return nil
	case *slackevents.ReactionRemovedEvent:
		a.acceptReaction(ctx, e.User, e.Reaction, e.ItemUser, e.Item, false, botUser)
		return nil
	default:
		a.log.Debug("slack: ignoring event", "type", ev.InnerEvent.Type)
		return nil
	}
	in.eventID = cb.EventID
	if in.channel == "" || in.ts == "" {
		return nil
	}
	keys := []string{"slack:ev:" + cb.EventID, "slack:msg:" + in.channel + ":" + in.ts}
	if cb.EventID == "" {
		keys = keys[1:]
	}
	m := bot.Message{
		Platform:  bot.PlatformSlack,
		Workspace: cb.TeamID,
		ID:        in.eventID,
		Text:      plainText(in.text, botUser),
		Sender:    in.user,
		Room:      in.channel,
		Thread:    in.thread,
		Direct:    in.direct,
		Time:      slackTime(in.ts),
	}
	if m.ID == "" {
		m.ID = in.ts
	}
	replyThread := in.thread
	if !in.direct && replyThread == "" {
		// A channel mention is answered in a thread under it; follow-ups
		// in that thread share the conversation.
		replyThread = in.ts
		m.Thread = in.ts
	}
	p := pending{Keys: keys, Channel: in.channel, Thread: replyThread, TS: in.ts, Message: m, FileOnly: in.fileOnly}
	if hasOtherMention(in.text, botUser) {
		// Names are looked up when the question is answered, not here
		// before the acknowledgement.
		p.Raw = in.text
	}
	if !a.claimPending(ctx, p) {
		a.log.Info("slack: already answered; skipping", "event_id", cb.EventID, "retry", retry)
		return nil
	}
	a.queuePending(ans, p, false)
	return nil
}

// slackTime converts a Slack timestamp ("1700000000.000100") to a time.
func slackTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	var us int64
	if frac != "" {
		frac = (frac + "000000")[:6]
		us, _ = strconv.ParseInt(frac, 10, 64)
	}
	return time.Unix(s, us*1000).UTC()
}

// slashMessage turns a slash command into the core's message. ok is false
// for a command the adapter does not know; public is set by a trailing
// "public" word (any case), and every trailing "public" is taken off the
// question, so "… public public" is not a question about "public".
func (a *Adapter) slashMessage(cmd slack.SlashCommand) (m bot.Message, public, ok bool) {
	core, ok := a.commands[cmd.Command]
	if !ok {
		return bot.Message{}, false, false
	}
	args := strings.Fields(plainText(cmd.Text, ""))
	for n := len(args); n > 0 && strings.EqualFold(args[n-1], "public"); n-- {
		public = true
		args = args[:n-1]
	}
	text := strings.Join(args, " ")
	if core != "" {
		text = strings.TrimSpace("/" + core + " " + text)
	}
	id := cmd.TriggerID
	if id == "" {
		id = cmd.Command
	}
	return bot.Message{
		Platform:   bot.PlatformSlack,
		Workspace:  cmd.TeamID,
		ID:         id,
		Text:       text,
		Sender:     cmd.UserID,
		SenderName: cmd.UserName,
		Room:       cmd.ChannelID,
		Direct:     isDM(cmd.ChannelID),
		Time:       time.Now().UTC(),
	}, public, true
}

// slash answers a slash command and acknowledges it through ack (the
// Socket Mode envelope's acknowledgement or the HTTP response). Before
// anything else the command is claimed and journalled with what is needed
// to answer it (respond.go). When the answer is ready within a.ackBudget
// and fits in one message it goes in the acknowledgement and the entry is
// deleted; otherwise the acknowledgement is empty and the answer follows
// through the command's response_url. ack's error means the
// acknowledgement did not go out; the answer then goes through the
// response_url.
func (a *Adapter) slash(ctx context.Context, ans bot.Answerer, cmd slack.SlashCommand, ack func(*slack.WebhookMessage) error) {
	m, public, ok := a.slashMessage(cmd)
	if !ok {
		a.log.Warn("slack: unknown slash command", "command", cmd.Command)
		_ = ack(webhook(render(bot.Reply{Summary: "Sorry, I don't know the command " + cmd.Command + ". Try /liaison help."},
			renderOpts{})[0], slack.ResponseTypeEphemeral, false))
		return
	}
	r := &response{What: cmd.Command, Received: time.Now().UTC(), ResponseURL: cmd.ResponseURL,
		Channel: cmd.ChannelID, User: cmd.UserID, ResponseType: slack.ResponseTypeEphemeral,
		Render: renderOpts{Share: m.Text}, Message: m}
	if public {
		r.ResponseType, r.Render = slack.ResponseTypeInChannel, renderOpts{}
	}
	if cmd.TriggerID != "" {
		r.ID, r.Claims = "cmd:"+cmd.TriggerID, []string{"slack:cmd:" + cmd.TriggerID}
	} else {
		r.ID = "cmd:" + cmd.ChannelID + ":" + cmd.UserID + ":" + slackNow()
	}
	if !a.journalResponse(ctx, r) {
		a.log.Info("slack: slash command already answered; skipping", "command", cmd.Command)
		_ = ack(nil)
		return
	}
	done := make(chan bot.Reply, 1)
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		jctx, cancel := a.jobContext()
		defer cancel()
		done <- a.answer(jctx, ans, m)
	}()
	// later answers through the response_url, with reply or, when nil,
	// with the answer still being computed.
	later := func(reply *bot.Reply) {
		a.bg.Add(1)
		go func() {
			defer a.bg.Done()
			if reply == nil {
				rep := <-done
				reply = &rep
			}
			jctx, cancel := a.jobContext()
			defer cancel()
			a.deliverResponse(jctx, ans, r, reply)
		}()
	}
	timer := time.NewTimer(a.ackBudget)
	defer timer.Stop()
	select {
	case reply := <-done:
		if msgs := render(reply, a.rated(ctx, answerRef(r.ID), m, "", reply, r.Render)); len(msgs) == 1 {
			w := webhook(msgs[0], r.ResponseType, false)
			if b, err := json.Marshal(w); err == nil && len(b) < 19000 {
				if err := ack(w); err != nil {
					a.log.Warn("slack: answer could not go in the acknowledgement; sending it through response_url", "command", cmd.Command, "err", err)
					later(&reply)
					return
				}
				a.finishResponse(r)
				return
			}
		}
		_ = ack(nil)
		later(&reply)
	case <-timer.C:
		_ = ack(nil)
		later(nil)
	}
}

// acceptInteraction handles a block_actions payload: a "did you mean"
// button asks the core again with the suggestion's query and answers in
// the same place; "Share in channel" posts the answer publicly. It claims
// and journals the interaction in one transaction (answers through a
// response_url as in respond.go, answers posted in a channel as questions
// are, in pending.go) and queues the work, returning quickly, so that it
// can run before the interaction is acknowledged.
func (a *Adapter) acceptInteraction(ctx context.Context, ans bot.Answerer, cb slack.InteractionCallback) {
	if cb.Type == slack.InteractionTypeViewSubmission {
		a.acceptFeedbackForm(ctx, cb)
		return
	}
	if cb.Type != slack.InteractionTypeBlockActions {
		a.log.Debug("slack: ignoring interaction", "type", cb.Type)
		return
	}
	var act *slack.BlockAction
	for _, b := range cb.ActionCallback.BlockActions {
		if b != nil && isFeedbackAction(b.ActionID) {
			a.acceptFeedbackAction(ctx, cb, b)
			return
		}
		if b != nil && (b.ActionID == actionShare || strings.HasPrefix(b.ActionID, actionAsk)) {
			act = b
			break
		}
	}
	if act == nil || strings.TrimSpace(act.Value) == "" {
		a.log.Debug("slack: ignoring interaction without a Liaison button", "trigger", cb.TriggerID)
		return
	}
	id := clickID(cb, act)
	key := "slack:act:" + id
	channel, thread := clickPlace(cb)
	m := bot.Message{
		Platform:   bot.PlatformSlack,
		Workspace:  cb.Team.ID,
		ID:         id,
		Text:       strings.TrimSpace(act.Value), // plain text the adapter put there
		Sender:     cb.User.ID,
		SenderName: cb.User.Name,
		Room:       channel,
		Thread:     thread,
		Direct:     isDM(channel),
		Time:       time.Now().UTC(),
	}
	ephemeral := cb.Container.IsEphemeral || (cb.Message.Timestamp == "" && cb.Container.MessageTs == "")
	if act.ActionID != actionShare && !ephemeral {
		// A suggestion under a public answer is answered in the channel
		// like a question: journalled as one, with answer metadata.
		ts := act.ActionTs
		if ts == "" {
			ts = slackNow()
		}
		p := pending{Keys: []string{key}, Channel: channel, Thread: thread, TS: ts, Message: m}
		if !a.claimPending(ctx, p) {
			a.log.Info("slack: interaction already handled; skipping", "key", key)
			return
		}
		a.queuePending(ans, p, false)
		return
	}
	r := &response{ID: "act:" + id, Claims: []string{key}, What: "button", Received: time.Now().UTC(),
		ResponseURL: cb.ResponseURL, Channel: channel, Message: m}
	if act.ActionID == actionShare {
		r.ResponseType, r.DeleteOriginal = slack.ResponseTypeInChannel, true
		r.Render = renderOpts{Asked: m.Text, AskedBy: cb.User.ID}
	} else {
		r.ResponseType, r.Replace, r.User = slack.ResponseTypeEphemeral, true, cb.User.ID
		r.Render = renderOpts{Share: m.Text}
	}
	if !a.journalResponse(ctx, r) {
		a.log.Info("slack: interaction already handled; skipping", "key", key)
		return
	}
	a.lanes.push(channel, func(ctx context.Context) { a.deliverResponse(ctx, ans, r, nil) })
}

// isDM reports whether a channel ID names a direct message (a "D" ID).
func isDM(channel string) bool {
	return slackutilsx.DetectChannelType(channel) == slackutilsx.CTypeDM
}

// clickID names one button click: its trigger_id, else the user and the
// action's time.
func clickID(cb slack.InteractionCallback, act *slack.BlockAction) string {
	if cb.TriggerID != "" {
		return cb.TriggerID
	}
	return cb.User.ID + ":" + act.ActionTs
}

// clickPlace is the channel, and the thread ("" outside threads), of the
// message a button was clicked on.
func clickPlace(cb slack.InteractionCallback) (channel, thread string) {
	channel, thread = cb.Container.ChannelID, cb.Container.ThreadTs
	if channel == "" {
		channel = cb.Channel.ID
	}
	if thread == "" {
		thread = cb.Message.ThreadTimestamp
	}
	return channel, thread
}
