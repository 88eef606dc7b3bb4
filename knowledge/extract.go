package knowledge

import (
	"cmp"
	"hash/maphash"
	"liaison/internal/ascii"
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
	"liaison/knowledge/page"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Builder builds a Base one release at a time. It is not safe for
// concurrent use; Build finishes it.
type Builder struct {
	b         *Base
	personKey map[string]int
	cache     *prepCache       // for Add
	slots     *index.TermSlots // postings by term until Build
	// by person: Fold of the surname, of each office title, and the byte
	// pairs of each alias
	surnameKey []string
	officeKeys [][]string
	// officeHashes[id][k] is officeHash(officeKeys[id][k]), compared
	// before the key
	officeHashes [][]uint64
	// officeWords[id][k] are the words of officeKeys[id][k], and
	// headMask[id] ORs their officeHeadBit
	officeWords [][][]string
	headMask    []uint64
	aliasPairs  [][]aliasFilter // by person, parallel to its Aliases
	// releases is how many releases the build expects (0 when not
	// known), to size arrays ahead; len(b.Docs) are merged
	releases int
	// pubCountry is countryIn of each publisher seen
	pubCountry map[string]string
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{
		b: &Base{
			index:    index.New(),
			aliases:  map[string][]int{},
			places:   map[string]string{},
			byPerson: map[int][]int{},
		},
		personKey: map[string]int{},
		slots:     index.NewTermSlots(),
	}
}

// Skip records a release that could not be loaded, with the reason.
func (bl *Builder) Skip(file, reason string) { bl.skip(file, reason) }

func (bl *Builder) skip(file, reason string) {
	bl.b.Skipped = append(bl.b.Skipped, Skipped{File: file, Reason: reason})
}

// docState is the per-release state while its facts are extracted.
type docState struct {
	id       int
	doc      *Document
	sents    []int
	pre      []preSent
	people   []int // people found in this release
	mentions [][]int
	dateline string
	meetings []*Meeting // the release's, once found
	home     string     // the release's own country, or "" (homeCountry)
}

// prepared is a release parsed and analysed sentence by sentence: the part
// of building that needs nothing from other releases, so that LoadFS can
// run it on several cores while facts are merged in file order.
type prepared struct {
	file  string
	p     *page.Release
	err   error
	sents []preSent
	bufs  sentBufs // what sents and their counts are kept in
}

// preSent is what one sentence yields on its own.
type preSent struct {
	text           string
	title, contact bool
	nTerms         int // len(Terms(text))
	people         []personFind
	dates          []dates.Mention // resolved against the release date
	cue            bool            // a meeting cue word
	signVerb       []int           // reSignVerb's first match, or nil
	visit          bool
	anaphoric      bool   // isAnaphoric
	factCue        bool   // reTerminate, reExpire or reInitiator matches
	figure         bool   // a body sentence with a number or a quote
	name           string // meetingName, for cue sentences
	places         []Place
	represented    []int // reRepresented's submatch, or nil
	participantCue bool
	discussed      bool
	outcome        bool
	agreements     []agreementMention
	// for the merge: counted terms, topics, the folded text and its words,
	// candidate full names, and the date that can date an event
	counted    []index.TermCount // without term slots
	slotCounts []index.SlotCount // with them
	topics     uint64            // bit i: Topics[i] matches
	folded     string
	pairs      bytePairs // of folded
	words      sentWords
	fullNames  []fullNameKeys
	usable     int // usableDate's index in dates, or -1
	countries  sentCountries
	roles      []roleRef
	subject    string // subjectCountry, for the title and the first body sentence
}

// roleRef is a reference such as "the Russian Chairman": an office head,
// with the country named before it or "".
type roleRef struct {
	country, head string
	bit           uint64 // officeHeadBit(head)
}

// rolesOf finds a sentence's role references.
func rolesOf(ts []tok) []roleRef {
	var out []roleRef
	for k := 0; k+1 < len(ts); k++ {
		if ts[k].fold() != "the" {
			continue
		}
		country := ""
		h := k + 1
		c := ""
		if x := ts[h].info; x != nil && !x.dotted {
			c = x.country.alone // CountryOf(text)
		} else {
			c = lang.CountryOf(ts[h].text)
		}
		if c != "" && h+1 < len(ts) {
			country = c
			h++
		}
		if !lang.OfficeHeads[ts[h].fold()] || (h+1 < len(ts) && isNameWord(ts[h+1])) {
			continue
		}
		out = append(out, roleRef{country, ts[h].fold(), officeHeadBit[ts[h].fold()]})
	}
	return out
}

// prepare parses a release and analyses its sentences, with a cache that
// only the calling goroutine uses.
func prepare(file string, raw string, c *prepCache) *prepared {
	p, err := page.Parse(file, raw)
	if err != nil {
		return &prepared{file: file, err: err}
	}
	pr := &prepared{file: file, p: p}
	sents := c.sents[:0]
	if p.Title != "" {
		sents = append(sents, sent{text: p.Title, folded: p.TitleFolded, title: true, ascii: ascii.Is(p.Title)})
	}
	for k, para := range p.Paragraphs {
		paraASCII := ascii.Is(para)
		contact := false
		// every contact label holds one of page.ContactWords; an ASCII
		// paragraph is folded to lower case in p.Folded
		if low := p.Folded[k]; !paraASCII || holdsAny(low, page.ContactWords) {
			contact = page.IsContact(para) && lang.CountFields(para) < 40
		}
		if !paraASCII {
			for _, s := range lang.SplitSentences(para) {
				sents = append(sents, sent{text: s, contact: contact, ascii: ascii.Is(s)})
			}
			continue
		}
		low := p.Folded[k] // Fold is lowerASCII on ASCII text: slice it
		c.bounds = lang.SentenceBounds(para, c.bounds[:0])
		for _, b := range c.bounds {
			sents = append(sents, sent{text: para[b[0]:b[1]], folded: low[b[0]:b[1]], contact: contact, ascii: true})
		}
	}
	if v, _ := preSentPool.Get().(*sentBufs); v != nil {
		pr.bufs = *v
	}
	if cap(pr.bufs.sents) >= len(sents) {
		pr.bufs.sents = pr.bufs.sents[:len(sents)]
	} else {
		pr.bufs.sents = make([]preSent, len(sents))
	}
	pr.sents = pr.bufs.sents
	for i := range sents {
		if !sents[i].title {
			sents[i].lead = true // the first sentence of the body
			break
		}
	}
	for i, s := range sents {
		prepareSentence(&pr.sents[i], s, p.Date, c, &pr.bufs)
	}
	if p.DatelineEnd > 0 {
		// the dateline's date is the release's, not an event's
		k := 0
		if p.Title != "" {
			k = 1
		}
		if k < len(pr.sents) {
			ps := &pr.sents[k]
			ds := ps.dates[:0]
			for _, d := range ps.dates {
				if d.Pos >= p.DatelineEnd {
					ds = append(ds, d)
				}
			}
			if len(ds) < len(ps.dates) {
				ps.dates = ds
				ps.usable = usableDate(ps.text, ds)
			}
		}
	}
	clear(sents)
	c.sents = sents
	return pr
}

// holdsAny reports whether s holds one of words.
func holdsAny(s string, words []string) bool {
	for i := range words {
		if strings.Index(s, words[i]) >= 0 {
			return true
		}
	}
	return false
}

// sentBufs are the arrays a release's sentence analyses are kept in.
type sentBufs struct {
	sents  []preSent
	counts []index.SlotCount // the sentences' slotCounts
	words  []byte            // the sentences' words (sentWords.joined)
}

// preSentPool holds *sentBufs whose releases were merged, for reuse.
var preSentPool sync.Pool

// recycle gives a merged release's sentence analyses back for reuse:
// nothing of them outlives the merge but values copied out of them.
func (pr *prepared) recycle() {
	b := pr.bufs
	pr.sents, pr.bufs = nil, sentBufs{}
	clear(b.sents)
	clear(b.counts)
	b.counts = b.counts[:0]
	b.words = b.words[:0]
	preSentPool.Put(&b)
}

// maxSentenceBytes is the most of a sentence that is analysed and kept;
// longer runs of text without a sentence end are cut there.
const maxSentenceBytes = 4000

// prepareSentence analyses one sentence of a release published on date.
// Term counts go to the end of bufs.counts, and the sentence's words to
// bufs.words.
func prepareSentence(ps *preSent, s sent, date dates.Date, c *prepCache, bufs *sentBufs) {
	text, folded, title, contact := s.text, s.folded, s.title, s.contact
	if len(text) > maxSentenceBytes {
		// cut at the start of a character, so the text stays valid UTF-8
		cut := maxSentenceBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text, folded = text[:cut], ""
	}
	if folded == "" {
		folded = lang.Fold(text)
	}
	*ps = preSent{text: text, title: title, contact: contact, folded: folded, pairs: bytePairsOf(folded)}
	// tokens and terms live in buffers reused for the next sentence
	c.toks = tokenizeInto(c.toks[:0], text, c)
	ts := c.toks
	var flags tokFlags
	c.terms, flags = sentenceTerms(c.terms[:0], ts, c)
	ps.cue = flags&flagCue != 0
	terms := c.terms
	ps.nTerms = len(terms)
	ps.people = findPeopleWith(text, ts, c)
	sub := "" // the country of "operate under the Russian Ministry ...", read once
	for k := range ps.people {
		f := &ps.people[k]
		if f.country == "" {
			if sub == "" {
				sub = subordinateCountry(ts)
				if sub == "" {
					sub = "-"
				}
			}
			if sub != "-" {
				f.country = sub
			}
		}
		f.key, f.officeKey = lang.Fold(f.name), lang.Fold(f.office)
		f.officeHash = officeHash(f.officeKey)
	}
	var digit bool
	foldRunes := !s.ascii && ascii.HasFoldRunes(text)
	if foldRunes {
		ps.dates = dates.Find(text, date)
		digit = ascii.HasDigit(text)
	} else {
		g := flags.dates()
		ps.dates = dates.FindWith(text, date, false, &g)
		digit = g.Digit // exact: every digit is in a word token
	}
	low := ps.folded // Fold is lowerASCII on ASCII text
	if !s.ascii {
		low = ascii.Lower(text)
	}
	cs := lang.ScanCuesLow(text, low, foldRunes, c.runs[:0])
	ps.signVerb = cs.SignVerb
	if m := ps.signVerb; m != nil && strings.HasPrefix(strings.ToLower(text[m[1]:]), " force") {
		ps.signVerb = nil // "entered into force" is not a signing
	}
	ps.visit = cs.Visit
	ps.places = findPlacesToks(text, ts, ps.visit)
	if ps.cue {
		ps.name = meetingNameToks(text, ts)
	}
	ps.anaphoric = cs.Anaphoric
	if cs.Represented {
		ps.represented = lang.ReRepresented.FindStringSubmatchIndex(text)
	}
	ps.participantCue = cs.Participant
	ps.discussed = cs.Discussed
	ps.outcome = cs.Outcome
	ps.factCue = cs.FactCue
	ps.figure = !title && !contact && (digit || cs.NumberWord || strings.IndexByte(text, '"') >= 0 ||
		strings.Contains(text, "“") || strings.Contains(text, "”"))
	if flags&flagNoun != 0 { // else findAgreementsToks finds nothing
		ps.agreements = findAgreementsToks(text, ts, cs.SignVerb != nil)
	}
	if c.slots != nil {
		// all counts of a release in one array, reused once it is merged
		arena := &bufs.counts
		if cap(*arena)-len(*arena) < len(c.termSlots) {
			*arena = make([]index.SlotCount, 0, max(1024, len(c.termSlots)))
		}
		ps.slotCounts = index.AppendSlotCounts(*arena, c.termSlots)
		*arena = (*arena)[:len(*arena)+len(ps.slotCounts)]
	} else {
		ps.counted = index.CountTerms(terms)
	}
	if flags&flagTopic != 0 { // else no topic matches
		ps.topics = lang.TopicMask(terms)
	}
	ps.words = sentWordsOf(ts, c, &bufs.words)
	ps.fullNames = fullNamesOf(text, ts)
	ps.usable = usableDate(text, ps.dates)
	ps.countries = countriesOf(ts, c)
	ps.roles = rolesOf(ts)
	if title || s.lead {
		ps.subject = subjectCountry(ts)
	}
}

// Add parses one release and extracts its facts. It returns warnings for
// anything odd; a release that cannot be used at all is recorded in
// Base.Skipped and its reason returned as a warning.
func (bl *Builder) Add(file string, raw []byte) []string {
	if bl.cache == nil {
		bl.cache = newPrepCache(bl.slots)
	}
	return bl.addPrepared(prepare(file, string(raw), bl.cache))
}

// addPrepared merges a prepared release into the base.
func (bl *Builder) addPrepared(pr *prepared) []string {
	if pr.err != nil {
		bl.skip(pr.file, pr.err.Error())
		return []string{"skipped: " + pr.err.Error()}
	}
	p := pr.p
	b := bl.b
	ds := &docState{id: len(b.Docs), pre: pr.sents}
	ds.doc = &Document{File: pr.file, Title: p.Title, Publisher: p.Publisher, Date: p.Date, Warnings: p.Warnings}
	ds.doc.URL = p.URL
	ds.dateline = p.Dateline
	b.Docs = append(b.Docs, ds.doc)
	if need := len(b.Sentences) + len(pr.sents); need > cap(b.Sentences) {
		bl.reserve(need)
	}
	for _, ps := range pr.sents {
		id := len(b.Sentences)
		b.Sentences = append(b.Sentences, Sentence{Doc: ds.id, Text: ps.text, Title: ps.title, Contact: ps.contact})
		b.sentMeeting = append(b.sentMeeting, -1)
		b.sentAgreement = append(b.sentAgreement, -1)
		if ps.slotCounts != nil || ps.counted == nil {
			b.index.AddSlots(int32(id), ps.nTerms, ps.slotCounts)
		} else {
			b.index.AddCounted(int32(id), ps.nTerms, ps.counted)
		}
		ds.sents = append(ds.sents, id)
		ds.doc.Sentences = append(ds.doc.Sentences, id)
	}
	bl.people(ds)
	var ids []int32
	for i, ms := range ds.mentions {
		if len(ms) == 0 {
			continue
		}
		ids = ids[:0]
		for _, pid := range ms {
			ids = append(ids, int32(pid))
		}
		b.mentions.set(ds.sents[i], ids)
	}
	bl.meetings(ds)
	bl.homeCountry(ds)
	bl.agreements(ds)
	for i, id := range ds.sents {
		if pr.sents[i].figure {
			b.Figures = append(b.Figures, id)
		}
	}
	pr.recycle()
	return p.Warnings
}

// reserve grows the per-sentence arrays to hold at least need sentences.
// Once a build has merged enough releases to tell, they are grown to the
// sentence count its releases are expected to reach, so that they are
// copied a few times rather than at every doubling; until then, doubled.
func (bl *Builder) reserve(need int) {
	b := bl.b
	n := 2 * need
	if merged := len(b.Docs); bl.releases > 0 && merged >= 64 {
		est := need * max(bl.releases, merged) / merged
		n = max(need+need/8, est+est/32)
	}
	n -= len(b.Sentences)
	b.Sentences = slices.Grow(b.Sentences, n)
	b.sentMeeting = slices.Grow(b.sentMeeting, n)
	b.sentAgreement = slices.Grow(b.sentAgreement, n)
	b.index.Reserve(n)
}

// people finds the release's people and where each is mentioned.
func (bl *Builder) people(ds *docState) {
	b := bl.b
	type find struct {
		personFind
		sent int
	}
	var multi, single []find
	for i := range ds.sents {
		title := ds.pre[i].title
		for _, f := range ds.pre[i].people {
			if title && !namedInBody(ds, f.name) {
				continue // "Officials Discuss Crossborder ...": headline words
			}
			if strings.Contains(f.name, " ") || lang.IsInitials(strings.Fields(f.name)[0]) {
				multi = append(multi, find{f, i})
			} else {
				single = append(single, find{f, i})
			}
		}
	}
	local := map[int]bool{}
	var named []int // the people named in full, in the order first named
	// a name of three words or more first, so that "Berg Holm" is the
	// "Anna Berg Holm" the release names in full, before or after
	var long []int // their ids
	for pass := 0; pass < 2; pass++ {
		for _, f := range multi {
			n := strings.Count(f.name, " ") + 1
			if pass == 0 && n < 3 || pass == 1 && n >= 3 {
				continue
			}
			id := -1
			if n == 2 {
				for _, l := range long {
					if ln := b.People[l].Name; len(ln) > len(f.name) && ln[len(ln)-len(f.name)-1] == ' ' && lang.Fold(ln[len(ln)-len(f.name):]) == f.key {
						id = l
						bl.addOffice(b.People[l], f.personFind, ds.sents[f.sent])
						break
					}
				}
			}
			if id < 0 {
				id = bl.person(f.personFind, ds, ds.sents[f.sent])
			}
			if n >= 3 && !slices.Contains(long, id) {
				long = append(long, id)
			}
			if !local[id] {
				local[id] = true
				named = append(named, id)
			}
		}
	}
	for _, f := range single {
		// a surname alone is the first person of that surname named in
		// full, or one found alone before it
		matched := -1
		for _, id := range named {
			if bl.surnameKey[id] == f.key {
				matched = id
				break
			}
		}
		if matched >= 0 {
			bl.addOffice(b.People[matched], f.personFind, ds.sents[f.sent])
			continue
		}
		id := bl.person(f.personFind, ds, ds.sents[f.sent])
		if !local[id] {
			local[id] = true
			named = append(named, id)
		}
	}
	// people named in full who are known from other releases
	for k := range ds.sents {
		for _, fn := range ds.pre[k].fullNames {
			pid, ok := 0, false
			if fn.hasThree {
				pid, ok = bl.personKey[fn.three]
			}
			if !ok {
				pid, ok = bl.personKey[fn.two]
			}
			if ok {
				local[pid] = true
				if p := b.People[pid]; p.Docs[len(p.Docs)-1] != ds.id {
					p.Docs = append(p.Docs, ds.id)
				}
			}
		}
	}
	for id := range local {
		ds.people = append(ds.people, id)
	}
	sort.Ints(ds.people)
	// mentions: full names, surnames, alternative spellings, and role
	// references such as "the Russian Chairman"
	ds.mentions = make([][]int, len(ds.sents))
	for i := range ds.sents {
		folded, words, pairs := ds.pre[i].folded, &ds.pre[i].words, &ds.pre[i].pairs
		for _, pid := range ds.people {
			for k, a := range b.People[pid].Aliases {
				f := &bl.aliasPairs[pid][k]
				if !f.spaced {
					if words.has(a) {
						ds.mentions[i] = appendUnique(ds.mentions[i], pid)
						break
					}
					continue
				}
				if pairs.mayHold(&f.pairs) && strings.Contains(folded, a) {
					ds.mentions[i] = appendUnique(ds.mentions[i], pid)
					break
				}
			}
		}
		for _, r := range ds.pre[i].roles {
			country, head := r.country, r.head
			match := -1
			n := 0
			for _, pid := range ds.people {
				p := b.People[pid]
				if country != "" && p.Country != country {
					continue
				}
				if bl.headMask[pid]&r.bit == 0 {
					continue // no office of theirs has that head
				}
				for _, ws := range bl.officeWords[pid] {
					if slices.Contains(ws, head) {
						match = pid
						n++
						break
					}
				}
			}
			if n == 1 {
				ds.mentions[i] = appendUnique(ds.mentions[i], match)
			}
		}
	}
}

// namedInBody reports whether the last word of name is a word of a
// sentence of the release other than its title.
func namedInBody(ds *docState, name string) bool {
	sur := lang.Fold(name[strings.LastIndexByte(name, ' ')+1:])
	for i := range ds.pre {
		if !ds.pre[i].title && ds.pre[i].words.has(sur) {
			return true
		}
	}
	return false
}

// aliasFilter is what matching an alias against a sentence needs of it
// besides its text: whether it has a space (it is then looked for in the
// folded text, else among the words) and its byte pairs.
type aliasFilter struct {
	pairs  bytePairs
	spaced bool
}

// officeHashSeed seeds officeHash.
var officeHashSeed = maphash.MakeSeed()

// officeHash hashes a folded office title, so that the merge compares
// numbers before titles.
func officeHash(key string) uint64 { return maphash.String(officeHashSeed, key) }

// officeHeadBit gives each office head word one of 64 bits (some share
// one): a person whose offices' words set no bit of a head holds no office
// with that head.
var officeHeadBit = func() map[string]uint64 {
	heads := make([]string, 0, len(lang.OfficeHeads))
	for w := range lang.OfficeHeads {
		heads = append(heads, w)
	}
	slices.Sort(heads)
	m := make(map[string]uint64, len(heads))
	for i, w := range heads {
		m[w] = 1 << (i % 64)
	}
	return m
}()

// officeWordsOf splits a folded office title into its words.
func officeWordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
}

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// person registers a found person, merging with one of the same name.
func (bl *Builder) person(f personFind, ds *docState, sent int) int {
	b := bl.b
	key := f.key
	id, ok := bl.personKey[key]
	if !ok {
		id = len(b.People)
		p := &Person{ID: id, Name: f.name}
		b.People = append(b.People, p)
		bl.personKey[key] = id
		ws := strings.Fields(f.name)
		aliases := []string{key, lang.Fold(ws[len(ws)-1])}
		bl.surnameKey = append(bl.surnameKey, aliases[1])
		bl.officeKeys = append(bl.officeKeys, nil)
		bl.officeWords = append(bl.officeWords, nil)
		bl.officeHashes = append(bl.officeHashes, nil)
		bl.headMask = append(bl.headMask, 0)
		bl.aliasPairs = append(bl.aliasPairs, nil)
		if len(ws) == 3 {
			// "Anna Holm", and "Berg Holm" for a double surname
			aliases = append(aliases, lang.Fold(ws[0]+" "+ws[2]), lang.Fold(ws[1]+" "+ws[2]))
		}
		if f.alt != "" {
			aliases = append(aliases, lang.Fold(f.alt), lang.Fold(strings.Join(append(ws[:len(ws)-1:len(ws)-1], f.alt), " ")))
		}
		for _, a := range aliases {
			bl.alias(a, id)
		}
	}
	p := b.People[id]
	if len(p.Docs) == 0 || p.Docs[len(p.Docs)-1] != ds.id {
		p.Docs = append(p.Docs, ds.id)
	}
	bl.addOffice(p, f, sent)
	return id
}

func (bl *Builder) alias(a string, id int) {
	b := bl.b
	for _, x := range b.aliases[a] {
		if x == id {
			return
		}
	}
	for _, p := range b.People[id].Aliases {
		if p == a {
			goto listed
		}
	}
	b.People[id].Aliases = append(b.People[id].Aliases, a)
	bl.aliasPairs[id] = append(bl.aliasPairs[id], aliasFilter{pairs: bytePairsOf(a), spaced: strings.Contains(a, " ")})
listed:
	if len(b.aliases[a]) == 0 {
		b.aliasList = append(b.aliasList, a)
	}
	b.aliases[a] = append(b.aliases[a], id)
}

func (bl *Builder) addOffice(p *Person, f personFind, sent int) {
	if f.country != "" && p.Country == "" {
		p.Country = f.country
	}
	if f.office == "" {
		return
	}
	t := f.officeKey
	for k, h := range bl.officeHashes[p.ID] {
		if h == f.officeHash && bl.officeKeys[p.ID][k] == t {
			return
		}
	}
	if !strings.Contains(f.office, " ") && len(p.Offices) > 0 {
		return // "Minister X" adds nothing to a known office
	}
	p.Offices = append(p.Offices, Office{Title: f.office, Country: f.country, Evidence: sent})
	bl.officeKeys[p.ID] = append(bl.officeKeys[p.ID], t)
	bl.officeHashes[p.ID] = append(bl.officeHashes[p.ID], f.officeHash)
	ws := officeWordsOf(t)
	bl.officeWords[p.ID] = append(bl.officeWords[p.ID], ws)
	for _, w := range ws {
		bl.headMask[p.ID] |= officeHeadBit[w]
	}
}

// meetings finds the meetings a release reports, in order.
func (bl *Builder) meetings(ds *docState) {
	b := bl.b
	var cur *Meeting
	var mine []*Meeting
	var restore *Meeting // the meeting reported before a separate one
	for i, sid := range ds.sents {
		if restore != nil {
			// after "X will also meet ...", the release goes on with the
			// meeting it reported before
			cur, restore = restore, nil
		}
		s := b.Sentences[sid]
		if s.Contact {
			continue
		}
		text := s.Text
		pre := &ds.pre[i]
		cue := pre.cue
		ps := ds.mentions[i]
		signing := pre.signVerb != nil && len(ps) >= 2
		low := pre.folded
		// "who is scheduled to arrive in Tallinn today": a visit
		cue = cue || len(ps) > 0 && len(pre.places) > 0 && strings.Contains(low, "arriv")
		// "The Memorandum ... was signed today in Helsinki": a signing
		// with a city and a day is an event of its own
		signing = signing || pre.signVerb != nil && pre.usable >= 0 && pre.dates[pre.usable].Day != 0 && hasCity(pre.places) &&
			strings.HasPrefix(strings.ToLower(text[pre.signVerb[0]:]), "signed")
		var places []Place
		if cue || signing || cur != nil {
			places = pre.places
			for k := range places {
				places[k].Evidence = sid
			}
		}
		if cue || signing {
			name := pre.name
			anaph := pre.anaphoric
			if len(ps) > 0 || len(places) > 0 || name != "" || anaph || signing {
				var date dates.Date
				hasDate := pre.usable >= 0
				if hasDate {
					date = pre.dates[pre.usable].Date
				}
				if !hasDate && cur != nil && cur.Date.Day != 0 {
					// "on the following day": a day after the meeting before
					if m := reDayAfter.FindStringSubmatch(text); m != nil {
						step := 1
						if strings.Contains(strings.ToLower(m[0]), "before") || strings.Contains(strings.ToLower(m[0]), "previous") {
							step = -1
						}
						t := cur.Date.Time().AddDate(0, 0, step)
						date, hasDate = dates.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Relative: true, Text: m[0]}, true
					}
				}
				if !hasDate && cur != nil && len(places) > 0 && len(cur.Places) > 0 && !samePlace(places[0], cur.Places) && reNextMeeting.MatchString(text) {
					// "the next meeting will be held in Oslo": not a place
					// of this meeting, and, undated, no meeting of its own
					places = nil
				}
				startNew := cur == nil
				separate := separateMeeting(low)
				if separate == meetingPast || separate != meetingSame && cur != nil && len(cur.Participants) > 0 && !s.Title {
					// "will also meet the Prosecutor General", "also met
					// with the Minister of the Interior", "four months after
					// ..., when X met Y": a meeting of its own
					startNew = true
					restore = cur
					if separate == meetingPast && pre.usable >= 0 && !strings.Contains(low[:min(len(low), pre.dates[pre.usable].Pos)], "when") {
						hasDate = false // the visit's date, not the earlier meeting's
					}
				}
				if cur != nil && !startNew {
					overlap, fresh := false, false
					for _, p := range ps {
						if slices.Contains(cur.Participants, p) {
							overlap = true
						} else {
							fresh = true
						}
					}
					placeConflict := len(places) > 0 && len(cur.Places) > 0 && !samePlace(places[0], cur.Places)
					dateConflict := hasDate && !cur.Date.IsZero() && !sameDay(date, cur.Date)
					switch {
					case fresh && !overlap && len(cur.Participants) > 0 && !anaph:
						startNew = true
					case placeConflict && dateConflict:
						startNew = true
					case placeConflict && fresh && !anaph:
						// the host meets someone new elsewhere: another meeting
						startNew = true
					case placeConflict && hasDate && cur.Date.IsZero() && !anaph:
						startNew = true
					case dateConflict && date.Day != 0 && cur.Date.Day != 0 && !withinDays(date, cur.Date) && dates.FutureBefore(low):
						// "The Steering Board will hold its first meeting in
						// Helsinki on 12 April": announced for another day
						startNew = true
					}
				}
				if startNew {
					cur = &Meeting{ID: len(b.Meetings), Doc: ds.id, Anchor: sid, DateEvidence: -1}
					b.Meetings = append(b.Meetings, cur)
					mine = append(mine, cur)
				}
				for _, p := range ps {
					cur.Participants = appendUnique(cur.Participants, p)
				}
				for _, pl := range places {
					addPlace(cur, pl)
				}
				if hasDate && (cur.Date.IsZero() || cur.Date.Day == 0 && date.Day != 0) && separate != meetingPast {
					cur.Date, cur.DateEvidence = date, sid
				}
				if name != "" && cur.Name == "" && (startNew || len(cur.Participants) == 0) && separate == meetingSame {
					cur.Name = name
				}
			}
		}
		if cur == nil {
			continue
		}
		b.sentMeeting[sid] = int32(cur.ID)
		cur.Sentences = append(cur.Sentences, sid)
		if m := pre.represented; m != nil {
			if c := lang.CountryOf(text[m[2]:m[3]]); c != "" {
				for _, pid := range ds.mentions[i] {
					p := b.People[pid]
					if p.Country == "" {
						for _, a := range p.Aliases {
							if strings.Contains(lang.Fold(text[m[1]:]), a) {
								p.Country = c
								break
							}
						}
					}
				}
			}
		}
		if len(ps) > 0 && (pre.participantCue || len(ps) >= 2 && isGroupCaption(low)) && !s.Title {
			// (and the people a photo caption lists "from left")
			for _, p := range ps {
				cur.Participants = appendUnique(cur.Participants, p)
			}
		}
		if pre.discussed && !s.Title {
			cur.Discussed = append(cur.Discussed, sid)
		}
		if pre.outcome && !s.Title {
			cur.Outcomes = append(cur.Outcomes, sid)
		}
	}
	ds.meetings = mine
	if len(mine) == 0 {
		return
	}
	// sentences before the first meeting (headline, lead) belong to it
	first := mine[0]
	var lead []int
	for _, sid := range ds.sents {
		if b.sentMeeting[sid] >= 0 {
			break
		}
		if b.Sentences[sid].Contact {
			continue
		}
		b.sentMeeting[sid] = int32(first.ID)
		lead = append(lead, sid)
	}
	first.Sentences = append(lead, first.Sentences...)
	for _, m := range mine {
		if m.Date.IsZero() {
			// "... to sign this agreement today": an undated meeting
			// the release reports as of its own day
			for _, sid := range m.Sentences {
				k := sid - ds.sents[0]
				if ds.pre[k].title {
					continue
				}
				for _, d := range ds.pre[k].dates {
					if d.Relative && d.Day != 0 && strings.EqualFold(d.Text, "today") {
						m.Date, m.DateEvidence = d.Date, sid
						break
					}
				}
				if !m.Date.IsZero() {
					break
				}
			}
		}
		if len(m.Places) == 0 {
			// "visited the Ministry of Foreign Affairs of the Russian
			// Federation": the capital, where ministries sit
			if c := ministryVisited(b.Sentences[m.Anchor].Text); c != "" {
				if city := lang.Capitals[c]; city != "" {
					m.Places = append(m.Places, Place{Name: city, Country: c, Evidence: m.Anchor})
				}
			}
		}
		if len(m.Places) == 0 && ds.dateline != "" {
			first := ds.sents[0]
			if b.Sentences[first].Title && len(ds.sents) > 1 {
				first = ds.sents[1]
			}
			m.Places = append(m.Places, Place{Name: ds.dateline, Country: lang.FoldedCities[lang.Fold(ds.dateline)], Evidence: first})
		}
		bl.finishMeeting(ds, m)
	}
}

// samePlace reports whether p is one of the places already known, or a
// city inside a country already named (which then gives way to the city).
func samePlace(p Place, known []Place) bool {
	for _, k := range known {
		if PlaceKey(k.Name) == PlaceKey(p.Name) {
			return true
		}
		if k.Name == k.Country && p.Country == k.Name {
			return true
		}
	}
	return false
}

func addPlace(m *Meeting, p Place) {
	for i, k := range m.Places {
		if PlaceKey(k.Name) == PlaceKey(p.Name) {
			return
		}
		if k.Name == k.Country && p.Country == k.Name {
			m.Places[i] = p // a city replaces its country
			return
		}
	}
	if p.Name == p.Country {
		for _, k := range m.Places {
			if k.Country == p.Name {
				return // a country adds nothing to a city in it
			}
		}
	}
	m.Places = append(m.Places, p)
}

// finishMeeting fills topics, countries and participants' countries.
func (bl *Builder) finishMeeting(ds *docState, m *Meeting) {
	b := bl.b
	var seenTopic uint64 // topic names are distinct
	var text []*sentCountries
	var core []*sentCountries // of the headline, the lead, the anchor and the sentence after
	after := 0                // body sentences from the anchor on
	for _, sid := range m.Sentences {
		k := sid - ds.sents[0] // a release's sentences are numbered consecutively
		if ts := ds.pre[k].topics &^ seenTopic; ts != 0 {
			for i, t := range lang.Topics {
				if ts&(1<<i) != 0 {
					m.Topics = append(m.Topics, TopicHit{Name: t.Name, Evidence: sid})
				}
			}
			seenTopic |= ts
		}
		if sid == m.Anchor || ds.pre[k].participantCue || b.sentMeeting[sid] == int32(m.ID) && sid <= m.Anchor {
			text = append(text, &ds.pre[k].countries)
		}
		if b.sentMeeting[sid] == int32(m.ID) && sid <= m.Anchor {
			core = append(core, &ds.pre[k].countries)
		} else if sid > m.Anchor && after < 2 {
			core = append(core, &ds.pre[k].countries)
		}
		if sid >= m.Anchor && !ds.pre[k].title {
			after++
		}
	}
	known := map[string]bool{}
	var unknown []*Person
	for _, pid := range m.Participants {
		p := b.People[pid]
		if p.Country != "" {
			known[p.Country] = true
			m.Countries = appendUniqueStr(m.Countries, p.Country)
		} else {
			unknown = append(unknown, p)
		}
	}
	for _, c := range countriesOfSents(text) {
		m.Countries = appendUniqueStr(m.Countries, c)
	}
	if len(unknown) == 1 && len(known) > 0 {
		// the one participant of unknown country is from the country the
		// headline, lead, anchor or the sentence after it names besides
		// the known ones' (not
		// from a lone country named near someone of unknown side, nor
		// from "the current Danish presidency" later on)
		var rest []string
		for _, c := range countriesOfSents(core) {
			if !known[c] {
				rest = append(rest, c)
			}
		}
		if len(rest) == 1 {
			unknown[0].Country = rest[0]
		}
	}
	for _, pl := range m.Places {
		b.places[PlaceKey(pl.Name)] = pl.Name
	}
	for _, pid := range m.Participants {
		b.byPerson[pid] = append(b.byPerson[pid], m.ID)
	}
}

func appendUniqueStr(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// agreements finds the agreements a release names and what it says of them.
func (bl *Builder) agreements(ds *docState) {
	b := bl.b
	var mine []*Agreement
	var cues []statusCues // by agreement, parallel to mine
	var keys []string     // agreementKey of each one's name, parallel to mine
	last := func() *Agreement {
		if len(mine) == 0 {
			return nil
		}
		return mine[len(mine)-1]
	}
	cuesOf := func(a *Agreement) *statusCues {
		for k, x := range mine {
			if x == a {
				return &cues[k]
			}
		}
		return &statusCues{}
	}
	order := make([]int, 0, len(ds.sents))
	for i, sid := range ds.sents {
		if !b.Sentences[sid].Title {
			order = append(order, i)
		}
	}
	for i, sid := range ds.sents {
		if b.Sentences[sid].Title {
			order = append(order, i)
		}
	}
	for _, i := range order {
		sid := ds.sents[i]
		s := b.Sentences[sid]
		if s.Contact {
			continue
		}
		text := s.Text
		var here []*Agreement
		ms := ds.pre[i].agreements
		if s.Title && len(ms) > 0 && len(mine) > 0 {
			b.sentAgreement[sid] = int32(mine[0].ID)
			mine[0].Sentences = append([]int{sid}, mine[0].Sentences...)
			continue
		}
		var fresh []bool // by mention: it names a new agreement
		for _, am := range ms {
			var a *Agreement
			fresh = append(fresh, false)
			if am.bare && last() != nil {
				a = last()
			} else {
				key := agreementKey(am.name)
				for k, x := range mine {
					if keys[k] == key && compatibleParties(x.Parties, am.parties) {
						a = x
						break
					}
				}
			}
			if a == nil {
				a = &Agreement{ID: len(b.Agreements), Doc: ds.id, Name: am.name, SignedEvidence: -1, ExpiresEvidence: -1, InitiatorEvidence: -1, InForceEvidence: -1, StatusEvidence: -1}
				b.Agreements = append(b.Agreements, a)
				mine = append(mine, a)
				cues = append(cues, statusCues{})
				keys = append(keys, agreementKey(a.Name))
				fresh[len(fresh)-1] = true
			}
			if len(a.Name) < len(am.name) && !am.bare && !s.Title {
				a.Name = am.name
				keys[slices.Index(mine, a)] = agreementKey(a.Name)
			}
			if !s.Title {
				for _, c := range am.parties {
					a.Parties = appendUniqueStr(a.Parties, c)
				}
			}
			here = append(here, a)
		}
		factCue := ds.pre[i].factCue
		if len(here) == 0 && (last() == nil || s.Title) {
			continue
		}
		// lower case with the text's byte offsets: the folded text is
		// that for ASCII
		low := ds.pre[i].folded
		if len(low) != len(text) || !ascii.Is(text) {
			low = ascii.Lower(text)
		}
		if len(here) == 0 {
			// "The signatory states are Finland, Sweden, ...": the
			// parties of the agreement just named
			if a := last(); a != nil && !s.Title && (strings.Contains(low, "signator") || strings.Contains(low, "parties to the")) {
				for _, c := range partiesIn(text) {
					a.Parties = appendUniqueStr(a.Parties, c)
				}
			}
			if (!factCue && !mayHoldStatusCue(low)) || last() == nil || s.Title {
				continue
			}
			here = []*Agreement{last()}
		}
		a := here[0]
		for _, x := range here {
			if b.sentAgreement[sid] < 0 {
				b.sentAgreement[sid] = int32(x.ID) // the first agreement named owns the sentence
			}
			x.Sentences = appendUnique(x.Sentences, sid)
		}
		if s.Title {
			continue
		}
		dates := ds.pre[i].dates
		// the agreement a position belongs to: the one named before it
		owner := func(pos int) *Agreement {
			best := here[0]
			for k, am := range ms {
				if am.pos < pos && k < len(here) {
					best = here[k]
				}
			}
			return best
		}
		// the agreement a cue at pos speaks of: the one named next after
		// it, else the one named last before it
		target := func(pos int) *Agreement {
			for k, am := range ms {
				if am.pos >= pos && k < len(here) {
					return here[k]
				}
			}
			return owner(pos)
		}
		if m := ds.pre[i].signVerb; m != nil {
			verb := strings.ToLower(text[m[0]:m[1]])
			kind := signingKind(text, m, ms)
			if verb == "signing" {
				verb = "signed"
			}
			if kind != signingNone {
				for _, d := range dates {
					if kind == signingAdjective {
						break
					}
					if strings.HasSuffix(strings.TrimSpace(text[:d.Pos]), "until") || lang.ReExpire.MatchString(text[max(0, d.Pos-30):d.Pos]) {
						continue
					}
					o := owner(d.Pos)
					if o.Signed.IsZero() || o.Signed.Day == 0 && d.Day != 0 {
						o.Signed, o.SignedVerb, o.SignedEvidence = d.Date, verb, sid
					}
					break
				}
				signers := []*Agreement{owner(m[0])}
				if strings.Contains(low, "including") || strings.Contains(low, "among them") {
					signers = here // "eight agreements were signed, including X, Y and Z"
				}
				for _, o := range signers {
					if o.SignedVerb == "" {
						o.SignedVerb = verb
						if o.SignedEvidence < 0 {
							o.SignedEvidence = sid
						}
					}
					if kind == signingFinite {
						cuesOf(o).finite = true
					}
				}
				ps := ds.mentions[i]
				if len(ps) > 0 && (verb == "signed") {
					for _, p := range ps {
						a.Signatories = appendUnique(a.Signatories, p)
					}
					if pl := findPlaces(text, false); len(pl) > 0 {
						a.Place = pl[0].Name
					}
				}
			}
		}
		if len(ms) > 0 {
			// the countries of the sentence, for the agreements it names
			// (not those it refers back to: "the treaty")
			for _, c := range countriesOfSents([]*sentCountries{&ds.pre[i].countries}) {
				for k, x := range here {
					if k < len(ms) && (!ms[k].bare || fresh[k]) {
						x.Parties = appendUniqueStr(x.Parties, c)
					}
				}
			}
		}
		if m := lang.ReExpire.FindStringIndex(text); m != nil {
			for _, d := range dates {
				if d.Pos > m[0] {
					a.Expires, a.ExpiresEvidence = d.Date, sid
					break
				}
			}
		}
		if m := reEntryIntoForce.FindStringIndex(text); m != nil {
			for _, d := range dates {
				if d.Pos > m[0] && d.Day+d.Month+d.Year > 0 {
					a.InForce, a.InForceEvidence = d.Date, sid
					break
				}
			}
		}
		for _, c := range findStatusCues(low) {
			x := target(c.pos)
			if c.after {
				// only of the agreement named right after the cue, or of
				// the ones a list after it names ("the existing bilateral
				// agreements – the X and the Y")
				var xs []*Agreement
				for k, am := range ms {
					if k >= len(here) || am.pos < c.pos {
						continue
					}
					if am.pos-c.pos <= 40 || len(xs) > 0 || strings.ContainsAny(text[c.pos:am.pos], "–—:") {
						xs = append(xs, here[k])
					}
					if !strings.ContainsAny(text[c.pos:am.pos], "–—:") {
						break
					}
				}
				for _, x := range xs {
					cuesOf(x).set(c.kind, sid)
				}
				continue
			}
			cuesOf(x).set(c.kind, sid)
		}
		if m := lang.ReInitiator.FindStringIndex(text); m != nil && a.Initiator == "" {
			if who := actorAfter(text[m[1]:], ds, i, b); who != "" {
				a.Initiator, a.InitiatorEvidence = who, sid
			}
		}
	}
	for k, a := range mine {
		a.Status, a.StatusEvidence = cues[k].result()
		// signed by people of two countries and naming none: those are the
		// parties ("Minister X and her Latvian counterpart signed a plan")
		if len(a.Parties) == 0 {
			var cs []string
			for _, p := range a.Signatories {
				if c := b.People[p].Country; c != "" {
					cs = appendUniqueStr(cs, c)
				}
			}
			if len(cs) >= 2 {
				a.Parties = cs
			}
		}
		// signed at a meeting and naming no parties: the meeting's sides
		if len(a.Parties) == 0 && cues[k].finite && a.SignedEvidence >= 0 {
			if m := b.MeetingOf(a.SignedEvidence); m != nil && len(m.Countries) >= 2 {
				a.Parties = slices.Clone(m.Countries)
			}
		}
		// "cooperation with the Finnish police in the framework of the
		// signed plan", in a Russian release: the other party is the
		// release's own country
		if len(a.Parties) == 1 && ds.home != "" && a.Parties[0] != ds.home {
			a.Parties = append(a.Parties, ds.home)
		}
		// "based on an agreement made by the two governments": the two
		// countries the release is about
		if len(a.Parties) == 0 {
			for _, sid := range a.Sentences {
				if mentionsTheTwo(strings.ToLower(b.Sentences[sid].Text)) {
					a.Parties = twoCountries(ds, b)
					break
				}
			}
		}
	}
	// an agreement signed at a meeting, with no date of its own, takes the
	// meeting's date: only when the release reports the signing itself
	// ("a protocol was signed", "the ministers signed"), not an agreement
	// it names in passing
	for k, a := range mine {
		if a.Signed.IsZero() && a.SignedVerb != "" && a.SignedEvidence >= 0 && cues[k].finite {
			if m := b.MeetingOf(a.SignedEvidence); m != nil && !m.Date.IsZero() {
				a.Signed, a.SignedInferred = m.Date, true
			} else if !ds.doc.Date.IsZero() && ds.doc.Date.Year != 0 && reSignedPast.MatchString(b.Sentences[a.SignedEvidence].Text) {
				a.Signed, a.SignedReported = ds.doc.Date, true
			}
		}
	}
}

// actorAfter finds the first country or person named in the few words
// after an "initiated"/"initiator" cue.
func actorAfter(rest string, ds *docState, i int, b *Base) string {
	ws := lang.Words(rest)
	if len(ws) > 10 {
		ws = ws[:10]
	}
	for k, w := range ws {
		if c := lang.CountryOf(w); c != "" && lang.IsCapitalized(w) {
			return c
		}
		for _, pid := range ds.mentions[i] {
			if lang.Fold(b.People[pid].Surname()) == lang.Fold(w) {
				return b.People[pid].Name
			}
		}
		_ = k
	}
	return ""
}

// gazetteerPlaces are the cities of cityCountry with their PlaceKey, the
// shortest spelling of a place first ("St Petersburg" before "Saint
// Petersburg"), so that the spelling a base uses for a place its releases
// do not name is the same on every build.
var gazetteerPlaces = func() []struct{ key, name string } {
	names := slices.Collect(maps.Keys(lang.CityCountry))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	out := make([]struct{ key, name string }, len(names))
	for i, n := range names {
		out[i].key, out[i].name = PlaceKey(n), n
	}
	return out
}()

// Build finishes the base. The Builder must not be used afterwards.
func (bl *Builder) Build() *Base {
	b := bl.b
	b.index.MoveSlots(bl.slots)
	sentDoc := make([]int32, len(b.Sentences))
	for i, s := range b.Sentences {
		sentDoc[i] = int32(s.Doc)
	}
	// the index and the lookups share nothing: finish them side by side
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.index.Finish(sentDoc, len(b.Docs))
	}()
	for _, c := range gazetteerPlaces {
		if _, ok := b.places[c.key]; !ok {
			b.places[c.key] = c.name
		}
	}
	b.buildLookups()
	<-done
	b.Built = time.Now()
	return b
}

// twoCountries are the two parties a release is about, for "the two
// countries": the two its headline names, else the two countries of its
// first meeting, else none.
func twoCountries(ds *docState, b *Base) []string {
	if cs := partiesIn(ds.doc.Title); len(cs) == 2 {
		return cs
	}
	if len(ds.meetings) > 0 && len(ds.meetings[0].Countries) == 2 {
		return slices.Clone(ds.meetings[0].Countries)
	}
	return nil
}

// compatibleParties reports whether two lists of parties can be one
// agreement's: one of them is empty or holds the other.
func compatibleParties(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	sub := func(x, y []string) bool {
		for _, c := range x {
			if !slices.Contains(y, c) {
				return false
			}
		}
		return true
	}
	return sub(a, b) || sub(b, a)
}

// sameDay reports whether two dates are the same as far as both are known
// (a year-less "24 November" is not every date without a year).
func sameDay(a, b dates.Date) bool {
	return a.Year == b.Year && a.Month == b.Month && a.Day == b.Day
}

// withinDays reports whether d falls on a day of m, a date or a range.
func withinDays(d, m dates.Date) bool {
	if sameDay(d, m) {
		return true
	}
	if m.End == nil || d.Year != m.Year {
		return false
	}
	x, lo, hi := d.Month*32+d.Day, m.Month*32+m.Day, m.End.Month*32+m.End.Day
	return lo <= x && x <= hi
}
