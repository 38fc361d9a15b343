package api

import (
	"time"

	"github.com/pbnode/pbnode/portal/identity"
)

// Request and response types of sign-in, sessions and roles.

type smsRequest struct {
	Phone string `json:"phone"`
}

type challengeJSON struct {
	ChallengeID string    `json:"challenge_id"`
	ExpiresAt   time.Time `json:"expires_at"`
}

type verifyRequest struct {
	ChallengeID string `json:"challenge_id"`
	Code        string `json:"code"`
	Session     string `json:"session"` // "bearer" (default) or "cookie"
}

type signInJSON struct {
	Token      string    `json:"token,omitempty"`      // bearer sessions
	CSRFToken  string    `json:"csrf_token,omitempty"` // cookie sessions
	ExpiresAt  time.Time `json:"expires_at"`
	User       userJSON  `json:"user"`
	Registered bool      `json:"registered"` // this sign-in created the user
}

type userJSON struct {
	UserID    string    `json:"user_id"`
	CitizenID *int64    `json:"citizen_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

type meJSON struct {
	UserID    string      `json:"user_id,omitempty"` // "" for a service token
	CitizenID *int64      `json:"citizen_id,omitempty"`
	Roles     []grantJSON `json:"roles"`
	CreatedAt time.Time   `json:"created_at"`
	Label     string      `json:"label,omitempty"` // a service token's label
}

type grantJSON struct {
	Role      string    `json:"role"`
	Territory string    `json:"territory"` // "" is the whole city
	CreatedAt time.Time `json:"created_at"`
}

type rolesJSON struct {
	UserID string      `json:"user_id"`
	Roles  []grantJSON `json:"roles"`
}

type grantRequest struct {
	Role      string `json:"role"`
	Territory string `json:"territory"`
}

func userOf(u identity.User) userJSON {
	out := userJSON{UserID: u.UserID, CreatedAt: u.CreatedAt}
	if u.CitizenID != 0 {
		out.CitizenID = &u.CitizenID
	}
	return out
}

func grantOf(g identity.RoleGrant) grantJSON {
	return grantJSON{Role: string(g.Role), Territory: g.Territory, CreatedAt: g.CreatedAt}
}

func grantsOf(gs []identity.RoleGrant) []grantJSON {
	out := make([]grantJSON, len(gs))
	for i, g := range gs {
		out[i] = grantOf(g)
	}
	return out
}
