package citizens

import (
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/storage"
)

// Sentinel errors, stable for the API to map to error codes; errors are wrapped with what was
// being done, match them with errors.Is. A refusal of outside input also wraps the pii error
// that says what exactly is wrong (pii.ErrSNILSChecksum, pii.ErrPassportSeries, ...). No error
// message repeats the input.
var (
	ErrInvalidName         = errors.New("invalid full name")
	ErrInvalidSex          = errors.New("sex must be m or f")
	ErrInvalidBirthDate    = errors.New("invalid birth date")
	ErrInvalidEmail        = errors.New("invalid e-mail address")
	ErrInvalidChildren     = errors.New("invalid children's birth years")
	ErrInvalidAddress      = errors.New("invalid address")
	ErrInvalidAddressKind  = errors.New("address kind must be registration, residence or work")
	ErrInvalidTerritory    = errors.New("invalid territory code")
	ErrAddressTooSoon      = errors.New("address changed less than 3 months ago")
	ErrInvalidLevel        = errors.New("invalid verification level")
	ErrInvalidPassport     = errors.New("invalid passport")
	ErrInvalidSNILS        = errors.New("invalid SNILS")
	ErrInvalidFLS          = errors.New("invalid personal account number (FLS)")
	ErrInvalidPropertyCert = errors.New("invalid property certificate")
	ErrInvalidFlat         = errors.New("invalid flat address")
	ErrInvalidMinor        = errors.New("invalid minor")
	ErrInvalidRules        = errors.New("invalid round rules")
	// ErrProfileIncomplete: the check needs the full name and birth date in the profile.
	ErrProfileIncomplete = errors.New("profile lacks full name or birth date")
	// ErrIdentityLocked: the full name and birth date cannot change once a person check is
	// queued or verified.
	ErrIdentityLocked = errors.New("full name and birth date are verified or being verified")
	// ErrLevelOrder: the previous level is not verified yet.
	ErrLevelOrder = errors.New("previous verification level not reached")
	// ErrAlreadyVerified: the level is already reached.
	ErrAlreadyVerified = errors.New("already verified")
	// ErrVerificationPending: a request for the person, or for the flat, is already queued.
	ErrVerificationPending = errors.New("verification already pending")
	// ErrDocumentTaken: the document is verified for another user.
	ErrDocumentTaken = errors.New("document verified for another user")
	// ErrTooManyFlats: a citizen verifies at most two flats online.
	ErrTooManyFlats = errors.New("at most two flats are handled online")
	ErrUnknownUser  = errors.New("unknown user")
	ErrDeactivated  = errors.New("user deactivated")
	ErrConfig       = errors.New("invalid citizens config")
)

// AddressTooSoonError is ErrAddressTooSoon with the first instant the address may change.
type AddressTooSoonError struct {
	Kind        storage.AddressKind
	NextAllowed time.Time
}

func (e *AddressTooSoonError) Error() string {
	return fmt.Sprintf("%s: %s address may change from %s", ErrAddressTooSoon, e.Kind, e.NextAllowed.Format(time.DateOnly))
}

func (e *AddressTooSoonError) Unwrap() error { return ErrAddressTooSoon }
