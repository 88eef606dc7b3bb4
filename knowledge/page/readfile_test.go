package page_test

import (
	"liaison/knowledge/page"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile checks that ReadFile returns a file's bytes whole, and at
// most MaxReleaseBytes+1 of a longer one.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          int
	}{
		{"empty.txt", "", 0},
		{"small.txt", "Ministers meet\n\nThey met.\n", 26},
		{"exact.txt", strings.Repeat("a", page.MaxReleaseBytes), page.MaxReleaseBytes},
		{"long.txt", strings.Repeat("b", page.MaxReleaseBytes+5000), page.MaxReleaseBytes + 1},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := page.ReadFile(p)
		if err != nil || len(got) != tt.want || got != tt.content[:tt.want] {
			t.Errorf("%s: %d bytes, %v; want %d", tt.name, len(got), err, tt.want)
		}
	}
	if _, err := page.ReadFile(filepath.Join(dir, "missing.txt")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
