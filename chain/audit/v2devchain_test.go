package audit

import (
	"crypto/ecdsa"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// v2Round is a BudgetRoundV2 on a dev chain, played through the roundv2
// client: budget 1000; initiatives 1..4 costing 600, 500, 300, 100;
// citizens 0..3 with quota 200 at indices 0..3. Citizens 0–2 claim in one
// relayed batch and are materialized; a second batch allocates, withdraws
// and moves by signature; citizen 3 claims directly (claimAndAllocate)
// and then signs with nonce 0. Received: 240, 160, 120, 100.
type v2Round struct {
	c        *chain.Client
	s        *chain.Sender
	round    *roundv2.Round
	dom      roundv2.Domain
	deadline uint64
	keys     []*ecdsa.PrivateKey
	tree     *merkle.Tree
}

const v2Quota = 200

func newV2Round(t *testing.T, c *chain.Client, s *chain.Sender, rule roundv2.Rule, threshold uint64, open time.Duration) *v2Round {
	t.Helper()
	ctx := t.Context()
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := &v2Round{c: c, s: s, deadline: max(uint64(time.Now().Unix()), head.Time) + uint64(open.Seconds())}
	e.round, err = roundv2.Deploy(ctx, c, s, roundv2.DeployParams{
		Name: "Park 2027 " + Rule(rule).String(), Symbol: "PB", Budget: 1000, Deadline: e.deadline,
		Treasury: common.Address{0x7e}, Rule: rule, Threshold: threshold,
	})
	if err != nil {
		t.Fatal(err)
	}
	if e.dom, err = e.round.Domain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, cost := range []uint64{600, 500, 300, 100} {
		if _, err := e.round.RegisterInitiative(ctx, cost); err != nil {
			t.Fatal(err)
		}
	}
	var leaves []common.Hash
	for i := range 4 {
		key, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		e.keys = append(e.keys, key)
		leaves = append(leaves, merkle.EligibilityLeaf(uint64(i), e.addr(i), v2Quota))
	}
	if e.tree, err = merkle.New(leaves); err != nil {
		t.Fatal(err)
	}
	if _, err := e.round.SetEligibilityRoot(ctx, e.tree.Root(), 4); err != nil {
		t.Fatal(err)
	}
	e.play(t)
	return e
}

func (e *v2Round) addr(i int) common.Address { return crypto.PubkeyToAddress(e.keys[i].PublicKey) }

func (e *v2Round) sign(t *testing.T, i int, r roundv2.Record) roundv2.Signed {
	t.Helper()
	r.Deadline = e.deadline
	s, err := roundv2.Sign(t.Context(), e.dom, r, roundv2.KeySigner(e.keys[i]))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func claimRec(i int, id uint16, amount uint64) roundv2.Record {
	return roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: amount, Quota: v2Quota, Initiative: id, Index: uint32(i)}
}

func opRec(kind roundv2.Kind, id uint16, amount, nonce uint64) roundv2.Record {
	return roundv2.Record{Kind: kind, Amount: amount, Nonce: nonce, Initiative: id}
}

func (e *v2Round) relay(t *testing.T, batch ...roundv2.Signed) roundv2.RelayResult {
	t.Helper()
	res, err := e.round.Relay(t.Context(), batch, e.tree)
	if err != nil {
		t.Fatalf("relay: %v", err)
	}
	return res
}

func (e *v2Round) play(t *testing.T) {
	t.Helper()
	ctx := t.Context()
	// Citizen 3 will send a transaction directly: fund them first, so that
	// the node's transaction pool has seen the balance by then.
	devchaintest.Fund(t, e.c, e.s, e.addr(3))
	claims := []roundv2.Signed{
		e.sign(t, 0, claimRec(0, 1, 150)), e.sign(t, 1, claimRec(1, 2, 120)), e.sign(t, 2, claimRec(2, 3, 100)),
	}
	res := e.relay(t, claims...)
	applied, err := roundv2.Claims(e.dom, claims)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range applied.Records {
		proof, err := applied.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.round.Materialize(ctx, res.BatchID, a, proof); err != nil {
			t.Fatalf("materialize %s: %v", a.Citizen, err)
		}
	}
	e.relay(t,
		e.sign(t, 0, opRec(roundv2.KindAllocate, 1, 50, 1)),
		e.sign(t, 1, opRec(roundv2.KindWithdraw, 2, 20, 1)), // a move by signature: 2 → 3
		e.sign(t, 1, opRec(roundv2.KindAllocate, 3, 20, 2)),
		e.sign(t, 2, opRec(roundv2.KindAllocate, 4, 100, 1)),
	)
	// Citizen 3 claims directly, from their own funded account.
	chainID, _ := e.c.ChainID(ctx)
	own := e.round.WithSender(chain.NewSender(e.c, e.keys[3], chainID))
	proof, err := e.tree.Proof(3)
	if err != nil {
		t.Fatal(err)
	}
	for try := 0; ; try++ {
		_, err := own.ClaimAndAllocate(ctx, 3, v2Quota, proof, 2, 60)
		if err == nil {
			break
		}
		// The pool learns of new blocks asynchronously: it may not see the
		// funding yet.
		if try == 20 || !strings.Contains(err.Error(), "insufficient funds") {
			t.Fatalf("claimAndAllocate: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	e.relay(t, e.sign(t, 3, opRec(roundv2.KindAllocate, 1, 40, 0)))
}

// passDeadline mines filler blocks until the latest block's time reaches
// the deadline (each block is at least a second after its parent).
func (e *v2Round) passDeadline(t *testing.T) {
	t.Helper()
	for {
		head, err := e.c.HeaderByNumber(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if head.Time >= e.deadline {
			return
		}
		if _, err := e.s.Send(t.Context(), &common.Address{0xf1}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRecomputeV2Rules: a round under each rule, recounted from the chain
// while open and after finalize, agrees with itself, and the funded set is
// the contract's.
func TestRecomputeV2Rules(t *testing.T) {
	t.Parallel()
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	tests := []struct {
		rule      roundv2.Rule
		threshold uint64
		want      []uint64
	}{
		{roundv2.RuleGreedy, 0, []uint64{1, 3, 4}},
		{roundv2.RuleGreedyNoSkip, 0, []uint64{1}},
		{roundv2.RuleGreedyThreshold, 110, []uint64{1, 3}},
		{roundv2.RulePiggyBank, 0, []uint64{4}},
	}
	for _, tt := range tests {
		t.Run(Rule(tt.rule).String(), func(t *testing.T) { // one chain, one sender: not parallel
			e := newV2Round(t, c, s, tt.rule, tt.threshold, 40*time.Second)
			r, err := RecomputeV2(t.Context(), c, e.round.Address(), WithLogWindow(7))
			if err != nil {
				t.Fatalf("RecomputeV2 (open): %v", err)
			}
			if !r.OK() {
				t.Fatalf("findings on a sound open round:\n%s", r)
			}
			if !slices.Equal(r.Funded, tt.want) || len(r.FundedOnChain) != 0 {
				t.Errorf("projected funded set %v (on chain %v), want %v", r.Funded, r.FundedOnChain, tt.want)
			}
			e.passDeadline(t)
			if _, err := e.round.Finalize(t.Context()); err != nil {
				t.Fatalf("finalize: %v", err)
			}
			r, err = RecomputeV2(t.Context(), c, e.round.Address())
			if err != nil {
				t.Fatalf("RecomputeV2 (finalized): %v", err)
			}
			if !r.OK() || !r.Finalized {
				t.Fatalf("finalized %t, findings on a sound finalized round:\n%s", r.Finalized, r)
			}
			onChain, err := e.round.Funded(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			var contract []uint64
			for _, id := range onChain {
				contract = append(contract, uint64(id))
			}
			if !slices.Equal(r.Funded, tt.want) || !slices.Equal(contract, tt.want) || !slices.Equal(r.FundedOnChain, tt.want) {
				t.Errorf("funded: recomputed %v, report's on-chain %v, contract %v; want %v", r.Funded, r.FundedOnChain, contract, tt.want)
			}
			got := []int{r.Claims, r.Allocations, r.Withdrawals, r.Materialized, r.Batches, r.RelayTxs, r.RelayedRecords, r.DirectTxs, r.ProofsVerified}
			if want := []int{4, 8, 1, 3, 1, 3, 8, 1, 4}; !slices.Equal(got, want) {
				t.Errorf("claims allocations withdrawals materialized batches relayTxs records directTxs proofs = %v, want %v", got, want)
			}
			if r.Returned == nil || r.TreasuryBalance.Cmp(r.Returned) != 0 {
				t.Errorf("returned %v, treasury holds %v", r.Returned, r.TreasuryBalance)
			}
			if text := r.String(); !strings.HasSuffix(text, "RESULT: OK, everything agrees\n") {
				t.Errorf("report does not end in the OK line:\n%s", text)
			}
		})
	}
}

// TestTamperV2: the logs of a real round, doctored, are flagged by exactly
// the check each alteration breaks.
func TestTamperV2(t *testing.T) {
	t.Parallel()
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	e := newV2Round(t, c, s, roundv2.RuleGreedy, 0, time.Hour)
	st, err := readV2(t.Context(), c, e.round.Address(), v2ConfigOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	logs, err := filterLogs(t.Context(), c, []common.Address{st.round, st.token}, st.fromBlock, st.block)
	if err != nil {
		t.Fatal(err)
	}
	txs := map[common.Hash]*types.Transaction{}
	for _, l := range logs {
		if _, ok := txs[l.TxHash]; !ok {
			tx, _, err := c.TransactionByHash(t.Context(), l.TxHash)
			if err != nil {
				t.Fatal(err)
			}
			txs[l.TxHash] = tx
		}
	}
	if r := decodeState(st.v2Views, logs, txs).report(0); !r.OK() {
		t.Fatalf("the undoctored round has findings:\n%s", r)
	}
	// The last Allocated is citizen 3's signed one (nonce 0), the one
	// before it citizen 3's direct claimAndAllocate.
	allocated := func(ls []types.Log, fromEnd int) int {
		var idx []int
		for i := range ls {
			if ls[i].Topics[0] == topicAllocated {
				idx = append(idx, i)
			}
		}
		return idx[len(idx)-fromEnd]
	}
	tests := []struct {
		name string
		doc  func([]types.Log, map[common.Hash]*types.Transaction) []types.Log
		want []string
	}{
		{"drop the direct Allocated event", func(ls []types.Log, _ map[common.Hash]*types.Transaction) []types.Log {
			i := allocated(ls, 2)
			return slices.Delete(ls, i, i+1)
		}, []string{CheckReceived}},
		{"change a relayed amount", func(ls []types.Log, _ map[common.Hash]*types.Transaction) []types.Log {
			i := allocated(ls, 1)
			ls[i] = withData(ls[i], word(39))
			return ls
		}, []string{CheckReceived, CheckSignatures}},
		{"a wrong claims root", func(ls []types.Log, _ map[common.Hash]*types.Transaction) []types.Log {
			i := nthLog(ls, topicClaimsCommitted, 1)
			data := slices.Clone(ls[i].Data)
			data[31] ^= 0x80
			ls[i] = withData(ls[i], data)
			return ls
		}, []string{CheckClaimsRoots}},
		{"a forged signature record", func(ls []types.Log, txs map[common.Hash]*types.Transaction) []types.Log {
			// Record 0 of the second relay gets record 1's signature.
			h := ls[allocated(ls, 3)].TxHash // citizen 2's signed allocation, in the second relay
			data := slices.Clone(txs[h].Data())
			rec := func(k int) []byte { return data[4+3*32+32+k*96:][:96] }
			copy(rec(0)[32:], rec(1)[32:])
			to := *txs[h].To()
			txs[h] = types.NewTx(&types.LegacyTx{To: &to, Data: data})
			return ls
		}, []string{CheckSignatures}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docTxs := map[common.Hash]*types.Transaction{}
			for h, tx := range txs {
				docTxs[h] = tx
			}
			docLogs := tt.doc(slices.Clone(logs), docTxs)
			r := decodeState(st.v2Views, docLogs, docTxs).report(0)
			if got := r.Failed(); !slices.Equal(got, tt.want) {
				t.Fatalf("failed checks %q, want %q:\n%s", got, tt.want, r)
			}
		})
	}
}
