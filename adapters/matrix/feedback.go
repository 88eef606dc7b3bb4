package matrix

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
	"liaison/internal/feedback"
)

// Feedback on answers (with Config.Feedback set): a 👍 or 👎 reaction
// (m.reaction, plain or encrypted: Element sends reactions unencrypted even
// in encrypted rooms) on one of the bot's answers is stored as a rating,
// and redacting the reaction takes it back; a reply to an answer that
// starts with "!wrong" stores a 👎 with the rest of the reply as what was
// wrong, and is thanked. Each answer is remembered with the event that
// carries it (feedback.Book), so that a reaction or reply names it.

// feedbackTimeout bounds storing one reaction or redaction.
const feedbackTimeout = 30 * time.Second

// answerRef is the feedback ref of the answer to the question event q.
func answerRef(q id.EventID) string { return "matrix:" + q.String() }

// rememberAnswer records reply, sent as the event answer to question in
// room, for feedback.
func (r *runner) rememberAnswer(ctx context.Context, question id.EventID, room id.RoomID, text string, reply bot.Reply, answer id.EventID) {
	book := r.a.cfg.Feedback
	if book == nil || !feedback.Rateable(reply) || answer == "" {
		return
	}
	ref := answerRef(question)
	err := book.Remember(ctx, feedback.Answer{Ref: ref, Platform: bot.PlatformMatrix, Room: room.String(),
		Question: text, Reply: reply, At: time.Now()})
	if err == nil {
		err = book.Posted(ctx, bot.PlatformMatrix, room.String(), answer.String(), ref)
	}
	if err != nil {
		r.a.log.Warn("matrix: remembering an answer for feedback failed; reactions on it will not count", "room_id", room.String(), "err", err)
	}
}

// wrongReport reports whether a message is a "!wrong ..." report, and
// returns the event it replies to ("" when none) and what it says was
// wrong.
func wrongReport(content *event.MessageEventContent) (target id.EventID, comment string, ok bool) {
	body := content.Body
	if content.RelatesTo.GetReplyTo() != "" {
		body = event.TrimReplyFallbackText(body)
	}
	text := strings.TrimSpace(body)
	const cmd = "!wrong"
	if len(text) < len(cmd) || !strings.EqualFold(text[:len(cmd)], cmd) {
		return "", "", false
	}
	rest := text[len(cmd):]
	if rest != "" && !strings.ContainsRune(" \t\n:,.;-–—", []rune(rest)[0]) {
		return "", "", false // "!wrongly" is another word
	}
	comment = strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(":,.;-–—", r) })
	return content.RelatesTo.GetReplyTo(), strings.TrimSpace(comment), true
}

// wrongReportMsg is a "!wrong" report: the answer it replies to, when
// that is a remembered answer (found), and what it says was wrong.
type wrongReportMsg struct {
	ans     feedback.Answer
	found   bool
	comment string
}

// wrongReportOf returns the "!wrong" report content makes in room, or nil
// when it makes none (or feedback is off).
func (r *runner) wrongReportOf(ctx context.Context, room id.RoomID, content *event.MessageEventContent) *wrongReportMsg {
	if r.a.cfg.Feedback == nil {
		return nil
	}
	target, comment, ok := wrongReport(content)
	if !ok {
		return nil
	}
	rep := &wrongReportMsg{comment: comment}
	if target == "" {
		return rep
	}
	ans, found, err := r.a.cfg.Feedback.Lookup(ctx, bot.PlatformMatrix, room.String(), target.String())
	if err != nil {
		r.a.log.Error("matrix: looking up the answer of a !wrong report failed", "room_id", room.String(), "err", err)
	}
	rep.ans, rep.found = ans, found
	return rep
}

// reportWrong stores a "!wrong" report and returns the reply to it.
func (r *runner) reportWrong(ctx context.Context, evt *event.Event, rep wrongReportMsg) bot.Reply {
	ans, comment := rep.ans, rep.comment
	reply := bot.Reply{Intent: feedback.IntentFeedback, Sources: []bot.Source{}}
	if !rep.found {
		reply.Summary = "To report a wrong answer, reply to my answer with !wrong and what was wrong, for example: !wrong the meeting was in 2019."
		return reply
	}
	res, err := r.a.cfg.Feedback.Rate(ctx, feedback.Vote{Ref: ans.Ref, User: evt.Sender.String(), Rating: feedback.Bad,
		Comment: comment, Via: feedback.ViaReply, Source: evt.ID.String()})
	if errors.Is(err, feedback.ErrUnknownAnswer) {
		reply.Summary = "Sorry, that answer is too old to rate now."
		return reply
	}
	if err != nil {
		r.a.log.Error("matrix: storing a !wrong report failed", "event_id", evt.ID.String(), "err", err)
		reply.Summary = "Sorry, I could not record that just now. Please try again in a moment."
		return reply
	}
	r.a.log.Info("matrix: answer rated", "rating", string(feedback.Bad), "result", int(res), "via", feedback.ViaReply)
	reply.Found = true
	reply.Summary = "Thank you: I noted that this answer was wrong, for the maintainers."
	if comment != "" {
		reply.Summary = "Thank you: I noted that this answer was wrong, and what you said, for the maintainers."
	}
	return reply
}

// reactionRating maps a reaction key to a rating: 👍 or 👎, with any skin
// tone or variation selector, or their :shortcodes:.
func reactionRating(key string) (feedback.Rating, bool) {
	key = strings.Map(func(r rune) rune {
		if r == '\uFE0F' || r == '\uFE0E' || (r >= 0x1F3FB && r <= 0x1F3FF) {
			return -1
		}
		return r
	}, strings.TrimSpace(key))
	switch key {
	case "👍", ":+1:", ":thumbsup:":
		return feedback.Good, true
	case "👎", ":-1:", ":thumbsdown:":
		return feedback.Bad, true
	}
	return "", false
}

// onReaction stores a 👍 or 👎 reaction on one of the bot's answers. It
// runs on the room's lane, after the answer it names was remembered.
func (r *runner) onReaction(ctx context.Context, evt *event.Event) {
	book := r.a.cfg.Feedback
	if book == nil || evt.Sender == r.cli.UserID || evt.Mautrix.EventSource&event.SourceLeave != 0 {
		return
	}
	c := evt.Content.AsReaction()
	if c.RelatesTo.Type != event.RelAnnotation || c.RelatesTo.EventID == "" {
		return
	}
	rating, ok := reactionRating(c.RelatesTo.Key)
	if !ok || !r.begin() {
		return
	}
	r.rooms.push(evt.RoomID.String(), func() {
		defer r.wg.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), feedbackTimeout)
		defer cancel()
		ans, found, err := book.Lookup(ctx, bot.PlatformMatrix, evt.RoomID.String(), c.RelatesTo.EventID.String())
		if err != nil || !found {
			if err != nil {
				r.a.log.Error("matrix: looking up a reacted answer failed", "room_id", evt.RoomID.String(), "err", err)
			}
			return
		}
		res, err := book.Rate(ctx, feedback.Vote{Ref: ans.Ref, User: evt.Sender.String(), Rating: rating,
			Via: feedback.ViaReaction, Source: evt.ID.String()})
		if err != nil {
			r.a.log.Error("matrix: storing a rating failed", "room_id", evt.RoomID.String(), "err", err)
			return
		}
		r.a.log.Info("matrix: answer rated", "rating", string(rating), "result", int(res), "via", feedback.ViaReaction)
	})
}

// onRedaction takes back the rating a redacted reaction gave.
func (r *runner) onRedaction(ctx context.Context, evt *event.Event) {
	book := r.a.cfg.Feedback
	if book == nil {
		return
	}
	redacts := evt.Redacts
	if redacts == "" {
		redacts = evt.Content.AsRedaction().Redacts
	}
	if redacts == "" || !r.begin() {
		return
	}
	r.rooms.push(evt.RoomID.String(), func() {
		defer r.wg.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), feedbackTimeout)
		defer cancel()
		if ok, err := book.RetractSource(ctx, bot.PlatformMatrix, redacts.String()); err != nil {
			r.a.log.Error("matrix: taking back a rating failed", "err", err)
		} else if ok {
			r.a.log.Info("matrix: rating taken back (its reaction was redacted)")
		}
	})
}
