// Package logtest captures what a test's services log (or a child process prints), for tests
// that read it back: a sign-in code from the development SMS gateway, or a scan for personal
// data.
package logtest

import (
	"bytes"
	"sync"
)

// Buffer is an io.Writer that several goroutines may write at once while a test reads it.
// The zero value is ready to use.
type Buffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len is how many bytes were written so far, to read only what comes after.
func (b *Buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
