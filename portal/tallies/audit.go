package tallies

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/portal/tally"
)

// OnChain is one tally anchor as the AnchorRegistry's Anchored event records it.
type OnChain struct {
	Index     uint64
	Subject   common.Hash
	Root      common.Hash
	LeafCount uint64
	Dataset   common.Hash
	Block     uint64
	TxHash    common.Hash
}

// Published is a tally as its publisher serves it: the file and the rule it names.
type Published struct {
	ID     int64
	SHA256 string // as the publisher states it
	Rule   tally.Rule
	Input  []byte // the file as served
}

// ReadAnchors reads every tally anchor (kind Kind) of the registry at registry.
func ReadAnchors(ctx context.Context, c *chain.Client, registry common.Address) ([]OnChain, error) {
	return readAnchors(ctx, c, registry, nil)
}

// readAnchors reads the tally anchors of the registry, only those of subject when it is set.
func readAnchors(ctx context.Context, c *chain.Client, registry common.Address, subject *common.Hash) ([]OnChain, error) {
	topics := [][]common.Hash{{registryABI.GetABI().Events[bindings.AnchorRegistryAnchoredEventName].ID}, nil, {Kind}}
	if subject != nil {
		topics = append(topics, []common.Hash{*subject})
	}
	logs, err := c.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{registry}, Topics: topics})
	if err != nil {
		return nil, fmt.Errorf("read tally anchors of %s: %w", registry.Hex(), err)
	}
	out := make([]OnChain, 0, len(logs))
	for i := range logs {
		ev, err := registryABI.UnpackAnchoredEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("decode anchor in tx %s: %w", logs[i].TxHash.Hex(), err)
		}
		out = append(out, OnChain{Index: ev.Index.Uint64(), Subject: ev.SubjectId, Root: ev.Root, LeafCount: ev.LeafCount,
			Dataset: ev.DatasetSha256, Block: logs[i].BlockNumber, TxHash: logs[i].TxHash})
	}
	return out, nil
}

// CompareAnchors recounts every published tally from its file and matches it with the chain's
// anchors: the file's SHA-256 must be the stated one, and an anchor must hold that
// SHA-256 as subject and dataset, the recounted result's root and its number of selected
// projects. Every anchor must be matched by a published tally, so that no anchored result
// lacks its open data. It returns how many tallies verified and a finding for each disagreement.
func CompareAnchors(anchors []OnChain, published []Published) (verified int, findings []string) {
	matched := make([]bool, len(anchors))
	for _, p := range published {
		res, sum, err := Count(p.Input, p.Rule)
		if err != nil {
			findings = append(findings, fmt.Sprintf("tally %d: the published file does not recount: %v", p.ID, err))
			continue
		}
		if got := hex.EncodeToString(sum[:]); got != p.SHA256 {
			findings = append(findings, fmt.Sprintf("tally %d: the published file's SHA-256 is %s, the publisher states %s", p.ID, got, p.SHA256))
			continue
		}
		sha, root := common.BytesToHash(sum[:]), Root(res)
		state := "missing"
		for i, a := range anchors {
			if a.Subject != sha || a.Root != root {
				continue
			}
			matched[i] = true
			if a.Dataset != sha || a.LeafCount != uint64(len(res.Selected)) {
				findings = append(findings, fmt.Sprintf("tally %d: anchor #%d has dataset %s and %d leaves, want %s and %d",
					p.ID, a.Index, a.Dataset.Hex(), a.LeafCount, sha.Hex(), len(res.Selected)))
				state = "bad"
			} else if state == "missing" {
				state = "ok"
			}
		}
		switch {
		case state == "ok":
			verified++
		case state == "bad":
		case slices.ContainsFunc(anchors, func(a OnChain) bool { return a.Subject == sha }):
			findings = append(findings, fmt.Sprintf("tally %d (%s): anchored with another result than its recount %s", p.ID, p.SHA256, res.JSON()))
		default:
			findings = append(findings, fmt.Sprintf("tally %d (%s): not anchored", p.ID, p.SHA256))
		}
	}
	for i, a := range anchors {
		if !matched[i] {
			findings = append(findings, fmt.Sprintf("anchor #%d (tx %s, file %s): no published tally recounts to its root %s",
				a.Index, a.TxHash.Hex(), a.Subject.Hex(), a.Root.Hex()))
		}
	}
	return verified, findings
}
