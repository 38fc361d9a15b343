package audit

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// relayFixture is calldata of a relay of three signed records.
func relayFixture(t testing.TB) ([]byte, []roundv2.Signed, roundv2.Domain) {
	t.Helper()
	dom := roundv2.Domain{ChainID: big.NewInt(1337), Round: synthRound}
	keys := synthKeys(t, 3)
	recs := []roundv2.Record{
		{Kind: roundv2.KindClaimAllocate, Amount: 5, Quota: 9, Initiative: 2, Index: 7, Deadline: 1 << 39},
		{Kind: roundv2.KindAllocate, Amount: 3, Nonce: 1, Initiative: 1, Deadline: 99},
		{Kind: roundv2.KindWithdraw, Amount: 1, Nonce: 2, Initiative: 65535, Deadline: roundv2.MaxDeadline},
	}
	signed := signAll(t, dom, recs, []int{0, 1, 2}, keys)
	bound := make([]budgetroundv2.BudgetRoundV2Signed, len(signed))
	for i := range signed {
		bound[i] = signed[i].Binding()
	}
	data := roundV2ABI.PackRelay(bound, [][32]byte{{1}, {2}}, []*big.Int{big.NewInt(5)})
	return data, signed, dom
}

// TestDecodeRelay: the hand decoder reads what the binding's ABI packs, and
// agrees with the ABI's own Unpack.
func TestDecodeRelay(t *testing.T) {
	data, want, _ := relayFixture(t)
	got, err := decodeRelay(data)
	if err != nil {
		t.Fatalf("decodeRelay: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	args, err := roundV2ABI.GetABI().Methods["relay"].Inputs.Unpack(data[4:])
	if err != nil {
		t.Fatal(err)
	}
	viaABI := args[0].([]struct {
		Head *big.Int `json:"head"`
		R    [32]byte `json:"r"`
		Vs   [32]byte `json:"vs"`
	})
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("record %d = %+v, want %+v", i, got[i], want[i])
		}
		if got[i].Record.Head().Cmp(viaABI[i].Head) != 0 || got[i].R != viaABI[i].R || got[i].VS != viaABI[i].Vs {
			t.Errorf("record %d differs from the ABI's Unpack", i)
		}
	}
	for _, bad := range [][]byte{nil, data[:4], data[:len(data)-1][:100], append([]byte{0, 0, 0, 0}, data[4:]...)} {
		if _, err := decodeRelay(bad); !errors.Is(err, errRelayCalldata) {
			t.Errorf("decodeRelay(%d bytes) err = %v, want errRelayCalldata", len(bad), err)
		}
	}
}

// FuzzDecodeRelay: calldata from outside never panics the decoder, and what
// it accepts the ABI accepts with the same records.
func FuzzDecodeRelay(f *testing.F) {
	data, _, _ := relayFixture(f)
	f.Add(data)
	f.Add(data[:len(data)-32])
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := decodeRelay(data)
		if err != nil {
			return
		}
		args, err := roundV2ABI.GetABI().Methods["relay"].Inputs.Unpack(data[4:])
		if err != nil {
			return // the ABI also checks the two other arguments
		}
		viaABI := args[0].([]struct {
			Head *big.Int `json:"head"`
			R    [32]byte `json:"r"`
			Vs   [32]byte `json:"vs"`
		})
		if len(viaABI) != len(recs) {
			t.Fatalf("%d records, the ABI reads %d", len(recs), len(viaABI))
		}
		for i := range recs {
			if recs[i].Record.Head().Cmp(viaABI[i].Head) != 0 || recs[i].R != viaABI[i].R || recs[i].VS != viaABI[i].Vs {
				t.Fatalf("record %d differs from the ABI's", i)
			}
		}
	})
}

// TestRecoverSigner: the fast path agrees with roundv2.Domain.Recover,
// including the signatures the contract refuses.
func TestRecoverSigner(t *testing.T) {
	_, signed, dom := relayFixture(t)
	n := crypto.S256().Params().N
	highS := signed[0]
	s := new(big.Int).SetBytes(append([]byte{highS.VS[0] & 0x7f}, highS.VS[1:]...))
	s.Sub(n, s)
	copy(highS.VS[:], common.LeftPadBytes(s.Bytes(), 32))
	highS.VS[0] |= (signed[0].VS[0] & 0x80) ^ 0x80
	zeroR := signed[1]
	zeroR.R = [32]byte{}
	otherRecord := signed[2]
	otherRecord.Record.Amount++
	for name, sig := range map[string]roundv2.Signed{
		"valid 0": signed[0], "valid 1": signed[1], "valid 2": signed[2],
		"high s": highS, "zero r": zeroR, "another record": otherRecord,
	} {
		want, err := dom.Recover(sig)
		if err != nil {
			want = common.Address{}
		}
		if got := recoverSigner(dom, &sig); got != want {
			t.Errorf("%s: recoverSigner = %s, Domain.Recover = %s (%v)", name, got.Hex(), want.Hex(), err)
		}
	}
	if recoverSigner(dom, &signed[0]) != crypto.PubkeyToAddress(synthKeys(t, 1)[0].PublicKey) {
		t.Error("valid signature does not recover its signer")
	}
	if bytes.Equal(highS.VS[:], signed[0].VS[:]) {
		t.Error("high-s fixture unchanged")
	}
}
