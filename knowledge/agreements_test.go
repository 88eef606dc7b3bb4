package knowledge_test

import (
	"context"
	"liaison/knowledge"
	"liaison/knowledge/lang"
	"slices"
	"strings"
	"testing"
)

// TestAgreementsNamed checks the lookup of agreements by parties and name
// against every agreement of the real releases: a question naming an
// agreement and its parties finds it; one naming another party, a year it
// was neither signed nor expires in, or only part of its name does not.
func TestAgreementsNamed(t *testing.T) {
	b, _, err := knowledge.LoadDir(context.Background(), "../bot/testdata/corpus-extra")
	if err != nil {
		t.Fatal(err)
	}
	has := func(as []*knowledge.Agreement, a *knowledge.Agreement) bool {
		for _, x := range as {
			if x.ID == a.ID {
				return true
			}
		}
		return false
	}
	checked := 0
	for _, a := range b.Agreements {
		name := lang.Terms(a.Name)
		if len(a.Parties) == 0 || len(name) < 2 {
			continue
		}
		checked++
		q := lang.Terms("When was the " + a.Name + " between " + strings.Join(a.Parties, " and ") + " signed?")
		if got := b.AgreementsNamed(q, a.Parties, nil); !has(got, a) {
			t.Errorf("%q between %v: not found by its name and parties (got %d agreements)", a.Name, a.Parties, len(got))
		}
		if a.Signed.Year > 0 {
			if !has(b.AgreementsNamed(q, a.Parties, []int{a.Signed.Year}), a) {
				t.Errorf("%q: not found with the year it was signed", a.Name)
			}
			if has(b.AgreementsNamed(q, a.Parties, []int{1871}), a) {
				t.Errorf("%q: found with a year it has nothing to do with", a.Name)
			}
		}
		if has(b.AgreementsNamed(q, append([]string{"Atlantis"}, a.Parties...), nil), a) {
			t.Errorf("%q: found with a party it is not between", a.Name)
		}
		part := slices.DeleteFunc(slices.Clone(q), func(s string) bool { return s == name[0] })
		if has(b.AgreementsNamed(part, a.Parties, nil), a) {
			t.Errorf("%q: found without the name term %q", a.Name, name[0])
		}
	}
	if checked < 3 {
		t.Fatalf("only %d agreements with parties and a name to check", checked)
	}
	if got := b.AgreementsNamed(lang.Terms("agreement"), nil, nil); got != nil {
		t.Errorf("no parties: got %d agreements, want none", len(got))
	}
}
