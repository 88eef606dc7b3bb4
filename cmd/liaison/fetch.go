package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"liaison/internal/config"
	"liaison/internal/feeds"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// errAllFeedsFailed is returned by `liaison fetch` when no feed could be
// read.
var errAllFeedsFailed = errors.New("every feed failed")

// feedUserAgent is the User-Agent of feed and page requests unless the
// configuration sets one.
func feedUserAgent(configured string) string {
	if configured != "" {
		return configured
	}
	return "Liaison/" + version + " (press release feed reader)"
}

// feedOptions turns the feed_reader settings into the fetcher's options.
func feedOptions(r config.FeedReader, dir string, log *slog.Logger) feeds.Options {
	return feeds.Options{Dir: dir, UserAgent: feedUserAgent(r.UserAgent), Interval: time.Duration(r.Interval),
		MinInterval: time.Duration(r.MinInterval), Timeout: time.Duration(r.Timeout), MaxItemBytes: int64(r.MaxPageKiB) << 10, Log: log}
}

// feedList turns the configured feeds into the fetcher's.
func feedList(fs config.FeedList) []feeds.Feed {
	out := make([]feeds.Feed, 0, len(fs))
	for _, f := range fs {
		out = append(out, feeds.Feed{URL: f.URL, Name: f.Name, Interval: time.Duration(f.Interval)})
	}
	return out
}

// runFetch reads the configured feeds (or those given with --feed) once
// into the feed folder (or --out), printing a line per feed and a
// summary. It fails only when every feed failed.
func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	path := fs.String("config", "", "configuration file: its feeds, feed_reader settings and corpus")
	out := fs.String("out", "", "folder to write the releases to (default: feed_reader.folder in the corpus)")
	var urls stringList
	fs.Var(&urls, "feed", "feed URL to read (repeatable; replaces the configured feeds)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: liaison fetch [--config FILE] [--feed URL ...] [--out DIR]\n\n"+
			"Reads each feed once and writes its new and changed items as releases.\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	cfg := config.Default()
	if *path != "" {
		var err error
		if cfg, err = config.Load(*path, os.LookupEnv); err != nil {
			return err
		}
	}
	list := feedList(cfg.Feeds)
	if len(urls) > 0 {
		list = nil
		for _, u := range urls {
			list = append(list, feeds.Feed{URL: u})
		}
	}
	dir := *out
	if dir == "" && *path != "" && cfg.Corpus != "" {
		dir = cfg.FeedDir()
	}
	switch {
	case len(list) == 0:
		fmt.Fprintln(stderr, "liaison fetch: no feeds: give --feed URL, or a --config with feeds")
		return errUsage
	case dir == "":
		fmt.Fprintln(stderr, "liaison fetch: no folder to write to: give --out DIR, or a --config with a corpus folder")
		return errUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	f, err := feeds.New(list, feedOptions(cfg.FeedReader, dir, log))
	if err != nil {
		return err
	}
	defer f.Close()
	var total feeds.Result
	failed := 0
	results := f.Round(ctx, func(r feeds.Result) { fmt.Fprintln(stdout, progressLine(r)) })
	for _, r := range results {
		if r.Err != nil {
			failed++
		}
		total.New += r.New
		total.Updated += r.Updated
		total.Unchanged += r.Unchanged
		total.Skipped += r.Skipped
	}
	fmt.Fprintf(stdout, "%d feed(s) into %s: %d new, %d updated, %d unchanged, %d skipped; %d failed\n",
		len(results), dir, total.New, total.Updated, total.Unchanged, total.Skipped, failed)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed == len(list) {
		return errAllFeedsFailed
	}
	return nil
}

// progressLine describes one feed's round.
func progressLine(r feeds.Result) string {
	if r.Err != nil {
		return fmt.Sprintf("%s: failed: %v", r.Feed, r.Err)
	}
	s := fmt.Sprintf("%s: %d new, %d updated, %d unchanged, %d skipped", r.Feed, r.New, r.Updated, r.Unchanged, r.Skipped)
	if r.NotModified {
		s += " (not modified since the last round)"
	}
	return s + fmt.Sprintf(" in %s", r.Took.Round(time.Millisecond))
}
