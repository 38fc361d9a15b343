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
	// Undone: the citizen's view (CitizenOperation) of a relay whose records of theirs were
	// all undone (left out, or failed with it); their change failed, their tokens are back.
	Undone bool
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

// undoneError is a citizen's view of a relay whose records of theirs were all undone.
const undoneError = "this citizen's change was undone and their tokens restored: the chain refused their record, or an earlier one of theirs, so it was left out of the relay"

// CitizenOperation is Operation as the citizen sees it. A relay carries many citizens'
// records, and the node leaves a citizen's records out of it when the chain refuses one of
// theirs (or undoes them when an earlier record of theirs failed): when every record of the
// citizen in the relay was undone, the citizen's change failed, whatever the relay did with
// the others', and it has no transaction of its own.
func (s *Service) CitizenOperation(ctx context.Context, id, citizenID int64) (Operation, error) {
	op, err := s.Operation(ctx, id)
	if err != nil || op.Kind != opRelay || citizenID == 0 {
		return op, err
	}
	recs, err := s.db.OpRecords(ctx, id)
	if err != nil {
		return Operation{}, fmt.Errorf("load the records of operation %d: %w", id, err)
	}
	mine, undone := 0, 0
	for _, r := range recs {
		if r.CitizenID == citizenID {
			mine++
			if r.Status == storage.RecordFailed {
				undone++
			}
		}
	}
	switch {
	case mine == 0 || undone < mine:
	case op.Status == string(storage.OpFailed):
		op.Undone = true
	default: // the relay went on without them: its transaction is not theirs
		op = Operation{ID: op.ID, Kind: op.Kind, Status: string(storage.OpFailed), Error: undoneError, Undone: true}
	}
	return op, nil
}
