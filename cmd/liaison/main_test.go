package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestAskJSONContract checks `liaison ask --json` against the contract in
// the eval README: one object per question, in order, with the fields the
// scorer reads.
func TestAskJSONContract(t *testing.T) {
	code, out, errs := runCLI(t, "Who met Kolokoltsev?\nWho met Angela Merkel?\n\n", "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines for 3 questions:\n%s", len(lines), out)
	}
	var first, second askResult
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if !first.Found || first.Intent != "who_met" || first.Question != "Who met Kolokoltsev?" {
		t.Errorf("first = %+v", first)
	}
	if !strings.Contains(first.Answer, "Risikko") || !strings.Contains(first.Answer, "Damberg") {
		t.Errorf("answer = %q", first.Answer)
	}
	docs := map[string]bool{}
	for _, s := range first.Sources {
		docs[s.Doc] = true
		if s.Quote == "" {
			t.Errorf("source without quote: %+v", s)
		}
	}
	if !docs["000_4ee1fc371f5efdf3.txt"] || !docs["004_90fdd230b0fe3864.txt"] {
		t.Errorf("sources = %+v", first.Sources)
	}
	if second.Found || len(second.Sources) != 0 {
		t.Errorf("second = %+v", second)
	}
	var raw map[string]any
	json.Unmarshal([]byte(lines[1]), &raw)
	if _, ok := raw["sources"].([]any); !ok {
		t.Errorf("sources must be a list even when empty: %s", lines[1])
	}
}

func TestAskArgumentAndCorpusFlag(t *testing.T) {
	dir := t.TempDir()
	release := "Ministers meet in Oslo\n\nPublication date 3.3.2022\n\nNorwegian Minister of Justice Ola Sample met Finnish Minister of the Interior Maria Example in Oslo on 3 March.\n"
	if err := os.WriteFile(filepath.Join(dir, "r.txt"), []byte(release), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "ask", "--corpus", dir, "--json", "who", "met", "Sample?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r askResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Found || !strings.Contains(r.Answer, "Maria Example") || !strings.Contains(r.Answer, "3 March 2022") || r.Sources[0].Doc != "r.txt" {
		t.Errorf("answer from another corpus: %+v", r)
	}
}

func TestExitCodes(t *testing.T) {
	if code, _, errs := runCLI(t, "", "ask", "--corpus", filepath.Join(t.TempDir(), "nope"), "hi"); code != 1 || !strings.Contains(errs, "corpus") {
		t.Errorf("missing corpus: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "ask", "--corpus", t.TempDir(), "hi"); code != 1 || !strings.Contains(errs, "no releases") {
		t.Errorf("empty corpus: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "ask", "--bogus"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, out, _ := runCLI(t, "", "ask", "What's the weather like in Helsinki tomorrow?"); code != 0 || !strings.Contains(out, "couldn't find") {
		t.Errorf("not found must still exit 0: %d %q", code, out)
	}
}

func TestChatOverStdin(t *testing.T) {
	code, out, errs := runCLI(t, "help\nwho met hakkanen\n/who-met Kolokoltsov\n!who-is Damberg\nand where was that?\nquit\nwho met Risikko\n", "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"/who-met", "Konovalov", "Risikko", "Minister for Home Affairs", "Stockholm"} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Paula Risikko (Finnish Minister of the Interior) met") {
		t.Error("input after quit was answered")
	}
}

func TestFactsCommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "facts")
	if code != 0 || !strings.Contains(out, "MEETINGS") || !strings.Contains(out, "Paula Risikko") {
		t.Fatalf("facts: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "facts", "--json")
	var e struct {
		Meetings []struct {
			Evidence struct{ File, Sentence string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &e) != nil || len(e.Meetings) == 0 || e.Meetings[0].Evidence.Sentence == "" {
		t.Fatalf("facts --json: %d %.300s", code, out)
	}
}
