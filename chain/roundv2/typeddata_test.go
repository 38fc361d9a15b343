package roundv2_test

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// TestTypedDataHashesToDigest: the eth_signTypedData_v4 request of every record kind,
// hashed as a wallet hashes it (go-ethereum's apitypes, from its JSON), is the digest the
// contract checks. A first use is signed as Allocate with nonce 0.
func TestTypedDataHashesToDigest(t *testing.T) {
	d := roundv2.Domain{ChainID: big.NewInt(1337), Round: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}
	for _, r := range []roundv2.Record{
		{Kind: roundv2.KindClaimAllocate, Amount: 50_000, Quota: 150_000, Index: 7, Initiative: 2, Deadline: 1_900_000_000},
		{Kind: roundv2.KindAllocate, Amount: 1, Nonce: 1, Initiative: 65535, Deadline: roundv2.MaxDeadline},
		{Kind: roundv2.KindWithdraw, Amount: 20_050, Nonce: 9, Initiative: 1, Deadline: 1},
	} {
		t.Run(r.Kind.String(), func(t *testing.T) {
			raw, err := json.Marshal(d.TypedData(r))
			if err != nil {
				t.Fatal(err)
			}
			var td apitypes.TypedData
			if err := json.Unmarshal(raw, &td); err != nil {
				t.Fatalf("a wallet cannot read %s: %v", raw, err)
			}
			got, _, err := apitypes.TypedDataAndHash(td)
			if err != nil {
				t.Fatalf("hash %s: %v", raw, err)
			}
			if want := d.Digest(r); common.BytesToHash(got) != want {
				t.Fatalf("%s hashes to %x, the contract's digest is %s", raw, got, want)
			}
			if td.PrimaryType != r.Kind.PrimaryType() {
				t.Fatalf("primary type %q for a %s", td.PrimaryType, r.Kind)
			}
		})
	}
}
