package api

import (
	"time"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
)

// Response and request types: the API's own shapes, converted from the budget area's types.

type roundJSON struct {
	ID                int64           `json:"id"`
	Name              string          `json:"name"`
	Symbol            string          `json:"symbol"`
	Status            string          `json:"status"`
	BudgetKopecks     int64           `json:"budget_kopecks"`
	Deadline          time.Time       `json:"deadline"`
	TreasuryAddress   string          `json:"treasury_address"`
	RoundAddress      string          `json:"round_address,omitempty"`
	TokenAddress      string          `json:"token_address,omitempty"`
	Totals            totalsJSON      `json:"totals"`
	Funded            []int           `json:"funded"`
	PendingOperations int64           `json:"pending_operations"`
	Eligibility       eligibilityJSON `json:"eligibility"`
	// ContractVersion is 2 for a BudgetRoundV2 round, 1 for a round created before; Rule and
	// ThresholdKopecks are a v2 round's funded-set rule.
	ContractVersion  int    `json:"contract_version"`
	Rule             string `json:"rule"`
	ThresholdKopecks int64  `json:"threshold_kopecks"`
}

// eligibilityJSON is who may take part in a round: the minimum person verification level and
// the territory ("" the whole city).
type eligibilityJSON struct {
	MinPersonLevel int    `json:"min_person_level"`
	Territory      string `json:"territory"`
}

// eligibilityRequest is eligibilityJSON in a request; an absent level means 1.
type eligibilityRequest struct {
	MinPersonLevel *int   `json:"min_person_level"`
	Territory      string `json:"territory"`
}

// rules are the round rules of the request; nil means level 1 in the whole city.
func (e *eligibilityRequest) rules() citizens.RoundRules {
	r := citizens.RoundRules{MinPersonLevel: 1}
	if e == nil {
		return r
	}
	if e.MinPersonLevel != nil {
		r.MinPersonLevel = *e.MinPersonLevel
	}
	r.Territory = e.Territory
	return r
}

type totalsJSON struct {
	SupplyKopecks int64 `json:"supply_kopecks"`
	// DistributedKopecks is the contract's distributed(): in a v2 round, the quotas claimed by
	// a first use; GrantedKopecks is every quota granted, claimed or not.
	DistributedKopecks int64 `json:"distributed_kopecks"`
	AllocatedKopecks   int64 `json:"allocated_kopecks"`
	GrantedKopecks     int64 `json:"granted_kopecks"`
}

type initiativeJSON struct {
	ID              int    `json:"id"`
	Title           string `json:"title"`
	CostKopecks     int64  `json:"cost_kopecks"`
	ReceivedKopecks int64  `json:"received_kopecks"`
	PiggyBank       string `json:"piggy_bank,omitempty"`
	Funded          bool   `json:"funded"`
}

type balanceJSON struct {
	Citizen          string           `json:"citizen"`
	QuotaKopecks     int64            `json:"quota_kopecks"`
	AllocatedKopecks int64            `json:"allocated_kopecks"`
	AvailableKopecks int64            `json:"available_kopecks"`
	Allocations      []allocationJSON `json:"allocations"`
}

type allocationJSON struct {
	Initiative    int   `json:"initiative"`
	AmountKopecks int64 `json:"amount_kopecks"`
}

type operationJSON struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Status      string `json:"status"`
	TxHash      string `json:"tx_hash,omitempty"`
	BlockNumber *int64 `json:"block_number,omitempty"`
	Error       string `json:"error,omitempty"`
	// Undone: a citizen's own view of a relay that left every record of theirs out.
	Undone bool `json:"undone,omitempty"`
}

type moveResponse struct {
	Operation operationJSON `json:"operation"`
	Balance   balanceJSON   `json:"balance"`
}

type distributionJSON struct {
	Citizens         int   `json:"citizens"`
	EachKopecks      int64 `json:"each_kopecks"`
	RemainderKopecks int64 `json:"remainder_kopecks"`
}

type createRoundRequest struct {
	Name          string              `json:"name"`
	BudgetKopecks int64               `json:"budget_kopecks"`
	Deadline      time.Time           `json:"deadline"`
	Initiatives   []initiativeRequest `json:"initiatives"`
	Eligibility   *eligibilityRequest `json:"eligibility"`
	// Rule is the funded-set rule ("" greedy); ThresholdKopecks goes with greedy_threshold.
	Rule             string `json:"rule"`
	ThresholdKopecks int64  `json:"threshold_kopecks"`
}

type initiativeRequest struct {
	Title       string `json:"title"`
	CostKopecks int64  `json:"cost_kopecks"`
}

type quotasRequest struct {
	Citizens []string `json:"citizens"`
}

type moveRequest struct {
	Initiative    int   `json:"initiative"`
	AmountKopecks int64 `json:"amount_kopecks"`
	// Nonce and Signature: a citizen's own wallet's signature (0x, 65 bytes) of the record
	// .../unsigned returned; custodial citizens send neither.
	Nonce     *int64 `json:"nonce"`
	Signature string `json:"signature"`
}

func roundOf(r budget.Round) roundJSON {
	out := roundJSON{
		ID: r.ID, Name: r.Name, Symbol: r.Symbol, Status: r.Status, BudgetKopecks: r.Budget,
		Deadline: r.Deadline, TreasuryAddress: r.Treasury.Hex(),
		Totals:            totalsJSON{r.Totals.Supply, r.Totals.Distributed, r.Totals.Allocated, r.Totals.Granted},
		Funded:            r.Funded,
		PendingOperations: r.PendingOps,
		Eligibility:       eligibilityJSON{r.Eligibility.MinPersonLevel, r.Eligibility.Territory},
		ContractVersion:   r.Contract,
		Rule:              budget.RuleName(r.Rule),
		ThresholdKopecks:  r.Threshold,
	}
	if r.Address != ([20]byte{}) {
		out.RoundAddress, out.TokenAddress = r.Address.Hex(), r.Token.Hex()
	}
	return out
}

func initiativeOf(in budget.Initiative) initiativeJSON {
	out := initiativeJSON{ID: in.Number, Title: in.Title, CostKopecks: in.Cost, ReceivedKopecks: in.Received, Funded: in.Funded}
	if in.PiggyBank != ([20]byte{}) {
		out.PiggyBank = in.PiggyBank.Hex()
	}
	return out
}

func balanceOf(b budget.Balance) balanceJSON {
	out := balanceJSON{Citizen: b.Citizen.Hex(), QuotaKopecks: b.Quota, AllocatedKopecks: b.Allocated,
		AvailableKopecks: b.Available, Allocations: make([]allocationJSON, len(b.Allocations))}
	for i, a := range b.Allocations {
		out.Allocations[i] = allocationJSON{a.Initiative, a.Amount}
	}
	return out
}

func operationOf(op budget.Operation) operationJSON {
	return operationJSON{ID: op.ID, Kind: op.Kind, Status: op.Status, TxHash: op.TxHash, BlockNumber: op.Block, Error: op.Error, Undone: op.Undone}
}
