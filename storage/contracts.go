package storage

import (
	"context"
	"fmt"
	"time"
)

// Contract is a deployed singleton contract (for example the AnchorRegistry), by name.
type Contract struct {
	Name      string
	Address   string // lowercase 0x hex
	TxHash    string // deployment transaction, lowercase 0x hex
	CreatedAt time.Time
}

type contractRow struct {
	Name      string `gorm:"primaryKey"`
	Address   string
	TxHash    string
	CreatedAt time.Time
}

func (contractRow) TableName() string { return "contracts" }

// SaveContract records c under c.Name, replacing an earlier deployment of the same name (a new
// chain). It normalises c.Address and c.TxHash and sets c.CreatedAt.
func (r Repo) SaveContract(ctx context.Context, c *Contract) error {
	if err := c.normalize(); err != nil {
		return fmt.Errorf("save contract %q: %w", c.Name, err)
	}
	c.CreatedAt = now()
	err := r.with(ctx).Exec(`INSERT INTO contracts (name, address, tx_hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET address = excluded.address, tx_hash = excluded.tx_hash,
		created_at = excluded.created_at`, c.Name, c.Address, c.TxHash, c.CreatedAt).Error
	if err != nil {
		return fmt.Errorf("save contract %q: %w", c.Name, translate(err))
	}
	return nil
}

func (c *Contract) normalize() (err error) {
	if c.Name == "" {
		return fmt.Errorf("%w: contract name is empty", ErrInvalid)
	}
	if c.Address, err = normAddress(c.Address); err != nil {
		return err
	}
	c.TxHash, err = normTxHash(c.TxHash)
	return err
}

// Contract returns the contract saved under name, or ErrNotFound.
func (r Repo) Contract(ctx context.Context, name string) (Contract, error) {
	var row contractRow
	if err := r.with(ctx).Take(&row, "name = ?", name).Error; err != nil {
		return Contract{}, fmt.Errorf("load contract %q: %w", name, translate(err))
	}
	return Contract{Name: row.Name, Address: row.Address, TxHash: row.TxHash, CreatedAt: row.CreatedAt.UTC()}, nil
}
