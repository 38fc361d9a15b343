// Package outbox sends the node's chain operations exactly once.
//
// A service records the operation it intends (an operations row) in the same database
// transaction as its business change. The Worker is the only owner of the signing key's
// nonce: it takes pending operations in order, signs each, stores the signed transaction with
// its nonce before broadcasting it, and waits for the receipt. A signed operation is never
// signed again; after a restart, or when the chain lost blocks, the worker re-broadcasts the
// stored raw transactions from the chain's nonce on, so every acknowledged operation lands
// once, and only once, because a nonce can be used only once.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/storage"
)

// Sender is what the worker needs of chain.Sender.
type Sender interface {
	Address() common.Address
	ConfirmedNonce(ctx context.Context) (uint64, error)
	Build(ctx context.Context, to *common.Address, data []byte, nonce uint64) (*types.Transaction, error)
	Broadcast(ctx context.Context, tx *types.Transaction) error
	WaitMined(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}

// Call is the transaction an operation turns into.
type Call struct {
	To   *common.Address // nil deploys a contract
	Data []byte
}

// Env is what a handler may rely on when it builds a call.
type Env struct {
	From  common.Address
	Nonce uint64
	// Simulate runs a call as the worker will before signing it (nil in tests that build
	// an Env by hand): nil, a *chain.RevertError, or another error. A handler may use it to
	// drop what the chain would refuse from a batch before the worker simulates the rest.
	Simulate func(ctx context.Context, c Call) error
}

// Handler gives one kind of operation its meaning. Signed, Mined and Failed run inside the
// database transaction that records the operation's new state, so their writes commit with it.
type Handler interface {
	Build(ctx context.Context, op storage.Op, env Env) (Call, error)
	Signed(ctx context.Context, tx *storage.Tx, op storage.Op, env Env) error
	Mined(ctx context.Context, tx *storage.Tx, op storage.Op, receipt *types.Receipt) error
	Failed(ctx context.Context, tx *storage.Tx, op storage.Op, reason error) error
}

// NopHandler implements the hooks a handler does not need.
type NopHandler struct{}

// Signed does nothing.
func (NopHandler) Signed(context.Context, *storage.Tx, storage.Op, Env) error { return nil }

// Mined does nothing.
func (NopHandler) Mined(context.Context, *storage.Tx, storage.Op, *types.Receipt) error { return nil }

// Failed does nothing.
func (NopHandler) Failed(context.Context, *storage.Tx, storage.Op, error) error { return nil }

// ErrPermanent marks a build error that retrying cannot fix; the operation fails.
var ErrPermanent = errors.New("permanent operation error")

// Config tunes the worker.
type Config struct {
	ReceiptTimeout time.Duration // wait this long for a receipt before re-broadcasting
	Idle           time.Duration // poll interval when nothing is queued
	Retry          time.Duration // back-off after a transient error
}

// DefaultConfig suits the embedded chain and a local node.
func DefaultConfig() Config {
	return Config{ReceiptTimeout: 60 * time.Second, Idle: 2 * time.Second, Retry: time.Second}
}

// Validate reports a configuration the worker cannot run with.
func (c Config) Validate() error {
	if c.ReceiptTimeout <= 0 || c.Idle <= 0 || c.Retry <= 0 {
		return fmt.Errorf("outbox: timeouts must be positive: %+v", c)
	}
	return nil
}

// Worker drains the operations table onto the chain.
type Worker struct {
	db       *storage.DB
	sender   Sender
	cfg      Config
	log      *slog.Logger
	handlers map[string]Handler
	wake     chan struct{}
	refusals map[int64]int // simulation refusals per operation; only Run's goroutine uses it

	mu        sync.Mutex // guards nextNonce and ready
	nextNonce uint64
	ready     bool // reconciled with the chain at least once
}

// New returns a worker; register handlers before Run.
func New(db *storage.DB, sender Sender, cfg Config, log *slog.Logger) *Worker {
	return &Worker{
		db: db, sender: sender, cfg: cfg, log: log,
		handlers: map[string]Handler{},
		refusals: map[int64]int{},
		wake:     make(chan struct{}, 1),
	}
}

// Handle registers the handler of one operation kind.
func (w *Worker) Handle(kind string, h Handler) { w.handlers[kind] = h }

// Notify wakes the worker after an operation was enqueued.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Address is the account that signs every operation.
func (w *Worker) Address() common.Address { return w.sender.Address() }

// Drain blocks until the worker has reconciled with the chain and no operation is pending
// or awaiting its receipt, or ctx ends.
func (w *Worker) Drain(ctx context.Context) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		w.mu.Lock()
		ready := w.ready
		w.mu.Unlock()
		if ready {
			n, err := w.db.CountOps(ctx, nil, storage.OpPending, storage.OpSent)
			if err != nil {
				return fmt.Errorf("drain: %w", err)
			}
			if n == 0 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
