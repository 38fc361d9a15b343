package main

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/notify"
)

// TestEmailConfig: dev logs e-mails and serve sends none by default; smtp is validated when
// the config loads, and its password is never printed.
func TestEmailConfig(t *testing.T) {
	const password = "smtpPa55-w0rd"
	serve := func(extra env) env {
		e := withPII(env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey,
			"PBNODE_STORAGE_DSN": "host=127.0.0.1 user=pb dbname=pb"})
		for k, v := range extra {
			e[k] = v
		}
		return e
	}
	smtp := env{"PBNODE_EMAIL_MAILER": "smtp", "PBNODE_EMAIL_SMTP_HOST": "smtp.city.example",
		"PBNODE_EMAIL_FROM": "pbnode@city.example", "PBNODE_EMAIL_SMTP_USERNAME": "pbnode", "PBNODE_EMAIL_SMTP_PASSWORD": password}
	tests := []struct {
		name    string
		mode    Mode
		env     env
		mailer  string // the loaded email.mailer; "" when loading fails
		wantErr string
	}{
		{name: "dev default", mode: ModeDev, env: env{}, mailer: mailerLog},
		{name: "serve default", mode: ModeServe, env: serve(nil), mailer: mailerNone},
		{name: "serve smtp", mode: ModeServe, env: serve(smtp), mailer: mailerSMTP},
		{name: "dev none", mode: ModeDev, env: env{"PBNODE_EMAIL_MAILER": "none"}, mailer: mailerNone},
		{name: "unknown mailer", mode: ModeDev, env: env{"PBNODE_EMAIL_MAILER": "sendmail"}, wantErr: "config email.mailer:"},
		{name: "smtp without host", mode: ModeServe, env: serve(env{"PBNODE_EMAIL_MAILER": "smtp", "PBNODE_EMAIL_FROM": "pbnode@city.example"}),
			wantErr: "config email: notify: invalid SMTP configuration: host"},
		{name: "smtp without from", mode: ModeServe, env: serve(env{"PBNODE_EMAIL_MAILER": "smtp", "PBNODE_EMAIL_SMTP_HOST": "smtp.city.example"}),
			wantErr: "config email: notify: invalid SMTP configuration: from"},
		{name: "smtp port 465", mode: ModeServe, env: serve(merge(smtp, env{"PBNODE_EMAIL_SMTP_PORT": "465"})), wantErr: "port 465"},
		{name: "smtp password without username", mode: ModeServe, env: serve(merge(smtp, env{"PBNODE_EMAIL_SMTP_USERNAME": ""})),
			wantErr: "a password without a username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadTest(t, tt.mode, "", tt.env)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), password) {
					t.Errorf("the error quotes the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Email.Mailer != tt.mailer {
				t.Errorf("email.mailer = %q, want %q", c.Email.Mailer, tt.mailer)
			}
			m, err := c.Email.mailer(slog.New(slog.DiscardHandler))
			if err != nil || (m == nil) != (tt.mailer == mailerNone) {
				t.Fatalf("mailer = %T, %v", m, err)
			}
			if _, ok := m.(*notify.SMTP); ok != (tt.mailer == mailerSMTP) {
				t.Errorf("mailer = %T", m)
			}
			for name, out := range renderings(t, c) {
				if strings.Contains(out, password) {
					t.Errorf("%s rendering holds the SMTP password:\n%s", name, out)
				}
			}
		})
	}
	c, err := loadTest(t, ModeServe, "", serve(smtp))
	if err != nil {
		t.Fatal(err)
	}
	if c.Email.SMTP.Port != 587 || c.Email.SMTP.Password.Reveal() != password || !strings.Contains(c.String(), `email.smtp.password="REDACTED"`) {
		t.Errorf("smtp config = %+v; rendered %s", c.Email.SMTP, c)
	}
}

func merge(a, b env) env {
	out := env{}
	for _, e := range []env{a, b} {
		for k, v := range e {
			out[k] = v
		}
	}
	return out
}
