package lang

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// Stem reduces a folded, lower-case word to its index term, so that the
// forms a question and a release use for one word meet: "closed",
// "closes" and "closing"; "represented" and "representatives"; "crimes"
// and "crime". The same function is applied to the releases and to
// questions. A term is the word's Snowball English (Porter2) stem, as
// github.com/blevesearch/snowballstem computes it, with two exceptions
// decided by measurement (docs/stemmer.md):
//   - British -ise spellings are read as -ize first, so that "organised",
//     "organized" and "organisation" share a stem;
//   - a noun in -ism keeps its ending (a plural drops its s): Porter2
//     would make "extremism" "extrem", the stem of "extremely";
//   - the past forms of irregular verbs are stemmed as their base form
//     ("met" as "meet", "held" as "hold", "sent" as "send"), so that a
//     question in the present finds a release in the past; forms that are
//     as often another word ("left", "found", "saw", "lay") are left.
//
// Numbers and words of one or two letters are their own terms. Stem is
// safe for concurrent use.
func Stem(w string) string {
	if len(w) <= 2 || IsDigits(w) {
		return w
	}
	if len(w) > maxCachedWordLen {
		return snowballStem(w)
	}
	if s, ok := stemCache.Load(w); ok {
		return s.(string)
	}
	s := snowballStem(w)
	if stemCached.Add(1) > maxCachedStems {
		stemCache.Clear()
		stemCached.Store(0)
	}
	stemCache.Store(strings.Clone(w), s)
	return s
}

// stemCache memoises Stem, word to term: the Snowball stemmer costs about
// half a microsecond and two allocations a word, and answers take the
// terms of the same sentences again and again. It is emptied when it
// reaches maxCachedStems words (stemCached counts them, roughly), so that
// questions made of junk cannot grow it without bound.
var (
	stemCache  sync.Map
	stemCached atomic.Int64
)

// maxCachedStems and maxCachedWordLen bound stemCache: about 190 bytes a
// word, 12 MB at most. Longer words are stemmed every time.
const (
	maxCachedStems   = 1 << 16
	maxCachedWordLen = 40
)

// snowballStem is Stem without the cache, for a word of three letters or
// more.
func snowballStem(w string) string {
	if base, ok := irregularPast[w]; ok {
		w = base
	}
	if strings.HasSuffix(w, "ism") {
		return w
	}
	if strings.HasSuffix(w, "isms") {
		return w[:len(w)-1]
	}
	env := snowballstem.NewEnv(americanSpelling(w))
	english.Stem(env)
	return env.Current()
}

// britishEndings are the -ise endings americanSpelling rewrites, longest
// first.
var britishEndings = [][2]string{{"isations", "izations"}, {"isation", "ization"}, {"ised", "ized"}, {"ising", "izing"}, {"ises", "izes"}, {"ise", "ize"}}

// americanSpelling returns w with a British -ise ending of a word longer
// than six letters spelt -ize ("organised" -> "organized"); shorter words
// ("raise", "arise", "praise") keep theirs.
func americanSpelling(w string) string {
	if len(w) <= 6 {
		return w
	}
	for _, r := range britishEndings {
		if strings.HasSuffix(w, r[0]) {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	return w
}

// irregularPast maps the past tense and past participle of irregular
// verbs of the genre to their base form. A form that is as often another
// word is not here: "left" (the side), "found" (to establish), "saw" (the
// tool), "lay", "bore".
var irregularPast = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregularVerbs, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			m[form] = f[0]
		}
	}
	return m
}()

// irregularVerbs lists, one verb a line, a base form and its irregular
// past forms.
const irregularVerbs = `arise arose arisen
begin began begun
break broke broken
bring brought
build built
buy bought
catch caught
choose chose chosen
come came
deal dealt
draw drew drawn
drive drove driven
fall fell fallen
feel felt
fight fought
flee fled
forbid forbade forbidden
freeze froze frozen
give gave given
go went gone
grow grew grown
hear heard
hide hid hidden
hold held
keep kept
know knew known
lead led
lose lost
make made
mean meant
meet met
overtake overtook overtaken
pay paid
rise rose risen
run ran
seek sought
sell sold
send sent
speak spoke spoken
spend spent
stand stood
steal stole stolen
strike struck
swear swore sworn
take took taken
teach taught
tell told
think thought
undertake undertook undertaken
understand understood
uphold upheld
win won
withdraw withdrew withdrawn
withhold withheld
write wrote written`
