package pii_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	randv2 "math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestParseUserID(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    pii.UserID
		wantErr error
	}{
		// twelve digits, read out in groups.
		{"twelve digits", "123456789012", 123456789012, nil},
		{"groups of four", "1234 5678 9012", 123456789012, nil},
		{"dashes", "1234-5678-9012", 123456789012, nil},
		{"smallest", "100000000000", 100000000000, nil},
		{"largest", "999999999999", 999999999999, nil},

		{"leading zero", "012345678901", 0, pii.ErrUserIDFormat},
		{"eleven digits", "12345678901", 0, pii.ErrUserIDFormat},
		{"thirteen digits", "1234567890123", 0, pii.ErrUserIDFormat},
		{"empty", "", 0, pii.ErrUserIDFormat},
		{"letters", "1234 5678 901O", 0, pii.ErrUserIDFormat},
		{"underscores", "1234_5678_9012", 0, pii.ErrUserIDFormat},
		{"sign", "+123456789012", 0, pii.ErrUserIDFormat},
		{"past the input bound", "123456789012" + strings.Repeat("-", 64), 0, pii.ErrUserIDFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParseUserID(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseUserID(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseUserID(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestUserIDValidAndText(t *testing.T) {
	for _, tt := range []struct {
		id   pii.UserID
		want bool
	}{
		{0, false},
		{99_999_999_999, false},
		{100_000_000_000, true},
		{999_999_999_999, true},
		{1_000_000_000_000, false},
	} {
		if got := tt.id.Valid(); got != tt.want {
			t.Errorf("UserID(%d).Valid() = %v, want %v", tt.id, got, tt.want)
		}
		if _, err := tt.id.MarshalText(); (err == nil) != tt.want {
			t.Errorf("UserID(%d).MarshalText() error = %v", tt.id, err)
		}
	}

	type record struct {
		ID pii.UserID `json:"id"`
	}
	in := record{ID: 123456789012}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"id":"123456789012"}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	var out record
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("json round trip = %+v, %v; want %+v", out, err, in)
	}
	if err := json.Unmarshal([]byte(`{"id":"012345678901"}`), &out); !errors.Is(err, pii.ErrUserIDFormat) {
		t.Errorf("json.Unmarshal of a leading zero: error = %v, want %v", err, pii.ErrUserIDFormat)
	}
	if _, err := json.Marshal(record{}); !errors.Is(err, pii.ErrUserIDFormat) {
		t.Errorf("json.Marshal of the zero ID: error = %v, want %v", err, pii.ErrUserIDFormat)
	}
}

// scripted returns a reader of the given hex bytes, then EOF.
func scripted(t *testing.T, hexBytes string) *bytes.Reader {
	t.Helper()
	b, err := hex.DecodeString(hexBytes)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

// TestNewUserIDRejection checks the edges of the 40-bit draw: values past the span are drawn
// again, never reduced modulo the span.
func TestNewUserIDRejection(t *testing.T) {
	tests := []struct {
		name     string
		draws    string // 5 bytes a draw, big-endian
		want     pii.UserID
		wantLeft int // bytes not read
	}{
		{"zero draws the smallest ID", "0000000000", 100_000_000_000, 0},
		{"span - 1 draws the largest ID", "d18c2e27ff", 999_999_999_999, 0},
		{"span is drawn again", "d18c2e2800" + "0000000001", 100_000_000_001, 0},
		{"2^40 - 1 is drawn again", "ffffffffff" + "ffffffffff" + "0000000002" + "aa", 100_000_000_002, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scripted(t, tt.draws)
			got, err := pii.NewUserID(r)
			if err != nil || got != tt.want {
				t.Fatalf("NewUserID = %d, %v; want %d", got, err, tt.want)
			}
			if r.Len() != tt.wantLeft {
				t.Errorf("NewUserID left %d bytes unread, want %d", r.Len(), tt.wantLeft)
			}
		})
	}
}

func TestNewUserIDErrors(t *testing.T) {
	if _, err := pii.NewUserID(strings.NewReader("")); !errors.Is(err, io.EOF) {
		t.Errorf("empty source: error = %v, want %v", err, io.EOF)
	}
	if _, err := pii.NewUserID(strings.NewReader("abc")); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short source: error = %v, want %v", err, io.ErrUnexpectedEOF)
	}
	boom := errors.New("entropy source failed")
	if _, err := pii.NewUserID(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("failing source: error = %v, want %v", err, boom)
	}
	// A source that is always out of range gives up rather than looping for ever.
	if _, err := pii.NewUserID(bytes.NewReader(bytes.Repeat([]byte{0xff}, 1<<12))); err == nil {
		t.Error("a source always past the span: no error")
	}
}

// TestNewUserIDDistribution draws from a seeded generator, so the result is the same on
// every run and the check cannot flake; the seed is arbitrary. The first digit is never 0
// always twelve digits), and every digit value shows at every other position. The
// first digit's counts stay near 1/9 each: drawing 40 bits and reducing them modulo the
// span would make 1 and 2 about twice as common as the others.
func TestNewUserIDDistribution(t *testing.T) {
	const draws = 10_000
	src := randv2.NewChaCha8([32]byte{'p', 'b', 'n', 'o', 'd', 'e'})
	var counts [12][10]int
	for range draws {
		id, err := pii.NewUserID(src)
		if err != nil {
			t.Fatal(err)
		}
		s := id.String()
		if len(s) != 12 || !id.Valid() {
			t.Fatalf("NewUserID = %s, not twelve digits", s)
		}
		for pos, c := range s {
			counts[pos][c-'0']++
		}
	}
	if counts[0][0] != 0 {
		t.Errorf("first digit 0 drawn %d times", counts[0][0])
	}
	for d := 1; d <= 9; d++ {
		if n := counts[0][d]; n < draws/9*8/10 || n > draws/9*12/10 {
			t.Errorf("first digit %d drawn %d times in %d, want about %d", d, n, draws, draws/9)
		}
	}
	for pos := 1; pos < 12; pos++ {
		for d, n := range counts[pos] {
			if n == 0 {
				t.Errorf("digit %d never drawn at position %d", d, pos+1)
			}
		}
	}
}

func TestNewUserIDCryptoRand(t *testing.T) {
	for range 100 {
		id, err := pii.NewUserID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pii.ParseUserID(id.String())
		if err != nil || got != id {
			t.Fatalf("ParseUserID(%s) = %d, %v; want the ID back", id, got, err)
		}
	}
}
