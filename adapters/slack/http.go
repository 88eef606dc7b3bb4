package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"liaison/bot"
)

// Handler returns the HTTP mode endpoints: PathEvents (Events API, including
// url_verification), PathCommands (slash commands) and PathInteractive
// (buttons). Every request must carry a valid Slack signature made with
// Config.SigningSecret and a timestamp at most 5 minutes old, or it is
// refused with 401 before anything else happens; bodies over 1 MiB are
// refused with 413. Events are acknowledged at once and answered in the
// background. Run uses it in http mode; it can also be mounted on a server
// of the caller's own.
func (a *Adapter) Handler(ans bot.Answerer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST "+PathEvents, a.verified(func(w http.ResponseWriter, r *http.Request, body []byte) {
		a.serveEvents(w, r, ans, body)
	}))
	mux.Handle("POST "+PathCommands, a.verified(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		cmd, err := slack.SlashCommandParse(r)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		a.slash(r.Context(), ans, cmd, func(msg *slack.WebhookMessage) error {
			if msg == nil {
				w.Header().Set("Content-Length", "0")
				w.WriteHeader(http.StatusOK)
			} else {
				writeJSON(w, msg)
			}
			// Send it now: the journal entry is deleted only after.
			if err := http.NewResponseController(w).Flush(); err != nil {
				return fmt.Errorf("slack: send slash command response: %w", err)
			}
			return nil
		})
	}))
	mux.Handle("POST "+PathInteractive, a.verified(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		cb, err := slack.InteractionCallbackParse(r)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		a.acceptInteraction(r.Context(), ans, cb)
		w.WriteHeader(http.StatusOK)
	}))
	return mux
}

// verified checks a request's size and Slack signature before calling next
// with the body; the request body is restored for form parsing.
func (a *Adapter) verified(next func(http.ResponseWriter, *http.Request, []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > a.maxBody {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
		if err != nil {
			a.log.Warn("slack: refused unsigned or stale request", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.maxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		_, err = sv.Write(body)
		if err == nil {
			err = sv.Ensure()
		}
		if err != nil {
			a.log.Warn("slack: refused request with a bad signature", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	})
}

// serveEvents answers url_verification and accepts event callbacks.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, ans bot.Answerer, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// An inner event type slack-go does not know: acknowledge, or
		// Slack retries it.
		a.log.Debug("slack: unreadable event", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		uv, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, uv.Challenge)
	case slackevents.CallbackEvent:
		if err := a.acceptEvent(r.Context(), ans, ev, r.Header.Get("X-Slack-Retry-Num")); err != nil {
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable) // Slack retries
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// runHTTP serves Handler on Config.ListenAddr until ctx is done.
func (a *Adapter) runHTTP(ctx context.Context, ans bot.Answerer) error {
	ln, err := net.Listen("tcp", a.cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("slack: listen on %s: %w", a.cfg.ListenAddr, err)
	}
	srv := &http.Server{
		Handler:           a.Handler(ans),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	a.log.Info("slack: http mode listening", "addr", ln.Addr().String())
	a.cfg.Observer.Connected(a.Name(), true)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("slack: http server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		a.log.Warn("slack: http shutdown", "err", err)
	}
	<-errc
	return nil
}
