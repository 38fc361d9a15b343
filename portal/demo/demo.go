// Package demo seeds the development node with a budget round to look at: "Demo 2027",
// 1,000,000.00 roubles, five initiatives, 100 citizens holding tokens, and some allocations.
// The citizens are real users: registered through identity, verified at levels 1 to 3 against
// a synthetic registry extract, each with a custodial wallet; the round's quotas go to the
// wallets of the citizens its eligibility admits (level 1, the whole city).
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
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

// Credentials are the API tokens the seed issued, shown once to the developer.
type Credentials struct {
	RoundID   int64
	Treasury  string
	Registrar string
	Auditor   string
	Citizens  []CitizenToken
}

// CitizenToken is a demo citizen's address and API token.
type CitizenToken struct {
	Address common.Address
	Token   string
}

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

// Seed creates the demo round, distributes it and makes a few allocations. It is not
// idempotent: call it when Seeded says false.
func Seed(ctx context.Context, db *storage.DB, svc *budget.Service, tokens *access.Tokens, people People) (Credentials, error) {
	round, err := svc.CreateRound(ctx, budget.NewRound{Name: RoundName, Budget: Budget, Deadline: Deadline, Initiatives: initiatives})
	if err != nil {
		return Credentials{}, fmt.Errorf("seed round: %w", err)
	}
	users, err := people.citizens(ctx)
	if err != nil {
		return Credentials{}, err
	}
	if _, err := svc.DistributeEligible(ctx, round.ID, people.Wallets.Electorate(people.Citizens)); err != nil {
		return Credentials{}, fmt.Errorf("seed quotas: %w", err)
	}
	addrs, err := people.addresses(ctx, users)
	if err != nil {
		return Credentials{}, fmt.Errorf("seed quotas: %w", err)
	}
	if err := allocate(ctx, svc, round.ID, addrs); err != nil {
		return Credentials{}, err
	}
	creds, err := issue(ctx, svc, tokens, round.ID, addrs[:3])
	if err != nil {
		return Credentials{}, err
	}
	if err := db.SetSetting(ctx, seededKey, fmt.Sprint(round.ID)); err != nil {
		return Credentials{}, fmt.Errorf("mark demo seeded: %w", err)
	}
	return creds, nil
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

func issue(ctx context.Context, svc *budget.Service, tokens *access.Tokens, roundID int64, citizens []common.Address) (Credentials, error) {
	creds := Credentials{RoundID: roundID}
	var err error
	for _, t := range []struct {
		role access.Role
		dst  *string
	}{{access.RoleTreasury, &creds.Treasury}, {access.RoleRegistrar, &creds.Registrar}, {access.RoleAuditor, &creds.Auditor}} {
		if *t.dst, err = tokens.Issue(ctx, t.role, 0, "demo "+string(t.role)); err != nil {
			return creds, err
		}
	}
	for _, addr := range citizens {
		id, err := svc.CitizenByAddress(ctx, addr)
		if err != nil {
			return creds, err
		}
		tok, err := tokens.Issue(ctx, access.RoleCitizen, id, "demo citizen")
		if err != nil {
			return creds, err
		}
		creds.Citizens = append(creds.Citizens, CitizenToken{Address: addr, Token: tok})
	}
	return creds, nil
}
