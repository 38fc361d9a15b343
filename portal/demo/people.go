package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

// Issuer is the identity provider the demo's citizens and officials are registered through:
// nobody can sign in as them with a real provider.
const Issuer = "urn:pbnode:demo"

// citizenSubject is the OIDC subject of the i-th demo citizen (from 0).
func citizenSubject(i int) string { return fmt.Sprintf("demo-citizen-%03d", i+1) }

// territories are the districts the demo citizens are registered in, in turn.
var territories = []string{"msk/cao", "msk/zao", "msk/sao", "msk/yuao"}

// People are what the demo needs to make real citizens: identity registers them, citizens
// keeps their profiles and verifies them against Registry, which lists People (a
// registrytest extract), and wallets gives them custodial wallets.
type People struct {
	Identity *identity.Service
	Citizens *citizens.Service
	Wallets  *wallets.Service
	Registry registry.Registry
	People   []registrytest.Citizen // at least Citizens of them
}

// citizens registers Citizens users through identity (OIDC issuer Issuer), gives each a
// profile and a registration address, has them verified at levels 1 to 3 in turn (person i at
// level 1 + i%3) by a verification job against the registry, and makes sure each has a
// custodial wallet. It returns the users' internal keys.
func (p People) citizens(ctx context.Context) ([]int64, error) {
	if len(p.People) < Citizens {
		return nil, fmt.Errorf("demo citizens: the registry extract lists %d people, want %d", len(p.People), Citizens)
	}
	users := make([]int64, Citizens)
	for i := range users {
		_, u, _, err := p.Identity.LoginOIDC(ctx, Issuer, citizenSubject(i), identity.Bearer)
		if err != nil {
			return nil, fmt.Errorf("demo citizen %d: %w", i+1, err)
		}
		users[i] = u.ID
		person := p.People[i].Person
		in := citizens.ProfileInput{FullName: person.FullName, BirthDate: person.BirthDate.Format(time.DateOnly)}
		if _, err := p.Citizens.UpdateProfile(ctx, u.ID, in); err != nil {
			return nil, fmt.Errorf("demo citizen %d profile: %w", i+1, err)
		}
		if _, err := p.Citizens.SetAddress(ctx, u.ID, storage.AddressRegistration, person.Address, territories[i%len(territories)]); err != nil {
			return nil, fmt.Errorf("demo citizen %d address: %w", i+1, err)
		}
	}
	if err := p.verify(ctx, users); err != nil {
		return nil, err
	}
	for i, u := range users {
		if _, err := p.Wallets.EnsureCustodial(ctx, u); err != nil {
			return nil, fmt.Errorf("demo citizen %d wallet: %w", i+1, err)
		}
	}
	return users, nil
}

// verify submits level 1 for everybody, then level 2 and 3 for those who reach them, and
// works the queue after each level.
func (p People) verify(ctx context.Context, users []int64) error {
	job, err := p.Citizens.NewJob(p.Registry, p.Wallets.CustodialOnVerified(citizens.LogNotifier{Log: slog.New(slog.DiscardHandler)}),
		citizens.DefaultJobConfig())
	if err != nil {
		return err
	}
	for level := 1; level <= 3; level++ {
		var queued []int64
		for i, u := range users {
			if 1+i%3 < level {
				continue
			}
			if _, err := p.Citizens.SubmitPerson(ctx, u, p.submission(i, level)); err != nil {
				return fmt.Errorf("demo citizen %d level %d: %w", i+1, level, err)
			}
			queued = append(queued, u)
		}
		if err := p.decide(ctx, job, queued); err != nil {
			return err
		}
	}
	return nil
}

func (p People) submission(i, level int) citizens.PersonSubmission {
	c := p.People[i]
	switch level {
	case 2:
		pass := c.Passport.Reveal()
		return citizens.PersonSubmission{Level: 2, PassportSeries: pass[:4], PassportNumber: pass[4:]}
	case 3:
		return citizens.PersonSubmission{Level: 3, SNILS: c.SNILS.Reveal()}
	}
	return citizens.PersonSubmission{Level: 1}
}

// decide works the queue until every user's requests are decided; the node's own job may
// decide some of them meanwhile. A rejection is an error: the extract lists every person.
func (p People) decide(ctx context.Context, job *citizens.Job, users []int64) error {
	for range 600 {
		if _, err := job.RunOnce(ctx); err != nil {
			return fmt.Errorf("demo verification: %w", err)
		}
		open, err := p.open(ctx, users)
		if err != nil || open == 0 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("demo verification: requests still open after a minute")
}

// open counts the users with a request not yet decided.
func (p People) open(ctx context.Context, users []int64) (int, error) {
	n := 0
	for _, u := range users {
		reqs, err := p.Citizens.Requests(ctx, u)
		if err != nil {
			return 0, err
		}
		for _, r := range reqs {
			switch r.Status {
			case storage.VerificationRejected:
				return 0, fmt.Errorf("demo verification: request %d rejected (%s)", r.ID, r.Reason)
			case storage.VerificationVerified:
			default:
				n++
			}
		}
	}
	return n, nil
}

// addresses are the users' wallet addresses, in order.
func (p People) addresses(ctx context.Context, users []int64) ([]common.Address, error) {
	out := make([]common.Address, len(users))
	for i, u := range users {
		w, err := p.Wallets.Wallet(ctx, u)
		if err != nil {
			return nil, err
		}
		out[i] = w.Address
	}
	return out, nil
}
