package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"liaison/bot"
	"liaison/internal/benchcorpus"
	"liaison/internal/benchstats"
	"liaison/internal/config"
	"liaison/internal/reload"
	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// benchReport is what `liaison bench` writes as JSON: one run per corpus
// size.
type benchReport struct {
	Command   string     `json:"command"`
	Started   time.Time  `json:"started"`
	GoVersion string     `json:"go_version"`
	CPUs      int        `json:"cpus"`
	Seed      uint64     `json:"seed"`
	Runs      []benchRun `json:"runs"`
}

// benchRun holds the figures for one corpus size.
type benchRun struct {
	N        int               `json:"n"`
	Liaison  *liaisonStats     `json:"liaison"`
	Snapshot *snapshotStats    `json:"snapshot,omitempty"`
	Bleve    *benchstats.Bleve `json:"bleve,omitempty"`
}

// snapshotStats are the figures of a start from the saved fact base.
type snapshotStats struct {
	// StartupSeconds is from the start of loading to a base ready to
	// answer: the folder scanned, the snapshot checked and read.
	StartupSeconds float64 `json:"startup_seconds"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes"`
	FromSnapshot   bool    `json:"from_snapshot"`
	// AnswerDigest digests the answers to the first benchmark questions;
	// SameAnswers says it equals the built base's.
	AnswerDigest string `json:"answer_digest"`
	SameAnswers  bool   `json:"same_answers"`
}

// liaisonStats are the figures of Liaison's own fact base and core.
type liaisonStats struct {
	Releases        int     `json:"releases"`
	TextBytes       int64   `json:"text_bytes"`
	BuildSeconds    float64 `json:"build_seconds"`
	BuildMBps       float64 `json:"build_mb_per_s"`
	HeapBytes       uint64  `json:"heap_bytes_after_build"`
	BytesPerRelease float64 `json:"heap_bytes_per_release"`
	PeakRSSBytes    int64   `json:"peak_rss_bytes"`
	// ReloadSeconds is a rebuild by the corpus watcher while the built
	// base still answers, as the server reloads; PeakRSSBytes covers it.
	ReloadSeconds float64                         `json:"reload_seconds"`
	Stats         knowledge.Stats                 `json:"stats"`
	Extraction    benchcorpus.Score               `json:"extraction"`
	Intents       map[string]benchstats.Latencies `json:"intents"`
	Resolve       benchstats.Latencies            `json:"resolve_fuzzy"`
	Aliases       int                             `json:"aliases"`
	ParallelQPS   float64                         `json:"parallel_qps"`
	Workers       int                             `json:"workers"`
	Answers       map[string]answerRate           `json:"answer_accuracy"`
	// the snapshot saved after building
	SnapshotWriteSeconds float64 `json:"snapshot_write_seconds,omitempty"`
	SnapshotBytes        int64   `json:"snapshot_bytes,omitempty"`
	AnswerDigest         string  `json:"answer_digest,omitempty"`
}

// answerRate is how many benchmark answers contained what was expected.
type answerRate struct {
	Questions int `json:"questions"`
	Right     int `json:"right"`
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := fs.String("n", "1000,10000,100000", "comma-separated corpus sizes (releases)")
	dir := fs.String("dir", filepath.Join(os.TempDir(), "liaison-bench"), "folder for the generated corpora (one subfolder per size, reused when present)")
	seed := fs.Uint64("seed", 1, "generator seed")
	out := fs.String("json", "", "write the figures as JSON to this file")
	bleveBin := fs.String("bleve", "", "path of a liaison-bleve-bench binary (go build ./cmd/liaison-bleve-bench): also index and query the same releases with Bleve, in memory; empty or \"false\" for none")
	perIntent := fs.Int("questions", 100, "questions per intent")
	child := fs.String("child", "", "internal: run one measurement (liaison|snapshot) in this process")
	corpusDir := fs.String("corpus", "", "internal: corpus folder for -child")
	inProcess := fs.Bool("inprocess", false, "measure in this process instead of one child process per measurement (peak RSS is then shared)")
	withSnapshot := fs.Bool("snapshot", true, "also save the fact base as a snapshot next to each corpus folder and time a start from it")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch *child {
	case "liaison":
		return benchLiaison(ctx, *corpusDir, *perIntent, *seed, *withSnapshot, stdout)
	case "snapshot":
		return benchSnapshot(ctx, *corpusDir, *perIntent, *seed, stdout)
	case "":
	default:
		return fmt.Errorf("unknown -child %q: %w", *child, errUsage)
	}
	// The Bleve reference is a command of its own, so that this binary
	// does not link Bleve; "-bleve=false" is what turned it off when it
	// was built in.
	switch *bleveBin {
	case "", "false":
		*bleveBin = ""
	case "true":
		fmt.Fprintln(stderr, "liaison bench: -bleve takes the path of a liaison-bleve-bench binary (go build ./cmd/liaison-bleve-bench)")
		return errUsage
	default:
		p, err := exec.LookPath(*bleveBin)
		if err != nil {
			return fmt.Errorf("the Bleve reference: %w", err)
		}
		*bleveBin = p
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "liaison bench: bad size %q\n", s)
			return errUsage
		}
		ns = append(ns, n)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own binary: %w", err)
	}
	rep := benchReport{Command: "liaison bench " + strings.Join(args, " "), Started: time.Now().UTC(),
		GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Seed: *seed}
	for _, n := range ns {
		cdir := filepath.Join(*dir, fmt.Sprintf("n%d-s%d", n, *seed))
		if err := ensureCorpus(ctx, cdir, n, *seed, stderr); err != nil {
			return err
		}
		run := benchRun{N: n}
		fmt.Fprintf(stderr, "liaison bench: N=%d: building the fact base and answering...\n", n)
		var ls liaisonStats
		if err := benchChild(ctx, self, *inProcess, "liaison", cdir, *perIntent, *seed, &ls); err != nil {
			return err
		}
		run.Liaison = &ls
		if *withSnapshot {
			fmt.Fprintf(stderr, "liaison bench: N=%d: starting from the snapshot...\n", n)
			var ss snapshotStats
			if err := benchChild(ctx, self, *inProcess, "snapshot", cdir, *perIntent, *seed, &ss); err != nil {
				return err
			}
			ss.SameAnswers = ss.FromSnapshot && ss.AnswerDigest == ls.AnswerDigest
			run.Snapshot = &ss
		}
		if *bleveBin != "" {
			fmt.Fprintf(stderr, "liaison bench: N=%d: indexing with Bleve...\n", n)
			var bs benchstats.Bleve
			if err := runMeasurement(ctx, "bleve", &bs, *bleveBin, "-corpus", cdir,
				"-questions", strconv.Itoa(*perIntent), "-seed", strconv.FormatUint(*seed, 10)); err != nil {
				return err
			}
			run.Bleve = &bs
		}
		rep.Runs = append(rep.Runs, run)
	}
	printBench(stdout, &rep)
	if *out != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("encode report: %w", err)
		}
		if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

// ensureCorpus generates the corpus of n releases in dir unless a complete
// one with the same seed is there.
func ensureCorpus(ctx context.Context, dir string, n int, seed uint64, stderr io.Writer) error {
	if t, err := benchcorpus.ReadTruth(ctx, filepath.Join(dir, benchcorpus.TruthFile)); err == nil && t.N == n && t.Seed == seed {
		return nil
	}
	fmt.Fprintf(stderr, "liaison bench: generating %d releases in %s\n", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	if _, err := benchcorpus.Generate(ctx, dir, benchcorpus.Options{N: n, Seed: seed}); err != nil {
		return fmt.Errorf("generate corpus: %w", err)
	}
	return nil
}

// benchChild runs one of Liaison's measurements (kind "liaison" or
// "snapshot") in a fresh process, so that its peak memory is its own, or
// in this one, and decodes the JSON it prints into v.
func benchChild(ctx context.Context, self string, inProcess bool, kind, dir string, perIntent int, seed uint64, v any) error {
	if !inProcess {
		return runMeasurement(ctx, kind, v, self, "bench", "-child", kind, "-corpus", dir,
			"-questions", strconv.Itoa(perIntent), "-seed", strconv.FormatUint(seed, 10))
	}
	var out bytes.Buffer
	var err error
	switch kind {
	case "snapshot":
		err = benchSnapshot(ctx, dir, perIntent, seed, &out)
	default:
		err = benchLiaison(ctx, dir, perIntent, seed, true, &out)
	}
	if err != nil {
		return fmt.Errorf("bench %s on %s: %w", kind, dir, err)
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		return fmt.Errorf("bench %s: decode result: %w", kind, err)
	}
	return nil
}

// runMeasurement runs a measuring command (name and args) in a process of
// its own and decodes the one JSON object it prints into v; kind names
// the measurement in errors.
func runMeasurement(ctx context.Context, kind string, v any, name string, args ...string) error {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("bench %s (%s): %w", kind, strings.Join(cmd.Args, " "), err)
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		return fmt.Errorf("bench %s: decode result: %w", kind, err)
	}
	return nil
}

// benchLiaison builds the fact base from dir, scores extraction, times the
// core per intent and prints liaisonStats as JSON.
func benchLiaison(ctx context.Context, dir string, perIntent int, seed uint64, snapshot bool, stdout io.Writer) error {
	// The service's soft memory limit and collector setting, as serve
	// sets them by default.
	setRuntimeLimits(config.Default().Limits, slog.New(slog.DiscardHandler))
	// The build and its heap are measured as the server has them: the
	// generator's ground truth is read only afterwards, so the collector
	// does not mark it on every cycle of the build and it is not counted
	// as the base's memory.
	runtime.GC()
	t0 := time.Now()
	base, _, err := knowledge.LoadDir(ctx, dir)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	build := time.Since(t0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	truth, err := benchcorpus.ReadTruth(ctx, filepath.Join(dir, benchcorpus.TruthFile))
	if err != nil {
		return err
	}
	s := liaisonStats{Releases: len(base.Docs), TextBytes: benchstats.TextBytes(truth), BuildSeconds: build.Seconds(),
		HeapBytes: ms.HeapAlloc, Stats: base.Stats(), Aliases: len(base.Aliases())}
	s.BuildMBps = float64(s.TextBytes) / 1e6 / build.Seconds()
	s.BytesPerRelease = float64(ms.HeapAlloc) / float64(max(1, len(base.Docs)))
	s.Extraction = benchcorpus.Evaluate(base, truth)
	if len(s.Extraction.Misses) > 5 {
		s.Extraction.Misses = s.Extraction.Misses[:5]
	}
	core := bot.New(base, bot.Options{})
	ask := func(q string) bot.Reply {
		r, err := core.Answer(ctx, bot.Message{Platform: bot.PlatformTerminal, Text: q, Room: "bench"})
		if err != nil {
			panic(err)
		}
		return r
	}
	qs := benchcorpus.Questions(truth, perIntent, seed)
	groups := benchstats.ByIntent(qs)
	s.Intents = map[string]benchstats.Latencies{}
	s.Answers = map[string]answerRate{}
	for _, intent := range benchcorpus.Intents {
		g := groups[intent]
		rate := answerRate{Questions: len(g)}
		for _, q := range g {
			r := ask(q.Text)
			if rightAnswer(q, r) {
				rate.Right++
			}
		}
		s.Answers[intent] = rate
		s.Intents[intent] = benchstats.TimeCalls(benchstats.Texts(g), 2000, 300*time.Millisecond, 5*time.Second, func(q string) { ask(q) })
	}
	typos := benchcorpus.Typos(truth, perIntent, seed)
	s.Resolve = benchstats.TimeCalls(typos, 1000, 200*time.Millisecond, 5*time.Second, func(q string) { bot.ResolvePeople(base, q) })
	// throughput with one worker per core over the mixed questions
	s.Workers = runtime.GOMAXPROCS(0)
	all := benchstats.Texts(qs)
	var done atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(2 * time.Second)
	t1 := time.Now()
	for w := 0; w < s.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i += s.Workers {
				ask(all[i%len(all)])
				done.Add(1)
			}
		}(w)
	}
	wg.Wait()
	s.ParallelQPS = float64(done.Load()) / time.Since(t1).Seconds()
	// a reload as the server does one: the watcher builds the folder again
	// while this base still answers; the ground truth is let go first, as
	// the server has none
	truth = nil
	runtime.GC()
	t3 := time.Now()
	res, err := reload.New(dir, time.Hour, func(reload.Result) {}, nil, nil).Load(ctx)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	s.ReloadSeconds = time.Since(t3).Seconds()
	s.PeakRSSBytes = benchstats.PeakRSS()
	runtime.KeepAlive(res)
	if snapshot {
		s.AnswerDigest = answerDigest(ctx, base, qs)
		w := benchWatcher(dir)
		t2 := time.Now()
		if err := w.SaveSnapshot(base); err != nil {
			return err
		}
		s.SnapshotWriteSeconds = time.Since(t2).Seconds()
		if st, err := os.Stat(benchSnapshotFile(dir)); err == nil {
			s.SnapshotBytes = st.Size()
		}
	}
	runtime.KeepAlive(base)
	return json.NewEncoder(stdout).Encode(s)
}

// benchSnapshotFile is where the snapshot of a benchmark corpus is kept:
// next to its folder.
func benchSnapshotFile(dir string) string { return filepath.Clean(dir) + ".snapshot" }

// benchWatcher is a corpus watcher of dir with its benchmark snapshot, as
// the server has one of its corpus.
func benchWatcher(dir string) *reload.Watcher {
	w := reload.New(dir, time.Hour, func(reload.Result) {}, nil, nil)
	w.UseSnapshot(benchSnapshotFile(dir), []byte("liaison bench "+version))
	return w
}

// benchSnapshot starts from the snapshot benchLiaison saved, as the
// server starts, and times it.
func benchSnapshot(ctx context.Context, dir string, perIntent int, seed uint64, stdout io.Writer) error {
	truth, err := benchcorpus.ReadTruth(ctx, filepath.Join(dir, benchcorpus.TruthFile))
	if err != nil {
		return err
	}
	runtime.GC()
	t0 := time.Now()
	res, err := benchWatcher(dir).Load(ctx)
	if err != nil {
		return fmt.Errorf("start from snapshot: %w", err)
	}
	s := snapshotStats{StartupSeconds: time.Since(t0).Seconds(), FromSnapshot: res.FromSnapshot}
	s.PeakRSSBytes = benchstats.PeakRSS()
	s.AnswerDigest = answerDigest(ctx, res.Base, benchcorpus.Questions(truth, perIntent, seed))
	return json.NewEncoder(stdout).Encode(s)
}

// answerDigest digests the answers of a fresh core to the first
// benchmark questions, each asked in a room of its own.
func answerDigest(ctx context.Context, base *knowledge.Base, qs []benchcorpus.Question) string {
	core := bot.New(base, bot.Options{})
	h := sha256.New()
	for i, q := range qs[:min(len(qs), 80)] {
		r, err := core.Answer(ctx, bot.Message{Platform: bot.PlatformTerminal, Text: q.Text, Room: strconv.Itoa(i)})
		if err != nil {
			fmt.Fprintf(h, "error %v\n", err)
			continue
		}
		json.NewEncoder(h).Encode(r)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rightAnswer reports whether a reply answers a benchmark question: found
// and holding one of the expected strings, or not found for a not-found
// question.
func rightAnswer(q benchcorpus.Question, r bot.Reply) bool {
	if q.Intent == "not-found" {
		return !r.Found
	}
	if !r.Found {
		return false
	}
	if len(q.Expect) == 0 {
		return true
	}
	text := lang.Fold(bot.PlainText(r))
	for _, e := range q.Expect {
		if strings.Contains(text, lang.Fold(e)) {
			return true
		}
	}
	return false
}

// printBench prints the report as tables.
func printBench(w io.Writer, rep *benchReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	mb := func(b int64) string { return fmt.Sprintf("%.0f", float64(b)/1e6) }
	fmt.Fprintf(tw, "build\tN\ttext MB\tbuild s\tMB/s\tBleve s\tBleve MB/s\t× Bleve\treload s\tpeak RSS MB\theap KB/release\tBleve RSS MB\tmeet R\tmeet P\tpart R\tpart P\tdate\tplace\t\n")
	for _, r := range rep.Runs {
		l := r.Liaison
		bs, bmbps, ratio, brss := "-", "-", "-", "-"
		if r.Bleve != nil {
			bs = fmt.Sprintf("%.1f", r.Bleve.IndexSeconds)
			bmbps = fmt.Sprintf("%.2f", r.Bleve.IndexMBps)
			ratio = fmt.Sprintf("%.1f", r.Bleve.IndexSeconds/l.BuildSeconds)
			brss = mb(r.Bleve.PeakRSSBytes)
		}
		e := l.Extraction
		fmt.Fprintf(tw, "\t%d\t%.1f\t%.2f\t%.1f\t%s\t%s\t%s\t%.2f\t%s\t%.1f\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", r.N, float64(l.TextBytes)/1e6, l.BuildSeconds, l.BuildMBps,
			bs, bmbps, ratio, l.ReloadSeconds, mb(l.PeakRSSBytes), l.BytesPerRelease/1024, brss,
			e.MeetingRecall, e.MeetingPrecision, e.ParticipantRecall, e.ParticipantPrecision, e.DateAccuracy, e.PlaceAccuracy)
	}
	tw.Flush()
	fmt.Fprintln(w)
	if len(rep.Runs) > 0 && rep.Runs[0].Snapshot != nil {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "snapshot\tN\tsave s\tsize MB\tstart-up s\tstart-up peak RSS MB\tsame answers\t\n")
		for _, r := range rep.Runs {
			if s := r.Snapshot; s != nil {
				fmt.Fprintf(tw, "\t%d\t%.2f\t%s\t%.2f\t%s\t%v\t\n", r.N, r.Liaison.SnapshotWriteSeconds, mb(r.Liaison.SnapshotBytes), s.StartupSeconds, mb(s.PeakRSSBytes), s.SameAnswers)
			}
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "answers\tintent\tN\tp50 µs\tp99 µs\tq/s (1 core)\tright\tBleve p50 µs\tBleve p99 µs\tp50 × Bleve\t\n")
	for _, intent := range benchcorpus.Intents {
		for _, r := range rep.Runs {
			l := r.Liaison.Intents[intent]
			a := r.Liaison.Answers[intent]
			bp50, bp99, ratio := "-", "-", "-"
			if r.Bleve != nil {
				b := r.Bleve.Intents[intent]
				bp50, bp99 = fmt.Sprintf("%.0f", b.P50us), fmt.Sprintf("%.0f", b.P99us)
				if l.P50us > 0 {
					ratio = fmt.Sprintf("%.0f", b.P50us/l.P50us)
				}
			}
			fmt.Fprintf(tw, "\t%s\t%d\t%.0f\t%.0f\t%.0f\t%d/%d\t%s\t%s\t%s\t\n", intent, r.N, l.P50us, l.P99us, l.QPS, a.Right, a.Questions, bp50, bp99, ratio)
		}
	}
	for _, r := range rep.Runs {
		l := r.Liaison
		fmt.Fprintf(tw, "\tresolve (fuzzy, %d aliases)\t%d\t%.0f\t%.0f\t%.0f\t\t\t\t\t\n", l.Aliases, r.N, l.Resolve.P50us, l.Resolve.P99us, l.Resolve.QPS)
	}
	for _, r := range rep.Runs {
		fmt.Fprintf(tw, "\tmixed, %d workers\t%d\t\t\t%.0f\t\t\t\t\t\n", r.Liaison.Workers, r.N, r.Liaison.ParallelQPS)
	}
	tw.Flush()
}
