package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"liaison/bot"
)

// Slack does not redeliver an event once it is acknowledged, and the
// adapter acknowledges events before it answers them. So that a crash
// between the two cannot lose a question, an event's claims and a journal
// entry holding everything needed to answer it are written in one
// transaction (store.ClaimWith) before the acknowledgement; the entry is
// deleted once the answer is posted. Run answers the entries a previous
// run left behind before it accepts new events. Every answer part carries
// message metadata naming its question, so that a part posted just before
// a crash is found in the conversation and not posted twice. Slash
// commands and button clicks answered through a response_url are
// journalled the same way in respond.go.

// pendingPrefix starts the store keys of journalled, unanswered events.
const pendingPrefix = "slack:pending:"

// answerMetadataType is the metadata event type of Liaison's answers.
const answerMetadataType = "liaison_answer"

// pending is a journalled question: enough to answer it after a restart.
type pending struct {
	Keys    []string    `json:"keys"`
	Channel string      `json:"channel"`
	Thread  string      `json:"thread,omitempty"` // thread the answer goes in
	TS      string      `json:"ts"`               // the question's ts
	Message bot.Message `json:"message"`
	// Raw is the Slack text of a question that mentions someone other
	// than the bot: the mentions are turned into names when it is
	// answered (Message.Text has the user IDs).
	Raw string `json:"raw,omitempty"`
	// FileOnly marks a direct message that shares a file without text:
	// it gets fileOnlyReply instead of an answer from the core.
	FileOnly bool `json:"file_only,omitempty"`
}

// key is the journal key: ordered by channel and question time.
func (p pending) key() string { return pendingPrefix + p.Channel + ":" + p.TS }

// answerRef names the question an answer belongs to, in its metadata.
func (p pending) answerRef() string { return p.Channel + ":" + p.TS }

// claimPending claims p's keys and journals it in one transaction; false
// means the event was already claimed. A store failure is logged and
// treated as first time: a rare duplicate is better than a question never
// answered.
func (a *Adapter) claimPending(ctx context.Context, p pending) bool {
	return a.claimJournalled(ctx, p.Keys, p.key(), p)
}

// claimJournalled claims keys and journals v as JSON under key in one
// transaction; false means the keys were already claimed. An encoding or
// store failure is logged and treated as first time.
func (a *Adapter) claimJournalled(ctx context.Context, keys []string, key string, v any) bool {
	data, err := json.Marshal(v)
	if err != nil {
		a.log.Error("slack: encode pending answer", "err", err)
		return true
	}
	ok, err := a.st.ClaimWith(ctx, keys, key, string(data))
	if err != nil {
		a.log.Error("slack: claim failed; answering anyway", "key", key, "err", err)
		return true
	}
	return ok
}

// finishPending removes p from the journal once it is answered (or can
// never be).
func (a *Adapter) finishPending(p pending) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.st.Delete(ctx, p.key()); err != nil {
		a.log.Error("slack: clear answered question from the journal", "key", p.key(), "err", err)
	}
}

// queuePending queues p's answer on its channel's lane. skipPosted makes
// it first look for answer parts already in the conversation (after a
// crash) and post only the missing ones.
func (a *Adapter) queuePending(ans bot.Answerer, p pending, skipPosted bool) {
	a.lanes.push(p.Channel, func(ctx context.Context) {
		posted := map[int]bool{}
		if skipPosted {
			var err error
			if posted, err = a.postedParts(ctx, p); err != nil {
				a.log.Warn("slack: cannot tell whether an interrupted answer was posted; answering it", "channel", p.Channel, "err", err)
			}
		}
		m := p.Message
		if p.Raw != "" {
			botUser, _, _ := a.identity(ctx)
			m.Text = a.withNames(ctx, p.Raw, botUser)
		}
		reply := fileOnlyReply
		if !p.FileOnly {
			reply = a.answer(ctx, ans, m)
		}
		opts := a.rated(ctx, answerRef(p.answerRef()), m, p.Thread, reply, renderOpts{})
		for i, om := range render(reply, opts) {
			if posted[i] {
				continue
			}
			ts, err := a.postMessage(ctx, p.Channel, p.Thread, om, metadataOpt(p, i))
			a.posted(ctx, p.Channel, ts, opts.Feedback)
			if err != nil {
				a.log.Error("slack: posting answer failed", "event_id", p.Message.ID, "channel", p.Channel, "part", i+1, "err", err)
				if permanentPostError(err) {
					a.finishPending(p)
				} else {
					a.log.Warn("slack: the question stays journalled and is answered at the next start", "channel", p.Channel)
				}
				return
			}
		}
		a.finishPending(p)
	})
}

// metadataOpt tags part i of p's answer with message metadata.
func metadataOpt(p pending, i int) slack.MsgOption {
	return slack.MsgOptionMetadata(slack.SlackMetadata{EventType: answerMetadataType,
		EventPayload: map[string]any{"question": p.answerRef(), "part": i}})
}

// permanentPostError reports errors that retrying later cannot fix (the
// channel is gone or the bot is not in it).
func permanentPostError(err error) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text",
			"invalid_blocks", "restricted_action", "cannot_reply_to_message":
			return true
		}
	}
	return false
}

// postedParts reads the conversation after p's question and returns the
// answer parts of p already posted.
func (a *Adapter) postedParts(ctx context.Context, p pending) (map[int]bool, error) {
	var msgs []slack.Message
	var err error
	if p.Thread != "" {
		msgs, _, _, err = a.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: p.Channel, Timestamp: p.Thread, Oldest: p.TS, Limit: 200, IncludeAllMetadata: true})
	} else {
		var resp *slack.GetConversationHistoryResponse
		resp, err = a.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: p.Channel, Oldest: p.TS, Limit: 200, IncludeAllMetadata: true})
		if resp != nil {
			msgs = resp.Messages
		}
	}
	posted := map[int]bool{}
	if err != nil {
		return posted, fmt.Errorf("slack: read conversation %s: %w", p.Channel, err)
	}
	for _, m := range msgs {
		if m.Metadata.EventType != answerMetadataType || m.Metadata.EventPayload["question"] != p.answerRef() {
			continue
		}
		if part, ok := m.Metadata.EventPayload["part"].(float64); ok {
			posted[int(part)] = true
		}
	}
	return posted, nil
}

// recoverPending queues the answers a previous run journalled but did not
// finish, in question order within each channel, and returns how many.
func (a *Adapter) recoverPending(ctx context.Context, ans bot.Answerer) (int, error) {
	rows, err := a.st.Scan(ctx, pendingPrefix)
	if err != nil {
		return 0, fmt.Errorf("slack: read unanswered questions: %w", err)
	}
	n := 0
	for _, kv := range rows {
		var p pending
		if err := json.Unmarshal([]byte(kv[1]), &p); err != nil || p.Channel == "" || !strings.HasPrefix(kv[0], pendingPrefix) {
			a.log.Error("slack: unreadable journal entry dropped", "key", kv[0], "err", err)
			_ = a.st.Delete(ctx, kv[0])
			continue
		}
		a.queuePending(ans, p, true)
		n++
	}
	return n, nil
}
