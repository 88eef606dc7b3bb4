package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Feed is one feed `liaison serve` follows (and `liaison fetch` reads).
type Feed struct {
	// URL is the feed's address: RSS 2.0 or Atom.
	URL string `yaml:"url"`
	// Name labels the feed in logs, metrics and status, names its
	// subfolder and is the publisher of its releases; "" uses the host
	// (and the feed's own title as the publisher).
	Name string `yaml:"name"`
	// Interval is how often it is polled; 0 means feed_reader.interval.
	Interval Duration `yaml:"interval"`
}

// FeedList is the feeds: section. From the environment (LIAISON_FEEDS)
// it is a comma-separated list of URLs.
type FeedList []Feed

// FeedReader configures how feeds are read.
type FeedReader struct {
	// Folder is where feed releases are written, relative to the corpus
	// folder (each feed in a subfolder of it).
	Folder string `yaml:"folder"`
	// Interval is the poll interval of feeds that set none.
	Interval Duration `yaml:"interval"`
	// MinInterval is the shortest interval any feed is polled at.
	MinInterval Duration `yaml:"min_interval"`
	// Timeout bounds each request (a feed's, a page's), body included.
	Timeout Duration `yaml:"timeout"`
	// MaxPageKiB is the largest page (or feed item) read, in KiB; a
	// larger one is skipped with a log line.
	MaxPageKiB int `yaml:"max_page_kib"`
	// UserAgent is sent with every request; "" names Liaison and its
	// version.
	UserAgent string `yaml:"user_agent"`
}

// defaultFeedReader is FeedReader's default.
func defaultFeedReader() FeedReader {
	return FeedReader{Folder: "feeds", Interval: Duration(15 * time.Minute), MinInterval: Duration(time.Minute),
		Timeout: Duration(30 * time.Second), MaxPageKiB: 2048}
}

// FeedDir is the folder feed releases are written to: the reader's
// folder inside the corpus.
func (c Config) FeedDir() string {
	return filepath.Join(c.Corpus, filepath.FromSlash(c.FeedReader.Folder))
}

// parseFeedList reads LIAISON_FEEDS: comma-separated URLs.
func parseFeedList(v string) FeedList {
	var out FeedList
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, Feed{URL: p})
		}
	}
	return out
}

// validateFeeds returns every problem of the feeds and feed_reader
// settings.
func (c Config) validateFeeds() []error {
	var p []error
	add := func(format string, args ...any) { p = append(p, fmt.Errorf(format, args...)) }
	r := c.FeedReader
	if r.MinInterval < 0 {
		add("feed_reader.min_interval: cannot be negative")
	}
	if r.Interval < r.MinInterval || r.Interval <= 0 {
		add("feed_reader.interval: %s must be positive and at least min_interval (%s)", time.Duration(r.Interval), time.Duration(r.MinInterval))
	}
	if r.Timeout <= 0 || r.Timeout > Duration(5*time.Minute) {
		add("feed_reader.timeout: %s must be between 1ms and 5m", time.Duration(r.Timeout))
	}
	if r.MaxPageKiB < 1 || r.MaxPageKiB > 64<<10 {
		add("feed_reader.max_page_kib: %d must be between 1 and 65536", r.MaxPageKiB)
	}
	f := filepath.ToSlash(filepath.Clean(filepath.FromSlash(r.Folder)))
	if r.Folder == "" || filepath.IsAbs(r.Folder) || f == ".." || strings.HasPrefix(f, "../") || strings.HasPrefix(f, ".") && f != "." {
		add("feed_reader.folder: %q must be a folder inside the corpus folder, such as \"feeds\" (not hidden)", r.Folder)
	}
	if len(c.Feeds) > 0 && c.Corpus == "" {
		add("feeds: need corpus: a folder (the built-in corpus cannot change; feed releases are written to its %s subfolder)", r.Folder)
	}
	seen := map[string]bool{}
	for i, fd := range c.Feeds {
		u, err := url.Parse(fd.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add("feeds[%d].url: %q must be an http(s) URL", i, fd.URL)
		}
		if seen[fd.URL] {
			add("feeds[%d].url: %s is listed twice", i, fd.URL)
		}
		seen[fd.URL] = true
		if fd.Interval < 0 || fd.Interval > 0 && fd.Interval < r.MinInterval {
			add("feeds[%d].interval: %s is shorter than feed_reader.min_interval (%s)", i, time.Duration(fd.Interval), time.Duration(r.MinInterval))
		}
	}
	return p
}
