package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"
)

// Errors of the SMTP mailer.
var (
	// ErrConfig: an SMTP configuration that Validate refuses.
	ErrConfig = errors.New("notify: invalid SMTP configuration")
	// ErrNoSTARTTLS: a server that is not on a loopback address offers no STARTTLS; nothing
	// is sent in clear.
	ErrNoSTARTTLS = errors.New("notify: the SMTP server offers no STARTTLS")
	// ErrRejected: the server refused the recipient for good (a 5xx reply to RCPT); sending
	// again will not help.
	ErrRejected = errors.New("notify: the SMTP server refused the recipient")
)

// Secret is a configuration value that never prints: fmt, slog and encoders see "REDACTED".
type Secret string

const redacted = "REDACTED"

// String returns "REDACTED", or "" for an empty secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// LogValue keeps slog from printing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText keeps encoders (JSON, YAML) from printing the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reveal returns the secret itself, for the one place that uses it.
func (s Secret) Reveal() string { return string(s) }

// Config is how the SMTP mailer reaches its submission server.
type Config struct {
	Host     string // the server's host name (checked against its certificate) or IP address
	Port     int    // 587, the submission port, by default; STARTTLS, never implicit TLS
	Username string // "": no AUTH
	Password Secret
	From     string        // the sender: a bare address, "pbnode@city.example"
	Timeout  time.Duration // of one whole conversation
}

// DefaultConfig returns the submission port and a 30-second timeout; Host and From are
// required.
func DefaultConfig() Config { return Config{Port: 587, Timeout: 30 * time.Second} }

// Validate reports the first problem, wrapping ErrConfig. It never quotes the password.
func (c Config) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrConfig}, a...)...)
	}
	switch {
	case c.Host == "" || strings.ContainsAny(c.Host, " \t\r\n/:@") && net.ParseIP(c.Host) == nil:
		return bad("host: want a host name or IP address, without a scheme or port")
	case c.Port < 1 || c.Port > 65535:
		return bad("port %d is not 1 to 65535", c.Port)
	case c.Port == 465:
		return bad("port 465 is implicit TLS, which is not supported: use 587 (STARTTLS)")
	case ValidateAddress(c.From) != nil:
		return bad("from: not a bare ASCII e-mail address")
	case c.Username == "" && c.Password != "":
		return bad("a password without a username")
	case c.Username != "" && c.Password == "":
		return bad("a username without a password")
	case strings.ContainsAny(c.Username, "\x00\r\n") || strings.ContainsAny(c.Password.Reveal(), "\x00\r\n"):
		return bad("the username or password holds a control character")
	case c.Timeout <= 0:
		return bad("timeout %s is not positive", c.Timeout)
	}
	return nil
}

// String renders c with the password redacted.
func (c Config) String() string {
	return fmt.Sprintf("host=%s port=%d username=%q password=%s from=%s timeout=%s",
		c.Host, c.Port, c.Username, c.Password, MaskAddress(c.From), c.Timeout)
}

// GoString keeps %#v from printing the password.
func (c Config) GoString() string { return "notify.Config{" + c.String() + "}" }

// LogValue keeps slog from printing the password.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.Port), slog.String("username", c.Username),
		slog.String("password", c.Password.String()), slog.String("from", c.From), slog.Duration("timeout", c.Timeout))
}

// loopback says whether host is localhost or a loopback IP address, where STARTTLS is not
// required.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SMTP sends messages through a submission server, one connection per message. It is safe for
// concurrent use.
type SMTP struct {
	cfg  Config
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
	tls  *tls.Config // nil: the system roots; tests set their own
}

// NewSMTP returns a mailer over cfg, after Validate.
func NewSMTP(cfg Config) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := &net.Dialer{}
	return &SMTP{cfg: cfg, dial: d.DialContext}, nil
}

// Send validates m and submits it: STARTTLS (required unless the host is loopback), AUTH PLAIN
// when a username is set, MAIL, RCPT, DATA, QUIT, all within the configured timeout and ctx.
// A recipient refused for good is ErrRejected.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := m.validate(); err != nil {
		return fmt.Errorf("send e-mail: %w", err)
	}
	id := newMessageID(domainOf(s.cfg.From))
	if err := s.send(ctx, m, compose(s.cfg.From, m, id, time.Now())); err != nil {
		return fmt.Errorf("send e-mail %s: %w", id, err)
	}
	return nil
}

func (s *SMTP) send(ctx context.Context, m Message, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	conn, err := s.dial(ctx, "tcp", net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)))
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	// Cancelling ctx ends a conversation blocked on the network at once.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		conn.Close()
		return s.ctxErr(ctx, fmt.Errorf("greeting: %w", err))
	}
	defer c.Close()
	if err := s.converse(c, m, msg); err != nil {
		return s.ctxErr(ctx, err)
	}
	return nil
}

// ctxErr prefers ctx's error (canceled or deadline) to the network error it caused; a
// connection deadline is the timeout's.
func (s *SMTP) ctxErr(ctx context.Context, err error) error {
	cause := ctx.Err()
	if cause == nil && errors.Is(err, os.ErrDeadlineExceeded) {
		cause = context.DeadlineExceeded
	}
	if cause != nil && !errors.Is(err, cause) {
		return fmt.Errorf("%w: %w", cause, err)
	}
	return err
}

// converse runs the SMTP commands after the greeting.
func (s *SMTP) converse(c *smtp.Client, m Message, msg []byte) error {
	if err := c.Hello("localhost"); err != nil {
		return fmt.Errorf("EHLO: %w", err)
	}
	if err := s.startTLS(c); err != nil {
		return err
	}
	if s.cfg.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("the server offers no AUTH, and a username is configured")
		}
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password.Reveal(), s.cfg.Host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := c.Mail(s.cfg.From); err != nil {
		return fmt.Errorf("MAIL: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		if te, ok := errors.AsType[*textproto.Error](err); ok && te.Code >= 500 {
			return fmt.Errorf("%w: RCPT: %d", ErrRejected, te.Code)
		}
		return fmt.Errorf("RCPT: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("QUIT: %w", err)
	}
	return nil
}

// startTLS upgrades the connection when the server offers STARTTLS, verifying its certificate
// for Host; without the offer it refuses unless the host is loopback.
func (s *SMTP) startTLS(c *smtp.Client) error {
	if ok, _ := c.Extension("STARTTLS"); !ok {
		if loopback(s.cfg.Host) {
			return nil
		}
		return ErrNoSTARTTLS
	}
	cfg := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	if s.tls != nil {
		cfg = s.tls.Clone()
		cfg.ServerName = s.cfg.Host
	}
	if err := c.StartTLS(cfg); err != nil {
		return fmt.Errorf("STARTTLS: %w", err)
	}
	return nil
}
