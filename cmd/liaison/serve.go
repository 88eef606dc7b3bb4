package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rs/zerolog"
	slackapi "github.com/slack-go/slack"

	"liaison/adapters/matrix"
	"liaison/adapters/slack"
	"liaison/adapters/terminal"
	"liaison/bot"
	"liaison/corpus"
	"liaison/internal/access"
	"liaison/internal/config"
	"liaison/internal/ops"
	"liaison/internal/reload"
	"liaison/internal/service"
	"liaison/internal/store"
	"liaison/internal/watch"
	"liaison/knowledge"
)

func chat(ctx context.Context, base *knowledge.Base, stdin io.Reader, stdout, stderr io.Writer) error {
	core := bot.New(base, bot.Options{Logger: newLogger(stderr, slog.LevelWarn), Version: version})
	st := base.Stats()
	fmt.Fprintf(stdout, "Liaison %s: ask me about %d releases (%d meetings, %d people). Type help for commands, quit to leave.\n\n",
		version, st.Releases, st.Meetings, st.People)
	return terminal.New(stdin, stdout, "> ").Run(ctx, core)
}

// runServe runs the configured adapters; with no configuration it talks
// to the terminal over the built-in corpus (or --corpus).
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	path := fs.String("config", "", "configuration file (see config.example.yaml)")
	dir := fs.String("corpus", "", "folder of releases (overrides the configuration)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *path == "" {
		base, err := loadBase(ctx, *dir, stderr)
		if err != nil {
			return err
		}
		return chat(ctx, base, stdin, stdout, stderr)
	}
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		return err
	}
	if *dir != "" {
		cfg.Corpus = *dir
	}
	return serve(ctx, cfg, stderr)
}

// runCheckConfig reports every problem of a configuration file.
func runCheckConfig(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check-config", flag.ContinueOnError)
	path := fs.String("config", "config.yaml", "configuration file")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		return err
	}
	var on []string
	if cfg.Slack.Enabled {
		on = append(on, "slack ("+cfg.Slack.Mode+" mode)")
	}
	if cfg.Matrix.Enabled {
		on = append(on, "matrix ("+cfg.Matrix.Homeserver+")")
	}
	if len(on) == 0 {
		on = append(on, "no chat adapters enabled")
	}
	corpusDir := cfg.Corpus
	if corpusDir == "" {
		corpusDir = "built-in corpus"
	}
	feedsLine := ""
	if len(cfg.Feeds) > 0 {
		feedsLine = fmt.Sprintf("; %d feed(s) into %s", len(cfg.Feeds), cfg.FeedDir())
	}
	fmt.Fprintf(stdout, "%s: OK: %s; corpus: %s; data: %s%s\n", *path, strings.Join(on, ", "), corpusDir, cfg.DataDir, feedsLine)
	return nil
}

// serviceLogger builds the slog logger of the service and the zerolog
// logger mautrix wants, at the same level and in the same format.
func serviceLogger(c config.Log, w io.Writer) (*slog.Logger, zerolog.Logger) {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if c.Format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	zlevel, err := zerolog.ParseLevel(c.Level)
	if err != nil {
		zlevel = zerolog.InfoLevel
	}
	var zw io.Writer = w
	if c.Format != "json" {
		zw = zerolog.ConsoleWriter{Out: w, NoColor: true, TimeFormat: time.RFC3339}
	}
	zl := zerolog.New(zw).Level(zlevel).With().Timestamp().Str("component", "mautrix").Logger()
	return slog.New(h), zl
}

// admin implements the admin commands over the running service.
type admin struct {
	watcher *reload.Watcher
	metrics *ops.Metrics
	skipped func() []knowledge.Skipped
}

// Reload rebuilds the fact base from the corpus folder now.
func (a admin) Reload(ctx context.Context) (string, error) {
	if a.watcher == nil {
		return "The built-in corpus cannot change; nothing to reload.", nil
	}
	res, err := a.watcher.Load(ctx)
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Reloaded %d releases (%d meetings, %d people).", len(res.Base.Docs), len(res.Base.Meetings), len(res.Base.People))
	if len(res.Kept) > 0 {
		msg += fmt.Sprintf(" %d release(s) no longer load and keep their previous version: %s.", len(res.Kept), strings.Join(res.Kept, ", "))
	}
	return msg, nil
}

// StatusDetails lists adapter states and skipped releases for admins.
func (a admin) StatusDetails() []string {
	out := append(a.metrics.AdapterStates(), a.metrics.Details()...)
	for _, s := range a.skipped() {
		out = append(out, "skipped "+s.File+": "+s.Reason)
	}
	return out
}

// permanent reports adapter errors that a restart cannot fix.
func permanent(err error) bool {
	if errors.Is(err, matrix.ErrUnknownToken) || errors.Is(err, matrix.ErrConfig) || errors.Is(err, matrix.ErrPickleKey) {
		return true
	}
	var se slackapi.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
			return true
		}
	}
	return false
}

// serve runs Liaison as a service with cfg until ctx is done.
func serve(ctx context.Context, cfg config.Config, stderr io.Writer) error {
	log, zl := serviceLogger(cfg.Log, stderr)
	log.Info("starting", "version", version, "slack", cfg.Slack.Enabled, "matrix", cfg.Matrix.Enabled)
	setRuntimeLimits(cfg.Limits, log)
	metrics := ops.NewMetrics()
	core := bot.New(nil, bot.Options{Logger: slog.New(slog.DiscardHandler), Version: version})

	var watcher *reload.Watcher
	var alerts *watch.Service // set once the state store is open
	if cfg.Corpus == "" {
		base, warns, err := knowledge.LoadFS(ctx, corpus.FS)
		if err != nil {
			return fmt.Errorf("load built-in corpus: %w", err)
		}
		for _, w := range warns {
			log.Warn("release", "file", w.File, "warning", w.Message)
		}
		core.SetBase(base)
		metrics.Reloaded(true, len(base.Docs))
	} else {
		watcher = reload.New(cfg.Corpus, time.Duration(cfg.Reload.Interval),
			func(r reload.Result) {
				core.SetBase(r.Base)
				metrics.Reloaded(true, len(r.Base.Docs))
				if alerts != nil {
					alerts.Changed()
				}
			},
			func(error) { metrics.Reloaded(false, 0) }, log)
		if cfg.Reload.Snapshot {
			if salt, err := programDigest(); err != nil {
				log.Warn("no fact base snapshot: cannot read the program to tell its version", "err", err)
			} else if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
				log.Warn("no fact base snapshot: cannot create the data folder", "dir", cfg.DataDir, "err", err)
			} else {
				watcher.UseSnapshot(filepath.Join(cfg.DataDir, "factbase.snapshot"), salt)
			}
		}
		if _, err := watcher.Load(ctx); err != nil {
			return fmt.Errorf("load corpus: %w", err)
		}
	}
	skipped := func() []knowledge.Skipped {
		if b := core.Base(); b != nil {
			return b.Skipped
		}
		return nil
	}
	policy := access.NewPolicy(cfg.Access)

	var adapters []bot.Adapter
	var st *store.Store
	if cfg.Slack.Enabled || cfg.Matrix.Enabled {
		var err error
		st, err = store.Open(ctx, filepath.Join(cfg.DataDir, stateFile))
		if err != nil {
			return fmt.Errorf("open state: %w", err)
		}
		defer st.Close()
		go pruneLoop(ctx, st, log)
	}
	book, fbErr := openFeedback(ctx, cfg, st, metrics, log)
	if fbErr != nil {
		return fbErr
	}

	if cfg.Slack.Enabled {
		a, err := slack.New(slack.Config{Mode: cfg.Slack.Mode, BotToken: cfg.Slack.BotToken.Value(), AppToken: cfg.Slack.AppToken.Value(),
			SigningSecret: cfg.Slack.SigningSecret.Value(), ListenAddr: cfg.Slack.Listen, APIURL: cfg.Slack.APIURL,
			Commands: cfg.Slack.Commands, Observer: metrics, Feedback: book}, st, log)
		if err != nil {
			return fmt.Errorf("slack: %w", err)
		}
		metrics.Expect(a.Name())
		adapters = append(adapters, a)
	}
	if cfg.Matrix.Enabled {
		enc := cfg.Matrix.Encryption == nil || *cfg.Matrix.Encryption
		a, err := matrix.New(matrix.Config{Homeserver: cfg.Matrix.Homeserver, UserID: cfg.Matrix.UserID,
			AccessToken: cfg.Matrix.AccessToken.Value(), Password: cfg.Matrix.Password.Value(), DeviceName: cfg.Matrix.DeviceName,
			Encryption: enc, PickleKey: cfg.Matrix.PickleKey.Value(), DataDir: cfg.DataDir,
			AllowInvitesFrom: autoJoinFrom(cfg.Matrix.AutoJoinFrom, cfg.Access.Matrix), CatchUpWindow: time.Duration(cfg.Matrix.CatchUp), Observer: metrics, Feedback: book}, st, log, zl)
		if err != nil {
			return fmt.Errorf("matrix: %w", err)
		}
		metrics.Expect(a.Name())
		adapters = append(adapters, a)
	}
	if len(adapters) == 0 {
		return errors.New("no chat adapter is enabled in the configuration (enable slack or matrix, or use `liaison chat`)")
	}
	if cfg.HTTP.Listen != "" {
		go func() {
			if err := metrics.Serve(ctx, cfg.HTTP.Listen, nil, log); err != nil {
				log.Error("health and metrics endpoint stopped", "err", err)
			}
		}()
	}
	alerts = newAlerts(cfg, st, core, policy, adapters, metrics, log)
	fetcher, err := startFeeds(ctx, cfg, alerts, watcher, metrics, log)
	if err != nil {
		return err
	}
	if fetcher != nil {
		defer fetcher.Close()
	}
	go alerts.Run(ctx)
	if watcher != nil && cfg.Reload.Watch {
		go watcher.Run(ctx)
	}
	// in front of the core: the admins' listing of ratings, then /watch
	cmds := alerts.Commands(withFeedbackCommand(core, book, policy, log), func(m bot.Message) bool { return policy.CommandAllowed(m, bot.IntentWatch) })
	guard := access.NewGuard(cmds, policy, access.NewLimiter(cfg.Limits.PerMinute, cfg.Limits.Burst), admin{watcher: watcher, metrics: metrics, skipped: skipped}, log)
	answerer := metrics.Instrument(guard, log)
	svc := &service.Service{Adapters: adapters, Answerer: answerer, Observer: metrics, Log: log,
		Permanent: permanent, ShutdownTimeout: time.Duration(cfg.Shutdown)}
	err = svc.Run(ctx)
	log.Info("stopped", "err", err)
	return err
}

// autoJoinFrom is whose invites the Matrix adapter accepts: the configured
// list, or else, when access control allows only some Matrix rooms, users
// or servers, exactly those (an invite from anyone else is refused rather
// than joined and then refused question by question). Empty accepts every
// invite.
func autoJoinFrom(configured []string, acc config.MatrixAccess) []string {
	if len(configured) > 0 {
		return configured
	}
	var out []string
	out = append(out, acc.AllowRooms...)
	out = append(out, acc.AllowUsers...)
	for _, s := range acc.AllowServers {
		out = append(out, ":"+strings.TrimPrefix(s, ":"))
	}
	return out
}

// pruneLoop forgets answered-event records older than a week, hourly.
func pruneLoop(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := st.Prune(ctx, 7*24*time.Hour); err != nil && ctx.Err() == nil {
			log.Warn("pruning answered events failed", "err", err)
		} else if n > 0 {
			log.Debug("pruned answered events", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runHealthcheck asks a running service's /healthz; for container health
// checks in images without curl.
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:9090/healthz", "health endpoint")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", *url, resp.Status)
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}

// programDigest identifies this build of the program: the SHA-256 of its
// executable. A fact base snapshot saved by another build is not used,
// since extraction may have changed.
func programDigest() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find executable: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, fmt.Errorf("read executable: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("read executable: %w", err)
	}
	return h.Sum([]byte(version)), nil
}

// setRuntimeLimits sets the Go runtime's soft memory limit and collector
// heap growth from l, where the environment does not already set them,
// and logs what it set.
func setRuntimeLimits(l config.Limits, log *slog.Logger) {
	if limit, ok := memoryLimit(l.MemoryMiB, os.LookupEnv); ok {
		debug.SetMemoryLimit(limit)
		log.Info("soft memory limit", "mib", limit>>20)
	}
	if percent, ok := gcPercent(l.GCPercent, os.LookupEnv); ok {
		debug.SetGCPercent(percent)
		log.Info("collector heap growth", "percent", percent)
	}
}

// memoryLimit returns the soft memory limit in bytes to set for a limit of
// mib MiB from the configuration; false when there is none to set (0), or
// when the GOMEMLIMIT environment variable is set, which the Go runtime
// has already applied and which wins.
func memoryLimit(mib int, env func(string) (string, bool)) (int64, bool) {
	if v, ok := env("GOMEMLIMIT"); ok && v != "" {
		return 0, false
	}
	if mib <= 0 {
		return 0, false
	}
	return int64(mib) << 20, true
}

// gcPercent returns the collector's heap growth to set for percent from
// the configuration; false when there is none to set (0: the runtime's
// default), or when the GOGC environment variable is set, which the Go
// runtime has already applied and which wins.
func gcPercent(percent int, env func(string) (string, bool)) (int, bool) {
	if v, ok := env("GOGC"); ok && v != "" {
		return 0, false
	}
	return percent, percent > 0
}
