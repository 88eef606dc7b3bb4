package bot

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"liaison/knowledge"
)

// MaxQuestionBytes is the longest question the core reads; longer text is
// refused with a short explanation.
const MaxQuestionBytes = 2000

// Command is a command of the core's grammar, typed as "/name args" or
// "!name args".
type Command struct {
	// Name is the canonical command name ("who-met").
	Name string
	// Intent is what the command asks for.
	Intent Intent
	// Usage is the argument syntax shown in help.
	Usage string
	// Help is one line on what the command does.
	Help string
}

// Commands lists the commands the core understands, in help order.
var Commands = []Command{
	{"who-met", IntentWhoMet, "NAME [in PLACE] [YEAR]", "who a person met, where and when"},
	{"meetings", IntentMeetings, "[PERSON] [in PLACE] [YEAR] [TOPIC]", "meetings, filtered by person, place, year or topic"},
	{"agreements", IntentAgreements, "[COUNTRY|PERSON] [YEAR]", "agreements signed, concluded or ended"},
	{"who-is", IntentWhoIs, "NAME", "a person's offices and country"},
	{"topics", IntentTopics, "[PERSON|PLACE]", "what was discussed"},
	{"sources", IntentSources, "[WORDS]", "the releases, or the sentences that mention WORDS"},
	{"help", IntentHelp, "", "this help"},
}

var commandAliases = map[string]string{
	"whomet": "who-met", "who_met": "who-met", "met": "who-met", "meeting": "meetings",
	"agreement": "agreements", "whois": "who-is", "who_is": "who-is", "topic": "topics",
	"source": "sources", "releases": "sources", "ask": "ask", "liaison": "ask", "search": "ask",
	"status": "status",
}

var reCommand = regexp.MustCompile(`^[/!]([A-Za-z_-]+)\b\s*(.*)$`)

// parsed is a message after parsing: the intent and its arguments.
type parsed struct {
	intent  Intent
	command bool
	text    string // the question or the command's arguments
	folded  string // folded, lower-case text with punctuation turned to spaces
	// field is what a when/who question asks of an agreement: "expire",
	// "sign", "terminate", "initiate" or "".
	field     string
	agreement bool // the question is about an agreement
	releases  bool // "which releases mention X?": list releases, not sentences
	yesNo     bool // "did X meet Y?": answer yes or no
}

var (
	reHelp           = mustQuick(`^(help|\?|what can you do|what do you do|how do (i|you) use|commands|usage)\b`)
	reWhoMet         = mustQuick(`\bwho(m)? (did|has|had|does|do|will|was|is|were) .*\b(meet|met|meeting|talks?|talked|visit|visited|hold talks|held talks|negotiate)\b|\bwho(m)? (met|meets|has met|visited|held talks|hosted|received)\b|\bmet (with )?whom\b|\bwith whom (did|has|had|does|do|will|was|were)\b|\b(counterpart|interlocutor|host|guest)s?\b.*\b(in|at|during|on)\b|^who was \w+('s)? (counterpart|interlocutor|host|guest)\b`)
	reWhere          = mustQuick(`^where\b|\bwhere (did|was|were|is|are|do|does|will|had|has)\b|\bin (which|what) (city|town|place|country|location|venue)\b|\bwhat (city|town|place|venue|location)\b`)
	reWhen           = mustQuick(`^when\b|\bwhen (did|was|were|is|does|do|will|had|has)\b|\bwhat (date|day|year|month|time)\b|\bin (which|what) (year|month)\b|\b(until|since|till) when\b|\bhow long ago\b`)
	reWhoIs          = mustQuick(`^(who is|who's|who was|whos|tell me about|what is known about)\b|\bwhat (is|was) (the )?(position|role|title|office|job|rank) of\b|\b(position|role|title|office|job|rank)s?( does| did| is| was)?\b.*\?*$`)
	reWhichDidMeet   = mustQuick(`^(which|what) .*\bdid\b.*\b(meet|met|hold talks with|talk to|visit|receive)\b`)
	reYesNoMet       = mustQuick(`^(did|has|have|had|does|do|was|were|is|are) .*\b(meet|met|meeting|talks?|talked|visit|visited|hold talks|held talks)\b`)
	reWhatHappened   = mustQuick(`^what (happened|took place|was (held|happening))\b|^(any|which) (events?|meetings?) (on|in)\b`)
	reMeetings       = mustQuick(`^(which|what|list|show|all|any)( the| all)? (meetings|talks|visits|events)\b|^meetings\b|\bmeetings (took place|were held|happened|in|on|about|with|discussed|where)\b|\bhow many meetings\b`)
	reAgreeList      = mustQuick(`^(which|what|list|show|all|any)( the| all)? (agreements|treaties|memorand\w*|protocols|deals)\b|^agreements\b|\bhow many (agreements|treaties|memorand\w*|protocols|deals)\b`)
	reTopics         = mustQuick(`\b(discuss|discussed|discussing|discussion|agenda|talk about|talked about|topics?|focus|focused|focussed|issues|subjects?)\b`)
	reWhat           = mustQuick(`^(what|which)\b`)
	reWho            = mustQuick(`^(who|whom|whose|under whose|by whom)\b|\bwho\b`)
	reAgreementQ     = mustQuick(`\b(into force|in force|agreement|agreements|memorandum|memorandums|memoranda|mou|treaty|treaties|protocol|protocols|deal|accord|convention|signed|sign|concluded|expire|expires|expired|terminat\w*|initiat\w*)\b`)
	reFieldForce     = mustQuick(`\b(enters?|entered|come|comes|came|take|takes|took) (in)?to (force|effect)\b|\bentry into force\b|\bin force\b|\beffective\b`)
	reFieldExpire    = mustQuick(`\b(expire|expires|expired|expiry|until when|valid until|end|ends)\b`)
	reFieldInit      = mustQuick(`\b(initiat\w*|initiative)\b`)
	reFieldTerm      = mustQuick(`\b(terminat\w*|ended|cancel\w*|denounc\w*)\b`)
	reFieldSign      = mustQuick(`\b(sign|signed|signing|conclude|concluded|agreed|made|adopted)\b`)
	reAgreementFocus = mustQuick(`^(what|which)( \w+)?( of the| the| an?)? (agreements?|memorand\w*|treat\w*|protocols?|deals?|accords?|documents?)\b|^what (was|were|has been|have been|did \w+( \w+)?( and \w+( \w+)?)?) sign|^(did|has|have|had) \w+( \w+)?( and \w+( \w+)?)? sign(ed)? (any|an|a|anything|something)\b`)
	reFollowUp       = mustQuick(`^(and|so|then|also|ok|okay)\b|\b(that|this|it|there|they|them|he|she|him|her|those)\b`)
)

// reWhichReleases matches a question for the releases that mention
// something; its last group is what they mention.
var reWhichReleases = mustQuick(`^(?:which|what|list(?: the| all)?|show(?: me)?(?: the| all)?|any)(?: \w+)? (?:releases?|documents?|press releases?|articles?|texts?|reports?|sources?) (?:that )?(?:mention|mentions|mentioned|cover|covers|talk about|talks about|discuss|discusses|are about|is about|refer to|refers to|say anything about|says anything about|deal with|deals with)\b(.*)$`)

// reDescribeMeeting matches a request to describe a meeting ("tell me
// about the Murmansk meeting", "summarise the talks in Vantaa"): what was
// discussed there, by whom and when.
var reDescribeMeeting = mustQuick(`^(tell me about|tell me more about|summari[sz]e|describe|explain|outline|give me (a summary|an overview) of|what about|details of|brief me on) (the |a |this |that )?(\S+ ){0,4}(meeting|meetings|talks|visit|summit|session|conference|consultations)\b`)

// reAttended matches "who attended …?", "which agencies took part in
// …?": a question for the participants of meetings.
var reAttended = mustQuick(`^(who|(which|what)( \w+){1,3})( else)? (attended|attends|participated|participates|took part|takes part|joined|was present|were present|was represented|were represented|accompanied|accompanies)\b`)

// reOutcomeQ matches a question about what a meeting agreed or decided
// ("what did Orpo and Kolokoltsev agree on?", "what was the outcome of
// the Helsinki meeting?", "did they agree on anything?").
var reOutcomeQ = mustQuick(`^(what|which)\b.*\b(agree|agreed|decide|decided|conclude|concluded|achieve|achieved|resolve|resolved|outcomes?|results?|come out of|came out of)\b|^(was|were|did|has|have) .*\b(agree|agreed|decide|decided)\b`)

// sanitize cleans user text: invalid UTF-8 and control and format
// characters (bidi marks, zero-width joiners) are removed, white space is
// collapsed.
func sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// foldQuestion lower-cases, folds accents and turns punctuation into
// spaces, keeping hyphens and apostrophes inside words.
func foldQuestion(s string) string {
	f := knowledge.Fold(s)
	var b strings.Builder
	for i, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case (r == '-' || r == '\'') && i > 0 && i+1 < len(f):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// parse reads a message's text into an intent and arguments.
func parse(text string) parsed {
	text = sanitize(text)
	p := parsed{text: text}
	if text == "" {
		p.intent = IntentEmpty
		return p
	}
	if m := reCommand.FindStringSubmatch(text); m != nil {
		name := strings.ToLower(m[1])
		if c, ok := commandAliases[name]; ok {
			name = c
		}
		args := strings.TrimSpace(m[2])
		switch name {
		case "ask":
			sub := parse(args)
			return sub
		case "status":
			p.intent, p.command, p.text = IntentStatus, true, args
			p.folded = foldQuestion(args)
			return p
		}
		for _, c := range Commands {
			if c.Name == name {
				p.intent, p.command, p.text = c.Intent, true, args
				p.folded = foldQuestion(args)
				p.agreement = c.Intent == IntentAgreements
				return p
			}
		}
		p.intent, p.command = IntentUnknown, true
		p.text = name
		return p
	}
	q := foldQuestion(text)
	if m := reWhichReleases.FindStringSubmatch(q); m != nil && strings.TrimSpace(m[len(m)-1]) != "" {
		// "which releases mention drug trafficking?": the releases that do
		p.intent, p.releases = IntentSources, true
		p.text = strings.TrimSpace(m[len(m)-1])
		p.folded = p.text
		return p
	}
	if strings.HasPrefix(q, "how long ") && strings.HasSuffix(q, " last") {
		// "how long did the meeting last?": the verb, not "last summer"
		q = strings.TrimSuffix(q, " last")
		p.text = reTrailingLast.ReplaceAllString(text, "?")
	}
	p.folded = q
	p.agreement = reAgreementQ.MatchString(q)
	switch {
	case reFieldForce.MatchString(q):
		p.field = "force"
	case reFieldExpire.MatchString(q):
		p.field = "expire"
	case reFieldInit.MatchString(q):
		p.field = "initiate"
	case reFieldTerm.MatchString(q):
		p.field = "terminate"
	case reFieldSign.MatchString(q):
		p.field = "sign"
	}
	switch {
	case q == "status" || q == "liaison status":
		p.intent = IntentStatus
	case reHelp.MatchString(q):
		p.intent = IntentHelp
	case reYesNoMet.MatchString(q):
		p.intent, p.yesNo = IntentWhoMet, true
	case reWhichDidMeet.MatchString(q) && !strings.Contains(q, " discuss"):
		p.intent = IntentWhoMet
	case reMeetings.MatchString(q) || reWhatHappened.MatchString(q) ||
		reNameMeetings.MatchString(q) && !questionWords[strings.Fields(q)[0]]:
		p.intent = IntentMeetings
	case reAgreeList.MatchString(q):
		p.intent = IntentAgreements
	case (reWhoMet.MatchString(q) || reAttended.MatchString(q)) && !strings.Contains(q, "sign"):
		p.intent = IntentWhoMet
	case reWhere.MatchString(q):
		p.intent = IntentWhere
	case reWhen.MatchString(q):
		p.intent = IntentWhen
	case reDescribeMeeting.MatchString(q):
		p.intent = IntentTopics
	case reOutcomeQ.MatchString(q) && !reAgreementNoun.MatchString(q) && !strings.Contains(q, "how many"):
		p.intent = IntentOutcomes
	case reWhat.MatchString(q) && reTopics.MatchString(q) && !strings.Contains(q, "how many"):
		p.intent = IntentTopics
	case reWhoIs.MatchString(q) && !strings.Contains(q, " represent") && !strings.Contains(q, " chair") && !strings.Contains(q, " sign") && !strings.Contains(q, " open"):
		p.intent = IntentWhoIs
	case reWho.MatchString(q):
		p.intent = IntentWho
	case p.agreement && reAgreementFocus.MatchString(q):
		p.intent = IntentAgreements
	default:
		p.intent = IntentSearch
	}
	return p
}

// reNameMeetings matches a bare "Kolokoltsev meetings".
var reNameMeetings = mustQuick(`^([a-z'-]+ ){1,3}(meetings|visits)$`)

var reTrailingLast = regexp.MustCompile(`(?i)\s+last\s*[?.!]*\s*$`)

var reYear = mustQuick(`\b(1[89][0-9]{2}|20[0-9]{2})\b`)

// years returns the years a question names.
func years(q string) []int {
	var out []int
	for _, m := range reYear.FindAllString(q, -1) {
		y, _ := strconv.Atoi(m)
		out = append(out, y)
	}
	return out
}

// questionWords are words of the question grammar, never names.
var questionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`who whom whose what which where when why how did does do done is are was were be been
has have had will would can could should may might must met meet meets meeting meetings talks talk talked
visit visited sign signed with and or the a an of in on at to for from by about between
tell me show list give find any all some there their they them it its this that these those he she his her
please hi hello hey thanks thank you liaison bot first last next ever also then so and ok okay
hold held discuss discussed discussing agenda topics topic agreement agreements minister ministers
position role title office job rank chief head chair public share help
in_ year years month date day place city country countries government
summarize summarise summary describe explain outline brief overview details`) {
		questionWords[w] = true
	}
}
