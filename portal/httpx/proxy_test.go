package httpx_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/httpx"
)

func request(peer string, header map[string]string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = peer
	for k, v := range header {
		r.Header.Set(k, v)
	}
	return r
}

func TestClientIP(t *testing.T) {
	lb, err := httpx.ParseProxies([]string{"10.0.0.0/8", "192.168.1.7", "fd00::/8"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		proxies *httpx.Proxies
		peer    string
		xff     string
		want    string
	}{
		{"no proxies: the peer", nil, "203.0.113.5:4000", "198.51.100.1", "203.0.113.5"},
		{"untrusted peer: a spoofed header is ignored", lb, "203.0.113.5:4000", "198.51.100.1", "203.0.113.5"},
		{"trusted proxy: the hop it saw", lb, "10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},
		{"a client's own header left of the hop is ignored", lb, "10.1.2.3:5000", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"a chain of trusted proxies", lb, "10.1.2.3:5000", "198.51.100.1, 192.168.1.7, 10.9.9.9", "198.51.100.1"},
		{"trusted proxy without a header", lb, "10.1.2.3:5000", "", "10.1.2.3"},
		{"garbage keeps the last trusted hop", lb, "10.1.2.3:5000", "nonsense, 10.4.4.4", "10.4.4.4"},
		{"IPv6 proxy", lb, "[fd00::1]:443", "2001:db8::7", "2001:db8::7"},
		{"IPv4-mapped peer", lb, "[::ffff:10.0.0.1]:80", "198.51.100.9", "198.51.100.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(tt.peer, map[string]string{"X-Forwarded-For": tt.xff})
			if tt.xff == "" {
				r.Header.Del("X-Forwarded-For")
			}
			if got := tt.proxies.ClientIP(r); got != tt.want {
				t.Errorf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTTPS(t *testing.T) {
	lb, err := httpx.ParseProxies(httpx.SplitList("10.0.0.0/8, "))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		peer  string
		proto string
		tls   bool
		want  bool
	}{
		{"plain HTTP", "203.0.113.5:1", "", false, false},
		{"TLS to the node", "203.0.113.5:1", "", true, true},
		{"untrusted peer claims https", "203.0.113.5:1", "https", false, false},
		{"trusted proxy says https", "10.0.0.2:1", "https", false, true},
		{"trusted proxy says HTTPS, http", "10.0.0.2:1", "HTTPS, http", false, true},
		{"trusted proxy says http", "10.0.0.2:1", "http", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(tt.peer, map[string]string{"X-Forwarded-Proto": tt.proto})
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if got := lb.HTTPS(r); got != tt.want {
				t.Errorf("HTTPS = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseProxies(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "example.org", "10.0.0"} {
		if _, err := httpx.ParseProxies([]string{bad}); err == nil {
			t.Errorf("ParseProxies(%q): no error", bad)
		}
	}
	if _, err := httpx.ParseProxies(nil); err != nil {
		t.Errorf("ParseProxies(nil): %v", err)
	}
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/profile", "/profile"},
		{"/rounds/1?tab=x#y", "/rounds/1?tab=x#y"},
		{"", ""},
		{"profile", ""},
		{"https://evil.example/", ""},
		{"//evil.example/", ""},
		{"/\\evil.example", ""},
		{"/\t/evil.example", ""},
		{"/login", ""},
		{"/login/code?x=1", ""},
		{"/logout", ""},
		{"/api/v1/me", ""},
		{"/healthz", ""},
	}
	for _, tt := range tests {
		if got := httpx.SafeNext(tt.in); got != tt.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSafeNext: whatever it lets through is a path on this host when a browser resolves it.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/profile", "//x", "/\\x", "https://x", "/%2f%2fx", "/a?b=//c"} {
		f.Add(s)
	}
	base, _ := url.Parse("https://node.example/")
	f.Fuzz(func(t *testing.T, next string) {
		got := httpx.SafeNext(next)
		if got == "" {
			return
		}
		u, err := base.Parse(got)
		if err != nil {
			return // the browser would not follow it either
		}
		if u.Host != base.Host || u.Scheme != base.Scheme || !strings.HasPrefix(got, "/") {
			t.Fatalf("SafeNext(%q) = %q leaves the site: %s", next, got, u)
		}
	})
}

// FuzzParseProxies: any input is parsed or refused, never a panic.
func FuzzParseProxies(f *testing.F) {
	f.Add("10.0.0.0/8, fd00::/8")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := httpx.ParseProxies(httpx.SplitList(s))
		if err == nil {
			p.ClientIP(request("10.0.0.1:1", map[string]string{"X-Forwarded-For": s}))
		}
	})
}
