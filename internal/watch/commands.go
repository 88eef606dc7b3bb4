package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"liaison/bot"
	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// HelpLine is what help says of /watch.
const HelpLine = "/watch NAME, COUNTRY or TOPIC: post here when a new release names it (/watch lists, /unwatch stops)"

// Commands returns an Answerer that answers /watch and /unwatch (also as
// !watch, !unwatch) itself and passes every other message to next,
// adding a line on /watch to help. permit (may be nil) says whether the
// sender may use /watch where they asked; it is asked before anything is
// changed.
func (s *Service) Commands(next bot.Answerer, permit func(bot.Message) bool) bot.Answerer {
	return &commands{s: s, next: next, permit: permit}
}

type commands struct {
	s      *Service
	next   bot.Answerer
	permit func(bot.Message) bool
}

var _ bot.Answerer = (*commands)(nil)

// parseCommand returns the command ("watch" or "unwatch") and its
// argument, or ok false for any other message.
func parseCommand(text string) (cmd, arg string, ok bool) {
	text = strings.TrimSpace(text)
	if len(text) < 2 || text[0] != '/' && text[0] != '!' {
		return "", "", false
	}
	word, rest, _ := strings.Cut(text[1:], " ")
	switch w := strings.ToLower(word); w {
	case "watch", "unwatch":
		return w, strings.Join(strings.Fields(rest), " "), true
	}
	return "", "", false
}

// Answer answers /watch and /unwatch, or asks next.
func (c *commands) Answer(ctx context.Context, m bot.Message) (bot.Reply, error) {
	cmd, arg, ok := parseCommand(m.Text)
	if !ok {
		r, err := c.next.Answer(ctx, m)
		if err == nil && r.Intent == bot.IntentHelp {
			r.Details = append(r.Details, HelpLine)
		}
		return r, err
	}
	if c.permit != nil && !c.permit(m) {
		return reply(false, "Sorry, that command is restricted here."), nil
	}
	if len(arg) > 200 {
		return reply(false, "That is too long to watch: give a name, a country or a few words of a topic."), nil
	}
	if cmd == "unwatch" {
		return c.s.unwatch(ctx, m, arg)
	}
	if arg == "" {
		return c.s.list(ctx, m)
	}
	return c.s.watch(ctx, m, arg)
}

func reply(found bool, summary string, details ...string) bot.Reply {
	return bot.Reply{Found: found, Intent: bot.IntentWatch, Summary: summary, Details: details, Sources: []bot.Source{}}
}

// place is "this channel" or "this room" or "this conversation".
func place(m bot.Message) string {
	switch {
	case m.Direct:
		return "this conversation"
	case m.Platform == bot.PlatformSlack:
		return "this channel"
	}
	return "this room"
}

// watch subscribes m's room to what arg names.
func (s *Service) watch(ctx context.Context, m bot.Message, arg string) (bot.Reply, error) {
	var base *knowledge.Base
	if s.opts.Base != nil {
		base = s.opts.Base()
	}
	res := resolve(base, arg)
	if len(res.choices) > 1 {
		r := reply(false, fmt.Sprintf("“%s” fits several people. Which one should %s watch?", arg, place(m)))
		for i, p := range res.choices {
			if i == 5 {
				break
			}
			r.Suggestions = append(r.Suggestions, bot.Suggestion{Label: p.Name, Query: "/watch person: " + p.Name})
		}
		return r, nil
	}
	if res.kind == KindTopic && len(lang.Terms(res.term)) == 0 {
		return reply(false, "“"+arg+"” has no words to look for. Watch a name, a country or a topic such as “border closure”."), nil
	}
	subs, _, err := s.subscriptions(ctx, roomPrefix(m.Platform, m.Room))
	if err != nil {
		return bot.Reply{}, err
	}
	sub := Subscription{Platform: m.Platform, Room: m.Room, Workspace: m.Workspace, Kind: res.kind, Term: res.term, By: m.Sender, Created: s.now()}
	for _, old := range subs {
		if old.key() == sub.key() {
			return reply(true, fmt.Sprintf("%s already watches %s.", capital(place(m)), describe(old))), nil
		}
	}
	if len(subs) >= MaxPerRoom {
		return reply(false, fmt.Sprintf("%s watches %d things already, the most it can. /unwatch one first.", capital(place(m)), len(subs))), nil
	}
	b, err := json.Marshal(sub)
	if err != nil {
		return bot.Reply{}, err
	}
	if err := s.opts.Store.Put(ctx, sub.key(), string(b)); err != nil {
		return bot.Reply{}, fmt.Errorf("watch: save subscription: %w", err)
	}
	s.log.Info("watch: subscribed", "platform", string(m.Platform), "room", m.Room, "kind", string(sub.Kind), "by", m.Sender)
	var details []string
	if res.note != "" {
		details = append(details, res.note)
	}
	if !s.opts.Feeds {
		details = append(details, "No feeds are configured, so no new releases come in yet: an administrator can add them (feeds: in the configuration).")
	}
	return reply(true, fmt.Sprintf("Watching %s: I’ll post in %s when a new release %s.", describe(sub), place(m), verb(sub)), details...), nil
}

// describe names a subscription for people: "Vladimir Kolokoltsev",
// "Estonia", "the topic “border closure”".
func describe(sub Subscription) string {
	if sub.Kind == KindTopic {
		return "the topic “" + sub.Term + "”"
	}
	return sub.Term
}

// verb says what a release must do to match.
func verb(sub Subscription) string {
	switch sub.Kind {
	case KindPerson:
		return "names " + sub.Term
	case KindCountry:
		return "names " + sub.Term + " or its people"
	}
	return "mentions it"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// list says what m's room watches.
func (s *Service) list(ctx context.Context, m bot.Message) (bot.Reply, error) {
	subs, _, err := s.subscriptions(ctx, roomPrefix(m.Platform, m.Room))
	if err != nil {
		return bot.Reply{}, err
	}
	if len(subs) == 0 {
		return reply(false, capital(place(m))+" watches nothing yet.", HelpLine), nil
	}
	var details []string
	for i, sub := range subs {
		details = append(details, fmt.Sprintf("%d. %s (%s)", i+1, sub.Term, sub.Kind))
	}
	details = append(details, "/unwatch NAME, /unwatch NUMBER or /unwatch all to stop.")
	return reply(true, fmt.Sprintf("%s watches %d:", capital(place(m)), len(subs)), details...), nil
}

// unwatch removes what arg names (a term, a list number, or "all") from
// m's room's subscriptions.
func (s *Service) unwatch(ctx context.Context, m bot.Message, arg string) (bot.Reply, error) {
	subs, keys, err := s.subscriptions(ctx, roomPrefix(m.Platform, m.Room))
	if err != nil {
		return bot.Reply{}, err
	}
	if arg == "" {
		return reply(false, "Say what to stop watching: /unwatch NAME, /unwatch NUMBER (see /watch) or /unwatch all."), nil
	}
	var drop []int
	switch n, err := strconv.Atoi(arg); {
	case strings.EqualFold(arg, "all"):
		for i := range subs {
			drop = append(drop, i)
		}
	case err == nil:
		if n >= 1 && n <= len(subs) {
			drop = []int{n - 1}
		}
	default:
		res := resolve(s.baseOrNil(), arg)
		want := lang.Fold(arg)
		for i, sub := range subs {
			f := lang.Fold(sub.Term)
			if f == want || f == lang.Fold(res.term) && sub.Kind == res.kind {
				drop = append(drop, i)
			}
		}
	}
	if len(drop) == 0 {
		if len(subs) == 0 {
			return reply(false, capital(place(m))+" watches nothing."), nil
		}
		return reply(false, fmt.Sprintf("%s does not watch “%s”. /watch lists what it does.", capital(place(m)), arg)), nil
	}
	var names []string
	for _, i := range drop {
		if err := s.opts.Store.Delete(ctx, keys[i]); err != nil {
			return bot.Reply{}, fmt.Errorf("watch: remove subscription: %w", err)
		}
		names = append(names, describe(subs[i]))
	}
	s.log.Info("watch: unsubscribed", "platform", string(m.Platform), "room", m.Room, "count", len(drop), "by", m.Sender)
	return reply(true, "Stopped watching "+strings.Join(names, ", ")+" in "+place(m)+"."), nil
}

func (s *Service) baseOrNil() *knowledge.Base {
	if s.opts.Base == nil {
		return nil
	}
	return s.opts.Base()
}
