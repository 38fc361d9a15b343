package keys

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// DefaultBatch is how many rows Reseal and Status read, and Reseal writes, at a time.
const DefaultBatch = 500

// ErrUnreadable: some ciphertexts did not open (a key missing from the ring, a damaged
// value). Reseal re-seals every other one and reports them in Count.Failed.
var ErrUnreadable = errors.New("ciphertexts that do not open")

// Reader reads a ciphertext column in batches; *storage.DB is one.
type Reader interface {
	Ciphertexts(ctx context.Context, col storage.CipherColumn, after storage.RowKey, limit int) ([]storage.SealedValue, error)
}

// Store reads a ciphertext column and writes it back by compare and swap; *storage.DB is one.
type Store interface {
	Reader
	SwapCiphertexts(ctx context.Context, col storage.CipherColumn, swaps []storage.CipherSwap) (updated, skipped int, err error)
}

// Vaults are the vaults of the node, one per storage vault name.
type Vaults struct {
	PII    *pii.Vault // storage.VaultPII
	Wallet *pii.Vault // storage.VaultWallet
}

// of returns the vault that seals col.
func (v Vaults) of(col storage.CipherColumn) (*pii.Vault, error) {
	vault := map[string]*pii.Vault{storage.VaultPII: v.PII, storage.VaultWallet: v.Wallet}[col.Vault]
	if vault == nil {
		return nil, fmt.Errorf("reseal %s: no %s vault", col, col.Vault)
	}
	return vault, nil
}

// Options tune Reseal.
type Options struct {
	Batch  int  // rows per batch; 0 means DefaultBatch
	DryRun bool // open what needs re-sealing and count it, but write nothing
}

// Count is what Reseal did to one column.
type Count struct {
	Column   storage.CipherColumn
	Read     int // non-NULL ciphertexts read
	Current  int // already sealed under the active key
	Resealed int // written under the active key (a dry run: would be)
	Changed  int // changed by another writer between read and write, so left as they are
	Failed   int // did not open: see ErrUnreadable
}

// Reseal re-seals, under the active key of its vault, every ciphertext of every column of
// storage.CiphertextColumns that is sealed under another key, and returns the counts per
// column. A ciphertext that does not open is logged (its column and row, never a value),
// counted and left; Reseal goes on and in the end returns ErrUnreadable. It stops at the
// first error of the store or of ctx, returning the counts so far.
func Reseal(ctx context.Context, store Store, vaults Vaults, opts Options, log *slog.Logger) ([]Count, error) {
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var counts []Count
	failed := 0
	for _, col := range storage.CiphertextColumns() {
		vault, err := vaults.of(col)
		if err != nil {
			return counts, err
		}
		c, err := resealColumn(ctx, store, col, vault, opts, log)
		counts = append(counts, c)
		if err != nil {
			return counts, err
		}
		failed += c.Failed
	}
	if failed > 0 {
		return counts, fmt.Errorf("reseal: %d %w", failed, ErrUnreadable)
	}
	return counts, nil
}

// resealColumn walks one column batch by batch.
func resealColumn(ctx context.Context, store Store, col storage.CipherColumn, vault *pii.Vault, opts Options, log *slog.Logger) (Count, error) {
	c := Count{Column: col}
	var after storage.RowKey
	for {
		if err := ctx.Err(); err != nil {
			return c, fmt.Errorf("reseal %s: %w", col, err)
		}
		batch, err := store.Ciphertexts(ctx, col, after, opts.Batch)
		if err != nil || len(batch) == 0 {
			return c, err
		}
		after = batch[len(batch)-1].Key
		swaps := c.seal(batch, col, vault, log)
		if opts.DryRun || len(swaps) == 0 {
			c.Resealed += len(swaps)
			continue
		}
		updated, skipped, err := store.SwapCiphertexts(ctx, col, swaps)
		if err != nil {
			return c, err
		}
		c.Resealed += updated
		c.Changed += skipped
	}
}

// seal counts a batch and returns the swaps that re-seal what needs it.
func (c *Count) seal(batch []storage.SealedValue, col storage.CipherColumn, vault *pii.Vault, log *slog.Logger) []storage.CipherSwap {
	var swaps []storage.CipherSwap
	for _, v := range batch {
		c.Read++
		if !vault.NeedsRotation(v.Cipher) {
			c.Current++
			continue
		}
		next, err := vault.Reseal(pii.Kind(v.Kind), v.Cipher)
		if err != nil {
			c.Failed++
			log.Warn("ciphertext does not open; left as it is", "column", col.String(), "row", v.Key.String(), "err", err)
			continue
		}
		swaps = append(swaps, storage.CipherSwap{Key: v.Key, Old: v.Cipher, New: next})
	}
	return swaps
}
