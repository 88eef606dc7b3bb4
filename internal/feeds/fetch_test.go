package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"liaison/internal/feedtest"
	"liaison/knowledge"
)

// logBuffer collects log output safely.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const testUA = "Liaison/test (press release feed reader)"

// rig is a feed server and a fetcher writing to a temporary folder.
type rig struct {
	t    *testing.T
	srv  *feedtest.Server
	dir  string
	logs *logBuffer
}

func newRig(t *testing.T) *rig {
	t.Helper()
	srv, err := feedtest.Start("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &rig{t: t, srv: srv, dir: t.TempDir(), logs: &logBuffer{}}
}

// fetcher returns a fetcher of the feeds at paths, with short limits.
func (r *rig) fetcher(opts Options, paths ...string) *Fetcher {
	r.t.Helper()
	var fds []Feed
	for _, p := range paths {
		name := strings.Trim(p, "/")
		if name == "atom" {
			name = "" // named by its host; published under its own title
		}
		fds = append(fds, Feed{URL: r.srv.URL + p, Name: name})
	}
	opts.Dir = r.dir
	opts.UserAgent = testUA
	opts.Log = slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Second
	}
	f, err := New(fds, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	f.pageGap = 0
	r.t.Cleanup(func() { f.Close() })
	return f
}

// files lists the release files written, with their contents.
func (r *rig) files() map[string]string {
	r.t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(r.dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return out
}

// releases returns the release files only (no state file).
func (r *rig) releases() map[string]string {
	out := r.files()
	delete(out, StateFile)
	return out
}

var (
	rssNames  = []string{"000_4ee1fc371f5efdf3", "018_finland-sweden-police-agreement-tornio-2021", "021_interior-ministers-external-border-riga-2024"}
	atomNames = []string{"005_finland-russia-police-group-petrozavodsk-2019", "123_joint-statement-vilnius-regional-security-2023", "129_fcs-poland-customs-green-channel-warsaw-2012"}
)

func base() time.Time { return time.Date(2024, 5, 20, 12, 0, 0, 0, time.UTC) }

func (r *rig) standardFeeds() (rss, atom []feedtest.Item) {
	rss = r.srv.ReleaseItems("/pages/", base(), rssNames...)
	atom = r.srv.ReleaseItems("/pages/", base(), atomNames...)
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior: press releases", Items: rss})
	r.srv.SetFeed("/atom", feedtest.Feed{Format: feedtest.Atom, Title: "Agency news", Items: atom})
	return rss, atom
}

var fileNameRe = regexp.MustCompile(`^(rss|127-0-0-1)/(\d{4}-\d{2}-\d{2}-)?[a-z0-9-]+-[0-9a-f]{12}\.txt$`)

// TestRoundWritesReleases reads an RSS and an Atom feed of real release
// pages: each item becomes a release file the loader reads with its
// title, publisher, date and link, holding the article's text and none
// of the page's furniture; every request names the bot.
func TestRoundWritesReleases(t *testing.T) {
	r := newRig(t)
	rss, atom := r.standardFeeds()
	f := r.fetcher(Options{}, "/rss", "/atom")
	res := f.Round(context.Background(), nil)
	for _, x := range res {
		if x.Err != nil || x.New != 3 || x.Skipped != 0 {
			t.Fatalf("%s: %+v\n%s", x.Feed, x, r.logs)
		}
	}
	files := r.releases()
	if len(files) != 6 {
		t.Fatalf("%d files written: %v", len(files), keys(files))
	}
	for name := range files {
		if !fileNameRe.MatchString(name) {
			t.Errorf("file name %q", name)
		}
	}
	b, warns, err := knowledge.LoadDir(context.Background(), r.dir)
	if err != nil || len(warns) > 0 {
		t.Fatalf("load: %v %v", err, warns)
	}
	items := map[string]feedtest.Item{}
	names := map[string]string{}
	for i, it := range append(append([]feedtest.Item{}, rss...), atom...) {
		items[it.Link] = it
		names[it.Link] = append(append([]string{}, rssNames...), atomNames...)[i]
	}
	for _, d := range b.Docs {
		it, ok := items[d.URL]
		if !ok {
			t.Errorf("%s: URL %q is no item's link", d.File, d.URL)
			continue
		}
		if d.Title != strings.TrimRight(it.Title, ". ") || d.Date.ISO() != it.Published.Format("2006-01-02") {
			t.Errorf("%s: title %q date %q, want %q %q", d.File, d.Title, d.Date.ISO(), it.Title, it.Published.Format("2006-01-02"))
		}
		wantPub := "rss" // the feed's name
		if strings.HasPrefix(d.File, "127-0-0-1/") {
			wantPub = "Agency news" // an unnamed feed's title
		}
		if d.Publisher != wantPub {
			t.Errorf("%s: publisher %q, want %q", d.File, d.Publisher, wantPub)
		}
		file := files[d.File]
		for _, l := range strings.Split(feedtest.Text(names[d.URL]), "\n") {
			l = strings.TrimLeft(strings.TrimSpace(l), "•- ")
			if len(strings.Fields(l)) >= 8 && !strings.Contains(oneLine(file), oneLine(l)) {
				t.Errorf("%s: the release's line %q is missing", d.File, l)
			}
		}
		for _, chrome := range []string{"Latest press releases", "Share on", "cookies", "Recent Posts", "Leave a Reply", "gtag", "dataLayer", "Accessibility statement"} {
			if strings.Contains(file, chrome) {
				t.Errorf("%s: page furniture %q in the release:\n%s", d.File, chrome, file)
			}
		}
	}
	for _, q := range r.srv.Requests() {
		if q.UserAgent != testUA {
			t.Errorf("request %s with User-Agent %q", q.Path, q.UserAgent)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestSecondRoundWritesNothing: a second round asks with the feeds'
// validators and gets 304; a server without validators gets the same
// items back, which are known by their fingerprints: no page is fetched
// and no file is touched either way.
func TestSecondRoundWritesNothing(t *testing.T) {
	r := newRig(t)
	r.standardFeeds()
	r.srv.NoValidators("/atom")
	f := r.fetcher(Options{}, "/rss", "/atom")
	f.Round(context.Background(), nil)
	before := r.files()
	stamps := modTimes(t, r.dir)
	n := len(r.srv.Requests())
	time.Sleep(20 * time.Millisecond)
	res := f.Round(context.Background(), nil)
	if !res[0].NotModified || res[0].Unchanged != 3 || res[1].NotModified || res[1].Unchanged != 3 || res[1].New+res[1].Updated != 0 {
		t.Errorf("second round: %+v", res)
	}
	again := r.srv.Requests()[n:]
	if len(again) != 2 {
		t.Errorf("second round made %d requests, want the two feeds only: %+v", len(again), again)
	}
	for _, q := range again {
		if q.Path == "/rss" && (q.IfNoneMatch == "" || q.IfModifiedSince == "" || q.Status != http.StatusNotModified) {
			t.Errorf("not a conditional request answered 304: %+v", q)
		}
	}
	after := r.files()
	delete(before, StateFile)
	delete(after, StateFile)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Error("files changed")
	}
	for p, m := range modTimes(t, r.dir) {
		if p != StateFile && !m.Equal(stamps[p]) {
			t.Errorf("%s was written again", p)
		}
	}
}

func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = info.ModTime()
		}
		return nil
	})
	return out
}

// TestEditedReorderedRepeated: an edited item rewrites its release file
// (same file, new text); a feed that reorders its items and lists one
// twice adds nothing.
func TestEditedReorderedRepeated(t *testing.T) {
	r := newRig(t)
	rss, _ := r.standardFeeds()
	f := r.fetcher(Options{}, "/rss")
	f.Round(context.Background(), nil)
	first := r.releases()

	// reordered, one repeated
	re := []feedtest.Item{rss[2], rss[0], rss[1], rss[0]}
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior: press releases", Items: re})
	res := f.Round(context.Background(), nil)[0]
	if res.New != 0 || res.Updated != 0 || res.Unchanged != 3 || res.Err != nil {
		t.Errorf("reordered and repeated: %+v", res)
	}
	if fmt.Sprint(r.releases()) != fmt.Sprint(first) {
		t.Error("reordering changed the files")
	}

	// edited: new title and a corrected sentence on the page
	edited := rss[1]
	edited.Title = "Agreement between Finland and Sweden to step up police cooperation in the border area (corrected)"
	page := bytes.Replace(feedtest.Page(rssNames[1]), []byte("Tornio"), []byte("Haparanda-Tornio"), 1)
	r.srv.SetPage("/pages/"+rssNames[1]+".html", page, "")
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior: press releases", Items: []feedtest.Item{rss[0], edited, rss[2]}})
	res = f.Round(context.Background(), nil)[0]
	if res.New != 0 || res.Updated != 1 || res.Unchanged != 2 {
		t.Errorf("edited: %+v\n%s", res, r.logs)
	}
	now := r.releases()
	if len(now) != 3 {
		t.Fatalf("%d files after the edit: %v", len(now), keys(now))
	}
	changed := 0
	for name, text := range now {
		if first[name] == "" {
			t.Errorf("new file %s", name)
		}
		if text != first[name] {
			changed++
			if !strings.HasPrefix(text, "Agreement between Finland and Sweden to step up police cooperation in the border area (corrected)\n") || !strings.Contains(text, "Haparanda-Tornio") {
				t.Errorf("%s not updated:\n%s", name, text)
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d files changed, want 1", changed)
	}
}

// TestFailingFeedsStayApart: a broken feed, one that answers too slowly,
// one that never ends and one answering 503 with Retry-After each fail
// with a clear log line and a later next poll, write nothing, and never
// stop the good feed.
func TestFailingFeedsStayApart(t *testing.T) {
	r := newRig(t)
	r.standardFeeds()
	r.srv.Handle("/broken", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Unclosed <b>item</title><link>http://x</link></chan`)
	})
	r.srv.Handle("/html", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><p>This is a web page, not a feed.</p></body></html>`)
	})
	r.srv.Handle("/slow", func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-req.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	r.srv.Handle("/endless", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>`)
		chunk := []byte(strings.Repeat("<item><title>again</title><link>http://127.0.0.1/a</link></item>", 200))
		for req.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	r.srv.Handle("/busy", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	f := r.fetcher(Options{Timeout: 700 * time.Millisecond, MaxFeedBytes: 1 << 20, Interval: time.Minute, MinInterval: time.Minute},
		"/broken", "/html", "/slow", "/endless", "/busy", "/rss")
	start := time.Now()
	res := f.Round(context.Background(), nil)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the round took %s", took)
	}
	wantErr := map[string]string{
		"broken":  "not RSS, Atom or JSON Feed",
		"html":    "not RSS, Atom or JSON Feed",
		"slow":    "took longer than the time allowed (700ms)",
		"endless": "larger than the size limit",
		"busy":    "503",
	}
	for _, x := range res {
		x.Feed = strings.TrimPrefix(x.URL, r.srv.URL+"/")
		if x.Feed == "rss" {
			if x.Err != nil || x.New != 3 {
				t.Errorf("the good feed: %+v", x)
			}
			continue
		}
		if x.Err == nil || !strings.Contains(x.Err.Error(), wantErr[x.Feed]) {
			t.Errorf("%s: err %v, want %q", x.Feed, x.Err, wantErr[x.Feed])
		}
		if !strings.Contains(r.logs.String(), "url="+x.URL) {
			t.Errorf("no log line for %s", x.Feed)
		}
	}
	if n := len(r.releases()); n != 3 {
		t.Errorf("%d files written, want the good feed's 3", n)
	}
	if strings.Count(r.logs.String(), "feed poll failed") != 5 {
		t.Errorf("want 5 failure lines:\n%s", r.logs)
	}
	st := map[string]Status{}
	for _, s := range f.Status() {
		st[s.Feed] = s
	}
	if s := st["busy"]; s.OK || s.Next.Sub(s.Polled) < 59*time.Minute {
		t.Errorf("Retry-After not honoured: %+v", s)
	}
	if s := st["broken"]; s.OK || s.Failures != 1 || s.Next.Sub(s.Polled) != time.Minute {
		t.Errorf("broken: %+v", s)
	}
	if !st["rss"].OK {
		t.Errorf("rss: %+v", st["rss"])
	}
	// the server asked to wait: the next round leaves it alone
	n := r.srv.Hits("/busy")
	f.Round(context.Background(), nil)
	if r.srv.Hits("/busy") != n {
		t.Error("polled again before Retry-After")
	}
	// backoff doubles with each failure in a row
	f.Round(context.Background(), nil)
	for _, s := range f.Status() {
		if s.Feed == "broken" && (s.Failures != 3 || s.Next.Sub(s.Polled) != 4*time.Minute) {
			t.Errorf("backoff after 3 failures: %+v", s)
		}
	}
}

// TestHostileItems: items whose link is not http(s), whose page is huge
// (declared or not), is not a web page, is all script, or leads to a
// private address from a feed on a public one are skipped with a log
// line and nothing written; scripts in a good page never reach its text.
func TestHostileItems(t *testing.T) {
	r := newRig(t)
	inside, err := feedtest.Start("127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	defer inside.Close()
	inside.SetPage("/secret.html", feedtest.Page(rssNames[0]), "")

	big := bytes.Repeat([]byte("<p>Ministers met again and again in Helsinki to discuss the border.</p>\n"), 50<<20/70)
	r.srv.Handle("/big-declared.html", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		w.Write(big)
	})
	r.srv.Handle("/big-chunked.html", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(big); i += 1 << 20 {
			if _, err := w.Write(big[i:min(i+1<<20, len(big))]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	r.srv.SetPage("/report.pdf", []byte("%PDF-1.4 not a page"), "application/pdf")
	r.srv.SetPage("/scripts.html", []byte(`<html><head><script>document.write("Kolokoltsev met Orpo in Vantaa on Tuesday to sign a treaty.")</script></head>
<body><script>var s = "The ministers agreed to close the border."; fetch("/track?"+s)</script><noscript>Enable JavaScript to read the minutes of the meeting.</noscript></body></html>`), "")
	withScript := strings.Replace(string(feedtest.Page(rssNames[1])), "</h1>",
		`</h1><script>var note = "Kolokoltsev met Orpo in Vantaa on Tuesday to sign a treaty.";</script><img src=x onerror="alert('The ministers agreed to close the border.')">`, 1)
	r.srv.SetPage("/with-script.html", []byte(withScript), "")
	r.srv.SetPage("/redirect", nil, "")
	r.srv.Handle("/to-inside", func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, inside.URL+"/secret.html", http.StatusFound)
	})
	r.srv.Handle("/to-file", func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, "file:///etc/passwd", http.StatusFound)
	})
	items := []feedtest.Item{
		{GUID: "js", Title: "Script link", Link: "javascript:alert(document.cookie)"},
		{GUID: "file", Title: "File link", Link: "file:///etc/passwd"},
		{GUID: "ftp", Title: "FTP link", Link: "ftp://ministry.example/release.txt"},
		{GUID: "big1", Title: "Huge page", Link: r.srv.URL + "/big-declared.html"},
		{GUID: "big2", Title: "Huge page without length", Link: r.srv.URL + "/big-chunked.html"},
		{GUID: "pdf", Title: "A PDF", Link: r.srv.URL + "/report.pdf"},
		{GUID: "scripts", Title: "Only scripts", Link: r.srv.URL + "/scripts.html"},
		{GUID: "inside", Title: "Inside the network", Link: inside.URL + "/secret.html"},
		{GUID: "ten", Title: "Private literal", Link: "http://10.255.255.1/secret.html"},
		{GUID: "redir", Title: "Redirect inside", Link: r.srv.URL + "/to-inside"},
		{GUID: "redir-file", Title: "Redirect to a file", Link: r.srv.URL + "/to-file"},
		{GUID: "good", Title: "Agreement between Finland and Sweden to step up police cooperation in the border area", Link: r.srv.URL + "/with-script.html", Published: base()},
	}
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Public ministry", Items: items})
	f := r.fetcher(Options{MaxItemBytes: 2 << 20}, "/rss")
	// the feed's server counts as public, 127.0.0.2 as private
	f.private = func(ip netip.Addr) bool {
		return ip == netip.MustParseAddr("127.0.0.2") || privateAddr(ip) && !ip.IsLoopback()
	}
	start := time.Now()
	res := f.Round(context.Background(), nil)[0]
	if time.Since(start) > 8*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if res.Err != nil || res.New != 1 || res.Skipped != len(items)-1 {
		t.Fatalf("%+v\n%s", res, r.logs)
	}
	if n := inside.Hits("/secret.html"); n != 0 {
		t.Errorf("the private server was reached %d times", n)
	}
	logs := r.logs.String()
	for guid, want := range map[string]string{
		"Script link": "not an http or https address", "File link": "not an http or https address", "FTP link": "not an http or https address",
		"Huge page": "larger than", "Huge page without length": "larger than", "A PDF": "not a web page", "Only scripts": "no article text",
		"Inside the network": "private address", "Private literal": "private address", "Redirect inside": "private address",
		"Redirect to a file": "not an http or https address",
	} {
		found := false
		for _, l := range strings.Split(logs, "\n") {
			if strings.Contains(l, `item="`+guid+`"`) && strings.Contains(l, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no log line for %q saying %q:\n%s", guid, want, logs)
		}
	}
	files := r.releases()
	if len(files) != 1 {
		t.Fatalf("files: %v", keys(files))
	}
	for _, text := range files {
		for _, bad := range []string{"Kolokoltsev met Orpo", "close the border", "JavaScript", "alert", "<"} {
			if strings.Contains(text, bad) {
				t.Errorf("script text %q in the release:\n%s", bad, text)
			}
		}
	}
	// skipped items are not fetched or logged again while unchanged
	n := len(r.srv.Requests())
	lines := strings.Count(r.logs.String(), "feed item not written")
	r.srv.NoValidators("/rss")
	res = f.Round(context.Background(), nil)[0]
	if got := len(r.srv.Requests()) - n; got != 1 {
		t.Errorf("second round made %d requests, want 1 (the feed)", got)
	}
	if strings.Count(r.logs.String(), "feed item not written") != lines {
		t.Error("skipped items logged again")
	}
	if res.Skipped != len(items)-1 || res.Unchanged != 1 {
		t.Errorf("second round %+v", res)
	}
}

// TestCheckLink covers the link rules without any network.
func TestCheckLink(t *testing.T) {
	base, _ := url.Parse("https://ministry.example/news/")
	for _, tt := range []struct {
		link       string
		publicOnly bool
		want       error
		wantURL    string
	}{
		{"https://ministry.example/a", true, nil, "https://ministry.example/a"},
		{"/en/release-1", true, nil, "https://ministry.example/en/release-1"},
		{"release-2", true, nil, "https://ministry.example/news/release-2"},
		{"http://10.1.2.3/x", true, ErrPrivateAddress, ""},
		{"http://10.1.2.3/x", false, nil, "http://10.1.2.3/x"},
		{"http://[::1]:8080/x", true, ErrPrivateAddress, ""},
		{"http://169.254.169.254/latest/meta-data", true, ErrPrivateAddress, ""},
		{"http://[::ffff:192.168.0.1]/", true, ErrPrivateAddress, ""},
		{"http://100.64.0.1/", true, ErrPrivateAddress, ""},
		{"http://0.0.0.0/", true, ErrPrivateAddress, ""},
		{"javascript:alert(1)", false, ErrScheme, ""},
		{"mailto:press@ministry.example", false, ErrScheme, ""},
		{"data:text/html,<p>x</p>", false, ErrScheme, ""},
		{"https://user:pw@ministry.example/", false, ErrScheme, ""},
	} {
		u, err := checkLink(tt.link, base, tt.publicOnly, privateAddr)
		if !errors.Is(err, tt.want) || err == nil && u.String() != tt.wantURL {
			t.Errorf("checkLink(%q, %v) = %v, %v; want %q, %v", tt.link, tt.publicOnly, u, err, tt.wantURL, tt.want)
		}
	}
	for ip, want := range map[string]bool{"8.8.8.8": false, "2a00:1450::1": false, "127.0.0.1": true, "10.0.0.1": true,
		"172.16.5.4": true, "192.168.1.1": true, "fd00::1": true, "fe80::1": true, "224.0.0.1": true} {
		if privateAddr(netip.MustParseAddr(ip)) != want {
			t.Errorf("privateAddr(%s) != %v", ip, want)
		}
	}
}

// TestOnNew: the items of a feed's first poll fill the folder without
// being announced; a later new item is announced before its file exists,
// and an announcement that fails leaves the item for the next poll.
func TestOnNew(t *testing.T) {
	r := newRig(t)
	rss, _ := r.standardFeeds()
	var mu sync.Mutex
	var got []Item
	fail := true
	f := r.fetcher(Options{OnNew: func(_ context.Context, it Item) error {
		mu.Lock()
		defer mu.Unlock()
		if _, err := os.Stat(filepath.Join(r.dir, it.File)); err == nil {
			t.Errorf("%s exists before OnNew", it.File)
		}
		got = append(got, it)
		if fail {
			return errors.New("store down")
		}
		return nil
	}}, "/rss")
	f.Round(context.Background(), nil)
	if len(got) != 0 {
		t.Fatalf("first poll announced %v", got)
	}
	more := r.srv.ReleaseItems("/pages/", base(), "030_finnish-ambassador-informs-russia-border-closure-2023")
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry", Items: append(more, rss...)})
	res := f.Round(context.Background(), nil)[0]
	if res.New != 0 || res.Skipped != 1 || len(got) != 1 || len(r.releases()) != 3 {
		t.Fatalf("failing OnNew: %+v, %d calls, %d files", res, len(got), len(r.releases()))
	}
	fail = false
	res = f.Round(context.Background(), nil)[0]
	if res.New != 1 || len(got) != 2 || len(r.releases()) != 4 {
		t.Fatalf("OnNew: %+v, %d calls, %d files", res, len(got), len(r.releases()))
	}
	it := got[1]
	if it.Key != "guid:release-030_finnish-ambassador-informs-russia-border-closure-2023" || it.URL != more[0].Link || !strings.HasPrefix(it.File, "rss/") || it.Feed != "rss" {
		t.Errorf("item %+v", it)
	}
	if _, err := os.Stat(filepath.Join(r.dir, it.File)); err != nil {
		t.Error(err)
	}
}

// TestWritesStayInside: a feed's subfolder that is a symbolic link to a
// folder outside is not written through, and no temporary file is left.
func TestWritesStayInside(t *testing.T) {
	r := newRig(t)
	r.standardFeeds()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(r.dir, "rss")); err != nil {
		t.Fatal(err)
	}
	f := r.fetcher(Options{}, "/rss", "/atom")
	res := f.Round(context.Background(), nil)
	if res[0].Err == nil && res[0].New != 0 {
		t.Errorf("wrote through the link: %+v", res[0])
	}
	if res[1].New != 3 {
		t.Errorf("the other feed: %+v", res[1])
	}
	ents, _ := os.ReadDir(outside)
	if len(ents) != 0 {
		t.Errorf("written outside: %v", ents)
	}
	for name := range r.files() {
		if strings.Contains(name, ".tmp-") {
			t.Errorf("temporary file left: %s", name)
		}
	}
}

// TestRunPollsOnSchedule: Run polls each feed at its interval, calls
// changed after a poll that wrote, and resumes a restarted feed's
// schedule instead of polling at once.
func TestRunPollsOnSchedule(t *testing.T) {
	r := newRig(t)
	rss, _ := r.standardFeeds()
	f := r.fetcher(Options{Interval: 150 * time.Millisecond, MinInterval: 150 * time.Millisecond}, "/rss")
	ctx, cancel := context.WithCancel(context.Background())
	changed := make(chan struct{}, 10)
	done := make(chan struct{})
	go func() { f.Run(ctx, func() { changed <- struct{}{} }); close(done) }()
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("first poll did not write")
	}
	more := r.srv.ReleaseItems("/pages/", base(), "030_finnish-ambassador-informs-russia-border-closure-2023")
	r.srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry", Items: append(more, rss...)})
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("the new item was not picked up")
	}
	time.Sleep(400 * time.Millisecond)
	cancel()
	<-done
	polls := r.srv.Hits("/rss")
	if polls < 3 || polls > 8 {
		t.Errorf("%d polls in about 0.7 s at a 150 ms interval", polls)
	}
	// a fetcher over the same folder (a restart) waits out the interval
	f.Close()
	f1 := r.fetcher(Options{Interval: time.Hour, MinInterval: time.Hour}, "/rss")
	f1.Round(context.Background(), nil)
	f1.Close()
	f2 := r.fetcher(Options{Interval: time.Hour, MinInterval: time.Hour}, "/rss")
	if d := time.Until(f2.due(f2.feeds[0])); d < 59*time.Minute {
		t.Errorf("restarted fetcher would poll in %s", d)
	}
}
