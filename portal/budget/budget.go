// Package budget runs participatory-budget rounds: a round's token budget, its
// initiatives and piggy banks, citizens' quotas and allocations, and finalization.
//
// Every change is written to the database together with the chain operation that mirrors it
// (see package outbox), so what the API acknowledges is exactly what lands on-chain.
package budget

import (
	"errors"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"

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
)

// Limits of a round, mirrored from the BudgetRound contract.
const (
	MaxInitiatives = 100
	MaxNameLen     = 100
	MaxTitleLen    = 200
	quotaBatch     = 150 // citizens per grantQuotas transaction: ~74k gas each, under the 16.7M cap
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
}

// Totals are a round's token totals in kopecks.
type Totals struct {
	Supply      int64
	Distributed int64
	Allocated   int64
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

// Service is the budget area.
type Service struct {
	db       *storage.DB
	outbox   Notifier
	treasury common.Address
	now      func() time.Time
	margin   time.Duration
	log      *slog.Logger
}

// Option adjusts a Service.
type Option func(*Service)

// WithClock replaces the wall clock the service checks deadlines against (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithCloseMargin replaces DefaultCloseMargin.
func WithCloseMargin(d time.Duration) Option { return func(s *Service) { s.margin = d } }

// New returns the service. Treasury receives what is left when a round is finalized.
func New(db *storage.DB, outbox Notifier, treasury common.Address, log *slog.Logger, opts ...Option) *Service {
	s := &Service{db: db, outbox: outbox, treasury: treasury, now: time.Now, margin: DefaultCloseMargin, log: log}
	for _, o := range opts {
		o(s)
	}
	return s
}
