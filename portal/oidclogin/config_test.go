package oidclogin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func validConfig() Config {
	cfg := DefaultConfig()
	cfg.IssuerURL = "https://esia.gosuslugi.ru"
	cfg.ClientID = "PBNODE01"
	cfg.ClientSecret = "s3cr3t-value"
	cfg.RedirectURL = "https://pb.example.ru/login/callback"
	return cfg
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr bool
	}{
		{"valid", func(*Config) {}, false},
		{"http on loopback", func(c *Config) {
			c.IssuerURL, c.RedirectURL = "http://127.0.0.1:8080", "http://localhost:9999/cb"
		}, false},
		{"http on ipv6 loopback", func(c *Config) { c.IssuerURL = "http://[::1]:8080/realm" }, false},
		{"default has no issuer", func(c *Config) { *c = DefaultConfig() }, true},
		{"issuer empty", func(c *Config) { c.IssuerURL = "" }, true},
		{"issuer relative", func(c *Config) { c.IssuerURL = "/realm" }, true},
		{"issuer plain http", func(c *Config) { c.IssuerURL = "http://esia.gosuslugi.ru" }, true},
		{"issuer other scheme", func(c *Config) { c.IssuerURL = "ftp://esia.gosuslugi.ru" }, true},
		{"issuer with fragment", func(c *Config) { c.IssuerURL = "https://idp.example#x" }, true},
		{"issuer with user info", func(c *Config) { c.IssuerURL = "https://u:p@idp.example" }, true},
		{"issuer unparsable", func(c *Config) { c.IssuerURL = "https://idp.example/%zz" }, true},
		{"redirect plain http", func(c *Config) { c.RedirectURL = "http://pb.example.ru/cb" }, true},
		{"redirect empty", func(c *Config) { c.RedirectURL = "" }, true},
		{"client id empty", func(c *Config) { c.ClientID = " " }, true},
		{"client secret empty", func(c *Config) { c.ClientSecret = "" }, true},
		{"scopes without openid", func(c *Config) { c.Scopes = []string{ScopeProfile} }, true},
		{"scope empty", func(c *Config) { c.Scopes = []string{ScopeOpenID, ""} }, true},
		{"scope with space", func(c *Config) { c.Scopes = []string{ScopeOpenID, "a b"} }, true},
		{"scope with quote", func(c *Config) { c.Scopes = []string{ScopeOpenID, `a"`} }, true},
		{"timeout zero", func(c *Config) { c.HTTPTimeout = 0 }, true},
		{"timeout too long", func(c *Config) { c.HTTPTimeout = time.Hour }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := validConfig()
			tt.edit(&cfg)
			err := cfg.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrInvalidConfig) {
				t.Errorf("error %v does not wrap ErrInvalidConfig", err)
			}
		})
	}
}

func TestDefaultConfigScopes(t *testing.T) {
	got := strings.Join(DefaultConfig().Scopes, " ")
	if want := "openid profile email phone"; got != want {
		t.Errorf("default scopes %q, want %q", got, want)
	}
}

// TestSecretRedacted prints and logs a config, and a login's Start, every way at hand.
func TestSecretRedacted(t *testing.T) {
	cfg := validConfig()
	secret := string(cfg.ClientSecret)
	start := Start{AuthURL: "https://idp.example/auth?state=st4te", State: "st4te", Nonce: "n0nce", CodeVerifier: "ver1fier"}
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%T"} {
		fmt.Fprintf(&out, verb+"\n", cfg)
		fmt.Fprintf(&out, verb+"\n", &cfg)
		fmt.Fprintf(&out, verb+"\n", cfg.ClientSecret)
		fmt.Fprintf(&out, verb+"\n", start)
	}
	fmt.Fprintln(&out, cfg, cfg.ClientSecret, start)
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(b)
	for _, h := range []slog.Handler{slog.NewJSONHandler(&out, nil), slog.NewTextHandler(&out, nil)} {
		slog.New(h).Info("config", "cfg", cfg, "secret", cfg.ClientSecret, "start", start,
			"identity", Identity{Issuer: "https://idp.example", Subject: "sub-42", Email: "a@b.ru"})
	}
	for _, leak := range []string{secret, fmt.Sprintf("%x", secret), "st4te", "n0nce", "ver1fier", "sub-42", "a@b.ru"} {
		if strings.Contains(out.String(), leak) {
			t.Errorf("output shows %q:\n%s", leak, out.String())
		}
	}
	if !strings.Contains(out.String(), redacted) || !strings.Contains(out.String(), cfg.ClientID) {
		t.Errorf("output lacks the redaction mark or the client id:\n%s", out.String())
	}
}
