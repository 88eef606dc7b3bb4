package lang

import (
	"liaison/internal/ascii"
	"liaison/internal/quickre"
	"regexp/syntax"
	"slices"
	"strings"
)

// The cue regexps of events.go and extract.go are word lists between \b
// anchors. Go's \b is an ASCII word boundary, so such a regexp can match
// only whole runs of ASCII word characters ([0-9A-Za-z_]), or runs joined
// by single spaces for phrases. scanCues reads a sentence's runs once and
// answers every cue at a time, with exactly the regexps' answers (tested
// against them in cuewords_test.go); text holding runes that fold to ASCII
// letters under (?i) goes to the regexps.

// WordRun is a maximal run of ASCII word characters, s[a:b].
type WordRun struct{ a, b int }

// CueScan is what a sentence's cue regexps say.
type CueScan struct {
	Participant bool  // reParticipantCue matches
	Visit       bool  // reVisit matches
	Discussed   bool  // reDiscussed matches
	Outcome     bool  // reOutcome matches
	SignVerb    []int // reSignVerb.FindStringIndex
	Anaphoric   bool  // isAnaphoric
	FactCue     bool  // reTerminate, reExpire or reInitiator matches
	NumberWord  bool  // reNumberWord matches
	Represented bool  // reRepresented may match: a run is "represented"
}

// asciiRuns appends the ASCII word runs of s to buf.
func asciiRuns(s string, buf []WordRun) []WordRun {
	for i := 0; i < len(s); {
		if !ascii.IsWord(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && ascii.IsWord(s[j]) {
			j++
		}
		buf = append(buf, WordRun{i, j})
		i = j
	}
	return buf
}

// runSeq is a sentence's runs with its lower-cased text.
type runSeq struct {
	s, low string
	rs     []WordRun
}

func (q *runSeq) word(k int) string { return q.low[q.rs[k].a:q.rs[k].b] }

// next reports whether run k+1 follows run k after exactly one space, and
// is w.
func (q *runSeq) next(k int, w string) bool {
	if k+1 >= len(q.rs) {
		return false
	}
	r, n := q.rs[k], q.rs[k+1]
	return n.a == r.b+1 && q.s[r.b] == ' ' && q.low[n.a:n.b] == w
}

// scanCues answers the cue regexps for s.
func scanCues(s string) CueScan {
	var buf [64]WordRun
	return ScanCuesLow(s, ascii.Lower(s), ascii.HasFoldRunes(s), buf[:0])
}

// ScanCuesLow is scanCues given lowerASCII(s) and hasFoldRunes(s), keeping
// the word runs in buf.
func ScanCuesLow(s, low string, foldRunes bool, buf []WordRun) CueScan {
	if foldRunes {
		return CueScan{
			Participant: ReParticipantCue.Regexp().MatchString(s),
			Visit:       ReVisit.Regexp().MatchString(s),
			Discussed:   ReDiscussed.Regexp().MatchString(s),
			Outcome:     ReOutcome.Regexp().MatchString(s),
			SignVerb:    ReSignVerb.Regexp().FindStringIndex(s),
			Anaphoric:   isAnaphoric(s),
			FactCue:     ReTerminate.Regexp().MatchString(s) || ReExpire.Regexp().MatchString(s) || ReInitiator.Regexp().MatchString(s),
			NumberWord:  ReNumberWord.Regexp().MatchString(s),
			Represented: true,
		}
	}
	q := runSeq{s: s, low: low, rs: asciiRuns(s, buf[:0])}
	var c CueScan
	for k, r := range q.rs {
		if n, f := r.b-r.a, q.low[r.a]; f < 'a' || f > 'z' || !cueTriggers[f-'a'][min(n, 15)] {
			continue // no cue starts with this run
		}
		w := q.word(k)
		// the commonest triggers only ever start an anaphor ("the
		// meeting") or, for "in", a fact cue ("in force until")
		switch w {
		case "the", "this", "that", "their", "its", "also", "were", "was":
			c.Anaphoric = c.Anaphoric || anaphorAt(&q, k)
			continue
		case "in":
			c.FactCue = c.FactCue || q.next(k, "force") && q.next(k+1, "until")
			continue
		}
		switch w {
		case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
			"thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
			"dozens", "half", "double", "twice":
			if s[r.a:r.b] == w { // reNumberWord is case-sensitive
				c.NumberWord = true
			}
		}
		if w == "represented" && s[r.a:r.b] == w { // reRepresented is case-sensitive
			c.Represented = true
		}
		if strings.HasPrefix(w, "visit") {
			c.Visit = true
		}
		// ReParticipantCue
		switch w {
		case "speech", "said", "says", "stated", "noted", "opened", "welcomed", "chaired", "attended", "informed",
			"introduced", "presented", "emphasised", "emphasized", "outlined", "briefed", "represented", "headed", "led",
			"hosted", "signed", "met", "visited", "assessed", "stressed":
			c.Participant = true
		case "co":
			if k+1 < len(q.rs) && q.rs[k+1].a == r.b+1 && s[r.b] == '-' && strings.HasPrefix(q.word(k+1), "chair") {
				c.Participant = true
			}
		case "held":
			c.Participant = c.Participant || q.next(k, "talks")
		case "drew":
			c.Participant = c.Participant || q.next(k, "attention")
		case "handed":
			c.Participant = c.Participant || q.next(k, "over")
		}
		// ReDiscussed
		switch w {
		case "agenda", "addressed", "emphasis", "topic", "topics", "raised", "reviewed", "considered", "briefed", "issues":
			c.Discussed = true
		case "exchanged":
			c.Discussed = c.Discussed || q.next(k, "views")
		case "talked":
			c.Discussed = c.Discussed || q.next(k, "about")
		case "talks":
			c.Discussed = c.Discussed || q.next(k, "on") || q.next(k, "about") || q.next(k, "concerned") || q.next(k, "covered")
		case "consultations":
			c.Discussed = c.Discussed || q.next(k, "on")
		case "dealt":
			c.Discussed = c.Discussed || q.next(k, "with")
		case "concentrated":
			c.Discussed = c.Discussed || q.next(k, "on")
		default:
			if strings.HasPrefix(w, "discuss") || strings.HasPrefix(w, "focus") {
				c.Discussed = true
			}
		}
		// ReOutcome
		switch w {
		case "signed", "adopted", "agreed", "approved", "launched", "established", "concluded", "decided":
			c.Outcome = true
		case "handed", "hand":
			c.Outcome = c.Outcome || q.next(k, "over")
		case "set":
			c.Outcome = c.Outcome || q.next(k, "up")
		}
		// ReSignVerb: the first match
		if c.SignVerb == nil {
			end := -1
			switch w {
			case "signed", "signing", "concluded", "adopted", "ratified":
				end = r.b
			case "entered":
				if q.next(k, "into") {
					end = q.rs[k+1].b
				}
			case "dating", "dates":
				if q.next(k, "back") && q.next(k+1, "to") {
					end = q.rs[k+2].b
				}
			}
			if end >= 0 {
				c.SignVerb = []int{r.a, end}
			}
		}
		// (reAnaphor's phrases start only with the words above)
		// ReTerminate, reExpire, reInitiator
		if !c.FactCue {
			switch w {
			case "expire", "expires", "expired", "expiry":
				c.FactCue = true
			case "valid":
				c.FactCue = q.next(k, "until")
			default:
				switch {
				case strings.HasPrefix(w, "terminat"), strings.HasPrefix(w, "denounc"), strings.HasPrefix(w, "cancel"),
					strings.HasPrefix(w, "suspend"), strings.HasPrefix(w, "initiat"):
					c.FactCue = true
				case strings.HasPrefix(w, "withdraw") || strings.HasPrefix(w, "withdrew"):
					c.FactCue = strings.HasPrefix(q.low[r.b:], " from")
				}
			}
		}
	}
	return c
}

// cueTriggers tells, by first letter and length (15 for longer), which
// runs can start a cue: the first ASCII word run of every match of the
// cue regexps ScanCuesLow answers, at every length from its own where the
// regexp lets the run go on ("discuss\w*", "visit" with nothing after),
// and "represented", the run it tells ReRepresented by.
var cueTriggers = func() (t [26][16]bool) {
	mark := func(w string, open bool) {
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			panic("lang: a cue regexp starts with no lower-case letter: " + w)
		}
		for n := min(len(w), 15); n < 16; n++ {
			t[w[0]-'a'][n] = true
			if !open {
				break
			}
		}
	}
	for _, re := range []*quickre.Regexp{ReParticipantCue, ReVisit, ReSignVerb, ReExpire, ReTerminate, ReInitiator,
		ReOutcome, ReDiscussed, ReAnaphor, ReNumberWord} {
		tree, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			panic(err)
		}
		runs, ok := leadRuns([]*syntax.Regexp{tree.Simplify()}, false)
		if !ok {
			panic("lang: cannot tell how matches of " + re.String() + " start")
		}
		for _, r := range runs {
			mark(r.word, r.open)
		}
	}
	mark("represented", false)
	return t
}()

// leadRun is the first ASCII word run of a match, lower case, and whether
// the text's run may go on after it.
type leadRun struct {
	word string
	open bool
}

// leadRuns returns the first word runs of the matches of the parts in a
// row, or false for a part it cannot read (a class of many letters, say);
// started tells that the run has begun. A run ends at a byte that is no
// word byte or at \b after it began; at the end of the expression, or at
// \w*, it may go on. Runes beyond ASCII in a class are those (?i) folds
// to ASCII letters, which text ScanCuesLow hands to the regexps holds.
func leadRuns(parts []*syntax.Regexp, started bool) ([]leadRun, bool) {
	if len(parts) == 0 {
		return []leadRun{{open: true}}, true
	}
	p, rest := parts[0], parts[1:]
	// then is the runs of what follows a match of p that spells w, a run
	// of word bytes so far
	then := func(w string) ([]leadRun, bool) {
		rs, ok := leadRuns(rest, true)
		for i := range rs {
			rs[i].word = w + rs[i].word
		}
		return rs, ok
	}
	switch p.Op {
	case syntax.OpBeginText, syntax.OpBeginLine, syntax.OpEmptyMatch:
		return leadRuns(rest, started)
	case syntax.OpWordBoundary:
		if !started {
			return leadRuns(rest, false)
		}
		return []leadRun{{}}, true
	case syntax.OpLiteral:
		lit := strings.ToLower(string(p.Rune))
		k := 0
		for k < len(lit) && ascii.IsWord(lit[k]) {
			k++
		}
		if k < len(lit) {
			return []leadRun{{word: lit[:k]}}, true
		}
		return then(lit)
	case syntax.OpCharClass:
		var in [128]bool
		n := 0
		for i := 0; i+1 < len(p.Rune); i += 2 {
			for r := p.Rune[i]; r <= min(p.Rune[i+1], 127); r++ {
				in[r] = true
				n++
			}
		}
		word := true // the class holds every word byte: \w
		for c := range 128 {
			word = word && (!ascii.IsWord(byte(c)) || in[c])
		}
		if word {
			return []leadRun{{open: true}}, true
		}
		if n > 8 {
			return nil, false
		}
		var out []leadRun
		for c := range 128 {
			if !in[c] {
				continue
			}
			if !ascii.IsWord(byte(c)) {
				out = append(out, leadRun{})
				continue
			}
			rs, ok := then(strings.ToLower(string(rune(c))))
			if !ok {
				return nil, false
			}
			out = append(out, rs...)
		}
		return out, true
	case syntax.OpStar, syntax.OpQuest:
		// the part once, or not at all
		with, ok1 := leadRuns(append([]*syntax.Regexp{p.Sub[0]}, rest...), started)
		without, ok2 := leadRuns(rest, started)
		return append(with, without...), ok1 && ok2
	case syntax.OpPlus, syntax.OpCapture:
		return leadRuns(append([]*syntax.Regexp{p.Sub[0]}, rest...), started)
	case syntax.OpConcat:
		return leadRuns(append(slices.Clone(p.Sub), rest...), started)
	case syntax.OpAlternate:
		var out []leadRun
		for _, sub := range p.Sub {
			rs, ok := leadRuns(append([]*syntax.Regexp{sub}, rest...), started)
			if !ok {
				return nil, false
			}
			out = append(out, rs...)
		}
		return out, true
	}
	return nil, false
}

// anaphorAt reports whether reAnaphor matches at run k, as isAnaphoric
// reads it: a phrase not followed by " of " or " between ".
func anaphorAt(q *runSeq, k int) bool {
	if !anaphorPair(q, k) {
		return false
	}
	rest := q.s[q.rs[k+1].b:]
	return !strings.HasPrefix(rest, " of ") && !strings.HasPrefix(rest, " between ")
}

// anaphorPair reports whether runs k and k+1 are one of reAnaphor's
// phrases. No phrase's second word starts another, so reAnaphor's matches
// are exactly these pairs.
func anaphorPair(q *runSeq, k int) bool {
	if k+1 >= len(q.rs) {
		return false
	}
	r, n := q.rs[k], q.rs[k+1]
	if n.a != r.b+1 || q.s[r.b] != ' ' {
		return false
	}
	second := q.word(k + 1)
	switch q.word(k) {
	case "the":
		switch second {
		case "ministers", "parties", "participants", "officials", "delegations", "sides":
			return true
		}
		fallthrough
	case "this", "that", "their", "its":
		switch second {
		case "meeting", "talks", "visit", "session", "event", "summit", "consultations", "negotiations":
			return true
		}
	case "also":
		switch second {
		case "attended", "met", "meet":
			return true
		}
	case "were", "was":
		return second == "continued"
	}
	return false
}

// The cue regexps: what each cue of a sentence means. ScanCuesLow gives
// their answers from one pass over a sentence; the regexps are its
// definition, and answer for text holding runes that (?i) folds to ASCII
// letters. Their gates are derived from them (internal/quickre).
var (
	// ReParticipantCue matches a sentence names what a participant did (spoke, chaired, attended, signed ...).
	ReParticipantCue = quickre.MustCompile(`(?i)\b(speech|said|says|stated|noted|opened|welcomed|chaired|co-chair\w*|attended|informed|introduced|presented|emphasi[sz]ed|outlined|briefed|represented|headed|led|hosted|signed|met|visited|held talks|drew attention|handed over|assessed|stressed)\b`)
	// ReVisit matches a visit.
	ReVisit = quickre.MustCompile(`(?i)\bvisit`)
	// ReRepresented matches "Finland was represented by ...": the country (group 1) a person after "by" stands for.
	ReRepresented = quickre.MustCompile(`\b([A-Z][\p{L}]+) (?:was|is|were|are) represented\b.*?\bby\b`)
	// ReSignVerb matches a signing or conclusion ("signed", "entered into", "dates back to").
	ReSignVerb = quickre.MustCompile(`(?i)\b(signed|signing|concluded|entered into|dating back to|dates back to|adopted|ratified)\b`)
	// ReExpire matches an expiry ("expires", "valid until").
	ReExpire = quickre.MustCompile(`(?i)\b(expire|expires|expired|expiry|valid until|remain in force until|in force until)\b`)
	// ReTerminate matches an end ("terminated", "denounced", "withdrew from", "suspended").
	ReTerminate = quickre.MustCompile(`(?i)\b(terminat\w*|denounc\w*|withdr[ae]w\w* from|cancel\w*|suspend\w*)`)
	// ReInitiator matches who initiated something.
	ReInitiator = quickre.MustCompile(`(?i)\b(initiat\w*|initiative)\b`)
	// ReOutcome matches an outcome of a meeting ("agreed", "adopted", "set up").
	ReOutcome = quickre.MustCompile(`(?i)\b(signed|adopted|handed over|hand over|agreed|approved|launched|established|set up|concluded|decided)\b`)
	// ReDiscussed matches what a meeting discussed ("discussed", "the agenda", "talks on").
	ReDiscussed = quickre.MustCompile(`(?i)\b(discuss\w*|agenda|addressed|focus\w*|emphasis|topics?|raised|reviewed|exchanged views|considered|briefed|talked about|talks (on|about|concerned|covered)|consultations on|dealt with|issues|concentrated on)\b`)
	// ReAnaphor matches a reference back to a meeting ("the talks", "also met", "the sides").
	ReAnaphor = quickre.MustCompile(`(?i)\b(the|this|that|their|its) (meeting|talks|visit|session|event|summit|consultations|negotiations)\b|\balso (attended|met|meet)\b|\b(were|was) continued\b|\bthe (ministers|parties|participants|officials|delegations|sides)\b`)
	// ReNumberWord matches a number written as a word.
	ReNumberWord = quickre.MustCompile(`\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|half|double|twice)\b`)
)

// isAnaphoric reports whether ReAnaphor matches text, but not as "the
// meeting of" or "the talks between".
func isAnaphoric(text string) bool {
	for _, m := range ReAnaphor.FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		if strings.HasPrefix(rest, " of ") || strings.HasPrefix(rest, " between ") {
			continue
		}
		return true
	}
	return false
}
