// Package access decides who may ask Liaison what: allow and deny lists of
// Slack workspaces, channels and users and of Matrix rooms, users and
// servers, per-command restrictions, admins, and a per-user rate limit.
// Guard applies them in front of the core.
package access

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"liaison/bot"
	"liaison/internal/config"
)

// Policy is a compiled access configuration. It is read-only and safe for
// concurrent use.
type Policy struct {
	admins   map[string]bool
	slack    config.SlackAccess
	matrix   config.MatrixAccess
	commands map[string]map[string]bool // intent -> users
}

// NewPolicy compiles the access section of the configuration.
func NewPolicy(a config.Access) *Policy {
	p := &Policy{admins: set(a.Admins), slack: a.Slack, matrix: a.Matrix, commands: map[string]map[string]bool{}}
	for cmd, users := range a.Commands {
		p.commands[intentOf(cmd)] = set(users)
	}
	return p
}

// intentOf maps a command name ("who-met") to the intent it asks for.
func intentOf(cmd string) string {
	cmd = strings.TrimLeft(strings.ToLower(cmd), "/!")
	for _, c := range bot.Commands {
		if c.Name == cmd {
			return string(c.Intent)
		}
	}
	return cmd
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// UserKey is the "platform:id" form used in the configuration.
func UserKey(m bot.Message) string { return string(m.Platform) + ":" + m.Sender }

// IsAdmin reports whether the sender may use admin commands.
func (p *Policy) IsAdmin(m bot.Message) bool { return p.admins[UserKey(m)] }

// listed applies an allow and a deny list: deny wins, an empty allow list
// allows all.
func listed(v string, allow, deny []string) bool {
	for _, d := range deny {
		if d == v {
			return false
		}
	}
	if len(allow) == 0 {
		return true
	}
	for _, a := range allow {
		if a == v {
			return true
		}
	}
	return false
}

// Allowed reports whether the sender may use the bot where they asked.
func (p *Policy) Allowed(m bot.Message) bool {
	switch m.Platform {
	case bot.PlatformSlack:
		s := p.slack
		channelOK := listed(m.Room, s.AllowChannels, s.DenyChannels)
		if m.Direct {
			channelOK = !contains(s.DenyChannels, m.Room) // a channel allowlist does not close DMs
		}
		return channelOK && listed(m.Workspace, s.AllowWorkspaces, s.DenyWorkspaces) &&
			listed(m.Sender, s.AllowUsers, s.DenyUsers)
	case bot.PlatformMatrix:
		x := p.matrix
		server := ""
		if i := strings.IndexByte(m.Sender, ':'); i >= 0 {
			server = m.Sender[i+1:]
		}
		return listed(m.Room, x.AllowRooms, x.DenyRooms) && listed(m.Sender, x.AllowUsers, x.DenyUsers) &&
			listed(server, x.AllowServers, x.DenyServers)
	}
	return true
}

func contains(xs []string, v string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// CommandAllowed reports whether the sender may get answers of an intent
// that the configuration restricts to some users.
func (p *Policy) CommandAllowed(m bot.Message, intent bot.Intent) bool {
	users, ok := p.commands[string(intent)]
	return !ok || users[UserKey(m)] || p.IsAdmin(m)
}

// Limiter is a per-key token bucket: rate per minute, with a burst. It
// forgets idle keys, so its memory stays bounded by the active users.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter allows perMinute questions per minute per key with bursts of
// burst; perMinute 0 means no limit (nil Limiter).
func NewLimiter(perMinute, burst int) *Limiter {
	if perMinute <= 0 {
		return nil
	}
	if burst < 1 {
		burst = 1
	}
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(burst), buckets: map[string]*bucket{}}
}

// Allow takes a token for key at now and reports whether one was left.
func (l *Limiter) Allow(key string, now time.Time) bool {
	if l == nil {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Admin handles admin commands for a Guard.
type Admin interface {
	// Reload rebuilds the fact base now and says how it went.
	Reload(ctx context.Context) (string, error)
	// StatusDetails are extra status lines for admins (adapters, uptime,
	// skipped releases).
	StatusDetails() []string
}

// Guard is a bot.Answerer that applies a Policy and a Limiter before
// passing questions to the core, and handles admin commands.
type Guard struct {
	next    bot.Answerer
	policy  *Policy
	limiter *Limiter
	admin   Admin
	log     *slog.Logger
	now     func() time.Time
}

var _ bot.Answerer = (*Guard)(nil)

// NewGuard puts policy and limiter (which may be nil) in front of next.
// admin may be nil when there are no admin commands.
func NewGuard(next bot.Answerer, policy *Policy, limiter *Limiter, admin Admin, log *slog.Logger) *Guard {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Guard{next: next, policy: policy, limiter: limiter, admin: admin, log: log, now: time.Now}
}

// Denied is the one polite line a refused user gets.
const Denied = "Sorry, Liaison is not available to you here. Ask an administrator if you think this is wrong."

// Answer applies access control and the rate limit, handles admin
// commands, and asks the core.
func (g *Guard) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	if !g.policy.Allowed(m) {
		g.log.Info("access denied", "platform", string(m.Platform), "user", m.Sender, "room", m.Room)
		return bot.Reply{Intent: bot.IntentDenied, Summary: Denied, Sources: []bot.Source{}}, nil
	}
	if !g.limiter.Allow(UserKey(m), g.now()) {
		g.log.Info("rate limited", "platform", string(m.Platform), "user", m.Sender)
		return bot.Reply{Intent: bot.IntentLimited, Sources: []bot.Source{},
			Summary: "You are asking faster than I can keep up with. Please wait a few seconds and ask again."}, nil
	}
	cmd := strings.ToLower(strings.TrimSpace(m.Text))
	cmd = strings.TrimLeft(cmd, "/!")
	if cmd == "reload" {
		if !g.policy.IsAdmin(m) || g.admin == nil {
			return bot.Reply{Intent: bot.IntentDenied, Summary: "Only administrators can reload the releases.", Sources: []bot.Source{}}, nil
		}
		msg, err := g.admin.Reload(ctx)
		if err != nil {
			g.log.Error("reload failed", "err", err)
			return bot.Reply{Intent: bot.IntentStatus, Summary: "Reload failed; I keep answering from the previous releases. The log has the details.", Sources: []bot.Source{}}, nil
		}
		return bot.Reply{Found: true, Intent: bot.IntentStatus, Summary: msg, Sources: []bot.Source{}}, nil
	}
	r, err := g.next.Answer(ctx, m)
	if err != nil {
		return r, err
	}
	if !g.policy.CommandAllowed(m, r.Intent) {
		return bot.Reply{Intent: bot.IntentDenied, Summary: "Sorry, that command is restricted here.", Sources: []bot.Source{}}, nil
	}
	if r.Intent == bot.IntentStatus && g.admin != nil && g.policy.IsAdmin(m) {
		r.Details = append(r.Details, g.admin.StatusDetails()...)
	}
	return r, nil
}
