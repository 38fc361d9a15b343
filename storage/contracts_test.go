package storage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestContracts(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		if _, err := db.Contract(ctx, "AnchorRegistry"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("Contract before save: err = %v, want ErrNotFound", err)
		}
		first, second := addr(), addr()
		for _, a := range []string{first, second} { // a redeployment replaces the first
			c := storage.Contract{Name: "AnchorRegistry", Address: "0x" + strings.ToUpper(a[2:]), TxHash: txHash()}
			if err := db.SaveContract(ctx, &c); err != nil {
				t.Fatal(err)
			}
			got, err := db.Contract(ctx, "AnchorRegistry")
			if err != nil || got != c || got.Address != a {
				t.Fatalf("Contract = %+v, %v; want %+v with address %s", got, err, c, a)
			}
		}
		bad := []storage.Contract{
			{Name: "", Address: addr(), TxHash: txHash()},
			{Name: "X", Address: "0x1234", TxHash: txHash()},
			{Name: "X", Address: addr(), TxHash: "deadbeef"},
		}
		for _, c := range bad {
			if err := db.SaveContract(ctx, &c); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("SaveContract(%+v) err = %v, want ErrInvalid", c, err)
			}
		}
	})
}
