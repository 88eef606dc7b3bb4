// Package bot is Liaison's platform-neutral core. It owns the message and
// reply types and the interfaces that chat adapters satisfy, parses questions
// and commands, matches them against a knowledge.Base and renders answers.
// It never imports an adapter.
package bot

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Platform names the chat system a message came from.
type Platform string

// The platforms Liaison ships adapters for.
const (
	PlatformTerminal Platform = "terminal"
	PlatformSlack    Platform = "slack"
	PlatformMatrix   Platform = "matrix"
)

// Message is one question or command from a person, as an adapter hands it to
// the core. Text holds what the person asked with any leading mention of the
// bot already removed by the adapter. A platform slash command is passed as
// text in the same grammar the core parses everywhere: "/who-met NAME"; a
// catch-all command such as "/liaison QUESTION" is passed as just QUESTION.
type Message struct {
	// Platform is where the message came from.
	Platform Platform
	// ID is the platform's identifier for the event (Slack ts or event_id,
	// Matrix event ID); it is used in logs only.
	ID string
	// Text is the question or command.
	Text string
	// Sender is the platform user ID of the person asking.
	Sender string
	// SenderName is a display name, when the adapter knows it.
	SenderName string
	// Room is the channel, room or DM the message was posted in.
	Room string
	// Workspace is the Slack team the message came from; "" elsewhere.
	Workspace string
	// Thread is the thread root the message belongs to, or "" outside threads.
	Thread string
	// Direct is true in a one-to-one conversation with the bot.
	Direct bool
	// Time is when the platform says the message was sent.
	Time time.Time
}

// ConversationKey identifies the conversation a message belongs to, for
// follow-up questions ("and where was that?"). Messages in the same room and
// thread (or the same DM) share a key.
func (m Message) ConversationKey() string {
	return strings.Join([]string{string(m.Platform), m.Room, m.Thread}, "\x1f")
}

// Intent names what the core understood a message to ask for. Its values are
// the "intent" field of `liaison ask --json`.
type Intent string

// The intents the core answers.
const (
	IntentWhoMet     Intent = "who_met"
	IntentWhere      Intent = "where"
	IntentWhen       Intent = "when"
	IntentWhoIs      Intent = "who_is"
	IntentWho        Intent = "who"
	IntentMeetings   Intent = "meetings"
	IntentAgreements Intent = "agreements"
	IntentTopics     Intent = "topics"
	IntentOutcomes   Intent = "outcomes"
	IntentSources    Intent = "sources"
	IntentSearch     Intent = "search"
	IntentHelp       Intent = "help"
	IntentStatus     Intent = "status"
	IntentEmpty      Intent = "empty"
	IntentUnknown    Intent = "unknown"
)

// Source cites the release a fact comes from.
type Source struct {
	// Doc is the release's file name relative to the corpus folder.
	Doc string `json:"doc"`
	// Title is the release's title, or "" when none was found.
	Title string `json:"title"`
	// Date is the release's publication date as YYYY-MM-DD, or "" when the
	// release does not state one.
	Date string `json:"date"`
	// Quote is the sentence the fact was read from.
	Quote string `json:"quote"`
	// URL is the address of the page the release was read from (a
	// release fetched from a feed), or "" when its file names none.
	// Adapters show it as a link.
	URL string `json:"url,omitempty"`
}

// Suggestion is a follow-up the person can pick, such as a "did you mean"
// name. Adapters render it as a button or a line of text.
type Suggestion struct {
	// Label is what the person sees ("Vladimir Kolokoltsev").
	Label string `json:"label"`
	// Query is the text to ask the core when the suggestion is chosen.
	Query string `json:"query"`
}

// Reply is the core's answer to one Message. Summary is a one-line answer,
// Details are further lines, Sources cite the releases. Every string in a
// Reply is plain text; it may contain text the user typed, so adapters must
// escape it for their markup and neutralise mentions before sending.
type Reply struct {
	// Found is false when the releases hold no answer.
	Found bool `json:"found"`
	// Intent is what the core understood the message to ask.
	Intent Intent `json:"intent"`
	// Summary is the one-line answer.
	Summary string `json:"summary"`
	// Details are further plain-text lines, shown after the summary.
	Details []string `json:"details,omitempty"`
	// Sources cite the releases the answer comes from, most relevant first.
	Sources []Source `json:"sources"`
	// Suggestions are follow-ups to offer, such as "did you mean" names.
	Suggestions []Suggestion `json:"suggestions,omitempty"`

	// final marks a reply no other candidate may replace: a question
	// naming something the releases never mention, or one the core must
	// ask back about (an ambiguous name).
	final bool
	// meeting marks an answer read from a meeting's facts (its date or
	// place): it says when or where a meeting was, not another event.
	meeting bool
	// anchored marks an answer read from one sentence the question's
	// ranking chose, anchor: a passage that answers better replaces it.
	anchored bool
	anchor   int
}

// Text renders the reply as the plain text a person reads in chat: the
// summary, then each detail on its own line. It is the "answer" field of
// `liaison ask --json`; sources are carried separately.
func (r Reply) Text() string {
	var b strings.Builder
	b.WriteString(r.Summary)
	for _, d := range r.Details {
		b.WriteString("\n")
		b.WriteString(d)
	}
	return b.String()
}

// Answerer answers messages. The core's *Bot implements it; adapters call it
// for every question they accept. Answer is safe for concurrent use.
type Answerer interface {
	// Answer returns the reply to m. A non-nil error means the core could not
	// answer at all; the adapter shows ErrorReply(err) and logs err.
	Answer(ctx context.Context, m Message) (Reply, error)
}

// Adapter connects one chat platform to the core. Run blocks, feeding every
// accepted message to the Answerer and posting the replies, until ctx is done
// (then it returns nil after finishing in-flight answers) or the adapter
// fails for good (then it returns the error).
type Adapter interface {
	// Name is a short label for logs and metrics ("slack", "matrix").
	Name() string
	// Run serves until ctx is cancelled or a fatal error occurs.
	Run(ctx context.Context, a Answerer) error
}

// Observer receives adapter events for health checks and metrics. Adapters
// call it when one is configured; implementations must be safe for
// concurrent use and must not block.
type Observer interface {
	// Connected reports that the adapter is (up) or is no longer connected
	// to its platform.
	Connected(adapter string, up bool)
	// RateLimited reports a wait the platform imposed (a 429 with
	// Retry-After, M_LIMIT_EXCEEDED).
	RateLimited(adapter string, wait time.Duration)
}

// NopObserver is an Observer that ignores everything.
type NopObserver struct{}

// Connected does nothing.
func (NopObserver) Connected(string, bool) {}

// RateLimited does nothing.
func (NopObserver) RateLimited(string, time.Duration) {}

// The intents a guard in front of the core answers with.
const (
	IntentDenied  Intent = "denied"
	IntentLimited Intent = "rate_limited"
	// IntentWatch is /watch and /unwatch: what a room follows in new
	// releases (internal/watch answers them in front of the core).
	IntentWatch Intent = "watch"
)

// ErrUnavailable is returned by Answer when the core has no fact base to
// answer from.
var ErrUnavailable = errors.New("bot: fact base unavailable")

// ErrorReply is the short, friendly reply an adapter shows when Answer fails
// or the platform rejects a post. The error chain itself belongs in the log.
func ErrorReply(err error) Reply {
	return Reply{
		Found:   false,
		Intent:  IntentUnknown,
		Summary: "Sorry, something went wrong while answering. Please try again in a moment.",
	}
}
