package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"time"

	"liaison/bot"
	"liaison/internal/access"
	"liaison/internal/config"
	"liaison/internal/feeds"
	"liaison/internal/ops"
	"liaison/internal/reload"
	"liaison/internal/store"
	"liaison/internal/watch"
)

// newAlerts returns the service that answers /watch and posts alerts
// through every adapter that can post.
func newAlerts(cfg config.Config, st *store.Store, core *bot.Bot, policy *access.Policy, adapters []bot.Adapter,
	metrics *ops.Metrics, log *slog.Logger) *watch.Service {
	var posters []bot.Poster
	for _, a := range adapters {
		if p, ok := a.(bot.Poster); ok {
			posters = append(posters, p)
		}
	}
	return watch.New(watch.Options{Store: st, Base: core.Base, Posters: posters, Allowed: policy.Allowed,
		Feeds: len(cfg.Feeds) > 0, Log: log, Observer: metrics})
}

// startFeeds starts following the configured feeds (nil when none): new
// items are queued for alerts before their files are written, and a poll
// that wrote files has the corpus reloaded at once. Failing feeds show in
// /readyz and the admins' status.
func startFeeds(ctx context.Context, cfg config.Config, alerts *watch.Service, watcher *reload.Watcher,
	metrics *ops.Metrics, log *slog.Logger) (*feeds.Fetcher, error) {
	if len(cfg.Feeds) == 0 {
		return nil, nil
	}
	opts := feedOptions(cfg.FeedReader, cfg.FeedDir(), log)
	opts.Observer = metrics
	folder := path.Clean(cfg.FeedReader.Folder)
	opts.OnNew = func(ctx context.Context, it feeds.Item) error {
		return alerts.Enqueue(ctx, watch.Release{File: path.Join(folder, it.File), Title: it.Title, URL: it.URL,
			Feed: it.Feed, Published: it.Published})
	}
	f, err := feeds.New(feedList(cfg.Feeds), opts)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	metrics.AddDetail(func() []string { return feedStatusLines(f.Status(), time.Now()) })
	log.Info("following feeds", "feeds", len(cfg.Feeds), "folder", cfg.FeedDir())
	go f.Run(ctx, func() {
		if _, err := watcher.Check(ctx); err != nil && !errors.Is(err, reload.ErrUnchanged) && ctx.Err() == nil {
			log.Error("corpus reload after a feed poll failed", "err", err)
		}
	})
	return f, nil
}

// feedStatusLines describes the feeds for /readyz and the admins'
// status: a count, then each failing feed with its error.
func feedStatusLines(sts []feeds.Status, now time.Time) []string {
	failing := 0
	var lines []string
	for _, s := range sts {
		if s.OK {
			continue
		}
		failing++
		since := "never polled with success"
		if !s.Succeeded.IsZero() {
			since = "last success " + now.Sub(s.Succeeded).Round(time.Second).String() + " ago"
		}
		lines = append(lines, fmt.Sprintf("feed %s: failing (%d poll(s) in a row; %s; next try in %s): %s",
			s.Feed, s.Failures, since, s.Next.Sub(now).Round(time.Second), s.LastError))
	}
	return append([]string{fmt.Sprintf("feeds: %d followed, %d failing", len(sts), failing)}, lines...)
}
