package storage

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// UserStatus is whether a user may sign in.
type UserStatus string

// User statuses.
const (
	UserActive      UserStatus = "active"
	UserDeactivated UserStatus = "deactivated"
)

func (s UserStatus) valid() bool {
	return slices.Contains([]UserStatus{UserActive, UserDeactivated}, s)
}

// maxIdentityText bounds the free-form identity columns (OIDC issuer and subject, challenge
// IDs, buckets, roles, territories).
const maxIdentityText = 255

// User is a person who signs in, by phone (SMS code) or through an external identity
// provider (OIDC issuer and subject), or both. The phone is kept only as a pii.Vault
// ciphertext and a keyed index, never in clear.
type User struct {
	ID          int64
	UserID      string // the twelve-digit unique user ID; never changes
	PhoneIndex  string // hex HMAC-SHA256 of the normalized phone (64 digits); "" without a phone
	PhoneCipher []byte // the sealed phone; nil without a phone
	OIDCIssuer  string // "" without an external identity
	OIDCSubject string
	Status      UserStatus
	CitizenID   *int64 // the citizen (wallet address) this user acts as, once linked
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type userRow struct {
	ID          int64 `gorm:"primaryKey"`
	UserID      string
	PhoneIndex  *string
	PhoneCipher []byte
	OIDCIssuer  *string `gorm:"column:oidc_issuer"`
	OIDCSubject *string `gorm:"column:oidc_subject"`
	Status      string
	CitizenID   *int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (userRow) TableName() string { return "users" }

func (row userRow) user() User {
	return User{
		ID: row.ID, UserID: row.UserID, PhoneIndex: deref(row.PhoneIndex), PhoneCipher: row.PhoneCipher,
		OIDCIssuer: deref(row.OIDCIssuer), OIDCSubject: deref(row.OIDCSubject), Status: UserStatus(row.Status),
		CitizenID: row.CitizenID, CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}
}

// CreateUser inserts u and sets its ID, timestamps and (when empty) Status to UserActive. It
// needs a twelve-digit UserID and a phone (index and ciphertext together), an OIDC identity
// (issuer and subject together), or both; ErrInvalid otherwise. A taken UserID, phone index or
// OIDC identity gives ErrConflict, and inside a Tx leaves the transaction usable (savepoint),
// so the caller can look the user up or draw another UserID.
func (r Repo) CreateUser(ctx context.Context, u *User) error {
	if err := u.normalize(); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	t := now()
	row := userRow{
		UserID: u.UserID, PhoneIndex: nullable(u.PhoneIndex), PhoneCipher: u.PhoneCipher,
		OIDCIssuer: nullable(u.OIDCIssuer), OIDCSubject: nullable(u.OIDCSubject), Status: string(u.Status),
		CitizenID: u.CitizenID, CreatedAt: t, UpdatedAt: t,
	}
	err := r.atomic(ctx, func(r Repo) error { return r.with(ctx).Create(&row).Error })
	if err != nil {
		return fmt.Errorf("create user: %w", translate(err))
	}
	*u = row.user()
	return nil
}

func (u *User) normalize() (err error) {
	if u.Status == "" {
		u.Status = UserActive
	}
	switch {
	case !validUserID(u.UserID):
		return fmt.Errorf("%w: user ID must be 12 digits", ErrInvalid)
	case !u.Status.valid():
		return fmt.Errorf("%w: user status %q", ErrInvalid, u.Status)
	case (u.PhoneIndex == "") != (len(u.PhoneCipher) == 0):
		return fmt.Errorf("%w: phone index and ciphertext go together", ErrInvalid)
	case (u.OIDCIssuer == "") != (u.OIDCSubject == ""):
		return fmt.Errorf("%w: OIDC issuer and subject go together", ErrInvalid)
	case u.PhoneIndex == "" && u.OIDCIssuer == "":
		return fmt.Errorf("%w: a user needs a phone or an OIDC identity", ErrInvalid)
	case len(u.OIDCIssuer) > maxIdentityText || len(u.OIDCSubject) > maxIdentityText:
		return fmt.Errorf("%w: OIDC issuer or subject longer than %d bytes", ErrInvalid, maxIdentityText)
	}
	if u.PhoneIndex != "" {
		u.PhoneIndex, err = normIndex(u.PhoneIndex)
	}
	return err
}

// validUserID reports whether s is twelve ASCII digits, the first not zero.
func validUserID(s string) bool {
	if len(s) != 12 || s[0] == '0' {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// normIndex checks a keyed index (hex HMAC-SHA256, 64 digits), so that a raw value is never
// stored in an index column by mistake.
func normIndex(s string) (string, error) {
	h, err := normTokenHash(s)
	if err != nil {
		return "", fmt.Errorf("%w: index must be 64 hex digits (HMAC-SHA256)", ErrInvalid)
	}
	return h, nil
}

// User returns the user with the given ID, or ErrNotFound.
func (r Repo) User(ctx context.Context, id int64) (User, error) {
	return r.takeUser(ctx, fmt.Sprintf("load user %d", id), "id = ?", id)
}

// UserByUserID returns the user with the twelve-digit unique user ID, or ErrNotFound.
func (r Repo) UserByUserID(ctx context.Context, userID string) (User, error) {
	if !validUserID(userID) {
		return User{}, fmt.Errorf("load user by user ID: %w: user ID must be 12 digits", ErrInvalid)
	}
	return r.takeUser(ctx, "load user by user ID", "user_id = ?", userID)
}

// UserByPhoneIndex returns the user whose phone has the given index, or ErrNotFound.
func (r Repo) UserByPhoneIndex(ctx context.Context, index string) (User, error) {
	idx, err := normIndex(index)
	if err != nil {
		return User{}, fmt.Errorf("load user by phone: %w", err)
	}
	return r.takeUser(ctx, "load user by phone", "phone_index = ?", idx)
}

// UserByOIDC returns the user with the given external identity, or ErrNotFound.
func (r Repo) UserByOIDC(ctx context.Context, issuer, subject string) (User, error) {
	if issuer == "" || subject == "" {
		return User{}, fmt.Errorf("load user by OIDC identity: %w: issuer and subject are required", ErrInvalid)
	}
	return r.takeUser(ctx, "load user by OIDC identity", "oidc_issuer = ? AND oidc_subject = ?", issuer, subject)
}

func (r Repo) takeUser(ctx context.Context, what string, query string, args ...any) (User, error) {
	var row userRow
	if err := r.with(ctx).Where(query, args...).Take(&row).Error; err != nil {
		return User{}, fmt.Errorf("%s: %w", what, translate(err))
	}
	return row.user(), nil
}

// SetUserStatus changes a user's status; ErrNotFound when there is no such user.
func (r Repo) SetUserStatus(ctx context.Context, id int64, status UserStatus) error {
	if !status.valid() {
		return fmt.Errorf("set status of user %d: %w: status %q", id, ErrInvalid, status)
	}
	res := r.with(ctx).Exec("UPDATE users SET status = ?, updated_at = ? WHERE id = ?", string(status), now(), id)
	return affected(res.Error, res.RowsAffected, "set status of user %d", id)
}

// SetUserCitizen links a user to the citizen (wallet address) it acts as; ErrNotFound when
// the user or the citizen does not exist.
func (r Repo) SetUserCitizen(ctx context.Context, id, citizenID int64) error {
	res := r.with(ctx).Exec("UPDATE users SET citizen_id = ?, updated_at = ? WHERE id = ?", citizenID, now(), id)
	return affected(res.Error, res.RowsAffected, "link user %d to citizen %d", id, citizenID)
}

// IdentityCounts are the row counts of the identity tables, for metrics and tests.
type IdentityCounts struct {
	Users, OTPChallenges, RateCounters, Lockouts, Sessions, UserRoles int64
}

type identityCountsRow struct {
	Users         int64 `gorm:"column:users"`
	OTPChallenges int64 `gorm:"column:otp_challenges"`
	RateCounters  int64 `gorm:"column:rate_counters"`
	Lockouts      int64 `gorm:"column:lockouts"`
	Sessions      int64 `gorm:"column:sessions"`
	UserRoles     int64 `gorm:"column:user_roles"`
}

// IdentityCounts counts the rows of the identity tables.
func (r Repo) IdentityCounts(ctx context.Context) (IdentityCounts, error) {
	var c identityCountsRow
	err := r.with(ctx).Raw(`SELECT
		(SELECT COUNT(*) FROM users) AS users,
		(SELECT COUNT(*) FROM otp_challenges) AS otp_challenges,
		(SELECT COUNT(*) FROM rate_counters) AS rate_counters,
		(SELECT COUNT(*) FROM lockouts) AS lockouts,
		(SELECT COUNT(*) FROM sessions) AS sessions,
		(SELECT COUNT(*) FROM user_roles) AS user_roles`).Scan(&c).Error
	if err != nil {
		return IdentityCounts{}, fmt.Errorf("count identity rows: %w", translate(err))
	}
	return IdentityCounts(c), nil
}
