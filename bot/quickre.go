package bot

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// quickRegexp is a regular expression with literals one of which any text
// it matches contains: a text with none of them is known not to match
// without running the expression, which costs far more than looking for
// a few words. Most questions hold none of the words most expressions
// look for.
type quickRegexp struct {
	re *regexp.Regexp
	// need are the literals, or nil when the expression needs none that
	// can be told (it may match the empty string, say)
	need []string
}

// mustQuick compiles expr as regexp.MustCompile does and finds its
// literals.
func mustQuick(expr string) *quickRegexp {
	q := &quickRegexp{re: regexp.MustCompile(expr)}
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		if need, ok := neededLiterals(tree.Simplify()); ok && !slices.Contains(need, "") {
			q.need = need
		}
	}
	return q
}

// possible reports whether s holds one of the needed literals.
func (q *quickRegexp) possible(s string) bool {
	if q.need == nil {
		return true
	}
	for _, l := range q.need {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// MatchString is regexp.Regexp.MatchString.
func (q *quickRegexp) MatchString(s string) bool { return q.possible(s) && q.re.MatchString(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (q *quickRegexp) FindStringSubmatch(s string) []string {
	if !q.possible(s) {
		return nil
	}
	return q.re.FindStringSubmatch(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (q *quickRegexp) FindAllString(s string, n int) []string {
	if !q.possible(s) {
		return nil
	}
	return q.re.FindAllString(s, n)
}

// neededLiterals returns literals one of which every match of re
// contains, or false when it cannot tell any.
func neededLiterals(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return neededLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return neededLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		// any part's literals will do: the longest shortest literal,
		// then the fewest literals
		var best []string
		found := false
		for _, sub := range re.Sub {
			need, ok := neededLiterals(sub)
			if ok && (!found || shortest(need) > shortest(best) ||
				shortest(need) == shortest(best) && len(need) < len(best)) {
				best, found = need, true
			}
		}
		return best, found
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			need, ok := neededLiterals(sub)
			if !ok {
				return nil, false
			}
			all = append(all, need...)
		}
		return minimalLiterals(all), true
	}
	return nil, false
}

// minimalLiterals sorts ls and drops repeats and those holding another:
// a text holding one of ls holds one of the rest.
func minimalLiterals(ls []string) []string {
	slices.Sort(ls)
	ls = slices.Compact(ls)
	out := ls[:0]
	for i, l := range ls {
		redundant := false
		for j, m := range ls {
			if j != i && strings.Contains(l, m) {
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
