package wallets

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// CustodialSigner unseals the custodial key of a citizen address for the budget area to sign
// BudgetRoundV2 records with; ok is false when the node keeps no key for it (a linked wallet
// is the user's own). The signer holds the key in memory: drop it after use.
func (s *Service) CustodialSigner(ctx context.Context, citizenID int64) (signer interface {
	Address() common.Address
	SignHash(digest common.Hash) ([]byte, error)
}, ok bool, err error) {
	sg, err := s.citizenSigner(ctx, citizenID)
	if errors.Is(err, ErrNotCustodial) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return sg, true, nil
}

// citizenSigner unseals the custodial key of a citizen address.
func (s *Service) citizenSigner(ctx context.Context, citizenID int64) (*Signer, error) {
	sealed, err := s.db.CustodialKey(ctx, citizenID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("signer of citizen %d: %w", citizenID, ErrNotCustodial)
	}
	if err != nil {
		return nil, fmt.Errorf("signer of citizen %d: %w", citizenID, err)
	}
	c, err := s.db.Citizen(ctx, citizenID)
	if err != nil {
		return nil, fmt.Errorf("signer of citizen %d: %w", citizenID, err)
	}
	raw, err := s.vault.Open(pii.KindWalletKey, sealed)
	if err != nil {
		return nil, fmt.Errorf("signer of citizen %d: %w", citizenID, err)
	}
	defer clear(raw)
	key, err := crypto.ToECDSA(raw)
	if err != nil {
		return nil, fmt.Errorf("signer of citizen %d: stored key is not a secp256k1 key", citizenID)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	if addr != common.HexToAddress(c.Address) {
		return nil, fmt.Errorf("signer of citizen %d: stored key does not match the address", citizenID)
	}
	return &Signer{addr: addr, key: key}, nil
}
