// Package benchstats holds what the benchmark commands share: how calls
// are timed and summarised, the peak memory of a process, and the figures
// the Bleve reference (cmd/liaison-bleve-bench) reports to `liaison
// bench`. It keeps Bleve out of the shipped binary: both commands import
// this package, and only the reference imports Bleve.
package benchstats

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"liaison/internal/benchcorpus"
)

// Latencies summarises timed calls.
type Latencies struct {
	Samples int     `json:"samples"`
	P50us   float64 `json:"p50_us"`
	P99us   float64 `json:"p99_us"`
	MeanUS  float64 `json:"mean_us"`
	QPS     float64 `json:"qps"`
}

// Bleve are the figures of the Bleve reference on the releases of one
// generated corpus, as cmd/liaison-bleve-bench prints them (one JSON
// object) and `liaison bench` reports them.
type Bleve struct {
	IndexSeconds float64              `json:"index_seconds"`
	IndexMBps    float64              `json:"index_mb_per_s"`
	PeakRSSBytes int64                `json:"peak_rss_bytes"`
	Intents      map[string]Latencies `json:"intents"`
}

// TimeCalls calls f on each question in turn, round after round, until
// at least minSamples calls and minTime have passed (or maxTime), and
// summarises the latencies. It returns the zero Latencies for no
// questions.
func TimeCalls(qs []string, minSamples int, minTime, maxTime time.Duration, f func(string)) Latencies {
	if len(qs) == 0 {
		return Latencies{}
	}
	var ds []time.Duration
	start := time.Now()
	for i := 0; ; i++ {
		el := time.Since(start)
		if (len(ds) >= minSamples && el >= minTime) || el >= maxTime {
			break
		}
		t0 := time.Now()
		f(qs[i%len(qs)])
		ds = append(ds, time.Since(t0))
	}
	total := time.Duration(0)
	for _, d := range ds {
		total += d
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	l := Latencies{Samples: len(ds), P50us: us(ds[len(ds)/2]), P99us: us(ds[min(len(ds)-1, len(ds)*99/100)]), MeanUS: us(total / time.Duration(len(ds)))}
	if total > 0 {
		l.QPS = float64(len(ds)) / total.Seconds()
	}
	return l
}

// PeakRSS returns the process's peak resident set size (VmHWM of
// /proc/self/status) in bytes, or -1 where it cannot be read.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return -1
}

// TextBytes is the size of the releases of a generated corpus.
func TextBytes(t *benchcorpus.Truth) int64 {
	var n int64
	for _, r := range t.Releases {
		n += int64(r.Bytes)
	}
	return n
}

// ByIntent groups questions by their intent, in their order.
func ByIntent(qs []benchcorpus.Question) map[string][]benchcorpus.Question {
	m := map[string][]benchcorpus.Question{}
	for _, q := range qs {
		m[q.Intent] = append(m[q.Intent], q)
	}
	return m
}

// Texts returns the questions' texts, in order.
func Texts(qs []benchcorpus.Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return out
}
