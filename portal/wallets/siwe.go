package wallets

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/siwe"
	"github.com/pbnode/pbnode/storage"
)

// Challenge is what a wallet's Sign-In with Ethereum message must say, for one user.
type Challenge struct {
	Nonce          string
	Domain         string
	URI            string
	ChainID        uint64
	Statement      string
	IssuedAt       time.Time
	ExpirationTime time.Time
}

// Message returns the EIP-4361 text of the challenge for the wallet at addr, the text a
// client has the wallet sign.
func (c Challenge) Message(addr common.Address) string {
	statement := c.Statement
	m := siwe.Message{Domain: c.Domain, Address: addr, URI: c.URI, ChainID: c.ChainID, Nonce: c.Nonce,
		Statement: &statement, IssuedAt: c.IssuedAt.Format(time.RFC3339), ExpirationTime: c.ExpirationTime.Format(time.RFC3339)}
	return m.String()
}

// IssueNonce issues a fresh nonce to the user, valid for Config.NonceTTL, with what the
// message must name. ErrUnknownUser, ErrDeactivated.
func (s *Service) IssueNonce(ctx context.Context, userRef int64) (Challenge, error) {
	if _, err := activeUser(ctx, s.db.Repo, userRef); err != nil {
		return Challenge{}, fmt.Errorf("issue sign-in nonce: %w", err)
	}
	now := s.clock().Truncate(time.Second)
	c := Challenge{
		Nonce: strings.ToLower(rand.Text()), Domain: s.domain, URI: s.cfg.PublicURL, ChainID: s.cfg.ChainID,
		Statement: s.cfg.Statement, IssuedAt: now, ExpirationTime: now.Add(s.cfg.NonceTTL),
	}
	err := s.db.CreateSIWENonce(ctx, storage.SIWENonce{Nonce: c.Nonce, UserRef: userRef, ExpiresAt: c.ExpirationTime, CreatedAt: now})
	if err != nil {
		return Challenge{}, fmt.Errorf("issue sign-in nonce: %w", err)
	}
	return c, nil
}

// Link links the user to the wallet that signed message (EIP-4361 text) with signature (65
// bytes, EIP-191 personal_sign), after the checks and under the rules of the package
// documentation. A refused request writes nothing.
func (s *Service) Link(ctx context.Context, userRef int64, message string, signature []byte) (Wallet, error) {
	msg, err := siwe.Parse(message)
	if err != nil {
		return Wallet{}, fmt.Errorf("link wallet: %w: %w", ErrInvalidMessage, err)
	}
	now := s.clock()
	if err := s.checkNonce(ctx, msg.Nonce, userRef, now); err != nil {
		return Wallet{}, fmt.Errorf("link wallet: %w", err)
	}
	want := siwe.Expect{Domain: s.domain, ChainID: s.cfg.ChainID, Now: now, Nonce: msg.Nonce}
	addr, err := siwe.Verify(msg, signature, want)
	if err != nil {
		return Wallet{}, fmt.Errorf("link wallet: %w", verifyError(err))
	}
	var link storage.WalletLink
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.ConsumeSIWENonce(ctx, msg.Nonce, userRef, now); errors.Is(err, storage.ErrConflict) {
			return ErrNonceUsed // checked above: it was this user's and unexpired, so a concurrent use won
		} else if err != nil {
			return err
		}
		link, err = s.relink(ctx, tx, userRef, addr, now)
		return err
	})
	if err != nil {
		return Wallet{}, fmt.Errorf("link wallet: %w", err)
	}
	s.log.Info("wallet linked", "user", userRef, "citizen", link.CitizenID, "kind", link.Kind)
	return walletOf(link), nil
}

// checkNonce requires nonce to be issued to userRef, unused and unexpired at now.
func (s *Service) checkNonce(ctx context.Context, nonce string, userRef int64, now time.Time) error {
	n, err := s.db.SIWENonce(ctx, nonce)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return ErrNonceUnknown
	case err != nil:
		return err
	case n.UserRef != userRef:
		return ErrNonceUnknown
	case n.ConsumedAt != nil:
		return ErrNonceUsed
	case !now.Before(n.ExpiresAt):
		return ErrNonceExpired
	}
	return nil
}

// verifyError maps siwe.Verify's refusals to this package's sentinels, keeping the cause.
func verifyError(err error) error {
	for _, m := range []struct{ from, to error }{
		{siwe.ErrDomain, ErrWrongDomain},
		{siwe.ErrChainID, ErrWrongChain},
		{siwe.ErrSignature, ErrBadSignature},
		{siwe.ErrAddressMismatch, ErrBadSignature},
		{siwe.ErrExpired, ErrNonceExpired},
		{siwe.ErrNonce, ErrNonceUnknown},
		{siwe.ErrNotYetValid, ErrInvalidMessage},
		{siwe.ErrMalformed, ErrInvalidMessage},
	} {
		if errors.Is(err, m.from) {
			return fmt.Errorf("%w: %w", m.to, err)
		}
	}
	return err
}

// relink points the user at addr: a no-op when it is the user's address already.
func (s *Service) relink(ctx context.Context, tx *storage.Tx, userRef int64, addr common.Address, now time.Time) (storage.WalletLink, error) {
	u, err := activeUser(ctx, tx.Repo, userRef)
	if err != nil {
		return storage.WalletLink{}, err
	}
	c, err := citizenOf(ctx, tx, addr)
	if err != nil {
		return storage.WalletLink{}, err
	}
	if u.CitizenID != nil && *u.CitizenID == c.ID {
		return tx.CurrentWalletLink(ctx, userRef)
	}
	if taken, err := tx.CitizenLinkedToOthers(ctx, c.ID, userRef); err != nil || taken {
		return storage.WalletLink{}, errors.Join(err, takenIf(taken))
	}
	if u.CitizenID != nil {
		if busy, err := tx.HasOpenQuota(ctx, *u.CitizenID); err != nil || busy {
			return storage.WalletLink{}, errors.Join(err, inUseIf(busy))
		}
	}
	link, err := tx.LinkWallet(ctx, userRef, u.CitizenID, c.ID, storage.WalletSIWE, now)
	if errors.Is(err, storage.ErrConflict) {
		// Another user took the address, or this user's wallet changed, meanwhile.
		return link, fmt.Errorf("%w: %w", ErrAddressTaken, err)
	}
	link.Address = c.Address
	return link, err
}

func takenIf(taken bool) error {
	if taken {
		return ErrAddressTaken
	}
	return nil
}

func inUseIf(busy bool) error {
	if busy {
		return ErrWalletInUse
	}
	return nil
}

// citizenOf returns the citizen at addr, registering it when new.
func citizenOf(ctx context.Context, tx *storage.Tx, addr common.Address) (storage.Citizen, error) {
	c, err := tx.CitizenByAddress(ctx, addr.Hex())
	if !errors.Is(err, storage.ErrNotFound) {
		return c, err
	}
	c = storage.Citizen{Address: addr.Hex()}
	return c, tx.CreateCitizen(ctx, &c)
}
