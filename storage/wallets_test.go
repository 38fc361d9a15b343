package storage_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestLinkWallet(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u, other := newPhoneUser(t, db), newPhoneUser(t, db)
		c1, c2 := newCitizen(t, db), newCitizen(t, db)
		at := time.Now()
		first, err := db.LinkWallet(ctx, u.ID, nil, c1.ID, storage.WalletCustodial, at)
		if err != nil || first.ID == 0 || first.UnlinkedAt != nil {
			t.Fatalf("LinkWallet = %+v, %v", first, err)
		}
		tests := []struct {
			name    string
			user    int64
			from    *int64
			citizen int64
			kind    storage.WalletKind
			wantErr error
		}{
			{"from nil while linked", u.ID, nil, c2.ID, storage.WalletSIWE, storage.ErrConflict},
			{"from a stale citizen", u.ID, &c2.ID, c2.ID, storage.WalletSIWE, storage.ErrConflict},
			{"address of another user", other.ID, nil, c1.ID, storage.WalletSIWE, storage.ErrConflict},
			{"unknown user", u.ID + 1000, nil, c2.ID, storage.WalletSIWE, storage.ErrNotFound},
			{"unknown citizen", other.ID, nil, c2.ID + 1000, storage.WalletSIWE, storage.ErrNotFound},
			{"unknown kind", other.ID, nil, c2.ID, "paper", storage.ErrInvalid},
		}
		for _, tt := range tests {
			if _, err := db.LinkWallet(ctx, tt.user, tt.from, tt.citizen, tt.kind, at); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		second, err := db.LinkWallet(ctx, u.ID, &c1.ID, c2.ID, storage.WalletSIWE, at.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		cur, err := db.CurrentWalletLink(ctx, u.ID)
		if err != nil || cur.ID != second.ID || cur.Address != c2.Address || cur.Kind != storage.WalletSIWE {
			t.Fatalf("CurrentWalletLink = %+v, %v; want link %d to %s", cur, err, second.ID, c2.Address)
		}
		links, err := db.WalletLinks(ctx, u.ID)
		if err != nil || len(links) != 2 || links[0].UnlinkedAt == nil || links[1].UnlinkedAt != nil {
			t.Fatalf("WalletLinks = %+v, %v", links, err)
		}
		if got, _ := db.User(ctx, u.ID); got.CitizenID == nil || *got.CitizenID != c2.ID {
			t.Errorf("users.citizen_id = %v, want %d", got.CitizenID, c2.ID)
		}
		if _, err := db.CurrentWalletLink(ctx, other.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("CurrentWalletLink of a user without a wallet: err = %v", err)
		}
		for _, tt := range []struct {
			citizen, user int64
			want          bool
		}{{c1.ID, u.ID, false}, {c1.ID, other.ID, true}, {c2.ID, other.ID, true}} {
			if got, err := db.CitizenLinkedToOthers(ctx, tt.citizen, tt.user); err != nil || got != tt.want {
				t.Errorf("CitizenLinkedToOthers(%d, %d) = %v, %v; want %v", tt.citizen, tt.user, got, err, tt.want)
			}
		}
		ws, err := db.UserWallets(ctx, []int64{other.ID, u.ID})
		if err != nil || len(ws) != 1 || ws[0].UserRef != u.ID || ws[0].Address != c2.Address || ws[0].CitizenID != c2.ID {
			t.Errorf("UserWallets = %+v, %v", ws, err)
		}
	})
}

// TestLinkWalletConcurrently: of many concurrent first links of one user, one wins.
func TestLinkWalletConcurrently(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		u := newPhoneUser(t, db)
		var citizens []int64
		for range 8 {
			citizens = append(citizens, newCitizen(t, db).ID)
		}
		ok := hammer(t, 8, 1, storage.ErrConflict, func(w, _ int) error {
			_, err := db.LinkWallet(t.Context(), u.ID, nil, citizens[w], storage.WalletCustodial, time.Now())
			return err
		})
		if links, _ := db.WalletLinks(t.Context(), u.ID); ok != 1 || len(links) != 1 {
			t.Errorf("%d links succeeded, %d recorded; want 1", ok, len(links))
		}
	})
}

func TestCustodialKeys(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		c := newCitizen(t, db)
		sealed := []byte{1, 'k', 0, 0xff}
		if err := db.CreateCustodialKey(ctx, c.ID, sealed); err != nil {
			t.Fatal(err)
		}
		if got, err := db.CustodialKey(ctx, c.ID); err != nil || !bytes.Equal(got, sealed) {
			t.Errorf("CustodialKey = %x, %v; want %x", got, err, sealed)
		}
		tests := []struct {
			name    string
			citizen int64
			cipher  []byte
			wantErr error
		}{
			{"twice", c.ID, sealed, storage.ErrConflict},
			{"unknown citizen", c.ID + 1000, sealed, storage.ErrNotFound},
			{"empty", newCitizen(t, db).ID, nil, storage.ErrInvalid},
		}
		for _, tt := range tests {
			if err := db.CreateCustodialKey(ctx, tt.citizen, tt.cipher); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		if _, err := db.CustodialKey(ctx, c.ID+1000); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("CustodialKey of an unknown citizen: err = %v", err)
		}
	})
}

func TestHasOpenQuota(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		citizen := newQuota(t, db, rd.ID, 100)
		for _, tt := range []struct {
			status storage.RoundStatus
			want   bool
		}{{storage.RoundOpen, true}, {storage.RoundFinalizing, true}, {storage.RoundFinalized, false}, {storage.RoundFailed, false}} {
			if err := db.SetRoundStatus(ctx, rd.ID, tt.status); err != nil {
				t.Fatal(err)
			}
			if got, err := db.HasOpenQuota(ctx, citizen); err != nil || got != tt.want {
				t.Errorf("round %s: HasOpenQuota = %v, %v; want %v", tt.status, got, err, tt.want)
			}
		}
		if got, err := db.HasOpenQuota(ctx, newCitizen(t, db).ID); err != nil || got {
			t.Errorf("HasOpenQuota of a citizen without quotas = %v, %v", got, err)
		}
	})
}

func TestSIWENonces(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u, other := newPhoneUser(t, db), newPhoneUser(t, db)
		now := time.Now()
		n := storage.SIWENonce{Nonce: "Xk7fP2qL9mRt", UserRef: u.ID, ExpiresAt: now.Add(10 * time.Minute), CreatedAt: now}
		if err := db.CreateSIWENonce(ctx, n); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSIWENonce(ctx, n); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("the same nonce twice: err = %v", err)
		}
		if err := db.CreateSIWENonce(ctx, storage.SIWENonce{UserRef: u.ID, ExpiresAt: now}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("an empty nonce: err = %v", err)
		}
		got, err := db.SIWENonce(ctx, n.Nonce)
		if err != nil || got.UserRef != u.ID || got.ConsumedAt != nil || !got.ExpiresAt.Equal(n.ExpiresAt.Truncate(time.Microsecond)) {
			t.Fatalf("SIWENonce = %+v, %v", got, err)
		}
		tests := []struct {
			name string
			user int64
			at   time.Time
		}{
			{"another user's", other.ID, now},
			{"expired", u.ID, now.Add(10 * time.Minute)},
			{"unknown", u.ID, now},
		}
		for i, tt := range tests {
			nonce := n.Nonce
			if i == 2 {
				nonce = "unknown12345"
			}
			if err := db.ConsumeSIWENonce(ctx, nonce, tt.user, tt.at); !errors.Is(err, storage.ErrConflict) {
				t.Errorf("%s: err = %v, want ErrConflict", tt.name, err)
			}
		}
		ok := hammer(t, 4, 2, storage.ErrConflict, func(int, int) error { return db.ConsumeSIWENonce(ctx, n.Nonce, u.ID, now) })
		if ok != 1 {
			t.Errorf("%d concurrent uses of one nonce succeeded, want 1", ok)
		}
		if got, _ := db.SIWENonce(ctx, n.Nonce); got.ConsumedAt == nil {
			t.Error("a used nonce has no consumed_at")
		}
		if pruned, err := db.PruneSIWENonces(ctx, now.Add(11*time.Minute)); err != nil || pruned != 1 {
			t.Errorf("PruneSIWENonces = %d, %v; want 1", pruned, err)
		}
		if _, err := db.SIWENonce(ctx, n.Nonce); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("SIWENonce after pruning: err = %v", err)
		}
	})
}

func TestRoundEligibility(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := storage.Round{Name: "eligible", Symbol: "PB", Budget: 100, Deadline: time.Now().Add(time.Hour), Treasury: addr(),
			MinPersonLevel: 3, Territory: "msk/cao"}
		if err := db.CreateRound(ctx, &rd); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Round(ctx, rd.ID); err != nil || got.MinPersonLevel != 3 || got.Territory != "msk/cao" {
			t.Errorf("Round = %+v, %v", got, err)
		}
		if got := newRound(t, db); got.MinPersonLevel != 1 || got.Territory != "" {
			t.Errorf("a round without rules: level %d, territory %q; want 1 and the whole city", got.MinPersonLevel, got.Territory)
		}
		bad := rd
		bad.MinPersonLevel = 4
		if err := db.CreateRound(ctx, &bad); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("level 4: err = %v", err)
		}
	})
}
