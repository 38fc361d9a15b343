// Package demo seeds the development node with a budget round to look at: "Demo 2027",
// 1,000,000.00 roubles, five initiatives, 100 citizens holding tokens, and some allocations.
// The citizens are real users: registered through identity, verified at levels 1 to 3 against
// a synthetic registry extract, each with a custodial wallet; the round's quotas go to the
// wallets of the citizens its eligibility admits (level 1, the whole city). The officials
// (treasury, registrar, auditor) are real users too, holding their role city-wide; Sessions
// signs them and three citizens in, for the developer to call the API as them.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

// seededKey marks a database that holds the demo already.
const seededKey = "demo.seeded_round"

// The demo round.
const (
	RoundName = "Demo 2027"
	Budget    = 100_000_000 // kopecks: 1,000,000.00 roubles
	Citizens  = 100
)

// Deadline is when the demo round closes: the end of 2027, Moscow time.
var Deadline = time.Date(2027, 12, 31, 21, 0, 0, 0, time.UTC)

var initiatives = []budget.NewInitiative{
	{Title: "Playground renewal in the yard of Lenina St. 12", Cost: 25_000_000},
	{Title: "Lighting along the paths of Pobedy Park", Cost: 40_000_000},
	{Title: "Protected bike lane on Mira Avenue", Cost: 55_000_000},
	{Title: "Benches and bins on the river embankment", Cost: 12_000_000},
	{Title: "Reading room at the district library", Cost: 30_000_000},
}

// Credentials are bearer sessions ("pbs_…") of the demo's officials and of three demo
// citizens, valid until ExpiresAt (identity.bearer_ttl after they were issued).
type Credentials struct {
	RoundID   int64
	ExpiresAt time.Time
	Treasury  string
	Registrar string
	Auditor   string
	Citizens  []CitizenToken
}

// CitizenToken is a demo citizen's wallet address and bearer session token.
type CitizenToken struct {
	Address common.Address
	Token   string
}

// Officials are the demo's official roles, each held city-wide by a demo user.
var Officials = []identity.Role{identity.RoleTreasury, identity.RoleRegistrar, identity.RoleAuditor}

// CitizenSessions is how many demo citizens Sessions signs in.
const CitizenSessions = 3

// Seeded reports the demo round's id when the database holds it already.
func Seeded(ctx context.Context, db *storage.DB) (int64, bool, error) {
	v, err := db.Setting(ctx, seededKey)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read demo marker: %w", err)
	}
	var id int64
	_, err = fmt.Sscan(v, &id)
	return id, err == nil, err
}

// Seed creates the demo round, distributes it and makes a few allocations, and registers
// the demo officials (users of Issuer holding their role city-wide). It returns the round's
// id. It is not idempotent: call it when Seeded says false, then Sessions.
func Seed(ctx context.Context, db *storage.DB, svc *budget.Service, people People) (int64, error) {
	round, err := svc.CreateRound(ctx, budget.NewRound{Name: RoundName, Budget: Budget, Deadline: Deadline, Initiatives: initiatives})
	if err != nil {
		return 0, fmt.Errorf("seed round: %w", err)
	}
	users, err := people.citizens(ctx)
	if err != nil {
		return 0, err
	}
	if _, err := svc.DistributeEligible(ctx, round.ID, people.Wallets.Electorate(people.Citizens)); err != nil {
		return 0, fmt.Errorf("seed quotas: %w", err)
	}
	addrs, err := people.addresses(ctx, users)
	if err != nil {
		return 0, fmt.Errorf("seed quotas: %w", err)
	}
	if err := allocate(ctx, svc, round.ID, addrs); err != nil {
		return 0, err
	}
	for _, role := range Officials {
		if _, err := official(ctx, people.Identity, role); err != nil {
			return 0, err
		}
	}
	if err := db.SetSetting(ctx, seededKey, fmt.Sprint(round.ID)); err != nil {
		return 0, fmt.Errorf("mark demo seeded: %w", err)
	}
	return round.ID, nil
}

// allocate has every third citizen back one or two initiatives: 40 allocations in all.
func allocate(ctx context.Context, svc *budget.Service, roundID int64, addrs []common.Address) error {
	for i := 0; i < len(addrs); i += 3 {
		id, err := svc.CitizenByAddress(ctx, addrs[i])
		if err != nil {
			return err
		}
		moves := []budget.Move{{RoundID: roundID, CitizenID: id, Initiative: 1 + i%5, Amount: int64(200_000 + 10_000*(i%7))}}
		if i%2 == 0 {
			moves = append(moves, budget.Move{RoundID: roundID, CitizenID: id, Initiative: 1 + (i/2)%5, Amount: 150_000})
		}
		for _, m := range moves {
			if _, err := svc.Allocate(ctx, m); err != nil {
				return fmt.Errorf("seed allocation: %w", err)
			}
		}
	}
	return nil
}

// Sessions signs the demo officials and the first CitizenSessions demo citizens in through
// identity (OIDC issuer Issuer) and returns their fresh bearer sessions, with the citizens'
// wallet addresses. The seed must have run (Seeded): the citizens are the seed's. An official
// missing from an older seed is registered and granted their role.
func Sessions(ctx context.Context, ids *identity.Service, ws *wallets.Service, roundID int64) (Credentials, error) {
	creds := Credentials{RoundID: roundID}
	for _, o := range []struct {
		role identity.Role
		dst  *string
	}{{identity.RoleTreasury, &creds.Treasury}, {identity.RoleRegistrar, &creds.Registrar}, {identity.RoleAuditor, &creds.Auditor}} {
		sess, err := official(ctx, ids, o.role)
		if err != nil {
			return creds, err
		}
		*o.dst, creds.ExpiresAt = sess.Token, sess.ExpiresAt
	}
	for i := range CitizenSessions {
		sess, u, created, err := ids.LoginOIDC(ctx, Issuer, citizenSubject(i), identity.Bearer)
		if err != nil {
			return creds, fmt.Errorf("demo citizen %d session: %w", i+1, err)
		}
		if created {
			return creds, fmt.Errorf("demo citizen %d session: the demo is not seeded", i+1)
		}
		w, err := ws.Wallet(ctx, u.ID)
		if err != nil {
			return creds, fmt.Errorf("demo citizen %d wallet: %w", i+1, err)
		}
		creds.Citizens = append(creds.Citizens, CitizenToken{Address: w.Address, Token: sess.Token})
	}
	return creds, nil
}

// official signs the demo user of role in (registering them the first time) and makes sure
// they hold role city-wide.
func official(ctx context.Context, ids *identity.Service, role identity.Role) (identity.Session, error) {
	sess, u, _, err := ids.LoginOIDC(ctx, Issuer, "demo-"+string(role), identity.Bearer)
	if err != nil {
		return sess, fmt.Errorf("demo %s: %w", role, err)
	}
	if _, err := ids.GrantRoleAsOperator(ctx, u.UserID, role, ""); err != nil {
		return sess, fmt.Errorf("demo %s: %w", role, err)
	}
	return sess, nil
}
