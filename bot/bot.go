package bot

import (
	"container/list"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"liaison/knowledge"
)

// Options configure a Bot.
type Options struct {
	// Logger receives one line per question; nil discards.
	Logger *slog.Logger
	// MemorySize is how many conversations keep follow-up context; 0 means 1024.
	MemorySize int
	// Version is reported by the status command.
	Version string
}

// Bot is the core: it answers Messages from the current fact base. It is
// safe for concurrent use; SetBase swaps the fact base atomically while
// questions are being answered.
type Bot struct {
	base    atomic.Pointer[knowledge.Base]
	log     *slog.Logger
	version string
	started time.Time
	reloads atomic.Int64
	loaded  atomic.Pointer[time.Time]
	// offices is the office index of the base, built on first use
	offices atomic.Pointer[officeIndex]

	mu     sync.Mutex
	memory map[string]*list.Element
	order  *list.List
	limit  int
}

// New returns a Bot answering from base (which may be nil until SetBase).
func New(base *knowledge.Base, opts Options) *Bot {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	limit := opts.MemorySize
	if limit <= 0 {
		limit = 1024
	}
	b := &Bot{log: log, version: opts.Version, started: time.Now(), memory: map[string]*list.Element{}, order: list.New(), limit: limit}
	if base != nil {
		b.base.Store(base)
		now := time.Now()
		b.loaded.Store(&now)
	}
	return b
}

// SetBase replaces the fact base; answers in flight finish on the old one.
func (b *Bot) SetBase(base *knowledge.Base) {
	b.base.Store(base)
	b.offices.Store(nil) // of the old base, which it would keep in memory
	b.reloads.Add(1)
	now := time.Now()
	b.loaded.Store(&now)
}

// Base returns the current fact base, or nil.
func (b *Bot) Base() *knowledge.Base { return b.base.Load() }

// Answer answers one message. It never returns an error for a question it
// cannot answer (the reply says so, with Found false); it returns
// ErrUnavailable when no fact base is loaded.
func (b *Bot) Answer(ctx context.Context, m Message) (Reply, error) {
	start := time.Now()
	base := b.base.Load()
	if base == nil {
		return Reply{}, ErrUnavailable
	}
	if err := ctx.Err(); err != nil {
		return Reply{}, err
	}
	mem := b.recall(m.ConversationKey())
	a := &answerer{b: base, mem: &mem, bot: b}
	r := a.answer(m.Text)
	b.remember(mem)
	b.log.Info("question", "platform", string(m.Platform), "intent", string(r.Intent),
		"found", r.Found, "latency", time.Since(start))
	b.log.Debug("question text", "platform", string(m.Platform), "text", m.Text)
	return r, nil
}

var _ Answerer = (*Bot)(nil)
