// Package budget runs participatory-budget rounds: a round's token budget, its
// initiatives and piggy banks, citizens' quotas and allocations, and finalization.
//
// Every change is written to the database together with the chain operation that mirrors it
// (see package outbox), so what the API acknowledges is exactly what lands on-chain.
package budget

import (
	"context"
	"errors"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage"
)

// Errors of this area. The API maps each to a stable error code.
var (
	ErrInvalid                = errors.New("invalid request")
	ErrRoundNotFound          = errors.New("round not found")
	ErrInitiativeNotFound     = errors.New("initiative not found")
	ErrCitizenNotFound        = errors.New("citizen not found")
	ErrInsufficientBalance    = errors.New("insufficient balance")
	ErrInsufficientAllocation = errors.New("insufficient allocation")
	ErrDeadlinePassed         = errors.New("deadline passed")
	ErrDeadlineNotReached     = errors.New("deadline not reached")
	ErrAlreadyFinalized       = errors.New("round already finalized")
	ErrAlreadyDistributed     = errors.New("quotas already distributed")
	ErrRoundFailed            = errors.New("round deployment failed")
	// ErrOwnWallet: the citizen acts through a wallet of their own, so only they can sign
	// their records; the node signs for custodial wallets only (BudgetRoundV2).
	ErrOwnWallet = errors.New("the citizen's own wallet must sign")
)

// Limits of a round, mirrored from the BudgetRound contract.
const (
	MaxInitiatives = 100
	MaxNameLen     = 100
	MaxTitleLen    = 200
	quotaBatch     = 150 // citizens per grantQuotas transaction (v1): ~74k gas each, under the 16.7M cap
	// A relay carries at most relayClaims first uses (about 15k gas each) and relayOthers
	// further records (about 35k gas each), well under the 16.7M gas cap of one transaction.
	relayClaims = 500
	relayOthers = 250
)

// Round is a budget round as the portal shows it.
type Round struct {
	ID         int64
	Name       string
	Symbol     string
	Status     string
	Budget     int64     // kopecks
	Created    time.Time // when the treasury created the round
	Deadline   time.Time
	Treasury   common.Address
	Address    common.Address // zero until the deployment is signed
	Token      common.Address
	Totals     Totals
	Funded     []int // on-chain result once finalized, else the projection
	PendingOps int64
	// Eligibility is who may take part; DistributeEligible draws the list from it.
	Eligibility citizens.RoundRules
	// Contract is 2 for a BudgetRoundV2 round (every new round), 1 for a BudgetRound
	// created before the node moved to v2. Rule and Threshold are a v2 round's funded-set
	// rule.
	Contract  int
	Rule      roundv2.Rule
	Threshold int64
}

// Totals are a round's token totals in kopecks.
type Totals struct {
	Supply int64
	// Distributed is what the contract counts as distributed: every quota granted (v1), the
	// quotas claimed by a relayed first use (v2).
	Distributed int64
	Allocated   int64
	// Granted is the sum of the quotas granted: in v2 the quotas of the eligibility tree,
	// claimed or not.
	Granted int64
}

// Initiative is one initiative of a round with its piggy bank.
type Initiative struct {
	Number    int // the on-chain id
	Title     string
	Cost      int64
	Received  int64
	PiggyBank common.Address
	Funded    bool
}

// Balance is a citizen's position in a round.
type Balance struct {
	Citizen     common.Address
	Quota       int64
	Allocated   int64
	Available   int64
	Allocations []Allocation
}

// Allocation is what a citizen holds in one piggy bank.
type Allocation struct {
	Initiative int
	Amount     int64
}

// Receipt acknowledges a change: the operation that carries it to the chain.
type Receipt struct {
	OpID    int64
	Status  string
	Balance Balance
}

// Notifier wakes the outbox worker after an operation was enqueued.
type Notifier interface{ Notify() }

// DefaultCloseMargin is how long before a round's deadline the portal stops taking changes,
// so that every acknowledged change reaches the chain before the contract closes too.
const DefaultCloseMargin = 2 * time.Minute

// Signers gives the custodial keys the node keeps for citizens; *wallets.Service implements
// it.
type Signers interface {
	// CustodialSigner returns a signer holding the key of the citizen's address in memory,
	// or ok false when the node keeps no key for it (the citizen's own wallet).
	CustodialSigner(ctx context.Context, citizenID int64) (signer DigestSigner, ok bool, err error)
}

// DigestSigner signs 32-byte digests with one key and returns [R || S || V]; it does no I/O,
// so it may sign inside a database transaction.
type DigestSigner = interface {
	Address() common.Address
	SignHash(digest common.Hash) ([]byte, error)
}

// Service is the budget area.
type Service struct {
	db       *storage.DB
	outbox   Notifier
	treasury common.Address
	now      func() time.Time
	margin   time.Duration
	log      *slog.Logger
	chainID  *big.Int // the EIP-712 domain's chain; nil: no signing (v2 moves fail)
	signers  Signers
	relay    *relayHandler // the relay handler: keeps what the relay being signed carries
	proofs   proofTrees    // eligibility trees of published roots, for Eligibility
}

// Option adjusts a Service.
type Option func(*Service)

// WithClock replaces the wall clock the service checks deadlines against (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithSigners lets the service sign BudgetRoundV2 records for custodial citizens on chain
// chainID. Without it, allocations and withdrawals of v2 rounds fail.
func WithSigners(chainID uint64, signers Signers) Option {
	return func(s *Service) { s.chainID, s.signers = new(big.Int).SetUint64(chainID), signers }
}

// WithCloseMargin replaces DefaultCloseMargin.
func WithCloseMargin(d time.Duration) Option { return func(s *Service) { s.margin = d } }

// New returns the service. Treasury receives what is left when a round is finalized.
func New(db *storage.DB, outbox Notifier, treasury common.Address, log *slog.Logger, opts ...Option) *Service {
	s := &Service{db: db, outbox: outbox, treasury: treasury, now: time.Now, margin: DefaultCloseMargin, log: log}
	s.relay = &relayHandler{s: s, carried: map[int64][]int64{}}
	for _, o := range opts {
		o(s)
	}
	return s
}
