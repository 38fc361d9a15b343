package budget

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage"
)

// NewRound is a treasury's request for a round.
type NewRound struct {
	Name        string
	Budget      int64 // kopecks; the token's total supply
	Deadline    time.Time
	Initiatives []NewInitiative
	// Eligibility is who may take part: the minimum person verification level (1 to
	// 3; 0 means 1) and the territory of the registration address ("" the whole city).
	Eligibility citizens.RoundRules
	// Rule is the funded-set rule (R-1.4; the zero value is greedy) and Threshold the
	// tokens an initiative needs to be a candidate under roundv2.RuleGreedyThreshold (> 0
	// exactly for that rule).
	Rule      roundv2.Rule
	Threshold int64
}

// NewInitiative is an initiative to register in a round.
type NewInitiative struct {
	Title string
	Cost  int64 // kopecks
}

// Validate checks a round request against the rules and the contract's limits.
func (r NewRound) Validate(now time.Time) error {
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "" || utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("%w: name must have 1 to %d characters", ErrInvalid, MaxNameLen)
	case r.Budget <= 0:
		return fmt.Errorf("%w: budget must be positive", ErrInvalid)
	case !r.Deadline.After(now.Add(5 * time.Minute)):
		return fmt.Errorf("%w: deadline must be at least five minutes ahead", ErrInvalid)
	case len(r.Initiatives) > MaxInitiatives:
		return fmt.Errorf("%w: at most %d initiatives", ErrInvalid, MaxInitiatives)
	case r.Rule > roundv2.RulePiggyBank:
		return fmt.Errorf("%w: unknown funded-set rule %d", ErrInvalid, r.Rule)
	case r.Threshold < 0 || (r.Threshold > 0) != (r.Rule == roundv2.RuleGreedyThreshold):
		return fmt.Errorf("%w: a threshold (> 0) goes with the greedy-threshold rule, and only with it", ErrInvalid)
	}
	if err := r.Eligibility.Validate(); err != nil {
		return fmt.Errorf("%w: eligibility: %w", ErrInvalid, err)
	}
	for i, in := range r.Initiatives {
		if err := in.Validate(); err != nil {
			return fmt.Errorf("initiative %d: %w", i+1, err)
		}
	}
	return nil
}

// Validate checks an initiative request.
func (in NewInitiative) Validate() error {
	title := strings.TrimSpace(in.Title)
	if title == "" || utf8.RuneCountInString(title) > MaxTitleLen {
		return fmt.Errorf("%w: title must have 1 to %d characters", ErrInvalid, MaxTitleLen)
	}
	if in.Cost <= 0 {
		return fmt.Errorf("%w: cost must be positive", ErrInvalid)
	}
	return nil
}

// CreateRound records a round with its initiatives and queues its deployment.
func (s *Service) CreateRound(ctx context.Context, in NewRound) (Round, error) {
	if err := in.Validate(s.now()); err != nil {
		return Round{}, err
	}
	rec := storage.Round{
		Name: strings.TrimSpace(in.Name), Symbol: TokenSymbol(in.Name), Budget: in.Budget,
		Deadline: in.Deadline.UTC().Truncate(time.Second), Treasury: hexAddr(s.treasury),
		Status: storage.RoundDeploying, MinPersonLevel: in.Eligibility.MinPersonLevel, Territory: in.Eligibility.Territory,
		ContractVersion: 2, Rule: int(in.Rule), Threshold: in.Threshold,
	}
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateRound(ctx, &rec); err != nil {
			return err
		}
		if err := enqueue(ctx, tx, opDeployRound, rec.ID, nil); err != nil {
			return err
		}
		for _, ini := range in.Initiatives {
			if _, err := addInitiative(ctx, tx, rec.ID, ini); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Round{}, fmt.Errorf("create round: %w", err)
	}
	s.outbox.Notify()
	return s.Round(ctx, rec.ID)
}

// AddInitiative registers one more initiative while the round is open.
func (s *Service) AddInitiative(ctx context.Context, roundID int64, in NewInitiative) (Initiative, error) {
	if err := in.Validate(); err != nil {
		return Initiative{}, err
	}
	r, err := s.openRound(ctx, roundID)
	if err != nil {
		return Initiative{}, err
	}
	var rec storage.Initiative
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		inis, err := tx.Initiatives(ctx, roundID)
		if err != nil {
			return err
		}
		if len(inis) >= MaxInitiatives {
			return fmt.Errorf("%w: at most %d initiatives", ErrInvalid, MaxInitiatives)
		}
		rec, err = addInitiative(ctx, tx, roundID, in)
		return err
	})
	if err != nil {
		return Initiative{}, fmt.Errorf("add initiative: %w", err)
	}
	s.outbox.Notify()
	return initiativeOf(rec, roundAddress(r)), nil
}

func addInitiative(ctx context.Context, tx *storage.Tx, roundID int64, in NewInitiative) (storage.Initiative, error) {
	rec := storage.Initiative{RoundID: roundID, Title: strings.TrimSpace(in.Title), Cost: in.Cost}
	if err := tx.CreateInitiative(ctx, &rec); err != nil {
		return rec, err
	}
	return rec, enqueue(ctx, tx, opRegisterInitiative, roundID, registerPayload{Number: rec.Number})
}

// Rounds lists every round, newest last.
func (s *Service) Rounds(ctx context.Context) ([]Round, error) {
	recs, err := s.db.ListRounds(ctx)
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	out := make([]Round, 0, len(recs))
	for _, rec := range recs {
		r, err := s.round(ctx, rec)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Round returns one round with its totals.
func (s *Service) Round(ctx context.Context, id int64) (Round, error) {
	rec, err := s.loadRound(ctx, id)
	if err != nil {
		return Round{}, err
	}
	return s.round(ctx, rec)
}

// Initiatives lists a round's initiatives with their piggy-bank totals.
func (s *Service) Initiatives(ctx context.Context, roundID int64) ([]Initiative, error) {
	rec, err := s.loadRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	recs, err := s.db.Initiatives(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("list initiatives of round %d: %w", roundID, err)
	}
	out := make([]Initiative, len(recs))
	for i, ini := range recs {
		out[i] = initiativeOf(ini, roundAddress(rec))
	}
	return out, nil
}

func (s *Service) round(ctx context.Context, rec storage.Round) (Round, error) {
	inis, err := s.db.Initiatives(ctx, rec.ID)
	if err != nil {
		return Round{}, fmt.Errorf("load initiatives of round %d: %w", rec.ID, err)
	}
	granted, err := s.db.DistributedTotal(ctx, rec.ID)
	if err != nil {
		return Round{}, fmt.Errorf("load distribution of round %d: %w", rec.ID, err)
	}
	distributed := granted
	if rec.ContractVersion == 2 {
		// BudgetRoundV2's distributed() counts the quotas claimed by a relayed first use.
		if distributed, err = s.db.ClaimedTotal(ctx, rec.ID); err != nil {
			return Round{}, fmt.Errorf("load claims of round %d: %w", rec.ID, err)
		}
	}
	pending, err := s.db.CountOps(ctx, &rec.ID, storage.OpPending, storage.OpSent)
	if err != nil {
		return Round{}, fmt.Errorf("count operations of round %d: %w", rec.ID, err)
	}
	r := Round{
		ID: rec.ID, Name: rec.Name, Symbol: rec.Symbol, Status: string(rec.Status), Budget: rec.Budget,
		Created: rec.CreatedAt.UTC(), Deadline: rec.Deadline.UTC(), Treasury: common.HexToAddress(rec.Treasury),
		Address: roundAddress(rec), Token: addressOf(rec.TokenAddress),
		Totals:      Totals{Supply: rec.Budget, Distributed: distributed, Granted: granted},
		PendingOps:  pending,
		Eligibility: citizens.RoundRules{MinPersonLevel: rec.MinPersonLevel, Territory: rec.Territory},
		Contract:    rec.ContractVersion, Rule: roundv2.Rule(rec.Rule), Threshold: rec.Threshold,
	}
	r.Funded = fundedOf(rec, inis)
	for _, ini := range inis {
		r.Totals.Allocated += ini.Received
	}
	return r, nil
}

// fundedOf is the on-chain funded set once the round is finalized, else the projection of
// the round's rule over the current piggy banks, in id order: v1 rounds are greedy
// with ties by id, v2 rounds follow their rule with ties by cost, then id.
func fundedOf(rec storage.Round, inis []storage.Initiative) []int {
	funded := []int{}
	if rec.Status == storage.RoundFinalized {
		for _, ini := range inis {
			if ini.Funded {
				funded = append(funded, ini.Number)
			}
		}
		return funded
	}
	cands := make([]audit.Candidate, len(inis))
	for i, ini := range inis {
		cands[i] = audit.Candidate{ID: uint64(ini.Number), Cost: bigOf(ini.Cost), Received: bigOf(ini.Received)}
	}
	ids := audit.FundedSet(bigOf(rec.Budget), cands)
	if rec.ContractVersion == 2 {
		var err error
		if ids, err = audit.FundedSetV2(audit.Rule(rec.Rule), bigOf(rec.Budget), bigOf(rec.Threshold), cands); err != nil {
			ids = nil // a rule the database cannot hold; CreateRound validates it
		}
	}
	for _, id := range ids {
		funded = append(funded, int(id))
	}
	sort.Ints(funded)
	return funded
}

func (s *Service) loadRound(ctx context.Context, id int64) (storage.Round, error) {
	rec, err := s.db.Round(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return rec, fmt.Errorf("round %d: %w", id, ErrRoundNotFound)
	}
	if err != nil {
		return rec, fmt.Errorf("load round %d: %w", id, err)
	}
	return rec, nil
}

// openRound loads a round that still takes changes: not failed, not finalized, and more than
// the close margin before its deadline. The margin leaves the outbox time to land what
// was acknowledged before the contract refuses it.
func (s *Service) openRound(ctx context.Context, id int64) (storage.Round, error) {
	rec, err := s.loadRound(ctx, id)
	if err != nil {
		return rec, err
	}
	switch {
	case rec.Status == storage.RoundFailed:
		return rec, fmt.Errorf("round %d: %w", id, ErrRoundFailed)
	case rec.Status == storage.RoundFinalizing || rec.Status == storage.RoundFinalized:
		return rec, fmt.Errorf("round %d: %w", id, ErrAlreadyFinalized)
	case !s.now().Add(s.margin).Before(rec.Deadline):
		return rec, fmt.Errorf("round %d took changes until %s, %s before its deadline: %w", id,
			rec.Deadline.Add(-s.margin).UTC().Format(time.RFC3339), s.margin, ErrDeadlinePassed)
	}
	return rec, nil
}

func initiativeOf(rec storage.Initiative, round common.Address) Initiative {
	ini := Initiative{Number: rec.Number, Title: rec.Title, Cost: rec.Cost, Received: rec.Received, Funded: rec.Funded}
	if round != (common.Address{}) {
		ini.PiggyBank = PiggyBank(round, rec.Number)
	}
	return ini
}

func roundAddress(rec storage.Round) common.Address { return addressOf(rec.Address) }
