package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"liaison/knowledge"
	"liaison/knowledge/lang"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSnapshotRoundTrip checks that a base read back from a snapshot is
// the base that was written: the same facts, sentences, names, indexes
// and rankings.
func TestSnapshotRoundTrip(t *testing.T) {
	skipping := t.TempDir()
	os.WriteFile(filepath.Join(skipping, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(skipping, "binary.txt"), []byte{0, 1, 2, 0xff, 0xfe}, 0o644)
	for _, dir := range []string{"../../corpus", "../../bot/testdata/corpus-extra", "../../bot/testdata/unseen", skipping} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if dir == skipping {
				copyDir(t, "../../bot/testdata/unseen", skipping)
			}
			want, _, err := knowledge.LoadDir(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, want, []byte("key")); err != nil {
				t.Fatal(err)
			}
			got, err := Read(bytes.NewReader(buf.Bytes()), []byte("key"))
			if err != nil {
				t.Fatal(err)
			}
			sameBase(t, got, want)
			if dir == skipping && len(got.Skipped) == 0 {
				t.Error("the skipped releases were lost")
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	es, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sameBase fails the test where got differs from want.
func sameBase(t *testing.T, got, want *knowledge.Base) {
	t.Helper()
	j := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if j(knowledge.Export(got)) != j(knowledge.Export(want)) {
		t.Error("exported facts differ")
	}
	if !got.Built.Equal(want.Built) {
		t.Errorf("built %v, want %v", got.Built, want.Built)
	}
	if !slices.Equal(got.Sentences, want.Sentences) || !slices.Equal(got.Figures, want.Figures) || !slices.Equal(got.Skipped, want.Skipped) {
		t.Error("sentences, figures or skipped releases differ")
	}
	for i := range want.Docs {
		if !slices.Equal(got.Docs[i].Sentences, want.Docs[i].Sentences) {
			t.Errorf("release %d: sentences %v, want %v", i, got.Docs[i].Sentences, want.Docs[i].Sentences)
		}
	}
	gd, err := got.Dump()
	if err != nil {
		t.Fatal(err)
	}
	wd, err := want.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if string(gd) != string(wd) {
		t.Error("tables, indexes or lookups differ")
	}
	for _, s := range want.Sentences {
		q := lang.Terms(s.Text)
		if a, b := fmt.Sprint(got.Search(q, 10)), fmt.Sprint(want.Search(q, 10)); a != b {
			t.Fatalf("search %v: %s, want %s", q, a, b)
		}
	}
}

// TestSnapshotRefused checks that a snapshot with another key, of
// another version, damaged or cut short is refused with the right error,
// never read as a base.
func TestSnapshotRefused(t *testing.T) {
	b, _, err := knowledge.LoadDir(context.Background(), "../../bot/testdata/unseen")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, b, []byte("key")); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	version := slices.Clone(good)
	version[len(snapshotMagic)]++
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	cases := []struct {
		name string
		data []byte
		key  string
		want error
	}{
		{"other key", good, "other", ErrStale},
		{"other version", version, "key", ErrStale},
		{"empty", nil, "key", ErrCorrupt},
		{"not a snapshot", []byte("Minister met minister.\n"), "key", ErrCorrupt},
		{"cut short", good[:len(good)*2/3], "key", ErrCorrupt},
		{"no checksum", good[:len(good)-4], "key", ErrCorrupt},
		{"a byte changed", flipped, "key", ErrCorrupt},
	}
	for _, tc := range cases {
		got, err := Read(bytes.NewReader(tc.data), []byte(tc.key))
		if got != nil || !errors.Is(err, tc.want) {
			t.Errorf("%s: base %v, error %v; want %v", tc.name, got != nil, err, tc.want)
		}
	}
}
