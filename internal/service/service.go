// Package service runs Liaison's adapters side by side over one core: an
// adapter that fails is logged and restarted with backoff without stopping
// the others; an adapter that fails for good (a rejected token) stops the
// service with its error; cancelling the context shuts every adapter down,
// waiting a bounded time for answers in flight.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"liaison/bot"
)

// Service runs adapters.
type Service struct {
	// Adapters to run; each gets Answerer.
	Adapters []bot.Adapter
	// Answerer answers every adapter's questions.
	Answerer bot.Answerer
	// Observer is told when an adapter stops (not connected); may be nil.
	Observer bot.Observer
	// Log receives adapter failures; nil discards.
	Log *slog.Logger
	// Permanent reports errors after which restarting cannot help (a
	// rejected token). nil: every error is retried.
	Permanent func(error) bool
	// Backoff is the first wait before a restart (default 1 s); it doubles
	// up to MaxBackoff (default 1 min) and resets after an adapter ran for
	// a while.
	Backoff, MaxBackoff time.Duration
	// ShutdownTimeout bounds the wait for adapters to stop (default 10 s).
	ShutdownTimeout time.Duration
}

// ErrShutdownTimeout is returned when adapters did not stop in time.
var ErrShutdownTimeout = errors.New("service: adapters did not stop in time")

// Run runs every adapter until ctx is done (then it returns nil, or
// ErrShutdownTimeout) or one fails permanently (then it stops the others and
// returns that error).
func (s *Service) Run(ctx context.Context) error {
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	obs := s.Observer
	if obs == nil {
		obs = bot.NopObserver{}
	}
	backoff, maxBackoff, grace := s.Backoff, s.MaxBackoff, s.ShutdownTimeout
	if backoff <= 0 {
		backoff = time.Second
	}
	if maxBackoff <= 0 {
		maxBackoff = time.Minute
	}
	if grace <= 0 {
		grace = 10 * time.Second
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var (
		wg      sync.WaitGroup
		fatalMu sync.Mutex
		fatal   error
	)
	for _, a := range s.Adapters {
		wg.Add(1)
		go func(a bot.Adapter) {
			defer wg.Done()
			wait := backoff
			for runCtx.Err() == nil {
				started := time.Now()
				err := runOnce(runCtx, a, s.Answerer)
				obs.Connected(a.Name(), false)
				if runCtx.Err() != nil {
					return
				}
				if err == nil {
					err = errors.New("stopped without an error")
				}
				if s.Permanent != nil && s.Permanent(err) {
					log.Error("adapter failed and cannot recover; stopping", "adapter", a.Name(), "err", err)
					fatalMu.Lock()
					if fatal == nil {
						fatal = fmt.Errorf("%s: %w", a.Name(), err)
					}
					fatalMu.Unlock()
					stop()
					return
				}
				if time.Since(started) > 2*maxBackoff {
					wait = backoff
				}
				log.Error("adapter failed; restarting", "adapter", a.Name(), "in", wait, "err", err)
				select {
				case <-runCtx.Done():
					return
				case <-time.After(wait):
				}
				wait = min(2*wait, maxBackoff)
			}
		}(a)
	}
	<-runCtx.Done()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		log.Error("adapters did not stop in time", "timeout", grace)
		return ErrShutdownTimeout
	}
	fatalMu.Lock()
	defer fatalMu.Unlock()
	return fatal
}

// runOnce runs an adapter, turning a panic into an error.
func runOnce(ctx context.Context, a bot.Adapter, ans bot.Answerer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return a.Run(ctx, ans)
}
