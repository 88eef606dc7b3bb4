// Package quickre runs regular expressions behind a cheap gate: literals
// one of which every match holds, derived from the expression's own
// syntax, so that text holding none of them is known not to match without
// running the expression, which costs far more than looking for a few
// words. Most sentences and questions hold none of the words most
// expressions look for. Results are exactly the expression's.
//
// A Gate is also made of a vocabulary directly (NewGate), for a
// hand-written scanner whose words are kept in one list.
package quickre

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"liaison/internal/ascii"
)

// Gate is a set of literals looked for in text: case-sensitively, or
// ignoring ASCII case (the literals are then lower case), anywhere or
// only where they start an ASCII word. A Gate with no literals lets
// every text through.
type Gate struct {
	lits      []string
	fold      bool
	wordStart bool
	first     [256][]string // literals by first byte, in either case when fold
	starts    [256]bool     // bytes that start a literal, and the bytes of the runes below when fold
}

// NewGate returns a gate for lits, which must not be empty strings; when
// fold holds they must be lower-case ASCII, compared ignoring ASCII case,
// and text holding a rune that (?i) folds to an ASCII letter (the Kelvin
// sign and the long s) always passes. With wordStart, a literal counts
// only where it starts an ASCII word (no word byte before it).
func NewGate(fold, wordStart bool, lits ...string) Gate {
	g := Gate{lits: lits, fold: fold, wordStart: wordStart}
	for _, s := range lits {
		g.first[s[0]] = append(g.first[s[0]], s)
		g.starts[s[0]] = true
		if u := ascii.Upper(s[0]); fold && u != s[0] {
			g.first[u] = append(g.first[u], s)
			g.starts[u] = true
		}
	}
	if fold {
		g.starts[0xE2], g.starts[0xC5] = true, true
	}
	return g
}

// Literals returns the gate's literals; nil when it lets every text
// through.
func (g *Gate) Literals() []string { return g.lits }

// MayMatch reports whether s holds one of the literals (where they count).
func (g *Gate) MayMatch(s string) bool {
	switch {
	case g.lits == nil:
		return true
	case g.fold:
		return g.mayMatchFold(s)
	case g.wordStart:
		return g.mayMatchWords(s)
	}
	for _, l := range g.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// mayMatchFold is MayMatch for literals compared ignoring ASCII case. Runes
// that fold to ASCII letters under (?i) (the Kelvin sign and the long s)
// make it answer true.
func (g *Gate) mayMatchFold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !g.starts[c] {
			continue
		}
		if c >= 0x80 {
			if c == 0xE2 && strings.HasPrefix(s[i:], "\u212a") || c == 0xC5 && strings.HasPrefix(s[i:], "\u017f") {
				return true
			}
			continue
		}
		lits := g.first[c]
		if lits == nil || g.wordStart && i > 0 && ascii.IsWord(s[i-1]) {
			continue
		}
		for _, l := range lits {
			if ascii.HasPrefixFold(s[i:], l) {
				return true
			}
		}
	}
	return false
}

// mayMatchWords is MayMatch for case-sensitive literals counted where
// they start a word.
func (g *Gate) mayMatchWords(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !g.starts[c] || i > 0 && ascii.IsWord(s[i-1]) {
			continue
		}
		for _, l := range g.first[c] {
			if strings.HasPrefix(s[i:], l) {
				return true
			}
		}
	}
	return false
}

// Regexp is a regular expression behind the gate of its literals.
type Regexp struct {
	re *regexp.Regexp
	Gate
}

// MustCompile compiles expr as regexp.MustCompile does and derives its
// gate. An expression whose matches need no literal it can tell (one
// that may match the empty string, say) gets a gate that lets every text
// through.
func MustCompile(expr string) *Regexp {
	q := &Regexp{re: regexp.MustCompile(expr)}
	if g, ok := GateOf(expr); ok {
		q.Gate = g
	}
	return q
}

// GateOf derives the gate of expr's literals, or reports false when it
// can tell none.
func GateOf(expr string) (Gate, bool) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return Gate{}, false
	}
	n, ok := needed(tree.Simplify(), false)
	if !ok || slices.Contains(n.set, "") {
		return Gate{}, false
	}
	if !n.wordStart {
		n.set = shared(n.set)
	}
	return NewGate(n.fold, n.wordStart, n.set...), true
}

// Regexp is the expression itself, without the gate.
func (q *Regexp) Regexp() *regexp.Regexp { return q.re }

// String is the expression's source.
func (q *Regexp) String() string { return q.re.String() }

// MatchString is regexp.Regexp.MatchString.
func (q *Regexp) MatchString(s string) bool { return q.MayMatch(s) && q.re.MatchString(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (q *Regexp) FindStringSubmatch(s string) []string {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindStringSubmatch(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (q *Regexp) FindStringIndex(s string) []int {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindStringIndex(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (q *Regexp) FindStringSubmatchIndex(s string) []int {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (q *Regexp) FindAllString(s string, n int) []string {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindAllString(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (q *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (q *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !q.MayMatch(s) {
		return nil
	}
	return q.re.FindAllStringSubmatchIndex(s, n)
}

// literals is a set of strings one of which every match of an expression
// (or of a part of one) holds: compared ignoring ASCII case when fold
// (they are then lower case); each where it starts an ASCII word when
// wordStart; and, when prefix, at the start of the match.
type literals struct {
	set                     []string
	fold, wordStart, prefix bool
}

// maxExact bounds the strings a set of literals spells out.
const maxExact = 64

// needed returns literals one of which every match of re holds, or false
// when it cannot tell any. bounded tells that a word start (or the start
// of the text or of a line) is right before re's matches.
func needed(re *syntax.Regexp, bounded bool) (literals, bool) {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		e, ok := exact(re)
		if !ok || slices.Contains(e.set, "") {
			return literals{}, false
		}
		e.wordStart, e.prefix = bounded && allStartWord(e.set), true
		e.set = minimal(e.set, e.wordStart)
		return e, true
	case syntax.OpCapture, syntax.OpPlus:
		return needed(re.Sub[0], bounded)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needed(re.Sub[0], bounded)
		}
	case syntax.OpConcat:
		return neededConcat(re.Sub, bounded)
	case syntax.OpAlternate:
		all := literals{wordStart: true, prefix: true}
		for _, sub := range re.Sub {
			n, ok := needed(sub, bounded)
			if !ok {
				return literals{}, false
			}
			all = union(all, n)
		}
		all.set = minimal(all.set, all.wordStart)
		return all, true
	}
	return literals{}, false
}

// better reports whether literals a make a better gate than b: literals
// of five bytes or more are all long enough; then the fewer the better,
// then those counted at word starts only, then the longer.
func better(a, b literals) bool {
	sa, sb := shortest(a.set), shortest(b.set)
	switch {
	case min(sa, 5) != min(sb, 5):
		return min(sa, 5) > min(sb, 5)
	case len(a.set) != len(b.set):
		return len(a.set) < len(b.set)
	case a.wordStart != b.wordStart:
		return a.wordStart
	}
	return sa > sb
}

// neededConcat is needed of a concatenation. Its candidates are every run
// of consecutive parts that match only a few strings, spelled out whole
// ("sign(?:ed|ing) to" gives "signed to" and "signing to"), such a run
// followed by the literals every match of the next part starts with,
// and the literals of each other part; the best is taken.
func neededConcat(subs []*syntax.Regexp, bounded bool) (literals, bool) {
	type part struct {
		re     *syntax.Regexp
		e      literals // its strings, when exact
		exact  bool
		before bool // a word start is right before it
	}
	var parts []part
	b := bounded
	for _, sub := range subs {
		if zeroWidth(sub.Op) {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpBeginLine:
				b = true
			case syntax.OpNoWordBoundary:
				b = false
			}
			continue
		}
		e, ok := exact(sub)
		parts = append(parts, part{re: sub, e: e, exact: ok, before: b})
		b = ok && !slices.Contains(e.set, "") && allEndNonWord(e.set)
	}
	var best literals
	found := false
	offer := func(n literals) {
		if slices.Contains(n.set, "") || len(n.set) == 0 {
			return
		}
		n.set = minimal(n.set, n.wordStart)
		if !found || better(n, best) {
			best, found = n, true
		}
	}
	for i, p := range parts {
		if !p.exact {
			if n, ok := needed(p.re, p.before); ok {
				n.prefix = n.prefix && i == 0
				offer(n)
			}
			continue
		}
		run := literals{set: []string{""}}
		for j := i; j < len(parts); j++ {
			q := parts[j]
			if !q.exact {
				// the run, then what every match of this part starts with
				if n, ok := needed(q.re, false); ok && n.prefix && len(run.set)*len(n.set) <= maxExact {
					x := product(run, n)
					x.wordStart, x.prefix = p.before && allStartWord(x.set), i == 0
					offer(x)
				}
				break
			}
			if len(run.set)*len(q.e.set) > maxExact {
				break
			}
			run = product(run, q.e)
			x := run
			x.wordStart, x.prefix = p.before && allStartWord(x.set), i == 0
			offer(x)
		}
	}
	return best, found
}

// zeroWidth reports whether op matches no text, only a position.
func zeroWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// exact returns every string re matches, when they are few and can be
// spelled out (in lower case when re ignores case).
func exact(re *syntax.Regexp) (literals, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return exactLiterals(re)
	case syntax.OpEmptyMatch:
		return literals{set: []string{""}}, true
	case syntax.OpCharClass:
		return exactClass(re.Rune)
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		e, ok := exact(re.Sub[0])
		if !ok {
			return literals{}, false
		}
		e.set = append(slices.Clone(e.set), "")
		return e, true
	case syntax.OpAlternate:
		var all literals
		for _, sub := range re.Sub {
			e, ok := exact(sub)
			if !ok {
				return literals{}, false
			}
			all = union(all, e)
		}
		return all, len(all.set) <= maxExact
	case syntax.OpConcat:
		out := literals{set: []string{""}}
		for _, sub := range re.Sub {
			if zeroWidth(sub.Op) {
				return literals{}, false // a boundary inside: keep it a part of its own
			}
			e, ok := exact(sub)
			if !ok || len(out.set)*len(e.set) > maxExact {
				return literals{}, false
			}
			out = product(out, e)
		}
		return out, true
	}
	return literals{}, false
}

// exactLiterals is the string of a literal; one ignoring case must be
// ASCII, as the gate folds ASCII only.
func exactLiterals(re *syntax.Regexp) (literals, bool) {
	s := string(re.Rune)
	if re.Flags&syntax.FoldCase == 0 {
		return literals{set: []string{s}}, true
	}
	if !ascii.Is(s) {
		return literals{}, false
	}
	return literals{set: []string{strings.ToLower(s)}, fold: true}, true
}

// maxClass bounds the characters of a class exact spells out.
const maxClass = 8

// exactClass spells out a small class of ASCII characters ("[sz]"). A
// class that holds a letter in both cases, or the runes (?i) folds to
// ASCII letters, is read ignoring case: (?i)[sz] is [SZsz\x{17f}].
func exactClass(ranges []rune) (literals, bool) {
	var cs []rune
	fold := false
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			switch {
			case r == '\u017f' || r == '\u212a':
				fold = true
			case r >= 0x80 || len(cs) >= 2*maxClass:
				return literals{}, false
			default:
				cs = append(cs, r)
			}
		}
	}
	for _, r := range cs {
		if r >= 'A' && r <= 'Z' && slices.Contains(cs, r+32) {
			fold = true
		}
	}
	var out literals
	out.fold = fold
	for _, r := range cs {
		s := string(r)
		if fold {
			s = strings.ToLower(s)
		}
		out.set = append(out.set, s)
	}
	slices.Sort(out.set)
	out.set = slices.Compact(out.set)
	return out, len(out.set) > 0 && len(out.set) <= maxClass
}

// union is the literals of a and b; ignoring case when either does.
func union(a, b literals) literals {
	fold := a.fold || b.fold
	out := literals{fold: fold, wordStart: a.wordStart && b.wordStart, prefix: a.prefix && b.prefix}
	for _, x := range []literals{a, b} {
		for _, s := range x.set {
			if fold {
				s = strings.ToLower(s)
			}
			out.set = append(out.set, s)
		}
	}
	return out
}

// product is every string of a followed by one of b.
func product(a, b literals) literals {
	fold := a.fold || b.fold
	out := literals{fold: fold}
	for _, x := range a.set {
		for _, y := range b.set {
			s := x + y
			if fold {
				s = strings.ToLower(s)
			}
			out.set = append(out.set, s)
		}
	}
	return out
}

// allEndNonWord reports whether every literal ends with a byte that is
// not an ASCII word byte.
func allEndNonWord(ls []string) bool {
	for _, l := range ls {
		if l == "" || ascii.IsWord(l[len(l)-1]) {
			return false
		}
	}
	return true
}

// allStartWord reports whether every literal starts with an ASCII word
// byte.
func allStartWord(ls []string) bool {
	for _, l := range ls {
		if l == "" || !ascii.IsWord(l[0]) {
			return false
		}
	}
	return true
}

// shared lets two literals counted anywhere that share all but two bytes
// of the shorter, and minShared bytes or more, give way to what they
// share ("e-mail" and "email" to "mail"): fewer literals to look for,
// each still needed, and hardly more common.
func shared(ls []string) []string {
	ls = slices.Clone(ls)
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(ls) && !merged; i++ {
			for j := i + 1; j < len(ls) && !merged; j++ {
				c := common(ls[i], ls[j])
				if len(c) >= minShared && len(c) >= min(len(ls[i]), len(ls[j]))-2 && len(c) < max(len(ls[i]), len(ls[j])) {
					ls[i], ls = c, slices.Delete(ls, j, j+1)
					merged = true
				}
			}
		}
	}
	return minimal(ls, false)
}

// minimal sorts ls and drops repeats and those that hold another (or, for
// literals counted at word starts, start with another): a text holding
// one of ls holds one of the rest.
func minimal(ls []string, wordStart bool) []string {
	ls = slices.Clone(ls)
	slices.Sort(ls)
	ls = slices.Compact(ls)
	out := ls[:0:0]
	for i, l := range ls {
		redundant := false
		for j, m := range ls {
			if j != i && (wordStart && strings.HasPrefix(l, m) || !wordStart && strings.Contains(l, m)) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, l)
		}
	}
	return out
}

// minShared is the fewest bytes two literals counted anywhere must share
// to give way to what they share.
const minShared = 4

// common returns the longest string both a and b hold (the first such in
// a).
func common(a, b string) string {
	best := ""
	for i := range a {
		for j := i + len(best) + 1; j <= len(a); j++ {
			if !strings.Contains(b, a[i:j]) {
				break
			}
			best = a[i:j]
		}
	}
	return best
}

// shortest is the length of the shortest of ls.
func shortest(ls []string) int {
	n := -1
	for _, l := range ls {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}
