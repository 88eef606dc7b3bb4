package ops

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFeedbackMetrics: ratings and comments are counted per platform and
// rating on /metrics, at 0 before the first.
func TestFeedbackMetrics(t *testing.T) {
	m := NewMetrics()
	scrape := func() string {
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		b, _ := io.ReadAll(rec.Body)
		return string(b)
	}
	if s := scrape(); !strings.Contains(s, `liaison_feedback_total{platform="matrix",rating="bad"} 0`) {
		t.Errorf("no zero feedback counter before the first rating:\n%s", s)
	}
	m.FeedbackRated("slack", "bad")
	m.FeedbackRated("slack", "bad")
	m.FeedbackRated("matrix", "good")
	m.FeedbackCommented("slack")
	s := scrape()
	for _, want := range []string{`liaison_feedback_total{platform="slack",rating="bad"} 2`,
		`liaison_feedback_total{platform="matrix",rating="good"} 1`, `liaison_feedback_comments_total{platform="slack"} 1`} {
		if !strings.Contains(s, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
