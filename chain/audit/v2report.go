package audit

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// The checks of a BudgetRoundV2 audit, in report order: each is one named
// line of ReportV2 with its findings (R-1.5).
const (
	CheckDecode      = "logs decode"       // every log of the round and token, every relay calldata decodes
	CheckCreated     = "round created"     // RoundCreated event = views; token belongs to the round
	CheckSupply      = "supply"            // totalSupply = budget = minted by Transfer events
	CheckDistributed = "distributed"       // Σ Claimed.quota = distributed() ≤ budget
	CheckClaims      = "claims unique"     // each eligibility index and each address claims once
	CheckEligibility = "eligibility roots" // versions 1, 2, …; leaf counts append-only; claims within them
	CheckInitiatives = "initiatives"       // InitiativeRegistered = initiativeCount, costs, piggy banks
	CheckReceived    = "received"          // Σ Allocated − Σ Withdrawn = initiative().received = piggy bank balance
	CheckPositions   = "positions"         // no citizen ever below zero, in event order
	CheckClaimsRoots = "claims roots"      // each ClaimsCommitted root = root of the batch's applied leaves
	CheckMaterialize = "materialized"      // each Materialized matches an applied record, once
	CheckSignatures  = "signatures"        // relayed records: signer, initiative, amount, nonces = events
	CheckFunded      = "funded set"        // the round's rule over the events = Finalized = fundedInitiatives()
	CheckTreasury    = "treasury"          // returned + Σ received of funded = budget; token balances
)

// checkOrder is every check, in report order.
var checkOrder = []string{
	CheckDecode, CheckCreated, CheckSupply, CheckDistributed, CheckClaims, CheckEligibility, CheckInitiatives, CheckReceived,
	CheckPositions, CheckClaimsRoots, CheckMaterialize, CheckSignatures, CheckFunded, CheckTreasury,
}

// Check is one named check of a ReportV2: OK when it has no findings.
type Check struct {
	Name     string   `json:"name"`
	Findings []string `json:"findings"`
}

// OK reports whether the check found no difference.
func (c Check) OK() bool { return len(c.Findings) == 0 }

// ReportV2 is a BudgetRoundV2 round recounted from the chain alone.
// Amounts are kopecks. Values named *View are what the contracts'
// views say; the others are recomputed from events and calldata.
type ReportV2 struct {
	Round     common.Address `json:"round"`
	Token     common.Address `json:"token"`
	Name      string         `json:"name"`
	Treasury  common.Address `json:"treasury"`
	Deadline  uint64         `json:"deadline"` // unix seconds
	Rule      Rule           `json:"rule"`
	Threshold *big.Int       `json:"threshold"`
	ChainID   *big.Int       `json:"chain_id"`
	Block     uint64         `json:"block"`      // every value is as of this block
	FromBlock uint64         `json:"from_block"` // the round's creation block
	Finalized bool           `json:"finalized"`

	Budget          *big.Int `json:"budget"`
	TotalSupply     *big.Int `json:"total_supply"`     // token totalSupply() view
	Minted          *big.Int `json:"minted"`           // Transfer events from 0x0, minus burns
	Distributed     *big.Int `json:"distributed"`      // Σ Claimed.quota
	DistributedView *big.Int `json:"distributed_view"` // distributed() view
	Allocated       *big.Int `json:"allocated"`        // Σ of the initiatives' Received
	RoundBalance    *big.Int `json:"round_balance"`    // the round's token balance (view)
	TreasuryBalance *big.Int `json:"treasury_balance"` // the treasury's token balance (view)
	FundedCost      *big.Int `json:"funded_cost"`      // Σ cost of the recomputed funded set
	Returned        *big.Int `json:"returned_to_treasury"`

	Claims         int    `json:"claims"`          // Claimed events (= citizens who claimed)
	Allocations    int    `json:"allocations"`     // Allocated events
	Withdrawals    int    `json:"withdrawals"`     // Withdrawn events
	Materialized   int    `json:"materialized"`    // Materialized events
	Batches        int    `json:"batches"`         // ClaimsCommitted events
	RelayTxs       int    `json:"relay_txs"`       // relay transactions read
	RelayedRecords int    `json:"relayed_records"` // records in them, each signature recovered
	ProofsVerified int    `json:"proofs_verified"` // claims proven against the eligibility root in force
	DirectTxs      int    `json:"direct_txs"`      // citizens' own calls on the round
	UnverifiedTxs  int    `json:"unverified_txs"`  // reached the round through another contract
	RelayedByKind  [3]int `json:"relayed_by_kind"` // claim+allocate, allocate, withdraw

	Initiatives []Initiative `json:"initiatives"`
	// Funded is the funded set recomputed by FundedSetV2 from the events:
	// the projection while the round is open, the final one after finalize.
	Funded        []uint64 `json:"funded"`
	FundedOnChain []uint64 `json:"funded_on_chain"` // fundedInitiatives()

	Checks []Check `json:"checks"`
}

func newReportV2() *ReportV2 {
	r := &ReportV2{}
	for _, name := range checkOrder {
		r.Checks = append(r.Checks, Check{Name: name, Findings: []string{}})
	}
	return r
}

// OK reports whether every check passed.
func (r *ReportV2) OK() bool { return len(r.Failed()) == 0 }

// Failed returns the names of the checks that found a difference.
func (r *ReportV2) Failed() []string {
	var names []string
	for _, c := range r.Checks {
		if !c.OK() {
			names = append(names, c.Name)
		}
	}
	return names
}

// Findings returns every finding, prefixed with its check's name.
func (r *ReportV2) Findings() []string {
	var all []string
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			all = append(all, c.Name+": "+f)
		}
	}
	return all
}

// findf adds a finding to the named check.
func (r *ReportV2) findf(check, format string, args ...any) {
	for i := range r.Checks {
		if r.Checks[i].Name == check {
			r.Checks[i].Findings = append(r.Checks[i].Findings, fmt.Sprintf(format, args...))
			return
		}
	}
	panic("audit: unknown check " + check)
}

// maxShown bounds the findings printed per check; the JSON has them all.
const maxShown = 20

// WriteText writes the report for people, like Report.WriteText, ending in
// a RESULT line.
func (r *ReportV2) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Round %s %q (token %s, chain %v) at block %d\n", r.Round.Hex(), r.Name, r.Token.Hex(), r.ChainID, r.Block)
	state := "open"
	if r.Finalized {
		state = "finalized"
	}
	fmt.Fprintf(&b, "Deadline %s, %s; rule %s", time.Unix(int64(r.Deadline), 0).UTC().Format(time.RFC3339), state, r.Rule)
	if r.Rule == RuleGreedyThreshold {
		fmt.Fprintf(&b, " (threshold %v)", r.Threshold)
	}
	fmt.Fprintf(&b, "; treasury %s\n\n", r.Treasury.Hex())

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Amounts in kopecks\tevents\tviews\n")
	fmt.Fprintf(tw, "budget\t\t%v\n", r.Budget)
	fmt.Fprintf(tw, "supply\t%v\t%v\n", r.Minted, r.TotalSupply)
	fmt.Fprintf(tw, "distributed (%d claims)\t%v\t%v\n", r.Claims, r.Distributed, r.DistributedView)
	fmt.Fprintf(tw, "round balance\t\t%v\n", r.RoundBalance)
	fmt.Fprintf(tw, "treasury balance\t\t%v\n", r.TreasuryBalance)
	fmt.Fprintf(tw, "allocated\t%v\n", r.Allocated)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nEvents: %d claims, %d allocations, %d withdrawals, %d materialized, %d claims batches\n",
		r.Claims, r.Allocations, r.Withdrawals, r.Materialized, r.Batches)
	fmt.Fprintf(&b, "Signatures: %d relayed records in %d relay transactions (%d claim+allocate, %d allocate, %d withdraw); %d direct transactions",
		r.RelayedRecords, r.RelayTxs, r.RelayedByKind[0], r.RelayedByKind[1], r.RelayedByKind[2], r.DirectTxs)
	if r.UnverifiedTxs > 0 {
		fmt.Fprintf(&b, "; %d through other contracts (records not read)", r.UnverifiedTxs)
	}
	fmt.Fprintf(&b, "\nEligibility: %d of %d claims proven against the eligibility root in force", r.ProofsVerified, r.Claims)
	fmt.Fprintf(&b, "\n")
	if err := writeInitiatives(&b, r.Initiatives); err != nil {
		return err
	}
	if r.Finalized {
		fmt.Fprintf(&b, "\nFunded set: recomputed %v, on chain %v (cost %v, returned to treasury %v)\n", r.Funded, r.FundedOnChain, r.FundedCost, r.Returned)
	} else {
		fmt.Fprintf(&b, "\nFunded set if finalized now: %v (cost %v)\n", r.Funded, r.FundedCost)
	}
	fmt.Fprintf(&b, "\nChecks:\n")
	for _, c := range r.Checks {
		status := "OK  "
		if !c.OK() {
			status = "FAIL"
		}
		fmt.Fprintf(&b, "  %s  %s\n", status, c.Name)
		for i, f := range c.Findings {
			if i == maxShown {
				fmt.Fprintf(&b, "        … and %d more\n", len(c.Findings)-maxShown)
				break
			}
			fmt.Fprintf(&b, "        - %s\n", f)
		}
	}
	if failed := r.Failed(); len(failed) > 0 {
		fmt.Fprintf(&b, "\nRESULT: FAILED, %d of %d checks disagree: %s\n", len(failed), len(r.Checks), strings.Join(failed, ", "))
	} else {
		fmt.Fprintf(&b, "\nRESULT: OK, everything agrees\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String is the text of WriteText.
func (r *ReportV2) String() string {
	var b strings.Builder
	_ = r.WriteText(&b) // a strings.Builder does not fail
	return b.String()
}
