package identity

import (
	"fmt"
	"time"
)

// Config holds the limits of sign-in and sessions.
type Config struct {
	CodeLength      int           // digits in an SMS code
	CodeTTL         time.Duration // how long a code may be used
	MaxAttempts     int           // verifications allowed per code
	RateWindow      time.Duration // the fixed window the three counts below are kept in
	SendsPerPhone   int           // codes sent to one phone per window
	RequestsPerIP   int           // StartSMS and VerifySMS calls per IP address (IPv6: per /64) per window
	LockoutFailures int           // wrong codes for one phone per window that lock it out
	LockoutDuration time.Duration // how long a lock-out lasts
	BearerTTL       time.Duration // lifetime of a bearer session
	CookieIdleTTL   time.Duration // a cookie session ends after this long unused ...
	CookieTTL       time.Duration // ... or this long after sign-in, whichever is first
}

// DefaultConfig returns the limits pbnode runs with.
func DefaultConfig() Config {
	return Config{
		CodeLength:      6,
		CodeTTL:         5 * time.Minute,
		MaxAttempts:     5,
		RateWindow:      time.Hour,
		SendsPerPhone:   5,
		RequestsPerIP:   30,
		LockoutFailures: 10,
		LockoutDuration: 30 * time.Minute,
		BearerTTL:       30 * 24 * time.Hour,
		CookieIdleTTL:   12 * time.Hour,
		CookieTTL:       12 * time.Hour,
	}
}

// Validate reports whether the config is usable; errors wrap ErrConfig.
func (c Config) Validate() error {
	switch {
	case c.CodeLength < 4 || c.CodeLength > 10:
		return fmt.Errorf("%w: code length %d is not 4 to 10", ErrConfig, c.CodeLength)
	case c.MaxAttempts < 1 || c.SendsPerPhone < 1 || c.RequestsPerIP < 1 || c.LockoutFailures < 1:
		return fmt.Errorf("%w: attempts, sends, requests and lock-out failures must be at least 1", ErrConfig)
	case c.CodeTTL <= 0 || c.RateWindow <= 0 || c.LockoutDuration <= 0:
		return fmt.Errorf("%w: code TTL, rate window and lock-out duration must be positive", ErrConfig)
	case c.BearerTTL <= 0 || c.CookieIdleTTL <= 0 || c.CookieTTL <= 0:
		return fmt.Errorf("%w: session lifetimes must be positive", ErrConfig)
	case c.CookieIdleTTL > c.CookieTTL:
		return fmt.Errorf("%w: cookie idle TTL %s exceeds cookie TTL %s", ErrConfig, c.CookieIdleTTL, c.CookieTTL)
	}
	return nil
}
