package pabulib

import (
	"errors"
	"fmt"
)

// Kinds of parse error; match them with errors.Is.
var (
	ErrSyntax         = errors.New("syntax error")       // quotes, field counts, bad UTF-8
	ErrSection        = errors.New("bad section")        // missing, repeated or out of order
	ErrColumn         = errors.New("bad column line")    // a required column missing or repeated
	ErrNumber         = errors.New("not a whole number") // cost, votes, budget, points, ...
	ErrDuplicate      = errors.New("duplicate")          // project, voter or META key
	ErrUnknownProject = errors.New("unknown project")    // a vote names a project not in PROJECTS
	ErrMismatch       = errors.New("mismatch")           // points vs vote length, num_votes, ...
	ErrMissing        = errors.New("missing value")      // budget, a project id, a voter id
	ErrVoteType       = errors.New("unsupported vote_type")
)

// Error is a parse error at a line of the input (1-based; 0 when not tied to a line).
type Error struct {
	Line int
	Kind error // one of the Err* values above
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("pabulib: %s: %s", e.Kind, e.Msg)
	}
	return fmt.Sprintf("pabulib: line %d: %s: %s", e.Line, e.Kind, e.Msg)
}

func (e *Error) Unwrap() error { return e.Kind }

func errorf(line int, kind error, format string, args ...any) error {
	return &Error{Line: line, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}
