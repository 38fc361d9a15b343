package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors of the messages a mailer refuses before sending anything. Their messages never
// repeat the address or the subject.
var (
	// ErrAddress: a recipient or sender that is not a bare ASCII e-mail address.
	ErrAddress = errors.New("notify: not a bare ASCII e-mail address")
	// ErrHeader: a subject with a control character (CR or LF could inject a header), or
	// with invalid UTF-8.
	ErrHeader = errors.New("notify: subject holds a control character or invalid UTF-8")
	// ErrBody: a text that is not valid UTF-8.
	ErrBody = errors.New("notify: text is not valid UTF-8")
)

// Limits of a message.
const (
	maxAddressBytes = 254 // RFC 5321 path limit less the angle brackets
	maxLocalBytes   = 64
	maxSubjectBytes = 512
	lineBytes       = 76 // base64 body line length (RFC 2045)
	maxWordBytes    = 42 // text of one encoded word: 56 base64 characters, 68 in all
)

// Message is one e-mail: a recipient, a subject and a plain text, which may be Russian. It
// prints (fmt, slog) with the recipient masked and without the text.
type Message struct {
	To      string // a bare address: "name@example.org"
	Subject string
	Text    string
}

// Mailer sends a message. An implementation must not log the recipient in clear, nor the
// text.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// String renders m with the recipient masked and the text's length only.
func (m Message) String() string {
	return fmt.Sprintf("to=%s subject=%q text=%d bytes", MaskAddress(m.To), m.Subject, len(m.Text))
}

// GoString keeps %#v from printing the recipient or the text.
func (m Message) GoString() string { return "notify.Message{" + m.String() + "}" }

// LogValue keeps slog from printing the recipient in clear or the text.
func (m Message) LogValue() slog.Value {
	return slog.GroupValue(slog.String("to", MaskAddress(m.To)), slog.String("subject", m.Subject),
		slog.Int("text_bytes", len(m.Text)))
}

// validate checks the recipient, subject and text.
func (m Message) validate() error {
	if err := ValidateAddress(m.To); err != nil {
		return fmt.Errorf("recipient: %w", err)
	}
	if !validSubject(m.Subject) {
		return ErrHeader
	}
	if !utf8.ValidString(m.Text) {
		return ErrBody
	}
	return nil
}

// ValidateAddress accepts a bare ASCII addr-spec: no display name or comment, a local part of
// 1 to 64 bytes, a dotted domain, at most 254 bytes in all, no white space or control
// character. Anything else is ErrAddress.
func ValidateAddress(s string) error {
	if s == "" || len(s) > maxAddressBytes || strings.ContainsAny(s, " <>()\",;\\[]") {
		return ErrAddress
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return ErrAddress
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return ErrAddress
	}
	local, domain, _ := strings.Cut(s, "@")
	if local == "" || len(local) > maxLocalBytes || strings.Contains(domain, "@") || !strings.Contains(domain, ".") ||
		strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return ErrAddress
	}
	return nil
}

// MaskAddress renders an address for logs: the first character of the local part and the
// domain, "a***@example.org". Something that is not an address is "***"; "" stays "".
func MaskAddress(s string) string {
	if s == "" {
		return ""
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || ValidateAddress(s) != nil {
		return "***"
	}
	return s[:1] + "***" + s[at:]
}

// validSubject accepts valid UTF-8 of at most maxSubjectBytes without control characters.
func validSubject(s string) bool {
	if len(s) > maxSubjectBytes || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// newMessageID returns a fresh Message-ID (with angle brackets) at domain.
func newMessageID(domain string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return "<" + hex.EncodeToString(b) + "@" + domain + ">"
}

// domainOf is the domain of a validated address.
func domainOf(addr string) string { return addr[strings.LastIndexByte(addr, '@')+1:] }

// compose renders m from from as an RFC 5322 message with CRLF line ends: the headers, then a
// base64 UTF-8 text/plain body. from and m must be valid (validate, ValidateAddress).
func compose(from string, m Message, id string, date time.Time) []byte {
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("Date", date.Format(time.RFC1123Z))
	header("From", from)
	header("To", m.To)
	header("Subject", encodeSubject(m.Subject))
	header("Message-ID", id)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies
	b.WriteString("\r\n")
	body := base64.StdEncoding.EncodeToString([]byte(crlf(m.Text)))
	for len(body) > lineBytes {
		b.WriteString(body[:lineBytes] + "\r\n")
		body = body[lineBytes:]
	}
	if body != "" {
		b.WriteString(body + "\r\n")
	}
	return b.Bytes()
}

// encodeSubject leaves a subject of plain printable ASCII as it is and encodes any other as
// RFC 2047 B encoded words of whole UTF-8 characters, one per folded line, so that no line
// passes 78 characters. A subject that holds "=?" is encoded too (a reader would take the text
// for an encoded word), one with a space at either end (readers trim it), and one too long
// for the line.
func encodeSubject(s string) string {
	plain := !strings.Contains(s, "=?") && strings.TrimSpace(s) == s && len("Subject: "+s) <= 78
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] <= 0x7e
	}
	if plain {
		return s
	}
	var words []string
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxWordBytes {
				break
			}
			n += size
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, "\r\n ")
}

// crlf turns every line end of a text into CRLF, the canonical form of text/plain.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}
