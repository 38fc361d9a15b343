package siwe

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Parse reads an EIP-4361 message. Any text the ABNF rejects (and the forms listed in the
// package documentation) gives an error that wraps ErrMalformed and names the line.
// For a parsed message m, m.String() == text.
func Parse(text string) (*Message, error) {
	p := &parser{lines: strings.Split(text, "\n")}
	m := &Message{}
	for _, step := range []func(*Message) error{
		p.header, p.address, p.statement, p.fields, p.optionalFields, p.resources, p.end,
	} {
		if err := step(m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// parser walks the lines of a message; n is the index of the next line to read.
type parser struct {
	lines []string
	n     int
}

// errorf reports a fault in the next line.
func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrMalformed, p.n+1, fmt.Sprintf(format, args...))
}

// badValue reports a fault in the value of the line just read.
func (p *parser) badValue(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrMalformed, p.n, fmt.Sprintf(format, args...))
}

// peek returns the line i lines ahead of the next one.
func (p *parser) peek(i int) (string, bool) {
	if p.n+i >= len(p.lines) {
		return "", false
	}
	return p.lines[p.n+i], true
}

// field reads the next line, which must start with prefix, and returns the rest.
func (p *parser) field(prefix string) (string, error) {
	line, ok := p.peek(0)
	if !ok {
		return "", p.errorf("missing %q", prefix)
	}
	v, ok := strings.CutPrefix(line, prefix)
	if !ok {
		return "", p.errorf("want %q", prefix)
	}
	p.n++
	return v, nil
}

// optional reads the next line when it starts with prefix.
func (p *parser) optional(prefix string) (string, bool) {
	line, _ := p.peek(0)
	v, ok := strings.CutPrefix(line, prefix)
	if ok {
		p.n++
	}
	return v, ok
}

func (p *parser) blank() error {
	if line, ok := p.peek(0); !ok || line != "" {
		return p.errorf("want an empty line")
	}
	p.n++
	return nil
}

// header reads "[scheme "://"] domain wants you to sign in with your Ethereum account:".
func (p *parser) header(m *Message) error {
	line, _ := p.peek(0)
	origin, ok := strings.CutSuffix(line, headerSuffix)
	if !ok {
		return p.errorf("want %q at the end", headerSuffix)
	}
	if scheme, domain, ok := strings.Cut(origin, "://"); ok {
		if !isScheme(scheme) {
			return p.errorf("scheme %q is not an RFC 3986 scheme", scheme)
		}
		m.Scheme, origin = scheme, domain
	}
	if host, ok := authority(origin); !ok || host == "" {
		return p.errorf("domain %q is not an RFC 3986 authority with a host", origin)
	}
	m.Domain = origin
	p.n++
	return nil
}

// address reads the EIP-55 checksummed address and the empty line after it.
func (p *parser) address(m *Message) error {
	line, _ := p.peek(0)
	if len(line) != 42 || !strings.HasPrefix(line, "0x") || !common.IsHexAddress(line) {
		return p.errorf("want an address, 0x and 40 hex digits")
	}
	a := common.HexToAddress(line)
	if a.Hex() != line {
		return p.errorf("address lacks its EIP-55 checksum")
	}
	m.Address = a
	p.n++
	return p.blank()
}

// statement reads "[ statement LF ] LF". A statement is present when the line after the next
// one is empty: without a statement the next line is empty and the one after it is the URI.
func (p *parser) statement(m *Message) error {
	if after, ok := p.peek(1); ok && after == "" {
		s, _ := p.peek(0)
		if !chars(s, isStatementChar, false) {
			return p.errorf("statement has a character outside RFC 3986 reserved, unreserved and space")
		}
		m.Statement = &s
		p.n++
	}
	return p.blank()
}

// fields reads the required fields from URI to Issued At.
func (p *parser) fields(m *Message) error {
	var err error
	if m.URI, err = p.field("URI: "); err != nil {
		return err
	}
	if !isURI(m.URI) {
		return p.badValue("URI %q is not an RFC 3986 URI", m.URI)
	}
	if v, err := p.field("Version: "); err != nil {
		return err
	} else if v != "1" {
		return p.badValue("version %q, want 1", v)
	}
	if m.ChainID, err = p.chainID(); err != nil {
		return err
	}
	if m.Nonce, err = p.field("Nonce: "); err != nil {
		return err
	}
	if len(m.Nonce) < 8 || !chars(m.Nonce, isAlphaNum, false) {
		return p.badValue("nonce must be at least 8 ASCII letters and digits")
	}
	m.IssuedAt, err = p.field("Issued At: ")
	if err != nil {
		return err
	}
	return p.dateTime(m.IssuedAt)
}

func (p *parser) chainID() (uint64, error) {
	v, err := p.field("Chain ID: ")
	if err != nil {
		return 0, err
	}
	if v == "" || !chars(v, isDigit, false) || (v[0] == '0' && v != "0") {
		return 0, p.badValue("chain id %q is not a decimal number without leading zeros", v)
	}
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, p.badValue("chain id %q does not fit 64 bits", v)
	}
	return id, nil
}

func (p *parser) dateTime(s string) error {
	if _, ok := parseDateTime(s); !ok {
		return p.badValue("%q is not an RFC 3339 date-time", s)
	}
	return nil
}

// optionalFields reads Expiration Time, Not Before and Request ID, each when present, in
// this order.
func (p *parser) optionalFields(m *Message) error {
	if v, ok := p.optional("Expiration Time: "); ok {
		if err := p.dateTime(v); err != nil {
			return err
		}
		m.ExpirationTime = v
	}
	if v, ok := p.optional("Not Before: "); ok {
		if err := p.dateTime(v); err != nil {
			return err
		}
		m.NotBefore = v
	}
	if v, ok := p.optional("Request ID: "); ok {
		if !chars(v, isPchar, true) {
			return p.badValue("request id has a character outside RFC 3986 pchar")
		}
		m.RequestID = &v
	}
	return nil
}

// resources reads "Resources:" and the "- URI" lines after it, when present.
func (p *parser) resources(m *Message) error {
	if line, _ := p.peek(0); line != "Resources:" {
		return nil
	}
	p.n++
	m.Resources = []string{}
	for p.n < len(p.lines) {
		r, err := p.field("- ")
		if err != nil {
			return err
		}
		if !isURI(r) {
			return p.badValue("resource %q is not an RFC 3986 URI", r)
		}
		m.Resources = append(m.Resources, r)
	}
	return nil
}

func (p *parser) end(*Message) error {
	if p.n < len(p.lines) {
		return p.errorf("unexpected line (fields out of order, unknown, or a trailing line break)")
	}
	return nil
}
