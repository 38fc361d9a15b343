package cityround

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/roundv2"
)

const (
	// inFlight is how many relays are sent and unconfirmed at once: 4 did
	// best on 2 cores (chain/roundv2's throughput benchmark).
	inFlight = 4
	// signedAhead is how many signed batches wait for the relayer.
	signedAhead = 2
	// progressEvery is how many allocations pass between progress lines.
	progressEvery = 50_000
	// maxTxGas is the per-transaction gas cap of EIP-7825 (Osaka).
	maxTxGas = 1 << 24
)

// relayer relays every citizen's first use, Batch a transaction, in index
// order: a signing goroutine works ahead on every CPU while up to inFlight
// relays wait for their receipts.
type relayer struct {
	s        *chain.Sender
	key      *ecdsa.PrivateKey // s's key, to sign relays without estimating their gas
	chainID  *big.Int
	round    common.Address
	dom      roundv2.Domain
	cit      *citizens
	deadline uint64
	log      *slog.Logger
}

// sentRelay is a broadcast relay of citizens lo..hi-1.
type sentRelay struct {
	tx     *types.Transaction
	lo, hi int
}

type signedBatch struct {
	lo, hi int
	data   []byte
	err    error
}

// run relays every batch and returns how many relays it sent.
func (r *relayer) run(ctx context.Context) (int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	n := len(r.cit.keys)
	batches := make(chan signedBatch, signedAhead)
	signed := make(chan struct{})
	go func() { // owned here: it ends when every batch is signed or ctx is canceled
		defer close(signed)
		r.signAll(ctx, batches)
	}()
	defer func() { cancel(nil); <-signed }()
	nonce, err := r.s.PendingNonce(ctx)
	if err != nil {
		return 0, err
	}
	queue := make(chan sentRelay, inFlight) // in nonce order, for the waiter
	waited := make(chan error, 1)
	go func() { // owned here: it ends when queue is closed and drained, or at its first error
		waited <- r.waitAll(ctx, queue, cancel)
	}()
	start, relays := time.Now(), 0
	var sendErr error
	var first *types.Transaction // the first relay, whose gas and fees the others reuse
	for b := range batches {
		if b.err == nil {
			var tx *types.Transaction
			if tx, b.err = r.build(ctx, b.data, nonce+uint64(relays), first); b.err == nil {
				if first == nil {
					first = tx
				}
				b.err = r.s.Broadcast(ctx, tx)
			}
			if b.err == nil {
				queue <- sentRelay{tx: tx, lo: b.lo, hi: b.hi} // blocks while inFlight relays are unconfirmed
				relays++
			}
		}
		if b.err != nil {
			sendErr = fmt.Errorf("relay of citizens %d-%d: %w", b.lo, b.hi-1, roundv2.DecodeError(b.err))
			cancel(sendErr)
			break
		}
	}
	close(queue)
	waitErr := <-waited
	// The first failure canceled ctx with itself as the cause; the other
	// side then failed on the canceled context.
	if err := context.Cause(ctx); err != nil {
		return relays, err
	}
	if err := errors.Join(sendErr, waitErr); err != nil {
		return relays, err
	}
	r.log.Info("relayed", "allocations", n, "relays", relays, "seconds", fmt.Sprintf("%.1f", time.Since(start).Seconds()),
		"allocations_per_s", fmt.Sprintf("%.0f", float64(n)/time.Since(start).Seconds()))
	return relays, nil
}

// build signs the relay with data and nonce. The first (first == nil) is
// simulated on the pending block for its gas (Sender.Build); the others
// carry the same data in size and work (500 first uses each), so they reuse
// its gas limit with a quarter more room, and its fees. That skips
// eth_estimateGas, which ran each relay several times over and was most of
// the build's CPU; a relay that still ran out of gas would revert, and
// waitAll would fail the build.
func (r *relayer) build(ctx context.Context, data []byte, nonce uint64, first *types.Transaction) (*types.Transaction, error) {
	if first == nil {
		return r.s.Build(ctx, &r.round, data, nonce)
	}
	return types.SignNewTx(r.key, types.LatestSignerForChainID(r.chainID), &types.DynamicFeeTx{
		ChainID:   r.chainID,
		Nonce:     nonce,
		GasTipCap: first.GasTipCap(),
		GasFeeCap: new(big.Int).Mul(first.GasFeeCap(), big.NewInt(4)),
		Gas:       min(first.Gas()*5/4, maxTxGas),
		To:        &r.round,
		Data:      data,
	})
}

// waitAll confirms the queued relays in order and logs progress; the
// first failure cancels the run.
func (r *relayer) waitAll(ctx context.Context, queue <-chan sentRelay, cancel context.CancelCauseFunc) error {
	start, next := time.Now(), progressEvery
	for st := range queue {
		if _, err := r.s.WaitMined(ctx, st.tx.Hash()); err != nil {
			err = fmt.Errorf("relay of citizens %d-%d: %w", st.lo, st.hi-1, roundv2.DecodeError(err))
			cancel(err)
			for range queue { // let the sender finish its current send
			}
			return err
		}
		if st.hi >= next || st.hi == len(r.cit.keys) {
			secs := time.Since(start).Seconds()
			r.log.Info("relaying", "allocations", st.hi, "of", len(r.cit.keys), "seconds", fmt.Sprintf("%.0f", secs),
				"allocations_per_s", fmt.Sprintf("%.0f", float64(st.hi)/secs), "load", LoadAverage())
			next = (st.hi/progressEvery + 1) * progressEvery
		}
	}
	return nil
}

// signAll signs the batches in order and sends each with its relay
// calldata on out, then closes out.
func (r *relayer) signAll(ctx context.Context, out chan<- signedBatch) {
	defer close(out)
	n := len(r.cit.keys)
	for lo := 0; lo < n; lo += Batch {
		b := signedBatch{lo: lo, hi: min(lo+Batch, n)}
		var recs []roundv2.Signed
		if recs, b.err = r.cit.sign(ctx, r.dom, b.lo, b.hi, r.deadline); b.err == nil {
			b.data, b.err = roundv2.RelayCall(recs, r.cit.tree)
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
		if b.err != nil {
			return
		}
	}
}
