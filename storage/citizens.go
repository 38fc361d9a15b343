package storage

import (
	"context"
	"fmt"
	"time"
)

// maxList caps the rows returned by one page of a list.
const maxList = 1000

// Citizen is a registered citizen, known to the chain by an address. Nothing else personal is
// kept here.
type Citizen struct {
	ID        int64
	Address   string // lowercase 0x hex
	CreatedAt time.Time
}

type citizenRow struct {
	ID        int64 `gorm:"primaryKey"`
	Address   string
	CreatedAt time.Time
}

func (citizenRow) TableName() string { return "citizens" }

func (row citizenRow) citizen() Citizen {
	return Citizen{ID: row.ID, Address: row.Address, CreatedAt: row.CreatedAt.UTC()}
}

// CreateCitizen inserts c and sets its ID and CreatedAt; the address is normalised and a
// taken address (in any letter case) gives ErrConflict.
func (r Repo) CreateCitizen(ctx context.Context, c *Citizen) error {
	addr, err := normAddress(c.Address)
	if err != nil {
		return fmt.Errorf("create citizen: %w", err)
	}
	row := citizenRow{Address: addr, CreatedAt: now()}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create citizen: %w", translate(err))
	}
	*c = row.citizen()
	return nil
}

// Citizen returns the citizen with the given ID, or ErrNotFound.
func (r Repo) Citizen(ctx context.Context, id int64) (Citizen, error) {
	var row citizenRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return Citizen{}, fmt.Errorf("load citizen %d: %w", id, translate(err))
	}
	return row.citizen(), nil
}

// CitizenByAddress returns the citizen with address addr (any letter case), or ErrNotFound.
func (r Repo) CitizenByAddress(ctx context.Context, addr string) (Citizen, error) {
	a, err := normAddress(addr)
	if err != nil {
		return Citizen{}, fmt.Errorf("load citizen by address: %w", err)
	}
	var row citizenRow
	if err := r.with(ctx).Take(&row, "address = ?", a).Error; err != nil {
		return Citizen{}, fmt.Errorf("load citizen by address: %w", translate(err))
	}
	return row.citizen(), nil
}

// ListCitizens returns up to limit citizens (at most 1000) with ID greater than afterID, by
// ID; pass the last ID of one page as afterID of the next, 0 for the first.
func (r Repo) ListCitizens(ctx context.Context, limit int, afterID int64) ([]Citizen, error) {
	if limit < 1 {
		return nil, fmt.Errorf("list citizens: %w: limit %d", ErrInvalid, limit)
	}
	var rows []citizenRow
	err := r.with(ctx).Where("id > ?", afterID).Order("id").Limit(min(limit, maxList)).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list citizens: %w", translate(err))
	}
	out := make([]Citizen, len(rows))
	for i, row := range rows {
		out[i] = row.citizen()
	}
	return out, nil
}
