package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/notify"
)

// EmailConfig selects the mailer that tells citizens the outcome of their verification by
// e-mail (portal/notify).
type EmailConfig struct {
	Mailer string // "log" (dev's default), "smtp" or "none" (serve's default)
	From   string // the sender address
	SMTP   SMTPConfig
}

// SMTPConfig is the submission server of email.mailer smtp.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password Secret
}

// Config keys of e-mail that code refers to by name.
const (
	keyEmailMailer  = "email.mailer"
	keyEmailFrom    = "email.from"
	keySMTPHost     = "email.smtp.host"
	keySMTPPort     = "email.smtp.port"
	keySMTPUsername = "email.smtp.username"
	keySMTPPassword = "email.smtp.password"
)

// The mailers email.mailer names.
const (
	mailerLog  = "log"
	mailerSMTP = "smtp"
	mailerNone = "none"
)

// emailSettings are the config keys of e-mail. The password has no flag.
var emailSettings = []setting{
	text(keyEmailMailer, "", "", "mailer of verification notices: log (dev's default: logs them, recipient masked), smtp, or none (serve's default)",
		func(c *Config) *string { return &c.Email.Mailer }),
	text(keyEmailFrom, "", "", "sender address of e-mails (smtp: required)",
		func(c *Config) *string { return &c.Email.From }),
	text(keySMTPHost, "", "", "host name of the SMTP submission server (smtp: required)",
		func(c *Config) *string { return &c.Email.SMTP.Host }),
	integer(keySMTPPort, "587", "port of the SMTP submission server (STARTTLS; 465 is not supported)",
		func(c *Config) *int { return &c.Email.SMTP.Port }),
	text(keySMTPUsername, "", "", "SMTP AUTH username; empty: no AUTH",
		func(c *Config) *string { return &c.Email.SMTP.Username }),
	secret(keySMTPPassword, "SMTP AUTH password", func(c *Config) *Secret { return &c.Email.SMTP.Password }),
}

// defaultMailer is email.mailer's default in mode m: dev logs, serve sends nothing until an
// SMTP server is configured.
func (m Mode) defaultMailer() string {
	if m == ModeServe {
		return mailerNone
	}
	return mailerLog
}

// validateEmail checks the e-mail keys; with email.mailer smtp, the whole SMTP config.
func (c Config) validateEmail(check func(string, error)) {
	check(keyEmailMailer, oneOf(c.Email.Mailer, mailerLog, mailerSMTP, mailerNone))
	if c.Email.Mailer == mailerSMTP {
		check("email", c.Email.smtp().Validate())
	}
}

// smtp is the notify config of the e-mail keys.
func (e EmailConfig) smtp() notify.Config {
	cfg := notify.DefaultConfig()
	cfg.Host, cfg.Port, cfg.From = e.SMTP.Host, e.SMTP.Port, e.From
	cfg.Username, cfg.Password = e.SMTP.Username, notify.Secret(e.SMTP.Password.Reveal())
	return cfg
}

// mailer returns the mailer that email.mailer names; nil for none.
func (e EmailConfig) mailer(log *slog.Logger) (citizens.Mailer, error) {
	switch e.Mailer {
	case mailerLog:
		log.Warn("email.mailer is log: verification e-mails are logged (recipient masked), not sent; for development only")
		return notify.NewLogMailer(log), nil
	case mailerSMTP:
		m, err := notify.NewSMTP(e.smtp())
		if err != nil {
			return nil, fmt.Errorf("config email: %w", err)
		}
		return m, nil
	case mailerNone:
		return nil, nil
	}
	return nil, fmt.Errorf("config %s: %w", keyEmailMailer, errors.New("unknown mailer"))
}
