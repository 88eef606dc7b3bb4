package bot

import (
	"net/url"
	"strings"
)

// linkEscaper percent-encodes the characters that could end a link in
// HTML attributes, Slack's <url|text> markup or Markdown, and "@", which
// could read as a mention ("@room") where a client shows the URL as text.
var linkEscaper = strings.NewReplacer(`"`, "%22", "'", "%27", "<", "%3C", ">", "%3E", "|", "%7C", "`", "%60",
	"@", "%40", " ", "%20", "\t", "%09", "\n", "%0A", "\r", "%0D", "(", "%28", ")", "%29", "[", "%5B", "]", "%5D")

// SafeURL returns s as an absolute http or https URL that adapters may
// put in a link, with every character that could break out of link
// markup percent-encoded, or "" when s is not such a URL (another
// scheme, no host, user info, unparsable). Source.URL comes from release
// files, which come from feeds: adapters pass it through SafeURL.
func SafeURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	return linkEscaper.Replace(u.String())
}
