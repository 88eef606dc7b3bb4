package knowledge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"liaison/knowledge/lang"
	"maps"
	"os"
	"path/filepath"
	"reflect"
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
	for _, dir := range []string{"../corpus", "../bot/testdata/corpus-extra", "../bot/testdata/unseen", skipping} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if dir == skipping {
				copyDir(t, "../bot/testdata/unseen", skipping)
			}
			want, _, err := LoadDir(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := want.WriteSnapshot(&buf, []byte("key")); err != nil {
				t.Fatal(err)
			}
			got, err := ReadSnapshot(bytes.NewReader(buf.Bytes()), []byte("key"))
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
func sameBase(t *testing.T, got, want *Base) {
	t.Helper()
	j := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if j(Export(got)) != j(Export(want)) {
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
	if !slices.Equal(got.sentMeeting, want.sentMeeting) || !slices.Equal(got.sentAgreement, want.sentAgreement) {
		t.Error("sentence owners differ")
	}
	if !slices.Equal(got.aliasList, want.aliasList) || !maps.EqualFunc(got.aliases, want.aliases, slices.Equal) {
		t.Error("aliases differ")
	}
	if !maps.Equal(got.places, want.places) || !maps.EqualFunc(got.byPerson, want.byPerson, slices.Equal) ||
		!maps.EqualFunc(mentionMap(got), mentionMap(want), slices.Equal) {
		t.Error("places, meetings by person or mentions differ")
	}
	if !reflect.DeepEqual(got.index.Dump(), want.index.Dump()) {
		t.Error("indexes differ")
	}
	if !reflect.DeepEqual(fmt.Sprint(got.look), fmt.Sprint(want.look)) {
		t.Error("lookups differ")
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
	b, _, err := LoadDir(context.Background(), "../bot/testdata/unseen")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.WriteSnapshot(&buf, []byte("key")); err != nil {
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
		{"other key", good, "other", ErrSnapshotStale},
		{"other version", version, "key", ErrSnapshotStale},
		{"empty", nil, "key", ErrSnapshotCorrupt},
		{"not a snapshot", []byte("Minister met minister.\n"), "key", ErrSnapshotCorrupt},
		{"cut short", good[:len(good)*2/3], "key", ErrSnapshotCorrupt},
		{"no checksum", good[:len(good)-4], "key", ErrSnapshotCorrupt},
		{"a byte changed", flipped, "key", ErrSnapshotCorrupt},
	}
	for _, tc := range cases {
		got, err := ReadSnapshot(bytes.NewReader(tc.data), []byte(tc.key))
		if got != nil || !errors.Is(err, tc.want) {
			t.Errorf("%s: base %v, error %v; want %v", tc.name, got != nil, err, tc.want)
		}
	}
}
