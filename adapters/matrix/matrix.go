// Package matrix connects Liaison to Matrix. The bot syncs with its
// homeserver as an ordinary user, joins rooms it is invited to (when the
// inviter or room is allowed), and answers questions: every message in a
// direct message, and in rooms the messages that mention it or start with a
// command ("!who-met NAME", "!help"). Answers are m.notice events with an
// HTML body, sent as replies (and inside the thread when the question was
// in one), and never mention anyone.
//
// End-to-end encryption (mautrix cryptohelper, pure-Go goolm) is kept in
// the same SQLite file as the store, so the bot's device and keys survive
// restarts. Cross-signing is bootstrapped once and the recovery key written
// to a file in the data folder. The sync token is persisted after each
// batch and every event is claimed in the store before it is answered, so
// after a restart the bot answers what it missed (within CatchUpWindow)
// and nothing twice.
//
// Build with the goolm tag (go build -tags=goolm) and CGO_ENABLED=0.
package matrix

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/sqlstatestore"

	"liaison/bot"
	"liaison/internal/feedback"
	"liaison/internal/store"
)

// ErrUnknownToken is returned by Run (wrapped) when the homeserver rejects
// the bot's access token (M_UNKNOWN_TOKEN): the device was logged out or
// the token revoked. The process should exit non-zero. With a password
// configured the next start logs in again as a new device; with an access
// token an operator must supply a new one.
var ErrUnknownToken = errors.New("matrix: access token rejected by the homeserver (M_UNKNOWN_TOKEN)")

// ErrPickleKey is returned (wrapped) by Run when the stored crypto keys
// cannot be read with Config.PickleKey: the key changed since they were
// saved. Restarting does not help; the original key does.
var ErrPickleKey = errors.New("matrix: the stored crypto keys cannot be read with this pickle key")

// ErrUnsent is returned (wrapped) by Run when an answer could not be sent
// even after retrying until its deadline: the sync stops before saving the
// batch's token, so a restart (the service supervisor restarts the adapter)
// syncs the batch again and answers the question then.
var ErrUnsent = errors.New("matrix: an answer could not be sent; the batch will be synced again")

// ErrConfig is returned (wrapped) by New for an unusable Config.
var ErrConfig = errors.New("matrix: invalid configuration")

// RecoveryKeyFile is the name of the file, in Config.DataDir, that holds
// the cross-signing recovery key (mode 0600).
const RecoveryKeyFile = "matrix-recovery-key.txt"

// Config configures the Matrix adapter.
type Config struct {
	// Homeserver is the client API base URL ("https://matrix.example.org").
	Homeserver string
	// UserID is the bot's Matrix ID ("@liaison:example.org"). Required with
	// Password; with AccessToken it is checked against the token's owner.
	UserID string
	// AccessToken logs in with an existing device's token.
	AccessToken string
	// Password logs in once; the device ID and token are kept in the store
	// and reused on later starts.
	Password string
	// DeviceName is the display name of a device created by password login
	// (default "Liaison").
	DeviceName string
	// Encryption turns end-to-end encryption on (cmd sets it by default).
	Encryption bool
	// PickleKey encrypts the crypto keys at rest; required with Encryption.
	// Changing it makes the stored keys unreadable.
	PickleKey string
	// DataDir is where the recovery key file is written (default: the
	// store's folder).
	DataDir string
	// AllowInvitesFrom lists who may invite the bot: user IDs
	// ("@ann:example.org"), room IDs ("!abc:example.org") or server
	// suffixes (":example.org", matching the inviter or the room). Empty
	// accepts every invite.
	AllowInvitesFrom []string
	// CatchUpWindow is how old a message may be and still be answered
	// (messages sent while the bot was down); older backlog is skipped.
	// Default 5 minutes.
	CatchUpWindow time.Duration
	// Observer, when set, learns when sync works or fails (connected or
	// not) and when the homeserver makes the bot wait (M_LIMIT_EXCEEDED);
	// for health checks and metrics.
	Observer bot.Observer
	// Feedback, when set, stores 👍/👎 reactions on answers and "!wrong"
	// replies to them (feedback.go).
	Feedback *feedback.Book
}

// Adapter is the Matrix chat adapter. Create it with New and serve with
// Run; an Adapter runs once at a time.
type Adapter struct {
	cfg Config
	st  *store.Store
	log *slog.Logger
	zl  zerolog.Logger

	// Tunables, shortened by tests.
	httpBackoff    time.Duration
	answerTimeout  time.Duration // bound on answering and sending one message
	syncMinBackoff time.Duration
	syncMaxBackoff time.Duration
	now            func() time.Time
	onSyncFail     func(error)
	onRateLimited  func(time.Duration)

	// live is the current Run's runner once it is set up (encryption
	// included), for Post.
	live atomic.Pointer[runner]
}

var _ bot.Adapter = (*Adapter)(nil)

// New checks cfg and returns an adapter that keeps its state in st. log
// receives the adapter's own records; zl is handed to mautrix. It does no
// network I/O.
func New(cfg Config, st *store.Store, log *slog.Logger, zl zerolog.Logger) (*Adapter, error) {
	if st == nil {
		return nil, fmt.Errorf("%w: no store", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	u, err := url.Parse(cfg.Homeserver)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: homeserver %q is not an http(s) URL", ErrConfig, cfg.Homeserver)
	}
	if cfg.AccessToken == "" && cfg.Password == "" {
		return nil, fmt.Errorf("%w: set an access token or a password", ErrConfig)
	}
	if cfg.UserID != "" {
		if _, _, err := id.UserID(cfg.UserID).Parse(); err != nil {
			return nil, fmt.Errorf("%w: user ID %q: %w", ErrConfig, cfg.UserID, err)
		}
	} else if cfg.AccessToken == "" {
		return nil, fmt.Errorf("%w: password login needs the user ID", ErrConfig)
	}
	if cfg.Encryption && cfg.PickleKey == "" {
		return nil, fmt.Errorf("%w: encryption needs a pickle key", ErrConfig)
	}
	for _, a := range cfg.AllowInvitesFrom {
		if a == "" || !strings.ContainsRune(a, ':') {
			return nil, fmt.Errorf("%w: allowed inviter %q is not a user ID, room ID or \":server\"", ErrConfig, a)
		}
	}
	if cfg.DeviceName == "" {
		cfg.DeviceName = "Liaison"
	}
	if cfg.DataDir == "" {
		cfg.DataDir = filepath.Dir(st.Path())
	}
	if cfg.Observer == nil {
		cfg.Observer = bot.NopObserver{}
	}
	if cfg.CatchUpWindow <= 0 {
		cfg.CatchUpWindow = 5 * time.Minute
	}
	return &Adapter{
		cfg:            cfg,
		st:             st,
		log:            log,
		zl:             zl,
		httpBackoff:    time.Second,
		answerTimeout:  3 * time.Minute,
		syncMinBackoff: time.Second,
		syncMaxBackoff: time.Minute,
		now:            time.Now,
	}, nil
}

// Name returns "matrix".
func (a *Adapter) Name() string { return "matrix" }

// runner is the state of one Run.
type runner struct {
	a   *Adapter
	cli *mautrix.Client
	ans bot.Answerer
	me  identity

	journal *journal
	rooms   *roomLanes
	// failed is set when an answer of the current batch could not be
	// sent; the batch's sync token is then not saved.
	failed atomic.Bool
	// recovered holds the events a killed run was answering: their answer
	// may have reached the homeserver just before the crash.
	recovered map[string]bool

	wg       sync.WaitGroup // answers in flight
	mu       sync.Mutex
	stopping bool
}

// Run logs in, sets up encryption and syncs, answering messages with ans,
// until ctx is cancelled (then it stops syncing, lets answers in flight
// finish, closes the crypto store and returns nil) or a fatal error occurs.
// A rejected access token returns an error wrapping ErrUnknownToken.
func (a *Adapter) Run(ctx context.Context, ans bot.Answerer) error {
	cli, err := mautrix.NewClient(a.cfg.Homeserver, "", "")
	if err != nil {
		return fmt.Errorf("matrix: client: %w", err)
	}
	cli.Log = a.zl.With().Str("component", "mautrix").Logger()
	reach := &reachability{log: a.log, observe: func(up bool) { a.cfg.Observer.Connected(a.Name(), up) }}
	cli.Client = &http.Client{
		Transport: retryAfterTransport{base: http.DefaultTransport, limited: func(d time.Duration) {
			a.cfg.Observer.RateLimited(a.Name(), d)
			if a.onRateLimited != nil {
				a.onRateLimited(d)
			}
		}, synced: reach.synced},
		Timeout: 2 * time.Minute, // longer than the 30 s sync long-poll
	}
	cli.DefaultHTTPRetries = 4
	cli.DefaultHTTPBackoff = a.httpBackoff
	cli.MaxHTTPBackoff = 2 * time.Minute
	cli.UserAgent = "Liaison (mautrix-go)"

	if err := a.login(ctx, cli); err != nil {
		if errors.Is(err, ErrUnknownToken) {
			a.log.Error("matrix: the homeserver rejected the configured access token (M_UNKNOWN_TOKEN); configure a valid token or a password")
		}
		return err
	}
	log := a.log.With("user_id", cli.UserID.String(), "device_id", cli.DeviceID.String())

	db, err := dbutil.NewWithDialect(store.URI(a.st.Path()), "sqlite")
	if err != nil {
		return fmt.Errorf("matrix: open crypto database: %w", err)
	}
	db.Owner = "liaison-matrix"
	stateStore := sqlstatestore.NewSQLStateStore(db, dbutil.ZeroLogger(a.zl.With().Str("db_section", "matrix_state").Logger()), false)
	if err := stateStore.Upgrade(ctx); err != nil {
		db.Close()
		return fmt.Errorf("matrix: prepare state store: %w", err)
	}
	cli.StateStore = stateStore
	ss := &syncStore{st: a.st}
	cli.Store = ss
	sy := newSyncer(ss, cli.UserID, log, a.syncMinBackoff, a.syncMaxBackoff)
	sy.observe = func(up bool) { a.cfg.Observer.Connected(a.Name(), up) }
	sy.onFail = a.onSyncFail
	cli.Syncer = sy
	// Before anything else: state updates, and dropping pre-join history.
	sy.OnEvent(cli.StateStoreSyncHandler)
	sy.OnSync(a.backfillLimited(cli))
	sy.OnSync(trimBeforeOwnJoin(cli.UserID))

	r := &runner{a: a, cli: cli, ans: ans, me: identity{userID: cli.UserID}, journal: newJournal(a.st), rooms: newRoomLanes()}
	sy.settle = r.settle
	if ids, err := recoverInflight(ctx, a.st); err != nil {
		db.Close()
		return err
	} else if len(ids) > 0 {
		log.Warn("matrix: the last run stopped while answering; those questions will be answered again", "events", ids)
		r.recovered = map[string]bool{}
		for _, id := range ids {
			r.recovered[id] = true
		}
	}
	if dn, err := cli.GetOwnDisplayName(ctx); err == nil && dn != nil {
		r.me.displayName = dn.DisplayName
	} else if err != nil {
		log.Warn("matrix: could not read own display name", "err", err)
	}

	// Handlers get a context that outlives a cancelled Run, so an answer
	// being sent when Run stops is still delivered.
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()

	var helper *cryptohelper.CryptoHelper
	if a.cfg.Encryption {
		helper, err = a.setupCrypto(ctx, workCtx, r, db, log)
		if err != nil {
			db.Close()
			return err
		}
	}
	closeDB := func() {
		if helper != nil {
			if err := helper.Close(); err != nil {
				log.Warn("matrix: close crypto store", "err", err)
			}
			return
		}
		db.Close()
	}

	if helper == nil {
		sy.OnEventType(event.EventEncrypted, func(ctx context.Context, evt *event.Event) { r.onEncryptedWithoutCrypto(ctx, evt) })
	}
	sy.OnEventType(event.StateMember, func(ctx context.Context, evt *event.Event) { r.onMember(ctx, evt) })
	sy.OnEventType(event.EventMessage, func(ctx context.Context, evt *event.Event) { r.onMessage(ctx, evt) })
	sy.OnEventType(event.EventReaction, func(ctx context.Context, evt *event.Event) { r.onReaction(ctx, evt) })
	sy.OnEventType(event.EventRedaction, func(ctx context.Context, evt *event.Event) { r.onRedaction(ctx, evt) })

	log.Info("matrix: connected", "homeserver", a.cfg.Homeserver, "encryption", a.cfg.Encryption)
	a.live.Store(r)
	defer a.live.CompareAndSwap(r, nil)
	syncCtx, stopSync := context.WithCancel(ctx)
	defer stopSync()
	syncErr := make(chan error, 1)
	go func() { syncErr <- cli.SyncWithContext(syncCtx) }()

	var result error
	select {
	case <-ctx.Done():
		cli.StopSync()
		stopSync()
		<-syncErr
	case err := <-syncErr:
		result = err
	}
	a.live.CompareAndSwap(r, nil) // no new Post; those in flight are in r.wg
	r.mu.Lock()
	r.stopping = true
	r.mu.Unlock()
	r.wg.Wait()
	stopWork()
	closeDB()

	switch {
	case result == nil, ctx.Err() != nil && errors.Is(result, context.Canceled):
		log.Info("matrix: stopped")
		return nil
	case errors.Is(result, mautrix.MUnknownToken):
		if a.cfg.AccessToken == "" {
			log.Error("matrix: the homeserver rejected the access token (M_UNKNOWN_TOKEN): the device was logged out; on restart the bot logs in again with the configured password as a new device")
		} else {
			log.Error("matrix: the homeserver rejected the access token (M_UNKNOWN_TOKEN): the device was logged out or the token revoked; configure a new access token and restart")
		}
		return fmt.Errorf("%w: %w", ErrUnknownToken, result)
	default:
		return fmt.Errorf("matrix: sync stopped: %w", result)
	}
}

// maxUnsent is how many runs may fail to send one answer before it is
// given up, so that a room the homeserver keeps refusing cannot stall the
// sync for ever.
const maxUnsent = 3

// unsentAgain counts a failed attempt to send the answer to id and reports
// whether another run should try again.
func (a *Adapter) unsentAgain(id string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	key := "matrix:unsent:" + id
	n := 0
	if v, err := a.st.Get(ctx, key); err == nil {
		n, _ = strconv.Atoi(v)
	}
	n++
	if err := a.st.Put(ctx, key, strconv.Itoa(n)); err != nil {
		a.log.Warn("matrix: count failed answer", "err", err)
	}
	if n >= maxUnsent {
		a.log.Error("matrix: giving up on an answer the homeserver refused in every attempt", "event_id", id, "runs", n)
		return false
	}
	return true
}

// failBatch marks the current sync batch as not fully answered.
func (r *runner) failBatch() { r.failed.Store(true) }

// settle waits for every answer of the batch and reports whether one of
// them could not be sent (then the batch must be synced again).
func (r *runner) settle() error {
	r.rooms.wait()
	if r.failed.Swap(false) {
		return ErrUnsent
	}
	return nil
}

// begin registers an answer in flight; it returns false once Run is
// stopping.
func (r *runner) begin() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopping {
		return false
	}
	r.wg.Add(1)
	return true
}

// allowedInvite applies Config.AllowInvitesFrom to an invite.
func allowedInvite(allow []string, inviter id.UserID, room id.RoomID) bool {
	if len(allow) == 0 {
		return true
	}
	for _, a := range allow {
		switch {
		case strings.HasPrefix(a, ":"):
			if strings.HasSuffix(string(inviter), a) || strings.HasSuffix(string(room), a) {
				return true
			}
		case a == string(inviter), a == string(room):
			return true
		}
	}
	return false
}

// onMember handles the bot's own invites: it joins allowed rooms and
// introduces itself, and rejects the others.
func (r *runner) onMember(ctx context.Context, evt *event.Event) {
	if evt.GetStateKey() != string(r.cli.UserID) || evt.Mautrix.EventSource&event.SourceInvite == 0 {
		return
	}
	content := evt.Content.AsMember()
	if content.Membership != event.MembershipInvite {
		return
	}
	if !r.begin() {
		return
	}
	defer r.wg.Done()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	log := r.a.log.With("room_id", evt.RoomID.String(), "inviter", evt.Sender.String())

	if !allowedInvite(r.a.cfg.AllowInvitesFrom, evt.Sender, evt.RoomID) {
		log.Info("matrix: rejecting invite from a user or room not allowed by config")
		if _, err := r.cli.LeaveRoom(ctx, evt.RoomID); err != nil {
			log.Warn("matrix: reject invite", "err", err)
		}
		return
	}
	if content.IsDirect {
		if err := r.a.st.Put(ctx, keyDirect(evt.RoomID), "1"); err != nil {
			log.Warn("matrix: remember direct room", "err", err)
		}
	}
	if _, err := r.cli.JoinRoomByID(ctx, evt.RoomID); err != nil {
		log.Error("matrix: join room", "err", err)
		return
	}
	// Learn the room's encryption and members now, so the greeting is
	// encrypted when it must be.
	if _, err := r.cli.State(ctx, evt.RoomID); err != nil {
		log.Warn("matrix: read room state after join", "err", err)
	}
	direct := r.isDirect(ctx, evt.RoomID)
	log.Info("matrix: joined room", "direct", direct)
	greeting := "Hello! I answer questions about law-enforcement cooperation from the press releases. Mention me with a question, or use !who-met NAME, !meetings … or !help."
	if direct {
		greeting = "Hello! Ask me anything about law-enforcement cooperation in the press releases, for example “who met Vladimir Kolokoltsev?”, or send !help."
	}
	if _, err := r.send(ctx, evt.RoomID, noticeContent(greeting, "", ""), ""); err != nil {
		log.Warn("matrix: send greeting", "err", err)
	}
}

// isDirect reports whether room is a DM: invited as one (is_direct), or
// exactly two joined members.
func (r *runner) isDirect(ctx context.Context, room id.RoomID) bool {
	if v, err := r.a.st.Get(ctx, keyDirect(room)); err == nil && v == "1" {
		return true
	}
	ss, ok := r.cli.StateStore.(*sqlstatestore.SQLStateStore)
	if !ok {
		return false
	}
	members, err := ss.GetRoomMembers(ctx, room, event.MembershipJoin)
	if err == nil && len(members) == 0 {
		if _, err = r.cli.JoinedMembers(ctx, room); err == nil {
			members, err = ss.GetRoomMembers(ctx, room, event.MembershipJoin)
		}
	}
	if err != nil {
		r.a.log.Warn("matrix: count room members", "room_id", room.String(), "err", err)
		return false
	}
	return len(members) == 2
}

// onMessage answers one m.room.message if it is a question for the bot.
func (r *runner) onMessage(ctx context.Context, evt *event.Event) {
	if evt.Sender == r.cli.UserID || evt.Mautrix.EventSource&event.SourceLeave != 0 {
		return
	}
	content := evt.Content.AsMessage()
	if content.MsgType != event.MsgText {
		return // notices (other bots), media, emotes
	}
	if content.RelatesTo.GetReplaceID() != "" || content.NewContent != nil {
		return // an edit
	}
	log := r.a.log.With("event_id", evt.ID.String(), "room_id", evt.RoomID.String(), "sender", evt.Sender.String())
	sent := time.UnixMilli(evt.Timestamp)
	if age := r.a.eventAge(evt); age > r.a.cfg.CatchUpWindow {
		log.Debug("matrix: skipping old message", "age", age.Round(time.Second))
		return
	}
	if !r.begin() {
		return
	}
	// Rooms are answered side by side, each in event order; the syncer
	// waits for every room of a batch before it saves the batch's token.
	r.rooms.push(evt.RoomID.String(), func() {
		defer r.wg.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.a.answerTimeout)
		defer cancel()
		r.answerMessage(ctx, evt, content, log, sent)
	})
}

// answerMessage claims, answers and replies to one message of onMessage.
func (r *runner) answerMessage(ctx context.Context, evt *event.Event, content *event.MessageEventContent, log *slog.Logger, sent time.Time) {
	direct := r.isDirect(ctx, evt.RoomID)
	// A "!wrong" reply to an answer reports it (with Config.Feedback).
	report := r.wrongReportOf(ctx, evt.RoomID, content)
	if report != nil && !report.found && !direct {
		return // in a room, a "!wrong" about something else is not for the bot
	}
	text, ok := r.me.questionText(content, direct)
	if !ok && report == nil {
		return
	}
	key := keyClaim + evt.ID.String()
	first, err := r.a.st.Claim(ctx, key)
	if err != nil {
		log.Error("matrix: claim event", "err", err)
		return
	}
	if !first {
		log.Debug("matrix: event already answered")
		return
	}
	if err := r.journal.add(ctx, evt.ID.String()); err != nil {
		log.Warn("matrix: journal in-flight answer", "err", err)
	}
	keep := false // journalled and claimed until a later run answers it
	defer func() {
		if keep {
			return
		}
		if err := r.journal.done(ctx, evt.ID.String()); err != nil {
			log.Warn("matrix: journal finished answer", "err", err)
		}
	}()
	if r.recovered[evt.ID.String()] && r.answeredBefore(ctx, evt) {
		log.Info("matrix: the last run answered this just before it stopped; not answering twice")
		return
	}
	thread := content.RelatesTo.GetThreadParent()
	msg := bot.Message{
		Platform: bot.PlatformMatrix,
		ID:       evt.ID.String(),
		Text:     text,
		Sender:   evt.Sender.String(),
		Room:     evt.RoomID.String(),
		Thread:   thread.String(),
		Direct:   direct,
		Time:     sent,
	}
	if m, err := r.cli.StateStore.TryGetMember(ctx, evt.RoomID, evt.Sender); err == nil && m != nil {
		msg.SenderName = m.Displayname
	}
	var reply bot.Reply
	if report != nil {
		reply = r.reportWrong(ctx, evt, *report)
	} else if reply, err = r.ans.Answer(ctx, msg); err != nil {
		log.Error("matrix: answer failed", "err", err)
		reply = bot.ErrorReply(err)
	}
	resp, err := r.send(ctx, evt.RoomID, replyContent(reply, evt.ID, thread), "liaison-"+evt.ID.String(), evt)
	if err != nil {
		if (transient(err) || errors.Is(err, context.DeadlineExceeded)) && r.a.unsentAgain(evt.ID.String()) {
			// The homeserver kept failing: fail the batch, so that its sync
			// token is not saved and the question is synced and answered
			// again (the journal releases its claim then).
			log.Error("matrix: send answer failed for good; the question will be answered after syncing again", "err", err)
			keep = true
			r.failBatch()
			return
		}
		log.Error("matrix: send answer", "err", err)
		if rerr := r.a.st.Release(ctx, key); rerr != nil {
			log.Error("matrix: release claim", "err", rerr)
		}
		return
	}
	log.Info("matrix: answered", "intent", string(reply.Intent), "found", reply.Found, "direct", direct)
	if report == nil {
		r.rememberAnswer(ctx, evt.ID, evt.RoomID, text, reply, resp.EventID)
	}
}

// answeredBefore reports whether the room already holds the bot's answer
// to evt, sent by a run that was killed before it could record it. (The
// answer's transaction ID is the same, but a homeserver still processing
// the first request when the second arrives may post both.) Answers are
// found by their reply relation, which stays in clear in encrypted rooms.
// When the room cannot be read it answers false: answering again beats
// losing the question.
func (r *runner) answeredBefore(ctx context.Context, evt *event.Event) bool {
	filter := &mautrix.FilterPart{Senders: []id.UserID{r.cli.UserID},
		Types: []event.Type{event.EventMessage, event.EventEncrypted}}
	resp, err := r.cli.Context(ctx, evt.RoomID, evt.ID, filter, 100)
	if err != nil {
		r.a.log.Warn("matrix: cannot check whether an interrupted answer was sent; answering", "event_id", evt.ID.String(), "err", err)
		return false
	}
	for _, e := range resp.EventsAfter {
		if e.Sender != r.cli.UserID {
			continue
		}
		rel, _ := e.Content.Raw["m.relates_to"].(map[string]any)
		reply, _ := rel["m.in_reply_to"].(map[string]any)
		if target, _ := reply["event_id"].(string); target == evt.ID.String() {
			return true
		}
	}
	return false
}

// send posts content (encrypting it in encrypted rooms). mautrix retries
// rate limits (as long as the server asks) and gateway errors itself;
// send also retries 500s and exhausted retries, with backoff up to 30 s,
// until ctx ends. A non-empty
// txnID makes the retries idempotent: the server keeps one event per
// transaction ID.
//
// answering, when given, is the question content answers: before each
// retry the room is checked for an answer to it, since a request that
// failed (a 500, a homeserver that restarted and forgot its transaction
// IDs) may still have posted it.
func (r *runner) send(ctx context.Context, room id.RoomID, content *event.MessageEventContent, txnID string, answering ...*event.Event) (*mautrix.RespSendEvent, error) {
	if txnID == "" {
		txnID = r.cli.TxnID()
	}
	backoff := r.a.httpBackoff
	var lastErr error
	for attempt := 0; ; attempt++ {
		if attempt > 0 && len(answering) > 0 && r.answeredBefore(ctx, answering[0]) {
			r.a.log.Info("matrix: a failed send had posted the answer after all", "room_id", room.String())
			return &mautrix.RespSendEvent{}, nil
		}
		resp, err := r.cli.SendMessageEvent(ctx, room, event.EventMessage, content, mautrix.ReqSendEvent{TransactionID: txnID})
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !transient(err) || ctx.Err() != nil {
			break
		}
		wait := min(backoff<<min(attempt, 5), 30*time.Second)
		if ra, ok := retryAfter(err); ok {
			wait = ra
		}
		r.a.log.Warn("matrix: send failed, retrying", "room_id", room.String(), "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("matrix: send: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
	return nil, fmt.Errorf("matrix: send: %w", lastErr)
}

// eventAge is how long ago evt was sent. It prefers the server's own
// unsigned.age, so a clock difference between the bot's machine and the
// homeserver cannot make every message look too old (or all backlog new).
func (a *Adapter) eventAge(evt *event.Event) time.Duration {
	if evt.Unsigned.Age > 0 {
		return time.Duration(evt.Unsigned.Age) * time.Millisecond
	}
	return a.now().Sub(time.UnixMilli(evt.Timestamp))
}
