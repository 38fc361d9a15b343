package storage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestCitizens(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		a := addr()
		upper := "0x" + strings.ToUpper(a[2:])
		c := storage.Citizen{Address: upper}
		if err := db.CreateCitizen(ctx, &c); err != nil || c.ID == 0 || c.Address != a {
			t.Fatalf("CreateCitizen = %+v, %v", c, err)
		}
		tests := []struct {
			name    string
			addr    string
			wantErr error
		}{
			{"same address", a, storage.ErrConflict},
			{"same address in upper case", upper, storage.ErrConflict},
			{"malformed", "0xnothex", storage.ErrInvalid},
			{"empty", "", storage.ErrInvalid},
		}
		for _, tt := range tests {
			if err := db.CreateCitizen(ctx, &storage.Citizen{Address: tt.addr}); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateCitizen err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		if got, err := db.CitizenByAddress(ctx, upper); err != nil || got != c {
			t.Errorf("CitizenByAddress = %+v, %v; want %+v", got, err, c)
		}
		if got, err := db.Citizen(ctx, c.ID); err != nil || got != c {
			t.Errorf("Citizen = %+v, %v; want %+v", got, err, c)
		}
		if _, err := db.Citizen(ctx, c.ID+100); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Citizen of an unknown id: err = %v", err)
		}
		if _, err := db.CitizenByAddress(ctx, addr()); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("CitizenByAddress of an unknown address: err = %v", err)
		}
	})
}

func TestListCitizensPages(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		var ids []int64
		for range 5 {
			ids = append(ids, newCitizen(t, db).ID)
		}
		var after int64
		for _, want := range [][]int64{ids[0:2], ids[2:4], ids[4:5], {}} {
			page, err := db.ListCitizens(ctx, 2, after)
			if err != nil || len(page) != len(want) {
				t.Fatalf("ListCitizens(2, %d) = %+v, %v; want ids %v", after, page, err, want)
			}
			for i, c := range page {
				if c.ID != want[i] {
					t.Errorf("page after %d: id %d, want %d", after, c.ID, want[i])
				}
				after = c.ID
			}
		}
		if _, err := db.ListCitizens(ctx, 0, 0); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("ListCitizens(0) err = %v, want ErrInvalid", err)
		}
	})
}
