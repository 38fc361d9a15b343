package notify

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// FuzzMessage: whatever the recipient, subject and text, a message is refused or renders as
// exactly the nine headers with the same recipient and subject, lines of printable ASCII of
// at most 78 characters (the To line excepted: an address does not fold), and the text in the
// body. A CR or LF in the recipient or subject is always
// refused, so no input injects a header.
func FuzzMessage(f *testing.F) {
	f.Add(testTo, testSubject, testText)
	f.Add("a@example.org", "Test", "")
	f.Add("a@example.org\r\nBcc: b@example.org", "s", "t")
	f.Add("a@example.org", "s\r\nBcc: b@example.org", "t")
	f.Add("a@example.org", "=?UTF-8?B?0J8=?=", "\r\n.\r\n")
	f.Add("\"a b\"@example.org", "ё"+strings.Repeat("я", 100), "x\ry\nz")
	f.Add("почта@пример.рф", "", "")
	f.Fuzz(func(t *testing.T, to, subject, text string) {
		m := Message{To: to, Subject: subject, Text: text}
		err := m.validate()
		if strings.ContainsAny(to, "\r\n") && !errors.Is(err, ErrAddress) {
			t.Fatalf("recipient %q: err = %v, want ErrAddress", to, err)
		}
		if err == nil && strings.ContainsAny(subject, "\r\n") {
			t.Fatalf("subject %q accepted", subject)
		}
		if err != nil {
			if len(to) >= 8 && strings.Contains(err.Error(), to) || len(subject) >= 8 && strings.Contains(err.Error(), subject) {
				t.Fatalf("the error %q quotes the input", err)
			}
			return
		}
		data := compose(testFrom, m, newMessageID("city.example"), time.Unix(1_800_000_000, 0))
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
			if len(line) > 78 && !strings.HasPrefix(line, "To: ") || len(line) > 998 { // an address does not fold
				t.Fatalf("line of %d characters: %q", len(line), line)
			}
			for _, c := range []byte(line) {
				if c < 0x20 || c > 0x7e {
					t.Fatalf("line %q holds byte %#x", line, c)
				}
			}
		}
		msg, err := mail.ReadMessage(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the message does not parse: %v\n%s", err, data)
		}
		if len(msg.Header) != 9 || len(msg.Header["To"]) != 1 || msg.Header.Get("To") != to {
			t.Fatalf("headers %v, want 9 with To %q", msg.Header, to)
		}
		got, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || got != subject {
			t.Fatalf("subject %q decodes to %q (%v)", subject, got, err)
		}
		body, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, msg.Body))
		if err != nil || string(body) != crlf(text) {
			t.Fatalf("body %q (%v), want %q", body, err, crlf(text))
		}
	})
}
