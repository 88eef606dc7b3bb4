package slack

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

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
}

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
	botUser, botID, err := a.identity(ctx)
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
			thread: e.ThreadTimeStamp, direct: strings.HasPrefix(e.Channel, "D")}
	case *slackevents.MessageEvent:
		switch {
		case e.ChannelType != "im":
			return nil // channel chatter: mentions arrive as app_mention
		case e.SubType != "" || e.BotID != "" || e.User == "" || e.User == botUser || (botID != "" && e.BotID == botID):
			a.log.Debug("slack: ignoring message", "event_id", cb.EventID, "subtype", e.SubType)
			return nil
		}
		in = incoming{channel: e.Channel, user: e.User, text: e.Text, ts: e.TimeStamp,
			thread: e.ThreadTimeStamp, direct: true}
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
	p := pending{Keys: keys, Channel: in.channel, Thread: replyThread, TS: in.ts, Message: m}
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
// "public" word.
func (a *Adapter) slashMessage(cmd slack.SlashCommand) (m bot.Message, public, ok bool) {
	core, ok := a.commands[cmd.Command]
	if !ok {
		return bot.Message{}, false, false
	}
	args := strings.Fields(plainText(cmd.Text, ""))
	if n := len(args); n > 0 && strings.EqualFold(args[n-1], "public") {
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
		Direct:     strings.HasPrefix(cmd.ChannelID, "D"),
		Time:       time.Now().UTC(),
	}, public, true
}

// slash answers a slash command. When the answer is ready within
// a.ackBudget and fits in one message, it is returned for the
// acknowledgement itself; otherwise slash returns nil (acknowledge empty)
// and the answer follows through the command's response_url.
func (a *Adapter) slash(ctx context.Context, ans bot.Answerer, cmd slack.SlashCommand) *slack.WebhookMessage {
	m, public, ok := a.slashMessage(cmd)
	if !ok {
		a.log.Warn("slack: unknown slash command", "command", cmd.Command)
		return webhook(render(bot.Reply{Summary: "Sorry, I don't know the command " + cmd.Command + ". Try /liaison help."},
			renderOpts{})[0], slack.ResponseTypeEphemeral, false)
	}
	if cmd.TriggerID != "" && !a.claim(ctx, "slack:cmd:"+cmd.TriggerID) {
		a.log.Info("slack: slash command already answered; skipping", "command", cmd.Command)
		return nil
	}
	responseType, share := slack.ResponseTypeEphemeral, m.Text
	if public {
		responseType, share = slack.ResponseTypeInChannel, ""
	}
	done := make(chan []outMsg, 1)
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		jctx, cancel := a.jobContext()
		defer cancel()
		done <- render(a.answer(jctx, ans, m), renderOpts{Share: share})
	}()
	deliver := func(msgs []outMsg) {
		jctx, cancel := a.jobContext()
		defer cancel()
		a.deliverResponse(jctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, responseType, false, msgs)
	}
	timer := time.NewTimer(a.ackBudget)
	defer timer.Stop()
	select {
	case msgs := <-done:
		if len(msgs) == 1 {
			w := webhook(msgs[0], responseType, false)
			if b, err := json.Marshal(w); err == nil && len(b) < 19000 {
				return w
			}
		}
		a.bg.Add(1)
		go func() { defer a.bg.Done(); deliver(msgs) }()
	case <-timer.C:
		a.bg.Add(1)
		go func() { defer a.bg.Done(); deliver(<-done) }()
	}
	return nil
}

// deliverResponse posts msgs to responseURL (at most Slack's five posts per
// URL). If the URL is missing or rejects the first post, ephemeral answers
// fall back to chat.postEphemeral.
func (a *Adapter) deliverResponse(ctx context.Context, responseURL, channel, user, responseType string, replace bool, msgs []outMsg) {
	if len(msgs) > maxResponseURL {
		msgs = msgs[:maxResponseURL]
		a.log.Warn("slack: answer too long for response_url; truncated", "parts", len(msgs))
	}
	for i, om := range msgs {
		var err error
		if responseURL != "" {
			err = a.respond(ctx, responseURL, webhook(om, responseType, replace && i == 0))
		}
		if responseURL == "" || (err != nil && i == 0 && responseType == slack.ResponseTypeEphemeral && user != "") {
			if err != nil {
				a.log.Warn("slack: response_url failed; trying chat.postEphemeral", "err", err)
			}
			err = a.postEphemeral(ctx, channel, user, "", om)
		}
		if err != nil {
			a.log.Error("slack: delivering answer failed", "channel", channel, "part", i+1, "err", err)
			return
		}
	}
}

// acceptInteraction handles a block_actions payload: a "did you mean"
// button asks the core again with the suggestion's query and answers in
// the same place; "Share in channel" posts the answer publicly. It claims
// the interaction and queues the work, returning quickly.
func (a *Adapter) acceptInteraction(ctx context.Context, ans bot.Answerer, cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions {
		a.log.Debug("slack: ignoring interaction", "type", cb.Type)
		return
	}
	var act *slack.BlockAction
	for _, b := range cb.ActionCallback.BlockActions {
		if b != nil && (b.ActionID == actionShare || strings.HasPrefix(b.ActionID, actionAsk)) {
			act = b
			break
		}
	}
	if act == nil || strings.TrimSpace(act.Value) == "" {
		a.log.Debug("slack: ignoring interaction without a Liaison button", "trigger", cb.TriggerID)
		return
	}
	id := cb.TriggerID
	if id == "" {
		id = cb.User.ID + ":" + act.ActionTs
	}
	key := "slack:act:" + id
	if !a.claim(ctx, key) {
		a.log.Info("slack: interaction already handled; skipping", "key", key)
		return
	}
	channel := cb.Container.ChannelID
	if channel == "" {
		channel = cb.Channel.ID
	}
	thread := cb.Container.ThreadTs
	if thread == "" {
		thread = cb.Message.ThreadTimestamp
	}
	m := bot.Message{
		Platform:   bot.PlatformSlack,
		Workspace:  cb.Team.ID,
		ID:         id,
		Text:       strings.TrimSpace(act.Value), // plain text the adapter put there
		Sender:     cb.User.ID,
		SenderName: cb.User.Name,
		Room:       channel,
		Thread:     thread,
		Direct:     strings.HasPrefix(channel, "D"),
		Time:       time.Now().UTC(),
	}
	ephemeral := cb.Container.IsEphemeral || (cb.Message.Timestamp == "" && cb.Container.MessageTs == "")
	a.lanes.push(channel, func(ctx context.Context) {
		reply := a.answer(ctx, ans, m)
		switch {
		case act.ActionID == actionShare:
			msgs := render(reply, renderOpts{Asked: m.Text, AskedBy: cb.User.ID})
			a.deliverResponse(ctx, cb.ResponseURL, channel, "", slack.ResponseTypeInChannel, false, msgs)
			if cb.ResponseURL != "" {
				if err := a.respond(ctx, cb.ResponseURL, &slack.WebhookMessage{DeleteOriginal: true}); err != nil {
					a.log.Warn("slack: removing the shared ephemeral answer failed", "err", err)
				}
			}
		case ephemeral:
			msgs := render(reply, renderOpts{Share: m.Text})
			a.deliverResponse(ctx, cb.ResponseURL, channel, cb.User.ID, slack.ResponseTypeEphemeral, true, msgs)
		default:
			for i, om := range render(reply, renderOpts{}) {
				if err := a.postMessage(ctx, channel, thread, om); err != nil {
					a.log.Error("slack: posting answer failed", "channel", channel, "part", i+1, "err", err)
					if i == 0 {
						a.release(key)
					}
					return
				}
			}
		}
	})
}
