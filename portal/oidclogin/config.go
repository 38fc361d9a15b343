package oidclogin

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ErrInvalidConfig is wrapped by every error of Config.Validate.
var ErrInvalidConfig = errors.New("oidclogin: invalid config")

// Scope values of OpenID Connect Core 1.0, section 5.4.
const (
	ScopeOpenID  = "openid"
	ScopeProfile = "profile"
	ScopeEmail   = "email"
	ScopePhone   = "phone"
)

// Bounds on Config.HTTPTimeout.
const (
	defaultHTTPTimeout = 10 * time.Second
	maxHTTPTimeout     = 2 * time.Minute
)

// Config names the OpenID provider and this node's registration with it.
type Config struct {
	// IssuerURL is the provider's issuer identifier; discovery reads
	// IssuerURL/.well-known/openid-configuration and requires the same issuer back.
	IssuerURL string
	// ClientID is this node's client identifier at the provider.
	ClientID string
	// ClientSecret authenticates this node at the token endpoint. It is never printed.
	ClientSecret Secret
	// RedirectURL is the callback registered at the provider, served by the HTTP layer.
	RedirectURL string
	// Scopes requested; they must include "openid".
	Scopes []string
	// HTTPTimeout bounds each request to the provider (discovery, keys, token, userinfo).
	HTTPTimeout time.Duration
}

// DefaultConfig requests the scopes for name, e-mail and phone with a 10 s timeout. The issuer
// and client registration have no default.
func DefaultConfig() Config {
	return Config{
		Scopes:      []string{ScopeOpenID, ScopeProfile, ScopeEmail, ScopePhone},
		HTTPTimeout: defaultHTTPTimeout,
	}
}

// Validate reports whether the config can be used; errors wrap ErrInvalidConfig. It does not
// contact the provider. URLs must be https, except on a loopback host.
func (c Config) Validate() error {
	if err := checkURL("issuer url", c.IssuerURL); err != nil {
		return err
	}
	if err := checkURL("redirect url", c.RedirectURL); err != nil {
		return err
	}
	if strings.TrimSpace(c.ClientID) == "" {
		return fmt.Errorf("%w: client id is empty", ErrInvalidConfig)
	}
	if c.ClientSecret == "" {
		return fmt.Errorf("%w: client secret is empty", ErrInvalidConfig)
	}
	if err := checkScopes(c.Scopes); err != nil {
		return err
	}
	if c.HTTPTimeout <= 0 || c.HTTPTimeout > maxHTTPTimeout {
		return fmt.Errorf("%w: http timeout %v is not in (0, %v]", ErrInvalidConfig, c.HTTPTimeout, maxHTTPTimeout)
	}
	return nil
}

// LogValue implements slog.LogValuer; the secret shows as redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("issuer_url", c.IssuerURL),
		slog.String("client_id", c.ClientID),
		slog.Any("client_secret", c.ClientSecret),
		slog.String("redirect_url", c.RedirectURL),
		slog.Any("scopes", c.Scopes),
		slog.Duration("http_timeout", c.HTTPTimeout),
	)
}

func checkURL(name, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidConfig, name, err)
	}
	if u.Host == "" || u.User != nil || u.Fragment != "" || u.RawFragment != "" {
		return fmt.Errorf("%w: %s %q must be absolute, without user info or fragment", ErrInvalidConfig, name, raw)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%w: %s %q must use https (http only on a loopback host)", ErrInvalidConfig, name, raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func checkScopes(scopes []string) error {
	if !slices.Contains(scopes, ScopeOpenID) {
		return fmt.Errorf("%w: scopes must include %q", ErrInvalidConfig, ScopeOpenID)
	}
	for _, s := range scopes {
		if !validScope(s) {
			return fmt.Errorf("%w: scope %q is not a scope token", ErrInvalidConfig, s)
		}
	}
	return nil
}

// validScope reports whether s is a scope-token of RFC 6749, section 3.3.
func validScope(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if !nqchar(s[i]) {
			return false
		}
	}
	return true
}

// nqchar is %x21 / %x23-5B / %x5D-7E of RFC 6749, appendix A.
func nqchar(b byte) bool {
	return b == 0x21 || (b >= 0x23 && b <= 0x5B) || (b >= 0x5D && b <= 0x7E)
}
