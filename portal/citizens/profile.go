package citizens

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Profile returns the user's profile; an empty Profile when none was saved.
func (s *Service) Profile(ctx context.Context, user int64) (Profile, error) {
	p, err := s.db.Profile(ctx, user)
	if errors.Is(err, storage.ErrNotFound) {
		return Profile{}, nil
	}
	if err != nil {
		return Profile{}, fmt.Errorf("load profile: %w", err)
	}
	return profileOf(p), nil
}

func profileOf(p storage.Profile) Profile {
	return Profile{FullName: p.FullName, Sex: Sex(p.Sex), BirthDate: p.BirthDate, Email: p.Email, Children: p.Children}
}

// UpdateProfile validates in (ValidateProfile) and replaces the user's profile with it. The
// full name and birth date are what the person check compares, so once a person check is
// queued or verified they cannot change: ErrIdentityLocked. Nothing is written on a refusal.
func (s *Service) UpdateProfile(ctx context.Context, user int64, in ProfileInput) (Profile, error) {
	p, err := ValidateProfile(in, s.today())
	if err != nil {
		return Profile{}, fmt.Errorf("update profile: %w", err)
	}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if _, err := s.activeUser(ctx, tx.Repo, user); err != nil {
			return err
		}
		if err := s.checkIdentityChange(ctx, tx.Repo, user, p); err != nil {
			return err
		}
		rec := storage.Profile{UserRef: user, FullName: p.FullName, Sex: string(p.Sex), BirthDate: p.BirthDate, Email: p.Email, Children: p.Children}
		return tx.SaveProfile(ctx, &rec)
	})
	if err != nil {
		return Profile{}, fmt.Errorf("update profile: %w", err)
	}
	return p, nil
}

// checkIdentityChange refuses a change of name or birth date once the person is verified or
// being verified.
func (s *Service) checkIdentityChange(ctx context.Context, r storage.Repo, user int64, p Profile) error {
	old, err := r.Profile(ctx, user)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if old.FullName == p.FullName && old.BirthDate.Equal(p.BirthDate) {
		return nil
	}
	level, err := personLevel(ctx, r, user)
	if err != nil {
		return err
	}
	_, err = r.OpenVerification(ctx, user, storage.SubjectPerson, "")
	switch {
	case err == nil || level > 0:
		return ErrIdentityLocked
	case errors.Is(err, storage.ErrNotFound):
		return nil
	}
	return err
}

// Address is one of a citizen's addresses.
type Address struct {
	Kind      storage.AddressKind
	Text      string
	Territory string
	ChangedAt time.Time
	// NextChange is the first instant the address may change again.
	NextChange time.Time
}

// Addresses returns the user's addresses by kind.
func (s *Service) Addresses(ctx context.Context, user int64) ([]Address, error) {
	list, err := s.db.Addresses(ctx, user)
	if err != nil {
		return nil, fmt.Errorf("list addresses: %w", err)
	}
	out := make([]Address, len(list))
	for i, a := range list {
		out[i] = s.addressOf(a)
	}
	return out, nil
}

func (s *Service) addressOf(a storage.Address) Address {
	return Address{Kind: a.Kind, Text: a.Text, Territory: a.Territory, ChangedAt: a.ChangedAt, NextChange: s.nextChange(a)}
}

// nextChange is when an address set at a.ChangedAt may change again: the same time of day,
// AddressChangeMonths later, in the city's calendar.
func (s *Service) nextChange(a storage.Address) time.Time {
	return a.ChangedAt.In(s.cfg.Location).AddDate(0, s.cfg.AddressChangeMonths, 0).UTC()
}

// SetAddress sets the user's address of the given kind. An address may change at most once
// per 3 months: an earlier change gets an *AddressTooSoonError (ErrAddressTooSoon)
// with the date it may change. Setting an address first, or to what it already is, is not a
// change. territory is the address's territory code ("" when unknown). Nothing is written on
// a refusal; of concurrent changes at most one is made.
func (s *Service) SetAddress(ctx context.Context, user int64, kind storage.AddressKind, text, territory string) (Address, error) {
	a, err := s.setAddress(ctx, user, kind, text, territory)
	if err != nil {
		return Address{}, fmt.Errorf("set address: %w", err)
	}
	return a, nil
}

func (s *Service) setAddress(ctx context.Context, user int64, kind storage.AddressKind, text, territory string) (Address, error) {
	if !kind.Valid() {
		return Address{}, ErrInvalidAddressKind
	}
	text, err := normalizeAddressText(text)
	if err != nil {
		return Address{}, err
	}
	if !ValidTerritory(territory) {
		return Address{}, ErrInvalidTerritory
	}
	if _, err := s.activeUser(ctx, s.db.Repo, user); err != nil {
		return Address{}, err
	}
	prev, found, err := s.address(ctx, user, kind)
	if err != nil {
		return Address{}, err
	}
	now := s.clock()
	if found {
		if prev.Text == text && prev.Territory == territory {
			return s.addressOf(prev), nil
		}
		if next := s.nextChange(prev); now.Before(next) {
			return Address{}, &AddressTooSoonError{Kind: kind, NextAllowed: next}
		}
	}
	a := storage.Address{UserRef: user, Kind: kind, Text: text, Territory: territory, ChangedAt: now}
	err = s.db.SetAddress(ctx, &a, prev.Changes)
	if errors.Is(err, storage.ErrConflict) {
		return Address{}, s.tooSoonAfterRace(ctx, user, kind)
	}
	if err != nil {
		return Address{}, err
	}
	return s.addressOf(a), nil
}

// address returns the user's address of kind and whether there is one.
func (s *Service) address(ctx context.Context, user int64, kind storage.AddressKind) (storage.Address, bool, error) {
	list, err := s.db.Addresses(ctx, user)
	if err != nil {
		return storage.Address{}, false, err
	}
	for _, a := range list {
		if a.Kind == kind {
			return a, true, nil
		}
	}
	return storage.Address{}, false, nil
}

// tooSoonAfterRace is the refusal of a change that lost to a concurrent one.
func (s *Service) tooSoonAfterRace(ctx context.Context, user int64, kind storage.AddressKind) error {
	a, found, err := s.address(ctx, user, kind)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%w: address changed meanwhile", storage.ErrConflict)
	}
	return &AddressTooSoonError{Kind: kind, NextAllowed: s.nextChange(a)}
}

// registrationAddress returns the user's registration address, the zero Address when not set.
func registrationAddress(ctx context.Context, r storage.Repo, user int64) (storage.Address, error) {
	list, err := r.Addresses(ctx, user)
	if err != nil {
		return storage.Address{}, err
	}
	for _, a := range list {
		if a.Kind == storage.AddressRegistration {
			return a, nil
		}
	}
	return storage.Address{}, nil
}

// Minor is a child a parent or guardian represents. They vote for the child in person
// only, at a service centre; no online vote uses a Minor.
type Minor struct {
	ID           int64
	FullName     string
	BirthDate    time.Time
	Basis        string // "parent" or "guardian"
	InPersonOnly bool   // always true
}

// AddMinor records that the user is the parent or guardian (basis) of a minor. ErrInvalidMinor
// when the basis is unknown or the child is 18 or older; ErrInvalidName or ErrInvalidBirthDate
// for a malformed name or date.
func (s *Service) AddMinor(ctx context.Context, user int64, fullName, birthDate, basis string) (Minor, error) {
	m, err := s.addMinor(ctx, user, fullName, birthDate, basis)
	if err != nil {
		return Minor{}, fmt.Errorf("add minor: %w", err)
	}
	return m, nil
}

func (s *Service) addMinor(ctx context.Context, user int64, fullName, birthDate, basis string) (Minor, error) {
	name, err := NormalizeName(fullName)
	if err != nil {
		return Minor{}, err
	}
	born, err := pii.ParseBirthDate(birthDate, s.today())
	if err != nil {
		return Minor{}, fmt.Errorf("%w: %w", ErrInvalidBirthDate, err)
	}
	if (basis != "parent" && basis != "guardian") || ageOn(born, s.today()) >= adultAge {
		return Minor{}, ErrInvalidMinor
	}
	if _, err := s.activeUser(ctx, s.db.Repo, user); err != nil {
		return Minor{}, err
	}
	rep := storage.Representation{UserRef: user, MinorName: name, MinorBirthDate: born, Basis: basis}
	if err := s.db.CreateRepresentation(ctx, &rep); err != nil {
		return Minor{}, err
	}
	return minorOf(rep), nil
}

func minorOf(r storage.Representation) Minor {
	return Minor{ID: r.ID, FullName: r.MinorName, BirthDate: r.MinorBirthDate, Basis: r.Basis, InPersonOnly: r.InPersonOnly}
}

// Minors returns the minors the user represents.
func (s *Service) Minors(ctx context.Context, user int64) ([]Minor, error) {
	list, err := s.db.Representations(ctx, user)
	if err != nil {
		return nil, fmt.Errorf("list minors: %w", err)
	}
	out := make([]Minor, len(list))
	for i, r := range list {
		out[i] = minorOf(r)
	}
	return out, nil
}
