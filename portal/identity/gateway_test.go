package identity_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/pii"
)

func TestLogGatewayMasksThePhone(t *testing.T) {
	t.Parallel()
	for _, handler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		phone, err := pii.NormalizePhone("+7 916 123-45-67")
		if err != nil {
			t.Fatal(err)
		}
		g := identity.NewLogGateway(slog.New(handler(&buf)))
		if err := g.Send(t.Context(), phone, "Код для входа: 402913."); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "1234567") || !strings.Contains(out, phone.String()) || !strings.Contains(out, "402913") {
			t.Errorf("log = %s; want the masked phone %s and the code, never the number", out, phone)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	if err := identity.DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig().Validate() = %v", err)
	}
	tests := []struct {
		name   string
		change func(*identity.Config)
	}{
		{"short code", func(c *identity.Config) { c.CodeLength = 3 }},
		{"long code", func(c *identity.Config) { c.CodeLength = 11 }},
		{"no attempts", func(c *identity.Config) { c.MaxAttempts = 0 }},
		{"no sends", func(c *identity.Config) { c.SendsPerPhone = 0 }},
		{"no requests", func(c *identity.Config) { c.RequestsPerIP = 0 }},
		{"no lock-out failures", func(c *identity.Config) { c.LockoutFailures = 0 }},
		{"no code TTL", func(c *identity.Config) { c.CodeTTL = 0 }},
		{"no window", func(c *identity.Config) { c.RateWindow = 0 }},
		{"no lock-out", func(c *identity.Config) { c.LockoutDuration = -1 }},
		{"no bearer TTL", func(c *identity.Config) { c.BearerTTL = 0 }},
		{"idle past absolute", func(c *identity.Config) { c.CookieIdleTTL = c.CookieTTL + 1 }},
	}
	for _, tt := range tests {
		cfg := identity.DefaultConfig()
		tt.change(&cfg)
		if err := cfg.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %+v", tt.name, cfg)
		}
		if _, err := identity.New(nil, nil, nil, cfg, nil); err == nil {
			t.Errorf("%s: New accepted the config", tt.name)
		}
	}
}
