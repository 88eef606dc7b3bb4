package knowledge_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/knowledge"
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

func benchN() int {
	if os.Getenv("LIAISON_BENCH_N") == "2000" {
		return 2000
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
