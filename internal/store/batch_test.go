package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestApplyIsAllOrNothing: Apply writes and deletes together; when one
// statement fails (a closed context here), nothing changes.
func TestApplyIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Put(ctx, "q:1", "queued"); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(ctx, map[string]string{"out:a": "1", "out:b": "2"}, []string{"q:1"}); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Scan(ctx, "")
	got := map[string]string{}
	for _, kv := range rows {
		got[kv[0]] = kv[1]
	}
	if got["out:a"] != "1" || got["out:b"] != "2" || got["q:1"] != "" {
		t.Errorf("after Apply: %v", got)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Apply(cancelled, map[string]string{"out:c": "3"}, []string{"out:a"}); err == nil {
		t.Fatal("Apply with a cancelled context succeeded")
	}
	if v, _ := s.Get(ctx, "out:a"); v != "1" {
		t.Errorf("out:a = %q after a failed Apply", v)
	}
	if _, err := s.Get(ctx, "out:c"); err != ErrNotFound {
		t.Errorf("out:c written by a failed Apply: %v", err)
	}
}
