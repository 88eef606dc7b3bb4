package bot

// This file holds the vocabularies the core reads questions and answer
// sentences with, in one place: the patterns of the question grammar
// (routes, kinds of answer, fields, events, exclusions), the word lists
// (question words, number words, office words, synonyms) and the cues
// that make a sentence an answer of a kind (dates, causes, lists, what
// leans on the sentence before).

import (
	"regexp"
	"strings"

	"liaison/knowledge/lang"
)

var (
	reHowOften  = mustQuick(`\bhow (often|frequently|regularly)\b`)
	reFrequency = regexp.MustCompile(`(?i)\b(once|twice|three times|every|annual|annually|yearly|monthly|weekly|daily|regularly|a year|per year|each year)\b`)
)

var reHowMany = mustQuick(`^(roughly |approximately |about )?(how (many|much|long|often|large|big)|what (number|share|percentage|amount)|within how)\b|\bhow many\b`)

// reContinues matches a sentence that goes on about what the one before
// it names: it opens with a pronoun for it.
var reContinues = regexp.MustCompile(`^(It|They|This body|The body|Its|Their) `)

// reCountQ matches a question that asks for a count or an amount.
var reCountQ = mustQuick(`\bhow (many|much)\b|\bwhat (number|share|percentage|proportion|amount)\b`)

// reMeasureQ matches a question that asks for a measure: a length, a
// distance, a size. "How long was the meeting?" asks for a duration,
// which dates can answer, and is not one.
var reMeasureQ = mustQuick(`\bhow (far|big|large|wide|high|tall|deep|heavy|long is|long are)\b`)

var reWhatDid = mustQuick(`^(what|which|whom|who)( \w+)? (did|does|do|will|has|have|had|was|were|is|are)\b`)

var reFocus = mustQuick(`(?:^|\b(?:under|in|on|for|of|to|with|by|from) )(?:which|what)(?: (?:kinds?|types?|sorts?) of)? ([a-z'-]+)(?: ([a-z'-]+))?`)

// reAgreementNoun matches a question that names an agreement.
var reAgreementNoun = mustQuick(`\b(agreements?|treaty|treaties|memorand\w*|mou|protocols?|accords?|conventions?|deals?)\b`)

var reRoleWord = regexp.MustCompile(`\b(ministers?|officials?|officers?|police|chiefs?|heads?|ambassadors?|diplomats?|prosecutors?|customs|border guards?|representatives?)\b`)

// outcomeWords are the words of a question about what a meeting agreed
// or decided (reOutcomeQ), which name nothing about the meeting.
var outcomeWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`agree agreed decide decided conclude concluded achieve achieved resolve resolved
outcome outcomes result results come came out anything`) {
		outcomeWords[w] = true
	}
}

// reAsksNext matches a question about a meeting still to come ("where
// will the next meeting be held?", "when will they meet next?").
var reAsksNext = mustQuick(`\b(next|upcoming|forthcoming|future)\b`)

// reSaysNext matches a sentence about a meeting still to come.
var reSaysNext = regexp.MustCompile(`(?i)\b(next|upcoming|forthcoming|following) (meeting|session|round|talks|summit|consultations)\b|\bwill (be held|take place|meet|convene|gather)\b`)

// hostVerbs are the verbs that say who hosted something.
const hostVerbs = `(hosted|hosts|organi[sz]ed|organi[sz]es|arranged|received)`

// reHostVerb matches a question about who hosted or organised something.
var reHostVerb = mustQuick(`\bwho(m)? ` + hostVerbs + `\b`)

var reSentenceHostVerb = regexp.MustCompile(`(?i)\b` + hostVerbs + `\b`)

// reListOpening opens a question asking for a list of people.
var reListOpening = mustQuick(`^(which|what|who are|who were|list|show|name|give me)\b`)

// auxiliaries are verbs that make the words after them the question's
// subject, not what it asks for: "what did the ministers agree?".
var auxiliaries = map[string]bool{"did": true, "does": true, "do": true, "were": true, "was": true, "is": true, "are": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true, "should": true}

var (
	meetingCueWords = map[string]bool{}
	meetingCueFirst = map[string]bool{"took": true, "take": true, "taken": true, "come": true, "came": true}
)

func init() {
	for _, w := range strings.Fields(`met meet meets meeting meetings talks visit visits visited visiting held hold holds
convene convened gather gathered discuss discussed summit conference session consultations negotiations`) {
		meetingCueWords[w] = true
	}
}

// reOfficeEvent matches a question about taking up or leaving an office
// ("when did she become minister?"): a meeting's date does not answer it.
var reOfficeEvent = mustQuick(`\b(become|became|appointed|elected|took over|take over|taken over|assume|assumed|took office|take office|taken office|named|resign|resigned|step down|stepped down|left office|leave office|dismissed|sworn in|retire|retired)\b`)

// reTermination matches a sentence about ending an agreement.
var reTermination = regexp.MustCompile(`(?i)\b(terminat\w*|denounc\w*|withdr[ae]w\w* from|cancel\w*)`)

// reSignedBefore matches the words before a date that make it the date of
// signing ("signed with Russia in 2012").
var reSignedBefore = regexp.MustCompile(`(?i)\b(signed|concluded|adopted|ratified|since|dating back to)\b(\s+\S+){0,4}\s*$`)

// reLeadQ matches "who leads/heads/runs … ?", a question about whoever
// heads a body, whatever the office is called.
var reLeadQ = mustQuick(`^who (leads|heads|runs|directs|commands|chairs|is in charge of|is at the head of)\b`)

// leadHeads are the terms of the offices that head a body.
var leadHeads = lang.Terms("head chief director chairman chair commissar commissioner commander president")

// reOutcomeSentence matches a sentence that reports what a meeting
// agreed, decided, confirmed or produced, or what will follow from it.
// Sentences with the strong cues come first, then those that only say
// what will follow or what was noted (reWeakOutcome).
var (
	reOutcomeSentence = regexp.MustCompile(`(?i)\b(agree|agrees|agreed|agreement was reached|decide|decided|decision|concluded|conclusion|confirmed|confirms|readiness|ready to|signed|determined|resolved|outcome|results?|handed over|hand over|adopted|approved|launched|established|set up|managed to)\b`)
	reWeakOutcome     = regexp.MustCompile(`(?i)\b(will|shall|noted|praised|assessed)\b`)
)

// reScheduled matches a sentence about a visit still to come ("he will
// also meet the Prosecutor General"): a programme, not a result.
var reScheduled = regexp.MustCompile(`(?i)\bwill (also )?(meet|visit|travel|hold talks|attend)\b`)

// reTopicsOverall matches a question about the topics of all meetings
// ("which topics were discussed most often?").
var reTopicsOverall = mustQuick(`\b(most often|most frequently|most common|most commonly|most discussed|main|top|recurring|frequent)\b`)

var (
	reAskTerminated = mustQuick(`\b(terminat\w*|ended|ends|end|denounc\w*|cancel\w*|withdr[ae]w\w*|scrapped|suspended)\b`)
	reAskInForce    = mustQuick(`\b(in force|still valid|valid|in effect)\b`)
)

var (
	reHelp           = mustQuick(`^(help|\?|what can you do|what do you do|how do (i|you) use|commands|usage)\b`)
	reWhoMet         = mustQuick(`\bwho(m)? (did|has|had|does|do|will|was|is|were) .*\b(meet|met|meeting|talks?|talked|visit|visited|hold talks|held talks|negotiate)\b|\bwho(m)? (met|meets|has met|visited|held talks|hosted|received)\b|\bmet (with )?whom\b|\bwith whom (did|has|had|does|do|will|was|were)\b|\b(counterpart|interlocutor|host|guest)s?\b.*\b(in|at|during|on)\b|^who was \w+('s)? (counterpart|interlocutor|host|guest)\b`)
	reWhere          = mustQuick(`^where\b|\bwhere (did|was|were|is|are|do|does|will|had|has)\b|\bin (which|what) (city|town|place|country|location|venue)\b|\bwhat (city|town|place|venue|location)\b`)
	reWhen           = mustQuick(`^when\b|\bwhen (did|was|were|is|does|do|will|had|has)\b|\bwhat (date|day|year|month|time)\b|\bin (which|what) (year|month)\b|\b(until|since|till) when\b|\bhow long ago\b`)
	reWhoIs          = mustQuick(`^(who is|who's|who was|whos|tell me about|what is known about)\b|\bwhat (is|was) (the )?(position|role|title|office|job|rank) of\b|\b(position|role|title|office|job|rank)s?( does| did| is| was)?\b.*\?*$`)
	reWhichDidMeet   = mustQuick(`^(which|what) .*\b(did|has|have|had)\b.*\b(meet|met|hold talks with|held talks with|talk to|talked to|visit|visited|receive|received)\b`)
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

// reNameMeetings matches a bare "Kolokoltsev meetings".
var reNameMeetings = mustQuick(`^([a-z'-]+ ){1,3}(meetings|visits)$`)

var reTrailingLast = regexp.MustCompile(`(?i)\s+last\s*[?.!]*\s*$`)

var reYear = mustQuick(`\b(1[89][0-9]{2}|20[0-9]{2})\b`)

// grammarTerms are the index terms of words of the question grammar that
// say nothing of what it asks about ("since when …?"): not searched for.
var grammarTerms = map[string]bool{}

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
summarize summarise summary describe explain outline brief overview details
since until till after before during besides despite although because whether according regarding concerning
without within else together`) {
		questionWords[w] = true
	}
	for _, w := range strings.Fields(`since until till after before during besides despite although because whether according
regarding concerning without within else together`) {
		for _, t := range lang.Terms(w) {
			grammarTerms[t] = true
		}
	}
}

// The words a question's kind of answer is read from (kindOf).
var (
	// reAsksReason matches a question for a cause ("why …?", "… and if
	// not, why?").
	reAsksReason = mustQuick(`^why\b|\bwhy (did|do|does|was|were|is|are|has|have|had|would|will|not)\b|\bfor what reasons?\b|\bwhat (was|were|is|are) the (main )?reasons?\b|\bhow come\b|\bon what (grounds|basis)\b|\b(if not|and) why\b`)
	// reAsksCountries matches a question for countries ("which
	// countries …?", "which countries' ministers …?").
	reAsksCountries = mustQuick(`\b(which|what) (countries|country|states|nations|member states)\b`)
	// reAsksPeople matches a question for several people.
	reAsksPeople = mustQuick(`^(who (are|were)|which|what|list|name)( \w+){0,2} (ministers|officials|people|persons|representatives|participants|delegates|officers|chiefs|heads|ambassadors|leaders|signatories|experts|chairs|co-chairs|agencies|authorities|bodies|organisations|organizations|institutions|ministries|services|delegations)\b|^who( else)? (attended|participated|took part|was present|were present|were at)\b`)
	// reAsksPerson matches a question for a person, or a body acting as
	// one ("who hosted …?").
	reAsksPerson = mustQuick(`^(who|whom|whose)\b|\b(by whom|under whose|with whom)\b|^(which|what)( \w+){0,2} (minister|official|person|representative|officer|chief|head|ambassador|leader|president|commissioner|spokesman|spokesperson|spokeswoman|director|chairman|chairwoman|chair|prosecutor|envoy|secretary|body|authority|agency|organisation|organization|institution|ministry)\b`)
	// reAsksDocument matches a question for an agreement or document.
	reAsksDocument = mustQuick(`^(which|what)( \w+){0,2} (agreements?|treaty|treaties|memorand\w*|protocols?|documents?|deals?|accords?|declarations?|statements?|letters?|decrees?|conventions?)\b`)
	// reAsksYesNo opens a question that asks whether.
	reAsksYesNo = mustQuick(`^(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|shall)\b`)
)

// Words in sentences that hold an answer of a kind (sentenceKind).
var (
	// reDocumentWord matches a sentence that names a document.
	reDocumentWord = mustQuick(`(?i)\b(agreements?|treaty|treaties|memorand\w*|protocols?|documents?|accords?|declarations?|statements?|letters?|decrees?|conventions?|deals?)\b`)
	// reReasonCue matches a sentence that gives a cause.
	reReasonCue = mustQuick(`(?i)\b(because|due to|owing to|as a result|in the wake of|in response to|reasons?|since|caused|cause|basis|grounds|in order to|so that|therefore|amid|citing|claiming|has not wanted|did not want|refused|refuses|on account of|because of|in protest|in view of|followed|following)\b`)
)

// reExclusion matches what a question sets aside; its last group is the
// words after the marker.
var reExclusion = mustQuick(`\b(besides|other than|apart from|aside from|except|excluding|not counting|in addition to)\b(.*)$`)

// exclusionWords are the index terms of the words that set something
// aside (reExclusion), which are not searched for.
var exclusionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range lang.Terms("besides other apart aside except excluding counting addition") {
		m[t] = true
	}
	return m
}()

// reAlsoCue matches a sentence that adds to something named before it
// ("also visited …"): the answer to a question that sets one thing aside.
var reAlsoCue = mustQuick(`(?i)\b(also|as well|in addition|besides|furthermore|moreover|other)\b`)

// eventWords are the words for the events a question may ask the date,
// place or actor of, each line one event and its synonyms ("when was he
// apprehended?" is answered by "he was detained on …"). A passage must
// hold a word of each event its question names (passage.event).
var eventWords = `sign signed signing signature signatory signatories conclude concluded ink inked
expire expires expired expiry lapse lapsed valid
terminate terminated termination denounce denounced withdraw withdrew withdrawn withdrawal cancel cancelled scrap scrapped end ended ends ending
approve approved approval ratify ratified ratification endorse endorsed
apprehend apprehended arrest arrested detain detained detention capture captured abduct abducted seize seized
establish established establishment found founded set-up create created
appoint appointed appointment elect elected become became assume assumed
negotiate negotiated negotiating negotiation negotiations
publish published publication
close closed closure shut
reopen reopened
suspend suspended suspension
launch launched
arrive arrived arrival
resign resigned resignation`

// forceEvent is the event of entering into force, which a phrase names
// ("enter into force", "take effect"): "force" alone is as often a task
// force.
const forceEvent = -1

// reAsksForce matches a question about entering into force ("when does
// it enter into force?", "how is it brought into force?").
var reAsksForce = mustQuick(`\b(into|in) (force|effect)\b|\beffective\b`)

// sayEvent is the event of saying something, which a sentence may tell
// by attribution ("according to the minister") as much as by a verb.
const sayEvent = -2

// sayWords are the words of a question that ask what someone said or
// announced.
var sayWords = map[string]bool{"say": true, "said": true, "says": true, "state": true, "stated": true, "announce": true,
	"announced": true, "tell": true, "told": true, "comment": true, "commented": true, "claim": true, "claimed": true}

// documentNouns are the words for documents, which "say" what they hold.
var documentNouns = map[string]bool{"statement": true, "report": true, "release": true, "agreement": true, "document": true,
	"declaration": true, "letter": true, "note": true, "text": true, "treaty": true, "memorandum": true, "protocol": true}

// reSaysSay matches a sentence that reports what someone said.
var reSaysSay = mustQuick(`(?i)\b(said|says|say|stated|states|told|announced|announces|according to|commented|noted|stressed|emphasi[sz]ed|claimed|added|declared)\b`)

// reSaysForce matches a sentence about entering into force.
var reSaysForce = mustQuick(`(?i)\b(into force|in force|into effect|in effect|effective from|effective as of|entry into force|entered into force|enters into force)\b`)

// eventOf maps an index term to the event it names (its line of
// eventWords), from 1; 0 for none.
var eventOf = func() map[string]int {
	m := map[string]int{}
	for i, line := range strings.Split(eventWords, "\n") {
		for _, t := range lang.Terms(line) {
			if m[t] == 0 {
				m[t] = i + 1
			}
		}
	}
	return m
}()

// Words that set a question, and a sentence, before or after a time.
var (
	// reAsksEarlier matches a question about an earlier event ("the
	// previous meeting").
	reAsksEarlier = mustQuick(`\b(previous|last|earlier|former|prior|preceding|before that)\b`)
	// reEarlierCue matches a sentence that speaks of an earlier time.
	reEarlierCue = mustQuick(`(?i)\b(since|previous|previously|last|earlier|former|formerly|before|ago|prior)\b`)
	// reAsksStart matches a question about when something began ("since
	// when have they been negotiating?").
	reAsksStart = mustQuick(`\b(since when|how long have|how long has)\b`)
	// reStartCue matches a sentence that says when something began.
	reStartCue = mustQuick(`(?i)\b(since|began|begun|begin|started|launched|first)\b`)
	// reLaterCue matches a sentence that speaks of a later time.
	reLaterCue = mustQuick(`(?i)\b(next|will|upcoming|forthcoming|future|following|planned|to be held|later)\b`)
)

// reOpensOther opens a question with a question word that does not ask
// who: "what do the ministers who met in Vilnius want?"
var reOpensOther = mustQuick(`^(what|which|how|why|when|where|in what|in which)\b`)

// reCounted matches a question for a count and the noun it counts ("how
// many joint operations were there?": joint operations), in its last
// group.
var reCounted = mustQuick(`\bhow many ((?:[a-z'-]+ ?){1,4})`)

// countedStops end the noun a "how many" question counts.
var countedStops = map[string]bool{"were": true, "was": true, "are": true, "is": true, "did": true, "do": true, "does": true,
	"have": true, "has": true, "had": true, "will": true, "would": true, "can": true, "could": true, "took": true, "take": true,
	"met": true, "attended": true, "arrived": true, "came": true, "in": true, "at": true, "of": true, "from": true, "to": true,
	"for": true, "on": true, "during": true, "there": true, "by": true, "with": true}

// leanBackOpeners open a sentence that leans on the one before it ("It
// will be responsible for …"); leanBackPhrases, lower-case, draw on it
// ("… therefore sent a joint letter", "the decision followed …").
var (
	leanBackOpeners = map[string]bool{"This": true, "These": true, "That": true, "Those": true, "Such": true, "It": true,
		"They": true, "He": true, "She": true, "His": true, "Her": true, "Their": true}
	leanBackPhrases = []string{" therefore", " thus ", " hence", "consequently", "as a result", "for this reason",
		"in response", "the decision", "this decision", "that decision", "the move", "the step", "the measure"}
)

// reSecondQuestion matches where a question's second part begins (", and
// how much …", "; what …").
var reSecondQuestion = regexp.MustCompile(`(?i)(,\s*and|;|,\s*but)\s+(?:how|what|when|where|who|whom|which|why|if|whether|is|are|was|were|did|does|do)\b`)

// reAsksWho matches a question that asks who, or which body, which a body
// can answer ("who hosted …?", "which Estonian body audited …?"), unlike
// "which minister …?".
var reAsksWho = mustQuick(`^(who|whom|whose)\b|\b(by whom|under whose)\b|^(which|what)( \w+){0,2} (body|bodies|authority|authorities|agency|agencies|organisation|organisations|organization|organizations|institution|institutions|ministry|ministries|office|service|committee|department|country)\b`)

// synonyms are groups of words a question may use where the releases use
// another of the group ("is it compulsory?": "it is voluntary"; "the main
// goals": "the main objectives"). A word of a question that no release
// uses is searched as the words of its group they do use.
var synonyms = `goal goals aim aims objective objectives purpose purposes
compulsory mandatory obligatory voluntary optional binding
big large size
start started beginning begin began begun initial outset
ban banned prohibit prohibited forbid forbidden
allow allowed permit permitted authorise authorised authorize authorized
increase increased rise rose grow grew
decrease decreased fall fell drop dropped decline declined reduce reduced
stop stopped halt halted cease ceased freeze froze frozen
help helped assist assisted assistance support supported aid
threat threats risk risks danger dangers
boss chief head leader director
talks consultations negotiations discussions
meet met meets meeting visit visited visits visiting tour toured inspect inspected
give gave given hand handed present presented donate donated
cost costs budget budgets funding expenditure
annual annually yearly`

// synonymGroups maps an index term to the index terms of its group.
var synonymGroups = func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(synonyms, "\n") {
		ts := uniq(lang.Terms(line))
		for _, t := range ts {
			m[t] = ts
		}
		for _, w := range strings.Fields(line) {
			if lang.StopWords[w] {
				t := lang.Stem(w)
				m[t] = ts
				genericVerbs[w] = t
			}
		}
	}
	return m
}()

// genericVerbs maps the words of synonym groups that the index drops as
// too generic ("give", "gave") to their stems: searched, as their group,
// only where one is the verb of a question (askedVerbs).
var genericVerbs = map[string]string{}

// reEnumeration matches a list of three or more short items ("rape,
// aggravated assault and homicide"; "Haparanda, Kiruna, Pajala and
// Övertorneå").
var reEnumeration = regexp.MustCompile(`(?:[\pL\pN'’-]+ ){0,3}[\pL\pN'’-]+, (?:(?:[\pL\pN'’-]+ ){0,3}[\pL\pN'’-]+, )*(?:[\pL\pN'’-]+ ){0,3}[\pL\pN'’-]+,? (?:and|or) (?:[\pL\pN'’-]+ ){0,3}[\pL\pN'’-]+`)

// lesserRanks are the terms of words that make an office another, lesser
// one ("deputy minister"), unless the question says them too.
var lesserRanks = lang.Terms("deputy vice assistant acting")

// genericPeople are words for people in general.
var genericPeople = map[string]bool{"official": true, "officials": true, "people": true, "person": true, "persons": true,
	"participant": true, "participants": true, "representative": true, "representatives": true, "officer": true,
	"officers": true, "delegate": true, "delegates": true, "everyone": true, "everybody": true}

// officeHeads are the words that make a phrase an office ("minister",
// "head"), singular.
var officeHeads = map[string]bool{}

// headAlts gives, for each head word, the head words an office may use
// for it: the head of an office may be its chief or director.
var headAlts = map[string]string{}

// officeSynonyms maps an office term to the terms that name the same
// portfolio: an interior minister is also "of internal affairs" or "for
// home affairs".
var officeSynonyms = map[string][]string{}

func init() {
	for _, w := range strings.Fields(`minister ambassador chief head chairman chair commissar commissioner
director secretary president general prosecutor governor commander`) {
		officeHeads[w] = true
		headAlts[w] = w
	}
	headAlts["head"] = "head chief director"
	headAlts["chief"] = "chief head"
	interior := lang.Terms("interior internal home")
	for _, t := range interior {
		officeSynonyms[t] = interior
	}
	police := lang.Terms("police commissar")
	officeSynonyms[police[0]] = police
}

// grammarWords are the words a question's intent is read from; a typo in
// one of them ("wher did Orpo meet Kolokoltsev?") would leave the question
// to plain search.
var grammarWords = strings.Fields(`who whom where when which what meet meets met meeting meetings discuss discussed
discussion agreement agreements treaty treaties memorandum signed sign topics agenda minister ministers visit visited
talks held hold happened took place`)

var reLetters = regexp.MustCompile(`\p{L}+`)

// grammarFirst are the first letters of grammarWords: a typo seldom
// changes the first letter, and a word starting otherwise is not tried.
var grammarFirst = map[byte]bool{}

func init() {
	for _, g := range grammarWords {
		grammarFirst[g[0]] = true
	}
}

// placePreps are the words a place name follows.
var placePreps = map[string]bool{"in": true, "at": true, "to": true, "from": true}

// nameBefore are the words a name follows in a question.
var nameBefore = map[string]bool{"met": true, "meet": true, "meets": true, "meeting": true, "with": true, "and": true,
	"is": true, "was": true, "did": true, "does": true, "has": true, "about": true, "whom": true, "by": true, "visited": true}

// reBodyName matches the name of a body that can act like a person ("the
// Federal Customs Service", "the Ministry of the Interior hosted …").
var reBodyName = mustQuick(`\b(Ministry|Ministries|Service|Committee|Commission|Council|Office|Department|Board|Agency|Police|Guard|Government|Secretariat|Presidency|Directorate|Headquarters|Centre|Center|Parliament|Prosecutor|Court|Customs|Interpol|INTERPOL|Europol|Frontex|NATO)\b`)

// countryNouns are the index terms of the words that count countries.
var countryNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range lang.Terms("countries country states state nations nation") {
		m[t] = true
	}
	return m
}()

// numberWords are the words that give a figure, lower-case.
var numberWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve twenty thirty forty
fifty hundred hundreds thousand thousands million millions dozen dozens two-day three-day half double twice`) {
		numberWords[w] = true
	}
}

// countryStems are the index terms of country names ("finland").
var countryStems = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range lang.Countries() {
		for _, t := range lang.Terms(c) {
			if lang.CountryOf(t) != "" { // "finland", not the "state" of "United States"
				m[t] = true
			}
		}
	}
	return m
}()

// reOpeningWord matches a question's first word when punctuation follows
// it.
var reOpeningWord = regexp.MustCompile(`^\s*(\p{L}+)\s*[:,;!]`)

// rePassive matches a sentence in the passive ("was signed", "were
// adopted"), whose agent, if any, follows "by".
var rePassive = mustQuick(`\b(was|were|is|are|been|be) [a-z]+(ed|en|wn|ld|ht)\b`)

// anyoneTerms are the index terms of the words that count people of any
// kind ("how many people …?": "900 asylum seekers").
var anyoneTerms = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range lang.Terms("people person persons individuals") {
		m[t] = true
	}
	return m
}()

// pastVerbs are irregular past forms, which end the noun a "how many"
// question counts ("how many people sought asylum …?").
var pastVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`sought came went met took made held gave got left saw became began brought built
bought caught chose fought found had kept knew led lost paid put ran said sent set sat spent stood told thought won
wrote fled drove flew grew rose fell`) {
		pastVerbs[w] = true
	}
}

// bodyNouns are the nouns that name a body that meets ("the police
// working group", "the crime prevention committee").
var bodyNouns = map[string]bool{"group": true, "committee": true, "commission": true, "council": true, "board": true,
	"forum": true, "force": true, "team": true, "network": true}

// personPronouns open a sentence about the person the one before it names.
var personPronouns = map[string]bool{"He": true, "She": true, "They": true, "His": true, "Her": true}

// reWhatDidDo opens a question about what someone did ("what did
// Rantanen brief her colleagues about?"), not about what something was.
var reWhatDidDo = mustQuick(`^(what|which)( \w+)? (did|does|do|has|have|had|will)\b`)

// measureUnits are the units a measure is given in.
var measureUnits = map[string]bool{"km": true, "kilometres": true, "kilometers": true, "kilometre": true, "kilometer": true,
	"metres": true, "meters": true, "miles": true, "hectares": true, "euros": true, "euro": true, "dollars": true,
	"million": true, "billion": true, "thousand": true, "percent": true, "per": true, "hours": true, "days": true,
	"weeks": true, "months": true, "years": true, "tonnes": true, "tons": true, "kilograms": true, "kg": true}

// roleTerms are the index terms of the words for people in a role
// ("ministers", "officials", "the head"), which say who, not what.
var roleTerms = func() map[string]bool {
	m := map[string]bool{}
	for w := range genericPeople {
		for _, t := range lang.Terms(w) {
			m[t] = true
		}
	}
	// (officeHeads is filled by an init function, after this)
	for _, t := range lang.Terms(`minister ministers ambassador ambassadors chief chiefs head heads chairman chair
commissar commissioner director directors secretary president general prosecutor governor commander`) {
		m[t] = true
	}
	return m
}()
