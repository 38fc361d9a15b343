package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/storage"
)

// reconcile makes the worker agree with the chain before it signs anything new.
//
// Every operation signed with a nonce the chain has not used yet is either still in flight or
// was lost (the node restarted before broadcasting, or the chain dropped recent blocks, as the
// embedded dev chain does after a crash). Either way its stored transaction is broadcast
// again, in nonce order: the same signed bytes, so it cannot land twice.
func (w *Worker) reconcile(ctx context.Context) error {
	confirmed, err := w.sender.ConfirmedNonce(ctx)
	if err != nil {
		return fmt.Errorf("read chain nonce: %w", err)
	}
	ops, err := w.db.SignedOpsFromNonce(ctx, int64(confirmed))
	if err != nil {
		return fmt.Errorf("load unconfirmed ops: %w", err)
	}
	for _, op := range ops {
		if err := w.replay(ctx, op); err != nil {
			return err
		}
	}
	next := confirmed
	if max, ok, err := w.db.MaxNonce(ctx); err != nil {
		return fmt.Errorf("load max nonce: %w", err)
	} else if ok && uint64(max)+1 > next {
		next = uint64(max) + 1
	}
	w.mu.Lock()
	w.nextNonce, w.ready = next, true
	w.mu.Unlock()
	w.log.Info("outbox reconciled", "chain_nonce", confirmed, "replayed", len(ops), "next_nonce", next)
	return nil
}

// replay puts one signed operation back in flight. An operation that failed on-chain is
// broadcast again too, so that its nonce is used and the ones after it can land; it stays
// failed (its compensation stands), and the audit would show it if it now succeeded.
func (w *Worker) replay(ctx context.Context, op storage.Op) error {
	if op.Status == storage.OpMined {
		w.log.Warn("chain lost a mined operation; sending it again", "op", op.ID, "nonce", *op.Nonce)
		opsReplayed.Inc()
		if err := w.db.MarkOpSent(ctx, op.ID); err != nil {
			return fmt.Errorf("reopen op %d: %w", op.ID, err)
		}
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(op.RawTx); err != nil {
		return fmt.Errorf("decode op %d: %w", op.ID, err)
	}
	if err := w.sender.Broadcast(ctx, tx); err != nil {
		w.log.Warn("re-broadcast failed; will retry", "op", op.ID, "err", err)
	}
	return nil
}

// checkChainKeptUp reconciles again when the chain's nonce fell behind what was mined,
// that is when the chain lost blocks while the node was running.
func (w *Worker) checkChainKeptUp(ctx context.Context) error {
	max, ok, err := w.db.MaxNonce(ctx)
	if err != nil || !ok {
		return err
	}
	confirmed, err := w.sender.ConfirmedNonce(ctx)
	if err != nil {
		return err
	}
	if confirmed > uint64(max) {
		return nil
	}
	w.log.Warn("chain is behind the operations log", "chain_nonce", confirmed, "last_nonce", max)
	return w.reconcile(ctx)
}

// isRevert reports whether err says the chain refused the call (as opposed to being unreachable).
func isRevert(err error) bool {
	var r *chain.RevertError
	return errors.As(err, &r)
}
