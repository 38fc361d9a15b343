package initiatives

import "errors"

// Sentinel errors; match them with errors.Is. Messages never repeat the input.
var (
	// ErrInvalid: a field is missing, too long or malformed, or the cost is not positive.
	ErrInvalid = errors.New("invalid initiative")
	// ErrUnknownCategory: the category or subcategory is not in the configured list.
	ErrUnknownCategory = errors.New("unknown category")
	// ErrInvalidPhoto: a photo is not a JPEG, PNG or WebP image by its bytes, or is malformed.
	ErrInvalidPhoto = errors.New("invalid photo")
	// ErrPhotoTooLarge: a photo is over the size cap.
	ErrPhotoTooLarge = errors.New("photo too large")
	// ErrTooManyPhotos: more photos than the cap of one initiative or post.
	ErrTooManyPhotos = errors.New("too many photos")
	// ErrNotFound: no such initiative (or it is not visible to the caller), or no such photo.
	ErrNotFound = errors.New("initiative not found")
	// ErrForbidden: the caller's role or territory does not allow the action.
	ErrForbidden = errors.New("forbidden")
	// ErrNotVerified: the caller is not a verified citizen of the required level.
	ErrNotVerified = errors.New("not a verified citizen")
	// ErrTransition: the initiative's state does not allow the action.
	ErrTransition = errors.New("invalid transition")
	// ErrReasonRequired: a rejection needs a reason.
	ErrReasonRequired = errors.New("rejection needs a reason")
	// ErrAlreadySupported: the citizen supports the initiative already.
	ErrAlreadySupported = errors.New("already supported")
	// ErrNotSupported: the citizen does not support the initiative.
	ErrNotSupported = errors.New("not supported")
	// ErrSupportClosed: the support deadline has passed.
	ErrSupportClosed = errors.New("support deadline passed")
	// ErrSupportOpen: the support deadline has not passed yet, so the outcome is not known.
	ErrSupportOpen = errors.New("support still open")
	// ErrRoundNotFinalized: the round is not finalized yet, so funding is not known.
	ErrRoundNotFinalized = errors.New("round not finalized")
	// ErrConfig: the configuration is unusable.
	ErrConfig = errors.New("invalid initiatives config")
)
