package slack

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackutilsx"

	"liaison/bot"
)

// Slack's Block Kit and message limits the renderer keeps to.
const (
	maxBlocks       = 50   // blocks per message
	maxSectionText  = 3000 // characters in a section's text
	maxContextText  = 3000 // characters in one context element
	maxButtonText   = 75   // characters in a button label
	maxButtonValue  = 2000 // characters in a button value
	maxButtonsBlock = 5    // buttons per actions block (Slack allows 25; 5 reads well)
	maxFallbackText = 3000 // characters in a message's text fallback
	maxQuote        = 500  // characters of a source's quoted sentence
	maxResponseURL  = 5    // posts Slack accepts per response_url
)

// Action IDs of the buttons the adapter renders.
const (
	actionAsk   = "liaison_ask"   // prefix; "did you mean" suggestion, value is the query
	actionShare = "liaison_share" // "Share in channel", value is the question
)

var (
	unescaper  = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
	broadcasts = regexp.MustCompile(`(?i)@(channel|here|everyone)`)
	markup     = regexp.MustCompile(`<([^<>]*)>`)
	userID     = regexp.MustCompile(`^[UW][A-Z0-9]+$`)
)

// escape makes plain text safe to send in any Slack text field: it escapes
// &, < and > as Slack's formatting rules require (so <!here>, <@U1>, <#C1>
// and <http://x|y> lose their meaning) and puts a zero-width space after the
// @ of @channel, @here and @everyone so they can never notify anyone.
func escape(s string) string {
	return broadcasts.ReplaceAllString(slackutilsx.EscapeMessage(s), "@\u200b$1")
}

// plainText turns the text of a Slack message into the plain text the core
// reads: mentions of the bot (botUserID) are removed, other mentions, channel
// links, special mentions and links are replaced by their visible labels,
// and Slack's HTML entities are decoded.
func plainText(s, botUserID string) string {
	s = markup.ReplaceAllStringFunc(s, func(m string) string {
		target, label, hasLabel := strings.Cut(m[1:len(m)-1], "|")
		switch {
		case strings.HasPrefix(target, "@"):
			if botUserID != "" && target[1:] == botUserID {
				return ""
			}
			if hasLabel && label != "" {
				return "@" + strings.TrimPrefix(label, "@")
			}
			return target
		case strings.HasPrefix(target, "#"):
			if hasLabel && label != "" {
				return "#" + label
			}
			return target
		case strings.HasPrefix(target, "!"):
			name, _, _ := strings.Cut(target[1:], "^")
			switch {
			case hasLabel && label != "":
				return label
			case name == "here" || name == "channel" || name == "everyone":
				return "@" + name
			default:
				return ""
			}
		default:
			if hasLabel && label != "" {
				return label
			}
			return target
		}
	})
	s = unescaper.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s to at most n characters, marking a cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// chunks splits plain text into pieces whose escaped form has at most limit
// characters, preferring line breaks, then spaces, as cut points.
func chunks(s string, limit int) []string {
	var out []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
			curLen = 0
		}
	}
	for _, line := range strings.Split(s, "\n") {
		n := escapedLen(line)
		if curLen > 0 && curLen+1+n > limit {
			flush()
		}
		if n <= limit {
			if curLen > 0 {
				cur.WriteByte('\n')
				curLen++
			}
			cur.WriteString(line)
			curLen += n
			continue
		}
		// One line longer than the limit: cut it on spaces, or anywhere.
		for line != "" {
			cut, size := 0, 0
			lastSpace := -1
			for i, r := range line {
				w := escapedLen(string(r))
				if size+w > limit {
					break
				}
				size += w
				// the rune's width in the string: an invalid byte is one
				// byte long although it reads as the 3-byte U+FFFD
				_, n := utf8.DecodeRuneInString(line[i:])
				cut = i + n
				if r == ' ' {
					lastSpace = cut
				}
			}
			if cut < len(line) && lastSpace > 0 {
				cut = lastSpace
			}
			if cut == 0 {
				// a single character wider than the limit: take it alone
				// rather than loop for ever
				_, cut = utf8.DecodeRuneInString(line)
			}
			out = append(out, strings.TrimSpace(line[:cut]))
			line = strings.TrimLeft(line[cut:], " ")
		}
	}
	flush()
	return out
}

// escapedLen is the character count of escape(s), counting each @ as two
// characters so that an inserted zero-width space always fits.
func escapedLen(s string) int {
	return utf8.RuneCountInString(slackutilsx.EscapeMessage(s)) + strings.Count(s, "@")
}

// outMsg is one Slack message: Block Kit blocks and the plain-text fallback
// shown in notifications.
type outMsg struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// renderOpts says how a reply is shown.
type renderOpts struct {
	// Share adds a "Share in channel" button that asks Share again publicly.
	Share string
	// Asked, when set, adds a context line saying who asked what (for
	// answers shared in a channel after the fact). AskedBy is a user ID.
	Asked, AskedBy string
	// Feedback, when set, adds 👍/👎 buttons rating the answer of this
	// feedback ref, at the end of the last message.
	Feedback string `json:",omitempty"`
}

// render turns a reply into one or more Slack messages: the summary first,
// the details, the sources as context blocks, then any suggestion buttons.
// Every message stays within Slack's limits and carries a text fallback.
func render(r bot.Reply, o renderOpts) []outMsg {
	var blocks []slack.Block
	section := func(text string) {
		for _, c := range chunks(text, maxSectionText) {
			if c == "" {
				continue
			}
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(escape(c)), nil, nil))
		}
	}
	summary := r.Summary
	if strings.TrimSpace(summary) == "" {
		summary = "(no answer)"
	}
	section(summary)
	if len(r.Details) > 0 {
		section(strings.Join(r.Details, "\n"))
	}
	if len(r.Sources) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		for _, s := range r.Sources {
			link := sourceLink(s)
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn(escapedPrefix(sourceLine(s), maxContextText-len(link))+link)))
		}
	}
	if o.Asked != "" {
		who := "Asked"
		if userID.MatchString(o.AskedBy) {
			who = "<@" + o.AskedBy + "> asked"
		}
		blocks = append(blocks, slack.NewContextBlock("",
			mrkdwn(who+": "+escapedPrefix(o.Asked, maxContextText-100))))
	}
	var buttons []slack.BlockElement
	for i, s := range r.Suggestions {
		if s.Query == "" || utf8.RuneCountInString(s.Query) > maxButtonValue {
			continue
		}
		label := s.Label
		if label == "" {
			label = s.Query
		}
		buttons = append(buttons, slack.NewButtonBlockElement(
			actionAsk+"_"+itoa(i), s.Query, plain(escapedPrefix(label, maxButtonText))))
	}
	for i := 0; i < len(buttons); i += maxButtonsBlock {
		blocks = append(blocks, slack.NewActionBlock("liaison_suggest_"+itoa(i/maxButtonsBlock),
			buttons[i:min(i+maxButtonsBlock, len(buttons))]...))
	}
	if o.Share != "" && utf8.RuneCountInString(o.Share) <= maxButtonValue {
		b := slack.NewButtonBlockElement(actionShare, o.Share, plain("Share in channel"))
		blocks = append(blocks, slack.NewActionBlock("liaison_share", b))
	}
	if o.Feedback != "" && utf8.RuneCountInString(o.Feedback) <= maxButtonValue {
		blocks = append(blocks, ratingButtons(o.Feedback))
	}

	fallback := r.Text()
	if strings.TrimSpace(fallback) == "" {
		fallback = summary
	}
	var out []outMsg
	for i := 0; i < len(blocks); i += maxBlocks {
		text := escapedPrefix(fallback, maxFallbackText)
		if i > 0 {
			text = escapedPrefix(summary, maxFallbackText-20) + " (continued)"
		}
		out = append(out, outMsg{Text: text, Blocks: blocks[i:min(i+maxBlocks, len(blocks))]})
	}
	return out
}

// escapedPrefix escapes the start of s, at most limit characters after
// escaping, marking a cut with "…".
func escapedPrefix(s string, limit int) string {
	cs := chunks(s, limit-1)
	if len(cs) == 0 {
		return ""
	}
	if len(cs) > 1 {
		return escape(cs[0]) + "…"
	}
	return escape(cs[0])
}

// sourceLine renders one citation: title, date and the quoted sentence.
func sourceLine(s bot.Source) string {
	title := s.Title
	if title == "" {
		title = s.Doc
	}
	line := title
	if s.Date != "" {
		line += " (" + bot.HumanDate(s.Date) + ")"
	}
	if q := strings.TrimSpace(s.Quote); q != "" {
		line += ": “" + truncate(q, maxQuote) + "”"
	}
	return truncate(line, maxContextText-200)
}

// sourceLink is " · <URL|host>", a link to the page a source was read
// from, or "" when it has no http(s) URL. The URL is bot.SafeURL's, in
// which nothing can end Slack's <…|…> markup.
func sourceLink(s bot.Source) string {
	u := bot.SafeURL(s.URL)
	if u == "" || len(u) > maxContextText/2 {
		return ""
	}
	host := u
	if p, err := url.Parse(u); err == nil {
		host = strings.TrimPrefix(p.Hostname(), "www.")
	}
	return " · <" + u + "|" + escape(host) + ">"
}

// mrkdwn is a verbatim mrkdwn text object: Slack does not auto-link names,
// channels or URLs in it. text must already be escaped.
func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, true)
}

// plain is a plain_text object. text must already be escaped.
func plain(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, false, false)
}

func itoa(i int) string { return strconv.Itoa(i) }

// webhook builds the JSON body of a slash-command response or a
// response_url post.
func webhook(m outMsg, responseType string, replace bool) *slack.WebhookMessage {
	return &slack.WebhookMessage{
		Text:            m.Text,
		Blocks:          &slack.Blocks{BlockSet: m.Blocks},
		ResponseType:    responseType,
		ReplaceOriginal: replace,
	}
}
