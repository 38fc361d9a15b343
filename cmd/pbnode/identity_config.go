package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/pii"
)

// PIIConfig holds the keys that seal and index personal data (portal/pii).
type PIIConfig struct {
	Keys      Secret // "id:base64,…" AES-256 keys
	ActiveKey string // the key ID that seals
	IndexKey  Secret // base64 of at least 32 bytes: the HMAC key of look-up indexes
}

// SMSConfig selects the gateway that sends sign-in codes.
type SMSConfig struct {
	Gateway string // "log": log the code instead of sending it (development)
}

// OIDCConfig is the OpenID provider citizens may log in through; off when IssuerURL is "".
type OIDCConfig struct {
	IssuerURL    string
	ClientID     string
	ClientSecret Secret
	RedirectURL  string
}

// IdentityConfig is sign-in and sessions: identity's limits and how often to sweep.
type IdentityConfig struct {
	Limits        identity.Config
	SweepInterval time.Duration
}

// Config keys of identity that code refers to by name.
const (
	keyPIIKeys      = "pii.keys"
	keyPIIActive    = "pii.active_key"
	keyPIIIndex     = "pii.index_key"
	keySMSGateway   = "sms.gateway"
	keyOIDCIssuer   = "oidc.issuer_url"
	keyOIDCClientID = "oidc.client_id"
	keyOIDCSecret   = "oidc.client_secret"
	keyOIDCRedirect = "oidc.redirect_url"
)

// identitySettings are the config keys of sign-in, sessions and personal data. Secrets have
// no flag.
var identitySettings = []setting{
	secret(keyPIIKeys, `AES-256 keys that seal personal data, "id:base64,…" (serve: required)`,
		func(c *Config) *Secret { return &c.PII.Keys }),
	text(keyPIIActive, "", "", "ID of the pii.keys key that seals (serve: required)",
		func(c *Config) *string { return &c.PII.ActiveKey }),
	secret(keyPIIIndex, "base64 HMAC key (32+ bytes) of personal-data look-ups (serve: required)",
		func(c *Config) *Secret { return &c.PII.IndexKey }),
	text(keySMSGateway, "", "log", "gateway that sends sign-in codes: log (development: logs the code)",
		func(c *Config) *string { return &c.SMS.Gateway }),
	text(keyOIDCIssuer, "", "", "issuer URL of the OpenID provider to log in through; empty: off",
		func(c *Config) *string { return &c.OIDC.IssuerURL }),
	text(keyOIDCClientID, "", "", "this node's client ID at the OpenID provider",
		func(c *Config) *string { return &c.OIDC.ClientID }),
	secret(keyOIDCSecret, "this node's client secret at the OpenID provider",
		func(c *Config) *Secret { return &c.OIDC.ClientSecret }),
	text(keyOIDCRedirect, "", "", "callback registered at the provider: <base URL>/api/v1/auth/oidc/callback",
		func(c *Config) *string { return &c.OIDC.RedirectURL }),
	integer("identity.code_length", "6", "digits of an SMS code", func(c *Config) *int { return &c.Identity.Limits.CodeLength }),
	duration("identity.code_ttl", "5m", "how long an SMS code may be used", func(c *Config) *time.Duration { return &c.Identity.Limits.CodeTTL }),
	integer("identity.max_attempts", "5", "verifications allowed per code", func(c *Config) *int { return &c.Identity.Limits.MaxAttempts }),
	duration("identity.rate_window", "1h", "window of the rate limits", func(c *Config) *time.Duration { return &c.Identity.Limits.RateWindow }),
	integer("identity.sends_per_phone", "5", "codes sent to one phone per window", func(c *Config) *int { return &c.Identity.Limits.SendsPerPhone }),
	integer("identity.requests_per_ip", "30", "sign-in requests per IP address (IPv6: /64) per window", func(c *Config) *int { return &c.Identity.Limits.RequestsPerIP }),
	integer("identity.lockout_failures", "10", "wrong codes per phone per window that lock it out", func(c *Config) *int { return &c.Identity.Limits.LockoutFailures }),
	duration("identity.lockout_duration", "30m", "how long a lock-out lasts", func(c *Config) *time.Duration { return &c.Identity.Limits.LockoutDuration }),
	duration("identity.bearer_ttl", "720h", "lifetime of a bearer session", func(c *Config) *time.Duration { return &c.Identity.Limits.BearerTTL }),
	duration("identity.cookie_idle_ttl", "12h", "a cookie session ends after this long unused", func(c *Config) *time.Duration { return &c.Identity.Limits.CookieIdleTTL }),
	duration("identity.cookie_ttl", "12h", "a cookie session ends this long after sign-in", func(c *Config) *time.Duration { return &c.Identity.Limits.CookieTTL }),
	duration("identity.sweep_interval", "5m", "how often expired codes, limits and sessions are deleted", func(c *Config) *time.Duration { return &c.Identity.SweepInterval }),
}

// secret is a setting held as a Secret, without a flag.
func secret(key, usage string, field func(*Config) *Secret) setting {
	return setting{key: key, usage: usage,
		set: func(c *Config, s string) error { *field(c) = Secret(strings.TrimSpace(s)); return nil },
		get: func(c *Config) any { return field(c).String() }}
}

// integer is a setting held as an int, without a flag.
func integer(key, def, usage string, field func(*Config) *int) setting {
	return setting{key: key, def: def, usage: usage,
		set: func(c *Config, s string) (err error) { *field(c), err = strconv.Atoi(strings.TrimSpace(s)); return err },
		get: func(c *Config) any { return *field(c) }}
}

// duration is a setting held as a time.Duration, without a flag.
func duration(key, def, usage string, field func(*Config) *time.Duration) setting {
	return setting{key: key, def: def, usage: usage,
		set: func(c *Config, s string) (err error) {
			*field(c), err = time.ParseDuration(strings.TrimSpace(s))
			return err
		},
		get: func(c *Config) any { return field(c).String() }}
}

// validateIdentity checks the identity keys. The PII keys are required by serve; dev makes
// its own when they are unset (see devKeys).
func (c Config) validateIdentity(check func(string, error)) {
	if c.Mode == ModeServe || c.PII.Keys != "" || c.PII.IndexKey != "" {
		_, err := c.PII.Vault()
		check("pii", err)
	}
	check(keySMSGateway, oneOf(c.SMS.Gateway, "log"))
	check("identity", c.Identity.Limits.Validate())
	check("identity.sweep_interval", positive(c.Identity.SweepInterval))
	if o, ok := c.OIDC.Provider(); ok {
		check("oidc", o.Validate())
	}
}

// Vault opens the PII vault of the configured keys. Errors never quote key material.
func (p PIIConfig) Vault() (*pii.Vault, error) {
	if p.Keys == "" || p.IndexKey == "" || p.ActiveKey == "" {
		return nil, errors.New("pii.keys, pii.active_key and pii.index_key are required")
	}
	ring, err := pii.ParseKeyRing(p.Keys.Reveal(), p.ActiveKey)
	if err != nil {
		return nil, err
	}
	index, err := base64.StdEncoding.DecodeString(p.IndexKey.Reveal())
	if err != nil {
		return nil, fmt.Errorf("%s: not valid base64", keyPIIIndex)
	}
	return pii.NewVault(ring, index)
}

// Provider is the oidclogin config, and whether OIDC login is on (oidc.issuer_url set).
func (o OIDCConfig) Provider() (oidclogin.Config, bool) {
	cfg := oidclogin.DefaultConfig()
	cfg.IssuerURL, cfg.ClientID, cfg.RedirectURL = o.IssuerURL, o.ClientID, o.RedirectURL
	cfg.ClientSecret = oidclogin.Secret(o.ClientSecret.Reveal())
	return cfg, o.IssuerURL != ""
}
