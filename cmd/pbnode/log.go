package main

import (
	"io"
	"log/slog"
)

// newLogger writes c.Format ("json", otherwise text) records at c.Level and above to w
// (stderr in the commands). Config.Validate has already checked the format.
func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.Level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
