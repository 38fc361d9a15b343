package budget_test

import (
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestEligibilityListRead: the list is every leaf in index order, whatever order the rows
// were written in, with no root until a root operation is mined; a v1 round has none, an
// unknown round is not found. No chain: the operations stay pending.
func TestEligibilityListRead(t *testing.T) {
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		svc := budget.New(db, nopNotifier{}, common.HexToAddress("0xf1"), slog.New(slog.DiscardHandler))
		round := func(version int) int64 {
			rd := storage.Round{Name: "List", Symbol: "L", Budget: 1000, Deadline: time.Now().Add(time.Hour),
				Treasury: "0x00000000000000000000000000000000000000f1", Status: storage.RoundOpen, ContractVersion: version,
				Address: fmt.Sprintf("0x%040x", 0xb0+version), TokenAddress: fmt.Sprintf("0x%040x", 0xc0+version)}
			if err := db.CreateRound(ctx, &rd); err != nil {
				t.Fatal(err)
			}
			return rd.ID
		}
		v2, v1 := round(2), round(1)
		var want []budget.EligibilityLeaf
		for i := range 4 {
			want = append(want, budget.EligibilityLeaf{Index: int64(i), Address: common.BigToAddress(big.NewInt(int64(0x100 << i))), Quota: int64(100 + i)})
		}
		for _, i := range []int{2, 0, 3, 1} { // written out of order
			c := storage.Citizen{Address: want[i].Address.Hex()}
			if err := db.CreateCitizen(ctx, &c); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: v2, CitizenID: c.ID, Index: want[i].Index, Amount: want[i].Quota}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.EnqueueOp(ctx, &storage.Op{Kind: "budget.set_eligibility_root", RoundID: &v2, Payload: []byte(`{"leaves":4}`)}); err != nil {
			t.Fatal(err)
		}
		defer budget.SetEligibilityPage(3)() // two pages of storage reads
		list, err := svc.EligibilityList(ctx, v2)
		if err != nil {
			t.Fatal(err)
		}
		var got []budget.EligibilityLeaf
		for l, err := range list.Leaves {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, l)
		}
		if !slices.Equal(got, want) || list.Len != 4 || list.Published != 0 || len(list.Roots) != 0 ||
			list.Round != common.HexToAddress("0xb2") {
			t.Fatalf("list %+v with leaves %+v, want %+v, no root yet", list, got, want)
		}
		if _, err := svc.EligibilityList(ctx, v1); !errors.Is(err, budget.ErrInvalid) {
			t.Errorf("v1 round: %v, want ErrInvalid", err)
		}
		if _, err := svc.EligibilityList(ctx, 999); !errors.Is(err, budget.ErrRoundNotFound) {
			t.Errorf("unknown round: %v, want ErrRoundNotFound", err)
		}
	})
}
