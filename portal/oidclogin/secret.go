package oidclogin

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is what every printed or logged form of a Secret shows.
const redacted = "[REDACTED]"

// Secret is a credential that never appears in print, logs or JSON: fmt (every verb), slog,
// encoding/json and encoding/text see only "[REDACTED]". Convert it with string(s) at the one
// place that sends it to the provider.
//
// fmt cannot call methods on an unexported struct field, so keep a Secret (or a Config) in
// exported fields or local variables only.
type Secret string

// String implements fmt.Stringer.
func (Secret) String() string { return redacted }

// GoString implements fmt.GoStringer.
func (Secret) GoString() string { return `oidclogin.Secret("` + redacted + `")` }

// Format implements fmt.Formatter, so that no verb (%d, %x, ...) falls through to the raw string.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, s.GoString())
		return
	}
	if verb == 'q' {
		io.WriteString(f, `"`+redacted+`"`)
		return
	}
	io.WriteString(f, redacted)
}

// LogValue implements slog.LogValuer.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText implements encoding.TextMarshaler; encoding/json uses it too.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
