package feedback

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"liaison/bot"
)

// ChatListSize is how many ratings the chat command lists.
const ChatListSize = 10

// Command is a bot.Answerer in front of the core that answers the
// admins' "feedback" command (Slack `/liaison feedback`, Matrix
// `!liaison feedback` or `!feedback`, or "feedback" in a direct message)
// with the last ChatListSize ratings, and passes every other message on.
// Others asking it are told it is for administrators.
type Command struct {
	next    bot.Answerer
	book    *Book
	isAdmin func(bot.Message) bool
	log     *slog.Logger
}

var _ bot.Answerer = (*Command)(nil)

// NewCommand puts the feedback command in front of next; isAdmin decides
// who may use it (access.Policy.IsAdmin).
func NewCommand(next bot.Answerer, book *Book, isAdmin func(bot.Message) bool, log *slog.Logger) *Command {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Command{next: next, book: book, isAdmin: isAdmin, log: log}
}

// IsCommand reports whether text asks for the feedback listing.
func IsCommand(text string) bool {
	return strings.ToLower(strings.TrimLeft(strings.TrimSpace(text), "/!")) == "feedback"
}

// Answer answers the feedback command, or asks next.
func (c *Command) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	if !IsCommand(m.Text) {
		return c.next.Answer(ctx, m)
	}
	if c.isAdmin == nil || !c.isAdmin(m) {
		return bot.Reply{Intent: bot.IntentDenied, Summary: "Only administrators can list the feedback on answers.", Sources: []bot.Source{}}, nil
	}
	entries, err := c.book.List(ctx, Filter{Limit: ChatListSize})
	if err != nil {
		c.log.Error("feedback: listing for an admin failed", "err", err)
		return bot.Reply{Intent: IntentFeedback, Summary: "Sorry, I could not read the feedback just now. The log has the details.", Sources: []bot.Source{}}, nil
	}
	return ChatReply(entries), nil
}

// ChatReply lists entries (newest first) as a chat reply.
func ChatReply(entries []Entry) bot.Reply {
	r := bot.Reply{Found: len(entries) > 0, Intent: IntentFeedback, Sources: []bot.Source{}}
	if len(entries) == 0 {
		r.Summary = "No one has rated an answer yet."
		return r
	}
	good, bad := 0, 0
	for _, e := range entries {
		if e.Rating == Bad {
			bad++
		} else {
			good++
		}
	}
	r.Summary = fmt.Sprintf("The last %d ratings of answers, newest first (%d 👎, %d 👍). `liaison feedback` lists them all.", len(entries), bad, good)
	for _, e := range entries {
		r.Details = append(r.Details, ChatLine(e))
	}
	return r
}

// ChatLine is one rating on one line: mark, time, platform, question and
// what was wrong.
func ChatLine(e Entry) string {
	line := fmt.Sprintf("%s %s, %s: “%s”", Mark(e.Rating), e.At.Format("2 Jan 15:04 MST"), e.Platform, shorten(e.Question, 200))
	if e.Comment != "" {
		line += " – " + shorten(e.Comment, 300)
	}
	if !e.Found {
		line += " (answered: nothing found)"
	}
	return line
}

// Mark is the emoji of a rating.
func Mark(r Rating) string {
	if r == Bad {
		return "👎"
	}
	return "👍"
}

// shorten cuts s to n characters on one line, marking a cut with "…".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
