package budget

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/storage"
)

// Operation kinds of BudgetRoundV2 rounds.
const (
	opSetEligibilityRoot = "budget.set_eligibility_root"
	opRelay              = "budget.relay"
	opMaterialize        = "budget.materialize"
)

// materializePayload names the citizen whose account a materialize operation writes.
type materializePayload struct {
	CitizenID int64 `json:"citizen_id"`
}

// moveV2 records a custodial citizen's allocation or withdrawal in a BudgetRoundV2 round: the
// database change and the EIP-712 record the node signs with the citizen's key, in one
// transaction, and the relay operation that will carry the record. The citizen's
// first record is their claim (nonce 0); before the next one the account must be
// materialized, so a materialize operation is queued ahead of the relay that carries it.
func (s *Service) moveV2(ctx context.Context, r storage.Round, m Move, ini storage.Initiative, cit storage.Citizen, kind string) (Receipt, error) {
	sign, err := s.recordSigner(ctx, r, m, cit)
	if err != nil {
		return Receipt{}, err
	}
	rc := Receipt{Status: string(storage.OpPending)}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		delta := m.Amount
		if kind == opWithdraw {
			delta = -m.Amount
		}
		if err := applyMove(ctx, tx, r.ID, cit.ID, ini.ID, delta); err != nil {
			return err
		}
		rec, after, err := s.newRecord(ctx, tx, r, m, cit, kind)
		if err != nil {
			return err
		}
		if rc.OpID, err = relayOpFor(ctx, tx, r.ID, rec.Kind == int(roundv2.KindClaimAllocate), after); err != nil {
			return err
		}
		rec.OpID = rc.OpID
		if err := sign(&rec); err != nil {
			return err
		}
		if err := tx.CreateRecord(ctx, &rec); err != nil {
			return err
		}
		rc.Balance, err = balanceOf(ctx, tx.Repo, r.ID, cit)
		return err
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("%s %d to initiative %d: %w", kind, m.Amount, m.Initiative, err)
	}
	s.outbox.Notify()
	return rc, nil
}

// recordSigner returns how m's record gets its signature: the citizen's own, checked against
// the record (its nonce must be the account's next), or the node's with their custodial key.
func (s *Service) recordSigner(ctx context.Context, r storage.Round, m Move, cit storage.Citizen) (func(*storage.SignedRecord) error, error) {
	if m.Signature == nil {
		signer, err := s.signerOf(ctx, cit.ID)
		if err != nil {
			return nil, err
		}
		return func(rec *storage.SignedRecord) error { return s.signRecord(ctx, r, rec, signer) }, nil
	}
	d, ok := s.domain(r)
	if !ok || s.chainID == nil {
		return nil, fmt.Errorf("%w: round %d is not deployed yet: sign once it is", ErrInvalid, r.ID)
	}
	return func(rec *storage.SignedRecord) error {
		if rec.Nonce != m.Nonce {
			return fmt.Errorf("%w: the account's next nonce is %d, the signature is for %d: prepare and sign again", ErrInvalid, rec.Nonce, m.Nonce)
		}
		signed := roundv2.Signed{Record: chainRecord(*rec)}
		var err error
		if signed.R, signed.VS, err = roundv2.Compact(m.Signature); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if got, err := d.Recover(signed); err != nil || got != common.HexToAddress(cit.Address) {
			return fmt.Errorf("%w: the signature is not the citizen's for this record", ErrInvalid)
		}
		rec.R, rec.VS = signed.R[:], signed.VS[:]
		return nil
	}, nil
}

// Unsigned is the EIP-712 record a citizen's own wallet must sign for a move:
// Allocate or Withdraw in Domain; submit the signature with the same move and Nonce.
type Unsigned struct {
	Domain  roundv2.Domain
	Kind    string // "Allocate" or "Withdraw", the EIP-712 primary type
	Record  roundv2.Record
	Nonce   int64       // the nonce signed: 0 for the citizen's first record (their claim)
	Digest  common.Hash // what eth_signTypedData_v4 signs
	Initial bool        // the citizen's first record: the claim of their quota
}

// PrepareMove returns the record a citizen whose wallet is their own signs for m
// (withdraw: a withdrawal) in a BudgetRoundV2 round: the account's next nonce, the round's
// deadline; the claim of their quota while it is not claimed (by a record or directly). Nothing is written: the move is checked again when the signature comes.
func (s *Service) PrepareMove(ctx context.Context, m Move, withdraw bool) (Unsigned, error) {
	r, _, err := s.moveTarget(ctx, m)
	if err != nil {
		return Unsigned{}, err
	}
	d, ok := s.domain(r)
	if r.ContractVersion != 2 || !ok || s.chainID == nil {
		return Unsigned{}, fmt.Errorf("%w: round %d takes no signed records (not a deployed BudgetRoundV2 round)", ErrInvalid, r.ID)
	}
	acc, err := s.db.Account(ctx, r.ID, m.CitizenID)
	if errors.Is(err, storage.ErrNotFound) {
		return Unsigned{}, fmt.Errorf("citizen %d has no quota in round %d: %w", m.CitizenID, r.ID, ErrInsufficientBalance)
	} else if err != nil {
		return Unsigned{}, err
	}
	if err := s.coversMove(ctx, m, withdraw); err != nil {
		return Unsigned{}, err
	}
	rec := roundv2.Record{Kind: roundv2.KindAllocate, Amount: uint64(m.Amount), Nonce: uint64(acc.NextNonce),
		Initiative: uint16(m.Initiative), Deadline: uint64(r.Deadline.Unix())}
	u := Unsigned{Domain: d, Kind: "Allocate", Nonce: acc.NextNonce}
	switch {
	case withdraw && !acc.Claimed():
		return Unsigned{}, ErrInsufficientAllocation
	case withdraw:
		rec.Kind, u.Kind = roundv2.KindWithdraw, "Withdraw"
	case !acc.Claimed():
		rec = roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: rec.Amount, Quota: uint64(acc.Amount),
			Initiative: rec.Initiative, Index: uint32(acc.Index), Deadline: rec.Deadline}
		u.Initial = true
	}
	u.Record, u.Digest = rec, d.Digest(rec)
	return u, nil
}

// coversMove refuses, before a wallet is asked to sign, a move the citizen's balance does
// not cover: more than is left to allocate, or more than they hold in the initiative. The
// move is checked again, in its transaction, when the signature comes.
func (s *Service) coversMove(ctx context.Context, m Move, withdraw bool) error {
	bal, err := s.Balance(ctx, m.RoundID, m.CitizenID)
	if err != nil {
		return err
	}
	if !withdraw {
		if m.Amount > bal.Available {
			return fmt.Errorf("%w: %d kopecks left, %d asked", ErrInsufficientBalance, bal.Available, m.Amount)
		}
		return nil
	}
	var held int64
	for _, a := range bal.Allocations {
		if a.Initiative == m.Initiative {
			held += a.Amount
		}
	}
	if m.Amount > held {
		return fmt.Errorf("%w: %d kopecks in initiative %d, %d asked", ErrInsufficientAllocation, held, m.Initiative, m.Amount)
	}
	return nil
}

// signerOf unseals the custodial key of a citizen, before any transaction: ErrOwnWallet when
// the node keeps no key for them.
func (s *Service) signerOf(ctx context.Context, citizenID int64) (DigestSigner, error) {
	if s.signers == nil || s.chainID == nil {
		return nil, errors.New("this node signs no BudgetRoundV2 records (no wallet signers configured)")
	}
	signer, ok, err := s.signers.CustodialSigner(ctx, citizenID)
	if err != nil {
		return nil, fmt.Errorf("load the key of citizen %d: %w", citizenID, err)
	}
	if !ok {
		return nil, fmt.Errorf("citizen %d: %w", citizenID, ErrOwnWallet)
	}
	return signer, nil
}

// newRecord takes the citizen's next nonce and builds their record: the claim at nonce 0,
// else an allocation or withdrawal (at nonce 0 too after a direct claim, which materialized
// the account with nonce 0). after is the operation the relay must come after: the
// citizen's materialize operation, queued here when their claim is their only record so far.
func (s *Service) newRecord(ctx context.Context, tx *storage.Tx, r storage.Round, m Move, cit storage.Citizen, kind string) (storage.SignedRecord, int64, error) {
	nonce, err := tx.TakeNonce(ctx, r.ID, cit.ID)
	if err != nil {
		return storage.SignedRecord{}, 0, fmt.Errorf("take nonce: %w", err)
	}
	acc, err := tx.Account(ctx, r.ID, cit.ID)
	if err != nil {
		return storage.SignedRecord{}, 0, err
	}
	rec := storage.SignedRecord{RoundID: r.ID, CitizenID: cit.ID, Initiative: m.Initiative, Amount: m.Amount,
		Deadline: r.Deadline.Unix(), Nonce: nonce, Address: cit.Address}
	claim := nonce == 0 && !acc.ClaimedDirectly // a direct claim took no nonce
	switch {
	case claim && kind == opAllocate:
		rec.Kind, rec.Index, rec.Quota = int(roundv2.KindClaimAllocate), acc.Index, acc.Amount
		return rec, 0, nil
	case claim:
		return rec, 0, ErrInsufficientAllocation // nothing was allocated yet
	case kind == opAllocate:
		rec.Kind = int(roundv2.KindAllocate)
	default:
		rec.Kind = int(roundv2.KindWithdraw)
	}
	if acc.Materialized {
		return rec, 0, nil
	}
	if acc.MaterializeOp != nil {
		return rec, *acc.MaterializeOp, nil
	}
	id, err := enqueueID(ctx, tx, opMaterialize, r.ID, materializePayload{CitizenID: cit.ID})
	if err != nil {
		return rec, 0, err
	}
	return rec, id, tx.SetMaterializeOp(ctx, r.ID, cit.ID, &id)
}

// relayOpFor returns the relay operation a new record joins, one the worker has not signed
// yet, with room, and after operation after; otherwise a new one. A claim joins the oldest
// such relay after the round's last eligibility root (which holds the claim's index, and
// which the relay's multiproof is built against); a citizen's other record joins the newest,
// which comes after every earlier record of theirs.
func relayOpFor(ctx context.Context, tx *storage.Tx, roundID int64, claim bool, after int64) (int64, error) {
	var op storage.Op
	var err error
	if claim {
		if after, err = tx.LastOpID(ctx, roundID, opSetEligibilityRoot); err != nil {
			return 0, err
		}
		op, err = tx.OldestPendingOpAfter(ctx, roundID, opRelay, after)
	} else {
		op, err = tx.LatestPendingOp(ctx, roundID, opRelay)
	}
	if errors.Is(err, storage.ErrNotFound) || (err == nil && op.ID < after) {
		return enqueueID(ctx, tx, opRelay, roundID, nil)
	}
	if err != nil {
		return 0, err
	}
	held, err := tx.HoldPendingOp(ctx, op.ID)
	if err != nil {
		return 0, err
	}
	claims, others, err := tx.CountOpRecords(ctx, op.ID)
	if err != nil {
		return 0, err
	}
	full := (claim && claims >= relayClaims) || (!claim && others >= relayOthers)
	if !held || full {
		return enqueueID(ctx, tx, opRelay, roundID, nil)
	}
	return op.ID, nil
}

// domain is the EIP-712 domain of round r; ok is false until its address is known (the
// deployment is signed).
func (s *Service) domain(r storage.Round) (roundv2.Domain, bool) {
	addr := roundAddress(r)
	return roundv2.Domain{ChainID: s.chainID, Round: addr}, addr != (common.Address{})
}

// signRecord signs rec with the citizen's custodial key when the round's address is known; a
// record of a round whose deployment is still queued is signed by the relay that carries it.
func (s *Service) signRecord(ctx context.Context, r storage.Round, rec *storage.SignedRecord, signer DigestSigner) error {
	d, ok := s.domain(r)
	if !ok {
		return nil
	}
	if signer.Address() != common.HexToAddress(rec.Address) {
		return fmt.Errorf("sign record of citizen %d: the key is another address's", rec.CitizenID)
	}
	signed, err := roundv2.Sign(ctx, d, chainRecord(*rec), custodialSigner{signer})
	if err != nil {
		return fmt.Errorf("sign record of citizen %d: %w", rec.CitizenID, err)
	}
	rec.R, rec.VS = signed.R[:], signed.VS[:]
	return nil
}

// chainRecord is the record as the contract reads it.
func chainRecord(rec storage.SignedRecord) roundv2.Record {
	return roundv2.Record{
		Kind: roundv2.Kind(rec.Kind), Amount: uint64(rec.Amount), Quota: uint64(rec.Quota), Nonce: uint64(rec.Nonce),
		Initiative: uint16(rec.Initiative), Index: uint32(rec.Index), Deadline: uint64(rec.Deadline),
	}
}

// custodialSigner is a roundv2.Signer over one citizen's custodial key.
type custodialSigner struct{ DigestSigner }

func (c custodialSigner) SignHash(_ context.Context, h common.Hash) ([]byte, error) {
	return c.DigestSigner.SignHash(h)
}
