package budget

import (
	"context"
	"errors"
	"fmt"

	"github.com/pbnode/pbnode/storage"
)

// ErrOperationNotFound means no chain operation has that id.
var ErrOperationNotFound = errors.New("operation not found")

// Operation is the chain side of an acknowledged change.
type Operation struct {
	ID     int64
	Kind   string
	Status string // pending, sent, mined, failed
	TxHash string
	Block  *int64
	Error  string
}

// Operation reports how far an operation got on its way to the chain.
func (s *Service) Operation(ctx context.Context, id int64) (Operation, error) {
	op, err := s.db.Op(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return Operation{}, fmt.Errorf("operation %d: %w", id, ErrOperationNotFound)
	}
	if err != nil {
		return Operation{}, fmt.Errorf("load operation %d: %w", id, err)
	}
	return Operation{ID: op.ID, Kind: op.Kind, Status: string(op.Status), TxHash: op.TxHash, Block: op.BlockNumber, Error: op.Error}, nil
}
