package storage

import (
	"context"
	"fmt"
	"time"
)

// UserRole grants a role to a user, in one territory or ("") the whole city. Which roles
// exist and what a territory looks like is the identity area's business; storage only keeps
// grants unique.
type UserRole struct {
	UserRef   int64
	Role      string
	Territory string // "" is the whole city
	GrantedBy *int64 // users.id of who granted it; nil when the node's operator did
	CreatedAt time.Time
}

type userRoleRow struct {
	UserRef   int64
	Role      string
	Territory string
	GrantedBy *int64
	CreatedAt time.Time
}

func (userRoleRow) TableName() string { return "user_roles" }

func (row userRoleRow) grant() UserRole {
	return UserRole{UserRef: row.UserRef, Role: row.Role, Territory: row.Territory, GrantedBy: row.GrantedBy, CreatedAt: row.CreatedAt.UTC()}
}

// GrantUserRole stores g and reports whether it is new. Granting what the user already holds
// (same role and territory) changes nothing and returns the existing grant with created
// false. ErrInvalid when the role is empty or the role or territory is too long; ErrNotFound
// when the user or the granter does not exist.
func (r Repo) GrantUserRole(ctx context.Context, g *UserRole) (created bool, err error) {
	if g.Role == "" || len(g.Role) > maxIdentityText || len(g.Territory) > maxIdentityText {
		return false, fmt.Errorf("grant role: %w: role must be 1 to %d bytes, territory at most %d", ErrInvalid, maxIdentityText, maxIdentityText)
	}
	var row userRoleRow
	err = r.atomic(ctx, func(r Repo) error {
		res := r.with(ctx).Exec(`INSERT INTO user_roles (user_ref, role, territory, granted_by, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_ref, role, territory) DO NOTHING`, g.UserRef, g.Role, g.Territory, g.GrantedBy, now())
		if res.Error != nil {
			return res.Error
		}
		created = res.RowsAffected > 0
		return r.with(ctx).Take(&row, "user_ref = ? AND role = ? AND territory = ?", g.UserRef, g.Role, g.Territory).Error
	})
	if err != nil {
		return false, fmt.Errorf("grant role %q to user %d: %w", g.Role, g.UserRef, translate(err))
	}
	*g = row.grant()
	return created, nil
}

// RevokeUserRole deletes a grant; ErrNotFound when the user does not hold it.
func (r Repo) RevokeUserRole(ctx context.Context, userRef int64, role, territory string) error {
	res := r.with(ctx).Exec("DELETE FROM user_roles WHERE user_ref = ? AND role = ? AND territory = ?", userRef, role, territory)
	return affected(res.Error, res.RowsAffected, "revoke role %q in %q from user %d", role, territory, userRef)
}

// UserRoles returns a user's grants by role, then territory.
func (r Repo) UserRoles(ctx context.Context, userRef int64) ([]UserRole, error) {
	var rows []userRoleRow
	if err := r.with(ctx).Where("user_ref = ?", userRef).Order("role, territory").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list roles of user %d: %w", userRef, translate(err))
	}
	out := make([]UserRole, len(rows))
	for i, row := range rows {
		out[i] = row.grant()
	}
	return out, nil
}
