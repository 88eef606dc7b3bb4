package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchSmoke runs `liaison bench` at its smallest size, so the command
// cannot rot: it must generate the corpus, build, score extraction, answer
// every intent and write the JSON report. The Bleve reference is a command
// of its own (TestBenchBleve); "-bleve=false", which turned it off when it
// was built in, still means none.
func TestBenchSmoke(t *testing.T) {
	stdout, rep := runBenchCLI(t, "-bleve=false")
	for _, want := range []string{"who-met", "retrieval", "not-found", "resolve (fuzzy", "MB/s"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	if len(rep.Runs) != 1 || rep.Runs[0].N != 200 || rep.Runs[0].Liaison == nil || rep.Runs[0].Bleve != nil {
		t.Fatalf("report: %+v", rep)
	}
	l := rep.Runs[0].Liaison
	if l.Releases != 200 || l.BuildMBps <= 0 || len(l.Intents) != 8 || l.Intents["who-met"].Samples == 0 {
		t.Errorf("liaison figures: %+v", l)
	}
	if l.Extraction.MeetingRecall < 0.95 || l.Extraction.MeetingPrecision < 0.95 {
		t.Errorf("extraction: %+v", l.Extraction)
	}
	// the start from the snapshot gives the answers the built base gives
	if s := rep.Runs[0].Snapshot; s == nil || !s.FromSnapshot || !s.SameAnswers || s.StartupSeconds <= 0 || l.SnapshotBytes <= 0 || l.AnswerDigest == "" {
		t.Errorf("snapshot figures: %+v (liaison: %d bytes, digest %q)", s, l.SnapshotBytes, l.AnswerDigest)
	}
	if !strings.Contains(stdout, "start-up s") {
		t.Errorf("table lacks the snapshot start-up:\n%s", stdout)
	}
}

// TestBenchBleve builds the Bleve reference command and runs `liaison
// bench -bleve` with it: its figures must reach the report and the table.
func TestBenchBleve(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/liaison-bleve-bench")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cmd/liaison-bleve-bench")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "liaison-bleve-bench")
	if out, err := exec.Command(goBin, "build", "-o", bin, "liaison/cmd/liaison-bleve-bench").CombinedOutput(); err != nil {
		t.Fatalf("build the Bleve reference: %v\n%s", err, out)
	}
	stdout, rep := runBenchCLI(t, "-snapshot=false", "-bleve", bin)
	if len(rep.Runs) != 1 || rep.Runs[0].Bleve == nil {
		t.Fatalf("report without Bleve figures: %+v", rep)
	}
	b := rep.Runs[0].Bleve
	if b.IndexSeconds <= 0 || b.PeakRSSBytes <= 0 || b.Intents["who-met"].Samples == 0 || b.Intents["retrieval"].P50us <= 0 {
		t.Errorf("bleve figures: %+v", b)
	}
	// the build table gives Bleve's figures beside Liaison's ("-" when
	// there are none)
	if line := lineAfter(stdout, "build"); line == "" || strings.Contains(line, " - ") {
		t.Errorf("build line lacks Bleve figures: %q\n%s", line, stdout)
	}
}

// TestBenchBleveFlag checks that -bleve takes a binary: "true" is a usage
// error and a missing binary fails before any corpus is generated
// (TestBenchSmoke passes "-bleve=false", the old spelling of none).
func TestBenchBleveFlag(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"true", filepath.Join(dir, "no-such-binary")} {
		code, _, stderr := runCLI(t, "", "bench", "-n", "200", "-dir", dir, "-bleve", v)
		if code == 0 || stderr == "" {
			t.Errorf("-bleve %s: exit %d, stderr %q", v, code, stderr)
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("a corpus was generated before the flags were checked: %v %v", entries, err)
	}
}

// lineAfter returns the line after the first line of a printed table
// whose first field is head, or "".
func lineAfter(table, head string) string {
	lines := strings.Split(table, "\n")
	for i, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && f[0] == head && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	return ""
}

// runBenchCLI runs `liaison bench` in this process at N = 200 with five
// questions per intent and the given flags, and returns the table it
// printed and the report it wrote.
func runBenchCLI(t *testing.T, flags ...string) (string, benchReport) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "bench.json")
	args := append([]string{"bench", "-n", "200", "-questions", "5", "-inprocess", "-dir", dir, "-json", out}, flags...)
	code, stdout, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep benchReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return stdout, rep
}
