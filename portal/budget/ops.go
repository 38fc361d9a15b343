package budget

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
)

// Operation kinds of the budget area, as stored in the outbox.
const (
	opDeployRound        = "budget.deploy_round"
	opRegisterInitiative = "budget.register_initiative"
	opGrantQuotas        = "budget.grant_quotas"
	opAllocate           = "budget.allocate"
	opWithdraw           = "budget.withdraw"
	opFinalize           = "budget.finalize"
)

type registerPayload struct {
	Number int `json:"number"`
}

type grantPayload struct {
	Citizens []string `json:"citizens"`
	Amounts  []int64  `json:"amounts"`
}

type movePayload struct {
	Citizen    string `json:"citizen"`
	Initiative int    `json:"initiative"`
	Amount     int64  `json:"amount"`
}

func enqueue(ctx context.Context, tx *storage.Tx, kind string, roundID int64, payload any) error {
	_, err := enqueueID(ctx, tx, kind, roundID, payload)
	return err
}

func enqueueID(ctx context.Context, tx *storage.Tx, kind string, roundID int64, payload any) (int64, error) {
	body := []byte("{}")
	if payload != nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return 0, fmt.Errorf("encode %s payload: %w", kind, err)
		}
	}
	op := storage.Op{Kind: kind, RoundID: &roundID, Payload: body}
	if err := tx.EnqueueOp(ctx, &op); err != nil {
		return 0, fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return op.ID, nil
}

// Register gives the outbox worker the budget area's operation handlers.
func (s *Service) Register(w interface {
	Handle(kind string, h outbox.Handler)
}) {
	w.Handle(opDeployRound, deployHandler{s})
	w.Handle(opRegisterInitiative, callHandler{s, s.buildRegister})
	w.Handle(opGrantQuotas, callHandler{s, s.buildGrant})
	w.Handle(opAllocate, moveHandler{s, +1})
	w.Handle(opWithdraw, moveHandler{s, -1})
	w.Handle(opFinalize, finalizeHandler{s})
	w.Handle(opSetEligibilityRoot, rootHandler{s: s})
	w.Handle(opRelay, s.relay)
	w.Handle(opMaterialize, materializeHandler{s: s})
}

// roundABI packs the calls of v1 rounds, and those v2 kept with the same signature and
// events (registerInitiative, finalize, Finalized).
var roundABI = bindings.NewBudgetRound()

// roundCall loads the round an operation belongs to, with its deployed address.
func (s *Service) roundCall(ctx context.Context, op storage.Op) (storage.Round, *common.Address, error) {
	if op.RoundID == nil {
		return storage.Round{}, nil, fmt.Errorf("%w: op %d has no round", outbox.ErrPermanent, op.ID)
	}
	rec, err := s.db.Round(ctx, *op.RoundID)
	if err != nil {
		return rec, nil, fmt.Errorf("load round %d: %w", *op.RoundID, err)
	}
	addr := roundAddress(rec)
	if addr == (common.Address{}) {
		return rec, nil, fmt.Errorf("%w: round %d is not deployed", outbox.ErrPermanent, rec.ID)
	}
	return rec, &addr, nil
}

func decode(op storage.Op, v any) error {
	if err := json.Unmarshal(op.Payload, v); err != nil {
		return fmt.Errorf("%w: op %d payload: %v", outbox.ErrPermanent, op.ID, err)
	}
	return nil
}

// deployHandler deploys a round; its address follows from the signer and nonce, so it is
// recorded in the same database transaction as the signed deployment.
type deployHandler struct{ s *Service }

func (h deployHandler) Build(ctx context.Context, op storage.Op, env outbox.Env) (outbox.Call, error) {
	if op.RoundID == nil {
		return outbox.Call{}, fmt.Errorf("%w: op %d has no round", outbox.ErrPermanent, op.ID)
	}
	rec, err := h.s.db.Round(ctx, *op.RoundID)
	if err != nil {
		return outbox.Call{}, fmt.Errorf("load round %d: %w", *op.RoundID, err)
	}
	if rec.ContractVersion == 2 {
		return outbox.Call{Data: roundv2.DeployCode(roundv2.DeployParams{
			Name: rec.Name, Symbol: rec.Symbol, Budget: uint64(rec.Budget), Deadline: uint64(rec.Deadline.Unix()),
			Treasury: common.HexToAddress(rec.Treasury), Rule: roundv2.Rule(rec.Rule), Threshold: uint64(rec.Threshold),
		}, env.From)}, nil
	}
	args := roundABI.PackConstructor(rec.Name, rec.Symbol, bigOf(rec.Budget), uint64(rec.Deadline.Unix()),
		common.HexToAddress(rec.Treasury), env.From)
	code := append(common.FromHex(bindings.BudgetRoundMetaData.Bin), args...)
	return outbox.Call{Data: code}, nil
}

func (h deployHandler) Signed(ctx context.Context, tx *storage.Tx, op storage.Op, env outbox.Env) error {
	round := crypto.CreateAddress(env.From, env.Nonce)
	token := crypto.CreateAddress(round, 1) // the round's first creation (EIP-161 nonce 1), v1 and v2
	return tx.SetRoundChain(ctx, *op.RoundID, hexAddr(round), hexAddr(token))
}

func (h deployHandler) Mined(ctx context.Context, tx *storage.Tx, op storage.Op, _ *types.Receipt) error {
	return tx.SetRoundStatus(ctx, *op.RoundID, storage.RoundOpen)
}

func (h deployHandler) Failed(ctx context.Context, tx *storage.Tx, op storage.Op, _ error) error {
	return tx.SetRoundStatus(ctx, *op.RoundID, storage.RoundFailed)
}

// callHandler is a call on a deployed round with no hooks.
type callHandler struct {
	s    *Service
	data func(ctx context.Context, op storage.Op) ([]byte, error)
}

func (h callHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	_, to, err := h.s.roundCall(ctx, op)
	if err != nil {
		return outbox.Call{}, err
	}
	data, err := h.data(ctx, op)
	return outbox.Call{To: to, Data: data}, err
}

func (callHandler) Signed(context.Context, *storage.Tx, storage.Op, outbox.Env) error { return nil }
func (callHandler) Mined(context.Context, *storage.Tx, storage.Op, *types.Receipt) error {
	return nil
}
func (callHandler) Failed(context.Context, *storage.Tx, storage.Op, error) error { return nil }

func (s *Service) buildRegister(ctx context.Context, op storage.Op) ([]byte, error) {
	var p registerPayload
	if err := decode(op, &p); err != nil {
		return nil, err
	}
	ini, err := s.db.InitiativeByNumber(ctx, *op.RoundID, p.Number)
	if err != nil {
		return nil, fmt.Errorf("load initiative %d: %w", p.Number, err)
	}
	return roundABI.PackRegisterInitiative(bigOf(ini.Cost)), nil
}

func (s *Service) buildGrant(_ context.Context, op storage.Op) ([]byte, error) {
	var p grantPayload
	if err := decode(op, &p); err != nil {
		return nil, err
	}
	addrs := make([]common.Address, len(p.Citizens))
	amounts := make([]*big.Int, len(p.Amounts))
	for i := range p.Citizens {
		addrs[i] = common.HexToAddress(p.Citizens[i])
	}
	for i, a := range p.Amounts {
		amounts[i] = bigOf(a)
	}
	return roundABI.PackGrantQuotas(addrs, amounts), nil
}

// moveHandler relays an allocation (sign +1) or withdrawal (sign −1). If the chain refuses
// it (the deadline passed while it was queued), the database change is undone.
type moveHandler struct {
	s    *Service
	sign int64
}

func (h moveHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	_, to, err := h.s.roundCall(ctx, op)
	if err != nil {
		return outbox.Call{}, err
	}
	var p movePayload
	if err := decode(op, &p); err != nil {
		return outbox.Call{}, err
	}
	citizen, id, amount := common.HexToAddress(p.Citizen), big.NewInt(int64(p.Initiative)), bigOf(p.Amount)
	if h.sign > 0 {
		return outbox.Call{To: to, Data: roundABI.PackAllocateFor(citizen, id, amount)}, nil
	}
	return outbox.Call{To: to, Data: roundABI.PackWithdrawFor(citizen, id, amount)}, nil
}

func (moveHandler) Signed(context.Context, *storage.Tx, storage.Op, outbox.Env) error { return nil }
func (moveHandler) Mined(context.Context, *storage.Tx, storage.Op, *types.Receipt) error {
	return nil
}

func (h moveHandler) Failed(ctx context.Context, tx *storage.Tx, op storage.Op, _ error) error {
	var p movePayload
	if err := decode(op, &p); err != nil {
		return err
	}
	cit, err := tx.CitizenByAddress(ctx, strings.ToLower(p.Citizen))
	if err != nil {
		return fmt.Errorf("load citizen of op %d: %w", op.ID, err)
	}
	ini, err := tx.InitiativeByNumber(ctx, *op.RoundID, p.Initiative)
	if err != nil {
		return fmt.Errorf("load initiative of op %d: %w", op.ID, err)
	}
	return applyMove(ctx, tx, *op.RoundID, cit.ID, ini.ID, -h.sign*p.Amount)
}

// finalizeHandler records the funded set the contract emitted.
type finalizeHandler struct{ s *Service }

func (h finalizeHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	_, to, err := h.s.roundCall(ctx, op)
	return outbox.Call{To: to, Data: roundABI.PackFinalize()}, err
}

func (finalizeHandler) Signed(context.Context, *storage.Tx, storage.Op, outbox.Env) error {
	return nil
}

func (h finalizeHandler) Mined(ctx context.Context, tx *storage.Tx, op storage.Op, r *types.Receipt) error {
	var funded []int
	for _, l := range r.Logs {
		ev, err := roundABI.UnpackFinalizedEvent(l)
		if err != nil {
			continue
		}
		for _, id := range ev.Funded {
			funded = append(funded, int(id.Int64()))
		}
	}
	if err := tx.SetFunded(ctx, *op.RoundID, funded); err != nil {
		return err
	}
	return tx.SetRoundStatus(ctx, *op.RoundID, storage.RoundFinalized)
}

func (h finalizeHandler) Failed(ctx context.Context, tx *storage.Tx, op storage.Op, _ error) error {
	rec, err := tx.Round(ctx, *op.RoundID)
	if err != nil || rec.Status != storage.RoundFinalizing {
		return err
	}
	return tx.SetRoundStatus(ctx, *op.RoundID, storage.RoundOpen)
}

func bigOf(v int64) *big.Int { return big.NewInt(v) }

// hexAddr is the stored form of an address: lower-case hex.
func hexAddr(a common.Address) string { return strings.ToLower(a.Hex()) }

func addressOf(s string) common.Address {
	if s == "" {
		return common.Address{}
	}
	return common.HexToAddress(s)
}
