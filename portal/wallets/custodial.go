package wallets

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// EnsureCustodial returns the user's wallet, first giving a user without one a custodial
// key (see the package documentation). ErrUnknownUser, ErrDeactivated.
func (s *Service) EnsureCustodial(ctx context.Context, userRef int64) (Wallet, error) {
	if w, err := s.Wallet(ctx, userRef); !errors.Is(err, ErrNoWallet) {
		return w, err
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		return Wallet{}, fmt.Errorf("generate custodial key: %w", err)
	}
	raw := crypto.FromECDSA(key)
	sealed, err := s.vault.Seal(pii.KindWalletKey, raw)
	clear(raw)
	if err != nil {
		return Wallet{}, fmt.Errorf("seal custodial key: %w", err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	var link storage.WalletLink
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if _, err := activeUser(ctx, tx.Repo, userRef); err != nil {
			return err
		}
		c := storage.Citizen{Address: addr.Hex()}
		if err := tx.CreateCitizen(ctx, &c); err != nil {
			return err
		}
		if err := tx.CreateCustodialKey(ctx, c.ID, sealed); err != nil {
			return err
		}
		link, err = tx.LinkWallet(ctx, userRef, nil, c.ID, storage.WalletCustodial, s.clock())
		link.Address = c.Address
		return err
	})
	if errors.Is(err, storage.ErrConflict) {
		return s.Wallet(ctx, userRef) // a concurrent call linked a wallet first
	}
	if err != nil {
		return Wallet{}, fmt.Errorf("create custodial wallet of user %d: %w", userRef, err)
	}
	s.log.Info("custodial wallet created", "user", userRef, "citizen", link.CitizenID)
	return walletOf(link), nil
}

// Signer signs for the custodial address of one user. It never prints its key.
type Signer struct {
	addr common.Address
	key  *ecdsa.PrivateKey
}

// Signer returns a signer for the user's custodial address: ErrNoWallet without a wallet,
// ErrNotCustodial when the wallet is the user's own.
func (s *Service) Signer(ctx context.Context, userRef int64) (*Signer, error) {
	w, err := s.Wallet(ctx, userRef)
	if err != nil {
		return nil, err
	}
	if w.Kind != storage.WalletCustodial {
		return nil, fmt.Errorf("signer of user %d: %w", userRef, ErrNotCustodial)
	}
	signer, err := s.citizenSigner(ctx, w.CitizenID)
	if err != nil {
		return nil, fmt.Errorf("signer of user %d: %w", userRef, err)
	}
	return signer, nil
}

// Address is the address the signer signs for.
func (s *Signer) Address() common.Address { return s.addr }

// SignHash signs a 32-byte digest (an EIP-712 digest, say) and returns r || s || v with v
// 27 or 28, as wallets and OpenZeppelin's ECDSA.recover expect.
func (s *Signer) SignHash(digest common.Hash) ([]byte, error) {
	sig, err := crypto.Sign(digest[:], s.key)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// SignText signs text as EIP-191 personal_sign does.
func (s *Signer) SignText(text []byte) ([]byte, error) {
	return s.SignHash(common.BytesToHash(accounts.TextHash(text)))
}

// String names the address only; Format prints String for every verb, %#v included.
func (s *Signer) String() string { return "wallets.Signer{" + s.addr.Hex() + "}" }

// Format prints String.
func (s *Signer) Format(f fmt.State, _ rune) { io.WriteString(f, s.String()) }
