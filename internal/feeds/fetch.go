package feeds

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html/charset"

	"liaison/knowledge/page"
)

// Defaults for Options fields left zero.
const (
	// DefaultInterval is how often a feed is polled.
	DefaultInterval = 15 * time.Minute
	// DefaultMinInterval is the shortest interval a feed is polled at,
	// whatever its own setting says.
	DefaultMinInterval = time.Minute
	// DefaultTimeout bounds each request, a feed's or a page's, body
	// included.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxFeedBytes is the largest feed document read.
	DefaultMaxFeedBytes = 10 << 20
	// DefaultMaxItemBytes is the largest page (or item) read: the
	// loader reads no more of a release either.
	DefaultMaxItemBytes = page.MaxReleaseBytes
	// DefaultMaxItems is how many items of a feed one poll reads, in
	// feed order (newest first in practice).
	DefaultMaxItems = 50
	// maxBackoff bounds the wait after failures.
	maxBackoff = 6 * time.Hour
	// maxTTL bounds how far a feed's own <ttl> may stretch its interval.
	maxTTL = 24 * time.Hour
)

// Sentinel errors of a poll or an item, wrapped with details.
var (
	// ErrTooLarge means a feed or page is larger than its limit.
	ErrTooLarge = errors.New("feeds: larger than the size limit")
	// ErrNotPage means a link leads to something that is not a web page
	// (a PDF, an image).
	ErrNotPage = errors.New("feeds: the link is not a web page")
	// ErrStatus means the server answered with an error status.
	ErrStatus = errors.New("feeds: the server answered with an error")
	// ErrTimeout means a feed or page took longer than Options.Timeout.
	ErrTimeout = errors.New("feeds: took longer than the time allowed")
)

// timeoutError turns a deadline or timeout of err into ErrTimeout with
// the limit; other errors are returned as they are.
func timeoutError(err error, limit time.Duration) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w (%s): %w", ErrTimeout, limit, err)
	}
	return err
}

// Feed is one feed to follow.
type Feed struct {
	// URL is the feed's address (RSS 2.0 or Atom; JSON Feed works too).
	URL string
	// Name labels the feed in logs and metrics and is the publisher of
	// its releases; "" uses the feed's own title.
	Name string
	// Interval is how often to poll it; 0 means Options.Interval.
	Interval time.Duration
}

// Item is a new feed item, as Options.OnNew is told of it.
type Item struct {
	// Feed is the feed's name.
	Feed string
	// Key identifies the item: its GUID, else its link.
	Key string
	// File is the release file, relative to Options.Dir.
	File string
	// Title, URL and Published are the release's.
	Title     string
	URL       string
	Published time.Time
}

// Observer is told how each poll went, for metrics. It must be safe for
// concurrent use and must not block.
type Observer interface {
	// FeedPolled reports a poll of feed: whether it succeeded, and how
	// many items were new, updated or skipped.
	FeedPolled(feed string, ok bool, newItems, updated, skipped int)
}

// Options configure a Fetcher.
type Options struct {
	// Dir is the folder release files are written to (a folder of the
	// corpus, or the corpus itself); each feed gets a subfolder.
	Dir string
	// UserAgent names the bot in every request.
	UserAgent string
	// Interval is the poll interval of feeds that set none.
	Interval time.Duration
	// MinInterval is the shortest poll interval; a feed's own setting or
	// <ttl> can only make it longer.
	MinInterval time.Duration
	// Timeout bounds each request, body included.
	Timeout time.Duration
	// MaxFeedBytes and MaxItemBytes bound what one feed document and one
	// page may hold.
	MaxFeedBytes, MaxItemBytes int64
	// MaxItems is how many items of a feed one poll reads.
	MaxItems int
	// Log receives a line per poll and per item that could not be read.
	Log *slog.Logger
	// Observer, when set, is told of every poll.
	Observer Observer
	// OnNew, when set, is called for each new item before its release
	// file is written (not for the items of a feed's first poll, which
	// fill the corpus rather than bring news). An error leaves the item
	// unwritten, to be tried again at the next poll.
	OnNew func(ctx context.Context, it Item) error
}

// Result is how one poll of one feed went.
type Result struct {
	// Feed is the feed's name; URL its address.
	Feed, URL string
	// New, Updated, Unchanged and Skipped count items: written for the
	// first time, written again because the item changed, as they were,
	// and not written (each with a log line).
	New, Updated, Unchanged, Skipped int
	// NotModified is set when the server said the feed had not changed.
	NotModified bool
	// Err is why the poll failed; nil when it succeeded.
	Err error
	// Took is how long the poll took.
	Took time.Duration
}

// Fetcher polls feeds and writes their items as release files. Create it
// with New; Round and Run may not be called at the same time.
type Fetcher struct {
	feeds []Feed
	opts  Options
	log   *slog.Logger
	dir   *folder

	feedClient   *http.Client // feeds, and pages of feeds on private addresses
	publicClient *http.Client // pages of feeds on public addresses
	private      func(netip.Addr) bool
	pageGap      time.Duration // pause between two page requests of a poll
	now          func() time.Time

	mu sync.Mutex // guards st
	st *state
}

// New checks the feeds and opens the folder. It does no network I/O.
func New(feeds []Feed, opts Options) (*Fetcher, error) {
	if opts.Dir == "" {
		return nil, errors.New("feeds: no release folder")
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "Liaison (press release feed reader)"
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.MinInterval < 0 {
		opts.MinInterval = 0
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxFeedBytes <= 0 {
		opts.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if opts.MaxItemBytes <= 0 {
		opts.MaxItemBytes = DefaultMaxItemBytes
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	seen := map[string]bool{}
	for i, fd := range feeds {
		u, err := url.Parse(fd.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("feeds: feed %q is not an http(s) URL", fd.URL)
		}
		if seen[fd.URL] {
			return nil, fmt.Errorf("feeds: feed %s is listed twice", fd.URL)
		}
		seen[fd.URL] = true
		if feeds[i].Name == "" {
			feeds[i].Name = u.Hostname()
		}
	}
	dir, err := openFolder(opts.Dir)
	if err != nil {
		return nil, err
	}
	f := &Fetcher{feeds: feeds, opts: opts, log: opts.Log, dir: dir, private: privateAddr,
		pageGap: 100 * time.Millisecond, now: time.Now}
	f.st, err = loadState(path.Join(opts.Dir, StateFile))
	if err != nil {
		f.log.Warn("feeds: state file unreadable; every feed is read afresh (nothing is written twice)", "err", err)
	}
	f.feedClient = newClient(newTransport(false, f.private, opts.Timeout))
	f.publicClient = newClient(newTransport(true, func(ip netip.Addr) bool { return f.private(ip) }, opts.Timeout))
	return f, nil
}

// Close releases the folder.
func (f *Fetcher) Close() error { return f.dir.close() }

// Feeds returns the feeds followed, with their names.
func (f *Fetcher) Feeds() []Feed { return append([]Feed(nil), f.feeds...) }

// Round polls every feed once, now, one after another, calling progress
// (when not nil) after each. Only a feed whose server asked to wait
// (Retry-After) is skipped until then. The returned results are in feed
// order.
func (f *Fetcher) Round(ctx context.Context, progress func(Result)) []Result {
	var out []Result
	for _, fd := range f.feeds {
		if ctx.Err() != nil {
			break
		}
		var r Result
		if wait := f.retryAfter(fd); wait > 0 {
			r = Result{Feed: fd.Name, URL: fd.URL, Err: fmt.Errorf("feeds: the server asked to wait; next try in %s", wait.Round(time.Second))}
		} else {
			r = f.poll(ctx, fd)
		}
		if progress != nil {
			progress(r)
		}
		out = append(out, r)
	}
	return out
}

// retryAfter is how long the feed's server asked to wait still.
func (f *Fetcher) retryAfter(fd Feed) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	fs := f.st.Feeds[fd.URL]
	if fs == nil || fs.LastError == "" || !strings.Contains(fs.LastError, "Retry-After") {
		return 0
	}
	return fs.Next.Sub(f.now())
}

// Run polls each feed on its schedule until ctx is done, each in its own
// goroutine, so that a slow or failing feed never holds up the others.
// changed (may be nil) is called after a poll that wrote release files.
func (f *Fetcher) Run(ctx context.Context, changed func()) {
	var wg sync.WaitGroup
	for _, fd := range f.feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				t := time.NewTimer(time.Until(f.due(fd)))
				select {
				case <-ctx.Done():
					t.Stop()
					return
				case <-t.C:
				}
				r := f.poll(ctx, fd)
				if ctx.Err() != nil {
					return
				}
				if r.New+r.Updated > 0 && changed != nil {
					changed()
				}
			}
		}()
	}
	wg.Wait()
}

// due is when fd is next polled: at once when it never was, else at the
// time its last poll set (interval, backoff or Retry-After).
func (f *Fetcher) due(fd Feed) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fs := f.st.Feeds[fd.URL]; fs != nil {
		return fs.Next
	}
	return time.Time{}
}

// interval is fd's poll interval: its own or the default, at least the
// minimum and at least the feed's <ttl> (up to a day).
func (f *Fetcher) interval(fd Feed, ttl int) time.Duration {
	iv := fd.Interval
	if iv <= 0 {
		iv = f.opts.Interval
	}
	iv = max(iv, f.opts.MinInterval)
	if t := min(time.Duration(ttl)*time.Minute, maxTTL); t > iv {
		iv = t
	}
	return iv
}

// feedState returns fd's state, creating it.
func (f *Fetcher) feedState(fd Feed) *feedState {
	fs := f.st.Feeds[fd.URL]
	if fs == nil {
		fs = &feedState{}
		f.st.Feeds[fd.URL] = fs
	}
	if fs.Items == nil {
		fs.Items = map[string]*itemState{}
	}
	return fs
}

// poll reads fd once and writes its new and changed items.
func (f *Fetcher) poll(ctx context.Context, fd Feed) Result {
	start := f.now()
	r := Result{Feed: fd.Name, URL: fd.URL}
	f.mu.Lock()
	fs := f.feedState(fd)
	prev := *fs
	f.mu.Unlock()

	retry, err := f.pollItems(ctx, fd, &prev, &r)
	r.Took = f.now().Sub(start)
	r.Err = err

	f.mu.Lock()
	prev.Polled = start
	iv := f.interval(fd, prev.TTL)
	if err == nil {
		prev.Succeeded, prev.Failures, prev.LastError = start, 0, ""
		prev.Next = start.Add(iv)
	} else {
		prev.Failures++
		prev.LastError = err.Error()
		wait := min(iv<<min(prev.Failures-1, 8), max(maxBackoff, iv))
		if retry > wait {
			wait = min(retry, 24*time.Hour)
			prev.LastError += fmt.Sprintf(" (Retry-After %s)", retry)
		}
		prev.Next = start.Add(wait)
	}
	*fs = prev
	serr := f.saveState()
	f.mu.Unlock()
	if serr != nil {
		f.log.Error("feeds: cannot save the feed state; the next poll reads every item again (nothing is written twice)", "err", serr)
	}

	if err != nil {
		f.log.Warn("feed poll failed; the other feeds go on", "feed", fd.Name, "url", fd.URL, "failures", prev.Failures,
			"next", prev.Next.Format(time.RFC3339), "err", err)
	} else {
		f.log.Info("feed polled", "feed", fd.Name, "new", r.New, "updated", r.Updated, "unchanged", r.Unchanged,
			"skipped", r.Skipped, "not_modified", r.NotModified, "took", r.Took.Round(time.Millisecond))
	}
	if f.opts.Observer != nil {
		f.opts.Observer.FeedPolled(fd.Name, err == nil, r.New, r.Updated, r.Skipped)
	}
	return r
}

// saveState writes the state file. f.mu must be held.
func (f *Fetcher) saveState() error {
	for _, fs := range f.st.Feeds {
		for k, is := range fs.Items {
			if f.now().Sub(is.Seen) > 90*24*time.Hour {
				delete(fs.Items, k) // the feed dropped it long ago; its file stays
			}
		}
	}
	b, err := json.MarshalIndent(f.st, "", "\t")
	if err != nil {
		return err
	}
	return f.dir.write(StateFile, b)
}

// request builds a GET of u with the bot's User-Agent.
func (f *Fetcher) request(ctx context.Context, u, accept string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", accept)
	return req, nil
}

// statusError turns an error status into an error wrapping ErrStatus,
// with the wait the server asked for (Retry-After), if any.
func statusError(resp *http.Response) (time.Duration, error) {
	var wait time.Duration
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil && s > 0 {
			wait = time.Duration(s) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			wait = time.Until(t)
		}
	}
	return wait, fmt.Errorf("%w: %s", ErrStatus, resp.Status)
}

// readLimited reads at most limit bytes of r; more is ErrTooLarge.
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("feeds: read %s: %w", what, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %d KiB", ErrTooLarge, what, limit>>10)
	}
	return b, nil
}

// pollItems fetches fd's feed document (conditionally) and handles its
// items, counting them in r. fs is updated in place (the caller stores
// it). It returns the wait the server asked for, if any.
func (f *Fetcher) pollItems(ctx context.Context, fd Feed, fs *feedState, r *Result) (time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	var remote netip.Addr
	rctx = httptrace.WithClientTrace(rctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if ap, err := netip.ParseAddrPort(info.Conn.RemoteAddr().String()); err == nil {
			remote = ap.Addr()
		}
	}})
	req, err := f.request(rctx, fd.URL, "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if err != nil {
		return 0, fmt.Errorf("feeds: %w", err)
	}
	if fs.ETag != "" {
		req.Header.Set("If-None-Match", fs.ETag)
	}
	if fs.LastModified != "" {
		req.Header.Set("If-Modified-Since", fs.LastModified)
	}
	resp, err := f.feedClient.Do(req)
	if err != nil {
		return 0, timeoutError(fmt.Errorf("feeds: fetch feed: %w", err), f.opts.Timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		r.NotModified = true
		for _, is := range fs.Items {
			if is.File != "" {
				r.Unchanged++
			}
		}
		return 0, nil
	}
	if resp.StatusCode != http.StatusOK {
		return statusError(resp)
	}
	body, err := readLimited(resp.Body, f.opts.MaxFeedBytes, "the feed")
	if err != nil {
		return 0, timeoutError(err, f.opts.Timeout)
	}
	cancel() // the document is read; items get their own deadlines
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	feed, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("feeds: the feed is not RSS, Atom or JSON Feed that can be read: %w", err)
	}
	if rf, ok := feed.OriginalFeed().(*rss.Feed); ok {
		fs.TTL, _ = strconv.Atoi(strings.TrimSpace(rf.TTL))
	}
	publisher := fd.Name
	if publisher == "" || publisher == req.URL.Hostname() {
		if t := oneLine(feed.Title); t != "" {
			publisher = t
		}
	}
	// Pages of a feed on a public address must be on public addresses
	// too; a feed inside the network may link inside it.
	publicOnly := !remote.IsValid() || !f.private(remote)
	backfill := fs.Succeeded.IsZero()
	base := resp.Request.URL // after redirects: relative links resolve against it

	sub := slug(fd.Name, 40)
	if sub == "" {
		sub = "feed"
	}
	files, err := f.dir.releases(sub)
	if err != nil {
		return 0, err
	}
	byHash := map[string]string{}
	for name := range files {
		if i := strings.LastIndexByte(name, '-'); i >= 0 {
			byHash[strings.TrimSuffix(name[i+1:], path.Ext(name))] = name
		}
	}
	transient := false
	seen := map[string]bool{}
	pages := 0
	for _, it := range feed.Items {
		if len(seen) >= f.opts.MaxItems || ctx.Err() != nil {
			break
		}
		if it == nil {
			continue
		}
		key := itemKey(it, base)
		if key == "" || seen[key] {
			continue // repeated in the feed, or nothing to know it by
		}
		seen[key] = true
		out, fetched, err := f.item(ctx, fd, fs, it, key, publisher, base, publicOnly, backfill, sub, byHash, pages)
		if fetched {
			pages++
		}
		switch {
		case err == errSkippedBefore:
			r.Skipped++ // logged when it was first skipped
		case err != nil:
			r.Skipped++
			perm := permanent(err)
			transient = transient || !perm
			f.log.Warn("feed item not written", "feed", fd.Name, "item", truncate(oneLine(it.Title), 120),
				"link", truncate(it.Link, 200), "retry", !perm, "err", err)
		case out == outNew:
			r.New++
		case out == outUpdated:
			r.Updated++
		default:
			r.Unchanged++
		}
	}
	if !transient {
		// Only now may the next poll ask "changed since?": an item that
		// failed for a passing reason is read again next time.
		fs.ETag, fs.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	} else {
		fs.ETag, fs.LastModified = "", ""
	}
	return 0, nil
}

// permanent reports item errors that trying again cannot fix until the
// item changes.
func permanent(err error) bool {
	return errors.Is(err, ErrScheme) || errors.Is(err, ErrPrivateAddress) || errors.Is(err, ErrTooLarge) ||
		errors.Is(err, ErrNotPage) || errors.Is(err, ErrNoArticle) ||
		errors.Is(err, ErrStatus) && (strings.Contains(err.Error(), " 404 ") || strings.Contains(err.Error(), " 410 "))
}

// itemKey identifies an item: its GUID, else its (resolved) link, else
// its title and date.
func itemKey(it *gofeed.Item, base *url.URL) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return "guid:" + g
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		if u, err := url.Parse(l); err == nil {
			return "link:" + base.ResolveReference(u).String()
		}
		return "link:" + l
	}
	if t := oneLine(it.Title); t != "" {
		return "title:" + t + "|" + it.Published
	}
	return ""
}

// hashKey is the short digest of a key that names its release file.
func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:6])
}

// fingerprint digests what an item says in the feed, to tell an edited
// item from one that has not changed without fetching its page.
func fingerprint(it *gofeed.Item) string {
	h := sha256.New()
	for _, s := range []string{it.Title, it.Link, it.Published, it.Updated, it.Description, it.Content} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

type outcome int

const (
	outUnchanged outcome = iota
	outNew
	outUpdated
)

// item handles one item: unless its entry in the feed is unchanged, it
// reads its page and writes its release file when that is new or
// different. fetched reports whether a page was requested.
func (f *Fetcher) item(ctx context.Context, fd Feed, fs *feedState, it *gofeed.Item, key, publisher string, base *url.URL,
	publicOnly, backfill bool, sub string, byHash map[string]string, pages int) (outcome, bool, error) {
	fp := fingerprint(it)
	now := f.now()
	is := fs.Items[key]
	hash := hashKey(key)
	name := byHash[hash]
	if is != nil && is.Fingerprint == fp && (is.File == "" || name == is.File) {
		is.Seen = now
		if is.File == "" {
			return outUnchanged, false, errSkippedBefore
		}
		return outUnchanged, false, nil
	}
	published := itemTime(it)
	title := oneLine(it.Title)
	rel := Release{Title: title, Publisher: publisher, Published: published}
	var fetched bool
	var err error
	rel.URL, rel.Text, fetched, err = f.article(ctx, it, base, publicOnly, title, !published.IsZero(), pages)
	if err != nil {
		if permanent(err) {
			// known and skipped until the item changes
			fs.Items[key] = &itemState{Fingerprint: fp, Seen: now}
		}
		return outUnchanged, fetched, err
	}
	if rel.Title == "" {
		rel.Title = firstWords(rel.Text, 12)
	}
	if name == "" {
		name = path.Join(sub, fileName(published, rel.Title, hash))
	}
	data := rel.File()
	old, err := f.dir.read(name)
	if err != nil {
		return outUnchanged, fetched, fmt.Errorf("feeds: read %s: %w", name, err)
	}
	out := outUpdated
	switch {
	case bytes.Equal(old, data):
		out = outUnchanged
	case old == nil:
		out = outNew
		if f.opts.OnNew != nil && !backfill {
			if err := f.opts.OnNew(ctx, Item{Feed: fd.Name, Key: key, File: name, Title: rel.Title, URL: rel.URL, Published: published}); err != nil {
				return outUnchanged, fetched, fmt.Errorf("feeds: record new item: %w", err)
			}
		}
	}
	if out != outUnchanged {
		if err := f.dir.write(name, data); err != nil {
			return outUnchanged, fetched, err
		}
	}
	fs.Items[key] = &itemState{File: name, Fingerprint: fp, Seen: now}
	byHash[hash] = name
	return out, fetched, nil
}

// errSkippedBefore marks an item skipped at an earlier poll for a reason
// that lasts until it changes; it is counted as skipped, not logged
// again.
var errSkippedBefore = fmt.Errorf("%w (as before)", ErrNoArticle)

// itemTime is an item's publication time, else its update time.
func itemTime(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return *it.PublishedParsed
	case it.UpdatedParsed != nil:
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// fileName is "YYYY-MM-DD-title-words-HASH.txt" (the date when known).
func fileName(published time.Time, title, hash string) string {
	parts := []string{}
	if !published.IsZero() {
		parts = append(parts, published.UTC().Format("2006-01-02"))
	}
	if s := slug(title, 60); s != "" {
		parts = append(parts, s)
	}
	parts = append(parts, hash)
	return strings.Join(parts, "-") + ".txt"
}

// article reads an item's text: from the page its link leads to, else
// from the item's own content. It returns the link to cite.
func (f *Fetcher) article(ctx context.Context, it *gofeed.Item, base *url.URL, publicOnly bool, title string, dated bool,
	pages int) (link, text string, fetched bool, err error) {
	raw := strings.TrimSpace(it.Link)
	if raw == "" && len(it.Links) > 0 {
		raw = strings.TrimSpace(it.Links[0])
	}
	if raw == "" {
		content := it.Content
		if content == "" {
			content = it.Description
		}
		if int64(len(content)) > f.opts.MaxItemBytes {
			return "", "", false, fmt.Errorf("%w: the item's content is larger than %d KiB", ErrTooLarge, f.opts.MaxItemBytes>>10)
		}
		text, err := ArticleText([]byte(content), base, title, dated)
		return "", text, false, err
	}
	u, err := checkLink(raw, base, publicOnly, f.private)
	if err != nil {
		return "", "", false, err
	}
	if pages > 0 && f.pageGap > 0 {
		select {
		case <-ctx.Done():
			return "", "", false, ctx.Err()
		case <-time.After(f.pageGap):
		}
	}
	page, final, plain, err := f.page(ctx, u, publicOnly)
	if err != nil {
		return "", "", true, err
	}
	if plain {
		text = cleanArticle(string(page), title, dated)
		if text == "" {
			err = ErrNoArticle
		}
	} else {
		text, err = ArticleText(page, final, title, dated)
	}
	return u.String(), text, true, err
}

// page fetches a web page, converted to UTF-8, the URL it ended at, and
// whether it is plain text rather than HTML.
func (f *Fetcher) page(ctx context.Context, u *url.URL, publicOnly bool) ([]byte, *url.URL, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := f.request(ctx, u.String(), "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5")
	if err != nil {
		return nil, nil, false, fmt.Errorf("feeds: %w", err)
	}
	client := f.feedClient
	if publicOnly {
		client = f.publicClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var oe *net.OpError
		if errors.Is(err, ErrPrivateAddress) || errors.As(err, &oe) && errors.Is(oe.Err, ErrPrivateAddress) {
			return nil, nil, false, fmt.Errorf("%w: %s", ErrPrivateAddress, redact(u))
		}
		if errors.Is(err, ErrScheme) {
			return nil, nil, false, fmt.Errorf("fetch page: %w", err)
		}
		return nil, nil, false, timeoutError(fmt.Errorf("feeds: fetch page %s: %w", redact(u), err), f.opts.Timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, err := statusError(resp)
		return nil, nil, false, fmt.Errorf("page %s: %w", redact(u), err)
	}
	if resp.ContentLength > f.opts.MaxItemBytes {
		return nil, nil, false, fmt.Errorf("%w: the page is %d KiB, more than %d KiB", ErrTooLarge, resp.ContentLength>>10, f.opts.MaxItemBytes>>10)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && (err != nil || !strings.Contains(mt, "html") && mt != "text/plain") {
		return nil, nil, false, fmt.Errorf("%w: %s is %s", ErrNotPage, redact(u), mt)
	}
	body, err := readLimited(resp.Body, f.opts.MaxItemBytes, "the page")
	if err != nil {
		return nil, nil, false, timeoutError(err, f.opts.Timeout)
	}
	if r, err := charset.NewReader(bytes.NewReader(body), ct); err == nil {
		if b, err := io.ReadAll(r); err == nil {
			body = b
		}
	}
	mt, _, _ := mime.ParseMediaType(ct)
	return body, resp.Request.URL, mt == "text/plain", nil
}

// firstWords is the start of text, for an item without a title.
func firstWords(text string, n int) string {
	w := strings.Fields(text)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}

// truncate cuts s to at most n bytes, at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// Status is one feed's state, for health checks and status lines.
type Status struct {
	// Feed is the feed's name; URL its address.
	Feed, URL string
	// OK is set when the last poll succeeded (or none was made yet).
	OK bool
	// Polled is when it was last polled, Succeeded when last with
	// success; zero when never.
	Polled, Succeeded time.Time
	// Failures is how many polls failed in a row; LastError the last
	// one's error.
	Failures  int
	LastError string
	// Next is when it is polled next.
	Next time.Time
}

// Status returns every feed's state, in feed order.
func (f *Fetcher) Status() []Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Status, 0, len(f.feeds))
	for _, fd := range f.feeds {
		st := Status{Feed: fd.Name, URL: fd.URL, OK: true}
		if fs := f.st.Feeds[fd.URL]; fs != nil {
			st.OK = fs.Failures == 0
			st.Polled, st.Succeeded, st.Failures, st.LastError, st.Next = fs.Polled, fs.Succeeded, fs.Failures, fs.LastError, fs.Next
		}
		out = append(out, st)
	}
	return out
}
