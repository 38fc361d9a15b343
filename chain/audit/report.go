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

// Report is a round recomputed from the chain alone. Amounts are kopecks
// (BudgetToken has 2 decimals, R-1.1). Values named *View are what the
// contracts' views say; the others are recomputed from events.
type Report struct {
	Round     common.Address `json:"round"`
	Token     common.Address `json:"token"`
	Name      string         `json:"name"`
	Treasury  common.Address `json:"treasury"`
	Deadline  uint64         `json:"deadline"`   // unix seconds
	Block     uint64         `json:"block"`      // every value is as of this block
	FromBlock uint64         `json:"from_block"` // the round's creation block: logs are read from here
	Finalized bool           `json:"finalized"`

	Budget          *big.Int `json:"budget"`
	TotalSupply     *big.Int `json:"total_supply"`         // token totalSupply() view
	Minted          *big.Int `json:"minted"`               // Transfer events from 0x0, minus burns
	Distributed     *big.Int `json:"distributed"`          // sum of QuotaGranted events
	DistributedView *big.Int `json:"distributed_view"`     // distributed() view
	Citizens        int      `json:"citizens"`             // citizens granted a quota
	Allocated       *big.Int `json:"allocated"`            // sum of the initiatives' Received
	Undistributed   *big.Int `json:"undistributed"`        // the round's own token balance (view)
	Reclaimed       *big.Int `json:"reclaimed"`            // sum of Reclaimed events
	FundedCost      *big.Int `json:"funded_cost"`          // sum of the recomputed funded set's costs
	Returned        *big.Int `json:"returned_to_treasury"` // Finalized event's returnedToTreasury; nil before

	Initiatives []Initiative `json:"initiatives"`
	// Funded is the funded set recomputed by FundedSet from the events: the
	// projected one while the round is open, the final one after finalize.
	Funded []uint64 `json:"funded"`
	// FundedOnChain is fundedInitiatives(), empty before finalization.
	FundedOnChain []uint64 `json:"funded_on_chain"`

	// Findings lists every difference found; empty when all agrees.
	Findings []string `json:"findings"`
}

// Initiative is one initiative of the round.
type Initiative struct {
	ID           uint64         `json:"id"`
	Cost         *big.Int       `json:"cost"` // from InitiativeRegistered
	PiggyBank    common.Address `json:"piggy_bank"`
	Received     *big.Int       `json:"received"`      // Allocated − Withdrawn events
	ReceivedView *big.Int       `json:"received_view"` // initiative(id).received
	Balance      *big.Int       `json:"balance"`       // the piggy bank's token balance (view)
	Funded       bool           `json:"funded"`        // in the recomputed funded set
	FundedView   bool           `json:"funded_view"`   // initiative(id).funded
}

// OK reports whether the audit found no difference.
func (r *Report) OK() bool { return len(r.Findings) == 0 }

func (r *Report) findf(format string, args ...any) {
	r.Findings = append(r.Findings, fmt.Sprintf(format, args...))
}

// WriteText writes the report for people.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Round %s %q (token %s) at block %d\n", r.Round.Hex(), r.Name, r.Token.Hex(), r.Block)
	state := "open"
	if r.Finalized {
		state = "finalized"
	}
	fmt.Fprintf(&b, "Deadline %s, %s; treasury %s\n\n", time.Unix(int64(r.Deadline), 0).UTC().Format(time.RFC3339), state, r.Treasury.Hex())

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Amounts in kopecks\tevents\tviews\n")
	fmt.Fprintf(tw, "budget\t\t%s\n", r.Budget)
	fmt.Fprintf(tw, "supply\t%s\t%s\n", r.Minted, r.TotalSupply)
	fmt.Fprintf(tw, "distributed (%d citizens)\t%s\t%s\n", r.Citizens, r.Distributed, r.DistributedView)
	fmt.Fprintf(tw, "undistributed\t\t%s\n", r.Undistributed)
	// Rows without a view come last: no trailing cell, no trailing blanks.
	fmt.Fprintf(tw, "allocated\t%s\n", r.Allocated)
	fmt.Fprintf(tw, "reclaimed\t%s\n", r.Reclaimed)
	if err := tw.Flush(); err != nil {
		return err
	}

	if err := writeInitiatives(&b, r.Initiatives); err != nil {
		return err
	}

	if r.Finalized {
		fmt.Fprintf(&b, "\nFunded set: recomputed %v, on chain %v (cost %s, returned to treasury %s)\n", r.Funded, r.FundedOnChain, r.FundedCost, r.Returned)
	} else {
		fmt.Fprintf(&b, "\nFunded set if finalized now: %v (cost %s)\n", r.Funded, r.FundedCost)
	}
	if r.OK() {
		fmt.Fprintf(&b, "\nNo findings: events and views agree.\n")
	}
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "FINDING: %s\n", f)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// writeInitiatives writes the initiatives table of a report, headed "Initiatives:".
func writeInitiatives(w io.Writer, inis []Initiative) error {
	fmt.Fprintf(w, "\nInitiatives:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "id\tcost\treceived\tview\tpiggy bank\tfunded\t\n")
	for _, it := range inis {
		fmt.Fprintf(tw, "%d\t%v\t%v\t%v\t%v\t%s\t\n", it.ID, it.Cost, it.Received, it.ReceivedView, it.Balance, yesNo(it.Funded))
	}
	return tw.Flush()
}
