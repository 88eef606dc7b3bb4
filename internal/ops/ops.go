// Package ops is what an operator watches: Prometheus metrics (questions by
// platform and intent, unanswered questions, answer latency, reloads,
// adapter reconnects, platform rate-limit waits) and the /healthz, /readyz
// and /metrics endpoints.
package ops

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"liaison/bot"
)

// Metrics holds the service's Prometheus metrics and the adapters'
// connection state. It implements bot.Observer.
type Metrics struct {
	reg        *prometheus.Registry
	questions  *prometheus.CounterVec
	unanswered *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	reloads    *prometheus.CounterVec
	reconnects *prometheus.CounterVec
	rateWaits  *prometheus.CounterVec
	rateSecs   *prometheus.CounterVec
	connected  *prometheus.GaugeVec
	releases   prometheus.Gauge
	feedback   feedbackCounters

	mu       sync.Mutex
	adapters map[string]*adapterState
	ready    bool

	// feeds and alerts (feeds.go), registered on first use
	feedsOnce sync.Once
	feeds     *feedMetrics
	details   []func() []string
}

type adapterState struct {
	up   bool
	seen bool // connected at least once
}

var _ bot.Observer = (*Metrics)(nil)

// NewMetrics returns metrics registered in a registry of their own (with
// the Go runtime and process collectors).
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), adapters: map[string]*adapterState{}}
	m.questions = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_questions_total",
		Help: "Questions answered, by platform and intent."}, []string{"platform", "intent"})
	m.unanswered = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_unanswered_questions_total",
		Help: "Questions the releases held no answer to, by platform and intent."}, []string{"platform", "intent"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "liaison_answer_seconds",
		Help:    "Time to answer a question in the core, by platform.",
		Buckets: []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1}}, []string{"platform"})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_reloads_total",
		Help: "Fact base (re)builds, by result (ok, failed)."}, []string{"result"})
	m.reconnects = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_adapter_reconnects_total",
		Help: "Times an adapter reconnected after losing its connection."}, []string{"adapter"})
	m.rateWaits = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_platform_rate_limit_waits_total",
		Help: "Times a platform made the bot wait (429, M_LIMIT_EXCEEDED)."}, []string{"adapter"})
	m.rateSecs = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_platform_rate_limit_wait_seconds_total",
		Help: "Seconds spent waiting on platform rate limits."}, []string{"adapter"})
	m.connected = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "liaison_adapter_connected",
		Help: "1 when the adapter is connected to its platform."}, []string{"adapter"})
	m.releases = prometheus.NewGauge(prometheus.GaugeOpts{Name: "liaison_releases",
		Help: "Releases in the fact base in use."})
	m.reg.MustRegister(m.questions, m.unanswered, m.latency, m.reloads, m.reconnects, m.rateWaits, m.rateSecs,
		m.connected, m.releases, prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	m.feedback = newFeedbackCounters(m.reg)
	return m
}

// Expect declares an adapter that must be connected before /readyz is OK.
func (m *Metrics) Expect(adapter string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.adapters[adapter] == nil {
		m.adapters[adapter] = &adapterState{}
	}
	m.connected.WithLabelValues(adapter).Set(0)
}

// Connected records an adapter's connection state; a connection after a
// loss counts as a reconnect.
func (m *Metrics) Connected(adapter string, up bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.adapters[adapter]
	if s == nil {
		s = &adapterState{}
		m.adapters[adapter] = s
	}
	if up && !s.up && s.seen {
		m.reconnects.WithLabelValues(adapter).Inc()
	}
	if up {
		s.seen = true
	}
	s.up = up
	v := 0.0
	if up {
		v = 1
	}
	m.connected.WithLabelValues(adapter).Set(v)
}

// RateLimited records a wait imposed by a platform.
func (m *Metrics) RateLimited(adapter string, wait time.Duration) {
	m.rateWaits.WithLabelValues(adapter).Inc()
	m.rateSecs.WithLabelValues(adapter).Add(wait.Seconds())
}

// Reloaded records a fact base build.
func (m *Metrics) Reloaded(ok bool, releases int) {
	if !ok {
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
	m.releases.Set(float64(releases))
	m.mu.Lock()
	m.ready = true
	m.mu.Unlock()
}

// Ready reports whether a fact base is loaded and every expected adapter
// is connected, and if not, why.
func (m *Metrics) Ready() (bool, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.ready {
		return false, "fact base not loaded"
	}
	var down []string
	for name, s := range m.adapters {
		if !s.up {
			down = append(down, name)
		}
	}
	if len(down) > 0 {
		sort.Strings(down)
		return false, "not connected: " + strings.Join(down, ", ")
	}
	return true, "ok"
}

// AdapterStates describes each adapter's state, for status details.
func (m *Metrics) AdapterStates() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for name, s := range m.adapters {
		st := "connected"
		if !s.up {
			st = "not connected"
		}
		out = append(out, name+": "+st)
	}
	sort.Strings(out)
	return out
}

// Instrument wraps an Answerer so that every answer is counted and timed
// and logged in one line (platform, intent, latency, found; the question
// text only at debug level).
func (m *Metrics) Instrument(next bot.Answerer, log *slog.Logger) bot.Answerer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &instrumented{next: next, m: m, log: log}
}

type instrumented struct {
	next bot.Answerer
	m    *Metrics
	log  *slog.Logger
}

// Answer asks the wrapped Answerer, then counts, times and logs the answer.
func (i *instrumented) Answer(ctx context.Context, msg bot.Message) (bot.Reply, error) {
	start := time.Now()
	r, err := i.next.Answer(ctx, msg)
	took := time.Since(start)
	p := string(msg.Platform)
	i.m.latency.WithLabelValues(p).Observe(took.Seconds())
	if err != nil {
		i.log.Error("question failed", "platform", p, "latency", took, "err", err)
		return r, err
	}
	i.m.questions.WithLabelValues(p, string(r.Intent)).Inc()
	if !r.Found {
		i.m.unanswered.WithLabelValues(p, string(r.Intent)).Inc()
	}
	i.log.Info("question", "platform", p, "intent", string(r.Intent), "found", r.Found, "latency", took)
	i.log.Debug("question text", "platform", p, "text", msg.Text, "answer", r.Summary)
	return r, nil
}

// Handler serves /healthz (the process is alive), /readyz (fact base loaded
// and adapters connected: 200, else 503; then the lines of AddDetail, such
// as failing feeds, which do not change the status) and /metrics
// (Prometheus).
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		ok, why := m.Ready()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		fmt.Fprintln(w, why)
		for _, l := range m.Details() {
			fmt.Fprintln(w, l)
		}
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	return mux
}

// Serve runs the endpoints on addr until ctx is done. ready, if not nil,
// receives the bound address (useful with port 0).
func (m *Metrics) Serve(ctx context.Context, addr string, ready chan<- string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("ops: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: m.Handler(), ReadHeaderTimeout: 5 * time.Second}
	if ready != nil {
		ready <- ln.Addr().String()
	}
	if log != nil {
		log.Info("health and metrics listening", "addr", ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("ops: %w", err)
	}
}
