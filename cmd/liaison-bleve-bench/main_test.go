package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"liaison/internal/benchcorpus"
	"liaison/internal/benchstats"
)

// TestMeasure indexes a small generated corpus with Bleve and checks that
// every benchmark intent was timed, so the reference cannot rot.
func TestMeasure(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchcorpus.Generate(context.Background(), dir, benchcorpus.Options{N: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"-corpus", dir, "-questions", "5"}, &out, &errb); err != nil {
		t.Fatalf("run: %v (%s)", err, errb.String())
	}
	var s benchstats.Bleve
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("decode %q: %v", out.String(), err)
	}
	if s.IndexSeconds <= 0 || s.IndexMBps <= 0 {
		t.Errorf("index figures: %+v", s)
	}
	for _, intent := range benchcorpus.Intents {
		if l := s.Intents[intent]; l.Samples == 0 || l.P50us <= 0 || l.P99us < l.P50us {
			t.Errorf("%s: %+v", intent, l)
		}
	}
}

// TestUsage checks that a command line without a corpus, or with a
// corpus that is not a generated one, fails with a reason.
func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); !errors.Is(err, errUsage) || errb.Len() == 0 {
		t.Errorf("no -corpus: err %v, stderr %q", err, errb.String())
	}
	if err := run(context.Background(), []string{"-corpus", t.TempDir()}, &out, &errb); err == nil || errors.Is(err, errUsage) {
		t.Errorf("a folder without truth.json: err %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed figures on failure: %q", out.String())
	}
}
