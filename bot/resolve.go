package bot

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sahilm/fuzzy"

	"liaison/knowledge"
)

// names is what name resolution found in a question.
type names struct {
	// people are the people the question names, in order.
	people []*knowledge.Person
	// ambiguous are names that fit several people equally well.
	ambiguous [][]*knowledge.Person
	// unknown are words that look like names but fit nobody.
	unknown []string
	// near are people whose names are close to an unknown word.
	near []*knowledge.Person
	// corrected maps a typed word to the alias it was read as.
	corrected map[string]string
	// places are places the question names (canonical spelling).
	places []string
	// countries are countries named or implied ("Finnish").
	countries []string
	// inCountry are countries named after "in" ("meet in Sweden").
	inCountry []string
	// used marks the question words that named something.
	used  []bool
	words []string
}

// maxEdits is how many edits a typed surname may be from a known one.
func maxEdits(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 7:
		return 1
	case n < 10:
		return 2
	}
	return 3
}

// resolveNames finds the people, places and countries a question names.
// Exact aliases (accent-folded) come first, then sahilm/fuzzy subsequence
// matching on surnames, then edit distance for typos a subsequence matcher
// misses ("Kolokoltsov").
func resolveNames(b *knowledge.Base, text string, personal bool) names {
	n, _ := resolveNamesTyped(b, text, personal)
	return n
}

// resolveNamesTyped is resolveNames that also reports whether personal
// made a difference: whether a lower-case word was read as a possible
// name only because personal was set. When it did not, resolving the text
// with the other setting gives the same names.
func resolveNamesTyped(b *knowledge.Base, text string, personal bool) (names, bool) {
	raw := knowledge.Words(text)
	mattered := false
	n := names{corrected: map[string]string{}}
	for _, w := range raw {
		f := knowledge.Fold(w)
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'")
		n.words = append(n.words, f)
	}
	n.used = make([]bool, len(n.words))
	seen := map[int]bool{}
	addPerson := func(p *knowledge.Person) {
		if !seen[p.ID] {
			seen[p.ID] = true
			n.people = append(n.people, p)
		}
	}
	for size := 3; size >= 1; size-- {
		for i := 0; i+size <= len(n.words); i++ {
			if anyUsed(n.used[i : i+size]) {
				continue
			}
			phrase := strings.Join(n.words[i:i+size], " ")
			if size == 1 && questionWords[phrase] {
				continue
			}
			if ids := b.AliasPeople(phrase); len(ids) > 0 {
				markUsed(n.used[i : i+size])
				if len(ids) == 1 {
					addPerson(b.People[ids[0]])
				} else {
					var ps []*knowledge.Person
					for _, id := range ids {
						ps = append(ps, b.People[id])
					}
					n.ambiguous = append(n.ambiguous, ps)
				}
				continue
			}
			if pl := b.Place(knowledge.PlaceKey(phrase)); pl != "" {
				markUsed(n.used[i : i+size])
				n.places = appendStr(n.places, pl)
				if i > 0 && n.words[i-1] == "in" {
					if c := knowledge.CountryOf(pl); c != "" {
						n.inCountry = appendStr(n.inCountry, c)
					}
				}
				continue
			}
			if c := knowledge.CountryOf(phrase); c != "" && (size > 1 || !questionWords[phrase]) {
				markUsed(n.used[i : i+size])
				n.countries = appendStr(n.countries, c)
				if i > 0 && n.words[i-1] == "in" {
					n.inCountry = appendStr(n.inCountry, c)
				}
			}
		}
	}
	// typos and unknown names
	var unknownRun []string
	flush := func() {
		if len(unknownRun) > 0 {
			n.unknown = append(n.unknown, strings.Join(unknownRun, " "))
			unknownRun = nil
		}
	}
	for i, w := range n.words {
		if n.used[i] || questionWords[w] || len(knowledge.Terms(w)) == 0 || isNumber(w) {
			flush()
			continue
		}
		if b.Index().Has(knowledge.Stem(w)) || b.Index().Has(w) {
			flush()
			continue // an ordinary word of the releases
		}
		capital := isCapitalizedWord(raw[i]) && i > 0
		if !capital {
			mattered = true
		}
		if !personal && !capital {
			flush()
			continue
		}
		if p, alias, ok := closestPerson(b, w); ok {
			n.used[i] = true
			n.corrected[w] = alias
			if len(p) == 1 {
				addPerson(p[0])
			} else {
				n.ambiguous = append(n.ambiguous, p)
			}
			flush()
			continue
		}
		if len(w) >= 3 && (isCapitalizedWord(raw[i]) || len(w) >= 5) {
			unknownRun = append(unknownRun, raw[i])
			if near := nearPeople(b, w); len(near) > 0 {
				n.near = append(n.near, near...)
			}
			continue
		}
		flush()
	}
	flush()
	return n, mattered
}

func isCapitalizedWord(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func anyUsed(u []bool) bool {
	for _, x := range u {
		if x {
			return true
		}
	}
	return false
}

func markUsed(u []bool) {
	for i := range u {
		u[i] = true
	}
}

func appendStr(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// closestPerson finds the person a mistyped single word most likely names:
// a subsequence match (sahilm/fuzzy) of nearly the same length, or else the
// smallest edit distance within maxEdits. Several people at the same
// distance are all returned.
func closestPerson(b *knowledge.Base, w string) ([]*knowledge.Person, string, bool) {
	limit := maxEdits(len(w))
	if limit == 0 {
		return nil, "", false
	}
	// Only one-word aliases 0 to 2 bytes longer than w are kept from the
	// fuzzy matches, and only those within limit bytes can be within limit
	// edits: the base's length buckets hand over just those, in alias order.
	best, bestD := []string{}, limit+1
	for _, m := range fuzzy.Find(w, b.SingleAliases(len(w), len(w)+2)) {
		if d := len(m.Str) - len(w); d >= 0 && d <= 2 {
			if d < bestD {
				best, bestD = []string{m.Str}, d
			} else if d == bestD {
				best = append(best, m.Str)
			}
		}
	}
	if len(best) == 0 {
		for _, a := range b.SingleAliases(len(w)-limit, len(w)+limit) {
			d := damerau(w, a, limit)
			if d < bestD {
				best, bestD = []string{a}, d
			} else if d == bestD {
				best = append(best, a)
			}
		}
	}
	if len(best) == 0 || bestD > limit {
		return nil, "", false
	}
	var ps []*knowledge.Person
	seen := map[int]bool{}
	for _, a := range best {
		for _, id := range b.AliasPeople(a) {
			if !seen[id] {
				seen[id] = true
				ps = append(ps, b.People[id])
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	return ps, best[0], true
}

// nearPeople returns people whose surname is a little further from w than
// closestPerson accepts, for "did you mean".
func nearPeople(b *knowledge.Base, w string) []*knowledge.Person {
	limit := maxEdits(len(w)) + 1
	var out []*knowledge.Person
	for _, a := range b.SingleAliases(len(w)-limit, len(w)+limit) {
		if damerau(w, a, limit) <= limit {
			for _, id := range b.AliasPeople(a) {
				out = append(out, b.People[id])
			}
		}
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// damerau is the optimal-string-alignment edit distance between a and b,
// giving up (returning limit+1) once it must exceed limit.
func damerau(a, b string, limit int) int {
	// names fit the stack buffers; longer words are allocated
	var bufA, bufB [40]rune
	var rows [3][41]int
	ra, rb := bufA[:0], bufB[:0]
	for _, r := range a {
		ra = append(ra, r)
	}
	for _, r := range b {
		rb = append(rb, r)
	}
	la, lb := len(ra), len(rb)
	if abs(la-lb) > limit {
		return limit + 1
	}
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if lb+1 > len(cur) {
		prev2, prev, cur = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	clear(prev2)
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// describedPeople finds the people a question describes by office instead
// of naming them: "the Russian interior minister", "the Finnish and Russian
// justice ministers", "the Finnish ambassador in Moscow", "the head of the
// North-West Customs Office". An office must hold one of the question's
// head words ("minister", "head"; "head" and "chief" stand for each other)
// as a word, not inside another ("headquarters"). Each other content word
// of the question, places included, counts twice when the office holds it
// ("customs", "north", "west", "riga") and once when the office holds a
// word of the same portfolio ("home" or "interior" for "internal");
// serving a country the question names counts once, and serving another
// rules a person out. Only the best-scoring people are returned, and none
// when more than six tie.
func describedPeople(b *knowledge.Base, n names) []*knowledge.Person {
	heads, domain, _ := officeQuery(n)
	if len(heads) == 0 {
		return nil
	}
	out := peopleByOffice(b, n, heads, domain, false)
	if len(out) > 6 {
		return nil
	}
	return out
}

// officeQuery reads what a question says of people it does not name: the
// head words of an office it names (with the words that stand for them),
// its other content words and places as index terms, and whether it
// speaks of people in general ("officials", "people").
func officeQuery(n names) (heads, domain []string, generic bool) {
	var rest []string
	for i, w := range n.words {
		if n.used[i] {
			continue
		}
		switch s := strings.TrimSuffix(w, "s"); {
		case officeHeads[s]:
			heads = append(heads, knowledge.Terms(headAlts[s])...)
		case genericPeople[w]:
			generic = true
		case !questionWords[w] && knowledge.CountryOf(w) == "":
			rest = append(rest, w)
		}
	}
	return heads, uniq(knowledge.Terms(strings.Join(append(rest, n.places...), " "))), generic
}

// genericPeople are words for people in general.
var genericPeople = map[string]bool{"official": true, "officials": true, "people": true, "person": true, "persons": true,
	"participant": true, "participants": true, "representative": true, "representatives": true, "officer": true,
	"officers": true, "delegate": true, "delegates": true, "everyone": true, "everybody": true}

// peopleByOffice returns the best-scoring people for an office query (see
// describedPeople), in the base's order: with no heads, anyone may fit,
// and then a country or a content word must; with no heads, content
// words or countries at all, everyone fits. For a list, every person a
// content word or country fits is kept (the best first, an interior
// minister before a minister of internal affairs), or, when none does,
// everyone who holds a head word ("which ambassadors are mentioned?").
func peopleByOffice(b *knowledge.Base, n names, heads, domain []string, list bool) []*knowledge.Person {
	everyone := len(heads) == 0 && len(domain) == 0 && len(n.countries) == 0 || list && len(heads) > 0
	type scored struct {
		p     *knowledge.Person
		score int
	}
	var cands []scored
	best := 0
	for _, p := range b.People {
		if len(heads) > 0 && !mayHoldHead(p, heads) {
			continue
		}
		terms := map[string]bool{}
		for _, o := range p.Offices {
			for _, t := range knowledge.Terms(o.Title) {
				terms[t] = true
			}
		}
		hit := len(heads) == 0
		for _, h := range heads {
			hit = hit || terms[h]
		}
		if !hit {
			continue
		}
		score := 1
		for _, d := range domain {
			if terms[d] {
				score += 2
			} else if slices.ContainsFunc(officeSynonyms[d], func(a string) bool { return terms[a] }) {
				score++
			}
		}
		if len(n.countries) > 0 {
			if !slices.Contains(n.countries, p.Country) {
				continue
			}
			score++
		}
		if score < 2 && !everyone {
			continue
		}
		cands = append(cands, scored{p, score})
		best = max(best, score)
	}
	if list {
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	}
	var out []*knowledge.Person
	for _, c := range cands {
		if c.score == best || list && c.score >= min(best, 2) {
			out = append(out, c.p)
		}
	}
	return out
}

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
	interior := knowledge.Terms("interior internal home")
	for _, t := range interior {
		officeSynonyms[t] = interior
	}
	police := knowledge.Terms("police commissar")
	officeSynonyms[police[0]] = police
}

// mayHoldHead is a cheap first look: whether one of p's offices holds one
// of the head terms as a substring.
func mayHoldHead(p *knowledge.Person, heads []string) bool {
	for _, o := range p.Offices {
		f := knowledge.Fold(o.Title)
		for _, h := range heads {
			if strings.Contains(f, h) {
				return true
			}
		}
	}
	return false
}

// ResolvePeople returns the people a question names as the core resolves
// them: exact folded aliases first, then fuzzy subsequence and
// edit-distance matching of mistyped surnames. A name that fits several
// people contributes all of them. It is what every answer pays for name
// resolution, exposed for benchmarks and tools.
func ResolvePeople(b *knowledge.Base, text string) []*knowledge.Person {
	n := resolveNames(b, text, true)
	out := append([]*knowledge.Person(nil), n.people...)
	for _, ps := range n.ambiguous {
		out = append(out, ps...)
	}
	return out
}
