package bot

import (
	"sort"
	"strings"
	"unicode"

	"liaison/knowledge"
	"liaison/knowledge/lang"

	"github.com/sahilm/fuzzy"
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
	raw := lang.Words(text)
	mattered := false
	n := names{corrected: map[string]string{}}
	for _, w := range raw {
		f := lang.Fold(w)
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
					if c := lang.CountryOf(pl); c != "" {
						n.inCountry = appendStr(n.inCountry, c)
					}
				}
				continue
			}
			if c := lang.CountryOf(phrase); c != "" && (size > 1 || !questionWords[phrase]) {
				markUsed(n.used[i : i+size])
				n.countries = appendStr(n.countries, c)
				if i > 0 && n.words[i-1] == "in" {
					n.inCountry = appendStr(n.inCountry, c)
				}
				continue
			}
			if cs := hyphenCountries(phrase); size == 1 && len(cs) > 0 {
				markUsed(n.used[i : i+size])
				for _, c := range cs {
					n.countries = appendStr(n.countries, c)
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
		if n.used[i] || questionWords[w] || len(lang.Terms(w)) == 0 || isNumber(w) {
			flush()
			continue
		}
		if b.Index().Has(lang.Stem(w)) || b.Index().Has(w) {
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
		if p, alias, ok := closestPerson(b, w); ok && firstNameFits(raw, n, i, p) {
			n.used[i] = true
			n.corrected[w] = alias
			if len(p) == 1 {
				n.corrected[w] = spelledAs(p[0], alias)
				addPerson(p[0])
			} else {
				n.ambiguous = append(n.ambiguous, p)
			}
			flush()
			continue
		}
		if capital || i > 0 && placePreps[n.words[i-1]] {
			if pl, ok := closestPlace(b, w); ok {
				// "meetings in Helsinky"
				n.used[i] = true
				n.corrected[w] = pl
				n.places = appendStr(n.places, pl)
				if i > 0 && n.words[i-1] == "in" {
					if c := lang.CountryOf(pl); c != "" {
						n.inCountry = appendStr(n.inCountry, c)
					}
				}
				flush()
				continue
			}
		}
		if len(w) >= 3 && (isCapitalizedWord(raw[i]) || len(w) >= 5 && nameSlot(n.words, i)) {
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

// freeWords returns the question's words from index from on that named
// nothing and are not words of the question grammar, less those skip
// (when not nil) rejects: what the question says besides its names.
func (p *query) freeWords(from int, skip func(string) bool) []string {
	var out []string
	for i := from; i < len(p.words); i++ {
		if w := p.words[i]; !p.used[i] && !questionWords[w] && (skip == nil || !skip(w)) {
			out = append(out, w)
		}
	}
	return out
}

// spelledAs returns the word of p's name that alias (folded) stands for,
// as the releases spell it ("Hækkerup" for "haekkerup"), or alias.
func spelledAs(p *knowledge.Person, alias string) string {
	for _, w := range strings.Fields(p.Name) {
		if strings.ToLower(lang.Fold(w)) == alias {
			return w
		}
	}
	return alias
}

// hyphenCountries returns the countries of a hyphenated word whose every
// part names one ("finnish-polish", "finland-norway-russia"), or nil.
func hyphenCountries(w string) []string {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return nil
	}
	var out []string
	for _, p := range parts {
		c := lang.CountryOf(p)
		if c == "" {
			return nil
		}
		out = append(out, c)
	}
	return out
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
		best, bestD = nearest(w, b.SingleAliases(len(w)-limit, len(w)+limit), limit, nil)
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

// closestPlace finds the place a mistyped word most likely names: the one
// place the base knows, with the same first letter, within maxEdits of
// it, by its canonical spelling.
func closestPlace(b *knowledge.Base, w string) (string, bool) {
	limit := maxEdits(len(w))
	if limit == 0 {
		return "", false
	}
	keys, _ := nearest(w, b.PlaceKeys(), limit, func(key string) bool {
		return key != "" && key[0] == w[0] // a typo seldom changes the first letter
	})
	place := ""
	for _, key := range keys {
		pl := b.Place(key)
		if place != "" && pl != place {
			return "", false // two places as near
		}
		place = pl
	}
	return place, place != ""
}

// nearest returns the candidates within limit edits of w (damerau) at the
// smallest such distance, in candidate order, and that distance (limit+1
// when none is within limit). keep, when not nil, passes over candidates
// before any distance is computed.
func nearest(w string, cands []string, limit int, keep func(string) bool) ([]string, int) {
	var best []string
	bestD := limit + 1
	for _, c := range cands {
		if abs(len(c)-len(w)) > limit || keep != nil && !keep(c) {
			continue
		}
		switch d := damerau(w, c, limit); {
		case d > limit:
		case d < bestD:
			best, bestD = append(best[:0], c), d
		case d == bestD:
			best = append(best, c)
		}
	}
	return best, bestD
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

// firstNameFits reports whether the person a mistyped surname (the word
// at i) is read as may be the one meant: when a capitalised word the
// question does not otherwise read comes before it, a first name, one of
// ps must have a name word within one edit of it ("Mikael Damberg" is not
// "Heino Tamberg").
func firstNameFits(raw []string, n names, i int, ps []*knowledge.Person) bool {
	if i == 0 || !isCapitalizedWord(raw[i-1]) || n.used[i-1] || questionWords[n.words[i-1]] {
		return true
	}
	first := n.words[i-1]
	for _, p := range ps {
		for _, w := range strings.Fields(p.Name) {
			if damerau(first, strings.ToLower(lang.Fold(w)), 1) <= 1 {
				return true
			}
		}
	}
	return false
}

// nameSlot reports whether the word at i stands where a question puts a
// name: after "met", "with", "and", "is", "did", "about" ("who met
// merkel?", "what did merkel sign?"). An unknown lower-case word
// elsewhere ("which facility …?", "what positions …?") is an ordinary
// word the releases do not use, not a name.
func nameSlot(words []string, i int) bool {
	return i > 0 && nameBefore[words[i-1]]
}
