package roundv2

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

// Signed is a record with the citizen's ERC-2098 compact signature (r, vs):
// one element of a relayed batch. The signer is recovered, not sent.
type Signed struct {
	Record Record
	R, VS  [32]byte
}

// Binding is the record as the generated binding's relay argument.
func (s Signed) Binding() budgetroundv2.BudgetRoundV2Signed {
	return budgetroundv2.BudgetRoundV2Signed{Head: s.Record.Head(), R: s.R, Vs: s.VS}
}

// ErrBadSignature is the error of Compact and Recover for a signature the
// contract's ECDSA.tryRecover would refuse.
var ErrBadSignature = errors.New("bad signature")

var (
	secp256k1N     = crypto.S256().Params().N
	secp256k1HalfN = new(big.Int).Rsh(secp256k1N, 1)
)

// Compact turns a 65-byte [R || S || V] signature (V 0/1 or 27/28) into
// ERC-2098 (r, vs = yParity << 255 | s). It refuses a high s (OpenZeppelin's
// ECDSA does: only the low-s form of a signature is valid) and a zero r or s.
func Compact(sig []byte) (r, vs [32]byte, err error) {
	if len(sig) != crypto.SignatureLength {
		return r, vs, fmt.Errorf("%w: %d bytes, want 65", ErrBadSignature, len(sig))
	}
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return r, vs, fmt.Errorf("%w: v = %d", ErrBadSignature, sig[64])
	}
	if err := checkRS(sig[:32], sig[32:64]); err != nil {
		return r, vs, err
	}
	copy(r[:], sig[:32])
	copy(vs[:], sig[32:64])
	vs[0] |= v << 7
	return r, vs, nil
}

func checkRS(r, s []byte) error {
	rInt, sInt := new(big.Int).SetBytes(r), new(big.Int).SetBytes(s)
	switch {
	case rInt.Sign() == 0 || sInt.Sign() == 0 || rInt.Cmp(secp256k1N) >= 0:
		return fmt.Errorf("%w: r or s out of range", ErrBadSignature)
	case sInt.Cmp(secp256k1HalfN) > 0:
		return fmt.Errorf("%w: high s", ErrBadSignature)
	}
	return nil
}

// Expand turns ERC-2098 (r, vs) back into a 65-byte [R || S || V] signature
// with V 0 or 1, as go-ethereum's crypto.Ecrecover takes it.
func Expand(r, vs [32]byte) []byte {
	sig := make([]byte, crypto.SignatureLength)
	copy(sig, r[:])
	copy(sig[32:], vs[:])
	sig[32] &= 0x7f
	sig[64] = vs[0] >> 7
	return sig
}

// Recover is the address that signed s in domain d, as the contract recovers
// it. A signature for another domain (chain, round, version) or another
// record recovers another address without error: compare with whom you
// expect.
func (d Domain) Recover(s Signed) (common.Address, error) {
	sig := Expand(s.R, s.VS)
	if err := checkRS(sig[:32], sig[32:64]); err != nil {
		return common.Address{}, err
	}
	digest := d.Digest(s.Record)
	pub, err := crypto.SigToPub(digest[:], sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// Signer signs EIP-712 digests for one address: a key in the node (tests,
// tools), or a citizen's wallet behind an API.
type Signer interface {
	// Address is the account the signatures recover to.
	Address() common.Address
	// SignHash signs a 32-byte digest and returns [R || S || V], V 0/1 or
	// 27/28.
	SignHash(ctx context.Context, hash common.Hash) ([]byte, error)
}

// KeySigner is a Signer over a private key held in memory.
func KeySigner(key *ecdsa.PrivateKey) Signer {
	return keySigner{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

type keySigner struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func (k keySigner) Address() common.Address { return k.addr }

func (k keySigner) SignHash(_ context.Context, hash common.Hash) ([]byte, error) {
	return crypto.Sign(hash[:], k.key)
}

// Sign validates r, has s sign its digest in domain d and returns the
// compact signed record. It checks that the signature recovers to
// s.Address(), so a signer with the wrong key fails here, not in a batch.
func Sign(ctx context.Context, d Domain, r Record, s Signer) (Signed, error) {
	if err := r.Validate(); err != nil {
		return Signed{}, err
	}
	sig, err := s.SignHash(ctx, d.Digest(r))
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s of %s: %w", r.Kind, s.Address(), err)
	}
	signed := Signed{Record: r}
	if signed.R, signed.VS, err = Compact(sig); err != nil {
		return Signed{}, fmt.Errorf("sign %s of %s: %w", r.Kind, s.Address(), err)
	}
	got, err := d.Recover(signed)
	if err != nil {
		return Signed{}, fmt.Errorf("sign %s of %s: %w", r.Kind, s.Address(), err)
	}
	if got != s.Address() {
		return Signed{}, fmt.Errorf("sign %s of %s: %w: recovers %s", r.Kind, s.Address(), ErrBadSignature, got)
	}
	return signed, nil
}
