package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/storage"
)

// Run works the queue until ctx ends. It first reconciles the database with the chain.
func (w *Worker) Run(ctx context.Context) error {
	for {
		if err := w.reconcile(ctx); err == nil {
			break
		} else if !w.pause(ctx, "reconcile", err) {
			return nil
		}
	}
	tick := time.NewTicker(w.cfg.Idle)
	defer tick.Stop()
	for ctx.Err() == nil {
		busy, err := w.step(ctx)
		if err != nil {
			if !w.pause(ctx, "outbox step", err) {
				return nil
			}
			continue
		}
		if busy {
			continue
		}
		select {
		case <-ctx.Done():
		case <-w.wake:
		case <-tick.C:
			if err := w.checkChainKeptUp(ctx); err != nil {
				w.log.Warn("chain check failed", "err", err)
			}
		}
	}
	return nil
}

// pause logs a transient error and waits before the next try; false when ctx ended.
func (w *Worker) pause(ctx context.Context, what string, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	w.log.Warn("outbox retrying", "step", what, "err", err)
	select {
	case <-ctx.Done():
		return false
	case <-time.After(w.cfg.Retry):
		return true
	}
}

// step confirms the oldest signed operation, or else signs the oldest pending one.
// It reports whether it found work.
func (w *Worker) step(ctx context.Context) (bool, error) {
	sent, err := w.db.SentOps(ctx)
	if err != nil {
		return false, err
	}
	if len(sent) > 0 {
		return true, w.confirm(ctx, sent[0])
	}
	pending, err := w.db.PendingOps(ctx, 1)
	if err != nil {
		return false, err
	}
	if len(pending) == 0 {
		return false, nil
	}
	return true, w.sign(ctx, pending[0])
}

// sign turns a pending operation into a signed transaction, stored before it is broadcast.
func (w *Worker) sign(ctx context.Context, op storage.Op) error {
	h, ok := w.handlers[op.Kind]
	if !ok {
		return w.fail(ctx, op, fmt.Errorf("%w: no handler for kind %q", ErrPermanent, op.Kind))
	}
	w.mu.Lock()
	env := Env{From: w.sender.Address(), Nonce: w.nextNonce}
	w.mu.Unlock()
	env.Simulate = func(ctx context.Context, c Call) error {
		_, err := w.sender.Build(ctx, c.To, c.Data, env.Nonce) // signs, never broadcasts
		return err
	}
	call, err := h.Build(ctx, op, env)
	if errors.Is(err, ErrPermanent) {
		return w.fail(ctx, op, err)
	}
	if err != nil {
		return fmt.Errorf("build op %d: %w", op.ID, err)
	}
	tx, err := w.sender.Build(ctx, call.To, call.Data, env.Nonce)
	if isRevert(err) || w.refusedTooOften(op.ID, err) { // no nonce is used, the operation fails
		return w.fail(ctx, op, err)
	}
	if err != nil {
		return fmt.Errorf("sign op %d: %w", op.ID, err)
	}
	delete(w.refusals, op.ID)
	raw, err := tx.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode op %d: %w", op.ID, err)
	}
	err = w.db.Tx(ctx, func(dtx *storage.Tx) error {
		if err := dtx.MarkOpSigned(ctx, op.ID, int64(env.Nonce), tx.Hash().Hex(), raw); err != nil {
			return err
		}
		return h.Signed(ctx, dtx, op, env)
	})
	if err != nil {
		return fmt.Errorf("record signed op %d: %w", op.ID, err)
	}
	w.mu.Lock()
	w.nextNonce = env.Nonce + 1
	w.mu.Unlock()
	opsSigned.Inc()
	if err := w.sender.Broadcast(ctx, tx); err != nil {
		w.log.Warn("broadcast failed; will retry", "op", op.ID, "err", err)
	}
	return nil
}

// confirm waits for a signed operation's receipt, re-broadcasting its stored transaction.
func (w *Worker) confirm(ctx context.Context, op storage.Op) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(op.RawTx); err != nil {
		return w.fail(ctx, op, fmt.Errorf("%w: stored transaction unreadable: %v", ErrPermanent, err))
	}
	if err := w.sender.Broadcast(ctx, tx); err != nil {
		w.log.Debug("re-broadcast", "op", op.ID, "err", err)
	}
	receipt, err := w.wait(ctx, tx.Hash())
	if timedOut(ctx, err) {
		return w.checkNonceTaken(ctx, op, tx.Hash())
	}
	return w.settle(ctx, op, receipt, err)
}

// wait waits at most Config.ReceiptTimeout for the receipt of hash.
func (w *Worker) wait(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	wctx, cancel := context.WithTimeout(ctx, w.cfg.ReceiptTimeout)
	defer cancel()
	return w.sender.WaitMined(wctx, hash)
}

// timedOut reports a wait that ran out of time while ctx goes on.
func timedOut(ctx context.Context, err error) bool {
	return ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded)
}

// settle records what a wait for op's receipt found.
func (w *Worker) settle(ctx context.Context, op storage.Op, receipt *types.Receipt, err error) error {
	switch {
	case err == nil:
		return w.mined(ctx, op, receipt)
	case isRevert(err):
		return w.fail(ctx, op, err)
	case ctx.Err() != nil:
		return nil
	default:
		return fmt.Errorf("wait for op %d: %w", op.ID, err)
	}
}

// checkNonceTaken fails an operation whose nonce the chain used for another transaction;
// otherwise the next step re-broadcasts it. A used nonce may be this very transaction's,
// mined after the wait gave up: its receipt, now there, decides.
func (w *Worker) checkNonceTaken(ctx context.Context, op storage.Op, hash common.Hash) error {
	confirmed, err := w.sender.ConfirmedNonce(ctx)
	if err != nil || op.Nonce == nil || uint64(*op.Nonce) >= confirmed {
		return err
	}
	receipt, err := w.wait(ctx, hash)
	if timedOut(ctx, err) {
		return w.fail(ctx, op, fmt.Errorf("%w: nonce %d was used by another transaction", ErrPermanent, *op.Nonce))
	}
	return w.settle(ctx, op, receipt, err)
}

func (w *Worker) mined(ctx context.Context, op storage.Op, r *types.Receipt) error {
	err := w.record(ctx, op,
		func(dtx *storage.Tx) error { return dtx.MarkOpMined(ctx, op.ID, r.BlockNumber.Int64()) },
		func(dtx *storage.Tx, h Handler) error { return h.Mined(ctx, dtx, op, r) })
	if err != nil {
		return fmt.Errorf("record mined op %d: %w", op.ID, err)
	}
	opsMined.Inc()
	return nil
}

// fail records a failed operation and lets its handler undo the business change.
func (w *Worker) fail(ctx context.Context, op storage.Op, reason error) error {
	w.log.Error("operation failed", "op", op.ID, "kind", op.Kind, "err", reason)
	err := w.record(ctx, op,
		func(dtx *storage.Tx) error { return dtx.MarkOpFailed(ctx, op.ID, reason.Error()) },
		func(dtx *storage.Tx, h Handler) error { return h.Failed(ctx, dtx, op, reason) })
	if err != nil {
		return fmt.Errorf("record failed op %d: %w", op.ID, err)
	}
	opsFailed.Inc()
	return nil
}

// record marks an operation's new state and runs its handler's hook in one transaction.
func (w *Worker) record(ctx context.Context, op storage.Op, mark func(*storage.Tx) error, hook func(*storage.Tx, Handler) error) error {
	return w.db.Tx(ctx, func(dtx *storage.Tx) error {
		if err := mark(dtx); err != nil {
			return err
		}
		if h, ok := w.handlers[op.Kind]; ok {
			return hook(dtx, h)
		}
		return nil
	})
}

// maxRefusals is how often the node may refuse to simulate an operation (an answer, not a
// lost connection) before the operation fails: "gas required exceeds allowance", say, does
// not get better by waiting, and a stuck operation would hold up every one behind it.
const maxRefusals = 5

// refusedTooOften counts the node's refusals of op and reports when it is time to give up.
func (w *Worker) refusedTooOften(opID int64, err error) bool {
	var answered rpc.Error
	if !errors.As(err, &answered) {
		return false
	}
	w.refusals[opID]++
	return w.refusals[opID] >= maxRefusals
}
