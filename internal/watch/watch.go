// Package watch tells channels and rooms about new releases that name
// what they follow. A room subscribes with /watch (a person, a country or
// a topic; commands.go); the feed reader queues each new release it
// fetches (Enqueue) before writing its file; once the release is in the
// fact base, Service matches it against every subscription and posts one
// short alert per room through the adapters (bot.Poster).
//
// Everything is kept in the state store, so that subscriptions survive
// restarts and each release is announced once per subscription, also
// across a crash: a queued release is turned into the alerts it owes in
// one transaction; an alert is marked as attempted before it is posted,
// and one found attempted after a restart is posted only if the room
// does not already hold it (bot.Notice.Retry).
package watch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"liaison/bot"
	"liaison/internal/store"
	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// Store keys.
const (
	prefixSub  = "watch:sub:"  // a subscription
	prefixNew  = "watch:new:"  // a release fetched and not yet matched
	prefixOut  = "watch:out:"  // an alert owed
	prefixDone = "watch:done:" // an alert posted (or given up)
)

// Limits.
const (
	// MaxPerRoom is how many subscriptions one room may hold.
	MaxPerRoom = 50
	// maxAlertsPerPass is how many separate alerts one room gets from one
	// batch of releases; the rest come in one list.
	maxAlertsPerPass = 8
	// queueTimeout is how long a queued release may wait to appear in
	// the fact base (its file never loaded) before it is dropped.
	queueTimeout = 24 * time.Hour
	// outTimeout is how long an alert is retried before it is dropped.
	outTimeout = 24 * time.Hour
	// postTimeout bounds one attempt to post an alert (the adapter's own
	// retries included); the next pass tries again.
	postTimeout = 30 * time.Second
)

// Subscription is what one room watches.
type Subscription struct {
	Platform  bot.Platform `json:"platform"`
	Room      string       `json:"room"`
	Workspace string       `json:"workspace,omitempty"`
	Kind      Kind         `json:"kind"`
	// Term is what is matched: the person's name, the country, the
	// topic's words.
	Term string `json:"term"`
	// By is who subscribed (platform user ID).
	By      string    `json:"by"`
	Created time.Time `json:"created"`
}

func (s Subscription) key() string {
	return roomPrefix(s.Platform, s.Room) + string(s.Kind) + "\x1f" + lang.Fold(s.Term)
}

// label is how the subscription is shown: "Estonia", "border closure".
func (s Subscription) label() string { return s.Term }

func roomPrefix(p bot.Platform, room string) string {
	return prefixSub + string(p) + "\x1f" + room + "\x1f"
}

// Release is a new release the feed reader fetched.
type Release struct {
	// File is the release file, relative to the corpus folder, with "/".
	File      string    `json:"file"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Feed      string    `json:"feed,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Queued    time.Time `json:"queued"`
}

// alert is an alert owed to a room.
type alert struct {
	ID        string       `json:"id"`
	Platform  bot.Platform `json:"platform"`
	Room      string       `json:"room"`
	Workspace string       `json:"workspace,omitempty"`
	By        string       `json:"by,omitempty"`
	Subs      []string     `json:"subs"`  // subscription keys it is for
	Files     []string     `json:"files"` // releases it announces
	Reply     bot.Reply    `json:"reply"`
	Created   time.Time    `json:"created"`
	Seq       int          `json:"seq"` // order among alerts created at once
	Attempted time.Time    `json:"attempted,omitzero"`
}

// Observer is told of each alert posted or given up, for metrics.
type Observer interface {
	AlertPosted(platform string, ok bool)
}

// Options configure a Service.
type Options struct {
	// Store keeps subscriptions, queued releases and alerts owed.
	Store *store.Store
	// Base returns the fact base in use (nil until loaded).
	Base func() *knowledge.Base
	// Posters post alerts, one per platform (their Name is the platform).
	Posters []bot.Poster
	// Allowed, when set, says whether a room may still get alerts (the
	// access policy, asked as for a message from the subscriber there).
	Allowed func(bot.Message) bool
	// Feeds reports whether any feed is followed; without, /watch says
	// that no alert can come.
	Feeds bool
	// Log receives a line per alert and per problem.
	Log *slog.Logger
	// Observer, when set, is told of each alert.
	Observer Observer
	// Retry is how often owed alerts and queued releases are tried again
	// (default 5 s).
	Retry time.Duration
}

// Service matches new releases against subscriptions and posts alerts.
type Service struct {
	opts    Options
	log     *slog.Logger
	posters map[bot.Platform]bot.Poster
	wake    chan struct{}
	now     func() time.Time

	mu sync.Mutex // one pass at a time
}

// New returns a Service; Run does its work.
func New(opts Options) *Service {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Retry <= 0 {
		opts.Retry = 5 * time.Second
	}
	s := &Service{opts: opts, log: opts.Log, posters: map[bot.Platform]bot.Poster{}, wake: make(chan struct{}, 1), now: time.Now}
	for _, p := range opts.Posters {
		s.posters[bot.Platform(p.Name())] = p
	}
	return s
}

// Enqueue records a release the feed reader is about to write, so that
// it is announced once it is loaded, also after a crash. It is the feed
// reader's OnNew.
func (s *Service) Enqueue(ctx context.Context, r Release) error {
	r.File = path.Clean(r.File)
	r.Queued = s.now()
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := s.opts.Store.Put(ctx, prefixNew+r.File, string(b)); err != nil {
		return fmt.Errorf("watch: queue release: %w", err)
	}
	return nil
}

// Changed tells the service that a new fact base is in use.
func (s *Service) Changed() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run matches and posts until ctx is done: after each Changed, and every
// Options.Retry while work is left.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.opts.Retry)
	defer t.Stop()
	for {
		if err := s.Pass(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("watch: alerts pass failed; trying again", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// Pass matches the queued releases that are in the fact base and posts
// the alerts owed.
func (s *Service) Pass(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.matchQueued(ctx); err != nil {
		return err
	}
	return s.postOwed(ctx)
}

// subscriptions returns every subscription, or those of one room when
// prefix is a room's.
func (s *Service) subscriptions(ctx context.Context, prefix string) ([]Subscription, []string, error) {
	rows, err := s.opts.Store.Scan(ctx, prefix)
	if err != nil {
		return nil, nil, fmt.Errorf("watch: read subscriptions: %w", err)
	}
	var subs []Subscription
	var keys []string
	for _, kv := range rows {
		var sub Subscription
		if err := json.Unmarshal([]byte(kv[1]), &sub); err != nil {
			s.log.Error("watch: unreadable subscription dropped", "key", kv[0], "err", err)
			_ = s.opts.Store.Delete(ctx, kv[0])
			continue
		}
		subs = append(subs, sub)
		keys = append(keys, kv[0])
	}
	return subs, keys, nil
}

func digest(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:10])
}

// matchQueued turns each queued release that the fact base holds into the
// alerts it owes, one transaction per release.
func (s *Service) matchQueued(ctx context.Context) error {
	rows, err := s.opts.Store.Scan(ctx, prefixNew)
	if err != nil || len(rows) == 0 {
		return err
	}
	base := s.opts.Base()
	if base == nil {
		return nil
	}
	docs := make(map[string]int, len(base.Docs))
	for i, d := range base.Docs {
		docs[d.File] = i
	}
	subs, keys, err := s.subscriptions(ctx, prefixSub)
	if err != nil {
		return err
	}
	perRoom := map[string]int{}
	seq := 0
	var digestOf map[string]*alert // a room's list of further releases, this pass
	for _, kv := range rows {
		var r Release
		if err := json.Unmarshal([]byte(kv[1]), &r); err != nil {
			s.log.Error("watch: unreadable queued release dropped", "key", kv[0], "err", err)
			_ = s.opts.Store.Delete(ctx, kv[0])
			continue
		}
		doc, ok := docs[r.File]
		if !ok {
			if s.now().Sub(r.Queued) > queueTimeout {
				s.log.Warn("watch: a fetched release never loaded; no alert for it", "file", r.File, "queued", r.Queued)
				_ = s.opts.Store.Delete(ctx, kv[0])
			}
			continue // not loaded yet
		}
		// the alerts this release owes, one per room
		owed := map[string]*alert{}
		matched := map[string][]Subscription{}
		var order []string
		for i, sub := range subs {
			if sub.Created.After(r.Queued) {
				continue // subscribed after the release came in
			}
			id := digest(keys[i], r.File)
			if done, _ := s.opts.Store.Get(ctx, prefixDone+id); done != "" {
				continue
			}
			sentence, ok := match(base, doc, sub.Kind, sub.Term)
			if !ok {
				continue
			}
			room := string(sub.Platform) + "\x1f" + sub.Room
			a := owed[room]
			if a == nil {
				a = &alert{Platform: sub.Platform, Room: sub.Room, Workspace: sub.Workspace, By: sub.By, Files: []string{r.File}, Created: s.now()}
				a.Reply = alertReply(base.Docs[doc], r, sentence)
				owed[room] = a
				order = append(order, room)
			}
			a.Subs = append(a.Subs, keys[i])
			matched[room] = append(matched[room], sub)
		}
		for room, ms := range matched {
			owed[room].Reply.Summary = summary(ms)
		}
		puts := map[string]string{}
		for _, room := range order {
			a := owed[room]
			a.ID = digest(append([]string{r.File}, a.Subs...)...)
			seq++
			a.Seq = seq
			perRoom[room]++
			if perRoom[room] > maxAlertsPerPass {
				// too many at once for one room: one list for the rest
				if digestOf == nil {
					digestOf = map[string]*alert{}
				}
				l := digestOf[room]
				if l == nil {
					l = &alert{ID: digest("list", a.ID), Platform: a.Platform, Room: a.Room, Workspace: a.Workspace, By: a.By, Created: s.now(), Seq: seq,
						Reply: bot.Reply{Found: true, Intent: bot.IntentWatch, Sources: []bot.Source{}}}
					digestOf[room] = l
				}
				l.Subs = append(l.Subs, a.Subs...)
				l.Files = append(l.Files, a.Files...)
				d := base.Docs[doc]
				l.Reply.Details = append(l.Reply.Details, "• "+d.Label()+releaseDate(d))
				l.Reply.Summary = fmt.Sprintf("%d more new releases name what this room watches:", len(l.Reply.Details))
				b, _ := json.Marshal(l)
				puts[prefixOut+l.ID] = string(b)
				continue
			}
			b, err := json.Marshal(a)
			if err != nil {
				return err
			}
			puts[prefixOut+a.ID] = string(b)
		}
		if err := s.opts.Store.Apply(ctx, puts, []string{kv[0]}); err != nil {
			return fmt.Errorf("watch: record alerts for %s: %w", r.File, err)
		}
		if len(order) > 0 {
			s.log.Info("watch: new release matches", "file", r.File, "rooms", len(order))
		}
	}
	return nil
}

// releaseDate is " (24 May 2024)", or "" for an undated release.
func releaseDate(d *knowledge.Document) string {
	if iso := d.Date.ISO(); iso != "" {
		return " (" + bot.HumanDate(iso) + ")"
	}
	return ""
}

// alertReply is the alert for release d: its title, date, the sentence
// that matched and its link (the summary says what matched).
func alertReply(d *knowledge.Document, r Release, sentence string) bot.Reply {
	url := d.URL
	if url == "" {
		url = r.URL
	}
	return bot.Reply{Found: true, Intent: bot.IntentWatch,
		Sources: []bot.Source{{Doc: d.File, Title: d.Title, Date: d.Date.ISO(), Quote: sentence, URL: url}}}
}

// kindRank orders what an alert names: people, countries, topics.
var kindRank = map[Kind]int{KindPerson: 0, KindCountry: 1, KindTopic: 2}

// summary is an alert's first line: what it names, "New release naming
// Vladimir Kolokoltsev, about Russia, on “border closure”".
func summary(subs []Subscription) string {
	sort.SliceStable(subs, func(i, j int) bool { return kindRank[subs[i].Kind] < kindRank[subs[j].Kind] })
	var parts []string
	for _, sub := range subs {
		switch sub.Kind {
		case KindPerson:
			parts = append(parts, "naming "+sub.Term)
		case KindCountry:
			parts = append(parts, "about "+sub.Term)
		default:
			parts = append(parts, "on “"+sub.Term+"”")
		}
	}
	return "New release " + strings.Join(parts, ", ")
}

// postOwed posts every alert owed, oldest first.
func (s *Service) postOwed(ctx context.Context) error {
	rows, err := s.opts.Store.Scan(ctx, prefixOut)
	if err != nil {
		return fmt.Errorf("watch: read alerts: %w", err)
	}
	var owed []alert
	for _, kv := range rows {
		var a alert
		if err := json.Unmarshal([]byte(kv[1]), &a); err != nil || a.ID == "" {
			s.log.Error("watch: unreadable alert dropped", "key", kv[0], "err", err)
			_ = s.opts.Store.Delete(ctx, kv[0])
			continue
		}
		owed = append(owed, a)
	}
	sort.SliceStable(owed, func(i, j int) bool {
		if !owed[i].Created.Equal(owed[j].Created) {
			return owed[i].Created.Before(owed[j].Created)
		}
		return owed[i].Seq < owed[j].Seq
	})
	// each platform in order, side by side: one that is down (its posts
	// retrying until they time out) holds up none of the others
	byPlatform := map[bot.Platform][]alert{}
	for _, a := range owed {
		byPlatform[a.Platform] = append(byPlatform[a.Platform], a)
	}
	var wg sync.WaitGroup
	for _, as := range byPlatform {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range as {
				if ctx.Err() != nil {
					return
				}
				s.post(ctx, a)
			}
		}()
	}
	wg.Wait()
	return nil
}

// post posts one alert and records the outcome.
func (s *Service) post(ctx context.Context, a alert) {
	log := s.log.With("platform", string(a.Platform), "room", a.Room, "alert", a.ID)
	poster := s.posters[a.Platform]
	give := func(why string, err error) {
		log.Warn("watch: alert dropped: "+why, "files", a.Files, "err", err)
		s.finish(ctx, a, false)
	}
	if poster == nil {
		give("its platform is not enabled", nil)
		return
	}
	if s.opts.Allowed != nil && !s.opts.Allowed(bot.Message{Platform: a.Platform, Room: a.Room, Workspace: a.Workspace, Sender: a.By}) {
		give("the room or its subscriber is no longer allowed", nil)
		return
	}
	if s.now().Sub(a.Created) > outTimeout {
		give("it could not be posted for a day", nil)
		return
	}
	retry := !a.Attempted.IsZero()
	if !retry {
		a.Attempted = s.now()
		b, _ := json.Marshal(a)
		if err := s.opts.Store.Put(ctx, prefixOut+a.ID, string(b)); err != nil {
			log.Error("watch: cannot record the attempt; trying later", "err", err)
			return
		}
	}
	pctx, cancel := context.WithTimeout(ctx, postTimeout)
	err := poster.Post(pctx, bot.Notice{Room: a.Room, Key: a.ID, Reply: a.Reply, Retry: retry, Since: a.Attempted.Add(-time.Minute)})
	cancel()
	switch {
	case err == nil:
		log.Info("watch: alert posted", "files", a.Files, "summary", a.Reply.Summary)
		s.finish(ctx, a, true)
	case errors.Is(err, bot.ErrCannotPost):
		give("the bot cannot post there", err)
	case errors.Is(err, bot.ErrNotConnected):
		log.Debug("watch: adapter not connected; the alert waits", "err", err)
	default:
		log.Warn("watch: posting an alert failed; trying again", "err", err)
	}
}

// finish removes a posted (or dropped) alert and marks its subscriptions'
// releases as announced, in one transaction.
func (s *Service) finish(ctx context.Context, a alert, ok bool) {
	puts := map[string]string{}
	at := s.now().UTC().Format(time.RFC3339)
	for _, sub := range a.Subs {
		for _, f := range a.Files {
			puts[prefixDone+digest(sub, f)] = at
		}
	}
	// a context of its own: the post went out, the record must follow
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := s.opts.Store.Apply(fctx, puts, []string{prefixOut + a.ID}); err != nil {
		s.log.Error("watch: cannot record the alert; it may be posted again after a restart", "alert", a.ID, "err", err)
	}
	if s.opts.Observer != nil {
		s.opts.Observer.AlertPosted(string(a.Platform), ok)
	}
}
