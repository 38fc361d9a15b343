package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	testFrom    = "pbnode@city.example"
	testTo      = "alice.ivanova@example.org"
	testSubject = "Проверка данных: заявка 42 — результат проверки личности по государственным реестрам"
	testText    = "Данные личности, уровень 1: подтверждены.\nЗаявка 42.\n\nЭто письмо отправлено автоматически."
)

// mailer returns an SMTP mailer for host whose connections go to srv.
func mailer(t *testing.T, srv *smtpServer, host string, edit func(*Config)) *SMTP {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Host, cfg.Port, cfg.From, cfg.Timeout = host, srv.port(), testFrom, 5*time.Second
	if edit != nil {
		edit(&cfg)
	}
	m, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr := srv.ln.Addr().String()
	d := &net.Dialer{}
	m.dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return m
}

func TestSMTPSendsRussianPlainText(t *testing.T) {
	t.Parallel()
	srv := startServer(t, &smtpServer{})
	m := mailer(t, srv, "127.0.0.1", nil)
	if err := m.Send(t.Context(), Message{To: testTo, Subject: testSubject, Text: testText}); err != nil {
		t.Fatal(err)
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("%d messages received, want 1", len(got))
	}
	r := got[0]
	if r.from != testFrom || len(r.to) != 1 || r.to[0] != testTo {
		t.Errorf("envelope = %q → %q, want %q → %q", r.from, r.to, testFrom, testTo)
	}
	if r.tls || r.user != "" {
		t.Errorf("tls = %v, user = %q on a loopback server without STARTTLS or AUTH", r.tls, r.user)
	}
	checkMessage(t, r.data, testTo, testSubject, testText)
}

// checkMessage parses an RFC 5322 message and checks its headers, encoding and content.
func checkMessage(t *testing.T, data []byte, to, subject, text string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if len(line) > 78 {
			t.Errorf("line %d has %d characters: %q", i, len(line), line)
		}
		for _, c := range []byte(line) {
			if c > 0x7e || c < 0x20 && c != '\t' {
				t.Fatalf("line %d is not printable ASCII: %q", i, line)
			}
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	if len(h) != 9 {
		t.Errorf("headers = %v, want 9", h)
	}
	if _, err := h.Date(); err != nil {
		t.Errorf("Date %q: %v", h.Get("Date"), err)
	}
	if id := h.Get("Message-ID"); !regexp.MustCompile(`^<[0-9a-f]{32}@city\.example>$`).MatchString(id) {
		t.Errorf("Message-ID = %q", id)
	}
	for k, want := range map[string]string{"From": testFrom, "To": to, "MIME-Version": "1.0",
		"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "base64", "Auto-Submitted": "auto-generated"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	dec := new(mime.WordDecoder)
	if got, err := dec.DecodeHeader(h.Get("Subject")); err != nil || got != subject {
		t.Errorf("Subject decodes to %q (%v), want %q", got, err, subject)
	}
	if _, params, err := mime.ParseMediaType(h.Get("Content-Type")); err != nil || params["charset"] != "UTF-8" {
		t.Errorf("Content-Type params = %v, %v", params, err)
	}
	body, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(text, "\n", "\r\n"); string(body) != want {
		t.Errorf("body = %q, want %q", body, want)
	}
}

// STARTTLS with a verified certificate and AUTH PLAIN, on a host that is not loopback.
func TestSMTPStartTLSAndAuth(t *testing.T) {
	t.Parallel()
	const host = "mail.example.org"
	cert, pool := testCert(t, host)
	srv := startServer(t, &smtpServer{tls: cert, user: "pbnode", pass: "s3cret-pa55"})
	m := mailer(t, srv, host, func(c *Config) { c.Username, c.Password = "pbnode", "s3cret-pa55" })
	m.tls = cert.Clone()
	m.tls.Certificates, m.tls.RootCAs = nil, pool
	if err := m.Send(t.Context(), Message{To: testTo, Subject: "Test", Text: "Привет"}); err != nil {
		t.Fatal(err)
	}
	got := srv.messages()
	if len(got) != 1 || !got[0].tls || got[0].user != "pbnode" {
		t.Fatalf("received %+v, want one message over TLS from user pbnode", got)
	}
	checkMessage(t, got[0].data, testTo, "Test", "Привет")

	t.Run("untrusted certificate", func(t *testing.T) {
		m := mailer(t, srv, host, func(c *Config) { c.Username, c.Password = "pbnode", "s3cret-pa55" })
		if err := m.Send(t.Context(), Message{To: testTo, Subject: "Test"}); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Errorf("err = %v, want a STARTTLS certificate error", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		m := mailer(t, srv, host, func(c *Config) { c.Username, c.Password = "pbnode", "wrong-pa55" })
		m.tls = &tls.Config{RootCAs: pool}
		err := m.Send(t.Context(), Message{To: testTo, Subject: "Test"})
		if err == nil || !strings.Contains(err.Error(), "AUTH") {
			t.Errorf("err = %v, want an AUTH error", err)
		}
		if err != nil && strings.Contains(err.Error(), "wrong-pa55") {
			t.Errorf("the error quotes the password: %v", err)
		}
	})
	if n := len(srv.messages()); n != 1 {
		t.Errorf("%d messages received, want 1", n)
	}
}

// A server that is not loopback and offers no STARTTLS gets nothing: no credentials, no MAIL.
func TestSMTPRequiresSTARTTLSOffLoopback(t *testing.T) {
	t.Parallel()
	srv := startServer(t, &smtpServer{user: "pbnode", pass: "pw"})
	m := mailer(t, srv, "mail.example.org", func(c *Config) { c.Username, c.Password = "pbnode", "pw" })
	if err := m.Send(t.Context(), Message{To: testTo, Subject: "Test"}); !errors.Is(err, ErrNoSTARTTLS) {
		t.Fatalf("err = %v, want ErrNoSTARTTLS", err)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("%d messages received, want 0", n)
	}
	// On loopback, a plain server is fine (a local relay).
	m = mailer(t, srv, "localhost", func(c *Config) { c.Username, c.Password = "pbnode", "pw" })
	if err := m.Send(t.Context(), Message{To: testTo, Subject: "Test"}); err != nil {
		t.Fatal(err)
	}
}

func TestSMTPRecipientRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code      int
		permanent bool
	}{{550, true}, {553, true}, {450, false}, {451, false}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			t.Parallel()
			srv := startServer(t, &smtpServer{rcptCode: tt.code})
			err := mailer(t, srv, "127.0.0.1", nil).Send(t.Context(), Message{To: testTo, Subject: "Test"})
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, ErrRejected) != tt.permanent {
				t.Errorf("err = %v; ErrRejected %v, want %v", err, errors.Is(err, ErrRejected), tt.permanent)
			}
			if strings.Contains(err.Error(), testTo) {
				t.Errorf("the error quotes the recipient: %v", err)
			}
			if n := len(srv.messages()); n != 0 {
				t.Errorf("%d messages received, want 0", n)
			}
		})
	}
}

// A server that never answers ends the conversation at the timeout, or when ctx is
// cancelled.
func TestSMTPTimeout(t *testing.T) {
	t.Parallel()
	srv := startServer(t, &smtpServer{stall: true})
	t.Run("timeout", func(t *testing.T) {
		m := mailer(t, srv, "127.0.0.1", func(c *Config) { c.Timeout = 100 * time.Millisecond })
		if err := m.Send(t.Context(), Message{To: testTo, Subject: "Test"}); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want a deadline error", err)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		m := mailer(t, srv, "127.0.0.1", nil) // 5s timeout: the cancel ends it first
		if err := m.Send(ctx, Message{To: testTo, Subject: "Test"}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// A message with a bad recipient or subject is refused before any connection.
func TestSMTPRefusesBadMessages(t *testing.T) {
	t.Parallel()
	srv := startServer(t, &smtpServer{})
	m := mailer(t, srv, "127.0.0.1", nil)
	tests := []struct {
		name string
		msg  Message
		want error
	}{
		{"empty recipient", Message{Subject: "s"}, ErrAddress},
		{"display name", Message{To: "Alice <a@example.org>", Subject: "s"}, ErrAddress},
		{"two recipients", Message{To: "a@example.org,b@example.org", Subject: "s"}, ErrAddress},
		{"CRLF in recipient", Message{To: "a@example.org\r\nBcc: b@example.org", Subject: "s"}, ErrAddress},
		{"LF in recipient", Message{To: "a@example.org\nBcc: b@example.org", Subject: "s"}, ErrAddress},
		{"Cyrillic recipient", Message{To: "почта@пример.рф", Subject: "s"}, ErrAddress},
		{"no dot in domain", Message{To: "a@localhost", Subject: "s"}, ErrAddress},
		{"CRLF in subject", Message{To: testTo, Subject: "Тема\r\nBcc: b@example.org"}, ErrHeader},
		{"LF in subject", Message{To: testTo, Subject: "Тема\nBcc: b@example.org"}, ErrHeader},
		{"CR in subject", Message{To: testTo, Subject: "Тема\rX"}, ErrHeader},
		{"NUL in subject", Message{To: testTo, Subject: "a\x00b"}, ErrHeader},
		{"invalid UTF-8 subject", Message{To: testTo, Subject: "\xff"}, ErrHeader},
		{"invalid UTF-8 text", Message{To: testTo, Subject: "s", Text: "\xff"}, ErrBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := m.Send(t.Context(), tt.msg); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if n := srv.connections(); n != 0 {
		t.Errorf("%d connections, want 0", n)
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	ok := DefaultConfig()
	ok.Host, ok.From = "smtp.city.example", testFrom
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"defaults with host and from", func(*Config) {}, true},
		{"auth", func(c *Config) { c.Username, c.Password = "u", "pw-secret" }, true},
		{"IPv6 host", func(c *Config) { c.Host = "::1" }, true},
		{"no host", func(c *Config) { c.Host = "" }, false},
		{"host with port", func(c *Config) { c.Host = "smtp.city.example:587" }, false},
		{"host with scheme", func(c *Config) { c.Host = "smtp://smtp.city.example" }, false},
		{"port 0", func(c *Config) { c.Port = 0 }, false},
		{"port 70000", func(c *Config) { c.Port = 70000 }, false},
		{"port 465", func(c *Config) { c.Port = 465 }, false},
		{"no from", func(c *Config) { c.From = "" }, false},
		{"from with name", func(c *Config) { c.From = "Город <pbnode@city.example>" }, false},
		{"password without user", func(c *Config) { c.Password = "pw-secret" }, false},
		{"user without password", func(c *Config) { c.Username = "u" }, false},
		{"CR in password", func(c *Config) { c.Username, c.Password = "u", "pw-secret\r\nQUIT" }, false},
		{"zero timeout", func(c *Config) { c.Timeout = 0 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrConfig) {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && c.Password != "" && strings.Contains(err.Error(), c.Password.Reveal()) {
				t.Errorf("the error quotes the password: %v", err)
			}
		})
	}
}

func TestConfigNeverPrintsPassword(t *testing.T) {
	t.Parallel()
	const pw = "very-s3cret-pa55"
	c := DefaultConfig()
	c.Host, c.From, c.Username, c.Password = "smtp.city.example", testFrom, "pbnode", pw
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "smtp", c, "password", c.Password)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "smtp", c)
	js, _ := json.Marshal(struct{ P Secret }{c.Password})
	out := fmt.Sprintf("%v %+v %#v %s %v %#v", c, c, c, c.Password, c.Password, c.Password) + logs.String() + string(js)
	if strings.Contains(out, pw) {
		t.Fatalf("a rendering holds the password:\n%s", out)
	}
	if !strings.Contains(out, redacted) || !strings.Contains(out, "smtp.city.example") {
		t.Errorf("a rendering lost what is not secret:\n%s", out)
	}
}

func TestMaskAddress(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"alice@example.org", "a***@example.org"},
		{"a@example.org", "a***@example.org"},
		{"", ""},
		{"not an address", "***"},
		{"@example.org", "***"},
		{"alice@", "***"},
		{"a@b@example.org", "***"},
	}
	for _, tt := range tests {
		if got := MaskAddress(tt.in); got != tt.want {
			t.Errorf("MaskAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The development mailer logs the ID, subject and masked recipient, never the address in
// clear nor the text.
func TestLogMailer(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	m := NewLogMailer(slog.New(slog.NewJSONHandler(&logs, nil)))
	const text = "секретный текст 1234"
	msg := Message{To: testTo, Subject: testSubject, Text: text}
	if err := m.Send(t.Context(), msg); err != nil {
		t.Fatal(err)
	}
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("message", "msg", msg)
	fmt.Fprintf(&logs, "%v %+v %#v %s", msg, msg, msg, msg)
	var entry map[string]any
	if err := json.NewDecoder(bytes.NewReader(logs.Bytes())).Decode(&entry); err != nil {
		t.Fatal(err)
	}
	if entry["to"] != "a***@example.org" || entry["subject"] != testSubject || entry["message_id"] == "" {
		t.Errorf("logged %v", entry)
	}
	if out := logs.String(); strings.Contains(out, testTo) || strings.Contains(out, text) || strings.Contains(out, "alice") {
		t.Errorf("the log holds the address or the text:\n%s", out)
	}
	if err := m.Send(t.Context(), Message{To: testTo, Subject: "a\nBcc: x@example.org"}); !errors.Is(err, ErrHeader) {
		t.Errorf("err = %v, want ErrHeader", err)
	}
}
