package storage_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestRounds(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		moscow := time.FixedZone("MSK", 3*3600)
		deadline := time.Date(2031, 5, 1, 23, 59, 59, 123456789, moscow)
		rd := storage.Round{Name: "Park 2031", Symbol: "PARK", Budget: 100_000_000, Deadline: deadline, Treasury: strings.ToUpper(addr())}
		rd.Treasury = "0x" + rd.Treasury[2:]

		t.Run("create and load", func(t *testing.T) {
			if err := db.CreateRound(ctx, &rd); err != nil {
				t.Fatal(err)
			}
			if rd.ID == 0 || rd.Status != storage.RoundDeploying || rd.Treasury != strings.ToLower(rd.Treasury) {
				t.Errorf("created round = %+v", rd)
			}
			if !rd.Deadline.Equal(deadline.Truncate(time.Microsecond)) || rd.Deadline.Location() != time.UTC {
				t.Errorf("Deadline = %v, want %v in UTC", rd.Deadline, deadline)
			}
			got, err := db.Round(ctx, rd.ID)
			if err != nil || got != rd {
				t.Errorf("Round = %+v, %v\nwant %+v", got, err, rd)
			}
		})
		t.Run("invalid", func(t *testing.T) {
			base := storage.Round{Name: "n", Symbol: "S", Budget: 1, Deadline: deadline, Treasury: addr()}
			for name, edit := range map[string]func(*storage.Round){
				"no name":       func(r *storage.Round) { r.Name = "" },
				"zero budget":   func(r *storage.Round) { r.Budget = 0 },
				"no deadline":   func(r *storage.Round) { r.Deadline = time.Time{} },
				"bad treasury":  func(r *storage.Round) { r.Treasury = "0xabc" },
				"bad status":    func(r *storage.Round) { r.Status = "closed" },
				"bad addresses": func(r *storage.Round) { r.Address = "nope" },
			} {
				r := base
				edit(&r)
				if err := db.CreateRound(ctx, &r); !errors.Is(err, storage.ErrInvalid) {
					t.Errorf("%s: CreateRound err = %v, want ErrInvalid", name, err)
				}
			}
		})
		t.Run("chain addresses", func(t *testing.T) {
			round, token := addr(), addr()
			if err := db.SetRoundChain(ctx, rd.ID, "0x"+strings.ToUpper(round[2:]), token); err != nil {
				t.Fatal(err)
			}
			got, err := db.RoundByAddress(ctx, "0x"+strings.ToUpper(round[2:]))
			if err != nil || got.ID != rd.ID || got.Address != round || got.TokenAddress != token {
				t.Errorf("RoundByAddress = %+v, %v", got, err)
			}
			other := newRound(t, db)
			if err := db.SetRoundChain(ctx, other.ID, round, addr()); !errors.Is(err, storage.ErrConflict) {
				t.Errorf("second round at the same address: err = %v, want ErrConflict", err)
			}
			if err := db.SetRoundChain(ctx, 9999, addr(), addr()); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("unknown round: err = %v, want ErrNotFound", err)
			}
			if _, err := db.RoundByAddress(ctx, addr()); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("RoundByAddress of an unknown address: err = %v, want ErrNotFound", err)
			}
			if _, err := db.RoundByAddress(ctx, "round"); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("RoundByAddress of a malformed address: err = %v, want ErrInvalid", err)
			}
		})
		t.Run("status", func(t *testing.T) {
			tests := []struct {
				id      int64
				status  storage.RoundStatus
				wantErr error
			}{
				{rd.ID, storage.RoundOpen, nil},
				{rd.ID, storage.RoundFinalizing, nil},
				{rd.ID, "closed", storage.ErrInvalid},
				{9999, storage.RoundOpen, storage.ErrNotFound},
			}
			for _, tt := range tests {
				if err := db.SetRoundStatus(ctx, tt.id, tt.status); !errors.Is(err, tt.wantErr) {
					t.Errorf("SetRoundStatus(%d, %q) err = %v, want %v", tt.id, tt.status, err, tt.wantErr)
				}
			}
			got, err := db.Round(ctx, rd.ID)
			if err != nil || got.Status != storage.RoundFinalizing || got.UpdatedAt.Before(got.CreatedAt) {
				t.Errorf("Round after status changes = %+v, %v", got, err)
			}
		})
		t.Run("list by id", func(t *testing.T) {
			rounds, err := db.ListRounds(ctx)
			if err != nil || len(rounds) != 2 || rounds[0].ID != rd.ID || rounds[1].ID <= rd.ID {
				t.Errorf("ListRounds = %+v, %v", rounds, err)
			}
		})
		if _, err := db.Round(ctx, 9999); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Round(9999) err = %v, want ErrNotFound", err)
		}
	})
}
