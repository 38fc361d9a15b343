package roundv2

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// RegisterInitiative registers an initiative costing cost kopecks
// (TREASURY_ROLE, R-2.1) and returns its id (1, 2, 3, …).
func (r *Round) RegisterInitiative(ctx context.Context, cost uint64) (uint16, error) {
	rc, err := r.send(ctx, "registerInitiative", binding.PackRegisterInitiative(u256(cost)))
	if err != nil {
		return 0, err
	}
	for _, l := range rc.Logs {
		if ev, err := binding.UnpackInitiativeRegisteredEvent(l); err == nil && l.Address == r.addr {
			return uint16(ev.Id.Uint64()), nil
		}
	}
	return 0, fmt.Errorf("registerInitiative on round %s: no InitiativeRegistered event in tx %s", r.addr, rc.TxHash)
}

// SetEligibilityRoot publishes the eligibility root of leafCount citizens
// (REGISTRAR_ROLE, R-1.2). The tree must keep every citizen at their
// permanent index; the contract cannot check it.
func (r *Round) SetEligibilityRoot(ctx context.Context, root common.Hash, leafCount uint64) (*types.Receipt, error) {
	return r.send(ctx, "setEligibilityRoot", binding.PackSetEligibilityRoot(root, u256(leafCount)))
}

// Finalize computes the funded set by the round's rule and returns unspent
// tokens to the treasury (TREASURY_ROLE, after the deadline, R-1.4).
func (r *Round) Finalize(ctx context.Context) (*types.Receipt, error) {
	return r.send(ctx, "finalize", binding.PackFinalize())
}
