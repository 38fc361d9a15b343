package audit

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

var (
	roundV2ABI = budgetroundv2.NewBudgetRoundV2()

	topicClaimed         = roundV2Event("Claimed")
	topicAllocated       = roundV2Event("Allocated")
	topicWithdrawn       = roundV2Event("Withdrawn")
	topicMaterialized    = roundV2Event("Materialized")
	topicRoundCreatedV2  = roundV2Event("RoundCreated")
	topicRegisteredV2    = roundV2Event("InitiativeRegistered")
	topicRootSet         = roundV2Event("EligibilityRootSet")
	topicClaimsCommitted = roundV2Event("ClaimsCommitted")
	topicFundedV2        = roundV2Event("InitiativeFunded")
	topicFinalizedV2     = roundV2Event("Finalized")
	topicTransfer        = bindings.NewBudgetToken().GetABI().Events["Transfer"].ID
)

func roundV2Event(name string) common.Hash { return roundV2ABI.GetABI().Events[name].ID }

// v2Kind is the kind of a decoded log.
type v2Kind uint8

const (
	// The per-citizen events: millions in a city round, decoded by hand
	// into v2Event (R-1.5 at scale).
	kindClaimed v2Kind = iota + 1
	kindAllocated
	kindWithdrawn
	kindMaterialized
	// kindOther is any other log of the round or its token (a few per
	// batch or per round); it keeps the log for the binding's Unpack*Event.
	kindOther
)

// v2Event is one log, compact: 48 bytes instead of a types.Log's ~300, so
// that a round of a million allocations stays in memory.
type v2Event struct {
	kind    v2Kind
	tx      uint32         // index into v2Logs.txs
	other   int32          // kindOther: index into v2Logs.others
	citizen common.Address // Claimed, Allocated, Withdrawn, Materialized
	// a: Claimed index, Allocated/Withdrawn initiative id, Materialized batch id.
	// b: Claimed quota, Allocated/Withdrawn amount, Materialized unallocated.
	a, b uint64
}

// v2Logs is the round's and token's logs in chain order, decoded.
type v2Logs struct {
	round, token common.Address
	events       []v2Event
	others       []types.Log
	txs          []v2Tx
	txIndex      map[common.Hash]uint32 // tx hash → index into txs
	bad          []string               // logs that do not decode
	// onCitizenTx, when set, learns each transaction with a per-citizen
	// event once, as soon as it is seen.
	onCitizenTx func(idx uint32, hash common.Hash)
}

// v2Tx is a transaction that emitted at least one of the logs.
type v2Tx struct {
	hash        common.Hash
	block, time uint64 // time: the block's timestamp when the node gives it (0 if not)
	// perCitizen is whether it emitted Claimed, Allocated or Withdrawn: the
	// transactions whose calldata is read for relayed signatures.
	perCitizen bool
	v2Call
}

func newV2Logs(round, token common.Address) *v2Logs {
	return &v2Logs{round: round, token: token, txIndex: map[common.Hash]uint32{}}
}

// add decodes one log. A per-citizen event is decoded from its topics and
// data by hand (no reflection); a malformed one is kept as a finding.
func (d *v2Logs) add(l *types.Log) {
	if l.Removed || len(l.Topics) == 0 || (l.Address != d.round && l.Address != d.token) {
		return
	}
	ev := v2Event{kind: kindOther, tx: d.tx(l)}
	if l.Address == d.round {
		switch l.Topics[0] {
		case topicClaimed:
			ev.kind = kindClaimed
		case topicAllocated:
			ev.kind = kindAllocated
		case topicWithdrawn:
			ev.kind = kindWithdrawn
		case topicMaterialized:
			ev.kind = kindMaterialized
		}
	}
	if ev.kind == kindOther {
		ev.other = int32(len(d.others))
		d.others = append(d.others, *l)
		d.events = append(d.events, ev)
		return
	}
	if err := decodeCitizenEvent(&ev, l); err != nil {
		d.bad = append(d.bad, fmt.Sprintf("log %d of tx %s does not decode: %v", l.Index, l.TxHash.Hex(), err))
		return
	}
	if t := &d.txs[ev.tx]; ev.kind != kindMaterialized && !t.perCitizen {
		t.perCitizen = true
		if d.onCitizenTx != nil {
			d.onCitizenTx(ev.tx, t.hash)
		}
	}
	d.events = append(d.events, ev)
}

func (d *v2Logs) tx(l *types.Log) uint32 {
	i, ok := d.txIndex[l.TxHash]
	if !ok {
		i = uint32(len(d.txs))
		d.txIndex[l.TxHash] = i
		d.txs = append(d.txs, v2Tx{hash: l.TxHash, block: l.BlockNumber, time: l.BlockTimestamp})
	}
	return i
}

// decodeCitizenEvent decodes event(address indexed citizen, uint256 indexed
// a, uint256 b): all four per-citizen events have this layout.
func decodeCitizenEvent(ev *v2Event, l *types.Log) error {
	if len(l.Topics) != 3 || len(l.Data) != 32 {
		return fmt.Errorf("want 3 topics and 32 bytes of data, got %d and %d", len(l.Topics), len(l.Data))
	}
	if !isZero(l.Topics[1][:12]) {
		return fmt.Errorf("citizen topic %s is not an address", l.Topics[1].Hex())
	}
	ev.citizen = common.BytesToAddress(l.Topics[1][12:])
	var ok1, ok2 bool
	ev.a, ok1 = word64(l.Topics[2][:])
	ev.b, ok2 = word64(l.Data)
	if !ok1 || !ok2 {
		return fmt.Errorf("a value exceeds 64 bits (topic %s, data %x)", l.Topics[2].Hex(), l.Data)
	}
	return nil
}

// word64 reads a 32-byte big-endian word that must fit in 64 bits (the
// contract keeps quotas, amounts and ids in uint64 or less).
func word64(w []byte) (uint64, bool) {
	return binary.BigEndian.Uint64(w[24:32]), isZero(w[:24])
}

func isZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
