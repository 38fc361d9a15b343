package audit

import (
	"bytes"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/merkle"
)

// synthList is a sound round of ten citizens with 100 kopecks each, published in two roots
// (6 leaves, then 10), three of whom claimed.
func synthList() (*EligibilityList, *EligibilityEvents) {
	list := &EligibilityList{Round: synthRound}
	for i := range uint64(10) {
		list.Leaves = append(list.Leaves, EligibilityLeaf{Index: i, Address: common.BigToAddress(new(big.Int).SetUint64(0xc0 + i)), Quota: 100})
	}
	ev := eventsOf(list, 6, 10)
	for _, i := range []int{0, 3, 7} {
		l := list.Leaves[i]
		ev.Claims = append(ev.Claims, Claim{Citizen: l.Address, Index: l.Index, Quota: l.Quota})
	}
	return list, published(list, ev)
}

// published makes list name ev's roots, as the node that published them does.
func published(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
	list.Roots = nil
	for _, r := range ev.Roots {
		list.Roots = append(list.Roots, PublishedRoot{LeafCount: r.LeafCount, Root: r.Root})
	}
	return ev
}

// eventsOf publishes one root per count over list's first leaves, as a node would.
func eventsOf(list *EligibilityList, counts ...uint64) *EligibilityEvents {
	ev := &EligibilityEvents{Round: list.Round, Budget: big.NewInt(1000)}
	for v, n := range counts {
		ev.Roots = append(ev.Roots, RootSet{Version: uint64(v + 1), Root: rootOf(list.Leaves[:n]), LeafCount: n})
	}
	return ev
}

func rootOf(leaves []EligibilityLeaf) common.Hash {
	hashes := make([]common.Hash, len(leaves))
	for i, l := range leaves {
		hashes[i] = merkle.EligibilityLeaf(l.Index, l.Address, l.Quota)
	}
	tree, err := merkle.New(hashes)
	if err != nil {
		panic(err)
	}
	return tree.Root()
}

func rulesOf(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

// TestCheckEligibilityTamper: each doctored list or event set breaks exactly the rules it
// should, each finding under its rule; the sound list breaks none.
func TestCheckEligibilityTamper(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents
		want   []string
	}{
		{name: "sound list", want: []string{}},
		{name: "a root that is not the root of the list's prefix", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			ev.Roots[0].Root[5] ^= 1
			return published(list, ev)
		}, want: []string{ListRoots}},
		{name: "a quota changed in the list", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Leaves[4].Quota = 90 // in both published sets, not claimed
			return ev
		}, want: []string{ListRoots, ListRoots}},
		{name: "a published quota changed by a later root", tamper: func(list *EligibilityList, _ *EligibilityEvents) *EligibilityEvents {
			first := eventsOf(list, 6)
			list.Leaves[2].Quota = 90 // shrinks after version 1
			ev := eventsOf(list, 6, 10)
			ev.Roots[0] = first.Roots[0]
			return published(list, ev)
		}, want: []string{ListRoots}},
		{name: "a claimed leaf's quota changed", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Leaves[7].Quota = 90 // only in version 2
			return ev
		}, want: []string{ListRoots, ListClaims}},
		{name: "a leaf removed from the middle", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Leaves = slices.Delete(list.Leaves, 5, 6)
			return ev
		}, want: []string{ListIndices, ListRoots, ListRoots}},
		{name: "the last leaf removed", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Leaves = list.Leaves[:9]
			return ev
		}, want: []string{ListRoots}},
		{name: "a duplicate address, published", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Leaves[9].Address = list.Leaves[2].Address
			doctored := eventsOf(list, 6, 10)
			doctored.Claims = ev.Claims
			return published(list, doctored)
		}, want: []string{ListAddresses}},
		{name: "a claim that does not match its leaf", tamper: func(_ *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			ev.Claims[1].Quota = 150
			return ev
		}, want: []string{ListClaims}},
		{name: "a claim by another address", tamper: func(_ *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			ev.Claims[2].Citizen = common.Address{9}
			return ev
		}, want: []string{ListClaims}},
		{name: "a claim of an index the list lacks", tamper: func(_ *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			ev.Claims = append(ev.Claims, Claim{Citizen: common.Address{9}, Index: 10, Quota: 100})
			return ev
		}, want: []string{ListClaims}},
		{name: "a leaf count that shrinks", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			shrunk := eventsOf(list, 6, 10, 8)
			shrunk.Claims = ev.Claims
			return published(list, shrunk)
		}, want: []string{ListLeafCounts}},
		{name: "the last set over the budget", tamper: func(_ *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			ev.Budget = big.NewInt(999)
			return ev
		}, want: []string{ListBudget}},
		{name: "the list of another round", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Round = common.Address{1}
			return ev
		}, want: []string{ListNode}},
		{name: "the node names a root the chain lacks", tamper: func(list *EligibilityList, ev *EligibilityEvents) *EligibilityEvents {
			list.Roots[1].LeafCount = 9
			return ev
		}, want: []string{ListNode}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, ev := synthList()
			if tt.tamper != nil {
				ev = tt.tamper(list, ev)
			}
			got := CheckEligibilityV2(list, ev)
			if !slices.Equal(rulesOf(got), tt.want) {
				t.Fatalf("rules %q, want %q; findings:\n%v", rulesOf(got), tt.want, got)
			}
		})
	}
}

// TestAddEligibilityCheck: the list's findings are a check of the report, in its text, its
// failed checks and its JSON.
func TestAddEligibilityCheck(t *testing.T) {
	r := newReportV2()
	r.Budget, r.TotalSupply = big.NewInt(1), big.NewInt(1)
	r.AddEligibilityCheck(nil)
	if !r.OK() || !strings.Contains(r.String(), "OK    "+CheckEligibilityList) {
		t.Fatalf("a sound list: failed %q\n%s", r.Failed(), r)
	}
	r = newReportV2()
	r.AddEligibilityCheck([]Finding{{ListRoots, "version 2: root 0x1"}})
	if got := r.Failed(); !slices.Equal(got, []string{CheckEligibilityList}) {
		t.Fatalf("failed %q, want the eligibility list", got)
	}
	if !strings.Contains(r.String(), "- roots: version 2: root 0x1") || !strings.Contains(r.String(), "RESULT: FAILED") {
		t.Fatalf("text:\n%s", r)
	}
}

// writeList is the list as the API writes it.
func writeList(list *EligibilityList) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"round_id":7,"round_address":%q,"roots":[`, list.Round.Hex())
	for i, r := range list.Roots {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"leaf_count":%d,"root":%q}`, r.LeafCount, r.Root.Hex())
	}
	b.WriteString(`],"leaves":[`)
	for i, l := range list.Leaves {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"index":%d,"address":%q,"quota_kopecks":"%d"}`, l.Index, strings.ToLower(l.Address.Hex()), l.Quota)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func TestReadEligibilityList(t *testing.T) {
	want, _ := synthList()
	got, err := ReadEligibilityList(bytes.NewReader(writeList(want)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back:\n got %+v\nwant %+v", got, want)
	}
	addr := `"0x00000000000000000000000000000000000000a1"`
	tests := []struct {
		name, body, wantErr string
	}{
		{"not an object", `[]`, `want "{"`},
		{"no leaves", `{"round_address":` + addr + `}`, "round_address and leaves are required"},
		{"no round", `{"leaves":[]}`, "round_address and leaves are required"},
		{"a bad round address", `{"round_address":"0x12","leaves":[]}`, "round_address"},
		{"an address without 0x", `{"round_address":` + addr + `,"leaves":[{"index":0,"address":"00000000000000000000000000000000000000a1","quota_kopecks":"1"}]}`, "leaf 0: address"},
		{"a negative index", `{"round_address":` + addr + `,"leaves":[{"index":-1,"address":` + addr + `,"quota_kopecks":"1"}]}`, "leaf 0"},
		{"no index", `{"round_address":` + addr + `,"leaves":[{"address":` + addr + `,"quota_kopecks":"1"}]}`, "leaf 0: no index"},
		{"a fractional quota", `{"round_address":` + addr + `,"leaves":[{"index":0,"address":` + addr + `,"quota_kopecks":"1.5"}]}`, "not a whole number"},
		{"a quota over 64 bits", `{"round_address":` + addr + `,"leaves":[{"index":0,"address":` + addr + `,"quota_kopecks":"18446744073709551616"}]}`, "not a whole number"},
		{"a bad root", `{"round_address":` + addr + `,"roots":[{"leaf_count":1,"root":"0x12"}],"leaves":[]}`, "root 0"},
		{"truncated", `{"round_address":` + addr + `,"leaves":[{"index":0`, "leaf 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadEligibilityList(strings.NewReader(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err %v, want %q", err, tt.wantErr)
			}
		})
	}
	list, err := ReadEligibilityList(strings.NewReader(`{"extra":{"a":[1]},"round_address":` + addr + `,"leaves":[]}`))
	if err != nil || len(list.Leaves) != 0 || list.Round != synthRound {
		t.Fatalf("unknown fields: %+v, %v", list, err)
	}
}

// FuzzReadEligibilityList: any input is read or refused without a panic, and what is read
// writes back to the same list.
func FuzzReadEligibilityList(f *testing.F) {
	list, _ := synthList()
	f.Add(writeList(list))
	f.Add([]byte(`{"round_address":"0x00000000000000000000000000000000000000a1","leaves":[]}`))
	f.Add([]byte(`{"round_address":"0x00000000000000000000000000000000000000a1","roots":[{"leaf_count":1,"root":"0x` + strings.Repeat("ab", 32) + `"}],"leaves":[{"index":3,"address":"0x00000000000000000000000000000000000000a1","quota_kopecks":"07"}]}`))
	f.Add([]byte(`{"leaves":[{"index":1e3}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadEligibilityList(bytes.NewReader(data))
		if err != nil {
			return
		}
		again, err := ReadEligibilityList(bytes.NewReader(writeList(got)))
		if err != nil {
			t.Fatalf("the list read does not read back: %v", err)
		}
		if !reflect.DeepEqual(again, got) && !(len(again.Leaves) == 0 && len(got.Leaves) == 0) {
			t.Fatalf("read back differs:\n got %+v\nwant %+v", again, got)
		}
	})
}

// BenchmarkCheckEligibility: a city round of n citizens in two roots, everyone claimed.
func BenchmarkCheckEligibility(b *testing.B) {
	for _, n := range []int{100_000, 2_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			list := &EligibilityList{Round: synthRound, Leaves: make([]EligibilityLeaf, n)}
			for i := range list.Leaves {
				list.Leaves[i] = EligibilityLeaf{Index: uint64(i), Address: common.BigToAddress(big.NewInt(int64(i) + 1)), Quota: 100}
			}
			ev := eventsOf(list, uint64(n/2), uint64(n))
			ev.Budget = big.NewInt(int64(n) * 100)
			for _, l := range list.Leaves {
				ev.Claims = append(ev.Claims, Claim{Citizen: l.Address, Index: l.Index, Quota: l.Quota})
			}
			b.ResetTimer()
			for range b.N {
				if f := CheckEligibilityV2(list, ev); len(f) > 0 {
					b.Fatal(f)
				}
			}
		})
	}
}

func ExampleCheckEligibilityV2() {
	list := &EligibilityList{Round: common.HexToAddress("0xa1")}
	for i := range uint64(3) {
		list.Leaves = append(list.Leaves, EligibilityLeaf{Index: i, Address: common.BigToAddress(big.NewInt(int64(i) + 1)), Quota: 100})
	}
	ev := &EligibilityEvents{Round: list.Round, Budget: big.NewInt(300), Roots: []RootSet{
		{Version: 1, Root: rootOf(list.Leaves[:2]), LeafCount: 2},
		{Version: 2, Root: rootOf(list.Leaves), LeafCount: 3},
	}}
	fmt.Println(len(CheckEligibilityV2(list, ev)), "findings")
	list.Leaves[1].Quota = 50 // a published quota shrinks
	for _, f := range CheckEligibilityV2(list, ev) {
		fmt.Println(f.Rule)
	}
	// Output:
	// 0 findings
	// roots
	// roots
}
