package knowledge

import (
	"hash/maphash"
	"liaison/internal/ascii"
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
	"strings"
	"unsafe"
)

// prepCache remembers what words analyse to across the releases one
// goroutine prepares: a corpus uses a few thousand words over and over, and
// folding and stemming each again costs more than a map look-up.
type prepCache struct {
	words     map[string]wordInfo
	countries map[string]wordCountry
	infos     map[string]*tokInfo
	offices   map[string]string // countryIn of office phrases
	slots     *index.TermSlots  // or nil
	// buffers for the sentence being prepared
	termSlots []*index.TermSlot
	toks      []tok
	terms     []string
	bounds    [][2]int
	runs      []lang.WordRun // for scanCuesLow; room for most sentences
	sents     []sent         // the sentences of the release being prepared
}

// sent is a sentence of a release before it is prepared.
type sent struct {
	text, folded   string // folded is Fold(text), or "" when not known
	title, contact bool
	lead           bool // the first sentence of the body
	ascii          bool // text is all ASCII
}

// tokInfo is what preparing a sentence needs of a word token's text.
type tokInfo struct {
	folded  string            // Fold(text)
	name    bool              // nameWord
	terms   []string          // Terms(text); shared, never modified
	slots   []*index.TermSlot // the terms' slots, when the cache has termSlots
	trimmed string            // folded less a final "'s" or "'"
	bloom   [2]uint8          // bloomBits(trimmed)
	country wordCountry
	dotted  bool     // the text holds a dot, and Words splits it
	flags   tokFlags // a meeting cue, an agreement noun, a topic's start, date gates
}

// tokInfo returns what a word token of text w yields.
func (c *prepCache) tokInfo(w string) *tokInfo {
	if x, ok := c.infos[w]; ok {
		return x
	}
	if len(c.infos) >= maxCachedWords {
		clear(c.infos)
	}
	w = strings.Clone(w)
	x := &tokInfo{folded: lang.Fold(w)}
	x.name = nameWord(tok{text: w, folded: x.folded, word: true})
	x.trimmed = strings.TrimSuffix(strings.TrimSuffix(x.folded, "'s"), "'")
	x.bloom = bloomBits(x.trimmed)
	x.flags = gateFlags(dates.WordGates(w))
	if lang.AgreementNouns[x.folded] {
		x.flags |= flagNoun
	}
	cue := false
	if x.dotted = strings.IndexByte(w, '.') >= 0; !x.dotted {
		wi := c.word(x.folded)
		x.terms, x.slots, cue = wi.terms, wi.slots, wi.cue
		x.country = c.wordCountry(w)
	} else {
		for _, p := range lang.Words(w) {
			wi := c.word(lang.Fold(p))
			x.terms = append(x.terms, wi.terms...)
			x.slots = append(x.slots, wi.slots...)
			cue = cue || wi.cue
		}
	}
	if cue {
		x.flags |= flagCue
	}
	for _, t := range x.terms {
		if lang.StartsTopic(t) {
			x.flags |= flagTopic
		}
	}
	c.infos[w] = x
	return x
}

// info returns t's tokInfo.
func (c *prepCache) info(t *tok) *tokInfo {
	if t.info == nil {
		t.info = c.tokInfo(t.text)
	}
	return t.info
}

var bloomSeed = maphash.MakeSeed()

// bloomBits are the two bits of a 128-bit Bloom filter that stand for w.
func bloomBits(w string) [2]uint8 {
	h := maphash.String(bloomSeed, w)
	return [2]uint8{uint8(h & 127), uint8(h >> 7 & 127)}
}

// wordBloom is a Bloom filter of a sentence's words: a word it does not
// hold is not there.
type wordBloom [2]uint64

func (m *wordBloom) add(b [2]uint8) {
	for _, x := range b {
		m[x>>6] |= 1 << (x & 63)
	}
}

func (m *wordBloom) mayHave(w string) bool {
	for _, x := range bloomBits(w) {
		if m[x>>6]&(1<<(x&63)) == 0 {
			return false
		}
	}
	return true
}

// wordInfo is what one folded word yields.
type wordInfo struct {
	terms []string          // appendWordTerms(nil, word); shared, never modified
	slots []*index.TermSlot // the terms' slots, when the cache has termSlots
	cue   bool              // one of the terms is a meeting cue
}

// maxCachedWords bounds a prepCache; a full cache starts again empty.
const maxCachedWords = 1 << 17

// newPrepCache returns a cache for one goroutine; slots, when not nil, are
// the term slots of the Builder the releases are prepared for.
func newPrepCache(slots *index.TermSlots) *prepCache {
	return &prepCache{words: map[string]wordInfo{}, countries: map[string]wordCountry{}, infos: map[string]*tokInfo{},
		offices: map[string]string{}, slots: slots, runs: make([]lang.WordRun, 0, 1024)}
}

// countryIn is countryIn(phrase), remembered.
func (c *prepCache) countryIn(phrase string) string {
	if x, ok := c.offices[phrase]; ok {
		return x
	}
	if len(c.offices) >= maxCachedWords {
		clear(c.offices)
	}
	x := lang.CountryIn(phrase)
	c.offices[strings.Clone(phrase)] = x
	return x
}

// word returns what the folded word f yields.
func (c *prepCache) word(f string) wordInfo {
	if w, ok := c.words[f]; ok {
		return w
	}
	if len(c.words) >= maxCachedWords {
		clear(c.words)
	}
	w := wordInfo{terms: lang.AppendWordTerms(nil, f)}
	for _, t := range w.terms {
		if lang.IsMeetingCueTerm(t) {
			w.cue = true
		}
		if c.slots != nil {
			w.slots = append(w.slots, c.slots.Get(t))
		}
	}
	c.words[strings.Clone(f)] = w
	return w
}

// sentenceTerms appends Terms(s) computed from s's tokens to out, and
// returns the flags of its words ORed (flagCue: one of the terms is a
// meeting cue). A word token is one of Words' words
// unless it holds the dots of initials, which Words splits at.
// With term slots, c.termSlots holds the terms' slots after it.
func sentenceTerms(out []string, ts []tok, c *prepCache) ([]string, tokFlags) {
	var f tokFlags
	c.termSlots = c.termSlots[:0]
	for i := range ts {
		if ts[i].word {
			x := c.info(&ts[i])
			// most words give one term: append it alone, which costs
			// less than copying a slice of one
			if len(x.terms) == 1 {
				out = append(out, x.terms[0])
			} else {
				out = append(out, x.terms...)
			}
			if len(x.slots) == 1 {
				c.termSlots = append(c.termSlots, x.slots[0])
			} else {
				c.termSlots = append(c.termSlots, x.slots...)
			}
			f |= x.flags
		}
	}
	return out, f
}

// tokFlags are facts of word tokens that a sentence holds when one of its
// words does: a sentence's flags are its words' ORed.
type tokFlags uint16

const (
	flagCue   tokFlags = 1 << iota // a term is a meeting cue
	flagNoun                       // an agreement noun
	flagTopic                      // a term starts a topic's stems
	flagDigit                      // the dateGates, in their order
	flagYear4
	flagCapMonth
	flagMonth
	flagRel
	flagWeekday
)

// gateFlags returns the date gates as tokFlags.
func gateFlags(g dates.Gates) tokFlags {
	var f tokFlags
	for _, b := range []struct {
		on   bool
		flag tokFlags
	}{{g.Digit, flagDigit}, {g.Year4, flagYear4}, {g.CapMonth, flagCapMonth}, {g.Month, flagMonth}, {g.Rel, flagRel},
		{g.Weekday, flagWeekday}} {
		if b.on {
			f |= b.flag
		}
	}
	return f
}

// dates returns the date gates f holds: for a sentence's flags, they hold
// wherever dateGatesOf's do.
func (f tokFlags) dates() dates.Gates {
	return dates.Gates{Digit: f&flagDigit != 0, Year4: f&flagYear4 != 0, CapMonth: f&flagCapMonth != 0,
		Month: f&flagMonth != 0, Rel: f&flagRel != 0, Weekday: f&flagWeekday != 0}
}

// sentWords is the folded words of a sentence's tokens, with a final "'s" or
// "'" dropped: the one-word aliases that can name someone in it.
type sentWords struct {
	joined string // "\x00" before and after each word; words hold no NUL
	bloom  wordBloom
}

// The joined words are written at the end of *arena, a release's: they
// live as long as the arena is not reused (the release's merge). When
// the arena is full a new one takes its place, so earlier words stay.
func sentWordsOf(ts []tok, c *prepCache, arena *[]byte) sentWords {
	var ws sentWords
	// room for every word: a fold is at most twice its text
	n := 1
	if k := len(ts); k > 0 {
		n += 2*(ts[k-1].end-ts[0].start) + k
	}
	if cap(*arena)-len(*arena) < n {
		*arena = make([]byte, 0, max(4096, n))
	}
	start := len(*arena)
	b := append(*arena, 0)
	for i := range ts {
		if ts[i].word {
			x := c.info(&ts[i])
			b = append(append(b, x.trimmed...), 0)
			ws.bloom.add(x.bloom)
		}
	}
	*arena = b
	// this part of the arena is not written again until it is reused
	ws.joined = unsafe.String(&b[start], len(b)-start)
	return ws
}

// has reports whether the set holds w.
func (ws *sentWords) has(w string) bool {
	if !ws.bloom.mayHave(w) {
		return false
	}
	for s, off := ws.joined, 0; off < len(s); {
		i := strings.Index(s[off+1:], w)
		if i < 0 {
			return false
		}
		p := off + 1 + i // w at p, p >= 1
		if s[p-1] == 0 && p+len(w) < len(s) && s[p+len(w)] == 0 {
			return true
		}
		off = p
	}
	return false
}

// fullNameKeys are the folded runs of two and three tokens that start at
// two name words: the keys under which people named in full are known.
type fullNameKeys struct {
	three, two string
	hasThree   bool // false when the sentence ends too soon
}

func fullNamesOf(s string, ts []tok) []fullNameKeys {
	var out []fullNameKeys
	for i := 0; i+1 < len(ts); i++ {
		if !ts[i].name || !ts[i+1].name {
			continue
		}
		var k fullNameKeys
		two := joinToks(s, ts[i:i+2])
		if i+3 <= len(ts) {
			three := joinToks(s, ts[i:i+3])
			k.three, k.hasThree = lang.Fold(three), true
			if ascii.Is(three) && strings.HasPrefix(three, two) {
				// Fold of ASCII text is its lower case, byte for byte
				k.two = k.three[:len(two)]
				out = append(out, k)
				continue
			}
		}
		k.two = lang.Fold(two)
		out = append(out, k)
	}
	return out
}

// sentCountries is what countriesIn needs of one sentence's words, so that
// it can run over several sentences joined by spaces without reading them
// again.
type sentCountries struct {
	// inner are the countries the words before the last give (with the
	// next word, else alone), for words not all lower case, in order
	inner       []string
	first, last string   // the first and last words, "" when there are none
	lastAlone   string   // CountryOf(last)
	lastParts   []string // hyphenCountries(last), when lastAlone is ""
	lastLower   bool     // last is all lower case
}

// pairFirst holds the folded first words of two-word country names.
var pairFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range lang.CountryNames {
		if a, _, ok := strings.Cut(k, " "); ok {
			m[a] = true
		}
	}
	return m
}()

// wordCountry is what one word of Words gives countriesIn.
type wordCountry struct {
	alone     string   // CountryOf(word)
	parts     []string // hyphenCountries(word), when alone is ""
	pairFirst bool     // the folded word starts a two-word country name
	lower     bool     // the word is all lower case
}

func (c *prepCache) wordCountry(w string) wordCountry {
	if x, ok := c.countries[w]; ok {
		return x
	}
	if len(c.countries) >= maxCachedWords {
		clear(c.countries)
	}
	x := wordCountry{alone: lang.CountryOf(w), pairFirst: pairFirst[lang.Fold(w)], lower: strings.ToLower(w) == w}
	if x.alone == "" {
		x.parts = lang.HyphenCountries(w)
	}
	c.countries[strings.Clone(w)] = x
	return x
}

// countriesOf reads a sentence, by its tokens, for countriesIn. Folding a
// word and a space and another word gives the folded words joined by a
// space, so a two-word name can only start at a word in pairFirst.
func countriesOf(ts []tok, c *prepCache) sentCountries {
	var buf [64]string
	var xbuf [64]*wordCountry
	ws, xs := buf[:0], xbuf[:0]
	for i := range ts {
		if !ts[i].word {
			continue
		}
		if x := c.info(&ts[i]); !x.dotted {
			ws, xs = append(ws, ts[i].text), append(xs, &x.country) // one of Words' words
			continue
		}
		for _, w := range lang.Words(ts[i].text) {
			x := c.wordCountry(w)
			ws, xs = append(ws, w), append(xs, &x)
		}
	}
	var sc sentCountries
	if len(ws) == 0 {
		return sc
	}
	for i := 0; i+1 < len(ws); i++ {
		x := xs[i]
		if x.lower {
			continue
		}
		cn := ""
		if x.pairFirst {
			cn = lang.CountryOf(ws[i] + " " + ws[i+1])
		}
		if cn == "" {
			cn = x.alone
		}
		if cn != "" {
			sc.inner = append(sc.inner, cn)
		} else {
			sc.inner = append(sc.inner, x.parts...)
		}
	}
	last := xs[len(ws)-1]
	sc.first, sc.last, sc.lastAlone, sc.lastLower, sc.lastParts = ws[0], ws[len(ws)-1], last.alone, last.lower, last.parts
	return sc
}

// countriesOfSents is countriesIn of the sentences joined by spaces.
func countriesOfSents(scs []*sentCountries) []string {
	var out []string
	for k, sc := range scs {
		for _, cn := range sc.inner {
			out = appendUniqueStr(out, cn)
		}
		if sc.last == "" || sc.lastLower {
			continue
		}
		cn := ""
		for _, nx := range scs[k+1:] {
			if nx.first != "" {
				cn = lang.CountryOf(sc.last + " " + nx.first)
				break
			}
		}
		if cn == "" {
			cn = sc.lastAlone
		}
		if cn != "" {
			out = appendUniqueStr(out, cn)
			continue
		}
		for _, c := range sc.lastParts {
			out = appendUniqueStr(out, c)
		}
	}
	return out
}

// bytePairs is a 256-bit filter of the pairs of adjacent bytes in a text:
// a string whose pairs are not all in a text's filter is not in the text.
type bytePairs [4]uint64

func bytePairsOf(s string) bytePairs {
	var p bytePairs
	if len(s) < 2 {
		return p
	}
	prev := uint(s[0]) * 31
	for i := 1; i < len(s); i++ {
		c := uint(s[i])
		h := uint8(prev + c)
		p[h>>6] |= 1 << (h & 63)
		prev = c * 31
	}
	return p
}

// mayHold reports whether the text of p may hold the string of q.
func (p *bytePairs) mayHold(q *bytePairs) bool {
	return q[0]&^p[0] == 0 && q[1]&^p[1] == 0 && q[2]&^p[2] == 0 && q[3]&^p[3] == 0
}
