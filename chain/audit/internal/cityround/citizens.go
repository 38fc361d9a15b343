package cityround

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// Every citizen's quota, and what their first use allocates of it.
const (
	Quota  = 1000
	Amount = 10
)

// Initiatives is how many initiatives the round has; citizen i allocates
// to initiative 1 + i%Initiatives.
const Initiatives = 3

// Key is citizen i's private key: keccak256("pbnode/cityround", i as 8
// bytes big-endian), so that the same N gives the same round.
func Key(i int) (*ecdsa.PrivateKey, error) {
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(i))
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("pbnode/cityround"), buf[:]))
	if err != nil {
		return nil, fmt.Errorf("key of citizen %d: %w", i, err)
	}
	return k, nil
}

// citizens are N citizens' keys, derived on every CPU, and their
// eligibility tree (citizen i at leaf i with Quota). The keys are kept
// (about 300 MB for a million): deriving a public key costs about as much
// as a signature.
type citizens struct {
	keys []*ecdsa.PrivateKey
	tree *merkle.Tree
}

func newCitizens(ctx context.Context, n int) (*citizens, error) {
	c := &citizens{keys: make([]*ecdsa.PrivateKey, n)}
	leaves := make([]common.Hash, n)
	err := parallel(ctx, n, func(i int) error {
		var err error
		if c.keys[i], err = Key(i); err == nil {
			leaves[i] = merkle.EligibilityLeaf(uint64(i), crypto.PubkeyToAddress(c.keys[i].PublicKey), Quota)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.tree, err = merkle.New(leaves); err != nil {
		return nil, fmt.Errorf("eligibility tree of %d citizens: %w", n, err)
	}
	return c, nil
}

// firstUse is citizen i's first use: claim Quota at index i, allocate Amount.
func firstUse(i int, deadline uint64) roundv2.Record {
	return roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: Amount, Quota: Quota,
		Initiative: uint16(1 + i%Initiatives), Index: uint32(i), Deadline: deadline}
}

// sign has citizens lo..hi-1 sign their first uses, on every CPU.
func (c *citizens) sign(ctx context.Context, dom roundv2.Domain, lo, hi int, deadline uint64) ([]roundv2.Signed, error) {
	out := make([]roundv2.Signed, hi-lo)
	err := parallel(ctx, hi-lo, func(k int) error {
		var err error
		out[k], err = roundv2.Sign(ctx, dom, firstUse(lo+k, deadline), roundv2.KeySigner(c.keys[lo+k]))
		return err
	})
	return out, err
}

// parallel runs fn(0..n-1) on runtime.NumCPU goroutines, each taking every
// NumCPU-th i, and returns the first errors.
func parallel(ctx context.Context, n int, fn func(int) error) error {
	workers := runtime.NumCPU()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n && errs[w] == nil; i += workers {
				if i%1024 == w && ctx.Err() != nil {
					errs[w] = ctx.Err()
					break
				}
				errs[w] = fn(i)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
