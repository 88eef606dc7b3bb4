package knowledge

import "testing"

// TestStemForms checks that the forms a question and a release use for
// one word share a stem, and that different words keep different ones.
func TestStemForms(t *testing.T) {
	for _, group := range [][]string{
		{"crime", "crimes"},
		{"office", "offices"},
		{"issue", "issues"},
		{"representative", "representatives"},
		{"initiative", "initiatives"},
		{"closed", "closing"},
		{"committee", "committees"},
		{"agree", "agreed", "agrees"},
		{"approach", "approaches"},
		{"tax", "taxes"},
		{"organize", "organizes", "organized", "organise", "organised", "organisation", "organizations"},
		{"discuss", "discussed", "discusses", "discussing"},
		{"meeting", "meetings"},
		{"plan", "plans", "planned"},
		{"organised", "organized"},
		{"agreement", "agreements"},
	} {
		want := Stem(group[0])
		for _, w := range group[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want the same", w, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"crime", "crimea"}, {"border", "board"}, {"police", "policy"}, {"helde", "held"}} {
		if Stem(pair[0]) == Stem(pair[1]) {
			t.Errorf("Stem(%q) = Stem(%q) = %q; want different stems", pair[0], pair[1], Stem(pair[0]))
		}
	}
}
