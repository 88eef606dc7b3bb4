package knowledge

import (
	"strings"
	"unsafe"
)

// The cue regexps of events.go and extract.go are word lists between \b
// anchors. Go's \b is an ASCII word boundary, so such a regexp can match
// only whole runs of ASCII word characters ([0-9A-Za-z_]), or runs joined
// by single spaces for phrases. scanCues reads a sentence's runs once and
// answers every cue at a time, with exactly the regexps' answers (tested
// against them in cuewords_test.go); text holding runes that fold to ASCII
// letters under (?i) goes to the regexps.

// wordRun is a maximal run of ASCII word characters, s[a:b].
type wordRun struct{ a, b int }

// cueScan is what a sentence's cue regexps say.
type cueScan struct {
	participant bool  // reParticipantCue matches
	visit       bool  // reVisit matches
	discussed   bool  // reDiscussed matches
	outcome     bool  // reOutcome matches
	signVerb    []int // reSignVerb.FindStringIndex
	anaphoric   bool  // isAnaphoric
	factCue     bool  // reTerminate, reExpire or reInitiator matches
	numberWord  bool  // reNumberWord matches
	represented bool  // reRepresented may match: a run is "represented"
}

// hasFoldRunes reports whether s holds a rune that (?i) folds to an ASCII
// letter: the Kelvin sign (k) or the long s.
func hasFoldRunes(s string) bool {
	i := nonASCIIFrom(s, 0) // most text is ASCII: one pass answers
	return i < len(s) && (strings.Contains(s[i:], "\u212a") || strings.Contains(s[i:], "\u017f"))
}

// lowerASCII returns s with ASCII letters lower-cased, other bytes kept,
// so that byte offsets stay the same.
func lowerASCII(s string) string {
	i := upperOrHighFrom(s, 0, false)
	if i == len(s) {
		return s
	}
	buf := make([]byte, len(s))
	copy(buf, s)
	lowerASCIIBytes(buf[i:])
	// buf is new and never written again: the string may share it
	return unsafe.String(&buf[0], len(buf))
}

// lowerByte maps each byte to its ASCII lower case.
var lowerByte = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i + 32)
		}
	}
	return t
}()

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool { return nonASCIIFrom(s, 0) == len(s) }

// asciiRuns appends the ASCII word runs of s to buf.
func asciiRuns(s string, buf []wordRun) []wordRun {
	for i := 0; i < len(s); {
		if !isASCIIWord(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isASCIIWord(s[j]) {
			j++
		}
		buf = append(buf, wordRun{i, j})
		i = j
	}
	return buf
}

// runSeq is a sentence's runs with its lower-cased text.
type runSeq struct {
	s, low string
	rs     []wordRun
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
func scanCues(s string) cueScan {
	var buf [64]wordRun
	return scanCuesLow(s, lowerASCII(s), hasFoldRunes(s), buf[:0])
}

// scanCuesLow is scanCues given lowerASCII(s) and hasFoldRunes(s), keeping
// the word runs in buf.
func scanCuesLow(s, low string, foldRunes bool, buf []wordRun) cueScan {
	if foldRunes {
		return cueScan{
			participant: reParticipantCue.re.MatchString(s),
			visit:       reVisit.re.MatchString(s),
			discussed:   reDiscussed.re.MatchString(s),
			outcome:     reOutcome.re.MatchString(s),
			signVerb:    reSignVerb.re.FindStringIndex(s),
			anaphoric:   isAnaphoric(s),
			factCue:     reTerminate.re.MatchString(s) || reExpire.re.MatchString(s) || reInitiator.re.MatchString(s),
			numberWord:  reNumberWord.re.MatchString(s),
			represented: true,
		}
	}
	q := runSeq{s: s, low: low, rs: asciiRuns(s, buf[:0])}
	var c cueScan
	for k, r := range q.rs {
		if n, f := r.b-r.a, q.low[r.a]; f < 'a' || f > 'z' || !cueTriggers[f-'a'][min(n, 15)] {
			continue // no cue starts with this run
		}
		w := q.word(k)
		// the commonest triggers only ever start an anaphor ("the
		// meeting") or, for "in", a fact cue ("in force until")
		switch w {
		case "the", "this", "that", "their", "its", "also", "were", "was":
			c.anaphoric = c.anaphoric || anaphorAt(&q, k)
			continue
		case "in":
			c.factCue = c.factCue || q.next(k, "force") && q.next(k+1, "until")
			continue
		}
		switch w {
		case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
			"thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
			"dozens", "half", "double", "twice":
			if s[r.a:r.b] == w { // reNumberWord is case-sensitive
				c.numberWord = true
			}
		}
		if w == "represented" && s[r.a:r.b] == w { // reRepresented is case-sensitive
			c.represented = true
		}
		if strings.HasPrefix(w, "visit") {
			c.visit = true
		}
		// reParticipantCue
		switch w {
		case "speech", "said", "says", "stated", "noted", "opened", "welcomed", "chaired", "attended", "informed",
			"introduced", "presented", "emphasised", "emphasized", "outlined", "briefed", "represented", "headed", "led",
			"hosted", "signed", "met", "visited", "assessed", "stressed":
			c.participant = true
		case "co":
			if k+1 < len(q.rs) && q.rs[k+1].a == r.b+1 && s[r.b] == '-' && strings.HasPrefix(q.word(k+1), "chair") {
				c.participant = true
			}
		case "held":
			c.participant = c.participant || q.next(k, "talks")
		case "drew":
			c.participant = c.participant || q.next(k, "attention")
		case "handed":
			c.participant = c.participant || q.next(k, "over")
		}
		// reDiscussed
		switch w {
		case "agenda", "addressed", "emphasis", "topic", "topics", "raised", "reviewed", "considered", "briefed", "issues":
			c.discussed = true
		case "exchanged":
			c.discussed = c.discussed || q.next(k, "views")
		case "talked":
			c.discussed = c.discussed || q.next(k, "about")
		case "talks":
			c.discussed = c.discussed || q.next(k, "on") || q.next(k, "about") || q.next(k, "concerned") || q.next(k, "covered")
		case "consultations":
			c.discussed = c.discussed || q.next(k, "on")
		case "dealt":
			c.discussed = c.discussed || q.next(k, "with")
		case "concentrated":
			c.discussed = c.discussed || q.next(k, "on")
		default:
			if strings.HasPrefix(w, "discuss") || strings.HasPrefix(w, "focus") {
				c.discussed = true
			}
		}
		// reOutcome
		switch w {
		case "signed", "adopted", "agreed", "approved", "launched", "established", "concluded", "decided":
			c.outcome = true
		case "handed", "hand":
			c.outcome = c.outcome || q.next(k, "over")
		case "set":
			c.outcome = c.outcome || q.next(k, "up")
		}
		// reSignVerb: the first match
		if c.signVerb == nil {
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
				c.signVerb = []int{r.a, end}
			}
		}
		// (reAnaphor's phrases start only with the words above)
		// reTerminate, reExpire, reInitiator
		if !c.factCue {
			switch w {
			case "expire", "expires", "expired", "expiry":
				c.factCue = true
			case "valid":
				c.factCue = q.next(k, "until")
			default:
				switch {
				case strings.HasPrefix(w, "terminat"), strings.HasPrefix(w, "denounc"), strings.HasPrefix(w, "cancel"),
					strings.HasPrefix(w, "suspend"), strings.HasPrefix(w, "initiat"):
					c.factCue = true
				case strings.HasPrefix(w, "withdraw") || strings.HasPrefix(w, "withdrew"):
					c.factCue = strings.HasPrefix(q.low[r.b:], " from")
				}
			}
		}
	}
	return c
}

// cueTriggers tells, by first letter and length (15 for longer), which
// runs can start a cue: the words and phrases' first words that scanCues
// looks for, and its prefixes at every length from theirs.
var cueTriggers = func() (t [26][16]bool) {
	words := strings.Fields(`one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
		hundred hundreds thousand thousands million millions dozen dozens half double twice represented
		speech said says stated noted opened welcomed chaired attended informed introduced presented emphasised
		emphasized outlined briefed headed led hosted signed met visited assessed stressed co held drew handed
		agenda addressed emphasis topic topics raised reviewed considered issues exchanged talked talks
		consultations dealt concentrated adopted agreed approved launched established concluded decided hand set
		signing ratified entered dating dates the this that their its also were was expire expires expired expiry
		valid in`)
	for _, w := range words {
		t[w[0]-'a'][min(len(w), 15)] = true
	}
	for _, p := range strings.Fields(`visit discuss focus terminat denounc cancel suspend initiat withdraw withdrew`) {
		for n := len(p); n < 16; n++ {
			t[p[0]-'a'][n] = true
		}
	}
	return t
}()

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
