package storage

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Sentinel errors returned (wrapped with what was being done) by this package; match them with
// errors.Is.
var (
	// ErrNotFound: the row does not exist, or a row it refers to does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a unique key is already taken, or the row is not in the state the change
	// requires (for example MarkOpSigned on an operation that is no longer pending).
	ErrConflict = errors.New("conflict")
	// ErrInsufficient: a guarded update matched nothing because the result would leave its
	// bounds (below zero, or above a quota).
	ErrInsufficient = errors.New("insufficient")
	// ErrInvalid: an argument is malformed (an unknown status, a malformed address, a bad config).
	ErrInvalid = errors.New("invalid argument")
	// ErrSchemaTooNew: the database was migrated by a newer pbnode than this binary.
	ErrSchemaTooNew = errors.New("database schema is newer than this binary")
)

// translate maps driver and gorm errors to the package sentinels; other errors pass unchanged.
func translate(err error) error {
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound), errors.Is(err, gorm.ErrForeignKeyViolated):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return ErrConflict
	}
	return err
}

// affected turns the outcome of an UPDATE by key into an error: the translated driver error,
// ErrNotFound when no row matched, or nil. what and args describe the operation.
func affected(err error, rows int64, what string, args ...any) error {
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), translate(err))
	case rows == 0:
		return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), ErrNotFound)
	}
	return nil
}
