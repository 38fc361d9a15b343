package budget

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
)

var roundV2ABI = budgetroundv2.NewBudgetRoundV2()

// errNothingToRelay fails a relay whose records all failed before it was signed (an earlier
// record of each citizen failed, so theirs were undone too).
var errNothingToRelay = fmt.Errorf("%w: every record of the relay was undone", outbox.ErrPermanent)

// relayHandler sends the records a relay operation carries as one relay transaction:
// claims in eligibility index order with one multiproof, then the other records in the order
// they were signed. Build first closes the operation (no record joins it after that, so a busy
// round cannot keep it from being signed) and remembers which records it packed; Signed marks
// exactly those sent, and fails (to build again) should the set differ.
type relayHandler struct {
	s *Service

	mu      sync.Mutex        // guards carried
	carried map[int64][]int64 // record ids by relay operation, from Build to Signed
}

func (h *relayHandler) Build(ctx context.Context, op storage.Op, env outbox.Env) (outbox.Call, error) {
	rec, to, err := h.s.roundCall(ctx, op)
	if err != nil {
		return outbox.Call{}, err
	}
	if err := h.s.db.CloseOp(ctx, op.ID); err != nil {
		return outbox.Call{}, err
	}
	recs, err := liveRecords(ctx, h.s.db.Repo, op.ID)
	if err != nil {
		return outbox.Call{}, err
	}
	if len(recs) == 0 {
		return outbox.Call{}, errNothingToRelay
	}
	var call outbox.Call
	for {
		if call, err = h.pack(ctx, rec, to, recs); err != nil {
			return outbox.Call{}, err
		}
		var dropped bool
		if recs, dropped, err = h.dropRefused(ctx, env, call, rec, to, recs); err != nil || !dropped {
			break
		}
		if len(recs) == 0 {
			return outbox.Call{}, errNothingToRelay
		}
	}
	if err != nil {
		return outbox.Call{}, err
	}
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	h.mu.Lock()
	h.carried[op.ID] = ids
	h.mu.Unlock()
	return call, nil
}

// pack is the relay call of recs.
func (h *relayHandler) pack(ctx context.Context, rec storage.Round, to *common.Address, recs []storage.SignedRecord) (outbox.Call, error) {
	batch, err := h.s.signedBatch(ctx, rec, recs)
	if err != nil {
		return outbox.Call{}, err
	}
	var tree *merkle.Tree
	if recs[0].Kind == int(roundv2.KindClaimAllocate) {
		if tree, _, err = eligibilityTree(ctx, h.s.db.Repo, rec.ID, rec.EligibilityLeaves); err != nil {
			return outbox.Call{}, err
		}
	}
	data, err := roundv2.RelayCall(batch, tree)
	if err != nil {
		return outbox.Call{}, fmt.Errorf("%w: %v", outbox.ErrPermanent, err)
	}
	return outbox.Call{To: to, Data: data}, nil
}

// dropRefused simulates call and, when the chain refuses it because of one citizen's record,
// undoes that citizen's records from it on and returns the others: one bad record does not
// hold the batch. The revert names the record, the citizen or the claimed index; or it
// is one a record causes without naming anyone (a direct call of the citizen spent the
// tokens: InsufficientBalance, InsufficientAllocation), and the first refused prefix of the
// batch finds it. Any other revert (DeadlinePassed, say) is left to the worker's own
// simulation, which fails the relay.
func (h *relayHandler) dropRefused(ctx context.Context, env outbox.Env, call outbox.Call, round storage.Round, to *common.Address, recs []storage.SignedRecord) ([]storage.SignedRecord, bool, error) {
	if env.Simulate == nil {
		return recs, false, nil
	}
	err := env.Simulate(ctx, call)
	re, isRevert := errors.AsType[*chain.RevertError](err)
	if err == nil || !isRevert {
		return recs, false, err
	}
	bad, ok := offender(re, recs)
	if !ok && nameless[re.Name] {
		bad, ok, err = h.firstRefused(ctx, env, round, to, recs)
		if err != nil {
			return recs, false, err
		}
	}
	if !ok {
		return recs, false, nil
	}
	b := recs[bad]
	h.s.log.Warn("relay drops a refused record", "round", b.RoundID, "citizen", b.CitizenID, "nonce", b.Nonce, "revert", re.Name)
	err = h.s.db.Tx(ctx, func(tx *storage.Tx) error { return undoFrom(ctx, tx, b.RoundID, b.CitizenID, b.Nonce) })
	if err != nil {
		return recs, false, err
	}
	return slices.DeleteFunc(recs, func(r storage.SignedRecord) bool { return r.CitizenID == b.CitizenID && r.Nonce >= b.Nonce }), true, nil
}

// nameless are the reverts of one record that name no record and no citizen.
var nameless = map[string]bool{"InsufficientBalance": true, "InsufficientAllocation": true}

// firstRefused bisects recs for the record whose prefix the chain first refuses (the whole
// batch is refused): O(log n) simulations. A record is refused for what comes before it, so a
// prefix without it passes and every prefix with it is refused.
func (h *relayHandler) firstRefused(ctx context.Context, env outbox.Env, round storage.Round, to *common.Address, recs []storage.SignedRecord) (int, bool, error) {
	ok, refused := 0, len(recs) // recs[:ok] passes (the empty prefix trivially), recs[:refused] does not
	for refused-ok > 1 {
		mid := (ok + refused) / 2
		call, err := h.pack(ctx, round, to, recs[:mid])
		if err != nil {
			return 0, false, err
		}
		err = env.Simulate(ctx, call)
		if _, isRevert := errors.AsType[*chain.RevertError](err); isRevert {
			refused = mid
		} else if err != nil {
			return 0, false, err
		} else {
			ok = mid
		}
	}
	return refused - 1, true, nil
}

// offender is the position in recs of the record a relay revert names.
func offender(re *chain.RevertError, recs []storage.SignedRecord) (int, bool) {
	if len(re.Args) == 0 {
		return 0, false
	}
	switch re.Name {
	case "SignatureExpired", "InvalidSignature", "BadRecordKind":
		if i, ok := re.Args[0].(*big.Int); ok && i.IsInt64() && i.Int64() < int64(len(recs)) {
			return int(i.Int64()), true
		}
	case "BadNonce", "NotMaterialized", "AlreadyMaterialized":
		if a, ok := re.Args[0].(common.Address); ok {
			at := slices.IndexFunc(recs, func(r storage.SignedRecord) bool { return common.HexToAddress(r.Address) == a })
			return at, at >= 0
		}
	case "AlreadyClaimed":
		if i, ok := re.Args[0].(*big.Int); ok {
			at := slices.IndexFunc(recs, func(r storage.SignedRecord) bool {
				return r.Kind == int(roundv2.KindClaimAllocate) && big.NewInt(r.Index).Cmp(i) == 0
			})
			return at, at >= 0
		}
	}
	return 0, false
}

// liveRecords are the records of a relay that have not failed, in relay order.
func liveRecords(ctx context.Context, r storage.Repo, opID int64) ([]storage.SignedRecord, error) {
	recs, err := r.OpRecords(ctx, opID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(recs, func(r storage.SignedRecord) bool { return r.Status == storage.RecordFailed }), nil
}

// signedBatch turns stored records into the relay's batch, signing (and storing the
// signature of) any record made before the round's address was known.
func (s *Service) signedBatch(ctx context.Context, r storage.Round, recs []storage.SignedRecord) ([]roundv2.Signed, error) {
	batch := make([]roundv2.Signed, len(recs))
	for i := range recs {
		rec := &recs[i]
		if len(rec.R) == 0 {
			signer, err := s.signerOf(ctx, rec.CitizenID)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", outbox.ErrPermanent, err)
			}
			if err := s.signRecord(ctx, r, rec, signer); err != nil {
				return nil, err
			}
			if err := s.db.SetRecordSignature(ctx, rec.ID, rec.R, rec.VS); err != nil {
				return nil, err
			}
		}
		batch[i] = roundv2.Signed{Record: chainRecord(*rec)}
		copy(batch[i].R[:], rec.R)
		copy(batch[i].VS[:], rec.VS)
	}
	return batch, nil
}

func (h *relayHandler) Signed(ctx context.Context, tx *storage.Tx, op storage.Op, _ outbox.Env) error {
	h.mu.Lock()
	ids := h.carried[op.ID]
	delete(h.carried, op.ID)
	h.mu.Unlock()
	n, err := tx.SetOpRecordsStatus(ctx, op.ID, storage.RecordSent, storage.RecordPending)
	if err != nil {
		return err
	}
	if n != int64(len(ids)) {
		return fmt.Errorf("relay op %d: built with %d records, %d pending now: build again", op.ID, len(ids), n)
	}
	return nil
}

// Mined marks the records applied and keeps, for each claim, the claims batch that applied
// it: the citizen's materialize proves their record against that batch's root.
func (h *relayHandler) Mined(ctx context.Context, tx *storage.Tx, op storage.Op, rc *types.Receipt) error {
	recs, err := liveRecords(ctx, tx.Repo, op.ID)
	if err != nil {
		return err
	}
	if _, err := tx.SetOpRecordsStatus(ctx, op.ID, storage.RecordApplied, storage.RecordSent, storage.RecordPending); err != nil {
		return err
	}
	if len(recs) == 0 || recs[0].Kind != int(roundv2.KindClaimAllocate) {
		return nil
	}
	round, err := tx.Round(ctx, *op.RoundID)
	if err != nil {
		return err
	}
	id, err := roundv2.CommittedBatch(roundAddress(round), rc)
	if err != nil {
		return err
	}
	batch := id.Int64()
	for _, r := range recs {
		if r.Kind != int(roundv2.KindClaimAllocate) {
			break
		}
		if err := tx.SetClaimBatch(ctx, r.RoundID, r.CitizenID, &batch); err != nil {
			return err
		}
	}
	return nil
}

// Failed undoes the database change of every record of the relay and of each of their
// citizens' later records, which could not land without them.
func (h *relayHandler) Failed(ctx context.Context, tx *storage.Tx, op storage.Op, _ error) error {
	h.mu.Lock()
	delete(h.carried, op.ID)
	h.mu.Unlock()
	recs, err := liveRecords(ctx, tx.Repo, op.ID)
	if err != nil {
		return err
	}
	done := map[int64]bool{}
	for _, r := range recs {
		if done[r.CitizenID] {
			continue
		}
		done[r.CitizenID] = true
		if err := undoFrom(ctx, tx, r.RoundID, r.CitizenID, r.Nonce); err != nil {
			return err
		}
	}
	return nil
}

// undoFrom fails a citizen's live records from nonce on, newest first, undoing what each
// did to the database, and rewinds the account's next nonce to nonce. When the claim failed
// (nonce 0), the pending materialize operation, which needs it, fails too.
func undoFrom(ctx context.Context, tx *storage.Tx, roundID, citizenID, nonce int64) error {
	recs, err := tx.CitizenRecords(ctx, roundID, citizenID, storage.RecordPending, storage.RecordSent)
	if err != nil {
		return err
	}
	for _, r := range slices.Backward(recs) {
		if r.Nonce < nonce {
			break
		}
		if err := undoRecord(ctx, tx, r); err != nil {
			return err
		}
	}
	if err := tx.SetNextNonce(ctx, roundID, citizenID, nonce); err != nil {
		return err
	}
	if nonce > 0 {
		return nil
	}
	return dropMaterialize(ctx, tx, roundID, citizenID)
}

// undoRecord marks a record failed and takes back its allocation or withdrawal.
func undoRecord(ctx context.Context, tx *storage.Tx, r storage.SignedRecord) error {
	if err := tx.SetRecordStatus(ctx, r.ID, storage.RecordFailed, storage.RecordPending, storage.RecordSent); err != nil {
		return err
	}
	ini, err := tx.InitiativeByNumber(ctx, r.RoundID, r.Initiative)
	if err != nil {
		return fmt.Errorf("load initiative of record %d: %w", r.ID, err)
	}
	return applyMove(ctx, tx, r.RoundID, r.CitizenID, ini.ID, -recordDelta(r))
}

// dropMaterialize fails a citizen's pending materialize operation, if any, and forgets it.
func dropMaterialize(ctx context.Context, tx *storage.Tx, roundID, citizenID int64) error {
	acc, err := tx.Account(ctx, roundID, citizenID)
	if err != nil || acc.MaterializeOp == nil || acc.Materialized {
		return err
	}
	op, err := tx.Op(ctx, *acc.MaterializeOp)
	if err != nil {
		return err
	}
	if op.Status == storage.OpPending {
		if err := tx.MarkOpFailed(ctx, op.ID, "an earlier record of the citizen failed"); err != nil {
			return err
		}
	}
	return tx.SetMaterializeOp(ctx, roundID, citizenID, nil)
}

// materializeHandler writes a citizen's account on chain from the applied claim that a relay
// committed (anyone may; the node does it before relaying the citizen's next record).
type materializeHandler struct {
	outbox.NopHandler
	s *Service
}

func (h materializeHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	_, to, err := h.s.roundCall(ctx, op)
	if err != nil {
		return outbox.Call{}, err
	}
	var p materializePayload
	if err := decode(op, &p); err != nil {
		return outbox.Call{}, err
	}
	batchID, applied, proof, err := appliedClaim(ctx, h.s.db.Repo, *op.RoundID, p.CitizenID)
	if err != nil {
		return outbox.Call{}, err
	}
	return outbox.Call{To: to, Data: roundv2.MaterializeCall(batchID, applied, proof)}, nil
}

// appliedClaim is a citizen's applied claim with its claims batch and its proof against the
// batch's root, rebuilt from the records of the relay that carried it.
func appliedClaim(ctx context.Context, r storage.Repo, roundID, citizenID int64) (*big.Int, roundv2.AppliedRecord, []common.Hash, error) {
	fail := func(err error) (*big.Int, roundv2.AppliedRecord, []common.Hash, error) {
		return nil, roundv2.AppliedRecord{}, nil, err
	}
	acc, err := r.Account(ctx, roundID, citizenID)
	if err != nil {
		return fail(err)
	}
	if acc.ClaimBatch == nil {
		return fail(fmt.Errorf("%w: the claim of citizen %d was not applied", outbox.ErrPermanent, citizenID))
	}
	mine, err := r.CitizenRecords(ctx, roundID, citizenID, storage.RecordApplied)
	if err != nil {
		return fail(err)
	}
	if len(mine) == 0 || mine[0].Kind != int(roundv2.KindClaimAllocate) {
		return fail(fmt.Errorf("%w: no applied claim of citizen %d", outbox.ErrPermanent, citizenID))
	}
	recs, err := liveRecords(ctx, r, mine[0].OpID)
	if err != nil {
		return fail(err)
	}
	var applied []roundv2.AppliedRecord
	at := -1
	for _, rec := range recs {
		if rec.Kind != int(roundv2.KindClaimAllocate) {
			break
		}
		if rec.ID == mine[0].ID {
			at = len(applied)
		}
		applied = append(applied, roundv2.AppliedRecord{Index: uint32(rec.Index), Citizen: common.HexToAddress(rec.Address),
			Quota: uint64(rec.Quota), Initiative: uint16(rec.Initiative), Amount: uint64(rec.Amount)})
	}
	cb, err := roundv2.NewClaimsBatch(applied)
	if err != nil || at < 0 {
		return fail(errors.Join(err, fmt.Errorf("%w: claims batch of citizen %d", outbox.ErrPermanent, citizenID)))
	}
	proof, err := cb.Proof(at)
	if err != nil {
		return fail(err)
	}
	return big.NewInt(*acc.ClaimBatch), applied[at], proof, nil
}

func (h materializeHandler) Mined(ctx context.Context, tx *storage.Tx, op storage.Op, _ *types.Receipt) error {
	var p materializePayload
	if err := decode(op, &p); err != nil {
		return err
	}
	return tx.SetMaterialized(ctx, *op.RoundID, p.CitizenID)
}

// Failed undoes the citizen's records after their claim: none can land unmaterialized. A
// citizen who claimed directly in the meantime keeps theirs: their account is materialized.
func (h materializeHandler) Failed(ctx context.Context, tx *storage.Tx, op storage.Op, _ error) error {
	var p materializePayload
	if err := decode(op, &p); err != nil {
		return err
	}
	if acc, err := tx.Account(ctx, *op.RoundID, p.CitizenID); err != nil || acc.ClaimedDirectly {
		return err
	}
	if err := tx.SetMaterializeOp(ctx, *op.RoundID, p.CitizenID, nil); err != nil {
		return err
	}
	return undoFrom(ctx, tx, *op.RoundID, p.CitizenID, 1)
}
