package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"liaison/bot"
	"liaison/internal/access"
	"liaison/internal/config"
	"liaison/internal/feedback"
	"liaison/internal/ops"
	"liaison/internal/store"
)

// stateFile is the name of the state database in the data folder.
const stateFile = "liaison.db"

const feedbackUsage = `Usage:
  liaison feedback [--config FILE] [--json] [--since DATE]
      list the ratings of answers, newest first
  liaison feedback export [--config FILE] [--bad] [--since DATE] [--out FILE]
      write them as a question file for ../shared/eval/score.py

The state is read from the data folder of --config, else from
LIAISON_DATA_DIR, else from ./data, as liaison serve finds it.
`

// openFeedback opens the feedback book of a serving process over st, with
// metrics counting the ratings, or returns nil when feedback is off.
func openFeedback(ctx context.Context, cfg config.Config, st *store.Store, metrics *ops.Metrics, log *slog.Logger) (*feedback.Book, error) {
	if !cfg.Feedback.Enabled || st == nil {
		return nil, nil
	}
	book, err := feedback.Open(ctx, st, feedback.Options{KeepAnswers: time.Duration(cfg.Feedback.RememberAnswers),
		Observer: metrics, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("open feedback: %w", err)
	}
	return book, nil
}

// withFeedbackCommand puts the admins' feedback command in front of core
// when book is set.
func withFeedbackCommand(core bot.Answerer, book *feedback.Book, policy *access.Policy, log *slog.Logger) bot.Answerer {
	if book == nil {
		return core
	}
	return feedback.NewCommand(core, book, policy.IsAdmin, log)
}

// runFeedback lists the stored ratings, or exports them as questions.
func runFeedback(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	export := len(args) > 0 && args[0] == "export"
	if export {
		args = args[1:]
	}
	fs := flag.NewFlagSet("feedback", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), feedbackUsage) }
	path := fs.String("config", "", "configuration file whose data_dir holds the state")
	since := fs.String("since", "", "only ratings given on or after DATE (YYYY-MM-DD, or an RFC 3339 time)")
	asJSON := fs.Bool("json", false, "list: one JSON object per rating")
	bad := fs.Bool("bad", false, "export: only answers rated 👎")
	out := fs.String("out", "", "export: write the question file here instead of standard output")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "liaison feedback: unexpected %q\n%s", fs.Arg(0), feedbackUsage)
		return errUsage
	}
	from, err := parseSince(*since)
	if err != nil {
		fmt.Fprintf(stderr, "liaison feedback: %v\n", err)
		return errUsage
	}
	dir, err := dataDir(*path)
	if err != nil {
		return err
	}
	db := filepath.Join(dir, stateFile)
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("no state database at %s (give --config of the service, or set LIAISON_DATA_DIR to its data folder): %w", db, err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	book, err := feedback.Open(ctx, st, feedback.Options{})
	if err != nil {
		return err
	}
	f := feedback.Filter{Since: from}
	if export && *bad {
		f.Rating = feedback.Bad
	}
	entries, err := book.List(ctx, f)
	if err != nil {
		return err
	}
	if export {
		return exportQuestions(entries, *out, stdout, stderr)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, e := range entries {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	}
	if len(entries) == 0 {
		fmt.Fprintln(w, "No ratings yet.")
		return nil
	}
	for i, e := range entries {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeEntry(w, e)
	}
	return nil
}

// writeEntry prints one rating for a person to read.
func writeEntry(w io.Writer, e feedback.Entry) {
	fmt.Fprintf(w, "%s  %s  %s  %s  (%s)\n", e.At.Format("2006-01-02 15:04 MST"), feedback.Mark(e.Rating), e.Platform, e.Room, e.Via)
	fmt.Fprintf(w, "  question: %s\n", oneLine(e.Question, 300))
	answer := oneLine(e.Answer, 300)
	if !e.Found {
		answer += "  [found nothing]"
	}
	fmt.Fprintf(w, "  answer:   %s\n", answer)
	if len(e.Sources) > 0 {
		var docs []string
		for _, s := range e.Sources {
			docs = append(docs, s.Doc)
		}
		fmt.Fprintf(w, "  sources:  %s\n", strings.Join(docs, ", "))
	}
	if e.Comment != "" {
		fmt.Fprintf(w, "  wrong:    %s\n", oneLine(e.Comment, 1000))
	}
}

// oneLine puts s on one line, cut to n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// exportQuestions writes the question file of entries to path, or to
// stdout when path is "".
func exportQuestions(entries []feedback.Entry, path string, stdout, stderr io.Writer) error {
	qs := feedback.Questions(entries)
	if path == "" {
		return feedback.WriteQuestions(stdout, qs)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := feedback.WriteQuestions(f, qs); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %d questions to %s; fill in expect_all (and correct found where the releases hold no answer), then score them with score.py\n", len(qs), path)
	return nil
}

// parseSince reads --since: a date (midnight UTC) or an RFC 3339 time.
func parseSince(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("--since: " + s + " is not a date such as 2026-12-01")
}

// envRef is a ${NAME} reference in a configuration file.
var envRef = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*\}`)

// dataDir is the data folder the service keeps its state in: that of the
// configuration file when given, else the default; LIAISON_DATA_DIR
// overrides either, as it does for serve. Only data_dir is read from the
// file: reading the state needs none of the tokens the service needs, and
// they are often not set in a maintainer's shell.
func dataDir(path string) (string, error) {
	dir := config.Default().DataDir
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("config: %w", err)
		}
		// ${NAME} becomes the variable's value, quoted (unset: ""), as
		// the service's configuration reads it.
		raw = envRef.ReplaceAllFunc(raw, func(m []byte) []byte {
			return []byte(strconv.Quote(os.Getenv(string(m[2 : len(m)-1]))))
		})
		var c struct {
			DataDir string `yaml:"data_dir"`
		}
		if err := yaml.Unmarshal(raw, &c); err != nil {
			return "", fmt.Errorf("config %s: %w", path, err)
		}
		if c.DataDir != "" {
			dir = c.DataDir
		}
	}
	if v, ok := os.LookupEnv("LIAISON_DATA_DIR"); ok && v != "" {
		dir = v
	}
	return dir, nil
}
