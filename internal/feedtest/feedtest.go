// Package feedtest is a feed server for tests: RSS 2.0 and Atom feeds of
// press releases on 127.0.0.1, with conditional requests (ETag and
// Last-Modified answered with 304), the release pages the items link to,
// and room for hostile handlers (slow, never-ending, huge, broken). Its
// pages are real releases of the shared corpora laid out as five kinds of
// ministry and news sites (pages/, made by tools/pagecompare), each with
// the release's text beside it.
package feedtest

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

//go:embed pages
var pagesFS embed.FS

// PageInfo describes one fixture page.
type PageInfo struct {
	// Name is the page's name: NAME.html in pages/, NAME.txt its text.
	Name string
	// Title and Date (YYYY-MM-DD or "") are the release's.
	Title, Date string
}

// Pages lists the fixture pages, in name order.
func Pages() []PageInfo {
	raw, err := pagesFS.ReadFile("pages/PAGES.tsv")
	if err != nil {
		panic(err)
	}
	var out []PageInfo
	for _, l := range strings.Split(string(raw), "\n")[1:] {
		if cols := strings.Split(l, "\t"); len(cols) >= 5 {
			out = append(out, PageInfo{Name: cols[0], Date: cols[3], Title: cols[4]})
		}
	}
	return out
}

// Page returns the HTML of the fixture page name.
func Page(name string) []byte { return mustRead("pages/" + name + ".html") }

// Text returns the release text of the fixture page name (its body, the
// headline not included), the truth an extraction is measured against.
func Text(name string) string { return string(mustRead("pages/" + name + ".txt")) }

func mustRead(name string) []byte {
	b, err := fs.ReadFile(pagesFS, name)
	if err != nil {
		panic(err)
	}
	return b
}

// Item is one entry of a feed.
type Item struct {
	// GUID identifies the item ("" leaves it out: the link identifies it).
	GUID string
	// Title, Link and Description are the item's.
	Title, Link, Description string
	// Published is its date (zero leaves it out).
	Published time.Time
}

// Format is RSS or Atom.
type Format int

// The feed formats the server writes.
const (
	RSS Format = iota
	Atom
)

// Feed is a feed document to serve.
type Feed struct {
	Format Format
	Title  string
	Items  []Item
	// TTL is RSS's <ttl> in minutes (0 leaves it out).
	TTL int
}

// Request is one request the server received.
type Request struct {
	Path, UserAgent, IfNoneMatch, IfModifiedSince string
	// Status is what the server answered.
	Status int
	At     time.Time
}

// Server is a running feed server. Create it with Start.
type Server struct {
	// URL is http://127.0.0.1:PORT.
	URL string

	srv *http.Server
	ln  net.Listener

	mu       sync.Mutex
	feeds    map[string]*served
	pages    map[string]page
	handlers map[string]http.HandlerFunc
	requests []Request
}

type served struct {
	body     []byte
	etag     string
	modified time.Time
	ctype    string
	noCache  bool // serve without validators
}

type page struct {
	body  []byte
	ctype string
}

// Start starts a server on 127.0.0.1 (or addr, such as "127.0.0.2:0").
// Close stops it.
func Start(addr string) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), ln: ln, feeds: map[string]*served{}, pages: map[string]page{},
		handlers: map[string]http.HandlerFunc{}}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server, cutting open connections.
func (s *Server) Close() { s.srv.Close() }

// SetFeed serves f at path (such as "/rss"), with an ETag and
// Last-Modified that change when the document does.
func (s *Server) SetFeed(path string, f Feed) {
	body := render(f)
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.feeds[path]
	sum := sha256.Sum256(body)
	sv := &served{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, modified: time.Now().UTC().Truncate(time.Second),
		ctype: "application/rss+xml; charset=utf-8"}
	if f.Format == Atom {
		sv.ctype = "application/atom+xml; charset=utf-8"
	}
	if old != nil && bytes.Equal(old.body, body) {
		sv.modified = old.modified
	} else if old != nil && !sv.modified.After(old.modified) {
		sv.modified = old.modified.Add(time.Second)
	}
	if old != nil {
		sv.noCache = old.noCache
	}
	s.feeds[path] = sv
}

// NoValidators makes the feed at path be served without ETag and
// Last-Modified, as some servers do (set it after SetFeed).
func (s *Server) NoValidators(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.feeds[path]; f != nil {
		f.noCache = true
	}
}

// SetPage serves body at path with the content type ctype ("" for
// text/html).
func (s *Server) SetPage(path string, body []byte, ctype string) {
	if ctype == "" {
		ctype = "text/html; charset=utf-8"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = page{body: body, ctype: ctype}
}

// Handle serves path with h (hostile and odd servers).
func (s *Server) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[path] = h
}

// Requests returns every request so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Hits counts the requests for path.
func (s *Server) Hits(path string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rec := Request{Path: r.URL.Path, UserAgent: r.UserAgent(), IfNoneMatch: r.Header.Get("If-None-Match"),
		IfModifiedSince: r.Header.Get("If-Modified-Since"), At: time.Now()}
	s.mu.Lock()
	h, f, p := s.handlers[r.URL.Path], s.feeds[r.URL.Path], s.pages[r.URL.Path]
	s.mu.Unlock()
	status := http.StatusOK
	defer func() {
		rec.Status = status
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.mu.Unlock()
	}()
	switch {
	case h != nil:
		h(w, r)
		status = -1 // the handler's own
	case f != nil:
		if !f.noCache {
			w.Header().Set("ETag", f.etag)
			w.Header().Set("Last-Modified", f.modified.Format(http.TimeFormat))
			if inm := r.Header.Get("If-None-Match"); inm != "" && inm == f.etag {
				status = http.StatusNotModified
				w.WriteHeader(status)
				return
			}
			if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && r.Header.Get("If-None-Match") == "" && !f.modified.After(ims) {
				status = http.StatusNotModified
				w.WriteHeader(status)
				return
			}
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Write(f.body)
	case p.body != nil:
		w.Header().Set("Content-Type", p.ctype)
		w.Write(p.body)
	default:
		status = http.StatusNotFound
		http.NotFound(w, r)
	}
}

// render writes f as RSS 2.0 or Atom.
func render(f Feed) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if f.Format == Atom {
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
		fmt.Fprintf(&b, "<title>%s</title>\n<id>urn:feedtest:%s</id>\n<updated>%s</updated>\n", esc(f.Title), esc(f.Title), time.Now().UTC().Format(time.RFC3339))
		for _, it := range f.Items {
			b.WriteString("<entry>\n")
			fmt.Fprintf(&b, "<title>%s</title>\n", esc(it.Title))
			if it.Link != "" {
				fmt.Fprintf(&b, "<link rel=\"alternate\" href=\"%s\"/>\n", esc(it.Link))
			}
			id := it.GUID
			if id == "" {
				id = it.Link
			}
			fmt.Fprintf(&b, "<id>%s</id>\n", esc(id))
			if !it.Published.IsZero() {
				fmt.Fprintf(&b, "<published>%s</published>\n<updated>%s</updated>\n", it.Published.UTC().Format(time.RFC3339), it.Published.UTC().Format(time.RFC3339))
			}
			if it.Description != "" {
				fmt.Fprintf(&b, "<summary type=\"html\">%s</summary>\n", esc(it.Description))
			}
			b.WriteString("</entry>\n")
		}
		b.WriteString("</feed>\n")
		return b.Bytes()
	}
	b.WriteString(`<rss version="2.0"><channel>` + "\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>https://ministry.example/</link>\n<description>Press releases</description>\n", esc(f.Title))
	if f.TTL > 0 {
		fmt.Fprintf(&b, "<ttl>%d</ttl>\n", f.TTL)
	}
	for _, it := range f.Items {
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(it.Title))
		if it.Link != "" {
			fmt.Fprintf(&b, "<link>%s</link>\n", esc(it.Link))
		}
		if it.GUID != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>\n", esc(it.GUID))
		}
		if !it.Published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n", it.Published.UTC().Format(time.RFC1123Z))
		}
		if it.Description != "" {
			fmt.Fprintf(&b, "<description>%s</description>\n", esc(it.Description))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// ReleaseItems serves the fixture pages named under prefix ("/pages/")
// and returns an item for each, linking to its page, with the release's
// title and date (an undated one gets noon of base, a day apart), the
// GUID "release-NAME".
func (s *Server) ReleaseItems(prefix string, base time.Time, names ...string) []Item {
	info := map[string]PageInfo{}
	for _, p := range Pages() {
		info[p.Name] = p
	}
	var out []Item
	for i, n := range names {
		p, ok := info[n]
		if !ok {
			panic("feedtest: no fixture page " + n)
		}
		s.SetPage(prefix+n+".html", Page(n), "")
		pub := base.Add(time.Duration(i) * 24 * time.Hour)
		if t, err := time.Parse("2006-01-02", p.Date); err == nil {
			pub = t.Add(12 * time.Hour)
		}
		title := p.Title
		if title == "" {
			title = "Release " + n
		}
		out = append(out, Item{GUID: "release-" + n, Title: title, Link: s.URL + prefix + n + ".html", Published: pub,
			Description: "A press release."})
	}
	return out
}
