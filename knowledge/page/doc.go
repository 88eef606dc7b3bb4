// Package page reads release files and cleans them into text: it finds
// the releases of a folder, reads each (capped at MaxReleaseBytes, from
// a pool of buffers), refuses empty and binary files, decodes Latin-1,
// strips HTML and Markdown, drops web page furniture and repeated
// blocks, and finds the headline, the publisher, the release date, a
// news dateline and the release's address (Parse). Text gives a web
// page's visible text as the loader reads it.
package page
