package keys

import (
	"context"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// KeyCount is how many ciphertexts of one column each key sealed.
type KeyCount struct {
	Column    storage.CipherColumn
	ByKey     map[string]int // by key ID, from each ciphertext's header
	Malformed int            // ciphertexts without a readable header
}

// Status counts, for every column of storage.CiphertextColumns, the ciphertexts sealed under
// each key ID. It reads headers only: it needs no key. A key that no column counts any more
// seals nothing stored and may leave its ring. batch 0 means DefaultBatch.
func Status(ctx context.Context, store Reader, batch int) ([]KeyCount, error) {
	if batch <= 0 {
		batch = DefaultBatch
	}
	var out []KeyCount
	for _, col := range storage.CiphertextColumns() {
		kc := KeyCount{Column: col, ByKey: map[string]int{}}
		var after storage.RowKey
		for {
			vals, err := store.Ciphertexts(ctx, col, after, batch)
			if err != nil {
				return out, err
			}
			if len(vals) == 0 {
				break
			}
			after = vals[len(vals)-1].Key
			for _, v := range vals {
				if id, err := pii.KeyIDOf(v.Cipher); err != nil {
					kc.Malformed++
				} else {
					kc.ByKey[id]++
				}
			}
		}
		out = append(out, kc)
	}
	return out, nil
}
