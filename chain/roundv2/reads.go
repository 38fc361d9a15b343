package roundv2

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Account is a citizen's materialized account (all zero until materialized).
type Account struct {
	Materialized bool
	Nonce        uint64 // the next EIP-712 nonce
	Unallocated  uint64 // claimed tokens in no piggy bank
}

// Initiative is an initiative's cost, piggy bank total and funded flag
//
type Initiative struct {
	Cost     uint64
	Received uint64
	Funded   bool
}

// u64 converts a contract value that pbnode keeps below 2^64 (kopecks, ids,
// nonces).
func u64(v *big.Int, what string) (uint64, error) {
	if !v.IsUint64() {
		return 0, fmt.Errorf("%s %s does not fit 64 bits", what, v)
	}
	return v.Uint64(), nil
}

// Account reads citizen's account.
func (r *Round) Account(ctx context.Context, citizen common.Address) (Account, error) {
	out, err := r.call(ctx, "account", binding.PackAccount(citizen))
	if err != nil {
		return Account{}, err
	}
	a, err := binding.UnpackAccount(out)
	if err != nil {
		return Account{}, fmt.Errorf("read account of %s: %w", citizen, err)
	}
	acc := Account{Materialized: a.Materialized}
	if acc.Nonce, err = u64(a.Nonce, "nonce"); err != nil {
		return Account{}, err
	}
	if acc.Unallocated, err = u64(a.Unallocated, "unallocated"); err != nil {
		return Account{}, err
	}
	return acc, nil
}

// Initiative reads initiative id (zero for an unknown id).
func (r *Round) Initiative(ctx context.Context, id uint16) (Initiative, error) {
	out, err := r.call(ctx, "initiative", binding.PackInitiative(u256(uint64(id))))
	if err != nil {
		return Initiative{}, err
	}
	it, err := binding.UnpackInitiative(out)
	if err != nil {
		return Initiative{}, fmt.Errorf("read initiative %d: %w", id, err)
	}
	res := Initiative{Funded: it.Funded}
	if res.Cost, err = u64(it.Cost, "cost"); err != nil {
		return Initiative{}, err
	}
	if res.Received, err = u64(it.Received, "received"); err != nil {
		return Initiative{}, err
	}
	return res, nil
}

// Allocated is how much a materialized citizen has in initiative id.
func (r *Round) Allocated(ctx context.Context, citizen common.Address, id uint16) (uint64, error) {
	return r.readUint(ctx, "allocated", binding.PackAllocated(citizen, u256(uint64(id))), binding.UnpackAllocated)
}

// IsClaimed reports whether eligibility index has claimed its quota, under
// any root.
func (r *Round) IsClaimed(ctx context.Context, index uint32) (bool, error) {
	out, err := r.call(ctx, "isClaimed", binding.PackIsClaimed(u256(uint64(index))))
	if err != nil {
		return false, err
	}
	return binding.UnpackIsClaimed(out)
}

// Distributed is the sum of claimed quotas.
func (r *Round) Distributed(ctx context.Context) (uint64, error) {
	return r.readUint(ctx, "distributed", binding.PackDistributed(), binding.UnpackDistributed)
}

// Funded is the funded initiatives in ranking order; empty before finalize
//
func (r *Round) Funded(ctx context.Context) ([]uint16, error) {
	out, err := r.call(ctx, "fundedInitiatives", binding.PackFundedInitiatives())
	if err != nil {
		return nil, err
	}
	ids, err := binding.UnpackFundedInitiatives(out)
	if err != nil {
		return nil, fmt.Errorf("read funded initiatives: %w", err)
	}
	funded := make([]uint16, len(ids))
	for i, id := range ids {
		funded[i] = uint16(id.Uint64())
	}
	return funded, nil
}

// ClaimsRoot is the root batch batchID committed; ErrUnknownBatch for a batch
// not relayed yet.
func (r *Round) ClaimsRoot(ctx context.Context, batchID *big.Int) (common.Hash, error) {
	out, err := r.call(ctx, "claimsRoot", binding.PackClaimsRoot(batchID))
	if err != nil {
		return common.Hash{}, err
	}
	return binding.UnpackClaimsRoot(out)
}

// EligibilityRoot is the current eligibility root (zero before the first).
func (r *Round) EligibilityRoot(ctx context.Context) (common.Hash, error) {
	out, err := r.call(ctx, "eligibilityRoot", binding.PackEligibilityRoot())
	if err != nil {
		return common.Hash{}, err
	}
	return binding.UnpackEligibilityRoot(out)
}

// Domain reads the round's EIP-712 domain (ERC-5267 eip712Domain) and checks
// its name and version, so that what the node has citizens sign is what
// this contract verifies.
func (r *Round) Domain(ctx context.Context) (Domain, error) {
	out, err := r.call(ctx, "eip712Domain", binding.PackEip712Domain())
	if err != nil {
		return Domain{}, err
	}
	d, err := binding.UnpackEip712Domain(out)
	if err != nil {
		return Domain{}, fmt.Errorf("read EIP-712 domain of round %s: %w", r.addr, err)
	}
	if d.Name != DomainName || d.Version != DomainVersion || d.VerifyingContract != r.addr {
		return Domain{}, fmt.Errorf("round %s: EIP-712 domain %q version %q for %s, want %q version %q", r.addr, d.Name, d.Version, d.VerifyingContract, DomainName, DomainVersion)
	}
	return Domain{ChainID: d.ChainId, Round: r.addr}, nil
}

func (r *Round) readUint(ctx context.Context, what string, data []byte, unpack func([]byte) (*big.Int, error)) (uint64, error) {
	out, err := r.call(ctx, what, data)
	if err != nil {
		return 0, err
	}
	v, err := unpack(out)
	if err != nil {
		return 0, fmt.Errorf("read %s of round %s: %w", what, r.addr, err)
	}
	return u64(v, what)
}
