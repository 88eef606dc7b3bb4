package ops

import (
	"github.com/prometheus/client_golang/prometheus"

	"liaison/bot"
)

// feedbackCounters count people's ratings of answers.
type feedbackCounters struct {
	rated     *prometheus.CounterVec
	commented *prometheus.CounterVec
}

func newFeedbackCounters(reg *prometheus.Registry) feedbackCounters {
	f := feedbackCounters{
		rated: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_feedback_total",
			Help: "Ratings of answers stored (new or changed; a retried one is not counted), by platform and rating (good, bad)."},
			[]string{"platform", "rating"}),
		commented: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_feedback_comments_total",
			Help: "Comments saying what was wrong with an answer, by platform."}, []string{"platform"}),
	}
	reg.MustRegister(f.rated, f.commented)
	// Both ratings show from the start, at 0, on every platform.
	for _, p := range []string{string(bot.PlatformSlack), string(bot.PlatformMatrix)} {
		f.rated.WithLabelValues(p, "good")
		f.rated.WithLabelValues(p, "bad")
		f.commented.WithLabelValues(p)
	}
	return f
}

// FeedbackRated counts a new or changed rating of an answer.
func (m *Metrics) FeedbackRated(platform, rating string) {
	m.feedback.rated.WithLabelValues(platform, rating).Inc()
}

// FeedbackCommented counts a new or changed comment on an answer.
func (m *Metrics) FeedbackCommented(platform string) {
	m.feedback.commented.WithLabelValues(platform).Inc()
}
