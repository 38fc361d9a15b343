package citizens

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// RoundRules are who may take part in a round: a minimum person verification level and, when
// Territory is not "", a territory that the registration address must lie in (the address's
// territory code is Territory or starts with Territory followed by "/").
type RoundRules struct {
	MinPersonLevel int
	Territory      string
}

// Validate reports whether the rules are usable; errors wrap ErrInvalidRules.
func (r RoundRules) Validate() error {
	if r.MinPersonLevel < 0 || r.MinPersonLevel > 3 || !ValidTerritory(r.Territory) {
		return fmt.Errorf("%w: level %d is not 0 to 3, or the territory code is malformed", ErrInvalidRules, r.MinPersonLevel)
	}
	return nil
}

// inTerritory reports whether territory code t lies in territory within ("" is the city).
func inTerritory(t, within string) bool {
	return within == "" || t == within || strings.HasPrefix(t, within+"/")
}

// Eligible reports whether the user may take part in a round with the given rules: the user
// is active, verified to at least MinPersonLevel, and registered in the territory.
func (s *Service) Eligible(ctx context.Context, user int64, rules RoundRules) (bool, error) {
	if err := rules.Validate(); err != nil {
		return false, err
	}
	ok, err := s.eligible(ctx, user, rules)
	if err != nil {
		return false, fmt.Errorf("check eligibility: %w", err)
	}
	return ok, nil
}

func (s *Service) eligible(ctx context.Context, user int64, rules RoundRules) (bool, error) {
	_, err := s.activeUser(ctx, s.db.Repo, user)
	switch {
	case errors.Is(err, ErrDeactivated):
		return false, nil
	case err != nil:
		return false, err
	}
	level, err := personLevel(ctx, s.db.Repo, user)
	if err != nil || level < rules.MinPersonLevel {
		return false, err
	}
	if rules.Territory == "" {
		return true, nil
	}
	a, err := registrationAddress(ctx, s.db.Repo, user)
	if err != nil {
		return false, err
	}
	return a.Text != "" && inTerritory(a.Territory, rules.Territory), nil
}

// Page is a page of a listing: the users after the user with internal key After, at most
// Limit of them (default 1000, at most 10000).
type Page struct {
	After int64
	Limit int
}

// Citizen is an eligible citizen of a round's list.
type Citizen struct {
	ID     int64  // users.id
	UserID string // the twelve-digit unique user ID
}

// EligibleUsers returns one page of the citizens eligible under rules, in ID order, and the
// page that follows (Limit 0 when this was the last).
func (s *Service) EligibleUsers(ctx context.Context, rules RoundRules, page Page) ([]Citizen, Page, error) {
	if err := rules.Validate(); err != nil {
		return nil, Page{}, err
	}
	limit := page.Limit
	if limit <= 0 {
		limit = 1000
	}
	limit = min(limit, 10000)
	list, err := s.db.EligibleUsers(ctx, rules.MinPersonLevel, rules.Territory, page.After, limit)
	if err != nil {
		return nil, Page{}, fmt.Errorf("list eligible users: %w", err)
	}
	out := make([]Citizen, len(list))
	for i, u := range list {
		out[i] = Citizen(u)
	}
	next := Page{}
	if len(out) == limit {
		next = Page{After: out[len(out)-1].ID, Limit: limit}
	}
	return out, next, nil
}
