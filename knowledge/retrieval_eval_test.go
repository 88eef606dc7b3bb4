package knowledge

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"liaison/knowledge/lang"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalQuestion is what the retrieval measure reads of a line of the
// shared question sets (format in ../shared/eval/README.md).
type evalQuestion struct {
	ID         string   `json:"id"`
	Question   string   `json:"question"`
	Found      *bool    `json:"found"`
	Sources    []string `json:"sources"`
	SourcesAny []string `json:"sources_any"`
	ExpectAll  []string `json:"expect_all"`
	ExpectAny  []string `json:"expect_any"`
}

// rankStats accumulates the ranks at which something was found (0: not
// in the hits).
type rankStats struct {
	n, at1, at3, at5, at10 int
	rr                     float64
}

func (s *rankStats) add(rank int) {
	s.n++
	if rank == 0 {
		return
	}
	s.rr += 1 / float64(rank)
	for _, c := range []struct {
		k int
		n *int
	}{{1, &s.at1}, {3, &s.at3}, {5, &s.at5}, {10, &s.at10}} {
		if rank <= c.k {
			(*c.n)++
		}
	}
}

func (s rankStats) mrr() float64 { return s.rr / float64(max(1, s.n)) }

func (s rankStats) String() string {
	return fmt.Sprintf("n=%d MRR %.3f R@1 %d R@3 %d R@5 %d R@10 %d", s.n, s.mrr(), s.at1, s.at3, s.at5, s.at10)
}

// TestRetrievalSharedSets measures the ranking alone (Base.Search over the
// question's terms), independent of the bot's answer rules, on the shared
// question sets over all 28 shared releases: for each question that has
// an answer, the rank of the first release it names as a source, and the
// rank of the first sentence of such a release that holds an expected
// phrase (questions whose phrases no sentence holds, such as dates written
// otherwise, are left out of that one). docs/stemmer.md compares
// stemmers with it (go test ./knowledge -run RetrievalShared -v). It fails
// below floors set under the figures of the Snowball stemmer, and is
// skipped without ../shared beside the repository.
func TestRetrievalSharedSets(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "eval", "score.py")); err != nil {
		t.Skip("no ../shared/eval beside the repository")
	}
	paths := map[string]string{}
	var names []string
	for _, folder := range []string{"corpus", "corpus-extra", "corpus-dev"} {
		fs, err := filepath.Glob(filepath.Join(shared, folder, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			paths[filepath.Base(f)] = f
			names = append(names, filepath.Base(f))
		}
	}
	base, _, err := BuildFiles(context.Background(), names, func(name string) (string, error) {
		data, err := os.ReadFile(paths[name])
		return string(data), err
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var release, answer rankStats
	for _, set := range []string{"seed", "extra", "dev"} {
		qs := readEvalQuestions(t, filepath.Join(shared, "eval", set+"-questions.jsonl"))
		var setRelease, setAnswer rankStats
		for _, q := range qs {
			want := map[string]bool{}
			for _, s := range append(q.Sources, q.SourcesAny...) {
				want[s] = true
			}
			if q.Found != nil && !*q.Found || len(want) == 0 {
				continue
			}
			var phrases []string
			for _, p := range append(q.ExpectAll, q.ExpectAny...) {
				phrases = append(phrases, strings.ToLower(lang.Fold(p)))
			}
			holds := func(s int) bool {
				if !want[base.Docs[base.Sentences[s].Doc].File] {
					return false
				}
				text := strings.ToLower(lang.Fold(base.Sentences[s].Text))
				for _, p := range phrases {
					if strings.Contains(text, p) {
						return true
					}
				}
				return false
			}
			hits := base.Search(lang.Terms(q.Question), 1000)
			rank, seen := 0, map[int]bool{}
			for _, h := range hits {
				d := base.Sentences[h.Sentence].Doc
				if seen[d] {
					continue
				}
				seen[d] = true
				if want[base.Docs[d].File] {
					rank = len(seen)
					break
				}
			}
			setRelease.add(rank)
			judged := false
			for s := range base.Sentences {
				if holds(s) {
					judged = true
					break
				}
			}
			if !judged {
				continue
			}
			rank = 0
			for i, h := range hits {
				if holds(h.Sentence) {
					rank = i + 1
					break
				}
			}
			setAnswer.add(rank)
			if rank != 1 {
				t.Logf("%s: answer sentence at rank %d: %s", q.ID, rank, q.Question)
			}
		}
		t.Logf("%-5s release: %v", set, setRelease)
		t.Logf("%-5s answer sentence: %v", set, setAnswer)
		release = release.plus(setRelease)
		answer = answer.plus(setAnswer)
	}
	t.Logf("all   release: %v", release)
	t.Logf("all   answer sentence: %v", answer)
	if release.n < 100 || release.mrr() < 0.95 {
		t.Errorf("release: %v; want 100 questions or more and MRR 0.95 or more", release)
	}
	if answer.mrr() < 0.65 || float64(answer.at10) < 0.95*float64(answer.n) {
		t.Errorf("answer sentence: %v; want MRR 0.65 or more and 95 %% in the first 10", answer)
	}
}

// plus returns the figures of a and b together.
func (a rankStats) plus(b rankStats) rankStats {
	return rankStats{n: a.n + b.n, at1: a.at1 + b.at1, at3: a.at3 + b.at3, at5: a.at5 + b.at5, at10: a.at10 + b.at10, rr: a.rr + b.rr}
}

// readEvalQuestions reads a question set, one JSON object a line.
func readEvalQuestions(t *testing.T, path string) []evalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuestion
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q evalQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
