package storage

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Profile is what a citizen tells about themselves. The citizens area validates it;
// storage keeps it as given. It is personal data: never log it.
type Profile struct {
	UserRef   int64     // users.id
	FullName  string    // "" when not given
	Sex       string    // "m", "f", or "" when not given
	BirthDate time.Time // midnight UTC of the date; zero when not given
	Email     string    // "" when not given
	Children  []int     // children's birth years, ascending
	CreatedAt time.Time
	UpdatedAt time.Time
}

type profileRow struct {
	UserRef   int64 `gorm:"primaryKey"`
	FullName  string
	Sex       string
	BirthDate *string
	Email     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (profileRow) TableName() string { return "profiles" }

// maxProfileText bounds the free-text columns of profiles, addresses and representatives.
const maxProfileText = 1000

// SaveProfile stores p, replacing the user's profile and children, and sets its timestamps.
// ErrInvalid for an unknown sex, an over-long text, or a birth date that is not a date;
// ErrNotFound when the user does not exist.
func (r Repo) SaveProfile(ctx context.Context, p *Profile) error {
	if err := p.check(); err != nil {
		return fmt.Errorf("save profile of user %d: %w", p.UserRef, err)
	}
	t := now()
	err := r.atomic(ctx, func(r Repo) error {
		err := r.with(ctx).Exec(`INSERT INTO profiles (user_ref, full_name, sex, birth_date, email, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_ref) DO UPDATE SET full_name = excluded.full_name, sex = excluded.sex,
				birth_date = excluded.birth_date, email = excluded.email, updated_at = excluded.updated_at`,
			p.UserRef, p.FullName, p.Sex, dateText(p.BirthDate), p.Email, t, t).Error
		if err != nil {
			return err
		}
		if err := r.with(ctx).Exec("DELETE FROM children WHERE user_ref = ?", p.UserRef).Error; err != nil {
			return err
		}
		for _, y := range p.Children {
			if err := r.with(ctx).Exec("INSERT INTO children (user_ref, birth_year) VALUES (?, ?)", p.UserRef, y).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save profile of user %d: %w", p.UserRef, translate(err))
	}
	got, err := r.Profile(ctx, p.UserRef)
	if err != nil {
		return err
	}
	*p = got
	return nil
}

func (p *Profile) check() error {
	switch {
	case p.Sex != "" && p.Sex != "m" && p.Sex != "f":
		return fmt.Errorf("%w: sex %q", ErrInvalid, p.Sex)
	case len(p.FullName) > maxProfileText || len(p.Email) > maxProfileText:
		return fmt.Errorf("%w: name or e-mail longer than %d bytes", ErrInvalid, maxProfileText)
	case !p.BirthDate.IsZero() && !isDate(p.BirthDate):
		return fmt.Errorf("%w: birth date is not midnight UTC", ErrInvalid)
	case len(p.Children) > 100:
		return fmt.Errorf("%w: too many children", ErrInvalid)
	}
	for _, y := range p.Children {
		if y < 1900 || y > 9999 {
			return fmt.Errorf("%w: child's birth year %d", ErrInvalid, y)
		}
	}
	return nil
}

// Profile returns the user's profile, or ErrNotFound when none was saved.
func (r Repo) Profile(ctx context.Context, userRef int64) (Profile, error) {
	var row profileRow
	if err := r.with(ctx).Take(&row, "user_ref = ?", userRef).Error; err != nil {
		return Profile{}, fmt.Errorf("load profile of user %d: %w", userRef, translate(err))
	}
	p := Profile{UserRef: row.UserRef, FullName: row.FullName, Sex: row.Sex, Email: row.Email,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC()}
	if row.BirthDate != nil {
		d, err := time.Parse(time.DateOnly, *row.BirthDate)
		if err != nil {
			return Profile{}, fmt.Errorf("load profile of user %d: stored birth date: %w", userRef, err)
		}
		p.BirthDate = d
	}
	err := r.with(ctx).Raw("SELECT birth_year FROM children WHERE user_ref = ? ORDER BY birth_year, id", userRef).Scan(&p.Children).Error
	if err != nil {
		return Profile{}, fmt.Errorf("load children of user %d: %w", userRef, translate(err))
	}
	return p, nil
}

// isDate reports whether t is midnight UTC, the form in which dates are kept.
func isDate(t time.Time) bool {
	return t.Location() == time.UTC && t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
}

// dateText is a date as stored, "YYYY-MM-DD", or NULL for the zero time.
func dateText(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// AddressKind is which of a citizen's addresses it is.
type AddressKind string

// Address kinds.
const (
	AddressRegistration AddressKind = "registration"
	AddressResidence    AddressKind = "residence"
	AddressWork         AddressKind = "work"
)

// Valid reports whether k is one of the kinds above.
func (k AddressKind) Valid() bool {
	return slices.Contains([]AddressKind{AddressRegistration, AddressResidence, AddressWork}, k)
}

// Address is one of a citizen's addresses.
type Address struct {
	UserRef   int64
	Kind      AddressKind
	Text      string // as the citizen wrote it
	Territory string // the territory code of the address; "" when unknown
	Changes   int    // how many times it was set, 1 for the first time
	ChangedAt time.Time
}

type addressRow struct {
	UserRef   int64
	Kind      string
	Text      string
	Territory string
	Changes   int
	ChangedAt time.Time
}

func (addressRow) TableName() string { return "addresses" }

func (row addressRow) address() Address {
	return Address{UserRef: row.UserRef, Kind: AddressKind(row.Kind), Text: row.Text, Territory: row.Territory,
		Changes: row.Changes, ChangedAt: row.ChangedAt.UTC()}
}

// SetAddress sets an address and reports it as stored. It is a compare-and-swap: prevChanges
// is the Changes the caller read (0 when the user had no address of that kind), and the
// address is written only if it still has that count. Otherwise, when someone else changed it
// meanwhile, ErrConflict, and nothing is written. This is what makes the once-per-3-months
// rule, checked by the caller against what it read, hold under concurrent changes.
// ChangedAt defaults to now. ErrInvalid for an unknown kind or an empty or over-long text;
// ErrNotFound for an unknown user.
func (r Repo) SetAddress(ctx context.Context, a *Address, prevChanges int) error {
	switch {
	case !a.Kind.Valid():
		return fmt.Errorf("set address: %w: kind %q", ErrInvalid, a.Kind)
	case a.Text == "" || len(a.Text) > maxProfileText || len(a.Territory) > maxIdentityText:
		return fmt.Errorf("set address: %w: text must be 1 to %d bytes, territory at most %d", ErrInvalid, maxProfileText, maxIdentityText)
	case prevChanges < 0:
		return fmt.Errorf("set address: %w: negative change count", ErrInvalid)
	}
	at := a.ChangedAt
	if at.IsZero() {
		at = now()
	}
	at = dbTime(at)
	var res = r.with(ctx)
	if prevChanges == 0 {
		res = res.Exec(`INSERT INTO addresses (user_ref, kind, text, territory, changes, changed_at) VALUES (?, ?, ?, ?, 1, ?)
			ON CONFLICT (user_ref, kind) DO NOTHING`, a.UserRef, string(a.Kind), a.Text, a.Territory, at)
	} else {
		res = res.Exec(`UPDATE addresses SET text = ?, territory = ?, changes = changes + 1, changed_at = ?
			WHERE user_ref = ? AND kind = ? AND changes = ?`, a.Text, a.Territory, at, a.UserRef, string(a.Kind), prevChanges)
	}
	switch {
	case res.Error != nil:
		return fmt.Errorf("set %s address of user %d: %w", a.Kind, a.UserRef, translate(res.Error))
	case res.RowsAffected == 0:
		return fmt.Errorf("set %s address of user %d: %w: changed meanwhile", a.Kind, a.UserRef, ErrConflict)
	}
	var row addressRow
	if err := r.with(ctx).Take(&row, "user_ref = ? AND kind = ?", a.UserRef, string(a.Kind)).Error; err != nil {
		return fmt.Errorf("set %s address of user %d: %w", a.Kind, a.UserRef, translate(err))
	}
	*a = row.address()
	return nil
}

// Addresses returns the user's addresses by kind.
func (r Repo) Addresses(ctx context.Context, userRef int64) ([]Address, error) {
	var rows []addressRow
	if err := r.with(ctx).Where("user_ref = ?", userRef).Order("kind").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list addresses of user %d: %w", userRef, translate(err))
	}
	out := make([]Address, len(rows))
	for i, row := range rows {
		out[i] = row.address()
	}
	return out, nil
}

// Representation records that a user is the parent or guardian of a minor. Such a
// user votes for the minor in person only: InPersonOnly is always true.
type Representation struct {
	ID             int64
	UserRef        int64
	MinorName      string
	MinorBirthDate time.Time // midnight UTC
	Basis          string    // "parent" or "guardian"
	InPersonOnly   bool
	CreatedAt      time.Time
}

type representationRow struct {
	ID             int64 `gorm:"primaryKey"`
	UserRef        int64
	MinorName      string
	MinorBirthDate string
	Basis          string
	InPersonOnly   bool
	CreatedAt      time.Time
}

func (representationRow) TableName() string { return "representatives" }

// CreateRepresentation stores rep with InPersonOnly set. ErrInvalid for an empty name, an
// unknown basis or a birth date that is not a date; ErrConflict when the user already
// represents that minor; ErrNotFound for an unknown user.
func (r Repo) CreateRepresentation(ctx context.Context, rep *Representation) error {
	if rep.MinorName == "" || len(rep.MinorName) > maxProfileText || (rep.Basis != "parent" && rep.Basis != "guardian") ||
		rep.MinorBirthDate.IsZero() || !isDate(rep.MinorBirthDate) {
		return fmt.Errorf("create representation: %w: name, basis (parent, guardian) and birth date are required", ErrInvalid)
	}
	row := representationRow{UserRef: rep.UserRef, MinorName: rep.MinorName, MinorBirthDate: rep.MinorBirthDate.Format(time.DateOnly),
		Basis: rep.Basis, InPersonOnly: true, CreatedAt: now()}
	err := r.atomic(ctx, func(r Repo) error { return r.with(ctx).Create(&row).Error })
	if err != nil {
		return fmt.Errorf("create representation for user %d: %w", rep.UserRef, translate(err))
	}
	*rep = row.representation()
	return nil
}

func (row representationRow) representation() Representation {
	d, _ := time.Parse(time.DateOnly, row.MinorBirthDate) // the column holds only dates
	return Representation{ID: row.ID, UserRef: row.UserRef, MinorName: row.MinorName, MinorBirthDate: d,
		Basis: row.Basis, InPersonOnly: row.InPersonOnly, CreatedAt: row.CreatedAt.UTC()}
}

// Representations returns the minors a user represents, oldest record first.
func (r Repo) Representations(ctx context.Context, userRef int64) ([]Representation, error) {
	var rows []representationRow
	if err := r.with(ctx).Where("user_ref = ?", userRef).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list representations of user %d: %w", userRef, translate(err))
	}
	out := make([]Representation, len(rows))
	for i, row := range rows {
		out[i] = row.representation()
	}
	return out, nil
}

// ErasedIssuer is the OIDC issuer of the placeholder identity an erased user keeps: the users
// table requires a phone or an external identity, and an erased user has neither. Its subject
// is the user's own twelve-digit user ID. No identity provider has this issuer, so nobody
// signs in with it.
const ErasedIssuer = "urn:pbnode:erased"

// ErasedReason is the reason recorded on the open verification requests of an erased user.
const ErasedReason = "erased"

// EraseUser removes a user's personal data in one transaction and deactivates the user: the
// profile, children, addresses, representations, verified documents (person_verifications
// and flat_links), the documents and flat addresses of verification requests (open ones are
// closed as rejected with ErasedReason), pending sign-in codes sent to the phone, sessions,
// role grants, and the phone and external identity of the users row. Kept: the users row with
// its twelve-digit user ID, status deactivated and the link to its citizen (wallet), and the
// verification requests without their documents (subject, level, outcome, reason, times), so
// that a vote counted before stays attributable to a user ID and a verified voter. It is
// idempotent; ErrNotFound for an unknown user.
func (r Repo) EraseUser(ctx context.Context, userRef int64, at time.Time) error {
	at = dbTime(at)
	err := r.atomic(ctx, func(r Repo) error {
		var u userRow
		if err := r.with(ctx).Take(&u, "id = ?", userRef).Error; err != nil {
			return err
		}
		stmts := []struct {
			sql  string
			args []any
		}{
			{"DELETE FROM children WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM addresses WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM profiles WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM representatives WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM person_verifications WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM flat_links WHERE user_ref = ?", []any{userRef}},
			{`UPDATE verification_requests SET status = 'rejected', reason = ?, decided_at = ?, notified_at = ?
				WHERE user_ref = ? AND status IN ('queued', 'checking')`, []any{ErasedReason, at, at, userRef}},
			{`UPDATE verification_requests SET doc_index = NULL, doc_cipher = NULL, fls_index = NULL, fls_cipher = NULL,
				building = NULL, flat_number = NULL WHERE user_ref = ?`, []any{userRef}},
			{"DELETE FROM otp_challenges WHERE phone_index = ?", []any{deref(u.PhoneIndex)}},
			{"DELETE FROM sessions WHERE user_ref = ?", []any{userRef}},
			{"DELETE FROM user_roles WHERE user_ref = ?", []any{userRef}},
			{`UPDATE users SET phone_index = NULL, phone_cipher = NULL, oidc_issuer = ?, oidc_subject = user_id,
				status = ?, updated_at = ? WHERE id = ?`, []any{ErasedIssuer, string(UserDeactivated), at, userRef}},
		}
		for _, s := range stmts {
			if err := r.with(ctx).Exec(s.sql, s.args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("erase personal data of user %d: %w", userRef, translate(err))
	}
	return nil
}

// CitizenCounts are the row counts of the citizens tables, for metrics and tests.
type CitizenCounts struct {
	Profiles, Children, Addresses, PersonVerifications, FlatLinks, VerificationRequests, Representatives int64
}

type citizenCountsRow struct {
	Profiles             int64 `gorm:"column:profiles"`
	Children             int64 `gorm:"column:children"`
	Addresses            int64 `gorm:"column:addresses"`
	PersonVerifications  int64 `gorm:"column:person_verifications"`
	FlatLinks            int64 `gorm:"column:flat_links"`
	VerificationRequests int64 `gorm:"column:verification_requests"`
	Representatives      int64 `gorm:"column:representatives"`
}

// CitizenCounts counts the rows of the citizens tables.
func (r Repo) CitizenCounts(ctx context.Context) (CitizenCounts, error) {
	var c citizenCountsRow
	err := r.with(ctx).Raw(`SELECT
		(SELECT COUNT(*) FROM profiles) AS profiles,
		(SELECT COUNT(*) FROM children) AS children,
		(SELECT COUNT(*) FROM addresses) AS addresses,
		(SELECT COUNT(*) FROM person_verifications) AS person_verifications,
		(SELECT COUNT(*) FROM flat_links) AS flat_links,
		(SELECT COUNT(*) FROM verification_requests) AS verification_requests,
		(SELECT COUNT(*) FROM representatives) AS representatives`).Scan(&c).Error
	if err != nil {
		return CitizenCounts{}, fmt.Errorf("count citizen rows: %w", translate(err))
	}
	return CitizenCounts(c), nil
}
