package knowledge_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"liaison/corpus"
	"liaison/internal/benchcorpus"
	"liaison/knowledge"
)

// TestBuildDeterministic builds the same releases three ways (the
// parallel loader twice, and one release at a time) and wants the same
// base every time: no table may depend on goroutine scheduling or map
// order. With LIAISON_DUMP_DIR set it also writes the SHA-256 of that
// folder's base to LIAISON_DUMP_OUT (or logs it), so a change meant to
// keep the base unchanged can be checked on a large corpus.
func TestBuildDeterministic(t *testing.T) {
	fsys := fstest.MapFS{}
	g := benchcorpus.NewGen(benchcorpus.Options{N: 400, Seed: 7})
	for i := 0; i < 400; i++ {
		text, r := g.Release(i)
		fsys["gen/"+r.File] = &fstest.MapFile{Data: []byte(text)}
	}
	entries, err := corpus.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		data, err := corpus.FS.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys["builtin/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	var want []byte
	for round := 0; round < 2; round++ {
		b, _, err := knowledge.LoadFS(context.Background(), fsys)
		if err != nil {
			t.Fatal(err)
		}
		got := knowledge.DumpBase(t, b)
		if round == 0 {
			want = got
			for name := range fsys {
				files = append(files, name)
			}
			continue
		}
		if string(got) != string(want) {
			t.Fatalf("two parallel builds of the same releases differ")
		}
	}
	slices.Sort(files)
	bl := knowledge.NewBuilder()
	for _, f := range files {
		bl.Add(f, fsys[f].Data)
	}
	if got := knowledge.DumpBase(t, bl.Build()); string(got) != string(want) {
		t.Fatalf("a build one release at a time differs from the parallel build")
	}
	// the same releases in a folder on disk, read by LoadDir
	disk := t.TempDir()
	for _, f := range files {
		p := filepath.Join(disk, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, fsys[f].Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, _, err := knowledge.LoadDir(context.Background(), disk)
	if err != nil {
		t.Fatal(err)
	}
	if got := knowledge.DumpBase(t, b); string(got) != string(want) {
		t.Fatalf("LoadDir of the releases on disk differs from LoadFS of them")
	}

	dir := os.Getenv("LIAISON_DUMP_DIR")
	if dir == "" {
		return
	}
	b, _, err = knowledge.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(knowledge.DumpBase(t, b))
	digest := hex.EncodeToString(sum[:])
	t.Logf("%s: %s", dir, digest)
	if out := os.Getenv("LIAISON_DUMP_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(digest+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
