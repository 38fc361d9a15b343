package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net/http"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

// auditOptions are the flags of `pbnode audit`.
type auditOptions struct {
	rpc      string
	round    string
	registry string // with --api: audit the tally anchors instead of a round
	api      string
	json     bool
	wait     time.Duration // how long the API may take to reach no pending operations
	poll     time.Duration // interval between polls of the API (not a flag; tests shorten it)
}

func newAuditCmd(opts *rootOptions) *cobra.Command {
	o := auditOptions{poll: time.Second}
	cmd := &cobra.Command{
		Use:   "audit --rpc URL (--round ADDRESS [--api URL] | --registry ADDRESS --api URL) [--json] [--wait 60s]",
		Short: "Recompute a round from the chain alone and compare it with a node's API",
		Long: "audit reads only the chain (events and views) to recompute the round's supply, distribution,\n" +
			"piggy-bank totals and funded set. With --api it compares them with what that node reports.\n" +
			"A BudgetRoundV2 round (told by its eligibilityVersion() view) is recounted with its claims,\n" +
			"claims roots, relayed signatures and rule, and --api compares it the same way and checks the\n" +
			"node's eligibility list (GET /api/v1/rounds/{id}/eligibility) against every published root and claim.\n" +
			"With --registry instead of --round it recounts every tally the API publishes (GET /api/v1/tallies)\n" +
			"from its file and matches each with its anchor in the AnchorRegistry, and every anchor with a tally.\n" +
			"It exits 1 on any finding or error, 0 when everything agrees.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runAudit(cmd.Context(), o, opts.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rpc, "rpc", "", "JSON-RPC URL of a chain node (required)")
	f.StringVar(&o.round, "round", "", "address of the BudgetRound contract (required)")
	f.StringVar(&o.api, "api", "", "base URL of a pbnode API to compare with, e.g. http://127.0.0.1:8080")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	f.DurationVar(&o.wait, "wait", time.Minute, "with --api: how long to wait for the node's pending operations")
	f.StringVar(&o.registry, "registry", "", "address of the AnchorRegistry: recount the tallies --api publishes and match their anchors (instead of --round)")
	cobra.CheckErr(cmd.MarkFlagRequired("rpc"))
	return cmd
}

// auditResult is what `pbnode audit` prints (as JSON with --json).
type auditResult struct {
	Chain *audit.Report  `json:"chain"`
	API   *apiComparison `json:"api,omitempty"`
	OK    bool           `json:"ok"`
}

// apiComparison is the comparison of the chain with one node's API.
type apiComparison struct {
	URL      string   `json:"url"`
	RoundID  int64    `json:"round_id"`
	Findings []string `json:"findings"`
	// Eligibility is what the node's eligibility list covered (v2 rounds); its findings are the
	// chain report's check audit.CheckEligibilityList.
	Eligibility *eligibilityCoverage `json:"eligibility,omitempty"`
}

// eligibilityCoverage counts what the eligibility list was checked against.
type eligibilityCoverage struct {
	Leaves int `json:"leaves"` // in the node's list
	Roots  int `json:"roots"`  // EligibilityRootSet events, each rebuilt from the list's first leaves
	Claims int `json:"claims"` // Claimed events matched with their leaves
}

// findings counts the differences of the chain with itself and with the API.
func (r auditResult) findings() int {
	n := len(r.Chain.Findings)
	if r.API != nil {
		n += len(r.API.Findings)
	}
	return n
}

// runAudit settles the API view first (so that the chain holds what the node has sent), then
// recomputes the round from the chain, compares, prints, and fails on any finding.
func runAudit(ctx context.Context, o auditOptions, out io.Writer) error {
	if o.registry != "" {
		return runAuditAnchors(ctx, o, out)
	}
	if o.round == "" {
		return &exitError{code: exitBadInput, err: errors.New(`audit: --round ADDRESS (or --registry ADDRESS with --api) is required`)}
	}
	if !common.IsHexAddress(o.round) {
		return fmt.Errorf("--round %q is not a 0x address", o.round)
	}
	round := common.HexToAddress(o.round)
	if o.api != "" {
		if _, err := newAPIClient(o.api, http.DefaultClient); err != nil { // a bad URL before any dial
			return err
		}
	}
	c, err := chain.Dial(ctx, o.rpc)
	if err != nil {
		return err
	}
	defer c.Close()
	if isRoundV2(ctx, c, round) {
		return runAuditV2(ctx, o, c, round, out)
	}
	var view *apiView
	var res auditResult
	if o.api != "" {
		v, cmp, err := fetchAPI(ctx, o)
		if err != nil {
			return err
		}
		view, res.API = &v, cmp
	}
	report, err := audit.Recompute(ctx, c, round)
	if err != nil {
		return err
	}
	res.Chain = report
	if view != nil {
		if err := compareWithAPI(res.API, report, *view); err != nil {
			return err
		}
	}
	res.OK = res.findings() == 0
	if err := writeAudit(out, res, o.json); err != nil {
		return err
	}
	if !res.OK {
		return &exitError{code: 1, err: fmt.Errorf("audit of round %s: %d findings", round.Hex(), res.findings())}
	}
	return nil
}

// fetchAPI reads the round's settled view from the API at o.api.
func fetchAPI(ctx context.Context, o auditOptions) (apiView, *apiComparison, error) {
	c, err := newAPIClient(o.api, &http.Client{Timeout: 30 * time.Second})
	if err != nil {
		return apiView{}, nil, err
	}
	v, findings, err := c.view(ctx, common.HexToAddress(o.round), o.wait, o.poll)
	if err != nil {
		return apiView{}, nil, fmt.Errorf("read the API: %w", err)
	}
	return v, &apiComparison{URL: o.api, RoundID: v.Round.ID, Findings: findings}, nil
}

// compareWithAPI appends to cmp every difference between the report and the API's view.
func compareWithAPI(cmp *apiComparison, r *audit.Report, v apiView) error {
	api, err := v.ledger()
	if err != nil {
		return err
	}
	cmp.Findings = append(cmp.Findings, compareLedgers(chainLedger(r), api)...)
	return nil
}

func writeAudit(w io.Writer, res auditResult, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if err := res.Chain.WriteText(w); err != nil {
		return err
	}
	if res.API != nil {
		writeComparison(w, res.API)
	}
	if res.OK {
		_, err := fmt.Fprintln(w, "\nRESULT: OK, everything agrees")
		return err
	}
	_, err := fmt.Fprintf(w, "\nRESULT: %d findings\n", res.findings())
	return err
}

func writeComparison(w io.Writer, c *apiComparison) {
	fmt.Fprintf(w, "\nAPI %s, round %d:\n", c.URL, c.RoundID)
	if len(c.Findings) == 0 {
		fmt.Fprintln(w, "  agrees with the chain")
	}
	for _, f := range c.Findings {
		fmt.Fprintf(w, "  FINDING: %s\n", f)
	}
	if e := c.Eligibility; e != nil {
		fmt.Fprintf(w, "  eligibility list: %d leaves; %d published roots rebuilt from them, %d claims matched (check %q)\n",
			e.Leaves, e.Roots, e.Claims, audit.CheckEligibilityList)
	}
}

// ledger is what one side (the chain or the API) says about a round, in the terms the
// audit compares. Amounts are kopecks; a nil amount is one the side did not report.
type ledger struct {
	Budget      *big.Int
	Supply      *big.Int
	Distributed *big.Int // quotas granted
	Allocated   *big.Int // sum of what the initiatives received
	Token       common.Address
	Initiatives map[uint64]initiativeTotals // by on-chain initiative id
	Funded      []uint64                    // the funded set (projected before finalization)
	Finalized   bool                        // chain side: initiatives' funded flags are final
}

type initiativeTotals struct {
	Cost     *big.Int
	Received *big.Int
	Funded   bool
}

// compareLedgers lists every difference between the chain's ledger and the API's: supply,
// budget, distributed and allocated totals, the token, each initiative (presence, cost,
// received, and its funded flag once finalized) and the funded set. None means they agree.
func compareLedgers(onChain, api ledger) []string {
	var f []string
	f = appendAmount(f, "budget", onChain.Budget, api.Budget)
	f = appendAmount(f, "supply", onChain.Supply, api.Supply)
	f = appendAmount(f, "distributed", onChain.Distributed, api.Distributed)
	f = appendAmount(f, "allocated", onChain.Allocated, api.Allocated)
	if onChain.Token != api.Token {
		f = append(f, fmt.Sprintf("token address: chain %s, API %s", onChain.Token.Hex(), api.Token.Hex()))
	}
	f = append(f, compareInitiatives(onChain, api)...)
	if a, b := sortedIDs(onChain.Funded), sortedIDs(api.Funded); !slices.Equal(a, b) {
		f = append(f, fmt.Sprintf("funded set: chain %v, API %v", a, b))
	}
	return f
}

func compareInitiatives(onChain, api ledger) []string {
	var f []string
	ids := slices.Sorted(maps.Keys(onChain.Initiatives))
	for id := range api.Initiatives {
		if _, ok := onChain.Initiatives[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		c, onC := onChain.Initiatives[id]
		a, onA := api.Initiatives[id]
		switch {
		case !onA:
			f = append(f, fmt.Sprintf("initiative %d: on chain, missing from the API", id))
		case !onC:
			f = append(f, fmt.Sprintf("initiative %d: in the API, not on chain", id))
		default:
			name := fmt.Sprintf("initiative %d ", id)
			f = appendAmount(f, name+"cost", c.Cost, a.Cost)
			f = appendAmount(f, name+"received", c.Received, a.Received)
			if onChain.Finalized && c.Funded != a.Funded {
				f = append(f, fmt.Sprintf("%sfunded: chain %t, API %t", name, c.Funded, a.Funded))
			}
		}
	}
	return f
}

// appendAmount appends a finding when two amounts differ (a missing one differs from any).
func appendAmount(f []string, what string, onChain, api *big.Int) []string {
	if onChain == nil && api == nil || onChain != nil && api != nil && onChain.Cmp(api) == 0 {
		return f
	}
	return append(f, fmt.Sprintf("%s: chain %s, API %s kopecks", what, amountText(onChain), amountText(api)))
}

func amountText(x *big.Int) string {
	if x == nil {
		return "(none)"
	}
	return x.String()
}

func sortedIDs(ids []uint64) []uint64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []uint64{}
	}
	return out
}

// chainLedger takes the chain's side of the comparison from the report: amounts recomputed
// from events where the report has them, and the on-chain funded set and flags once the
// round is finalized (the projected set before). Differences between events and views are
// the report's own findings.
func chainLedger(r *audit.Report) ledger {
	return ledgerOf(r.Budget, r.TotalSupply, r.Distributed, r.Allocated, r.Token, r.Funded, r.FundedOnChain, r.Finalized, r.Initiatives)
}

// ledgerOf is the chain's ledger from a report's figures (v1 and v2 reports share them).
func ledgerOf(budget, supply, distributed, allocated *big.Int, token common.Address, funded, fundedOnChain []uint64,
	finalized bool, inis []audit.Initiative) ledger {
	l := ledger{
		Budget: budget, Supply: supply, Distributed: distributed, Allocated: allocated,
		Token: token, Funded: funded, Finalized: finalized,
		Initiatives: make(map[uint64]initiativeTotals, len(inis)),
	}
	if finalized {
		l.Funded = fundedOnChain
	}
	for _, in := range inis {
		l.Initiatives[in.ID] = initiativeTotals{Cost: in.Cost, Received: in.Received, Funded: in.FundedView}
	}
	return l
}

// isRoundV2 tells a BudgetRoundV2 from a v1 round: only v2 answers eligibilityVersion().
func isRoundV2(ctx context.Context, c *chain.Client, round common.Address) bool {
	out, err := c.Call(ctx, round, budgetroundv2.NewBudgetRoundV2().PackEligibilityVersion(), nil)
	return err == nil && len(out) == 32
}

// auditV2Result is what `pbnode audit --json` prints for a BudgetRoundV2 round.
type auditV2Result struct {
	Chain *audit.ReportV2 `json:"chain_v2"`
	API   *apiComparison  `json:"api,omitempty"`
	OK    bool            `json:"ok"`
}

// runAuditV2 recounts a BudgetRoundV2 round from the chain alone: claims, relayed signatures,
// the rule's funded set and the token totals; with --api it compares them with what
// the node reports, as for v1 (distributed is the quotas claimed, as the contract counts).
func runAuditV2(ctx context.Context, o auditOptions, c *chain.Client, round common.Address, out io.Writer) error {
	var res auditV2Result
	var view *apiView
	if o.api != "" {
		v, cmp, err := fetchAPI(ctx, o)
		if err != nil {
			return err
		}
		view, res.API = &v, cmp
	}
	report, err := audit.RecomputeV2(ctx, c, round)
	if err != nil {
		return err
	}
	res.Chain = report
	if view != nil {
		api, err := view.ledger()
		if err != nil {
			return err
		}
		res.API.Findings = append(res.API.Findings, compareLedgers(chainLedgerV2(report), api)...)
		if res.API.Eligibility, err = checkEligibility(ctx, o, c, res.API.RoundID, report); err != nil {
			return err
		}
	}
	res.OK = report.OK() && (res.API == nil || len(res.API.Findings) == 0)
	if err := writeAuditV2(out, res, o.json); err != nil {
		return err
	}
	if !res.OK {
		return &exitError{code: 1, err: fmt.Errorf("audit of round %s: checks disagree: %v", round.Hex(), append(report.Failed(), apiFailed(res.API)...))}
	}
	return nil
}

func apiFailed(c *apiComparison) []string {
	if c == nil || len(c.Findings) == 0 {
		return nil
	}
	return []string{"api"}
}

func writeAuditV2(w io.Writer, res auditV2Result, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if err := res.Chain.WriteText(w); err != nil {
		return err
	}
	if res.API != nil {
		writeComparison(w, res.API)
		if n := len(res.API.Findings); n > 0 {
			fmt.Fprintf(w, "\nRESULT: FAILED, the API disagrees with the chain: %d findings\n", n)
		}
	}
	return nil
}

// chainLedgerV2 is chainLedger for a BudgetRoundV2 report.
func chainLedgerV2(r *audit.ReportV2) ledger {
	return ledgerOf(r.Budget, r.TotalSupply, r.Distributed, r.Allocated, r.Token, r.Funded, r.FundedOnChain, r.Finalized, r.Initiatives)
}

// maxEligibilityBody bounds the eligibility list read from the API: a city round of two
// million leaves is about 190 MB of JSON.
const maxEligibilityBody = 1 << 30

// checkEligibility reads round id's eligibility list from the API at o.api and checks it
// against the round's EligibilityRootSet and Claimed events in the blocks the report read
// (audit.CheckEligibilityV2); the findings become the report's check audit.CheckEligibilityList.
func checkEligibility(ctx context.Context, o auditOptions, c *chain.Client, id int64, report *audit.ReportV2) (*eligibilityCoverage, error) {
	api, err := newAPIClient(o.api, &http.Client{Timeout: 10 * time.Minute})
	if err != nil {
		return nil, err
	}
	list, err := api.eligibility(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read the API: %w", err)
	}
	ev, err := audit.ReadEligibilityEventsV2(ctx, c, report)
	if err != nil {
		return nil, err
	}
	report.AddEligibilityCheck(audit.CheckEligibilityV2(list, ev))
	return &eligibilityCoverage{Leaves: len(list.Leaves), Roots: len(ev.Roots), Claims: len(ev.Claims)}, nil
}

// eligibility reads round id's eligibility list from the API into its compact form.
func (c *apiClient) eligibility(ctx context.Context, id int64) (*audit.EligibilityList, error) {
	path := fmt.Sprintf("/api/v1/rounds/%d/eligibility", id)
	body, err := c.raw(ctx, path, maxEligibilityBody)
	if err != nil {
		return nil, err
	}
	list, err := audit.ReadEligibilityList(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	return list, nil
}
