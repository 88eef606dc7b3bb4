package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"liaison/bot"
)

// Slash commands and the buttons answered through a response_url are
// journalled the way Events API questions are (pending.go): the command's
// or click's claim and a journal entry holding everything needed to answer
// it (the core's message, the response_url, channel, user, response type,
// how to render) are written in one transaction (store.ClaimWith) before
// Slack is acknowledged. The entry is deleted once the answer is delivered
// (in the acknowledgement itself, or through the response_url). Run answers
// the entries a previous run left behind, through their response_url,
// before it accepts new events; an entry older than the response_url's 30
// minutes is dropped with a log line.
//
// A response_url is a credential (anyone holding it can post as the app in
// that conversation for 30 minutes). It never appears in logs or errors,
// but it does sit in the local state database until the answer is
// delivered, as the rest of the adapter's state does: keep the data folder
// as private as the bot token.
//
// Duplicates: nothing on Slack's side tells whether a response_url post
// went through (ephemeral answers cannot be read back), so the entry
// records how many parts were delivered, and the answer itself once a part
// is out, and a restart sends only the rest of the same answer. What
// cannot be known is a post Slack accepted in the instant before the
// process died and before the local store recorded it (the delete, for the
// last part): that one part, at most, is posted again. The same holds for
// an answer given in the acknowledgement: a crash between sending the
// acknowledgement and deleting the entry answers once more through the
// response_url. Both windows are one local SQLite write long; a lost
// answer is worse than such a rare repeat.

// respondPrefix starts the store keys of journalled answers owed to a
// response_url (slash commands and button clicks).
const respondPrefix = "slack:respond:"

// responseURLLifetime is how long Slack accepts posts to a response_url.
const responseURLLifetime = 30 * time.Minute

// errNoResponseURL is reported when an answer has no response_url and no
// other way to reach the person.
var errNoResponseURL = errors.New("slack: no response_url to answer through")

// response is a journalled answer owed to a response_url.
type response struct {
	// ID names the entry: "cmd:<trigger_id>" or "act:<click id>".
	ID string `json:"id"`
	// Claims are the keys claimed with the entry.
	Claims []string `json:"claims,omitempty"`
	// Received is when Slack handed over ResponseURL; it expires 30
	// minutes later.
	Received time.Time `json:"received"`
	// What is the slash command, or "button", for log lines.
	What string `json:"what"`
	// ResponseURL is a credential: never log it.
	ResponseURL string `json:"response_url,omitempty"`
	// Channel and User are where and to whom an ephemeral answer falls
	// back to chat.postEphemeral; User is "" for public answers.
	Channel string `json:"channel"`
	User    string `json:"user,omitempty"`
	// ResponseType is slack.ResponseTypeEphemeral or ResponseTypeInChannel.
	ResponseType string `json:"response_type"`
	// Replace makes the first part replace the message that was clicked.
	Replace bool `json:"replace,omitempty"`
	// DeleteOriginal removes the clicked message after the answer ("Share
	// in channel").
	DeleteOriginal bool `json:"delete_original,omitempty"`
	// Render says how the reply is shown.
	Render renderOpts `json:"render"`
	// Message is what the core is asked.
	Message bot.Message `json:"message"`
	// Reply is the core's answer, recorded with the first delivered part
	// so that a restart sends the rest of the same answer.
	Reply *bot.Reply `json:"reply,omitempty"`
	// Sent is how many parts were delivered (and response_url uses spent).
	Sent int `json:"sent,omitempty"`
}

// key is the entry's store key.
func (r *response) key() string { return respondPrefix + r.ID }

// kind names what the entry answers, for log lines.
func (r *response) kind() string {
	if r.What == "button" {
		return "button click"
	}
	return "slash command"
}

// journalResponse claims r's keys and journals r in one transaction; false
// means it was already claimed. A store failure is logged and treated as
// first time: a rare duplicate is better than a question never answered.
func (a *Adapter) journalResponse(ctx context.Context, r *response) bool {
	return a.claimJournalled(ctx, r.Claims, r.key(), r)
}

// saveResponse records r's progress.
func (a *Adapter) saveResponse(r *response) {
	data, err := json.Marshal(r)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = a.st.Put(ctx, r.key(), string(data))
	}
	if err != nil {
		a.log.Error("slack: record answer progress; a restart may repeat a part", "key", r.key(), "err", err)
	}
}

// finishResponse removes r from the journal once it is answered (or can
// never be).
func (a *Adapter) finishResponse(r *response) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.st.Delete(ctx, r.key()); err != nil {
		a.log.Error("slack: clear answered command from the journal", "key", r.key(), "err", err)
	}
}

// deliverResponse answers r through its response_url: it asks the core
// unless reply (or r.Reply) is given, then posts the parts not yet
// delivered (at most Slack's five posts per URL), recording progress in
// the journal. If the URL is missing or fails, ephemeral answers fall back
// to chat.postEphemeral. An error that retrying cannot fix ends the entry;
// any other leaves it journalled for the next start.
func (a *Adapter) deliverResponse(ctx context.Context, ans bot.Answerer, r *response, reply *bot.Reply) {
	if r.Reply == nil {
		if reply == nil {
			rep := a.answer(ctx, ans, r.Message)
			reply = &rep
		}
		r.Reply = reply
	}
	msgs := render(*r.Reply, a.rated(ctx, answerRef(r.ID), r.Message, "", *r.Reply, r.Render))
	if len(msgs) > maxResponseURL {
		a.log.Warn("slack: answer too long for response_url; truncated", "parts", maxResponseURL, "of", len(msgs))
		msgs = msgs[:maxResponseURL]
	}
	useURL := r.ResponseURL != ""
	for i := r.Sent; i < len(msgs); i++ {
		err := errNoResponseURL
		if useURL {
			err = a.respond(ctx, r.ResponseURL, webhook(msgs[i], r.ResponseType, r.Replace && i == 0))
		}
		if err != nil && r.ResponseType == slack.ResponseTypeEphemeral && r.User != "" {
			if useURL {
				a.log.Warn("slack: response_url failed; trying chat.postEphemeral", "channel", r.Channel, "err", err)
				useURL = false
			}
			err = a.postEphemeral(ctx, r.Channel, r.User, "", msgs[i])
		}
		if err != nil {
			a.log.Error("slack: delivering answer failed", "what", r.What, "channel", r.Channel, "part", i+1, "err", err)
			if permanentRespondError(err) {
				a.finishResponse(r)
			} else {
				a.log.Warn("slack: the answer stays journalled and is sent at the next start (within 30 minutes)", "what", r.What, "channel", r.Channel)
			}
			return
		}
		if i+1 < len(msgs) {
			r.Sent = i + 1
			a.saveResponse(r)
		}
	}
	// The delete is the record of the last part.
	a.finishResponse(r)
	if r.DeleteOriginal && r.ResponseURL != "" {
		if err := a.respond(ctx, r.ResponseURL, &slack.WebhookMessage{DeleteOriginal: true}); err != nil {
			a.log.Warn("slack: removing the shared ephemeral answer failed", "err", err)
		}
	}
}

// permanentRespondError reports delivery errors that retrying later cannot
// fix: the response_url refused the post (expired, used up, invalid), or
// the fallback's channel is gone.
func permanentRespondError(err error) bool {
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return sc.Code >= 400 && sc.Code < 500 && sc.Code != http.StatusTooManyRequests
	}
	return errors.Is(err, errNoResponseURL) || permanentPostError(err)
}

// recoverResponses queues the response_url answers a previous run
// journalled but did not finish, oldest first, and returns how many.
// Entries older than a response_url's lifetime are dropped with a log line.
func (a *Adapter) recoverResponses(ctx context.Context, ans bot.Answerer) (int, error) {
	rows, err := a.st.Scan(ctx, respondPrefix)
	if err != nil {
		return 0, fmt.Errorf("slack: read unanswered commands: %w", err)
	}
	var rs []*response
	for _, kv := range rows {
		r := &response{}
		if err := json.Unmarshal([]byte(kv[1]), r); err != nil || r.ID == "" || r.key() != kv[0] {
			a.log.Error("slack: unreadable journal entry dropped", "key", kv[0], "err", err)
			_ = a.st.Delete(ctx, kv[0])
			continue
		}
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Received.Before(rs[j].Received) })
	n := 0
	for _, r := range rs {
		if age := time.Since(r.Received); age >= responseURLLifetime {
			a.log.Warn("slack: dropped the unanswered "+r.kind()+" of a previous run: its response_url expired (30 minutes)",
				"what", r.What, "channel", r.Channel, "user", r.User, "age", age.Round(time.Second))
			if err := a.st.Delete(ctx, r.key()); err != nil {
				a.log.Error("slack: clear expired command from the journal", "key", r.key(), "err", err)
			}
			continue
		}
		if r.Sent > 0 {
			a.log.Info("slack: resuming an interrupted answer", "what", r.What, "channel", r.Channel, "from_part", r.Sent+1)
		}
		a.lanes.push(r.Channel, func(ctx context.Context) { a.deliverResponse(ctx, ans, r, nil) })
		n++
	}
	return n, nil
}

// slackNow is the current time as a Slack timestamp ("1700000000.000100").
func slackNow() string {
	now := time.Now()
	return strconv.FormatInt(now.Unix(), 10) + "." + fmt.Sprintf("%06d", now.Nanosecond()/1000)
}
