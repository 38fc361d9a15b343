package storage_test

import (
	"errors"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestSettings(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		tests := []struct {
			name, set, key, want string
			wantErr              error
		}{
			{name: "missing", key: "a", wantErr: storage.ErrNotFound},
			{name: "set", set: "1", key: "a", want: "1"},
			{name: "overwrite", set: "2", key: "a", want: "2"},
			{name: "empty value", set: "", key: "b", want: ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.wantErr == nil {
					if err := db.SetSetting(ctx, tt.key, tt.set); err != nil {
						t.Fatal(err)
					}
				}
				got, err := db.Setting(ctx, tt.key)
				if got != tt.want || !errors.Is(err, tt.wantErr) {
					t.Errorf("Setting(%q) = %q, %v; want %q, %v", tt.key, got, err, tt.want, tt.wantErr)
				}
			})
		}
	})
}
