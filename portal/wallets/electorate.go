package wallets

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/citizens"
)

// Eligible pages through the users eligible under a round's rules; *citizens.Service
// implements it.
type Eligible interface {
	EligibleUsers(ctx context.Context, rules citizens.RoundRules, page citizens.Page) ([]citizens.Citizen, citizens.Page, error)
}

// Electorate lists the wallet addresses of eligible users.
type Electorate struct {
	svc      *Service
	eligible Eligible
}

// Electorate returns the electorate of the users that eligible lists.
func (s *Service) Electorate(eligible Eligible) *Electorate {
	return &Electorate{svc: s, eligible: eligible}
}

// Addresses returns the addresses of the users eligible under rules who have a wallet, in
// the order of the users' internal keys. Users without a wallet are left out: a verified
// citizen gets a custodial one when the verification is decided.
func (e *Electorate) Addresses(ctx context.Context, rules citizens.RoundRules) ([]common.Address, error) {
	var out []common.Address
	page := citizens.Page{}
	for {
		list, next, err := e.eligible.EligibleUsers(ctx, rules, page)
		if err != nil {
			return nil, err
		}
		refs := make([]int64, len(list))
		for i, c := range list {
			refs[i] = c.ID
		}
		ws, err := e.svc.db.UserWallets(ctx, refs)
		if err != nil {
			return nil, fmt.Errorf("list electorate: %w", err)
		}
		for _, w := range ws {
			out = append(out, common.HexToAddress(w.Address))
		}
		if next.Limit == 0 {
			return out, nil
		}
		page = next
	}
}
