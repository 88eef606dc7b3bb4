package config

import (
	"strings"
	"testing"
	"time"
)

func TestFeeds(t *testing.T) {
	cfg, err := Parse([]byte(`
corpus: /srv/releases
feeds:
  - url: https://intermin.example/en/rss
    name: Ministry of the Interior
    interval: 30m
  - url: https://police.example/atom.xml
feed_reader:
  timeout: 10s
`), envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := FeedList{{URL: "https://intermin.example/en/rss", Name: "Ministry of the Interior", Interval: Duration(30 * time.Minute)},
		{URL: "https://police.example/atom.xml"}}
	if len(cfg.Feeds) != 2 || cfg.Feeds[0] != want[0] || cfg.Feeds[1] != want[1] {
		t.Errorf("feeds %+v", cfg.Feeds)
	}
	r := cfg.FeedReader
	if r.Folder != "feeds" || r.Interval != Duration(15*time.Minute) || r.MinInterval != Duration(time.Minute) ||
		r.Timeout != Duration(10*time.Second) || r.MaxPageKiB != 2048 {
		t.Errorf("feed_reader %+v", r)
	}
	if cfg.FeedDir() != "/srv/releases/feeds" {
		t.Errorf("FeedDir %q", cfg.FeedDir())
	}

	cfg, err = Parse([]byte("corpus: /srv/releases\n"), envOf(map[string]string{"LIAISON_FEEDS": "https://a.example/rss, https://b.example/atom"}))
	if err != nil || len(cfg.Feeds) != 2 || cfg.Feeds[1].URL != "https://b.example/atom" {
		t.Errorf("LIAISON_FEEDS: %+v, %v", cfg.Feeds, err)
	}
}

func TestFeedProblems(t *testing.T) {
	_, err := Parse([]byte(`
feeds:
  - url: ftp://intermin.example/rss
  - url: https://a.example/rss
    interval: 10s
  - url: https://a.example/rss
feed_reader:
  folder: ../elsewhere
  min_interval: 30s
  interval: 20s
  timeout: 0s
  max_page_kib: 0
`), envOf(nil))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"feeds: need corpus: a folder",
		`feeds[0].url: "ftp://intermin.example/rss" must be an http(s) URL`,
		"feeds[1].interval: 10s is shorter than feed_reader.min_interval (30s)",
		"feeds[2].url: https://a.example/rss is listed twice",
		`feed_reader.folder: "../elsewhere" must be a folder inside the corpus folder`,
		"feed_reader.interval: 20s must be positive and at least min_interval (30s)",
		"feed_reader.timeout: 0s",
		"feed_reader.max_page_kib: 0",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	for _, folder := range []string{"/abs", ".hidden", "a/../../b"} {
		if _, err := Parse([]byte("corpus: /c\nfeed_reader: {folder: \""+folder+"\"}\n"), envOf(nil)); err == nil || !strings.Contains(err.Error(), "feed_reader.folder") {
			t.Errorf("folder %q accepted: %v", folder, err)
		}
	}
}
