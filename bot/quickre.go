package bot

import (
	"regexp"

	"liaison/internal/quickre"
)

// quickRegexp is a regular expression behind the gate of the literals
// every match holds, derived from its syntax (internal/quickre): a text
// with none of them is known not to match without running the
// expression, and most questions hold none of the words most expressions
// look for.
type quickRegexp struct {
	*quickre.Regexp
	// re is the expression itself, without the gate
	re *regexp.Regexp
}

// mustQuick compiles expr as regexp.MustCompile does and derives its
// gate.
func mustQuick(expr string) *quickRegexp {
	q := quickre.MustCompile(expr)
	return &quickRegexp{Regexp: q, re: q.Regexp()}
}
