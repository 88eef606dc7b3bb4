package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"liaison/bot"
)

// slogOutput lets slack-go's socketmode client log through slog (debug).
type slogOutput struct{ log *slog.Logger }

func (o slogOutput) Output(_ int, s string) error {
	o.log.Debug("slack: socketmode", "detail", strings.TrimSpace(s))
	return nil
}

// runSocket serves over Socket Mode until ctx is done or the connection
// fails for good (a rejected app-level token).
func (a *Adapter) runSocket(ctx context.Context, ans bot.Answerer) error {
	sm := socketmode.New(a.api,
		socketmode.OptionPingInterval(a.pingInterval),
		socketmode.OptionLog(slogOutput{a.log}),
	)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(runCtx) }()
	for {
		select {
		case <-ctx.Done():
			cancel()
			<-errc
			return nil
		case err := <-errc:
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case ev := <-sm.Events:
			a.socketEvent(ctx, sm, ans, ev)
		}
	}
}

// socketEvent handles one event from the socketmode client. Events API
// envelopes and interactions are claimed, journalled and queued in arrival
// order, then acknowledged; slash commands are journalled, then answered in
// their acknowledgement when quick.
func (a *Adapter) socketEvent(ctx context.Context, sm *socketmode.Client, ans bot.Answerer, ev socketmode.Event) {
	switch ev.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("slack: connecting to socket mode")
		a.cfg.Observer.Connected(a.Name(), false)
	case socketmode.EventTypeConnected:
		a.log.Info("slack: socket mode connected")
		a.cfg.Observer.Connected(a.Name(), true)
	case socketmode.EventTypeHello:
		a.log.Debug("slack: socket mode hello")
	case socketmode.EventTypeConnectionError:
		a.log.Warn("slack: socket mode connection failed; retrying", "err", eventErr(ev.Data))
		a.cfg.Observer.Connected(a.Name(), false)
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack: socket mode rejected the app-level token")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("slack: socket mode transport error", "type", ev.Type, "err", eventErr(ev.Data))
	case socketmode.EventTypeErrorBadMessage:
		// Still acknowledge it, or Slack keeps redelivering it.
		if bad, ok := ev.Data.(*socketmode.ErrorBadMessage); ok {
			a.log.Warn("slack: unreadable socket mode message", "err", bad.Cause)
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				_ = a.ack(ctx, sm, env.EnvelopeID, nil)
			}
		}
	case socketmode.EventTypeEventsAPI:
		if ev.Request == nil {
			return
		}
		data, ok := ev.Data.(slackevents.EventsAPIEvent)
		if !ok {
			_ = a.ack(ctx, sm, ev.Request.EnvelopeID, nil)
			return
		}
		retry := ""
		if ev.Request.RetryAttempt > 0 {
			retry = fmt.Sprintf("%d (%s)", ev.Request.RetryAttempt, ev.Request.RetryReason)
		}
		// Claim and journal first, acknowledge after: a crash in between
		// leaves the event unacknowledged (Slack redelivers it) or
		// journalled (the next start answers it), never lost.
		_ = a.acceptEvent(ctx, ans, data, retry) // identity is known after Run's auth.test
		_ = a.ack(ctx, sm, ev.Request.EnvelopeID, nil)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := ev.Data.(slack.SlashCommand)
		if !ok || ev.Request == nil {
			return
		}
		env := ev.Request.EnvelopeID
		a.bg.Add(1)
		go func() {
			defer a.bg.Done()
			a.slash(ctx, ans, cmd, func(w *slack.WebhookMessage) error {
				var payload any
				if w != nil {
					payload = w
				}
				return a.ack(ctx, sm, env, payload)
			})
		}()
	case socketmode.EventTypeInteractive:
		if ev.Request == nil {
			return
		}
		// Claim and journal first, acknowledge after, as for events.
		if cb, ok := ev.Data.(slack.InteractionCallback); ok {
			a.acceptInteraction(ctx, ans, cb)
		}
		_ = a.ack(ctx, sm, ev.Request.EnvelopeID, nil)
	default:
		a.log.Debug("slack: ignoring socket mode event", "type", ev.Type)
	}
}

// ack acknowledges a Socket Mode envelope, with an optional payload; a
// failure is logged and returned.
func (a *Adapter) ack(ctx context.Context, sm *socketmode.Client, envelopeID string, payload any) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := sm.AckCtx(ctx, envelopeID, payload); err != nil {
		a.log.Warn("slack: acknowledging envelope failed", "envelope", envelopeID, "err", err)
		return fmt.Errorf("slack: acknowledge envelope: %w", err)
	}
	return nil
}

// eventErr extracts the error carried by a socketmode event's data.
func eventErr(data any) error {
	switch d := data.(type) {
	case *slack.ConnectionErrorEvent:
		return d.ErrorObj
	case *slack.IncomingEventError:
		return d.ErrorObj
	case *socketmode.ErrorWriteFailed:
		return d.Cause
	case error:
		return d
	}
	return fmt.Errorf("%v", data)
}
