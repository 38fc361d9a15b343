package roundv2_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/roundv2"
)

var benchDomain = roundv2.Domain{ChainID: big.NewInt(1337), Round: common.Address{0xaa}}

// BenchmarkSign signs one Allocate with an in-memory key (digest, ECDSA,
// compact form, recovery check).
func BenchmarkSign(b *testing.B) {
	key, _ := crypto.GenerateKey()
	s := roundv2.KeySigner(key)
	r := roundv2.Record{Kind: roundv2.KindAllocate, Amount: 100, Nonce: 1, Initiative: 3, Deadline: 1798761600}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := roundv2.Sign(b.Context(), benchDomain, r, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecover recovers the signer of one record, as the node does for
// each claim of a batch to compute its claims root.
func BenchmarkRecover(b *testing.B) {
	key, _ := crypto.GenerateKey()
	r := roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 100, Quota: 1000, Initiative: 3, Index: 7, Deadline: 1798761600}
	signed, err := roundv2.Sign(b.Context(), benchDomain, r, roundv2.KeySigner(key))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := benchDomain.Recover(signed); err != nil {
			b.Fatal(err)
		}
	}
}
