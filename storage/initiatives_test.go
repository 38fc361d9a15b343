package storage_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// Initiative numbers are the on-chain ids 1..n of each round (BudgetRound.registerInitiative).
func TestInitiativeNumbers(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		a, b := newRound(t, db), newRound(t, db)
		for _, tt := range []struct {
			round storage.Round
			want  int
		}{{a, 1}, {a, 2}, {b, 1}, {a, 3}, {b, 2}} {
			if in := newInitiative(t, db, tt.round.ID, 500); in.Number != tt.want || in.RoundID != tt.round.ID {
				t.Errorf("initiative in round %d = %+v, want number %d", tt.round.ID, in, tt.want)
			}
		}
		list, err := db.Initiatives(ctx, a.ID)
		if err != nil || len(list) != 3 || list[0].Number != 1 || list[2].Number != 3 {
			t.Fatalf("Initiatives = %+v, %v", list, err)
		}
		got, err := db.InitiativeByNumber(ctx, a.ID, 2)
		if err != nil || got != list[1] {
			t.Errorf("InitiativeByNumber(2) = %+v, %v; want %+v", got, err, list[1])
		}
		if got, err := db.Initiative(ctx, list[2].ID); err != nil || got != list[2] {
			t.Errorf("Initiative(%d) = %+v, %v", list[2].ID, got, err)
		}
		if _, err := db.InitiativeByNumber(ctx, a.ID, 4); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("InitiativeByNumber(4) err = %v, want ErrNotFound", err)
		}
		tests := []struct {
			name    string
			in      storage.Initiative
			wantErr error
		}{
			{"unknown round", storage.Initiative{RoundID: 9999, Title: "x", Cost: 1}, storage.ErrNotFound},
			{"zero cost", storage.Initiative{RoundID: a.ID, Title: "x"}, storage.ErrInvalid},
			{"no title", storage.Initiative{RoundID: a.ID, Cost: 1}, storage.ErrInvalid},
		}
		for _, tt := range tests {
			if err := db.CreateInitiative(ctx, &tt.in); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateInitiative err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
	})
}

func TestInitiativeNumbersConcurrent(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		rd := newRound(t, db)
		const workers, each = 8, 4
		ok := hammer(t, workers, each, nil, func(int, int) error {
			return db.CreateInitiative(t.Context(), &storage.Initiative{RoundID: rd.ID, Title: "x", Cost: 1})
		})
		list, err := db.Initiatives(t.Context(), rd.ID)
		if err != nil || ok != workers*each || len(list) != workers*each {
			t.Fatalf("%d created, %d listed, %v", ok, len(list), err)
		}
		for i, in := range list {
			if in.Number != i+1 {
				t.Fatalf("numbers are not 1..%d: %d at %d", len(list), in.Number, i)
			}
		}
	})
}

// taking tokens back out of a piggy bank never takes out more than is in it.
func TestAddReceived(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		in := newInitiative(t, db, newRound(t, db).ID, 1000)
		steps := []struct {
			id, delta, want int64
			wantErr         error
		}{
			{in.ID, 100, 100, nil},
			{in.ID, -40, 60, nil},
			{in.ID, -61, 60, storage.ErrInsufficient},
			{in.ID, -60, 0, nil},
			{in.ID, -1, 0, storage.ErrInsufficient},
			{9999, 1, 0, storage.ErrNotFound},
		}
		for _, s := range steps {
			if err := db.AddReceived(ctx, s.id, s.delta); !errors.Is(err, s.wantErr) {
				t.Errorf("AddReceived(%d, %d) err = %v, want %v", s.id, s.delta, err, s.wantErr)
			}
			if got, _ := db.Initiative(ctx, in.ID); got.Received != s.want {
				t.Errorf("after AddReceived(%d, %d): received %d, want %d", s.id, s.delta, got.Received, s.want)
			}
		}
		if err := db.AddReceived(ctx, in.ID, 500); err != nil {
			t.Fatal(err)
		}
		ok := hammer(t, 8, 20, storage.ErrInsufficient, func(int, int) error { return db.AddReceived(ctx, in.ID, -7) })
		got, _ := db.Initiative(ctx, in.ID)
		if ok != 500/7 || got.Received != 500-int64(ok)*7 {
			t.Errorf("concurrent withdrawals: %d succeeded, received %d; want %d and %d", ok, got.Received, 500/7, 500%7)
		}
	})
}

// the funded set recorded after finalize() is exactly the given numbers.
func TestSetFunded(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		for range 3 {
			newInitiative(t, db, rd.ID, 10)
		}
		other := newRound(t, db)
		newInitiative(t, db, other.ID, 10)
		tests := []struct {
			numbers []int
			want    []int
			wantErr error
		}{
			{[]int{3, 1, 1}, []int{1, 3}, nil},
			{[]int{2}, []int{2}, nil},
			{[]int{1, 99}, []int{2}, storage.ErrNotFound},
			{nil, nil, nil},
		}
		for _, tt := range tests {
			if err := db.SetFunded(ctx, rd.ID, tt.numbers); !errors.Is(err, tt.wantErr) {
				t.Errorf("SetFunded(%v) err = %v, want %v", tt.numbers, err, tt.wantErr)
			}
			list, err := db.Initiatives(ctx, rd.ID)
			if err != nil {
				t.Fatal(err)
			}
			var funded []int
			for _, in := range list {
				if in.Funded {
					funded = append(funded, in.Number)
				}
			}
			if !slices.Equal(funded, tt.want) {
				t.Errorf("after SetFunded(%v): funded %v, want %v", tt.numbers, funded, tt.want)
			}
		}
		if in, _ := db.InitiativeByNumber(ctx, other.ID, 1); in.Funded {
			t.Error("SetFunded touched another round")
		}
	})
}
