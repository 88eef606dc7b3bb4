package lang

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// cueWords are the words and bits of words the cue regexps look for, in
// the spellings random test sentences are made of.
var cueWords = []string{"speech", "said", "Says", "stated", "noted", "opened", "welcomed", "chaired", "co", "chair", "chairs",
	"attended", "informed", "introduced", "presented", "emphasised", "emphasized", "outlined", "briefed", "represented",
	"headed", "led", "LED", "hosted", "signed", "met", "visited", "held", "talks", "drew", "attention", "handed", "over",
	"assessed", "stressed", "visit", "visits", "Visiting", "discuss", "discussion", "agenda", "addressed", "focus",
	"focused", "emphasis", "topic", "topics", "raised", "reviewed", "exchanged", "views", "considered", "talked", "about",
	"on", "concerned", "covered", "consultations", "dealt", "with", "issues", "concentrated", "adopted", "hand", "agreed",
	"approved", "launched", "established", "set", "up", "concluded", "decided", "signing", "entered", "into", "dating",
	"dates", "back", "to", "ratified", "force", "the", "The", "this", "that", "their", "its", "meeting", "session", "event",
	"summit", "negotiations", "also", "meet", "were", "was", "continued", "ministers", "parties", "participants",
	"officials", "delegations", "sides", "of", "between", "expire", "expires", "expired", "expiry", "valid", "until",
	"remain", "in", "In", "terminated", "termination", "denounced", "withdraw", "withdrew", "withdrawn", "from", "fromage",
	"cancel", "suspended", "initiated", "initiative", "initiator", "one", "One", "two", "twelve", "hundreds", "half",
	"twice", "million", "x", "é", "Häkkänen", "2019", "_", "ſigned", "\u212aey", "tal\u212as",
	// whole phrases, which random words seldom make
	"held talks", "drew attention", "handed over", "co-chair", "co-chaired", "exchanged views", "talks on", "talks covered",
	"consultations on", "dealt with", "concentrated on", "set up", "hand over", "entered into", "dating back to",
	"dates back to", "the meeting", "The talks", "its visit", "their negotiations", "also met", "ALSO attended", "was continued",
	"the sides", "the ministers", "this summit", "in force until", "valid until", "withdrew from", "withdrawn from",
	"Finland was represented by", "Russia is represented", "Represented", "represented_", "xrepresented", "by"}

var cueSeps = []string{" ", " ", " ", "  ", "-", ",", ".", "_", "", "é", "\n", "'", "’", "(", ")"}

// randomCueText strings cue words together with random separators and
// case.
func randomCueText(rng *rand.Rand) string {
	var b strings.Builder
	for j := 0; j < 1+rng.IntN(10); j++ {
		w := cueWords[rng.IntN(len(cueWords))]
		switch rng.IntN(6) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		b.WriteString(cueSeps[rng.IntN(len(cueSeps))])
	}
	return b.String()
}

// TestScanCuesMatchesRegexps checks the one-pass cue scanner against the
// regexps it stands for.
func TestScanCuesMatchesRegexps(t *testing.T) {
	texts := []string{"The meeting was co-chaired by the Ministers.", "Talks on border security were held.",
		"held  talks", "held talks", "the meeting of experts", "The meeting between them", "The meeting, of", "the talksman",
		"It remains in force until 2030.", "withdrew from", "withdrawal fromage", "withdraw  from", "dating back to 1993",
		"dates back toward", "entered into force", "Entered Into", "tel. +358", "ſigned", "\u212aey talks", ""}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 50000; i++ {
		texts = append(texts, randomCueText(rng))
	}
	for _, s := range texts {
		got := scanCues(s)
		want := CueScan{
			Participant: ReParticipantCue.Regexp().MatchString(s),
			Visit:       ReVisit.Regexp().MatchString(s),
			Discussed:   ReDiscussed.Regexp().MatchString(s),
			Outcome:     ReOutcome.Regexp().MatchString(s),
			SignVerb:    ReSignVerb.Regexp().FindStringIndex(s),
			Anaphoric:   isAnaphoricRegexp(s),
			FactCue:     ReTerminate.Regexp().MatchString(s) || ReExpire.Regexp().MatchString(s) || ReInitiator.Regexp().MatchString(s),
			NumberWord:  ReNumberWord.Regexp().MatchString(s),
			Represented: got.Represented,
		}
		if !got.Represented && ReRepresented.Regexp().MatchString(s) {
			t.Fatalf("scanCues(%q): reRepresented matches", s)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("scanCues(%q) = %+v, regexps say %+v", s, got, want)
		}
	}
}

// isAnaphoricRegexp is isAnaphoric on the bare regexp.
func isAnaphoricRegexp(text string) bool {
	for _, m := range ReAnaphor.Regexp().FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		if strings.HasPrefix(rest, " of ") || strings.HasPrefix(rest, " between ") {
			continue
		}
		return true
	}
	return false
}
