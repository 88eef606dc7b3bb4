package slack

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"liaison/bot"
	"liaison/internal/feedback"
)

// Feedback on answers (with Config.Feedback set). Every answer to a
// question carries a 👍 and a 👎 button; reacting 👍 or 👎 on the answer
// counts the same. A 👎 button opens a short form ("what was wrong?",
// optional); a 👎 reaction, which cannot open a form, is followed by a
// message only the person sees with a button that does. One rating per
// person and answer is stored (the latest wins; removing the reaction
// takes it back), so a retried click or event changes nothing.
//
// Each answer is remembered under a ref that names its question (the
// buttons carry it), and each message posted with it is recorded, so that
// a reaction on the message finds the answer (feedback.Book).

// Action, block and callback IDs of the feedback controls.
const (
	actionGood   = "liaison_feedback_good" // 👍 button; value is the answer's ref
	actionBad    = "liaison_feedback_bad"  // 👎 button
	actionWhy    = "liaison_feedback_why"  // "Say what was wrong" after a 👎 reaction
	blockRate    = "liaison_feedback"
	viewFeedback = "liaison_feedback" // the form's callback_id
	blockComment = "comment"
	inputComment = "comment"
)

// feedbackTimeout bounds the work a click does after its acknowledgement
// (opening the form must happen within Slack's 3 s of the click anyway).
const feedbackTimeout = 10 * time.Second

// answerRef is the feedback ref of the answer to a question or command
// named id ("C0123:1700000000.000100", "cmd:<trigger_id>").
func answerRef(id string) string { return "slack:" + id }

// rated remembers reply as the answer ref to m, posted in thread, and
// returns opts with the rating buttons, when feedback is on and reply is
// an answer people may rate. Without a record there are no buttons.
func (a *Adapter) rated(ctx context.Context, ref string, m bot.Message, thread string, reply bot.Reply, opts renderOpts) renderOpts {
	if a.cfg.Feedback == nil || !feedback.Rateable(reply) {
		return opts
	}
	err := a.cfg.Feedback.Remember(ctx, feedback.Answer{Ref: ref, Platform: bot.PlatformSlack, Room: m.Room,
		Thread: thread, Question: m.Text, Reply: reply, At: time.Now()})
	if err != nil {
		a.log.Error("slack: remembering an answer for feedback failed; it has no rating buttons", "err", err)
		return opts
	}
	opts.Feedback = ref
	return opts
}

// posted records that the message ts in channel carries the answer ref.
func (a *Adapter) posted(ctx context.Context, channel, ts, ref string) {
	if ref == "" || ts == "" || a.cfg.Feedback == nil {
		return
	}
	if err := a.cfg.Feedback.Posted(ctx, bot.PlatformSlack, channel, ts, ref); err != nil {
		a.log.Warn("slack: recording a posted answer failed; reactions on it will not count", "channel", channel, "err", err)
	}
}

// ratingButtons is the actions block under an answer.
func ratingButtons(ref string) slack.Block {
	good := slack.NewButtonBlockElement(actionGood, ref, slack.NewTextBlockObject(slack.PlainTextType, "👍", true, false))
	good.AccessibilityLabel = "Good answer"
	bad := slack.NewButtonBlockElement(actionBad, ref, slack.NewTextBlockObject(slack.PlainTextType, "👎", true, false))
	bad.AccessibilityLabel = "Wrong answer: say what was wrong"
	return slack.NewActionBlock(blockRate, good, bad)
}

// isFeedbackAction reports whether a button is one of the feedback
// controls.
func isFeedbackAction(id string) bool {
	return id == actionGood || id == actionBad || id == actionWhy
}

// acceptFeedbackAction stores the rating a feedback button gives and, once
// per click (Slack may deliver a click again), thanks for a 👍 or opens the
// form for a 👎. It returns quickly: the form and the thanks are sent in
// the background.
func (a *Adapter) acceptFeedbackAction(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if a.cfg.Feedback == nil {
		return
	}
	ref := strings.TrimSpace(act.Value)
	user := cb.User.ID
	if ref == "" || user == "" {
		return
	}
	res := feedback.Unchanged
	if act.ActionID != actionWhy {
		rating := feedback.Good
		if act.ActionID == actionBad {
			rating = feedback.Bad
		}
		var err error
		res, err = a.cfg.Feedback.Rate(ctx, feedback.Vote{Ref: ref, User: user, Rating: rating, Via: feedback.ViaButton})
		switch {
		case errors.Is(err, feedback.ErrUnknownAnswer):
			a.log.Info("slack: rating of an answer no longer remembered", "channel", cb.Container.ChannelID)
			a.thank(cb, "Sorry, that answer is too old to rate now.")
			return
		case err != nil:
			a.log.Error("slack: storing a rating failed", "err", err)
			a.thank(cb, "Sorry, I could not record that just now. Please try again in a moment.")
			return
		}
		a.log.Info("slack: answer rated", "rating", string(rating), "result", int(res))
	}
	first, err := a.st.Claim(ctx, "slack:fb:"+clickID(cb, act))
	if err != nil {
		a.log.Warn("slack: claim feedback click", "err", err)
	} else if !first {
		a.log.Info("slack: feedback click already handled; skipping")
		return
	}
	if act.ActionID == actionGood {
		a.thank(cb, "Thanks for the feedback.")
		return
	}
	trigger := cb.TriggerID
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		fctx, cancel := context.WithTimeout(context.Background(), feedbackTimeout)
		defer cancel()
		if err := a.openFeedbackForm(fctx, trigger, ref); err != nil {
			a.log.Warn("slack: opening the feedback form failed", "err", err)
			a.thank(cb, "Thanks: I noted that this answer was wrong.")
		}
	}()
}

// thank shows the person who clicked a short line only they see, in the
// background.
func (a *Adapter) thank(cb slack.InteractionCallback, text string) {
	channel, thread := clickPlace(cb)
	m := render(bot.Reply{Summary: text}, renderOpts{})[0]
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), feedbackTimeout)
		defer cancel()
		err := errNoResponseURL
		if cb.ResponseURL != "" {
			err = a.respond(ctx, cb.ResponseURL, webhook(m, slack.ResponseTypeEphemeral, false))
		}
		if err != nil && channel != "" && cb.User.ID != "" {
			err = a.postEphemeral(ctx, channel, cb.User.ID, thread, m)
		}
		if err != nil {
			a.log.Warn("slack: thanking for feedback failed", "err", err)
		}
	}()
}

// openFeedbackForm opens the "what was wrong?" form for the answer ref.
func (a *Adapter) openFeedbackForm(ctx context.Context, trigger, ref string) error {
	if trigger == "" {
		return errors.New("slack: no trigger_id to open a form with")
	}
	var blocks []slack.Block
	if ans, ok, err := a.cfg.Feedback.Answer(ctx, ref); err == nil && ok && ans.Question != "" {
		blocks = append(blocks, slack.NewContextBlock("question",
			mrkdwn("You asked: "+escapedPrefix(ans.Question, maxContextText-20))))
	}
	input := slack.NewPlainTextInputBlockElement(plain("For example: it named the wrong minister"), inputComment)
	input.Multiline = true
	input.MaxLength = feedback.MaxComment
	blocks = append(blocks, slack.NewInputBlock(blockComment, plain("What was wrong?"),
		plain("Optional. Your 👎 is recorded either way."), input).WithOptional(true))
	view := slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      viewFeedback,
		Title:           plain("Wrong answer"),
		Submit:          plain("Send"),
		Close:           plain("Close"),
		PrivateMetadata: ref,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
	if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
		return err
	}
	return nil
}

// acceptFeedbackForm stores what a submitted form says was wrong, as a 👎
// with that comment. A form submitted again changes nothing.
func (a *Adapter) acceptFeedbackForm(ctx context.Context, cb slack.InteractionCallback) {
	if a.cfg.Feedback == nil || cb.View.CallbackID != viewFeedback || cb.User.ID == "" {
		return
	}
	comment := cb.View.State.Values[blockComment][inputComment].Value
	res, err := a.cfg.Feedback.Rate(ctx, feedback.Vote{Ref: cb.View.PrivateMetadata, User: cb.User.ID,
		Rating: feedback.Bad, Comment: comment, Via: feedback.ViaForm})
	if err != nil {
		a.log.Error("slack: storing what was wrong failed", "err", err)
		return
	}
	a.log.Info("slack: feedback form received", "result", int(res))
}

// reactionRating maps a reaction's name (with any skin tone) to a rating.
func reactionRating(name string) (feedback.Rating, bool) {
	name, _, _ = strings.Cut(name, "::")
	switch name {
	case "+1", "thumbsup":
		return feedback.Good, true
	case "-1", "thumbsdown":
		return feedback.Bad, true
	}
	return "", false
}

// acceptReaction counts a 👍 or 👎 reaction added to (or removed from) one
// of the bot's answers. A new 👎 is followed by a message only the person
// sees, offering the form. It returns quickly.
func (a *Adapter) acceptReaction(ctx context.Context, user, reaction, itemUser string, item slackevents.Item, added bool, botUser string) {
	rating, ok := reactionRating(reaction)
	if !ok || a.cfg.Feedback == nil || item.Type != "message" || user == "" || user == botUser ||
		(itemUser != "" && itemUser != botUser) {
		return
	}
	ans, found, err := a.cfg.Feedback.Lookup(ctx, bot.PlatformSlack, item.Channel, item.Timestamp)
	if err != nil {
		a.log.Error("slack: looking up a reacted answer failed", "err", err)
		return
	}
	if !found {
		a.log.Debug("slack: reaction on a message that is no remembered answer", "channel", item.Channel)
		return
	}
	if !added {
		if ok, err := a.cfg.Feedback.Retract(ctx, ans.Ref, bot.PlatformSlack, user, rating); err != nil {
			a.log.Error("slack: taking back a rating failed", "err", err)
		} else if ok {
			a.log.Info("slack: rating taken back", "rating", string(rating))
		}
		return
	}
	res, err := a.cfg.Feedback.Rate(ctx, feedback.Vote{Ref: ans.Ref, User: user, Rating: rating, Via: feedback.ViaReaction})
	if err != nil {
		a.log.Error("slack: storing a rating failed", "err", err)
		return
	}
	a.log.Info("slack: answer rated", "rating", string(rating), "result", int(res), "via", feedback.ViaReaction)
	if rating != feedback.Bad || res == feedback.Unchanged {
		return
	}
	why := slack.NewButtonBlockElement(actionWhy, ans.Ref, plain("Say what was wrong"))
	m := outMsg{Text: "Thanks for the 👎. Say what was wrong?", Blocks: []slack.Block{
		slack.NewSectionBlock(mrkdwn("Thanks for the 👎. If you tell me what was wrong, the maintainers can fix it."), nil, nil),
		slack.NewActionBlock("liaison_feedback_why", why),
	}}
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		pctx, cancel := context.WithTimeout(context.Background(), feedbackTimeout)
		defer cancel()
		if err := a.postEphemeral(pctx, item.Channel, user, ans.Thread, m); err != nil {
			a.log.Warn("slack: offering the feedback form failed", "err", err)
		}
	}()
}
