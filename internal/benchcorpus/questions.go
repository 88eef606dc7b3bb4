package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Question is a benchmark question with what a right answer contains.
type Question struct {
	// Intent is the benchmark intent the question exercises (who-met,
	// meetings, when, where, who-is, agreements, retrieval, not-found).
	Intent string `json:"intent"`
	Text   string `json:"text"`
	// Expect are strings one of which a right answer contains; empty for
	// not-found questions, whose right answer is "not found".
	Expect []string `json:"expect,omitempty"`
}

// Intents are the benchmark intents in report order.
var Intents = []string{"who-met", "meetings", "when", "where", "who-is", "agreements", "retrieval", "not-found"}

// Questions returns up to perIntent questions of each intent about the
// corpus, drawn deterministically from its truth.
func Questions(t *Truth, perIntent int, seed uint64) []Question {
	rng := rand.New(rand.NewPCG(seed, 77))
	var out []Question
	var meetings []Meeting
	var agreements []struct {
		r Release
		a Agreement
	}
	var figs []string
	for _, r := range t.Releases {
		meetings = append(meetings, r.Meetings...)
		for _, a := range r.Agreements {
			agreements = append(agreements, struct {
				r Release
				a Agreement
			}{r, a})
		}
		if r.Figure != "" {
			figs = append(figs, r.Figure)
		}
	}
	if len(meetings) == 0 {
		return nil
	}
	// Templated releases ask the same question of many releases: every
	// release's answer to it counts as right.
	figAnswers := map[string][]string{}
	for _, f := range figs {
		q := figureQuestion(f)
		figAnswers[q] = appendNew(figAnswers[q], firstNumber(f))
	}
	signedAnswers := map[string][]string{}
	for _, ag := range agreements {
		q := agreementQuestion(ag.a)
		signedAnswers[q] = appendNew(signedAnswers[q], ag.a.Signed[:4])
	}
	name := func(id int) string { return t.People[id].Name }
	for i := 0; i < perIntent; i++ {
		m := meetings[rng.IntN(len(meetings))]
		a, b := m.Participants[0], m.Participants[1]
		out = append(out,
			Question{"who-met", fmt.Sprintf("Who met %s?", name(a)), []string{t.People[b].Surname}},
			Question{"when", fmt.Sprintf("When did %s and %s meet?", name(a), name(b)), []string{humanDate(m.Date)}},
			Question{"where", fmt.Sprintf("Where did %s and %s meet?", name(a), name(b)), []string{m.Place}},
			Question{"who-is", fmt.Sprintf("Who is %s?", name(b)), []string{t.People[b].Office}},
		)
		if rng.IntN(2) == 0 {
			out = append(out, Question{"meetings", fmt.Sprintf("/meetings %s in %s %s", name(a), m.Place, m.Date[:4]), []string{t.People[b].Surname}})
		} else {
			out = append(out, Question{"meetings", fmt.Sprintf("Which meetings took place in %s in %s?", m.Place, m.Date[:4]), []string{m.Place}})
		}
		if len(agreements) > 0 {
			ag := agreements[rng.IntN(len(agreements))]
			if rng.IntN(2) == 0 {
				q := agreementQuestion(ag.a)
				out = append(out, Question{"agreements", q, signedAnswers[q]})
			} else {
				out = append(out, Question{"agreements", fmt.Sprintf("/agreements %s %s", ag.a.Parties[0], ag.a.Signed[:4]), nil})
			}
		}
		if len(figs) > 0 {
			f := figs[rng.IntN(len(figs))]
			q := figureQuestion(f)
			out = append(out, Question{"retrieval", q, figAnswers[q]})
		}
		switch i % 3 {
		case 0:
			out = append(out, Question{"not-found", fmt.Sprintf("Who met %s?", invented(rng)), nil})
		case 1:
			out = append(out, Question{"not-found", "What was said about deep-sea mining licences?", nil})
		default:
			out = append(out, Question{"not-found", fmt.Sprintf("Where did %s and %s meet?", invented(rng), invented(rng)), nil})
		}
	}
	return out
}

// Typos returns up to n one-edit misspellings of surnames (two letters
// swapped or one dropped), for timing fuzzy name resolution.
func Typos(t *Truth, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 99))
	var out []string
	for len(out) < n && len(t.People) > 0 {
		s := []rune(t.People[rng.IntN(len(t.People))].Surname)
		if len(s) < 6 {
			continue
		}
		k := 1 + rng.IntN(len(s)-3)
		if rng.IntN(2) == 0 {
			s[k], s[k+1] = s[k+1], s[k]
		} else {
			s = append(s[:k:k], s[k+1:]...)
		}
		out = append(out, "Who met "+string(s)+"?")
	}
	return out
}

func humanDate(iso string) string {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	months := []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	return fmt.Sprintf("%d %s %d", d, months[m], y)
}

func firstNumber(s string) string {
	start := -1
	for i, r := range s {
		if r >= '0' && r <= '9' {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return s[start:i]
		}
	}
	return ""
}

// figureQuestion asks for the figure of a figure sentence in other words.
func figureQuestion(f string) string {
	switch {
	case strings.Contains(f, "illegal border crossings"):
		y := f[3:7]
		return "How many illegal border crossings did the " + strings.Fields(f)[3] + " border guard record in " + y + "?"
	case strings.Contains(f, "applied for asylum"):
		return "How many migrants applied for asylum in " + f[strings.Index(f, " in ")+4:strings.Index(f, " in ")+8] + "?"
	case strings.Contains(f, "kilograms of narcotics"):
		return "How many kilograms of narcotics did customs officers seize in " + f[strings.Index(f, " in ")+4:strings.Index(f, " in ")+8] + "?"
	}
	return "How many officers took part in joint operations?"
}

func invented(rng *rand.Rand) string {
	syl := []string{"zor", "qua", "xel", "bri", "vun", "plo", "kri", "dax", "mey", "tov"}
	w := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		s := b.String()
		r, size := utf8.DecodeRuneInString(s)
		return strings.ToUpper(string(r)) + s[size:]
	}
	return w(2) + " " + w(3)
}

func agreementQuestion(a Agreement) string {
	return fmt.Sprintf("When was the %s between %s and %s signed?", a.Name, a.Parties[0], a.Parties[1])
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
