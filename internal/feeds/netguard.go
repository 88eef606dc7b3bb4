package feeds

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrScheme is returned (wrapped) for an item link that is not http or
// https (file:, javascript:, ftp:, mailto: ...).
var ErrScheme = errors.New("feeds: the link is not an http or https address")

// ErrPrivateAddress is returned (wrapped) for a link, in an item of a
// feed on a public address, that leads to a private, loopback or
// link-local address: a public feed must not make the bot reach into the
// network it runs in.
var ErrPrivateAddress = errors.New("feeds: the link leads to a private address")

// sharedAddressSpace is 100.64.0.0/10 (carrier-grade NAT), not public.
var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

// privateAddr reports whether ip is not a public unicast address:
// loopback, private (RFC 1918, fc00::/7), link-local, shared address
// space, unspecified or multicast.
func privateAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || sharedAddressSpace.Contains(ip) ||
		ip.Is4() && ip.As4()[0] == 0
}

// checkLink resolves a link against the page it appears on and checks
// its scheme; an IP literal host is checked against private when
// publicOnly is set (host names are checked when dialled).
func checkLink(link string, base *url.URL, publicOnly bool, private func(netip.Addr) bool) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return nil, fmt.Errorf("feeds: link %q: %w", link, err)
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: %s", ErrScheme, redact(u))
	}
	if u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%w: %s has no plain host", ErrScheme, redact(u))
	}
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil && publicOnly && private(ip) {
		return nil, fmt.Errorf("%w: %s", ErrPrivateAddress, redact(u))
	}
	return u, nil
}

// redact is a URL for logs: without user information, at most 200
// characters.
func redact(u *url.URL) string {
	c := *u
	c.User = nil
	s := c.String()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// newTransport returns an HTTP transport whose connections go only to
// addresses allowed: with publicOnly, every address dialled (also after
// a redirect or a DNS answer that changed) is checked before connecting,
// so nothing is sent to a private one.
func newTransport(publicOnly bool, private func(netip.Addr) bool, timeout time.Duration) *http.Transport {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if publicOnly {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("feeds: dial %s: %w", address, err)
			}
			if private(ap.Addr()) {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
			}
			return nil
		}
	}
	return &http.Transport{
		Proxy:                 nil, // no proxy: the address checked is the one connected to
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
}

// maxRedirects is how many redirects a feed or page may take.
const maxRedirects = 5

// newClient returns a client over t that follows at most maxRedirects
// redirects, to http(s) addresses only.
func newClient(t http.RoundTripper) *http.Client {
	return &http.Client{Transport: t, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("feeds: more than %d redirects", maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: redirect to %s", ErrScheme, redact(req.URL))
		}
		return nil
	}}
}
