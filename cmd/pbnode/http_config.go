package main

import (
	"strings"

	"github.com/pbnode/pbnode/portal/httpx"
)

// keyTrustedProxies is http.trusted_proxies: the load balancers whose forwarded headers the
// API and pages believe.
const keyTrustedProxies = "http.trusted_proxies"

// httpSettings are the HTTP keys beside http.addr (config.go) and http.public_url
// (wallet_config.go).
var httpSettings = []setting{
	{key: keyTrustedProxies, usage: "comma-separated CIDRs of proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; empty: none",
		set: func(c *Config, s string) error {
			c.HTTP.TrustedProxies = strings.Join(httpx.SplitList(s), ",")
			return nil
		},
		get: func(c *Config) any { return c.HTTP.TrustedProxies }},
}

// validateHTTP checks the trusted proxies.
func (c Config) validateHTTP(check func(string, error)) {
	_, err := c.HTTP.Proxies()
	check(keyTrustedProxies, err)
}

// Proxies parses http.trusted_proxies; no entries trust nobody.
func (h HTTPConfig) Proxies() (*httpx.Proxies, error) {
	return httpx.ParseProxies(httpx.SplitList(h.TrustedProxies))
}
