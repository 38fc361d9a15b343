// Package httpx answers what the API and the pages both need to know of a request behind a
// load balancer: the client's address (for rate limits) and whether the browser came over
// HTTPS (for Secure cookies). Forwarded headers are believed only from trusted proxies: a
// client cannot spoof them by sending them itself.
//
// It also checks the paths a sign-in may return to (SafeNext), for the same reason: both the
// pages and the API's OIDC callback redirect to them.
package httpx

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the peers whose X-Forwarded-For and X-Forwarded-Proto are believed. The zero
// value and nil trust nobody. It is read-only once built.
type Proxies struct {
	nets []netip.Prefix
}

// ParseProxies reads CIDRs ("10.0.0.0/8", "fd00::/8"); a bare address is a single host.
// Empty entries are skipped, so "" and nil trust nobody.
func ParseProxies(cidrs []string) (*Proxies, error) {
	p := &Proxies{}
	for _, s := range cidrs {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(s)
		if err != nil {
			addr, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not a CIDR (10.0.0.0/8) or an IP address", s)
			}
			prefix = netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen())
		}
		p.nets = append(p.nets, prefix.Masked())
	}
	return p, nil
}

// SplitList splits a comma-separated list of CIDRs, as config gives it.
func SplitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// trusted reports whether addr is one of the proxies.
func (p *Proxies) trusted(addr netip.Addr) bool {
	if p == nil || !addr.IsValid() {
		return false
	}
	addr = addr.Unmap()
	for _, n := range p.nets {
		if n.Contains(addr) {
			return true
		}
	}
	return false
}

// peer is the address of the TCP peer of r.
func peer(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return addr.Unmap()
}

// ClientIP is the client's address: the peer's, unless the peer is a trusted proxy, then the
// rightmost address of X-Forwarded-For that is not a trusted proxy (the hop the first
// trusted proxy saw; what a client wrote to the left of it is ignored).
func (p *Proxies) ClientIP(r *http.Request) string {
	client := peer(r)
	if !p.trusted(client) {
		return addrText(client, r.RemoteAddr)
	}
	hops := forwardedFor(r.Header)
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // garbage: keep the last hop a trusted proxy vouched for
		}
		client = addr.Unmap()
		if !p.trusted(client) {
			break
		}
	}
	return client.String()
}

// HTTPS reports whether the browser reached the node over TLS: directly, or through a trusted
// proxy that says so in X-Forwarded-Proto.
func (p *Proxies) HTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if !p.trusted(peer(r)) {
		return false
	}
	proto, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

// forwardedFor is every hop of the X-Forwarded-For headers, in order.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, v := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	return hops
}

func addrText(a netip.Addr, remote string) string {
	if a.IsValid() {
		return a.String()
	}
	return remote
}

// SafeNext returns next when it is a path of this site to go to after sign-in, else "": an
// absolute URL, a protocol-relative one ("//evil.example", "/\evil.example"), control
// characters, the sign-in pages themselves and the API are refused, so that a link cannot
// send a citizen elsewhere after they sign in.
func SafeNext(next string) string {
	if len(next) > 2000 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\") || strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return ""
	}
	path, _, _ := strings.Cut(next, "?")
	path, _, _ = strings.Cut(path, "#")
	if path == "/login" || strings.HasPrefix(path, "/login/") || path == "/logout" || isAPIPath(path) {
		return ""
	}
	return next
}

// isAPIPath reports whether path belongs to the JSON API rather than to the pages.
func isAPIPath(path string) bool {
	switch path {
	case "/api", "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(path, "/api/")
}
