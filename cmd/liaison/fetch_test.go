package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"liaison/internal/feeds"
	"liaison/internal/feedtest"
)

// TestFetchCommand runs `liaison fetch` against a loopback feed server:
// an RSS and an Atom feed of release pages and a broken feed. The first
// round writes the releases and reports the broken feed without failing;
// a second round over the unchanged feeds writes nothing; `liaison ask`
// then answers from the fetched releases and cites their links; with
// every feed failing the command fails.
func TestFetchCommand(t *testing.T) {
	srv, err := feedtest.Start("")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	day := time.Date(2024, 5, 20, 12, 0, 0, 0, time.UTC)
	srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior",
		Items: srv.ReleaseItems("/p/", day, "021_interior-ministers-external-border-riga-2024", "018_finland-sweden-police-agreement-tornio-2021")})
	srv.SetFeed("/atom", feedtest.Feed{Format: feedtest.Atom, Title: "Customs news",
		Items: srv.ReleaseItems("/p/", day, "129_fcs-poland-customs-green-channel-warsaw-2012")})
	srv.Handle("/broken", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "<rss><channel><item>") })
	out := t.TempDir()
	args := []string{"fetch", "--feed", srv.URL + "/rss", "--feed", srv.URL + "/atom", "--feed", srv.URL + "/broken", "--out", out}

	code, stdout, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "127.0.0.1: 2 new, 0 updated, 0 unchanged, 0 skipped") ||
		!strings.HasPrefix(lines[1], "127.0.0.1: 1 new,") || !strings.HasPrefix(lines[2], "127.0.0.1: failed: ") ||
		!strings.Contains(lines[3], "3 feed(s) into "+out+": 3 new, 0 updated, 0 unchanged, 0 skipped; 1 failed") {
		t.Errorf("output:\n%s", stdout)
	}
	if !strings.Contains(stderr, "feed poll failed") || !strings.Contains(stderr, "/broken") {
		t.Errorf("no log line for the broken feed:\n%s", stderr)
	}
	before := stamps(t, out)
	if len(before) != 3 {
		t.Fatalf("%d releases written: %v", len(before), before)
	}

	time.Sleep(20 * time.Millisecond)
	code, stdout, _ = runCLI(t, "", args...)
	if code != 0 || !strings.Contains(stdout, ": 0 new, 0 updated, 3 unchanged, 0 skipped; 1 failed") ||
		strings.Count(stdout, "(not modified since the last round)") != 2 {
		t.Errorf("second round, exit %d:\n%s", code, stdout)
	}
	for name, mod := range stamps(t, out) {
		if !mod.Equal(before[name]) {
			t.Errorf("%s written again", name)
		}
	}

	code, stdout, stderr = runCLI(t, "", "ask", "--corpus", out, "--json", "Who met Andrey Belyaninov?")
	if code != 0 {
		t.Fatalf("ask: exit %d: %s", code, stderr)
	}
	var res askResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if !res.Found || !strings.Contains(res.Answer, "Kapica") || len(res.Sources) == 0 ||
		res.Sources[0].URL != srv.URL+"/p/129_fcs-poland-customs-green-channel-warsaw-2012.html" {
		t.Errorf("answer from the fetched release: %+v", res)
	}

	code, stdout, stderr = runCLI(t, "", "fetch", "--feed", srv.URL+"/broken", "--feed", srv.URL+"/missing", "--out", out)
	if code != 1 || !strings.Contains(stderr, "every feed failed") || !strings.Contains(stdout, "404") {
		t.Errorf("all failing: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "", "fetch", "--feed", srv.URL+"/rss"); code != 2 || !strings.Contains(stderr, "--out") {
		t.Errorf("without --out: exit %d, %s", code, stderr)
	}
}

// stamps maps each release file under dir to its modification time.
func stamps(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		info, err := d.Info()
		out[strings.TrimPrefix(p, dir)] = info.ModTime()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFetchWithConfig: with --config, the configured feeds are written
// to the feed folder of the corpus.
func TestFetchWithConfig(t *testing.T) {
	srv, err := feedtest.Start("")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry",
		Items: srv.ReleaseItems("/p/", time.Now(), "101_hybrid-coe-established-helsinki-2017")})
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("corpus: %s\nfeeds:\n  - url: %s/rss\n    name: Government of Finland\nfeed_reader: {folder: news}\n", corpusDir, srv.URL)), 0o600)
	code, stdout, stderr := runCLI(t, "", "fetch", "--config", cfg)
	if code != 0 || !strings.HasPrefix(stdout, "Government of Finland: 1 new") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "news", "government-of-finland", "*.txt"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "\nSource: Government of Finland\n") {
		t.Errorf("release:\n%s", b)
	}
	for _, r := range srv.Requests() {
		if r.UserAgent != "Liaison/"+version+" (press release feed reader)" {
			t.Errorf("User-Agent %q", r.UserAgent)
		}
	}
}

// TestFeedStatusLines: /readyz and the admins' status count the feeds and
// describe each failing one.
func TestFeedStatusLines(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	got := feedStatusLines([]feeds.Status{
		{Feed: "good", OK: true, Succeeded: now.Add(-time.Minute)},
		{Feed: "broken", Failures: 3, Succeeded: now.Add(-time.Hour), Next: now.Add(4 * time.Minute), LastError: "feeds: the feed is not RSS"},
		{Feed: "new", Failures: 1, Next: now.Add(time.Minute), LastError: "dial tcp: connection refused"},
	}, now)
	want := []string{
		"feeds: 3 followed, 2 failing",
		"feed broken: failing (3 poll(s) in a row; last success 1h0m0s ago; next try in 4m0s): feeds: the feed is not RSS",
		"feed new: failing (1 poll(s) in a row; never polled with success; next try in 1m0s): dial tcp: connection refused",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
