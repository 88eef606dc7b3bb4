package ops

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// feedMetrics are the metrics of feeds and alerts.
type feedMetrics struct {
	polls       *prometheus.CounterVec
	items       *prometheus.CounterVec
	up          *prometheus.GaugeVec
	lastSuccess *prometheus.GaugeVec
	alerts      *prometheus.CounterVec
}

// feedMetrics registers the feed and alert metrics the first time they
// are needed, so that a service without feeds does not show them.
func (m *Metrics) feedMetrics() *feedMetrics {
	m.feedsOnce.Do(func() {
		f := &feedMetrics{
			polls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_feed_polls_total",
				Help: "Feed polls, by feed and result (ok, failed)."}, []string{"feed", "result"}),
			items: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_feed_items_total",
				Help: "Feed items written new or updated, or skipped (with a log line), by feed."}, []string{"feed", "result"}),
			up: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "liaison_feed_up",
				Help: "1 when the feed's last poll succeeded."}, []string{"feed"}),
			lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "liaison_feed_last_success_timestamp_seconds",
				Help: "When the feed was last polled with success (Unix time)."}, []string{"feed"}),
			alerts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_alerts_total",
				Help: "Alerts about new releases, by platform and result (posted, dropped)."}, []string{"platform", "result"}),
		}
		m.reg.MustRegister(f.polls, f.items, f.up, f.lastSuccess, f.alerts)
		m.feeds = f
	})
	return m.feeds
}

// FeedPolled records a poll of a feed (feeds.Observer).
func (m *Metrics) FeedPolled(feed string, ok bool, newItems, updated, skipped int) {
	f := m.feedMetrics()
	if !ok {
		f.polls.WithLabelValues(feed, "failed").Inc()
		f.up.WithLabelValues(feed).Set(0)
		return
	}
	f.polls.WithLabelValues(feed, "ok").Inc()
	f.up.WithLabelValues(feed).Set(1)
	f.lastSuccess.WithLabelValues(feed).Set(float64(time.Now().Unix()))
	f.items.WithLabelValues(feed, "new").Add(float64(newItems))
	f.items.WithLabelValues(feed, "updated").Add(float64(updated))
	f.items.WithLabelValues(feed, "skipped").Add(float64(skipped))
}

// AlertPosted records an alert posted, or dropped (watch.Observer).
func (m *Metrics) AlertPosted(platform string, ok bool) {
	result := "posted"
	if !ok {
		result = "dropped"
	}
	m.feedMetrics().alerts.WithLabelValues(platform, result).Inc()
}

// AddDetail adds a source of detail lines to /readyz and the admins'
// status: things an operator should see that do not make the service
// unready, such as a failing feed.
func (m *Metrics) AddDetail(lines func() []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.details = append(m.details, lines)
}

// Details returns the lines of every AddDetail source.
func (m *Metrics) Details() []string {
	m.mu.Lock()
	srcs := append([]func() []string(nil), m.details...)
	m.mu.Unlock()
	var out []string
	for _, f := range srcs {
		out = append(out, f()...)
	}
	return out
}
