// Package fake holds the test doubles that the portal's tests share: a clock that moves only
// when told and an SMS gateway that records messages instead of sending them.
package fake

import (
	"sync"
	"time"
)

// Clock is a clock that moves only when told. Its zero value reads the zero time.
type Clock struct {
	mu sync.Mutex // guards t
	t  time.Time
}

// NewClock returns a clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
