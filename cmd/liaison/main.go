// Command liaison answers questions about a corpus of press releases, in a
// terminal, on the command line, or (with `serve`) in Slack and Matrix.
//
//	liaison chat  [--corpus DIR]                  talk to the bot in this terminal
//	liaison ask   [--corpus DIR] [--json] [Q...]  answer one question, or one per line of stdin
//	liaison facts [--corpus DIR] [--json]         print the extracted fact base
//	liaison serve [--config FILE]                 run the configured chat adapters
//	liaison feedback [export] [--config FILE] ... list or export the ratings of answers
//	liaison fetch [--config FILE] [--feed URL ...] [--out DIR]
//	                                              read press release feeds once
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"liaison/corpus"
	"liaison/knowledge"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `Liaison answers questions about press releases on law-enforcement cooperation.

Usage:
  liaison chat  [--corpus DIR]                   talk to the bot in this terminal
  liaison ask   [--corpus DIR] [--json] [QUESTION ...]
                                                 answer one question, or one per line of standard input
  liaison facts [--corpus DIR] [--json]          print the facts extracted from the releases
  liaison serve [--config FILE]                  run the configured adapters (the terminal when none)
  liaison fetch [--config FILE] [--feed URL ...] [--out DIR]
                                                 read press release feeds once into release files
  liaison check-config [--config FILE]           list every problem of a configuration file
  liaison feedback [--config FILE] [--json] [--since DATE]
                                                 list the ratings of answers (👍/👎), newest first
  liaison feedback export --bad [--config FILE] [--since DATE] [--out FILE]
                                                 write the 👎 ones as a question file for score.py
  liaison healthcheck [--url URL]                exit 0 when the service's /healthz answers (for containers)
  liaison version

Without --corpus the built-in corpus is used.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"chat"}
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "chat":
		err = runChat(ctx, rest, stdin, stdout, stderr)
	case "ask":
		err = runAsk(ctx, rest, stdin, stdout, stderr)
	case "facts":
		err = runFacts(ctx, rest, stdout, stderr)
	case "serve":
		err = runServe(ctx, rest, stdin, stdout, stderr)
	case "fetch":
		err = runFetch(ctx, rest, stdout, stderr)
	case "check-config":
		err = runCheckConfig(ctx, rest, stdout, stderr)
	case "feedback":
		err = runFeedback(ctx, rest, stdout, stderr)
	case "healthcheck":
		err = runHealthcheck(ctx, rest, stdout, stderr)
	case "bench":
		err = runBench(ctx, rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "liaison", version)
		return 0
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "liaison: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "liaison %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

var errUsage = errors.New("usage error")

// parseFlags parses a subcommand's flags, reporting problems on stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// loadBase loads the corpus folder, or the built-in corpus when dir is "".
// Warnings about single releases go to stderr; only an unusable corpus is
// an error.
func loadBase(ctx context.Context, dir string, stderr io.Writer) (*knowledge.Base, error) {
	var (
		b     *knowledge.Base
		warns []knowledge.Warning
		err   error
	)
	if dir == "" {
		b, warns, err = knowledge.LoadFS(ctx, corpus.FS)
	} else {
		b, warns, err = knowledge.LoadDir(ctx, dir)
	}
	for _, w := range warns {
		fmt.Fprintf(stderr, "liaison: %s\n", w)
	}
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	return b, nil
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
