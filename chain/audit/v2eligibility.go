package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/merkle"
)

// CheckEligibilityList is the check a ReportV2 gets from AddEligibilityCheck: the node's
// published eligibility list against the chain's EligibilityRootSet and Claimed events.
const CheckEligibilityList = "eligibility list"

// The rules of the eligibility list (docs/CONTRACTS-V2.md "Eligibility": indices are permanent
// and append-only). CheckEligibilityV2 reports each broken rule as its own Finding.
const (
	ListIndices    = "indices"     // the leaves' indices run 0, 1, 2, … in order
	ListAddresses  = "addresses"   // each address has one leaf (else it could claim twice)
	ListRoots      = "roots"       // each EligibilityRootSet root is the tree of the list's first leafCount leaves
	ListLeafCounts = "leaf counts" // leafCount never decreases from one root to the next
	ListClaims     = "claims"      // each Claimed(citizen, index, quota) is the list's leaf at index
	ListBudget     = "budget"      // the quotas of the last published set add up to at most the budget
	ListNode       = "node"        // the list is the round's, and each root the node names is on chain
)

// EligibilityLeaf is one leaf of a round's eligibility list: a citizen's permanent index,
// wallet address and quota in kopecks.
type EligibilityLeaf struct {
	Index   uint64
	Address common.Address
	Quota   uint64
}

// PublishedRoot is a root the node says it published, over its list's first LeafCount leaves.
type PublishedRoot struct {
	LeafCount uint64
	Root      common.Hash
}

// EligibilityList is a BudgetRoundV2 round's eligibility list as a node publishes it
// (GET /api/v1/rounds/{id}/eligibility, read by ReadEligibilityList): every leaf in index
// order, enough to rebuild every root the round ever had.
type EligibilityList struct {
	Round  common.Address
	Roots  []PublishedRoot
	Leaves []EligibilityLeaf
}

// RootSet is an EligibilityRootSet(version, root, leafCount) event.
type RootSet struct {
	Version   uint64
	Root      common.Hash
	LeafCount uint64 // math.MaxUint64 when the event's value does not fit
}

// Claim is a Claimed(citizen, index, quota) event.
type Claim struct {
	Citizen      common.Address
	Index, Quota uint64
}

// EligibilityEvents are what the chain says about a round's eligibility, in chain order.
type EligibilityEvents struct {
	Round  common.Address
	Budget *big.Int
	Roots  []RootSet
	Claims []Claim
	bad    []Finding // logs that do not decode
}

// Finding is one broken rule of the eligibility list.
type Finding struct {
	Rule string // one of the List* rules
	Text string
}

func (f Finding) String() string { return f.Rule + ": " + f.Text }

// ReadEligibilityEventsV2 reads the EligibilityRootSet and Claimed events of the round r
// recounted, in the blocks r read (FromBlock to Block), so that both describe one chain state.
func ReadEligibilityEventsV2(ctx context.Context, c *chain.Client, r *ReportV2) (*EligibilityEvents, error) {
	ev := &EligibilityEvents{Round: r.Round, Budget: r.Budget}
	err := eachLogWindow(ctx, c, []common.Address{r.Round}, r.FromBlock, r.Block, logWindow, func(logs []types.Log) {
		for i := range logs {
			ev.add(&logs[i])
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read eligibility events of %s: %w", r.Round.Hex(), err)
	}
	return ev, nil
}

// add keeps l when it is one of the round's EligibilityRootSet or Claimed events.
func (ev *EligibilityEvents) add(l *types.Log) {
	if l.Removed || l.Address != ev.Round || len(l.Topics) == 0 {
		return
	}
	switch l.Topics[0] {
	case topicRootSet:
		e, err := roundV2ABI.UnpackEligibilityRootSetEvent(l)
		if err != nil {
			ev.bad = append(ev.bad, Finding{ListRoots, fmt.Sprintf("EligibilityRootSet log %d of tx %s does not decode: %v", l.Index, l.TxHash.Hex(), err)})
			return
		}
		ev.Roots = append(ev.Roots, RootSet{Version: saturated(e.Version), Root: e.Root, LeafCount: saturated(e.LeafCount)})
	case topicClaimed:
		var c v2Event
		if err := decodeCitizenEvent(&c, l); err != nil {
			ev.bad = append(ev.bad, Finding{ListClaims, fmt.Sprintf("Claimed log %d of tx %s does not decode: %v", l.Index, l.TxHash.Hex(), err)})
			return
		}
		ev.Claims = append(ev.Claims, Claim{Citizen: c.citizen, Index: c.a, Quota: c.b})
	}
}

func saturated(x *big.Int) uint64 {
	if !x.IsUint64() {
		return ^uint64(0)
	}
	return x.Uint64()
}

// CheckEligibilityV2 checks a node's eligibility list against the chain's events, one
// Finding per broken rule (see the List* rules): indices contiguous from 0, every address
// once, every EligibilityRootSet root equal to the tree of the list's first leafCount leaves
// (so each published set is a prefix of the next: append-only), leaf counts never
// decreasing, every claim equal to its leaf, and the last set within the budget. None: the
// list explains every root the round published. It does no I/O.
func CheckEligibilityV2(list *EligibilityList, ev *EligibilityEvents) []Finding {
	c := listChecker{list: list, ev: ev, f: slices.Clone(ev.bad)}
	c.node()
	c.indices()
	c.addresses()
	c.leafCounts()
	c.roots()
	c.claims()
	c.budget()
	return c.f
}

// listChecker holds one run of CheckEligibilityV2.
type listChecker struct {
	list *EligibilityList
	ev   *EligibilityEvents
	f    []Finding
	// contiguous is whether leaf i has index i for every i: a claim's leaf is then at its index.
	contiguous bool
	hashes     []common.Hash               // leaf hashes of the list, made by roots
	trees      map[uint64]common.Hash      // root of the first n leaves, by n
	onChain    map[PublishedRoot]bool      // the chain's roots by (leafCount, root)
	byIndex    map[uint64]*EligibilityLeaf // claims' leaves when the list is not contiguous
}

func (c *listChecker) findf(rule, format string, args ...any) {
	c.f = append(c.f, Finding{rule, fmt.Sprintf(format, args...)})
}

// node: the list is of the audited round, and every root the node names is on chain.
func (c *listChecker) node() {
	if c.list.Round != c.ev.Round {
		c.findf(ListNode, "the list is of round %s, not %s", c.list.Round.Hex(), c.ev.Round.Hex())
	}
	c.onChain = make(map[PublishedRoot]bool, len(c.ev.Roots))
	for _, r := range c.ev.Roots {
		c.onChain[PublishedRoot{r.LeafCount, r.Root}] = true
	}
	for _, r := range c.list.Roots {
		if !c.onChain[r] {
			c.findf(ListNode, "the node names root %s over %d leaves; no EligibilityRootSet event has it", r.Root.Hex(), r.LeafCount)
		}
	}
}

// indices: leaf i has index i; one finding names the first leaf out of place.
func (c *listChecker) indices() {
	first, bad := -1, 0
	for i := range c.list.Leaves {
		if c.list.Leaves[i].Index != uint64(i) {
			if first < 0 {
				first = i
			}
			bad++
		}
	}
	c.contiguous = bad == 0
	if bad > 0 {
		c.findf(ListIndices, "leaf %d of the list has index %d (%d leaves out of place): indices must run 0, 1, 2, … without a gap",
			first, c.list.Leaves[first].Index, bad)
	}
}

// addresses: no address has two leaves. Positions are sorted by address, so equal
// addresses are neighbours; each repeat is one finding.
func (c *listChecker) addresses() {
	leaves := c.list.Leaves
	pos := make([]int32, len(leaves))
	for i := range pos {
		pos[i] = int32(i)
	}
	slices.SortFunc(pos, func(a, b int32) int {
		if d := bytes.Compare(leaves[a].Address[:], leaves[b].Address[:]); d != 0 {
			return d
		}
		return int(a - b)
	})
	for k := 1; k < len(pos); k++ {
		a, b := &leaves[pos[k-1]], &leaves[pos[k]]
		if a.Address == b.Address {
			c.findf(ListAddresses, "address %s has two leaves, indices %d and %d (it could claim twice)", b.Address.Hex(), a.Index, b.Index)
		}
	}
}

// leafCounts: no root has fewer leaves than the one before it.
func (c *listChecker) leafCounts() {
	for k := 1; k < len(c.ev.Roots); k++ {
		prev, r := c.ev.Roots[k-1], c.ev.Roots[k]
		if r.LeafCount < prev.LeafCount {
			c.findf(ListLeafCounts, "version %d has %d leaves, fewer than the %d of version %d (leaves removed)", r.Version, r.LeafCount, prev.LeafCount, prev.Version)
		}
	}
}

// roots: each published root is the tree of the list's first leafCount leaves.
func (c *listChecker) roots() {
	c.trees = map[uint64]common.Hash{}
	var most uint64
	for _, r := range c.ev.Roots {
		most = max(most, min(r.LeafCount, uint64(len(c.list.Leaves))))
	}
	c.hashes = make([]common.Hash, 0, most)
	for _, r := range c.ev.Roots {
		n := r.LeafCount
		if n == 0 || n > uint64(len(c.list.Leaves)) {
			c.findf(ListRoots, "version %d publishes %d leaves; the list has %d", r.Version, n, len(c.list.Leaves))
			continue
		}
		got, err := c.prefixRoot(n)
		if err != nil {
			c.findf(ListRoots, "version %d: %v", r.Version, err)
			continue
		}
		if got != r.Root {
			c.findf(ListRoots, "version %d: root %s, but the list's first %d leaves give %s (a published leaf was changed or removed)",
				r.Version, r.Root.Hex(), n, got.Hex())
		}
	}
}

// prefixRoot is the root of the tree of the list's first n leaves (0 < n ≤ len).
func (c *listChecker) prefixRoot(n uint64) (common.Hash, error) {
	if root, ok := c.trees[n]; ok {
		return root, nil
	}
	for i := len(c.hashes); uint64(i) < n; i++ {
		l := &c.list.Leaves[i]
		c.hashes = append(c.hashes, merkle.EligibilityLeaf(l.Index, l.Address, l.Quota))
	}
	tree, err := merkle.New(c.hashes[:n])
	if err != nil {
		return common.Hash{}, err
	}
	c.trees[n] = tree.Root()
	return tree.Root(), nil
}

// claims: each Claimed event is the list's leaf at its index.
func (c *listChecker) claims() {
	for _, cl := range c.ev.Claims {
		l := c.leaf(cl.Index)
		switch {
		case l == nil:
			c.findf(ListClaims, "Claimed(%s, index %d, quota %d): the list has no leaf %d", cl.Citizen.Hex(), cl.Index, cl.Quota, cl.Index)
		case l.Address != cl.Citizen || l.Quota != cl.Quota:
			c.findf(ListClaims, "Claimed(%s, index %d, quota %d), but the list's leaf %d is (%s, %d)",
				cl.Citizen.Hex(), cl.Index, cl.Quota, cl.Index, l.Address.Hex(), l.Quota)
		}
	}
}

// leaf is the list's leaf with index i, or nil.
func (c *listChecker) leaf(i uint64) *EligibilityLeaf {
	if c.contiguous {
		if i < uint64(len(c.list.Leaves)) {
			return &c.list.Leaves[i]
		}
		return nil
	}
	if c.byIndex == nil {
		c.byIndex = make(map[uint64]*EligibilityLeaf, len(c.list.Leaves))
		for k := range c.list.Leaves {
			if l := &c.list.Leaves[k]; c.byIndex[l.Index] == nil {
				c.byIndex[l.Index] = l
			}
		}
	}
	return c.byIndex[i]
}

// budget: the quotas of the last published set add up to at most the round's budget.
func (c *listChecker) budget() {
	if len(c.ev.Roots) == 0 || c.ev.Budget == nil {
		return
	}
	last := c.ev.Roots[len(c.ev.Roots)-1]
	n := min(last.LeafCount, uint64(len(c.list.Leaves)))
	sum, q := new(big.Int), new(big.Int)
	for i := range n {
		sum.Add(sum, q.SetUint64(c.list.Leaves[i].Quota))
	}
	if sum.Cmp(c.ev.Budget) > 0 {
		c.findf(ListBudget, "the %d leaves of version %d grant %s kopecks, more than the budget %s", n, last.Version, sum, c.ev.Budget)
	}
}

// AddEligibilityCheck adds the check CheckEligibilityList to r, after its other checks, with
// the findings of CheckEligibilityV2: it is printed, counted in Failed and OK, and in the
// JSON, like the others.
func (r *ReportV2) AddEligibilityCheck(findings []Finding) {
	check := Check{Name: CheckEligibilityList, Findings: make([]string, 0, len(findings))}
	for _, f := range findings {
		check.Findings = append(check.Findings, f.String())
	}
	r.Checks = append(r.Checks, check)
}

// listJSON is the eligibility list as the API writes it; the leaves are read one by one.
type listJSON struct {
	RoundAddress string `json:"round_address"`
	Roots        []struct {
		LeafCount uint64 `json:"leaf_count"`
		Root      string `json:"root"`
	} `json:"roots"`
}

// leafJSON is one leaf: {"index":0,"address":"0x…","quota_kopecks":"…"}.
type leafJSON struct {
	Index   *uint64 `json:"index"`
	Address string  `json:"address"`
	Quota   string  `json:"quota_kopecks"`
}

// ReadEligibilityList reads the eligibility list a node publishes (GET
// /api/v1/rounds/{id}/eligibility, docs/CONTRACTS-V2.md): a JSON object with round_address,
// roots [{leaf_count, root}] and leaves [{index, address, quota_kopecks}] (other fields are
// ignored). The leaves are decoded one at a time, so only the compact list is kept: 40 bytes
// a leaf. The leaves' order and indices are kept as written; CheckEligibilityV2 judges them.
func ReadEligibilityList(r io.Reader) (*EligibilityList, error) {
	dec := json.NewDecoder(r)
	if err := delim(dec, '{'); err != nil {
		return nil, err
	}
	var head listJSON
	list := &EligibilityList{}
	var haveRound, haveLeaves bool
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("eligibility list: %w", err)
		}
		switch key, _ := tok.(string); key {
		case "round_address":
			haveRound = true
			err = dec.Decode(&head.RoundAddress)
		case "roots":
			err = dec.Decode(&head.Roots)
		case "leaves":
			haveLeaves = true
			list.Leaves, err = readLeaves(dec, list.Leaves[:0])
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, fmt.Errorf("eligibility list: %s: %w", tok, err)
		}
	}
	if err := delim(dec, '}'); err != nil {
		return nil, err
	}
	if !haveRound || !haveLeaves {
		return nil, errors.New("eligibility list: round_address and leaves are required")
	}
	var err error
	if list.Round, err = hexAddress(head.RoundAddress); err != nil {
		return nil, fmt.Errorf("eligibility list: round_address: %w", err)
	}
	for i, r := range head.Roots {
		root, err := hexHash(r.Root)
		if err != nil {
			return nil, fmt.Errorf("eligibility list: root %d: %w", i, err)
		}
		list.Roots = append(list.Roots, PublishedRoot{LeafCount: r.LeafCount, Root: root})
	}
	return list, nil
}

func readLeaves(dec *json.Decoder, out []EligibilityLeaf) ([]EligibilityLeaf, error) {
	if err := delim(dec, '['); err != nil {
		return nil, err
	}
	for dec.More() {
		var l leafJSON
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("leaf %d: %w", len(out), err)
		}
		leaf, err := l.leaf()
		if err != nil {
			return nil, fmt.Errorf("leaf %d: %w", len(out), err)
		}
		out = append(out, leaf)
	}
	return out, delim(dec, ']')
}

func (l leafJSON) leaf() (EligibilityLeaf, error) {
	if l.Index == nil {
		return EligibilityLeaf{}, errors.New("no index")
	}
	addr, err := hexAddress(l.Address)
	if err != nil {
		return EligibilityLeaf{}, fmt.Errorf("address: %w", err)
	}
	quota, err := strconv.ParseUint(l.Quota, 10, 64)
	if err != nil {
		return EligibilityLeaf{}, fmt.Errorf("quota_kopecks %q is not a whole number of kopecks", l.Quota)
	}
	return EligibilityLeaf{Index: *l.Index, Address: addr, Quota: quota}, nil
}

func delim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("eligibility list: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("eligibility list: want %q, got %v", want, tok)
	}
	return nil
}

func hexAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") || !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%q is not a 0x address", s)
	}
	return common.HexToAddress(s), nil
}

func hexHash(s string) (common.Hash, error) {
	if len(s) != 66 || !strings.HasPrefix(s, "0x") {
		return common.Hash{}, fmt.Errorf("%q is not a 0x 32-byte hash", s)
	}
	var h common.Hash
	if err := h.UnmarshalText([]byte(s)); err != nil {
		return common.Hash{}, fmt.Errorf("%q is not a 0x 32-byte hash", s)
	}
	return h, nil
}
