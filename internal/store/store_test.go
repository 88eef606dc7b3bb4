package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestClaimOnceAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Claim(ctx, "slack:Ev1")
	if err != nil || !first {
		t.Fatalf("first claim = %v, %v; want true, nil", first, err)
	}
	again, err := s.Claim(ctx, "slack:Ev1")
	if err != nil || again {
		t.Fatalf("second claim = %v, %v; want false, nil", again, err)
	}
	if err := s.Put(ctx, "matrix:since", "s123"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if again, _ := s.Claim(ctx, "slack:Ev1"); again {
		t.Fatal("claim survived no restart: event would be answered twice")
	}
	if v, err := s.Get(ctx, "matrix:since"); err != nil || v != "s123" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if _, err := s.Get(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(missing) err = %v, want ErrNotFound", err)
	}
	if err := s.Release(ctx, "slack:Ev1"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Claim(ctx, "slack:Ev1"); !ok {
		t.Fatal("released key could not be claimed again")
	}
	if n, err := s.Prune(ctx, -time.Hour); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1", n, err)
	}
}

func TestOpenRejectsCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, []byte("this is not a sqlite database, just text padding......................................................................"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(context.Background(), path); err == nil {
		s.Close()
		t.Fatal("Open of a corrupt file succeeded")
	}
}

func TestClaimWithIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ok, err := s.ClaimWith(ctx, []string{"a", "b"}, "pending:a", "job"); err != nil || !ok {
		t.Fatalf("first ClaimWith = %v, %v", ok, err)
	}
	// "c" is new but "b" is taken: nothing may change.
	if ok, err := s.ClaimWith(ctx, []string{"c", "b"}, "pending:c", "job"); err != nil || ok {
		t.Fatalf("overlapping ClaimWith = %v, %v; want false", ok, err)
	}
	if _, err := s.Get(ctx, "pending:c"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused claim journalled its job: %v", err)
	}
	if ok, _ := s.Claim(ctx, "c"); !ok {
		t.Fatal("a refused ClaimWith kept part of its claims")
	}
	got, err := s.Scan(ctx, "pending:")
	if err != nil || len(got) != 1 || got[0] != [2]string{"pending:a", "job"} {
		t.Fatalf("Scan = %v, %v", got, err)
	}
	if err := s.Delete(ctx, "pending:a"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Scan(ctx, "pending:"); len(got) != 0 {
		t.Fatalf("after Delete, Scan = %v", got)
	}
}
