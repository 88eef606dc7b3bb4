// Package feeds reads RSS and Atom feeds of press releases into release
// files of the corpus folder, politely: conditional requests (ETag,
// If-Modified-Since), a minimum poll interval, a timeout and a size limit
// on every request, backoff after failures (and Retry-After), and a
// User-Agent naming the bot. Each item, known by its GUID or link, is one
// release file holding its title, publisher, date, link and the article
// text of its page (go-readability; see docs/feeds.md); an edited item
// rewrites its file, a repeated or reordered one changes nothing. A link
// that is not http(s), or that leads from a feed on a public address to a
// private one, is refused before anything is sent; files are written
// atomically, through an os.Root, inside the release folder only.
package feeds
