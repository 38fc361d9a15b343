package roundv2

import (
	"bytes"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// EventKind is one of the round's per-citizen events that move tokens.
type EventKind uint8

// The per-citizen events a direct call or a relay emits.
const (
	EventClaimed   EventKind = iota + 1 // Claimed(citizen, index, quota)
	EventAllocated                      // Allocated(citizen, id, amount)
	EventWithdrawn                      // Withdrawn(citizen, id, amount)
)

func (k EventKind) String() string {
	switch k {
	case EventClaimed:
		return "Claimed"
	case EventAllocated:
		return "Allocated"
	case EventWithdrawn:
		return "Withdrawn"
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// CitizenEvent is a decoded Claimed, Allocated or Withdrawn log. For Claimed, Index and
// Quota are set; for the others Initiative and Amount.
type CitizenEvent struct {
	Kind       EventKind
	Citizen    common.Address
	Index      uint64
	Quota      uint64
	Initiative uint16
	Amount     uint64
	Block      uint64
	TxHash     common.Hash
	LogIndex   uint
}

var eventTopics = map[common.Hash]EventKind{
	binding.GetABI().Events["Claimed"].ID:   EventClaimed,
	binding.GetABI().Events["Allocated"].ID: EventAllocated,
	binding.GetABI().Events["Withdrawn"].ID: EventWithdrawn,
}

// CitizenEventTopics are the first topics of Claimed, Allocated and Withdrawn, for a log
// filter (one position, any of them).
func CitizenEventTopics() []common.Hash {
	out := make([]common.Hash, 0, len(eventTopics))
	for _, name := range []string{"Claimed", "Allocated", "Withdrawn"} {
		out = append(out, binding.GetABI().Events[name].ID)
	}
	return out
}

// ParseCitizenEvent decodes l, a Claimed, Allocated or Withdrawn log of a round. The three
// have the layout event(address indexed citizen, uint256 indexed a, uint256 b).
func ParseCitizenEvent(l types.Log) (CitizenEvent, error) {
	if len(l.Topics) == 0 {
		return CitizenEvent{}, fmt.Errorf("log %d of tx %s: no topics", l.Index, l.TxHash)
	}
	kind, ok := eventTopics[l.Topics[0]]
	if !ok || len(l.Topics) != 3 || len(l.Data) != 32 {
		return CitizenEvent{}, fmt.Errorf("log %d of tx %s: not a Claimed, Allocated or Withdrawn event", l.Index, l.TxHash)
	}
	a, b := l.Topics[2].Big(), common.BytesToHash(l.Data).Big()
	if !a.IsUint64() || !b.IsUint64() || !bytes.Equal(l.Topics[1][:12], make([]byte, 12)) {
		return CitizenEvent{}, fmt.Errorf("log %d of tx %s: a value out of range", l.Index, l.TxHash)
	}
	ev := CitizenEvent{Kind: kind, Citizen: common.BytesToAddress(l.Topics[1][12:]), Block: l.BlockNumber, TxHash: l.TxHash, LogIndex: l.Index}
	if kind == EventClaimed {
		ev.Index, ev.Quota = a.Uint64(), b.Uint64()
		return ev, nil
	}
	if a.Uint64() > 0xffff {
		return CitizenEvent{}, fmt.Errorf("log %d of tx %s: initiative %d out of range", l.Index, l.TxHash, a)
	}
	ev.Initiative, ev.Amount = uint16(a.Uint64()), b.Uint64()
	return ev, nil
}

// directSelectors are the round's functions a citizen calls from their own wallet.
var directSelectors = [][]byte{
	binding.GetABI().Methods["claimAndAllocate"].ID,
	binding.GetABI().Methods["allocate"].ID,
	binding.GetABI().Methods["withdraw"].ID,
	binding.GetABI().Methods["move"].ID,
}

// DirectCaller returns the account that sent tx as a direct call on round: tx calls
// claimAndAllocate, allocate, withdraw or move on round itself, so its sender is the
// contract's msg.sender, the citizen of every event it emits. ok is false for anything else
// (a relay or a materialize, a call through another contract) or a sender signer cannot
// recover.
func DirectCaller(round common.Address, tx *types.Transaction, signer types.Signer) (common.Address, bool) {
	data := tx.Data()
	if tx.To() == nil || *tx.To() != round || len(data) < 4 {
		return common.Address{}, false
	}
	direct := false
	for _, sel := range directSelectors {
		direct = direct || bytes.Equal(data[:4], sel)
	}
	if !direct {
		return common.Address{}, false
	}
	from, err := types.Sender(signer, tx)
	return from, err == nil
}
