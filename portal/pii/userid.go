package pii

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrUserIDFormat is the error of ParseUserID. The API maps it to a stable error code.
var ErrUserIDFormat = errors.New("user ID must be 12 digits")

// The range of user IDs: twelve digits, never a leading zero.
const (
	minUserID   = 100_000_000_000
	userIDSpan  = 900_000_000_000 // 999_999_999_999 - minUserID + 1
	userIDBytes = 5               // 2^40 > userIDSpan
	maxDraws    = 64              // a good source fails all 64 with probability 0.18^64
)

// UserID is a citizen's unique user ID: a random twelve-digit number given
// once at registration and never changed. It is published with the citizen's votes in the
// open data, so it is not secret and prints as itself. In JSON and text it is a
// string of twelve digits.
type UserID uint64

// NewUserID draws a user ID uniformly from 100000000000 to 999999999999, so that it always
// has twelve digits, reading random bytes from rand (crypto/rand.Reader in production). It
// draws 40 bits and rejects values past the span rather than reducing them modulo it, so
// every ID is equally likely.
//
// The ID is random, not checked against those already given: uniqueness is the database's
// job, through a unique index on the column, and a caller that hits it draws again.
func NewUserID(rand io.Reader) (UserID, error) {
	var b [userIDBytes]byte
	for range maxDraws {
		if _, err := io.ReadFull(rand, b[:]); err != nil {
			return 0, fmt.Errorf("new user ID: %w", err)
		}
		var v uint64
		for _, c := range b {
			v = v<<8 | uint64(c)
		}
		if v < userIDSpan {
			return UserID(minUserID + v), nil
		}
	}
	return 0, errors.New("new user ID: random source out of range too often")
}

// ParseUserID accepts twelve digits, the first not zero, with spaces and dashes anywhere so
// that a code read out as "1234 5678 9012" is accepted.
func ParseUserID(s string) (UserID, error) {
	d, ok := digitsOf(s, "-")
	if !ok || len(d) != 12 || d[0] == '0' {
		return 0, ErrUserIDFormat
	}
	v, err := strconv.ParseUint(d, 10, 64)
	if err != nil {
		return 0, ErrUserIDFormat
	}
	return UserID(v), nil
}

// Valid reports whether id is in the range NewUserID draws from.
func (id UserID) Valid() bool { return id >= minUserID && id < minUserID+userIDSpan }

// String returns the twelve digits.
func (id UserID) String() string { return strconv.FormatUint(uint64(id), 10) }

// MarshalText encodes the twelve digits.
func (id UserID) MarshalText() ([]byte, error) {
	if !id.Valid() {
		return nil, ErrUserIDFormat
	}
	return []byte(id.String()), nil
}

// UnmarshalText decodes an ID as ParseUserID does.
func (id *UserID) UnmarshalText(text []byte) error {
	v, err := ParseUserID(string(text))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
