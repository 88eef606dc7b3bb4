package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"liaison/internal/slackfake"
)

// TestWebAPIClientWaitsOutRateLimits: the adapter's slack-go client itself
// (OptionRetryConfig) waits out 429s with their Retry-After on any Web API
// call, not only on the calls the adapter used to wrap in a loop of its
// own; each wait is logged and reported to the observer (metrics).
func TestWebAPIClientWaitsOutRateLimits(t *testing.T) {
	fake := startFake(t)
	logs := &syncBuffer{}
	obs := &recordingObserver{}
	a := newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL(), Observer: obs}, openStore(t, ""), logs)
	fake.RateLimit("auth.test", 2, 1)
	start := time.Now()
	resp, err := a.api.AuthTestContext(context.Background())
	if err != nil {
		t.Fatalf("auth.test after two 429s: %v", err)
	}
	if resp.UserID != slackfake.BotUserID {
		t.Errorf("auth.test user = %q", resp.UserID)
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Errorf("took %v; two Retry-After: 1 were not waited out", took)
	}
	if _, _, _, waits := obs.snapshot(); waits != 2 {
		t.Errorf("%d waits reported to the observer, want 2", waits)
	}
	if n := strings.Count(logs.String(), "rate limited"); n != 2 {
		t.Errorf("%d rate-limit log lines, want 2:\n%s", n, logs)
	}
}

// TestResponseURLWaitsOutRateLimits: a response_url post, which slack-go's
// retry does not cover, still waits out a 429 in the adapter's own loop.
func TestResponseURLWaitsOutRateLimits(t *testing.T) {
	h := startSocket(t, nil, "")
	h.fake.RateLimit(slackfake.MethodResponseURL, 1, 1)
	ru := h.fake.ResponseURL()
	start := time.Now()
	if err := h.a.respond(h.ctx(), ru, &slack.WebhookMessage{Text: "hello"}); err != nil {
		t.Fatalf("respond after a 429: %v", err)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("took %v; Retry-After: 1 was not waited out", took)
	}
	if posts := h.fake.Posts(); len(posts) != 1 || posts[0].ResponseURL != ru || posts[0].Text != "hello" {
		t.Errorf("posts = %+v, want the one post to the response_url", posts)
	}
	if _, _, _, waits := h.obs.snapshot(); waits != 1 {
		t.Errorf("%d waits reported, want 1", waits)
	}
}
