package benchcorpus

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// TestExtractionScore generates a small corpus, builds the fact base from
// it and requires the extraction targets: meetings found with recall and
// precision of at least 95%.
func TestExtractionScore(t *testing.T) {
	dir := t.TempDir()
	truth, err := Generate(context.Background(), dir, Options{N: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	base, _, err := knowledge.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(base, truth)
	t.Logf("%+v", s)
	for _, m := range s.Misses {
		t.Log(m)
	}
	if s.MeetingRecall < 0.95 || s.MeetingPrecision < 0.95 {
		t.Errorf("meetings: recall %.3f precision %.3f, want >= 0.95", s.MeetingRecall, s.MeetingPrecision)
	}
	if s.ParticipantRecall < 0.95 || s.ParticipantPrecision < 0.95 {
		t.Errorf("participants: recall %.3f precision %.3f, want >= 0.95", s.ParticipantRecall, s.ParticipantPrecision)
	}
	if s.DateAccuracy < 0.95 || s.PlaceAccuracy < 0.95 || s.ReleaseDateAccuracy < 0.95 {
		t.Errorf("dates %.3f places %.3f release dates %.3f, want >= 0.95", s.DateAccuracy, s.PlaceAccuracy, s.ReleaseDateAccuracy)
	}
}

// TestDeterministic checks that the same options give the same bytes,
// whatever order releases are generated in.
func TestDeterministic(t *testing.T) {
	g1, g2 := NewGen(Options{N: 50, Seed: 7}), NewGen(Options{N: 50, Seed: 7})
	backwards := make([]string, 50)
	for i := 49; i >= 0; i-- {
		backwards[i], _ = g2.Release(i)
	}
	for i := 0; i < 50; i++ {
		a, _ := g1.Release(i)
		if a != backwards[i] {
			t.Fatalf("release %d differs between runs", i)
		}
	}
	g3 := NewGen(Options{N: 50, Seed: 8})
	a, _ := g1.Release(3)
	b, _ := g3.Release(3)
	if a == b {
		t.Fatal("different seeds gave the same release")
	}
}

// TestInventedNames checks that no generated surname is a word of the real
// corpora shipped with the repository.
func TestInventedNames(t *testing.T) {
	var real bytes.Buffer
	for _, dir := range []string{"../../corpus", "../../bot/testdata/corpus-extra", "/work/shared/corpus", "/work/shared/corpus-extra"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err == nil {
				real.Write(data)
				real.WriteByte(' ')
			}
		}
	}
	if real.Len() == 0 {
		t.Fatal("real corpora not found")
	}
	words := map[string]bool{}
	for _, w := range lang.Words(real.String()) {
		words[lang.Fold(w)] = true
	}
	g := NewGen(Options{N: 20000, Seed: 1})
	for _, p := range g.People() {
		if words[lang.Fold(p.Surname)] {
			t.Errorf("generated person %s has a surname of the real corpus", p.Name)
		}
	}
}
