package roundv2_test

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// Example packs a first use as the relayed head (R-1.2, R-1.3): claim a
// quota of 4000 kopecks at eligibility index 7 and put 1500 into
// initiative 2, and parses it back.
func Example() {
	r := roundv2.Record{
		Kind:       roundv2.KindClaimAllocate,
		Amount:     1500,
		Quota:      4000,
		Initiative: 2,
		Index:      7,
		Deadline:   1798761600, // 2027-01-01T00:00:00Z
	}
	head := r.Head()
	fmt.Printf("head %#x\n", head)
	back, err := roundv2.ParseHead(head)
	fmt.Println(back == r, err)
	fmt.Println(back.Kind, back.Index, back.Quota, back.Amount)
	// Output:
	// head 0x6b36ec800000000700020000000000000fa000000000000005dc
	// true <nil>
	// claim+allocate 7 4000 1500
}

// ExampleParseCitizenEvent decodes an Allocated log: citizen 0x…c1 put 2500 kopecks into
// initiative 3 (R-1.3).
func ExampleParseCitizenEvent() {
	l := types.Log{
		Topics: []common.Hash{roundv2.CitizenEventTopics()[1], common.BytesToHash(common.HexToAddress("0xc1").Bytes()), common.BigToHash(big.NewInt(3))},
		Data:   common.BigToHash(big.NewInt(2500)).Bytes(),
	}
	ev, err := roundv2.ParseCitizenEvent(l)
	fmt.Println(ev.Kind, ev.Citizen.Hex(), ev.Initiative, ev.Amount, err)
	// Output:
	// Allocated 0x00000000000000000000000000000000000000C1 3 2500 <nil>
}
