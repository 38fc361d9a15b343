package audit

import (
	"maps"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// nthLog is the index in logs of the nth (from 1) log with topic0 topic.
func nthLog(logs []types.Log, topic common.Hash, nth int) int {
	for i := range logs {
		if logs[i].Topics[0] == topic {
			if nth--; nth == 0 {
				return i
			}
		}
	}
	panic("no such log")
}

// withData returns l with its data replaced (the slices are not shared).
func withData(l types.Log, data []byte) types.Log {
	l.Data = data
	l.Topics = slices.Clone(l.Topics)
	return l
}

// TestTamperSyntheticV2: each doctored log set, view or calldata is flagged
// by exactly the checks it breaks. The round is built in memory.
func TestTamperSyntheticV2(t *testing.T) {
	s := newSynth(t, 200) // 100 citizens: one claims batch, one allocation batch
	// The 101st Allocated is the first signed allocation (kind 1, nonce 1).
	tests := []struct {
		name  string
		logs  func([]types.Log) []types.Log
		views func(*v2Views)
		txs   func(map[common.Hash]*types.Transaction)
		want  []string
	}{
		{name: "drop a relayed Allocated event", logs: func(ls []types.Log) []types.Log {
			return slices.Delete(ls, nthLog(ls, topicAllocated, 101), nthLog(ls, topicAllocated, 101)+1)
		}, want: []string{CheckReceived, CheckSignatures}},
		{name: "change a relayed Allocated amount", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicAllocated, 101)
			ls[i] = withData(ls[i], word(249))
			return ls
		}, want: []string{CheckReceived, CheckSignatures}},
		{name: "change a withdrawn amount to more than allocated", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicWithdrawn, 1)
			ls[i] = withData(ls[i], word(10_000))
			return ls
		}, want: []string{CheckReceived, CheckPositions, CheckSignatures}},
		{name: "a wrong claims root", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicClaimsCommitted, 1)
			data := slices.Clone(ls[i].Data)
			data[0] ^= 1
			ls[i] = withData(ls[i], data)
			return ls
		}, want: []string{CheckClaimsRoots}},
		{name: "a claim's Allocated changed in the claims batch", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicAllocated, 5)
			ls[i] = withData(ls[i], word(400)) // signed 500
			return ls
		}, want: []string{CheckReceived, CheckClaimsRoots, CheckMaterialize, CheckSignatures}},
		{name: "a forged signature in the calldata", txs: func(txs map[common.Hash]*types.Transaction) {
			forgeRecord(txs, 1, 3)
		}, want: []string{CheckSignatures}},
		{name: "a claims batch whose multiproof does not prove its claims", txs: func(txs map[common.Hash]*types.Transaction) {
			forgeProof(txs, 1)
		}, want: []string{CheckEligibility}},
		{name: "a Materialized event dropped", logs: func(ls []types.Log) []types.Log {
			return slices.Delete(ls, nthLog(ls, topicMaterialized, 7), nthLog(ls, topicMaterialized, 7)+1)
		}, want: []string{CheckPositions, CheckSignatures}},
		{name: "a Materialized event with the wrong unallocated", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicMaterialized, 7)
			ls[i] = withData(ls[i], word(499))
			return ls
		}, want: []string{CheckMaterialize}},
		{name: "an index claimed twice", logs: func(ls []types.Log) []types.Log {
			i, j := nthLog(ls, topicClaimed, 1), nthLog(ls, topicClaimed, 2)
			ls[j].Topics = slices.Clone(ls[j].Topics)
			ls[j].Topics[2] = ls[i].Topics[2]
			return ls
		}, want: []string{CheckClaims, CheckEligibility, CheckClaimsRoots, CheckSignatures}},
		{name: "distributed() differs", views: func(v *v2Views) { v.distributed = new(big.Int).Add(v.distributed, big.NewInt(1)) },
			want: []string{CheckDistributed}},
		{name: "supply is not the budget", views: func(v *v2Views) { v.totalSupply = new(big.Int).Add(v.totalSupply, big.NewInt(1)) },
			want: []string{CheckSupply, CheckTreasury}},
		{name: "a piggy bank balance differs", views: func(v *v2Views) { v.initiatives[1].balance = big.NewInt(1) },
			want: []string{CheckReceived, CheckTreasury}},
		{name: "received view differs", views: func(v *v2Views) { v.initiatives[2].received = big.NewInt(1) },
			want: []string{CheckReceived}},
		{name: "a funded set before finalize", views: func(v *v2Views) { v.fundedOnChain = []uint64{1} },
			want: []string{CheckFunded}},
		{name: "eligibility root view differs", views: func(v *v2Views) { v.eligibilityRoot = common.Hash{2} },
			want: []string{CheckEligibility}},
		{name: "a claims batch without event", views: func(v *v2Views) { v.claimsBatchCount = big.NewInt(2) },
			want: []string{CheckClaimsRoots}},
		{name: "RoundCreated differs from the views", views: func(v *v2Views) { v.rule = uint8(RulePiggyBank) },
			want: []string{CheckCreated}},
		{name: "a log that does not decode", logs: func(ls []types.Log) []types.Log {
			i := nthLog(ls, topicAllocated, 150)
			ls[i] = withData(ls[i], nil)
			return ls
		}, want: []string{CheckDecode, CheckReceived, CheckSignatures}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doctored := *s
			logs := slices.Clone(s.logs)
			doctored.txs = maps.Clone(s.txs)
			doctored.views.initiatives = slices.Clone(s.views.initiatives)
			if tt.logs != nil {
				logs = tt.logs(logs)
			}
			if tt.views != nil {
				tt.views(&doctored.views)
			}
			if tt.txs != nil {
				tt.txs(doctored.txs)
			}
			r := doctored.state(logs).report(0)
			if got := r.Failed(); !slices.Equal(got, tt.want) {
				t.Fatalf("failed checks %q, want %q; findings:\n%s", got, tt.want, strings.Join(r.Findings(), "\n"))
			}
			if !strings.Contains(r.String(), "RESULT: FAILED") {
				t.Fatalf("no failure line:\n%s", r)
			}
		})
	}
	if r := s.state(s.logs).report(0); !r.OK() {
		t.Fatalf("the undoctored round has findings: %q", r.Findings())
	}
}

// forgeRecord replaces the signature of record k of the nth relay
// transaction (from 1, in block order) with the signature of record k+1:
// a valid signature of another record, which recovers another address.
func forgeRecord(txs map[common.Hash]*types.Transaction, nth, k int) {
	hashes := slices.SortedFunc(maps.Keys(txs), func(a, b common.Hash) int { return strings.Compare(a.Hex(), b.Hex()) })
	h := hashes[nth-1]
	data := slices.Clone(txs[h].Data())
	rec := func(i int) []byte { return data[4+3*32+32+i*96:][:96] } // selector, 3 offsets, length
	copy(rec(k)[32:96], rec(k + 1)[32:96])
	to := *txs[h].To()
	txs[h] = types.NewTx(&types.LegacyTx{To: &to, Data: data, Gas: 1})
}

// forgeProof flips a bit of the last word of the nth relay transaction's calldata (from 1, in
// block order): a node of its eligibility multiproof, or its flag words.
func forgeProof(txs map[common.Hash]*types.Transaction, nth int) {
	hashes := slices.SortedFunc(maps.Keys(txs), func(a, b common.Hash) int { return strings.Compare(a.Hex(), b.Hex()) })
	h := hashes[nth-1]
	data := slices.Clone(txs[h].Data())
	proofOff := 4 + int(new(big.Int).SetBytes(data[4+32:4+64]).Uint64()) // head word 1: the proof's offset
	data[proofOff+32+31] ^= 1                                            // the proof's first node
	to := *txs[h].To()
	txs[h] = types.NewTx(&types.LegacyTx{To: &to, Data: data, Gas: 1})
}
