package bot

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/knowledge"
)

// benchCorpus is a generated corpus of modest size (LIAISON_BENCH_N
// releases, default 1000) built in memory, with questions per intent.
var benchCorpus = sync.OnceValues(func() (*knowledge.Base, []benchcorpus.Question) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("LIAISON_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	opts := benchcorpus.Options{N: n, Seed: 1}
	g := benchcorpus.NewGen(opts)
	t := &benchcorpus.Truth{Seed: opts.Seed, N: n, People: g.People()}
	bl := knowledge.NewBuilder()
	for i := 0; i < n; i++ {
		text, r := g.Release(i)
		bl.Add(r.File, []byte(text))
		t.Releases = append(t.Releases, r)
	}
	return bl.Build(), benchcorpus.Questions(t, 50, 1)
})

// BenchmarkAnswer times the core's answer per benchmark intent.
func BenchmarkAnswer(b *testing.B) {
	base, qs := benchCorpus()
	bot := New(base, Options{})
	for _, intent := range benchcorpus.Intents {
		var texts []string
		for _, q := range qs {
			if q.Intent == intent {
				texts = append(texts, q.Text)
			}
		}
		b.Run(intent, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := bot.Answer(context.Background(), Message{Text: texts[i%len(texts)], Room: "bench"}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkResolveName times name resolution of mistyped surnames, which
// falls through exact aliases to fuzzy and edit-distance matching.
func BenchmarkResolveName(b *testing.B) {
	base, _ := benchCorpus()
	t := &benchcorpus.Truth{}
	for _, p := range benchcorpus.NewGen(benchcorpus.Options{N: len(base.Docs), Seed: 1}).People() {
		t.People = append(t.People, benchcorpus.Person{Surname: p.Surname})
	}
	typos := benchcorpus.Typos(t, 100, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ResolvePeople(base, typos[i%len(typos)])
		i++
	}
}

// BenchmarkPeopleByOffice times questions that describe people instead of
// naming them, which score every person's offices: a list by country, a
// list by office, one office holder.
func BenchmarkPeopleByOffice(b *testing.B) {
	base, _ := benchCorpus()
	bot := New(base, Options{})
	for _, q := range []string{"Which Russian officials are mentioned?", "Who are the customs officials?", "Who is the Finnish interior minister?"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bot.Answer(context.Background(), Message{Text: q, Room: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
