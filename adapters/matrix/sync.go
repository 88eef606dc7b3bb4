package matrix

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/store"
)

// Keys under which the adapter keeps its state in the store.
const (
	keySession  = "matrix:session"   // JSON session (user, device, token)
	keyXSign    = "matrix:xsign:"    // + device ID: cross-signing done
	keyClaim    = "matrix:"          // + event ID: event answered
	keyUTD      = "matrix:utd:"      // + sender|session: decrypt notice sent
	keyNoCrypto = "matrix:nocrypto:" // + room ID: told encryption is off
)

func keyNextBatch(user id.UserID) string { return "matrix:next_batch:" + string(user) }
func keyFilter(user id.UserID) string    { return "matrix:filter:" + string(user) }
func keyDirect(room id.RoomID) string    { return "matrix:direct:" + string(room) }

// syncStore is a mautrix.SyncStore over store.Store. SaveNextBatch, which
// mautrix calls before it processes a response, does nothing: the syncer
// persists the token after the response has been handled, so a crash
// mid-batch replays the batch (and Claim drops what was already answered)
// instead of losing it.
type syncStore struct {
	st *store.Store
}

var _ mautrix.SyncStore = (*syncStore)(nil)

func (s *syncStore) SaveFilterID(ctx context.Context, user id.UserID, filterID string) error {
	return s.st.Put(ctx, keyFilter(user), filterID)
}

func (s *syncStore) LoadFilterID(ctx context.Context, user id.UserID) (string, error) {
	v, err := s.st.Get(ctx, keyFilter(user))
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return v, err
}

func (s *syncStore) SaveNextBatch(context.Context, id.UserID, string) error { return nil }

func (s *syncStore) LoadNextBatch(ctx context.Context, user id.UserID) (string, error) {
	v, err := s.st.Get(ctx, keyNextBatch(user))
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return v, err
}

// commit persists the token of the batch just processed.
func (s *syncStore) commit(ctx context.Context, user id.UserID, token string) error {
	if token == "" {
		return nil
	}
	return s.st.Put(ctx, keyNextBatch(user), token)
}

// syncer is mautrix's DefaultSyncer with the token persisted after each
// batch, backoff on failures and a stop on M_UNKNOWN_TOKEN.
type syncer struct {
	*mautrix.DefaultSyncer
	store *syncStore
	user  id.UserID
	log   *slog.Logger

	minBackoff, maxBackoff time.Duration

	mu       sync.Mutex
	failures int
	onFail   func(err error) // test hook, may be nil
	settle   func() error    // waits for the batch's answers, may be nil
	observe  func(up bool)   // connection state for health and metrics, may be nil
}

func newSyncer(st *syncStore, user id.UserID, log *slog.Logger, minB, maxB time.Duration) *syncer {
	ds := mautrix.NewDefaultSyncer()
	ds.FilterJSON = &mautrix.Filter{
		Room: &mautrix.RoomFilter{Timeline: &mautrix.FilterPart{Limit: 50}},
	}
	return &syncer{DefaultSyncer: ds, store: st, user: user, log: log, minBackoff: minB, maxBackoff: maxB}
}

// ProcessResponse hands the batch to the listeners, then persists its
// token.
func (s *syncer) ProcessResponse(ctx context.Context, resp *mautrix.RespSync, since string) error {
	s.mu.Lock()
	if s.failures > 0 {
		s.log.Info("matrix: sync recovered", "failed_attempts", s.failures)
	}
	s.failures = 0
	s.mu.Unlock()
	if s.observe != nil {
		s.observe(true)
	}
	if err := s.DefaultSyncer.ProcessResponse(ctx, resp, since); err != nil {
		return err
	}
	if s.settle != nil {
		if err := s.settle(); err != nil {
			return err // the token is not saved: the batch comes again
		}
	}
	// The batch is handled: save its token even if we are shutting down.
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := s.store.commit(saveCtx, s.user, resp.NextBatch); err != nil {
		return fmt.Errorf("matrix: save sync token: %w", err)
	}
	return nil
}

// OnFailedSync stops on M_UNKNOWN_TOKEN and otherwise waits: as long as
// the server says for M_LIMIT_EXCEEDED, else exponentially from minBackoff
// to maxBackoff.
func (s *syncer) OnFailedSync(_ *mautrix.RespSync, err error) (time.Duration, error) {
	if errors.Is(err, mautrix.MUnknownToken) {
		return 0, err
	}
	s.mu.Lock()
	s.failures++
	n := s.failures
	s.mu.Unlock()
	wait := s.minBackoff << min(n-1, 16)
	if wait > s.maxBackoff || wait <= 0 {
		wait = s.maxBackoff
	}
	if ra, ok := retryAfter(err); ok {
		wait = ra
	}
	s.log.Warn("matrix: sync failed, retrying", "err", err, "attempt", n, "retry_in", wait)
	if s.observe != nil {
		s.observe(false)
	}
	if s.onFail != nil {
		s.onFail(err)
	}
	return wait, nil
}

// trimBeforeOwnJoin is a sync handler: in a room the bot has just joined,
// the timeline also holds messages from before the join; those were not
// addressed to the bot and are dropped (state events are kept).
func trimBeforeOwnJoin(me id.UserID) mautrix.SyncHandler {
	return func(_ context.Context, resp *mautrix.RespSync, _ string) bool {
		for _, room := range resp.Rooms.Join {
			evts := room.Timeline.Events
			for i := len(evts) - 1; i >= 0; i-- {
				e := evts[i]
				if e.Type != event.StateMember || e.GetStateKey() != string(me) {
					continue
				}
				if m, _ := e.Content.Raw["membership"].(string); m != string(event.MembershipJoin) {
					continue
				}
				if prev := e.Unsigned.PrevContent; prev != nil {
					if pm, _ := prev.Raw["membership"].(string); pm == string(event.MembershipJoin) {
						continue // a profile change, not a join
					}
				}
				// Keep the state events: the state store and the crypto
				// machine still need them.
				kept := make([]*event.Event, 0, len(evts))
				for _, before := range evts[:i] {
					if before.StateKey != nil {
						kept = append(kept, before)
					}
				}
				room.Timeline.Events = append(kept, evts[i:]...)
				break
			}
		}
		return true
	}
}

// maxBackfill bounds how many events one room's gap is filled with.
const maxBackfill = 1000

// backfillLimited is a sync handler: when a room's timeline in a sync is
// limited (more events arrived since the last sync than one sync returns,
// as after downtime or under a burst), it fetches the missing events with
// /messages and puts them before the timeline, so that no question in the
// gap is lost. It goes back no further than the catch-up window, the bot's
// own join, or maxBackfill events; the first sync (no token) is left alone.
func (a *Adapter) backfillLimited(cli *mautrix.Client) mautrix.SyncHandler {
	return func(ctx context.Context, resp *mautrix.RespSync, since string) bool {
		if since == "" {
			return true
		}
		for roomID, room := range resp.Rooms.Join {
			if !room.Timeline.Limited || room.Timeline.PrevBatch == "" {
				continue
			}
			gap := a.fetchGap(ctx, cli, roomID, room.Timeline.PrevBatch)
			if len(gap) > 0 {
				a.log.Info("matrix: filled a gap in a room's timeline", "room_id", roomID.String(), "events", len(gap))
				room.Timeline.Events = append(gap, room.Timeline.Events...)
			}
		}
		return true
	}
}

// fetchGap pages backwards from token and returns the message events
// found, oldest first.
func (a *Adapter) fetchGap(ctx context.Context, cli *mautrix.Client, roomID id.RoomID, token string) []*event.Event {
	var newestFirst []*event.Event
	filter := &mautrix.FilterPart{LazyLoadMembers: true}
	for len(newestFirst) < maxBackfill && token != "" {
		resp, err := cli.Messages(ctx, roomID, token, "", mautrix.DirectionBackward, filter, 100)
		if err != nil {
			a.log.Warn("matrix: could not fetch the events a sync left out; some questions may go unanswered",
				"room_id", roomID.String(), "err", err)
			break
		}
		for _, e := range resp.Chunk {
			if a.eventAge(e) > a.cfg.CatchUpWindow || isOwnJoin(e, cli.UserID) {
				return reversed(newestFirst)
			}
			if e.StateKey == nil {
				newestFirst = append(newestFirst, e)
			}
		}
		if len(resp.Chunk) == 0 || resp.End == token {
			break
		}
		token = resp.End
	}
	return reversed(newestFirst)
}

// isOwnJoin reports whether e is the bot joining (not a profile change).
func isOwnJoin(e *event.Event, me id.UserID) bool {
	if e.Type != event.StateMember || e.GetStateKey() != string(me) {
		return false
	}
	if m, _ := e.Content.Raw["membership"].(string); m != string(event.MembershipJoin) {
		return false
	}
	if prev := e.Unsigned.PrevContent; prev != nil {
		if pm, _ := prev.Raw["membership"].(string); pm == string(event.MembershipJoin) {
			return false
		}
	}
	return true
}

func reversed(es []*event.Event) []*event.Event {
	out := make([]*event.Event, len(es))
	for i, e := range es {
		out[len(es)-1-i] = e
	}
	return out
}

// roomLanes runs jobs one at a time per room, in the order they were
// pushed, each room on its own goroutine while it has work. Jobs may be
// pushed from any goroutine (the crypto helper delivers late-decrypted
// events from its own), also while wait is blocked.
type roomLanes struct {
	mu     sync.Mutex
	idle   *sync.Cond
	queues map[string][]func()
	busy   int // lanes running
}

func newRoomLanes() *roomLanes {
	l := &roomLanes{queues: map[string][]func(){}}
	l.idle = sync.NewCond(&l.mu)
	return l
}

// push queues job on room's lane.
func (l *roomLanes) push(room string, job func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	q, running := l.queues[room]
	l.queues[room] = append(q, job)
	if !running {
		l.busy++
		go l.drain(room)
	}
}

func (l *roomLanes) drain(room string) {
	for {
		l.mu.Lock()
		q := l.queues[room]
		if len(q) == 0 {
			delete(l.queues, room)
			l.busy--
			if l.busy == 0 {
				l.idle.Broadcast()
			}
			l.mu.Unlock()
			return
		}
		job := q[0]
		l.queues[room] = q[1:]
		l.mu.Unlock()
		job()
	}
}

// wait blocks until no lane has work.
func (l *roomLanes) wait() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.busy > 0 {
		l.idle.Wait()
	}
}
