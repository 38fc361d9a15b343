// Package tallies publishes off-chain tallies of participatory-budgeting elections and anchors
// them on-chain. A treasury official publishes an election as a pabulib .pb
// file; the node tallies it by the file's rule (equalshares/add1 is the one no contract can
// compute), keeps the input byte for byte as open data, and anchors in the AnchorRegistry:
//
//	kind          keccak256("pbnode.tally.pb")
//	subjectId     the input's SHA-256
//	root          keccak256 of the canonical result JSON (tally.Result.JSON)
//	leafCount     the number of selected projects
//	datasetSha256 the input's SHA-256
//
// so anyone can take the published file, recount it with their own tools, hash the result the
// same way and find the anchor (Verify does exactly that).
package tallies

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
	"github.com/pbnode/pbnode/storage"
)

// MaxInput caps a published .pb file (the largest pabulib files are a few megabytes).
const MaxInput = 20 << 20

// Kind is the AnchorRegistry kind of a tally anchor.
var Kind = crypto.Keccak256Hash([]byte("pbnode.tally.pb"))

// Errors of this area. The API maps each to a stable code.
var (
	ErrInvalid         = errors.New("invalid election file")
	ErrTooLarge        = errors.New("election file too large")
	ErrAlreadyTallied  = errors.New("election already tallied under this rule")
	ErrNotFound        = errors.New("tally not found")
	ErrRegistryMissing = errors.New("the anchor registry is not deployed yet")
)

// Tally is a published tally with its anchoring state.
type Tally struct {
	ID        int64
	SHA256    string // of the input, lowercase hex
	Rule      tally.Rule
	Selected  []string
	Cost      int64
	Root      common.Hash
	Status    string // the anchoring operation's: pending, sent, mined, failed
	TxHash    string
	OpID      int64
	CreatedAt time.Time
}

// Notifier wakes the outbox worker after an operation was enqueued.
type Notifier interface{ Notify() }

// Service is the tallies area.
type Service struct {
	db     *storage.DB
	outbox Notifier
}

// New returns the service.
func New(db *storage.DB, outbox Notifier) *Service { return &Service{db: db, outbox: outbox} }

// Root is the anchored root of a result: keccak256 of its canonical JSON.
func Root(r tally.Result) common.Hash { return crypto.Keccak256Hash(r.JSON()) }

// Count parses input and tallies it under rule ("" for the file's own), returning the result
// and the input's SHA-256. ErrInvalid for a file that does not parse or a rule it cannot run.
func Count(input []byte, rule tally.Rule) (tally.Result, [32]byte, error) {
	sum := sha256.Sum256(input)
	if len(input) > MaxInput {
		return tally.Result{}, sum, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(input), MaxInput)
	}
	e, err := pabulib.Parse(bytes.NewReader(input))
	if err != nil {
		return tally.Result{}, sum, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	res, err := tally.Run(e, rule)
	if err != nil {
		return tally.Result{}, sum, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return res, sum, nil
}

// anchorPayload is the anchoring operation's payload.
type anchorPayload struct {
	SHA256 string `json:"sha256"`
	Rule   string `json:"rule"`
}

// Publish tallies input, stores it with its result and queues the anchor, in one transaction.
// by is the official's user id (0 for a service token).
func (s *Service) Publish(ctx context.Context, input []byte, rule tally.Rule, by int64) (Tally, error) {
	res, sum, err := Count(input, rule)
	if err != nil {
		return Tally{}, err
	}
	sha := hex.EncodeToString(sum[:])
	root := Root(res)
	rec := storage.Tally{SHA256: sha, Rule: string(res.Rule), Input: input, Result: string(res.JSON()),
		Root: root.Hex(), Selected: len(res.Selected)}
	if by > 0 {
		rec.CreatedBy = &by
	}
	body, err := json.Marshal(anchorPayload{SHA256: sha, Rule: string(res.Rule)})
	if err != nil {
		return Tally{}, err
	}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		op := storage.Op{Kind: opAnchor, Payload: body}
		if err := tx.EnqueueOp(ctx, &op); err != nil {
			return err
		}
		rec.OpID = &op.ID
		return tx.CreateTally(ctx, &rec)
	})
	if errors.Is(err, storage.ErrConflict) {
		return Tally{}, fmt.Errorf("tally %s under %s: %w", sha, res.Rule, ErrAlreadyTallied)
	}
	if err != nil {
		return Tally{}, fmt.Errorf("publish tally %s: %w", sha, err)
	}
	s.outbox.Notify()
	return s.describeOne(ctx, rec)
}

// Tallies lists the published tallies, newest first.
func (s *Service) Tallies(ctx context.Context) ([]Tally, error) {
	recs, err := s.db.Tallies(ctx, 200)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, rec := range recs {
		if rec.OpID != nil {
			ids = append(ids, *rec.OpID)
		}
	}
	ops, err := s.db.OpsByID(ctx, ids) // one query for every tally's operation
	if err != nil {
		return nil, err
	}
	out := make([]Tally, 0, len(recs))
	for _, rec := range recs {
		t, err := describe(rec, ops)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Tally returns one tally.
func (s *Service) Tally(ctx context.Context, id int64) (Tally, error) {
	rec, err := s.load(ctx, id)
	if err != nil {
		return Tally{}, err
	}
	return s.describeOne(ctx, rec)
}

// describeOne is describe of one record, with its operation loaded.
func (s *Service) describeOne(ctx context.Context, rec storage.Tally) (Tally, error) {
	var ops map[int64]storage.Op
	if rec.OpID != nil {
		var err error
		if ops, err = s.db.OpsByID(ctx, []int64{*rec.OpID}); err != nil {
			return Tally{}, err
		}
	}
	return describe(rec, ops)
}

// Input returns the published .pb file of a tally, byte for byte.
func (s *Service) Input(ctx context.Context, id int64) ([]byte, error) {
	rec, err := s.load(ctx, id)
	return rec.Input, err
}

func (s *Service) load(ctx context.Context, id int64) (storage.Tally, error) {
	rec, err := s.db.Tally(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return rec, fmt.Errorf("tally %d: %w", id, ErrNotFound)
	}
	return rec, err
}

// describe turns a record into a Tally with its operation's state, from ops by ID.
func describe(rec storage.Tally, ops map[int64]storage.Op) (Tally, error) {
	var res struct {
		Selected []string `json:"selected"`
		Cost     string   `json:"cost"`
	}
	if err := json.Unmarshal([]byte(rec.Result), &res); err != nil {
		return Tally{}, fmt.Errorf("tally %d: stored result: %w", rec.ID, err)
	}
	t := Tally{ID: rec.ID, SHA256: rec.SHA256, Rule: tally.Rule(rec.Rule), Selected: res.Selected,
		Root: common.HexToHash(rec.Root), CreatedAt: rec.CreatedAt}
	if _, err := fmt.Sscan(res.Cost, &t.Cost); err != nil {
		return Tally{}, fmt.Errorf("tally %d: stored cost %q: %w", rec.ID, res.Cost, err)
	}
	if rec.OpID != nil {
		op, ok := ops[*rec.OpID]
		if !ok {
			return Tally{}, fmt.Errorf("tally %d: its operation %d is missing", rec.ID, *rec.OpID)
		}
		t.OpID, t.Status, t.TxHash = op.ID, string(op.Status), op.TxHash
	}
	return t, nil
}
