// Package slack connects Liaison's core to Slack. It answers mentions of the
// bot in channels (in a thread under the question), direct messages, the
// slash commands /who-met, /meetings, /agreements, /who-is, /topics,
// /sources, /liaison, /watch and /unwatch, and the buttons it renders ("did you mean",
// "Share in channel"). It speaks Socket Mode by default and the HTTP Events
// API, slash-command and interactivity endpoints (signed requests) when
// configured for a public URL. Every event, slash command and button click
// is answered once, across Slack's retries, double deliveries and restarts,
// through store.Store claims and a journal of the answers still owed
// (pending.go, respond.go).
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"liaison/bot"
	"liaison/internal/feedback"
	"liaison/internal/store"
)

// Transport modes for Config.Mode.
const (
	// ModeSocket connects out to Slack over Socket Mode (app-level token).
	ModeSocket = "socket"
	// ModeHTTP serves the Events API, slash-command and interactivity
	// endpoints on Config.ListenAddr behind a public URL.
	ModeHTTP = "http"
)

// Defaults used when Config leaves a field empty.
const (
	// DefaultAPIURL is Slack's Web API base URL.
	DefaultAPIURL = "https://slack.com/api/"
	// DefaultListenAddr is where HTTP mode listens.
	DefaultListenAddr = ":3000"
	// MaxBodyBytes is the largest request body the HTTP endpoints accept.
	MaxBodyBytes = 1 << 20
)

// Paths of the HTTP mode endpoints served by Handler.
const (
	// PathEvents receives Events API requests (Event Subscriptions URL).
	PathEvents = "/slack/events"
	// PathCommands receives slash commands (each command's Request URL).
	PathCommands = "/slack/commands"
	// PathInteractive receives button clicks (Interactivity Request URL).
	PathInteractive = "/slack/interactive"
)

// Sentinel errors returned (wrapped) by New for an unusable Config.
var (
	// ErrMode means Config.Mode is neither "socket" nor "http".
	ErrMode = errors.New(`slack: mode must be "socket" or "http"`)
	// ErrBotToken means Config.BotToken is missing or not a bot token (xoxb-).
	ErrBotToken = errors.New("slack: bot token must be a bot user OAuth token (xoxb-...)")
	// ErrAppToken means socket mode lacks an app-level token (xapp-) or got
	// another kind of token in its place.
	ErrAppToken = errors.New("slack: socket mode needs an app-level token (xapp-...) with connections:write")
	// ErrSigningSecret means HTTP mode lacks the signing secret, or a token
	// was given in its place.
	ErrSigningSecret = errors.New("slack: http mode needs the app's signing secret")
	// ErrAPIURL means Config.APIURL is not an http(s) URL ending in "/".
	ErrAPIURL = errors.New("slack: API URL must be an http(s) URL ending in /")
	// ErrCommands means a Config.Commands entry is malformed.
	ErrCommands = errors.New("slack: slash command names must start with /")
	// ErrNoStore means New was given a nil store.
	ErrNoStore = errors.New("slack: a store is required to answer each event once")
)

// defaultCommands maps Slack slash commands to the core's commands. An empty
// core command marks the catch-all: its text is passed as a free question.
var defaultCommands = map[string]string{
	"/who-met":    "who-met",
	"/meetings":   "meetings",
	"/agreements": "agreements",
	"/who-is":     "who-is",
	"/topics":     "topics",
	"/sources":    "sources",
	"/liaison":    "",
	"/watch":      "watch",
	"/unwatch":    "unwatch",
}

// Config configures the Slack adapter. Tokens and the signing secret are
// never logged.
type Config struct {
	// Mode is "socket" (the default when empty) or "http".
	Mode string
	// BotToken is the bot user OAuth token, xoxb-...; always required.
	BotToken string
	// AppToken is the app-level token, xapp-..., required in socket mode.
	AppToken string
	// SigningSecret verifies requests in http mode; required there.
	SigningSecret string
	// ListenAddr is where http mode listens; default ":3000".
	ListenAddr string
	// APIURL is the Web API base; default "https://slack.com/api/".
	// Settable for tests and GovSlack; must end in "/".
	APIURL string
	// Commands maps slash command names as configured in Slack to core
	// commands ("/who-met" -> "who-met"). Entries are added to, and
	// override, the defaults for /who-met /meetings /agreements /who-is
	// /topics /sources and /liaison. A core command of "" or "liaison"
	// passes the command's text as a free question.
	Commands map[string]string
	// Observer, when set, learns when the adapter connects and disconnects
	// and when Slack makes it wait (429); for health checks and metrics.
	Observer bot.Observer
	// Feedback, when set, puts 👍/👎 buttons under every answer, counts
	// 👍/👎 reactions on answers and keeps them there (feedback.go).
	Feedback *feedback.Book
}

// Adapter is the Slack adapter. Create it with New; it is safe for
// concurrent use.
type Adapter struct {
	cfg      Config
	st       *store.Store
	log      *slog.Logger
	api      *slack.Client
	hc       *http.Client
	commands map[string]string

	// Tunables; tests shorten them.
	pace         time.Duration // minimum gap between posts in one channel
	maxRetries   int           // rate-limited (429) retries per post
	ackBudget    time.Duration // how long a slash command waits to answer in its ack
	jobTimeout   time.Duration // bound on answering and posting one event
	pingInterval time.Duration // socket mode: reconnect after this long without a ping
	maxBody      int64         // http mode: largest accepted body
	startBackoff time.Duration // first wait when Slack is unreachable at start

	idMu      sync.Mutex
	botUserID string
	botID     string

	names nameCache // names of users mentioned in questions

	paceMu   sync.Mutex
	lastPost map[string]time.Time

	lanes *lanes
	bg    sync.WaitGroup
}

var _ bot.Adapter = (*Adapter)(nil)

// New validates cfg and returns an adapter that records answered events in
// st and logs to log (slog.Default() when nil). It does not contact Slack;
// Run does. A wrong or missing token or secret gives a wrapped sentinel
// error (ErrBotToken, ErrAppToken, ErrSigningSecret, ...).
func New(cfg Config, st *store.Store, log *slog.Logger) (*Adapter, error) {
	if log == nil {
		log = slog.Default()
	}
	if st == nil {
		return nil, ErrNoStore
	}
	cfg.Mode = strings.ToLower(strings.TrimSpace(cfg.Mode))
	if cfg.Mode == "" {
		cfg.Mode = ModeSocket
	}
	if cfg.Mode != ModeSocket && cfg.Mode != ModeHTTP {
		return nil, fmt.Errorf("%w (got %q)", ErrMode, cfg.Mode)
	}
	if err := checkToken(cfg.BotToken, "xoxb-", ErrBotToken); err != nil {
		return nil, err
	}
	switch cfg.Mode {
	case ModeSocket:
		if err := checkToken(cfg.AppToken, "xapp-", ErrAppToken); err != nil {
			return nil, err
		}
	case ModeHTTP:
		s := strings.TrimSpace(cfg.SigningSecret)
		if s == "" {
			return nil, ErrSigningSecret
		}
		if kind := tokenKind(s); kind != "" {
			return nil, fmt.Errorf("%w: got %s where the signing secret belongs", ErrSigningSecret, kind)
		}
		if cfg.ListenAddr == "" {
			cfg.ListenAddr = DefaultListenAddr
		}
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if !(strings.HasPrefix(cfg.APIURL, "https://") || strings.HasPrefix(cfg.APIURL, "http://")) ||
		!strings.HasSuffix(cfg.APIURL, "/") {
		return nil, fmt.Errorf("%w (got %q)", ErrAPIURL, cfg.APIURL)
	}
	commands := make(map[string]string, len(defaultCommands)+len(cfg.Commands))
	for k, v := range defaultCommands {
		commands[k] = v
	}
	for k, v := range cfg.Commands {
		if !strings.HasPrefix(k, "/") || len(k) < 2 || strings.ContainsAny(k, " \t\n") {
			return nil, fmt.Errorf("%w (got %q)", ErrCommands, k)
		}
		v = strings.TrimPrefix(strings.TrimSpace(v), "/")
		if v == "liaison" {
			v = ""
		}
		commands[k] = v
	}

	if cfg.Observer == nil {
		cfg.Observer = bot.NopObserver{}
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	a := &Adapter{
		cfg:          cfg,
		st:           st,
		log:          log.With("adapter", "slack"),
		hc:           hc,
		commands:     commands,
		pace:         time.Second,
		maxRetries:   5,
		ackBudget:    2 * time.Second,
		jobTimeout:   2 * time.Minute,
		pingInterval: 30 * time.Second,
		maxBody:      MaxBodyBytes,
		startBackoff: time.Second,
		lastPost:     map[string]time.Time{},
	}
	// Every Web API call waits out Slack's rate limits (429 with
	// Retry-After) in slack-go's own retry wrapper, a.maxRetries times;
	// rateLimitClient under it reports each 429 to the log and metrics.
	// Only 429s are retried: a POST that failed on the connection may
	// have been posted, and a second try could answer twice.
	opts := []slack.Option{slack.OptionAPIURL(cfg.APIURL),
		slack.OptionHTTPClient(rateLimitClient{a: a}),
		slack.OptionRetryConfig(slack.RetryConfig{
			MaxRetries:         a.maxRetries,
			Handlers:           []slack.RetryHandler{slack.NewRateLimitErrorRetryHandler(slack.RetryConfig{RetryAfterDuration: time.Second})},
			RetryAfterDuration: time.Second, // when Retry-After is missing
		})}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	a.api = slack.New(cfg.BotToken, opts...)
	a.lanes = newLanes(a.jobContext)
	return a, nil
}

// rateLimitClient sends the Web API requests of slack-go's client through
// the adapter's HTTP client and reports every 429 Slack answers (how long
// it asks to wait) to the log and the observer. slack-go's retry wrapper
// around it does the waiting.
type rateLimitClient struct{ a *Adapter }

// Do sends req with the adapter's HTTP client.
func (c rateLimitClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.a.hc.Do(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		wait := time.Second
		if sec, perr := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); perr == nil && sec > 0 {
			wait = time.Duration(sec) * time.Second
		}
		c.a.log.Warn("slack: rate limited, waiting", "call", path.Base(req.URL.Path), "retry_after", wait)
		c.a.cfg.Observer.RateLimited(c.a.Name(), wait)
	}
	return resp, err
}

// tokenKind names the kind of Slack token s looks like, or "".
func tokenKind(s string) string {
	switch {
	case strings.HasPrefix(s, "xoxb-"):
		return "a bot token (xoxb-)"
	case strings.HasPrefix(s, "xapp-"):
		return "an app-level token (xapp-)"
	case strings.HasPrefix(s, "xoxp-"):
		return "a user token (xoxp-)"
	case strings.HasPrefix(s, "xox"):
		return "a Slack token (" + s[:min(len(s), 5)] + ")"
	}
	return ""
}

// checkToken reports sentinel (wrapped with a hint) unless tok has prefix.
func checkToken(tok, prefix string, sentinel error) error {
	tok = strings.TrimSpace(tok)
	if tok == "" {
		return fmt.Errorf("%w: missing", sentinel)
	}
	if strings.HasPrefix(tok, prefix) {
		return nil
	}
	if kind := tokenKind(tok); kind != "" {
		return fmt.Errorf("%w: got %s", sentinel, kind)
	}
	return fmt.Errorf("%w: not a Slack token", sentinel)
}

// Name returns "slack".
func (a *Adapter) Name() string { return "slack" }

// Run serves Slack until ctx is cancelled (then it finishes in-flight
// answers and returns nil) or fails for good: the bot token is rejected by
// auth.test, the app-level token by apps.connections.open, or the HTTP
// listener cannot start. Socket Mode reconnects on its own after a dropped
// websocket or a disconnect request from Slack.
func (a *Adapter) Run(ctx context.Context, ans bot.Answerer) error {
	if err := a.authenticate(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	n, err := a.recoverPending(ctx, ans)
	if err != nil {
		return err
	}
	m, err := a.recoverResponses(ctx, ans)
	if err != nil {
		return err
	}
	if n+m > 0 {
		a.log.Warn("slack: the last run stopped before answering some questions; answering them now", "questions", n, "commands", m)
	}
	if a.cfg.Mode == ModeHTTP {
		err = a.runHTTP(ctx, ans)
	} else {
		err = a.runSocket(ctx, ans)
	}
	a.cfg.Observer.Connected(a.Name(), false)
	a.wait()
	return err
}

// wait blocks until every accepted event has been answered.
func (a *Adapter) wait() {
	a.bg.Wait()
	a.lanes.wait()
}

// identity returns the bot's user ID and bot ID, asking auth.test once.
func (a *Adapter) identity(ctx context.Context) (userID, botID string, err error) {
	a.idMu.Lock()
	defer a.idMu.Unlock()
	if a.botUserID != "" {
		return a.botUserID, a.botID, nil
	}
	resp, err := a.api.AuthTestContext(ctx)
	if err != nil {
		return "", "", fmt.Errorf("slack: auth.test with the bot token: %w", err)
	}
	a.botUserID, a.botID = resp.UserID, resp.BotID
	a.log.Info("slack: authenticated", "team", resp.Team, "bot_user", resp.UserID)
	return a.botUserID, a.botID, nil
}

// authenticate checks the bot token with auth.test, retrying while Slack
// is unreachable or rate limits; a rejected token fails at once.
func (a *Adapter) authenticate(ctx context.Context) error {
	backoff := a.startBackoff
	for {
		_, _, err := a.identity(ctx)
		if err == nil {
			return nil
		}
		var rejected slack.SlackErrorResponse
		if errors.As(err, &rejected) || ctx.Err() != nil {
			return err
		}
		wait := backoff
		var rl *slack.RateLimitedError
		if errors.As(err, &rl) && rl.RetryAfter > 0 {
			wait = rl.RetryAfter
		}
		a.log.Warn("slack: cannot reach Slack; retrying", "in", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return err
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// jobContext is the context one queued job runs under: its own deadline,
// independent of the request or connection that accepted the event, so
// that shutting down finishes in-flight answers.
func (a *Adapter) jobContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), a.jobTimeout)
}

// lanes runs jobs one at a time per key (a Slack channel), in the order they
// were pushed, each key on its own goroutine while it has work.
type lanes struct {
	mu     sync.Mutex
	queues map[string][]func(context.Context)
	wg     sync.WaitGroup
	ctx    func() (context.Context, context.CancelFunc)
}

func newLanes(ctx func() (context.Context, context.CancelFunc)) *lanes {
	return &lanes{queues: map[string][]func(context.Context){}, ctx: ctx}
}

// push queues job on key's lane.
func (l *lanes) push(key string, job func(context.Context)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	q, running := l.queues[key]
	l.queues[key] = append(q, job)
	if !running {
		l.wg.Add(1)
		go l.drain(key)
	}
}

func (l *lanes) drain(key string) {
	defer l.wg.Done()
	for {
		l.mu.Lock()
		q := l.queues[key]
		if len(q) == 0 {
			delete(l.queues, key)
			l.mu.Unlock()
			return
		}
		job := q[0]
		l.queues[key] = q[1:]
		l.mu.Unlock()
		ctx, cancel := l.ctx()
		job(ctx)
		cancel()
	}
}

func (l *lanes) wait() { l.wg.Wait() }

// withRetry calls fn, waiting out Slack rate limits (429 with Retry-After)
// up to a.maxRetries times. It is for posts to a response_url only: those
// go through slack.PostWebhookCustomHTTPContext with a plain HTTP client,
// outside the slack.Client whose OptionRetryConfig retries every Web API
// call, and slack-go offers no retry for them.
func (a *Adapter) withRetry(ctx context.Context, what string, fn func(context.Context) error) error {
	for attempt := 0; ; attempt++ {
		err := fn(ctx)
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt >= a.maxRetries {
			return err
		}
		wait := rl.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		a.log.Warn("slack: rate limited, waiting", "call", what, "retry_after", wait, "attempt", attempt+1)
		a.cfg.Observer.RateLimited(a.Name(), wait)
		if err := sleep(ctx, wait); err != nil {
			return fmt.Errorf("slack: %s: waiting out rate limit: %w", what, err)
		}
	}
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// paced waits until a.pace has passed since the last post to channel, then
// records this post's time.
func (a *Adapter) paced(ctx context.Context, channel string) error {
	a.paceMu.Lock()
	now := time.Now()
	next := a.lastPost[channel].Add(a.pace)
	at := now
	if next.After(now) {
		at = next
	}
	a.lastPost[channel] = at
	if len(a.lastPost) > 1000 {
		for k, t := range a.lastPost {
			if now.Sub(t) > time.Minute {
				delete(a.lastPost, k)
			}
		}
	}
	a.paceMu.Unlock()
	return sleep(ctx, time.Until(at))
}

// postMessage posts m in channel (in thread when set) with chat.postMessage,
// with extra options (such as metadata) appended, and returns the posted
// message's ts.
func (a *Adapter) postMessage(ctx context.Context, channel, thread string, m outMsg, extra ...slack.MsgOption) (string, error) {
	if err := a.paced(ctx, channel); err != nil {
		return "", err
	}
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false),
		slack.MsgOptionBlocks(m.Blocks...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	opts = append(opts, extra...)
	_, ts, err := a.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		err = fmt.Errorf("slack: chat.postMessage to %s: %w", channel, err)
	}
	// The next post in this channel keeps its distance from when this one
	// actually went out, which is later than planned after a 429 wait.
	a.paceMu.Lock()
	if now := time.Now(); now.After(a.lastPost[channel]) {
		a.lastPost[channel] = now
	}
	a.paceMu.Unlock()
	return ts, err
}

// postEphemeral shows m to user only, in channel (and thread).
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, thread string, m outMsg) error {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	if _, err := a.api.PostEphemeralContext(ctx, channel, user, opts...); err != nil {
		return fmt.Errorf("slack: chat.postEphemeral to %s: %w", channel, err)
	}
	return nil
}

// respond posts msg to a response_url (slash commands, button clicks).
func (a *Adapter) respond(ctx context.Context, responseURL string, msg *slack.WebhookMessage) error {
	return a.withRetry(ctx, "response_url", func(ctx context.Context) error {
		if err := slack.PostWebhookCustomHTTPContext(ctx, responseURL, a.hc, msg); err != nil {
			// A response_url is a credential: keep it out of errors and logs.
			var ue *url.Error
			if errors.As(err, &ue) {
				err = fmt.Errorf("%s response_url: %w", ue.Op, ue.Err)
			}
			return fmt.Errorf("slack: post to response_url: %w", err)
		}
		return nil
	})
}

// answer asks the core, turning a failure into bot.ErrorReply and logging
// the whole error chain.
func (a *Adapter) answer(ctx context.Context, ans bot.Answerer, m bot.Message) bot.Reply {
	reply, err := ans.Answer(ctx, m)
	if err != nil {
		a.log.Error("slack: answering failed", "id", m.ID, "room", m.Room, "err", err)
		return bot.ErrorReply(err)
	}
	return reply
}
