package matrix

import (
	"strings"
	"unicode"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
)

// commands are the "!name" / "/name" words the bot answers in rooms without
// being mentioned: the core's commands (bot.Commands) and the aliases it
// accepts. They are passed to the core as typed; "!liaison Q" and
// "/liaison Q" are passed as just Q.
var commands = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range bot.Commands {
		m[c.Name] = true
	}
	for _, alias := range []string{
		"liaison", "ask", "search", "status", "whomet", "who_met", "met", "meeting",
		"agreement", "whois", "who_is", "topic", "source", "releases",
		"feedback",         // the admins' listing of ratings (internal/feedback)
		"watch", "unwatch", // answered in front of the core (internal/watch)
	} {
		m[alias] = true
	}
	return m
}()

// identity is what the bot answers to in rooms.
type identity struct {
	userID      id.UserID
	displayName string
}

// names returns the strings that, at the start of a message, address the
// bot: its display name, its user ID and its localpart (with and without
// "@"), longest first.
func (me identity) names() []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" {
			out = append(out, s)
		}
	}
	add(string(me.userID))
	add(me.displayName)
	if local, _, err := me.userID.Parse(); err == nil {
		add("@" + local)
		add(local)
	}
	// Longest first, so "@liaison:example.org" wins over "@liaison".
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// stripLeadingMention removes a leading address to the bot ("Liaison: ",
// "@liaison:example.org, ") and reports whether there was one.
func (me identity) stripLeadingMention(text string) (string, bool) {
	for _, n := range me.names() {
		if len(text) < len(n) || !strings.EqualFold(text[:len(n)], n) {
			continue
		}
		rest := text[len(n):]
		if rest != "" {
			r := rune(rest[0])
			if strings.HasPrefix(n, "@") {
				if !(unicode.IsSpace(r) || strings.ContainsRune(":,;.!?", r)) {
					continue // "@liaisonbot" is not "@liaison"
				}
			} else if r != ':' && r != ',' {
				// A bare name must address the bot ("Liaison: …",
				// "Liaison, …"): "Liaison officers met …" is chatter.
				continue
			}
		}
		rest = strings.TrimLeft(rest, ":,;")
		return strings.TrimSpace(rest), true
	}
	return text, false
}

// isCommand reports whether text starts with a known "!" or "/" command,
// and returns the text the core should get.
func isCommand(text string) (string, bool) {
	if len(text) < 2 || (text[0] != '!' && text[0] != '/') {
		return text, false
	}
	word, rest, _ := strings.Cut(text[1:], " ")
	word = strings.ToLower(strings.TrimSpace(word))
	if !commands[word] {
		return text, false
	}
	if word == "liaison" {
		return strings.TrimSpace(rest), true
	}
	return text, true
}

// questionText decides whether a text message is for the bot and what to
// ask the core. In a DM every message is a question; in a room the bot
// must be mentioned (m.mentions, or its name or ID at the start) or
// addressed with a command.
func (me identity) questionText(content *event.MessageEventContent, direct bool) (string, bool) {
	body := content.Body
	if content.RelatesTo.GetReplyTo() != "" {
		body = event.TrimReplyFallbackText(body)
	}
	text := strings.TrimSpace(body)
	mentioned := content.Mentions.Has(me.userID)
	text, named := me.stripLeadingMention(text)
	if mentioned && !named {
		// A pill in the middle of the sentence: drop it from the text.
		for _, n := range me.names() {
			if strings.HasPrefix(n, "@") {
				text = strings.TrimSpace(strings.ReplaceAll(text, n, ""))
			}
		}
	}
	if cmd, ok := isCommand(text); ok {
		return cmd, true
	}
	if direct || mentioned || named {
		return text, true
	}
	return "", false
}
