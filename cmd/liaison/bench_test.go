package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchSmoke runs `liaison bench` at its smallest size, Bleve
// included, so the command cannot rot: it must generate the corpus, build,
// score extraction, answer every intent and write the JSON report.
func TestBenchSmoke(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bench.json")
	code, stdout, stderr := runCLI(t, "", "bench", "-n", "200", "-questions", "5", "-inprocess", "-dir", dir, "-json", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"who-met", "retrieval", "not-found", "resolve (fuzzy", "MB/s"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep benchReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 1 || rep.Runs[0].N != 200 || rep.Runs[0].Liaison == nil || rep.Runs[0].Bleve == nil {
		t.Fatalf("report: %+v", rep)
	}
	l := rep.Runs[0].Liaison
	if l.Releases != 200 || l.BuildMBps <= 0 || len(l.Intents) != 8 || l.Intents["who-met"].Samples == 0 {
		t.Errorf("liaison figures: %+v", l)
	}
	if l.Extraction.MeetingRecall < 0.95 || l.Extraction.MeetingPrecision < 0.95 {
		t.Errorf("extraction: %+v", l.Extraction)
	}
	if rep.Runs[0].Bleve.IndexSeconds <= 0 || rep.Runs[0].Bleve.Intents["who-met"].Samples == 0 {
		t.Errorf("bleve figures: %+v", rep.Runs[0].Bleve)
	}
	// the start from the snapshot gives the answers the built base gives
	if s := rep.Runs[0].Snapshot; s == nil || !s.FromSnapshot || !s.SameAnswers || s.StartupSeconds <= 0 || l.SnapshotBytes <= 0 || l.AnswerDigest == "" {
		t.Errorf("snapshot figures: %+v (liaison: %d bytes, digest %q)", s, l.SnapshotBytes, l.AnswerDigest)
	}
	if !strings.Contains(stdout, "start-up s") {
		t.Errorf("table lacks the snapshot start-up:\n%s", stdout)
	}
}
