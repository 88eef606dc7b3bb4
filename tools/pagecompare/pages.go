package main

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"liaison/knowledge"
)

// release is one shared release: its file name, title line and body lines.
type release struct {
	name  string
	title string
	body  []string
	url   string
	date  string // YYYY-MM-DD from SOURCES.tsv, or ""
}

// readShared reads every release of the shared folders (corpus*) under
// dir, with the headline and date the loader finds in it (else the ones
// its SOURCES.tsv gives) and its URL.
func readShared(dir string) ([]release, error) {
	folders, err := filepath.Glob(filepath.Join(dir, "corpus*"))
	if err != nil {
		return nil, err
	}
	var out []release
	for _, folder := range folders {
		meta := map[string][3]string{}
		if f, err := os.Open(filepath.Join(folder, "SOURCES.tsv")); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				cols := strings.Split(sc.Text(), "\t")
				if len(cols) >= 4 && cols[0] != "file" {
					meta[cols[0]] = [3]string{cols[1], cols[2], cols[3]}
				}
			}
			f.Close()
		}
		base, _, err := knowledge.LoadDir(context.Background(), folder)
		if err != nil {
			return nil, err
		}
		for _, d := range base.Docs {
			raw, err := os.ReadFile(filepath.Join(folder, d.File))
			if err != nil {
				return nil, err
			}
			m := meta[d.File]
			r := release{name: strings.TrimSuffix(d.File, ".txt"), title: d.Title, url: m[0], date: d.Date.ISO()}
			if r.title == "" {
				r.title = m[1]
			}
			if len(r.date) != 10 {
				r.date = m[2]
			}
			for _, l := range strings.Split(string(raw), "\n") {
				if l = strings.TrimSpace(l); l != "" && l != r.title {
					r.body = append(r.body, l)
				}
			}
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// page renders r as a release page in the style of template t (0..4),
// with chrome of the kinds real ministry and news sites carry: menus,
// breadcrumbs, share buttons, lists of other releases, cookie notices,
// scripts, comment forms, footers. others are headlines of other
// releases, for the "latest news" lists.
func page(r release, t int, others []string) string {
	esc := html.EscapeString
	var body strings.Builder
	inList := false
	for _, l := range r.body {
		if strings.HasPrefix(l, "•") || strings.HasPrefix(l, "- ") {
			if !inList {
				body.WriteString("<ul>\n")
				inList = true
			}
			fmt.Fprintf(&body, "<li>%s</li>\n", esc(strings.TrimSpace(strings.TrimLeft(l, "•- "))))
			continue
		}
		if inList {
			body.WriteString("</ul>\n")
			inList = false
		}
		if t == 2 {
			fmt.Fprintf(&body, "%s<br><br>\n", esc(l)) // old sites: no paragraphs
		} else {
			fmt.Fprintf(&body, "<p>%s</p>\n", esc(l))
		}
	}
	if inList {
		body.WriteString("</ul>\n")
	}
	latest := func(tag string) string {
		var b strings.Builder
		for i, o := range others {
			fmt.Fprintf(&b, "<%s class=\"news-item\"><a href=\"/news/%d\">%s</a> <span class=\"date\">%d.%d.2023</span></%s>\n", tag, i, esc(o), i+3, i+1, tag)
		}
		return b.String()
	}
	date := r.date // an undated release gets no date on its page either
	title, text := esc(r.title), body.String()
	switch t {
	case 0: // government CMS with portlets (Liferay style)
		return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>` + title + ` - Ministry of the Interior</title>
<meta property="og:title" content="` + title + `">
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)};gtag('js',new Date());gtag('config','G-XYZ');</script>
<script type="application/json" id="portal-config">{"languageId":"en_US","portletIds":["com_liferay_journal"],"themeDisplay":{"plid":"1410869"}}</script>
</head><body>
<a class="skip" href="#main-content">Skip to main content</a>
<div id="cookie-consent" class="cookie-banner"><p>This site uses cookies to improve your experience. Necessary cookies are always on; you can choose whether to allow analytics cookies.</p><a href="#">Accept all cookies</a> <a href="#">Only necessary cookies</a> <a href="/cookies">Read more about cookies</a></div>
<div class="portlet-header"><div class="logo"><a href="/">Ministry of the Interior</a></div>
<div class="language-menu"><a href="/fi">Suomeksi</a> <a href="/sv">På svenska</a> <a href="/en">In English</a></div>
<div class="main-menu"><ul><li><a href="/en/ministry">Ministry</a></li><li><a href="/en/police">Police</a></li><li><a href="/en/border-management">Border management</a></li><li><a href="/en/migration">Migration</a></li><li><a href="/en/rescue-services">Rescue services</a></li><li><a href="/en/current-issues">Current issues</a></li><li><a href="/en/projects">Projects and legislation</a></li></ul></div></div>
<div class="breadcrumb"><ol><li><a href="/en">Front page</a></li><li><a href="/en/current-issues">Current issues</a></li><li><a href="/en/press-releases">Press releases</a></li></ol></div>
<div id="main-content" class="portlet-body">
<div class="journal-content-article">
<p class="kategoria">Press release</p>
<h1>` + title + `</h1>
<div class="publish-date">Publication date ` + date + `</div>
` + text + `
</div>
<div class="tags"><span>Tags:</span> <a href="/en/t/police">police</a> <a href="/en/t/international">international cooperation</a></div>
<div class="share-buttons"><span>Share on</span> <a href="https://twitter.com/share">Twitter</a> <a href="https://facebook.com/share">Facebook</a> <a href="https://linkedin.com/share">LinkedIn</a> <a href="mailto:?">Email</a></div>
</div>
<div class="portlet-related"><h2>Latest press releases</h2>
` + latest("div") + `<a href="/en/press-releases">Show all press releases</a></div>
<div class="portlet-footer"><div class="address">Ministry of the Interior<br>Street address: Kirkkokatu 12, Helsinki<br>Postal address: PO Box 26, FI-00023 Government<br>Registry: kirjaamo.sm(at)gov.fi</div>
<div class="links"><a href="/en/accessibility">Accessibility statement</a> <a href="/en/data-protection">Data protection</a> <a href="/en/feedback">Give feedback</a></div></div>
<script src="/o/js/bundle.js?t=1700000000"></script>
<script>Liferay.Portlet.runtimePortletIds=["com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_abc"];</script>
</body></html>
`
	case 1: // WordPress news site with comments and a sidebar
		return `<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8"><title>` + title + ` &#8211; Baltic Sea Region Security</title>
<link rel='stylesheet' href='/wp-content/themes/news/style.css'>
<style>.entry-content p{margin:0 0 1em}.widget{padding:1em}</style>
</head><body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Baltic Sea Region Security</a></p>
<nav id="site-navigation"><ul id="primary-menu"><li><a href="/">Home</a></li><li><a href="/about/">About</a></li><li><a href="/news/">News</a></li><li><a href="/events/">Events</a></li><li><a href="/contact/">Contact</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-917" class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">` + title + `</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="` + date + `T09:00:00+00:00">` + date + `</time></span> <span class="byline">by <span class="author vcard">Secretariat</span></span></div></header>
<div class="entry-content">
` + text + `
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-twitter" href="?share=twitter">Twitter</a></li><li><a class="share-facebook" href="?share=facebook">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Related</h3></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/news/">News</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;` + title + `&rdquo;</h2>
<ol class="comment-list"><li class="comment"><div class="comment-author">Mark</div><div class="comment-content"><p>Good to see this cooperation continue, the border regions need it more than ever.</p></div></li>
<li class="comment"><div class="comment-author">Anna K.</div><div class="comment-content"><p>Will the minutes of the meeting be published as well?</p></div></li></ol>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post"><p>Your email address will not be published.</p><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<div id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
` + latest("li") + `</ul></section>
<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="/2024/05/">May 2024</a></li><li><a href="/2023/11/">November 2023</a></li><li><a href="/2019/09/">September 2019</a></li></ul></section>
<section class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul><li><a href="/category/events/">Events</a></li><li><a href="/category/news/">News</a></li></ul></section></div>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Baltic Sea Region Security. Proudly powered by WordPress.</div></footer>
</div>
<script src='/wp-includes/js/jquery/jquery.min.js'></script>
<script>var _paq=window._paq=window._paq||[];_paq.push(['trackPageView']);</script>
</body></html>
`
	case 2: // an older site laid out in tables, paragraphs as line breaks
		return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Federal Customs Service - News</title>
<script language="JavaScript">function openWin(u){window.open(u,'print','width=600')}</script></head>
<body bgcolor="#ffffff"><table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/images/logo.gif" alt="Federal Customs Service"> <font size="1"><a href="/ru">Русский</a> | <a href="/en">English</a></font></td></tr>
<tr><td width="200" valign="top" class="leftmenu">
<table><tr><td><a href="/about">About the Service</a></td></tr><tr><td><a href="/news">News</a></td></tr><tr><td><a href="/legislation">Legislation</a></td></tr><tr><td><a href="/statistics">Customs statistics</a></td></tr><tr><td><a href="/international">International cooperation</a></td></tr><tr><td><a href="/contacts">Contacts</a></td></tr></table>
<br><b>Latest news</b><br>
` + strings.ReplaceAll(latest("div"), "div", "font") + `
</td><td valign="top" class="content">
<h2 class="contentheading">` + title + `</h2>
<span class="createdate">` + date + `</span><br><br>
` + text + `
<br><a href="javascript:openWin('?print=1')">Print version</a> | <a href="/send?id=1760">Send to a friend</a> | <a href="/news">Back</a>
</td></tr>
<tr><td colspan="2" align="center"><font size="1">&copy; Federal Customs Service 2005-2012. All rights reserved. Reprinting is permitted with a link to the source.</font><br>
<script>document.write('<img src="//counter.example/hit?r='+escape(document.referrer)+'" width=1 height=1>')</script></td></tr></table>
</body></html>
`
	case 3: // a news portal: most-read strip, inline "read also", tags, sidebar
		return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + ` | News in English</title>
<script async src="https://securepubads.example/tag/js/gpt.js"></script>
<script>var googletag=googletag||{cmd:[]};googletag.cmd.push(function(){googletag.defineSlot('/1234/top',[728,90],'ad-top')});</script></head>
<body><div class="top-bar"><div class="menu"><a href="/news">News</a> <a href="/politics">Politics</a> <a href="/economy">Economy</a> <a href="/culture">Culture</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></div>
<div class="search"><form action="/search"><input name="q" placeholder="Search"></form></div></div>
<div id="ad-top" class="ad">Advertisement</div>
<div class="most-read"><div class="most-read-title">Most read</div>
` + latest("div") + `</div>
<div class="article-page"><div class="article-header"><div class="category">Politics</div>
<h1 class="article-title">` + title + `</h1>
<div class="article-meta"><span class="author">ERR News</span> <span class="published">` + date + ` 14:22</span></div></div>
<div class="article-body">
` + strings.Replace(text, "</p>\n", "</p>\n<div class=\"read-also\"><b>Read also:</b> <a href=\"/news/77\">"+esc(pick(others, 1))+"</a></div>\n", 1) + `
</div>
<div class="article-tags"><a href="/tag/estonia">Estonia</a> <a href="/tag/russia">Russia</a> <a href="/tag/border">border</a></div>
<div class="comments-count"><a href="#comments">Comments (12)</a></div>
<div class="newsletter"><div class="newsletter-title">Get the news in your inbox</div><form><input type="email" placeholder="Your e-mail"><button>Subscribe</button></form></div>
</div>
<div class="sidebar"><div class="sidebar-title">Latest news</div>
` + latest("div") + `</div>
<div class="site-footer"><div>&copy; 2024 Public Broadcasting. Editor in chief: J. Example. All rights reserved.</div><div><a href="/privacy">Privacy</a> <a href="/terms">Terms of use</a></div></div>
<script>(function(){var s=document.createElement('script');s.src='/static/comments.js';document.body.appendChild(s)})();</script>
</body></html>
`
	default: // a ministry site without semantic elements, with a gallery
		return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>` + title + `</title></head>
<body><div class="header"><div class="logo-text">Ministry of the Interior of the Republic</div>
<div class="menu"><a href="/en/about">About us</a><a href="/en/activities">Activities</a><a href="/en/news">News</a><a href="/en/documents">Documents</a><a href="/en/contacts">Contacts</a></div></div>
<div class="path"><a href="/en">Home</a> / <a href="/en/news">News</a></div>
<div class="content"><div class="news-page">
<h1>` + title + `</h1>
<div class="news-date">` + date + `</div>
<div class="news-text">
` + text + `
</div>
<div class="gallery"><div class="figure"><img src="/img/1.jpg" alt=""><div class="caption">Photo: Ministry press service</div></div></div>
<div class="actions"><a href="/en/news">Back</a> <a href="javascript:window.print()">Print</a></div>
</div>
<div class="other-news"><div class="other-news-title">Other news</div>
` + latest("div") + `</div></div>
<div class="footer"><div>Ministry of the Interior, Šventaragio g. 2, Vilnius. Tel. +370 5 271 7130, e-mail: bendrasis@vrm.lt</div><div>Information is updated by the Communication Division. Copyright 2024.</div></div>
<script type="text/javascript">var _gaq=_gaq||[];_gaq.push(['_setAccount','UA-1234-1']);_gaq.push(['_trackPageview']);</script>
</body></html>
`
	}
}

func pick(xs []string, i int) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[i%len(xs)]
}

// makePages writes a page per shared release to out (NAME.html), with
// the release's text beside it (NAME.txt) as the truth to compare with.
func makePages(shared, out string) error {
	rs, err := readShared(shared)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return fmt.Errorf("no releases under %s/corpus*", shared)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var index strings.Builder
	index.WriteString("file\ttemplate\turl\tdate\ttitle\n")
	for i, r := range rs {
		var others []string
		for k := 1; k <= 5; k++ {
			others = append(others, rs[(i+k*5)%len(rs)].title)
		}
		t := i % 5
		if err := os.WriteFile(filepath.Join(out, r.name+".html"), []byte(page(r, t, others)), 0o644); err != nil {
			return err
		}
		truth := strings.Join(r.body, "\n\n") + "\n"
		if err := os.WriteFile(filepath.Join(out, r.name+".txt"), []byte(truth), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&index, "%s\t%d\t%s\t%s\t%s\n", r.name, t, r.url, r.date, r.title)
	}
	return os.WriteFile(filepath.Join(out, "PAGES.tsv"), []byte(index.String()), 0o644)
}
