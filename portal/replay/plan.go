// Package replay replays a real participatory-budgeting election (a pabulib .pb file) through
// a BudgetRoundV2 on a chain: every voter becomes a citizen with a quota, their ballot
// becomes signed allocations relayed in batches, and the contract's finalize picks the funded
// set, which must equal the official one.
package replay

import (
	"errors"
	"fmt"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

// MaxProjects is BudgetRoundV2's MAX_INITIATIVES.
const MaxProjects = 100

// Rule is a BudgetRoundV2 funded-set rule (the contract's enum Rule).
type Rule uint8

// The contract's rules (docs/CONTRACTS-V2.md).
const (
	RuleGreedy          Rule = 0
	RuleGreedyNoSkip    Rule = 1
	RuleGreedyThreshold Rule = 2
	RulePiggyBank       Rule = 3
)

// ErrUnsupported means the election cannot be replayed on-chain as it is.
var ErrUnsupported = errors.New("cannot replay")

// Token is an amount a voter puts into one project's piggy bank.
type Token struct {
	Initiative uint16 // on-chain id: 1 + the project's position in the file
	Amount     uint64
}

// Voter is one ballot as allocations. Quota is the sum of Tokens: a voter is given exactly
// what their ballot spends.
type Voter struct {
	ID     string // the file's voter_id
	Quota  uint64
	Tokens []Token
}

// Plan is an election ready to replay.
type Plan struct {
	Election  *pabulib.Election
	Budget    uint64
	Rule      Rule
	Threshold uint64   // GreedyThreshold's minimum tokens, else 0
	Costs     []uint64 // cost of initiative i+1
	Voters    []Voter  // voters with at least one token, in file order
}

// NewPlan turns a parsed election into citizens and allocations. Approval and choose-1
// ballots give one token to each approved project; cumulative ballots give their points;
// ordinal ballots give Borda points, max_length (or the ballot's length) for the first choice
// down to 1, which is how the pabulib score column of ordinal files is counted. The rule is
// the file's own; equalshares/add1 is not an on-chain rule (ErrUnsupported).
func NewPlan(e *pabulib.Election) (*Plan, error) {
	p := &Plan{Election: e}
	if e.Budget <= 0 {
		return nil, fmt.Errorf("%w: budget %d", ErrUnsupported, e.Budget)
	}
	p.Budget = uint64(e.Budget)
	switch tally.Rule(e.Rule) {
	case tally.RuleGreedy:
		p.Rule = RuleGreedy
	case tally.RuleGreedyNoSkip:
		p.Rule = RuleGreedyNoSkip
	case tally.RuleGreedyThreshold:
		if e.Params.MinProjectScoreThreshold <= 0 {
			return nil, fmt.Errorf("%w: rule greedy-threshold without min_project_score_threshold", ErrUnsupported)
		}
		p.Rule, p.Threshold = RuleGreedyThreshold, uint64(e.Params.MinProjectScoreThreshold)
	default:
		return nil, fmt.Errorf("%w: rule %q is not an on-chain rule (greedy, greedy-no-skip, greedy-threshold)", ErrUnsupported, e.Rule)
	}
	if len(e.Projects) == 0 || len(e.Projects) > MaxProjects {
		return nil, fmt.Errorf("%w: %d projects (1 to %d)", ErrUnsupported, len(e.Projects), MaxProjects)
	}
	ids := make(map[string]uint16, len(e.Projects))
	for i, pr := range e.Projects {
		if pr.Cost <= 0 {
			return nil, fmt.Errorf("%w: project %s costs %d", ErrUnsupported, pr.ID, pr.Cost)
		}
		ids[pr.ID] = uint16(i + 1)
		p.Costs = append(p.Costs, uint64(pr.Cost))
	}
	var total uint64
	for _, v := range e.Votes {
		voter, err := ballot(e, v, ids)
		if err != nil {
			return nil, err
		}
		if voter.Quota == 0 {
			continue
		}
		total += voter.Quota
		p.Voters = append(p.Voters, voter)
	}
	if total > p.Budget {
		return nil, fmt.Errorf("%w: the ballots spend %d tokens, more than the budget %d", ErrUnsupported, total, p.Budget)
	}
	return p, nil
}

// ballot turns one vote into tokens per initiative.
func ballot(e *pabulib.Election, v pabulib.Vote, ids map[string]uint16) (Voter, error) {
	voter := Voter{ID: v.VoterID}
	top := e.Params.MaxLength
	if top < int64(len(v.Projects)) {
		top = int64(len(v.Projects))
	}
	for i, pid := range v.Projects {
		id, ok := ids[pid]
		if !ok {
			return voter, fmt.Errorf("%w: voter %s votes for unknown project %s", ErrUnsupported, v.VoterID, pid)
		}
		amount := int64(1)
		switch e.VoteType {
		case pabulib.Cumulative:
			if i >= len(v.Points) {
				return voter, fmt.Errorf("%w: voter %s has no points for project %s", ErrUnsupported, v.VoterID, pid)
			}
			amount = v.Points[i]
		case pabulib.Ordinal:
			amount = top - int64(i)
		}
		if amount < 0 {
			return voter, fmt.Errorf("%w: voter %s gives %d points to project %s", ErrUnsupported, v.VoterID, amount, pid)
		}
		if amount == 0 {
			continue
		}
		voter.Tokens = append(voter.Tokens, Token{Initiative: id, Amount: uint64(amount)})
		voter.Quota += uint64(amount)
	}
	return voter, nil
}

// Received is what each initiative's piggy bank holds once every ballot is allocated,
// indexed by initiative id − 1.
func (p *Plan) Received() []uint64 {
	out := make([]uint64, len(p.Costs))
	for _, v := range p.Voters {
		for _, t := range v.Tokens {
			out[t.Initiative-1] += t.Amount
		}
	}
	return out
}

// Official is the file's selected projects as initiative ids in file order, and whether the
// file has a selected column at all.
func (p *Plan) Official() ([]uint16, bool) {
	var out []uint16
	has := false
	for _, c := range p.Election.ProjectColumns {
		has = has || c == pabulib.ColSelected
	}
	for i, pr := range p.Election.Projects {
		if pr.Selected {
			out = append(out, uint16(i+1))
		}
	}
	return out, has
}
