package knowledge_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// benchReleases is a generated corpus of modest size, kept in memory.
var benchReleases = sync.OnceValue(func() []struct{ file, text string } {
	g := benchcorpus.NewGen(benchcorpus.Options{N: benchN(), Seed: 1})
	var out []struct{ file, text string }
	for i := 0; i < benchN(); i++ {
		text, r := g.Release(i)
		out = append(out, struct{ file, text string }{r.File, text})
	}
	return out
})

// benchN is the corpus size: LIAISON_BENCH_N releases, default 500.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("LIAISON_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 500
}

// BenchmarkBuild builds a fact base from generated releases held in
// memory (no file reads), reporting MB/s of text.
func BenchmarkBuild(b *testing.B) {
	rs := benchReleases()
	size := 0
	for _, r := range rs {
		size += len(r.text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		bl := knowledge.NewBuilder()
		for _, r := range rs {
			bl.Add(r.file, []byte(r.text))
		}
		bl.Build()
	}
}

// BenchmarkLoadDir builds from generated files on disk, as the server does.
func BenchmarkLoadDir(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchcorpus.Generate(context.Background(), dir, benchcorpus.Options{N: benchN(), Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var size int64
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && filepath.Ext(p) == ".txt" {
			size += info.Size()
		}
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		if _, _, err := knowledge.LoadDir(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch ranks sentences for retrieval-style questions over the
// generated corpus.
func BenchmarkSearch(b *testing.B) {
	bl := knowledge.NewBuilder()
	for _, r := range benchReleases() {
		bl.Add(r.file, []byte(r.text))
	}
	base := bl.Build()
	qs := [][]string{
		lang.Terms("How many illegal border crossings did the Finnish border guard record in 2018?"),
		lang.Terms("When was the agreement on readmission between Finland and Russia signed?"),
		lang.Terms("What was said about deep-sea mining licences?"),
		lang.Terms("Which meetings took place in Helsinki in 2019?"),
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		base.Search(qs[i%len(qs)], 15)
		i++
	}
}
