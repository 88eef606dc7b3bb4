package service

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"liaison/bot"
)

// flaky fails its first runs, then serves until cancelled.
type flaky struct {
	name     string
	failures int32
	runs     atomic.Int32
	stopSlow time.Duration
}

func (f *flaky) Name() string { return f.name }
func (f *flaky) Run(ctx context.Context, _ bot.Answerer) error {
	n := f.runs.Add(1)
	if n <= f.failures {
		if n == 1 {
			panic("boom")
		}
		return errors.New("connection refused")
	}
	<-ctx.Done()
	time.Sleep(f.stopSlow)
	return nil
}

var errRevoked = errors.New("token revoked")

type doomed struct{}

func (doomed) Name() string                            { return "doomed" }
func (doomed) Run(context.Context, bot.Answerer) error { return errRevoked }

func TestRestartsWithoutStoppingOthers(t *testing.T) {
	a, b := &flaky{name: "a", failures: 3}, &flaky{name: "b"}
	s := &Service{Adapters: []bot.Adapter{a, b}, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for a.runs.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if a.runs.Load() < 4 {
		t.Fatalf("a was run %d times; want restarts after a panic and two errors", a.runs.Load())
	}
	if b.runs.Load() != 1 {
		t.Errorf("b was restarted (%d runs) because a failed", b.runs.Load())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel = %v", err)
	}
}

func TestPermanentFailureStopsTheService(t *testing.T) {
	other := &flaky{name: "other"}
	s := &Service{Adapters: []bot.Adapter{doomed{}, other}, Permanent: func(err error) bool { return errors.Is(err, errRevoked) }}
	err := s.Run(context.Background())
	if !errors.Is(err, errRevoked) {
		t.Fatalf("Run = %v, want the permanent error", err)
	}
}

func TestShutdownIsBounded(t *testing.T) {
	slow := &flaky{name: "slow", stopSlow: time.Second}
	s := &Service{Adapters: []bot.Adapter{slow}, ShutdownTimeout: 50 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	start := time.Now()
	if err := s.Run(ctx); !errors.Is(err, ErrShutdownTimeout) {
		t.Fatalf("Run = %v, want ErrShutdownTimeout", err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("shutdown took %v", took)
	}
}
