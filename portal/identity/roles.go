package identity

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Role is what a user may do, in a territory or the whole city.
type Role string

// The roles. Roles are independent: an admin grants roles but does not hold the others.
const (
	RoleCitizen    Role = "citizen"    // takes part: votes, allocates, files appeals
	RoleModerator  Role = "moderator"  // moderates reports, polls and initiatives
	RoleDepartment Role = "department" // a city department answering appeals
	RoleTreasury   Role = "treasury"   // creates and finalizes budget rounds
	RoleRegistrar  Role = "registrar"  // registers citizens' quotas in budget rounds
	RoleAuditor    Role = "auditor"    // reads everything, changes nothing
	RoleAdmin      Role = "admin"      // grants and revokes roles
)

// AllRoles lists every role.
var AllRoles = []Role{RoleCitizen, RoleModerator, RoleDepartment, RoleTreasury, RoleRegistrar, RoleAuditor, RoleAdmin}

// Valid reports whether r is one of AllRoles.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// RoleGrant is a role held in a territory; Territory "" is the whole city.
type RoleGrant struct {
	Role      Role
	Territory string
	GrantedBy int64 // internal key of the admin who granted it; 0 for the node's operator
	CreatedAt time.Time
}

// Covers reports whether g gives role in territory: a city-wide grant covers every territory.
func (g RoleGrant) Covers(role Role, territory string) bool {
	return g.Role == role && (g.Territory == "" || g.Territory == territory)
}

// Principal is an authenticated user.
type Principal struct {
	UserID    string // the twelve-digit unique user ID
	ID        int64  // internal key
	CitizenID int64  // the citizen (wallet address) the user acts as; 0 until linked
	Roles     []RoleGrant
	CreatedAt time.Time // when the user registered
}

// Has reports whether p holds role in territory ("" asks for the whole city, which only a
// city-wide grant gives).
func (p Principal) Has(role Role, territory string) bool {
	return slices.ContainsFunc(p.Roles, func(g RoleGrant) bool { return g.Covers(role, territory) })
}

// principal loads the active user with internal key id and its grants.
func (s *Service) principal(ctx context.Context, id int64) (Principal, error) {
	u, err := s.db.User(ctx, id)
	if err != nil {
		return Principal{}, err
	}
	if u.Status != storage.UserActive {
		return Principal{}, fmt.Errorf("%w: %w", ErrUnauthenticated, ErrDeactivated)
	}
	grants, err := s.db.UserRoles(ctx, id)
	if err != nil {
		return Principal{}, err
	}
	p := Principal{UserID: u.UserID, ID: u.ID, Roles: grantsOf(grants), CreatedAt: u.CreatedAt}
	if u.CitizenID != nil {
		p.CitizenID = *u.CitizenID
	}
	return p, nil
}

func grantsOf(rows []storage.UserRole) []RoleGrant {
	out := make([]RoleGrant, len(rows))
	for i, g := range rows {
		out[i] = grantOf(g)
	}
	return out
}

func grantOf(g storage.UserRole) RoleGrant {
	out := RoleGrant{Role: Role(g.Role), Territory: g.Territory, CreatedAt: g.CreatedAt}
	if g.GrantedBy != nil {
		out.GrantedBy = *g.GrantedBy
	}
	return out
}

// GrantRole gives the user with unique user ID userID the role in territory ("" for the whole
// city), on behalf of by, who must be an admin whose grant covers the territory (ErrForbidden).
// Granting what the user holds already changes nothing. Refusals: pii.ErrUserIDFormat,
// ErrInvalidRole, ErrInvalidTerritory, ErrUnknownUser.
func (s *Service) GrantRole(ctx context.Context, by Principal, userID string, role Role, territory string) (RoleGrant, error) {
	if !by.Has(RoleAdmin, territory) {
		return RoleGrant{}, fmt.Errorf("grant role %s: %w: not an admin of territory %q", role, ErrForbidden, territory)
	}
	return s.grant(ctx, &by.ID, userID, role, territory)
}

// GrantRoleAsOperator is GrantRole for the node's operator (the command line), who needs no
// grant: it appoints the first admin.
func (s *Service) GrantRoleAsOperator(ctx context.Context, userID string, role Role, territory string) (RoleGrant, error) {
	return s.grant(ctx, nil, userID, role, territory)
}

func (s *Service) grant(ctx context.Context, by *int64, userID string, role Role, territory string) (RoleGrant, error) {
	u, err := s.checkGrant(ctx, userID, role, territory)
	if err != nil {
		return RoleGrant{}, fmt.Errorf("grant role %s: %w", role, err)
	}
	g := storage.UserRole{UserRef: u.ID, Role: string(role), Territory: territory, GrantedBy: by}
	created, err := s.db.GrantUserRole(ctx, &g)
	if err != nil {
		return RoleGrant{}, fmt.Errorf("grant role %s: %w", role, err)
	}
	out := grantOf(g)
	if created {
		s.log.Info("role granted", "user_id", u.UserID, "role", role, "territory", territory, "by", out.GrantedBy)
	}
	return out, nil
}

// RevokeRole takes the role in territory from the user with unique user ID userID, on behalf
// of by, who must be an admin whose grant covers the territory (ErrForbidden). ErrNotGranted
// when the user does not hold exactly that grant; other refusals are those of GrantRole.
func (s *Service) RevokeRole(ctx context.Context, by Principal, userID string, role Role, territory string) error {
	if !by.Has(RoleAdmin, territory) {
		return fmt.Errorf("revoke role %s: %w: not an admin of territory %q", role, ErrForbidden, territory)
	}
	return s.revoke(ctx, by.ID, userID, role, territory)
}

// RevokeRoleAsOperator is RevokeRole for the node's operator (the command line), who needs no
// grant.
func (s *Service) RevokeRoleAsOperator(ctx context.Context, userID string, role Role, territory string) error {
	return s.revoke(ctx, 0, userID, role, territory)
}

func (s *Service) revoke(ctx context.Context, by int64, userID string, role Role, territory string) error {
	u, err := s.checkGrant(ctx, userID, role, territory)
	if err == nil {
		err = s.db.RevokeUserRole(ctx, u.ID, string(role), territory)
	}
	if errors.Is(err, storage.ErrNotFound) {
		err = ErrNotGranted
	}
	if err != nil {
		return fmt.Errorf("revoke role %s: %w", role, err)
	}
	s.log.Info("role revoked", "user_id", u.UserID, "role", role, "territory", territory, "by", by)
	return nil
}

// checkGrant validates a grant's arguments and loads its user.
func (s *Service) checkGrant(ctx context.Context, userID string, role Role, territory string) (storage.User, error) {
	switch {
	case !role.Valid():
		return storage.User{}, fmt.Errorf("%w %q", ErrInvalidRole, role)
	case !validTerritory(territory):
		return storage.User{}, ErrInvalidTerritory
	}
	return s.userByUserID(ctx, userID)
}

// userByUserID loads a user by the unique user ID, as typed ("1234 5678 9012" too).
func (s *Service) userByUserID(ctx context.Context, userID string) (storage.User, error) {
	id, err := pii.ParseUserID(userID)
	if err != nil {
		return storage.User{}, err
	}
	u, err := s.db.UserByUserID(ctx, id.String())
	if errors.Is(err, storage.ErrNotFound) {
		return u, ErrUnknownUser
	}
	return u, err
}

// Roles returns the grants of the user with unique user ID userID.
func (s *Service) Roles(ctx context.Context, userID string) ([]RoleGrant, error) {
	u, err := s.userByUserID(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	grants, err := s.db.UserRoles(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	return grantsOf(grants), nil
}
