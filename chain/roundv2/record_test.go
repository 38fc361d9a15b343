package roundv2_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// packHead is contracts/test/helpers/round-v2.js packHead, with big.Int.
func packHead(kind, amount, quotaOrNonce, id, index, deadline uint64) string {
	h := new(big.Int)
	for _, f := range []struct{ v, shift uint64 }{{amount, 0}, {quotaOrNonce, 64}, {id, 128}, {index, 144}, {deadline, 176}, {kind, 216}} {
		h.Or(h, new(big.Int).Lsh(new(big.Int).SetUint64(f.v), uint(f.shift)))
	}
	return "0x" + h.Text(16)
}

func TestHeadLayout(t *testing.T) {
	tests := []struct {
		name string
		r    roundv2.Record
		want string // hex
	}{
		{"claim", roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 0x5dc, Quota: 0xfa0, Initiative: 1, Index: 0, Deadline: 1798761600},
			"0x6b36ec800000000000010000000000000fa000000000000005dc"},
		{"allocate", roundv2.Record{Kind: roundv2.KindAllocate, Amount: 1, Nonce: 2, Initiative: 3, Deadline: 4},
			packHead(1, 1, 2, 3, 0, 4)},
		{"withdraw, all fields full", roundv2.Record{Kind: roundv2.KindWithdraw, Amount: 1<<64 - 1, Nonce: 1<<64 - 1, Initiative: 0xffff, Deadline: roundv2.MaxDeadline},
			packHead(2, 1<<64-1, 1<<64-1, 0xffff, 0, roundv2.MaxDeadline)},
		{"claim with index", roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1, Quota: 1, Initiative: 1, Index: 1<<32 - 1, Deadline: 1},
			packHead(0, 1, 1, 1, 1<<32-1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Validate(); err != nil {
				t.Fatal(err)
			}
			got := tt.r.Head()
			if "0x"+got.Text(16) != tt.want {
				t.Errorf("Head() = %#x, want %s", got, tt.want)
			}
			back, err := roundv2.ParseHead(got)
			if err != nil || back != tt.r {
				t.Errorf("ParseHead(Head()) = %+v, %v; want %+v", back, err, tt.r)
			}
		})
	}
}

func TestParseHeadRejects(t *testing.T) {
	one := big.NewInt(1)
	tests := []struct {
		name string
		h    *big.Int
	}{
		{"nil", nil},
		{"negative", big.NewInt(-1)},
		{"bit 224", new(big.Int).Lsh(one, 224)},
		{"bit 255", new(big.Int).Lsh(one, 255)},
		{"kind 3", new(big.Int).Lsh(big.NewInt(3), 216)},
		{"kind 255", new(big.Int).Lsh(big.NewInt(255), 216)},
		{"allocate with an index", new(big.Int).Or(new(big.Int).Lsh(one, 216), new(big.Int).Lsh(one, 144))},
		{"withdraw with an index", new(big.Int).Or(new(big.Int).Lsh(big.NewInt(2), 216), new(big.Int).Lsh(one, 175))},
	}
	for _, tt := range tests {
		if r, err := roundv2.ParseHead(tt.h); !errors.Is(err, roundv2.ErrBadRecord) {
			t.Errorf("%s: ParseHead = %+v, %v; want ErrBadRecord", tt.name, r, err)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		r    roundv2.Record
	}{
		{"unknown kind", roundv2.Record{Kind: 3, Amount: 1}},
		{"deadline 2^40", roundv2.Record{Kind: roundv2.KindAllocate, Deadline: 1 << 40}},
		{"claim with a nonce", roundv2.Record{Kind: roundv2.KindClaimAllocate, Nonce: 1}},
		{"allocate with a quota", roundv2.Record{Kind: roundv2.KindAllocate, Quota: 1}},
		{"withdraw with an index", roundv2.Record{Kind: roundv2.KindWithdraw, Index: 1}},
	}
	for _, tt := range tests {
		if err := tt.r.Validate(); !errors.Is(err, roundv2.ErrBadRecord) {
			t.Errorf("%s: Validate() = %v, want ErrBadRecord", tt.name, err)
		}
	}
}

// FuzzParseHead: ParseHead takes heads from outside. Whatever it accepts
// packs back to the same head, and every valid record round-trips.
func FuzzParseHead(f *testing.F) {
	f.Add([]byte{0x6b, 0x36, 0xec, 0x80, 0, 1}, uint8(0), uint64(1), uint64(2), uint16(3), uint32(4), uint64(5))
	f.Add(make([]byte, 32), uint8(2), uint64(1<<64-1), uint64(0), uint16(0xffff), uint32(0), uint64(1<<40-1))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff}, uint8(1), uint64(0), uint64(9), uint16(1), uint32(1), uint64(1<<40))
	f.Fuzz(func(t *testing.T, raw []byte, kind uint8, amount, field uint64, initiative uint16, index uint32, deadline uint64) {
		h := new(big.Int).SetBytes(raw)
		if r, err := roundv2.ParseHead(h); err == nil {
			if got := r.Head(); got.Cmp(h) != 0 {
				t.Fatalf("ParseHead(%#x) = %+v, which packs to %#x", h, r, got)
			}
			if err := r.Validate(); err != nil {
				t.Fatalf("ParseHead(%#x) = %+v, which does not validate: %v", h, r, err)
			}
		} else if !errors.Is(err, roundv2.ErrBadRecord) {
			t.Fatalf("ParseHead(%#x): error %v is not ErrBadRecord", h, err)
		}
		r := roundv2.Record{Kind: roundv2.Kind(kind), Amount: amount, Initiative: initiative, Deadline: deadline}
		if r.Kind == roundv2.KindClaimAllocate {
			r.Quota, r.Index = field, index
		} else {
			r.Nonce = field
		}
		if r.Validate() != nil {
			return
		}
		back, err := roundv2.ParseHead(r.Head())
		if err != nil || back != r {
			t.Fatalf("ParseHead(%+v.Head()) = %+v, %v", r, back, err)
		}
	})
}
