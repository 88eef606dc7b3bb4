// Command pagecompare compares two ways of taking a release's text out of
// its web page, for Liaison's feed reader (internal/feeds): the project's
// own page clean-up (page.Text, what the loader does with an
// .html release) and codeberg.org/readeck/go-readability/v2 (a port of
// Mozilla's Readability). It is a module of its own so that the library
// it compares stays out of the bot's go.mod unless the comparison
// chooses it. docs/feeds.md reports its results.
//
//	go run . pages -shared ../../../shared -out ../../internal/feedtest/pages
//	go run . compare -pages ../../internal/feedtest/pages [-write /tmp/cmp]
//
// pages makes a release page of each shared release in five layouts
// found on ministry and news sites; compare reads each page with both
// and measures, against the release's own text, how many of its
// sentences each keeps (recall) and how much of what each keeps is not
// the release (noise). -write also writes each extraction as the release
// file the feed reader writes, one folder per method, to build fact
// bases and score the question sets on.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"

	"liaison/internal/feeds"
	"liaison/knowledge/lang"
	"liaison/knowledge/page"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pagecompare pages|compare [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "pages":
		fs := flag.NewFlagSet("pages", flag.ExitOnError)
		shared := fs.String("shared", "../../../shared", "the shared folder with corpus*/")
		out := fs.String("out", "../../internal/feedtest/pages", "folder for the pages")
		fs.Parse(os.Args[2:])
		err = makePages(*shared, *out)
	case "compare":
		fs := flag.NewFlagSet("compare", flag.ExitOnError)
		pages := fs.String("pages", "../../internal/feedtest/pages", "folder of NAME.html pages with NAME.txt truths")
		write := fs.String("write", "", "also write the release files of each method under this folder")
		fs.Parse(os.Args[2:])
		err = compare(*pages, *write)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagecompare:", err)
		os.Exit(1)
	}
}

// method is one way of reading a page's article text.
type method struct {
	name    string
	extract func(page []byte, u *url.URL, title string, dated bool) (string, error)
}

var methods = []method{
	{"pagetext", func(page []byte, _ *url.URL, _ string, _ bool) (string, error) {
		text, _ := page.Text(string(page))
		return text, nil
	}},
	{"readability", func(page []byte, u *url.URL, _ string, _ bool) (string, error) {
		a, err := readability.FromReader(bytes.NewReader(page), u)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		if err := a.RenderText(&b); err != nil {
			return "", err
		}
		return b.String(), nil
	}},
	{"feeds", func(page []byte, u *url.URL, title string, dated bool) (string, error) {
		return feeds.ArticleText(page, u, title, dated)
	}},
}

// sentences cuts text into folded sentences of at least four words.
func sentences(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimLeft(l, "•-–* \t") // list bullets are markup, not text
		for _, s := range lang.SplitSentences(l) {
			if f := strings.Join(strings.Fields(lang.Fold(s)), " "); len(strings.Fields(f)) >= 4 {
				out = append(out, f)
			}
		}
	}
	return out
}

type score struct {
	truth, kept     int // truth sentences, and those found in the output
	words, noise    int // output words, and those not of the release
	failed          int
	missing, extras []string
	took            time.Duration
}

func compare(dir, write string) error {
	truths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	sort.Strings(truths)
	index, err := readIndex(filepath.Join(dir, "PAGES.tsv"))
	if err != nil {
		return err
	}
	scores := map[string]*score{}
	perPage := map[string][]string{}
	for _, tp := range truths {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		page, err := os.ReadFile(filepath.Join(dir, name+".html"))
		if err != nil {
			continue
		}
		raw, _ := os.ReadFile(tp)
		body := string(raw)
		meta := index[name]
		title := meta.title
		var published time.Time
		if t, err := time.Parse("2006-01-02", meta.date); err == nil {
			published = t
		}
		want := sentences(body)
		all := strings.Join(strings.Fields(lang.Fold(title+" "+body)), " ")
		u, _ := url.Parse("https://ministry.example/en/news/" + name)
		for _, m := range methods {
			s := scores[m.name]
			if s == nil {
				s = &score{}
				scores[m.name] = s
			}
			start := time.Now()
			text, err := m.extract(page, u, title, !published.IsZero())
			s.took += time.Since(start)
			if err != nil {
				s.failed++
				perPage[name] = append(perPage[name], fmt.Sprintf("%s: failed: %v", m.name, err))
				text = ""
			}
			got := strings.Join(strings.Fields(lang.Fold(text)), " ")
			kept := 0
			for _, w := range want {
				if strings.Contains(got, w) {
					kept++
				} else {
					s.missing = append(s.missing, name+": "+w)
				}
			}
			noise := 0
			words := 0
			for _, l := range strings.Split(text, "\n") {
				f := strings.Join(strings.Fields(lang.Fold(l)), " ")
				n := len(strings.Fields(f))
				words += n
				if n > 0 && !strings.Contains(all, f) {
					// a line that is not the release's: count the words of
					// its sentences that are not either
					for _, sent := range lang.SplitSentences(l) {
						fs := strings.Join(strings.Fields(lang.Fold(sent)), " ")
						if fs != "" && !strings.Contains(all, fs) {
							noise += len(strings.Fields(fs))
							s.extras = append(s.extras, name+": "+fs)
						}
					}
				}
			}
			s.truth += len(want)
			s.kept += kept
			s.words += words
			s.noise += noise
			perPage[name] = append(perPage[name], fmt.Sprintf("%s: kept %d/%d sentences, noise %d/%d words", m.name, kept, len(want), noise, words))
			if write != "" {
				rel := feeds.Release{Title: title, Publisher: "Ministry", Published: published, URL: u.String(), Text: text}
				out := filepath.Join(write, m.name, name+".txt")
				os.MkdirAll(filepath.Dir(out), 0o755)
				if err := os.WriteFile(out, rel.File(), 0o644); err != nil {
					return err
				}
			}
		}
	}
	names := make([]string, 0, len(perPage))
	for n := range perPage {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("%s\n  %s\n", n, strings.Join(perPage[n], "\n  "))
	}
	fmt.Println()
	fmt.Printf("%-12s %10s %10s %8s %s\n", "method", "recall", "noise", "failed", "time")
	for _, m := range methods {
		s := scores[m.name]
		fmt.Printf("%-12s %9.1f%% %9.1f%% %8d %s\n", m.name, pct(s.kept, s.truth), pct(s.noise, s.words), s.failed, s.took.Round(time.Millisecond))
	}
	for _, m := range methods {
		s := scores[m.name]
		fmt.Printf("\n== %s: %d sentences missing, %d lines of noise\n", m.name, len(s.missing), len(s.extras))
		for _, x := range s.missing {
			fmt.Println("  missing:", x)
		}
		for _, x := range s.extras {
			fmt.Println("  noise:  ", x)
		}
	}
	return nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// pageMeta is what a feed item says of a page: its headline and date.
type pageMeta struct{ title, date string }

// readIndex reads the PAGES.tsv that pages writes.
func readIndex(path string) (map[string]pageMeta, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]pageMeta{}
	for _, l := range strings.Split(string(raw), "\n")[1:] {
		if cols := strings.Split(l, "\t"); len(cols) >= 5 {
			out[cols[0]] = pageMeta{title: cols[4], date: cols[3]}
		}
	}
	return out, nil
}
