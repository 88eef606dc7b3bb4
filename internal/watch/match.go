package watch

import (
	"slices"
	"strings"
	"unicode"

	"liaison/bot"
	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// Kind is what a subscription watches for.
type Kind string

// The kinds of subscription.
const (
	// KindPerson matches a release that names the person (by the same
	// name resolution as questions: aliases, accents, typos).
	KindPerson Kind = "person"
	// KindCountry matches a release that names the country or its
	// people ("Estonia", "Estonian").
	KindCountry Kind = "country"
	// KindTopic matches a release with a sentence holding every word of
	// the topic ("border closure" matches "closing the border" too: words
	// are stemmed).
	KindTopic Kind = "topic"
)

// resolved is what the text of a /watch names.
type resolved struct {
	kind Kind
	// term is what is matched: a person's full name, a country, the
	// topic's words.
	term string
	// choices are the people an ambiguous name fits.
	choices []*knowledge.Person
	// note explains a correction ("I read Kolokoltsov as …").
	note string
}

// kindPrefixes let a person say what they mean: "/watch topic: Schengen".
var kindPrefixes = map[string]Kind{"person": KindPerson, "country": KindCountry, "topic": KindTopic}

// resolve decides what the text of a /watch names, against base (which
// may be nil): a country, a person the releases name (a typo corrected
// as in questions), a capitalised name the releases do not know yet, or
// else a topic.
func resolve(base *knowledge.Base, text string) resolved {
	text = strings.Join(strings.Fields(text), " ")
	forced := Kind("")
	if head, rest, ok := strings.Cut(text, ":"); ok {
		if k, ok := kindPrefixes[strings.ToLower(strings.TrimSpace(head))]; ok {
			forced, text = k, strings.TrimSpace(rest)
		}
	}
	if c := lang.CountryOf(text); c != "" && (forced == "" || forced == KindCountry) {
		return resolved{kind: KindCountry, term: c}
	}
	words := lang.Words(text)
	if forced == KindTopic || forced == KindCountry || len(words) == 0 || len(words) > 4 {
		return resolved{kind: KindTopic, term: text}
	}
	var people []*knowledge.Person
	if base != nil {
		for _, p := range bot.ResolvePeople(base, text) {
			if !slices.Contains(people, p) {
				people = append(people, p)
			}
		}
	}
	named := capitalized(words)
	switch {
	case len(people) > 1 && (named || forced == KindPerson || covers(people[0], words)):
		return resolved{kind: KindPerson, term: text, choices: people}
	case len(people) == 1 && (covers(people[0], words) || named || forced == KindPerson):
		r := resolved{kind: KindPerson, term: people[0].Name}
		if !covers(people[0], words) {
			r.note = "I read \u201c" + text + "\u201d as " + people[0].Name + "."
		}
		return r
	case named || forced == KindPerson:
		// a name the releases do not hold yet: matched when one does
		return resolved{kind: KindPerson, term: text}
	}
	return resolved{kind: KindTopic, term: text}
}

// capitalized reports whether every word starts with a capital letter, as
// names are typed.
func capitalized(words []string) bool {
	for _, w := range words {
		r := []rune(w)
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

// covers reports whether every word is one of p's name's or aliases'
// words, accents and case aside.
func covers(p *knowledge.Person, words []string) bool {
	have := map[string]bool{}
	for _, a := range append([]string{p.Name}, p.Aliases...) {
		for _, w := range lang.Words(a) {
			have[lang.Fold(w)] = true
		}
	}
	for _, w := range words {
		if !have[lang.Fold(w)] {
			return false
		}
	}
	return true
}

// match returns the sentence of release doc in base that what a
// subscription watches appears in, and whether there is one. Body
// sentences are preferred to the headline, which the alert shows anyway.
func match(base *knowledge.Base, doc int, kind Kind, term string) (string, bool) {
	d := base.Docs[doc]
	sents := make([]int, 0, len(d.Sentences))
	var title []int
	for _, s := range d.Sentences {
		if base.Sentences[s].Title {
			title = append(title, s)
		} else {
			sents = append(sents, s)
		}
	}
	sents = append(sents, title...)
	var hit func(s int) bool
	switch kind {
	case KindPerson:
		var people []*knowledge.Person
		for _, p := range bot.ResolvePeople(base, term) {
			if covers(p, lang.Words(term)) || lang.Fold(p.Name) == lang.Fold(term) {
				people = append(people, p)
			}
		}
		phrase := " " + strings.Join(foldedWords(term), " ") + " "
		hit = func(s int) bool {
			for _, p := range base.PeopleIn(s) {
				if slices.Contains(people, p) {
					return true
				}
			}
			// a name the fact base did not take as a person's
			return strings.Contains(" "+strings.Join(foldedWords(base.Sentences[s].Text), " ")+" ", phrase)
		}
	case KindCountry:
		want := lang.Terms(term)
		hit = func(s int) bool { return containsAll(lang.Terms(base.Sentences[s].Text), want) }
	default:
		want := lang.Terms(term)
		if len(want) == 0 {
			return "", false
		}
		hit = func(s int) bool { return containsAll(lang.Terms(base.Sentences[s].Text), want) }
	}
	for _, s := range sents {
		if hit(s) {
			return base.Sentences[s].Text, true
		}
	}
	return "", false
}

func foldedWords(s string) []string {
	ws := lang.Words(s)
	for i, w := range ws {
		ws[i] = lang.Fold(w)
	}
	return ws
}

// containsAll reports whether every term of want is in have.
func containsAll(have, want []string) bool {
	if len(want) == 0 {
		return false
	}
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}
