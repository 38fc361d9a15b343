package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// User is a signed-in person as the API shows them.
type User struct {
	ID         int64  // internal key
	UserID     string // the twelve-digit unique user ID
	CitizenID  int64  // the citizen (wallet address) this user acts as; 0 until linked
	HasPhone   bool   // signs in by SMS
	OIDCIssuer string // the identity provider this user signs in with, if any
	CreatedAt  time.Time
}

func userOf(u storage.User) User {
	out := User{ID: u.ID, UserID: u.UserID, HasPhone: u.PhoneIndex != "", OIDCIssuer: u.OIDCIssuer, CreatedAt: u.CreatedAt}
	if u.CitizenID != nil {
		out.CitizenID = *u.CitizenID
	}
	return out
}

// maxUserIDDraws bounds the draws of a unique user ID. With a million users one draw
// collides with probability about 1e-6, so eight in a row mean a broken random source.
const maxUserIDDraws = 8

// findOrCreate returns the user that find finds, or creates one from template with a fresh
// unique user ID. A conflict on create means either a concurrent first sign-in of the same
// person (find finds it on the next round) or a taken user ID (drawn again). A deactivated
// user gives ErrDeactivated.
func (s *Service) findOrCreate(ctx context.Context, r storage.Repo, template storage.User, find func() (storage.User, error)) (storage.User, bool, error) {
	for range maxUserIDDraws {
		u, err := find()
		switch {
		case err == nil && u.Status != storage.UserActive:
			return u, false, ErrDeactivated
		case err == nil:
			return u, false, nil
		case !errors.Is(err, storage.ErrNotFound):
			return u, false, err
		}
		id, err := pii.NewUserID(s.userIDs)
		if err != nil {
			return u, false, err
		}
		u = template
		u.UserID = id.String()
		err = r.CreateUser(ctx, &u)
		if err == nil {
			return u, true, nil
		}
		if !errors.Is(err, storage.ErrConflict) {
			return u, false, err
		}
	}
	return storage.User{}, false, fmt.Errorf("create user: no free unique user ID in %d draws", maxUserIDDraws)
}
