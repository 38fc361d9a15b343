package audit

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
)

var citizens = []common.Address{
	common.HexToAddress("0x00000000000000000000000000000000000000c1"),
	common.HexToAddress("0x00000000000000000000000000000000000000c2"),
	common.HexToAddress("0x00000000000000000000000000000000000000c3"),
}

// testRound is a round on a fresh dev chain: budget 1000; initiatives 1, 2,
// 3 costing 400, 300, 500; quotas 100, 200, 300; then allocations through
// the relayer role leave 250, 150 and 50 in the piggy banks.
type testRound struct {
	c     *chain.Client
	s     *chain.Sender
	round common.Address
}

func newTestRound(t *testing.T, deadline uint64) *testRound {
	t.Helper()
	n := devchaintest.Start(t)
	tr := &testRound{}
	tr.c, tr.s = devchaintest.Connect(t, n)
	tr.round = devchaintest.DeployRound(t, tr.s, "Park 2026", big.NewInt(1000), deadline)
	for _, cost := range []int64{400, 300, 500} {
		tr.send(t, roundABI.PackRegisterInitiative(big.NewInt(cost)))
	}
	tr.send(t, roundABI.PackGrantQuotas(citizens, []*big.Int{big.NewInt(100), big.NewInt(200), big.NewInt(300)}))
	for _, a := range []struct {
		citizen  int
		id, amt  int64
		withdraw bool
	}{{0, 1, 100, false}, {1, 2, 150, false}, {2, 1, 200, false}, {2, 3, 50, false}, {2, 1, 50, true}} {
		if a.withdraw {
			tr.send(t, roundABI.PackWithdrawFor(citizens[a.citizen], big.NewInt(a.id), big.NewInt(a.amt)))
		} else {
			tr.send(t, roundABI.PackAllocateFor(citizens[a.citizen], big.NewInt(a.id), big.NewInt(a.amt)))
		}
	}
	return tr
}

func (tr *testRound) send(t *testing.T, data []byte) *types.Receipt {
	t.Helper()
	r, err := tr.s.Send(t.Context(), &tr.round, data)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	return r
}

// passDeadline mines filler blocks until the latest block's time reaches
// deadline; each block is at least a second after its parent, so this takes
// a few transactions, not a wall-clock wait.
func (tr *testRound) passDeadline(t *testing.T, deadline uint64) {
	t.Helper()
	for {
		head, err := tr.c.HeaderByNumber(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if head.Time >= deadline {
			return
		}
		if _, err := tr.s.Send(t.Context(), &common.Address{0xf1}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func bigs(xs ...int64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, " ")
}

func received(r *Report) string {
	var s []string
	for _, it := range r.Initiatives {
		s = append(s, fmt.Sprintf("%d:%s/%s/%s/%s", it.ID, it.Cost, it.Received, it.ReceivedView, it.Balance))
	}
	return strings.Join(s, " ")
}

// TestRecomputeOpenRound: an open round recomputed from events and views
// agrees with itself; the funded set is the projection.
func TestRecomputeOpenRound(t *testing.T) {
	t.Parallel()
	tr := newTestRound(t, uint64(time.Now().Unix())+3600)
	r, err := Recompute(t.Context(), tr.c, tr.round)
	if err != nil {
		t.Fatalf("Recompute: %v", err)
	}
	if !r.OK() {
		t.Fatalf("findings on a sound round: %q", r.Findings)
	}
	totals := bigs(r.Budget.Int64(), r.TotalSupply.Int64(), r.Minted.Int64(), r.Distributed.Int64(), r.DistributedView.Int64(),
		r.Allocated.Int64(), r.Undistributed.Int64(), r.Reclaimed.Int64(), r.FundedCost.Int64())
	if want := bigs(1000, 1000, 1000, 600, 600, 450, 400, 0, 700); totals != want {
		t.Errorf("budget supply minted distributed view allocated undistributed reclaimed fundedCost = %s, want %s", totals, want)
	}
	if got, want := received(r), "1:400/250/250/250 2:300/150/150/150 3:500/50/50/50"; got != want {
		t.Errorf("initiatives id:cost/received/view/balance = %s, want %s", got, want)
	}
	if r.Citizens != 3 || r.Finalized || r.Returned != nil || r.Name != "Park 2026" {
		t.Errorf("citizens %d finalized %t returned %v name %q", r.Citizens, r.Finalized, r.Returned, r.Name)
	}
	if !slices.Equal(r.Funded, []uint64{1, 2}) || len(r.FundedOnChain) != 0 {
		t.Errorf("funded = %v (projected), on chain %v; want [1 2], []", r.Funded, r.FundedOnChain)
	}
	if r.FromBlock == 0 || r.FromBlock > r.Block {
		t.Errorf("from block %d, block %d", r.FromBlock, r.Block)
	}

	var text strings.Builder
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Park 2026", "Funded set if finalized now: [1 2]", "No findings"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("WriteText lacks %q:\n%s", want, text.String())
		}
	}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m["findings"], m["funded"], m["funded_on_chain"], m["budget"]) != "[] [1 2] [] 1000" {
		t.Errorf("JSON findings, funded, funded_on_chain, budget = %v %v %v %v", m["findings"], m["funded"], m["funded_on_chain"], m["budget"])
	}
}

// TestRecomputeFinalizedRound: after the deadline and finalize (and a
// reclaim), the recomputed funded set is the one the contract chose.
func TestRecomputeFinalizedRound(t *testing.T) {
	t.Parallel()
	deadline := uint64(time.Now().Unix()) + 20
	tr := newTestRound(t, deadline)
	tr.passDeadline(t, deadline)
	tr.send(t, roundABI.PackFinalize())
	tr.send(t, roundABI.PackReclaim(citizens))

	r, err := Recompute(t.Context(), tr.c, tr.round)
	if err != nil {
		t.Fatalf("Recompute: %v", err)
	}
	if !r.OK() {
		t.Fatalf("findings on a sound round: %q", r.Findings)
	}
	out, err := tr.c.Call(t.Context(), tr.round, roundABI.PackFundedInitiatives(), nil)
	if err != nil {
		t.Fatal(err)
	}
	onChain, err := roundABI.UnpackFundedInitiatives(out)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Finalized || !slices.Equal(r.Funded, uint64s(onChain)) || !slices.Equal(r.FundedOnChain, []uint64{1, 2}) {
		t.Fatalf("finalized %t, funded recomputed %v, report's on-chain %v, fundedInitiatives() %v; want [1 2] everywhere",
			r.Finalized, r.Funded, r.FundedOnChain, onChain)
	}
	// Unfunded 3 returns its 50, with the 400 never distributed.
	if r.Returned.Int64() != 450 || r.Undistributed.Sign() != 0 || r.Reclaimed.Int64() != 150 {
		t.Errorf("returned %s undistributed %s reclaimed %s, want 450 0 150", r.Returned, r.Undistributed, r.Reclaimed)
	}
	if got, want := received(r), "1:400/250/250/250 2:300/150/150/150 3:500/50/50/0"; got != want {
		t.Errorf("initiatives id:cost/received/view/balance = %s, want %s", got, want)
	}
	for _, it := range r.Initiatives {
		if it.FundedView != (it.ID != 3) {
			t.Errorf("initiative %d funded view %t", it.ID, it.FundedView)
		}
	}
}

// TestFindings: the audit notices when events and views disagree. The state
// is read from a real round, then altered the way a faulty contract or node
// would.
func TestFindings(t *testing.T) {
	t.Parallel()
	tr := newTestRound(t, uint64(time.Now().Unix())+3600)
	base, err := read(t.Context(), tr.c, tr.round)
	if err != nil {
		t.Fatal(err)
	}
	without := func(event string, nth int) func(*state) {
		return func(st *state) {
			seen := 0
			st.logs = slices.DeleteFunc(st.logs, func(l types.Log) bool {
				if l.Topics[0] == roundEvent(event) {
					seen++
					return seen == nth
				}
				return false
			})
		}
	}
	tests := []struct {
		name  string
		alter func(*state)
		want  string
	}{
		{"received view differs from events", func(st *state) { st.initiatives[0].received = big.NewInt(251) },
			"initiative 1: Allocated − Withdrawn events give 250, initiative() says 251"},
		{"a Withdrawn event is missing", without("Withdrawn", 1),
			"initiative 1: Allocated − Withdrawn events give 300, initiative() says 250"},
		{"distributed view differs", func(st *state) { st.distributed = big.NewInt(601) },
			"QuotaGranted events sum to 600, distributed() is 601"},
		{"supply is not the budget (R-1.1)", func(st *state) { st.totalSupply = big.NewInt(1001) },
			"totalSupply() 1001 differs from budget() 1000 (R-1.1)"},
		{"piggy bank balance differs", func(st *state) { st.initiatives[1].balance = big.NewInt(149) },
			"initiative 2: piggy bank holds 149, want 150"},
		{"a quota granted twice", func(st *state) {
			for _, l := range st.logs {
				if l.Topics[0] == roundEvent("QuotaGranted") {
					st.logs = append(st.logs, l)
					return
				}
			}
		}, "granted a quota twice"},
		{"a funded set before finalization", func(st *state) { st.fundedOnChain = []uint64{1} },
			"round not finalized but the chain shows a funded set [1]"},
		{"finalized without events", func(st *state) { st.finalized = true },
			"finalized() is true but there is no Finalized event"},
		{"an initiative registered without event", without("InitiativeRegistered", 3),
			"initiative 3: no InitiativeRegistered event"},
		{"token of another round", func(st *state) { st.tokenRound = common.Address{1} },
			"belongs to round"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := *base
			st.initiatives = slices.Clone(base.initiatives)
			st.logs = slices.Clone(base.logs)
			tt.alter(&st)
			r := st.report()
			if r.OK() || !slices.ContainsFunc(r.Findings, func(f string) bool { return strings.Contains(f, tt.want) }) {
				t.Fatalf("findings %q, want one containing %q", r.Findings, tt.want)
			}
		})
	}
	if r := base.report(); !r.OK() {
		t.Fatalf("the unaltered state has findings: %q", r.Findings)
	}
}
