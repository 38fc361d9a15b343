package roundv2

import (
	"errors"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

// Sentinels for BudgetRoundV2's reverts, matched with errors.Is. Each names
// the custom error(s) it stands for.
var (
	ErrAlreadyClaimed         = errors.New("eligibility index already claimed")            // AlreadyClaimed
	ErrAlreadyFinalized       = errors.New("round already finalized")                      // AlreadyFinalized
	ErrAlreadyMaterialized    = errors.New("account already materialized")                 // AlreadyMaterialized
	ErrBadNonce               = errors.New("bad nonce")                                    // BadNonce (replay, R-1.3)
	ErrBadProof               = errors.New("bad merkle proof")                             // BadProof, MerkleProofInvalidMultiproof
	ErrBadRecordKind          = errors.New("bad record kind")                              // BadRecordKind
	ErrDeadlineInPast         = errors.New("round deadline in the past")                   // DeadlineInPast
	ErrDeadlineNotReached     = errors.New("round deadline not reached")                   // DeadlineNotReached
	ErrDeadlinePassed         = errors.New("round deadline passed")                        // DeadlinePassed
	ErrEmptyBatch             = errors.New("empty batch")                                  // EmptyBatch
	ErrInsufficientAllocation = errors.New("withdrawal over the allocation")               // InsufficientAllocation
	ErrInsufficientBalance    = errors.New("allocation over the unallocated balance")      // InsufficientBalance (over quota)
	ErrInvalidRule            = errors.New("invalid funded-set rule or threshold")         // InvalidRule
	ErrInvalidSignature       = errors.New("invalid signature")                            // InvalidSignature
	ErrNotMaterialized        = errors.New("account not materialized")                     // NotMaterialized
	ErrOverBudget             = errors.New("claims over the budget")                       // OverBudget
	ErrQuotaTooLarge          = errors.New("quota too large")                              // QuotaTooLarge
	ErrSignatureExpired       = errors.New("signature expired")                            // SignatureExpired
	ErrTooManyInitiatives     = errors.New("too many initiatives")                         // TooManyInitiatives
	ErrUnauthorized           = errors.New("sender lacks the role")                        // AccessControlUnauthorizedAccount
	ErrUnknownBatch           = errors.New("unknown claims batch")                         // UnknownBatch
	ErrUnknownInitiative      = errors.New("unknown initiative")                           // UnknownInitiative
	ErrZeroAddress            = errors.New("zero address")                                 // ZeroAddress
	ErrZeroAmount             = errors.New("zero amount")                                  // ZeroAmount
	ErrZeroCost               = errors.New("zero cost")                                    // ZeroCost
	ErrZeroRoot               = errors.New("zero root")                                    // ZeroRoot
	ErrReverted               = errors.New("BudgetRoundV2 reverted with an unknown error") // anything else
)

var sentinels = map[string]error{
	"AlreadyClaimed":                   ErrAlreadyClaimed,
	"AlreadyFinalized":                 ErrAlreadyFinalized,
	"AlreadyMaterialized":              ErrAlreadyMaterialized,
	"BadNonce":                         ErrBadNonce,
	"BadProof":                         ErrBadProof,
	"MerkleProofInvalidMultiproof":     ErrBadProof,
	"BadRecordKind":                    ErrBadRecordKind,
	"DeadlineInPast":                   ErrDeadlineInPast,
	"DeadlineNotReached":               ErrDeadlineNotReached,
	"DeadlinePassed":                   ErrDeadlinePassed,
	"EmptyBatch":                       ErrEmptyBatch,
	"InsufficientAllocation":           ErrInsufficientAllocation,
	"InsufficientBalance":              ErrInsufficientBalance,
	"InvalidRule":                      ErrInvalidRule,
	"InvalidSignature":                 ErrInvalidSignature,
	"NotMaterialized":                  ErrNotMaterialized,
	"OverBudget":                       ErrOverBudget,
	"QuotaTooLarge":                    ErrQuotaTooLarge,
	"SignatureExpired":                 ErrSignatureExpired,
	"TooManyInitiatives":               ErrTooManyInitiatives,
	"AccessControlUnauthorizedAccount": ErrUnauthorized,
	"UnknownBatch":                     ErrUnknownBatch,
	"UnknownInitiative":                ErrUnknownInitiative,
	"ZeroAddress":                      ErrZeroAddress,
	"ZeroAmount":                       ErrZeroAmount,
	"ZeroCost":                         ErrZeroCost,
	"ZeroRoot":                         ErrZeroRoot,
}

// RevertError is a BudgetRoundV2 revert: the custom error decoded with the
// round's ABI and the sentinel it maps to. errors.Is matches the sentinel,
// errors.As the *chain.RevertError (so chain.IsRevert(err, "BadNonce") holds).
type RevertError struct {
	Sentinel error              // one of the Err… above
	Revert   *chain.RevertError // name, arguments and raw data
}

// Error formats as the decoded revert, e.g. "execution reverted:
// BadNonce(0x…, 1, 0)".
func (e *RevertError) Error() string { return e.Revert.Error() }

// Unwrap gives the sentinel and the decoded revert.
func (e *RevertError) Unwrap() []error { return []error{e.Sentinel, e.Revert} }

// Record is the position in the batch of the record a relay revert names
// (SignatureExpired, InvalidSignature, BadRecordKind); ok is false for other
// errors.
func (e *RevertError) Record() (int, bool) {
	switch e.Revert.Name {
	case "SignatureExpired", "InvalidSignature", "BadRecordKind":
		if len(e.Revert.Args) == 0 {
			return 0, false
		}
		if i, ok := e.Revert.Args[0].(*big.Int); ok && i.IsInt64() {
			return int(i.Int64()), true
		}
	}
	return 0, false
}

// v2Errors maps selectors to BudgetRoundV2's custom errors: chain's decoder
// knows v1's ABI only, so the errors new in v2 come back unnamed from it.
var v2Errors = sync.OnceValue(func() map[[4]byte]abi.Error {
	m := map[[4]byte]abi.Error{}
	for _, e := range budgetroundv2.NewBudgetRoundV2().GetABI().Errors {
		m[[4]byte(e.ID[:4])] = e
	}
	return m
})

// decodeRevert decodes revert data with the round's ABI first, then with
// chain's (Error(string), Panic, v1 and token errors).
func decodeRevert(data []byte) *chain.RevertError {
	if len(data) >= 4 {
		if e, ok := v2Errors()[[4]byte(data[:4])]; ok {
			if args, err := e.Unpack(data); err == nil {
				return &chain.RevertError{Name: e.Name, Args: args.([]any), Data: data}
			}
		}
	}
	return chain.DecodeRevert(data)
}

// DecodeError maps a revert inside err (a *chain.RevertError from
// chain.Client.Call or chain.Sender: Build, Send, WaitMined) to a
// *RevertError decoded with the round's ABI, for callers that send round
// transactions themselves (an outbox). Other errors come back as they are.
func DecodeError(err error) error { return asRevert(err) }

// asRevert is DecodeError.
func asRevert(err error) error {
	re, ok := errors.AsType[*chain.RevertError](err)
	if !ok {
		return err
	}
	decoded := re
	if len(re.Data) > 0 {
		decoded = decodeRevert(re.Data)
	}
	sentinel, ok := sentinels[decoded.Name]
	if !ok {
		sentinel = ErrReverted
	}
	return &RevertError{Sentinel: sentinel, Revert: decoded}
}
