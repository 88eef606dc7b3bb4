package page

import (
	"net/url"
	"strings"
)

// linkLine reads a release's link from a header line "URL: https://…",
// the form in which release files written from feeds (internal/feeds)
// carry the address of the page they were read from. Only an absolute
// http or https address without white space counts.
func linkLine(l string) (string, bool) {
	if len(l) < 5 || !strings.EqualFold(l[:4], "url:") {
		return "", false
	}
	v := strings.TrimSpace(l[4:])
	if strings.ContainsAny(v, " \t") {
		return "", false
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return v, true
}
