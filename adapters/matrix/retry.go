package matrix

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"maunium.net/go/mautrix"
)

// retryAfterTransport copies the retry_after_ms of a 429 M_LIMIT_EXCEEDED
// body into a Retry-After header when the server sent none (Dendrite never
// does), so that mautrix's own retry waits as long as the server asked
// instead of its fixed backoff.
type retryAfterTransport struct {
	base http.RoundTripper
	// limited, when set, is told about every 429 and the wait it asks for.
	limited func(time.Duration)
	// synced, when set, is told whether each request reached a working
	// homeserver (no transport error, no 502, 503 or 504): mautrix retries failed
	// requests itself, so without it an outage would go unreported.
	synced func(ok bool, err error)
}

// maxErrorBody bounds how much of a 429 body is read to find retry_after_ms.
const maxErrorBody = 64 << 10

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if t.synced != nil && req.Context().Err() == nil {
		switch {
		case err != nil:
			t.synced(false, err)
		case resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusServiceUnavailable ||
			resp.StatusCode == http.StatusGatewayTimeout:
			t.synced(false, fmt.Errorf("HTTP %s", resp.Status))
		default:
			t.synced(true, nil)
		}
	}
	if err != nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "" {
		return resp, err
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return resp, nil
	}
	var e struct {
		RetryAfterMS int64 `json:"retry_after_ms"`
	}
	if json.Unmarshal(body, &e) == nil && e.RetryAfterMS > 0 {
		secs := int64(math.Ceil(float64(e.RetryAfterMS) / 1000))
		resp.Header.Set("Retry-After", strconv.FormatInt(secs, 10))
		if t.limited != nil {
			t.limited(time.Duration(e.RetryAfterMS) * time.Millisecond)
		}
	}
	return resp, nil
}

// retryAfter extracts the wait a rate-limit error asks for, from the
// Retry-After header or retry_after_ms.
func retryAfter(err error) (time.Duration, bool) {
	var he mautrix.HTTPError
	if !errors.As(err, &he) {
		return 0, false
	}
	if he.Response != nil {
		if s, perr := strconv.Atoi(he.Response.Header.Get("Retry-After")); perr == nil && s >= 0 {
			return time.Duration(s) * time.Second, true
		}
	}
	if he.RespError != nil {
		if ms, ok := he.RespError.ExtraData["retry_after_ms"].(float64); ok && ms >= 0 {
			return time.Duration(ms) * time.Millisecond, true
		}
	}
	return 0, false
}

// transient reports whether a failed request may succeed when repeated:
// rate limits, server errors and network failures. mautrix already
// retried 429 and 502–504; this also covers 500 and requests whose
// retries ran out.
func transient(err error) bool {
	var he mautrix.HTTPError
	if !errors.As(err, &he) {
		return false
	}
	if he.Response == nil {
		return he.WrappedError != nil // network failure
	}
	code := he.Response.StatusCode
	return code == http.StatusTooManyRequests || code >= 500
}

// reachability turns the results of requests to the homeserver into log lines and
// connection reports when the homeserver stops or starts answering.
type reachability struct {
	log      *slog.Logger
	observe  func(up bool)
	mu       sync.Mutex
	down     bool
	failures int
	since    time.Time
}

func (r *reachability) synced(ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !ok && !r.down:
		r.down, r.failures, r.since = true, 1, time.Now()
		r.log.Warn("matrix: homeserver not answering; retrying", "err", err)
		r.observe(false)
	case !ok:
		r.failures++
	case ok && r.down:
		r.down = false
		r.log.Info("matrix: homeserver answering again; sync recovered", "failed_requests", r.failures,
			"outage", time.Since(r.since).Round(time.Millisecond).String())
		r.observe(true)
	}
}
