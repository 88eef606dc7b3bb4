package slack

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackutilsx"
)

// A question may mention a person ("who met <@U0OTHER>?"). Slack sends the
// mention as the person's user ID; the core needs the name the asker saw.
// Before a question goes to the core every mention of someone other than
// the bot is replaced by that person's name as Slack shows it (the display
// name they chose, else their full name), from users.info, cached. The
// name is plain text from then on: the answer escapes it like any other
// text, so it can never ping anyone.

// Bounds of the name cache and of the lookups one question may cause.
const (
	nameTTL        = time.Hour       // a name is asked again after this long
	nameFailTTL    = 5 * time.Minute // a failed lookup is not retried sooner
	maxNames       = 2000            // names kept
	maxLookups     = 5               // users.info calls for one question
	maxNameRunes   = 80              // longer names are cut
	lookupDeadline = 5 * time.Second // one users.info call, rate-limit waits included
)

// userMention matches a user mention, with or without a label.
var userMention = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>`)

// nameCache maps user IDs to names; "" records a failed lookup.
type nameCache struct {
	mu sync.Mutex
	m  map[string]cachedName
}

type cachedName struct {
	name string
	at   time.Time
}

// get returns the cached name of id, and whether one (or a recent
// failure, as "") is cached.
func (c *nameCache) get(id string, now time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok {
		return "", false
	}
	ttl := nameTTL
	if e.name == "" {
		ttl = nameFailTTL
	}
	if now.Sub(e.at) > ttl {
		delete(c.m, id)
		return "", false
	}
	return e.name, true
}

// put caches name for id, dropping expired entries (and then any) when
// the cache is full.
func (c *nameCache) put(id, name string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedName{}
	}
	if len(c.m) >= maxNames {
		for k, e := range c.m {
			if now.Sub(e.at) > nameFailTTL {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) < maxNames/2 {
				break
			}
			delete(c.m, k)
		}
	}
	c.m[id] = cachedName{name: name, at: now}
}

// hasOtherMention reports whether Slack text mentions a user other than
// botUser.
func hasOtherMention(text, botUser string) bool {
	for _, m := range userMention.FindAllStringSubmatch(text, -1) {
		if m[1] != botUser {
			return true
		}
	}
	return false
}

// withNames turns Slack text into the core's plain text as plainText
// does, with each mention of a user other than botUser replaced by the
// user's name. A mention whose name cannot be learnt stays as plainText
// renders it.
func (a *Adapter) withNames(ctx context.Context, text, botUser string) string {
	lookups := 0
	named := userMention.ReplaceAllStringFunc(text, func(m string) string {
		id := userMention.FindStringSubmatch(m)[1]
		if id == botUser {
			return m
		}
		name, ok := a.names.get(id, time.Now())
		if !ok {
			if lookups >= maxLookups {
				return m
			}
			lookups++
			name = a.lookupName(ctx, id)
		}
		if name == "" {
			return m
		}
		// Escaped, so that plainText reads it back as the same text and
		// never as markup.
		return slackutilsx.EscapeMessage(name)
	})
	return plainText(named, botUser)
}

// lookupName asks users.info for a user's name and caches the result; ""
// when Slack cannot tell (unknown user, missing users:read scope).
func (a *Adapter) lookupName(ctx context.Context, id string) string {
	ctx, cancel := context.WithTimeout(ctx, lookupDeadline)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, id, slack.GetUserInfoOptionIncludeLocale(false))
	if err != nil {
		a.log.Warn("slack: cannot look up the name of a mentioned user; the question keeps the user ID", "user", id, "err", err)
		if ctx.Err() == nil {
			a.names.put(id, "", time.Now())
		}
		return ""
	}
	name := ""
	for _, n := range []string{u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name} {
		if n = strings.Join(strings.Fields(n), " "); n != "" {
			name = truncate(n, maxNameRunes)
			break
		}
	}
	a.names.put(id, name, time.Now())
	return name
}
