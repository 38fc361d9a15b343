package keys_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/keys"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// Key material of the rings, fixed per test binary.
var (
	k1, k2, k0 = newKey(), newKey(), newKey()
	w1, w2     = newKey(), newKey()
	piiIndex   = newKey()
	walletIdx  = newKey()
)

func newKey() []byte { b := make([]byte, pii.KeySize); rand.Read(b); return b }

// vault builds a vault over the named keys with the given active key.
func vault(t testing.TB, active string, index []byte, ring map[string][]byte) *pii.Vault {
	t.Helper()
	r, err := pii.NewKeyRing(active, maps.Clone(ring)) // NewKeyRing may keep or clear its input
	if err != nil {
		t.Fatal(err)
	}
	v, err := pii.NewVault(r, index)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func vaults(t testing.TB, piiActive string, piiRing map[string][]byte, walletActive string, walletRing map[string][]byte) keys.Vaults {
	return keys.Vaults{PII: vault(t, piiActive, piiIndex, piiRing), Wallet: vault(t, walletActive, walletIdx, walletRing)}
}

// seeded is what seed wrote: the plaintext of every ciphertext, by column and row.
type seeded map[string]map[string]string

// seed writes, through the storage API, rows of every ciphertext column, sealed by v.
func seed(t *testing.T, db *storage.DB, v keys.Vaults) seeded {
	t.Helper()
	ctx := t.Context()
	seal := func(vault *pii.Vault, kind pii.Kind, value string) ([]byte, string) {
		c, err := vault.Seal(kind, []byte(value))
		if err != nil {
			t.Fatal(err)
		}
		return c, vault.Index(kind, value)
	}
	var users []int64
	for i := range 4 {
		c, idx := seal(v.PII, pii.KindPhone, fmt.Sprintf("+7916000000%d", i))
		u := storage.User{UserID: fmt.Sprintf("1000000000%02d", i), PhoneIndex: idx, PhoneCipher: c}
		if err := db.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		users = append(users, u.ID)
	}
	c, idx := seal(v.PII, pii.KindPhone, "+79160000009")
	if err := db.CreateOTPChallenge(ctx, &storage.OTPChallenge{ID: "challenge-1", PhoneIndex: idx, PhoneCipher: c,
		CodeHash: strings.Repeat("ab", 32), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// users[0]: person levels 1 to 3 (passport, SNILS) and a flat at level 2 (FLS, certificate).
	verify := func(user int64, subject storage.VerificationSubject, level int, kind pii.Kind, doc, fls string, decide bool) {
		req := storage.VerificationRequest{UserRef: user, Subject: subject, Level: level, DueAt: time.Now().Add(time.Hour),
			Building: "ул. Тверская, д. 7", FlatNumber: "12"}
		if doc != "" {
			req.DocCipher, req.DocIndex = seal(v.PII, kind, doc)
		}
		if fls != "" {
			req.FLSCipher, req.FLSIndex = seal(v.PII, pii.KindFLS, fls)
		}
		if err := db.CreateVerificationRequest(ctx, &req); err != nil {
			t.Fatal(err)
		}
		if !decide {
			return
		}
		claimed, err := db.ClaimVerificationRequests(ctx, time.Now(), time.Now().Add(-time.Hour), 1)
		if err != nil || len(claimed) != 1 || claimed[0].ID != req.ID {
			t.Fatalf("claim = %+v, %v", claimed, err)
		}
		role := ""
		if subject == storage.SubjectFlat && level == 2 {
			role = "owner"
		}
		if _, err := db.DecideVerification(ctx, storage.VerificationDecision{RequestID: req.ID, Attempt: claimed[0].Attempts,
			Verified: true, Reason: "matched", Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	verify(users[0], storage.SubjectPerson, 1, "", "", "", true)
	verify(users[0], storage.SubjectPerson, 2, pii.KindPassport, "4509123456", "", true)
	verify(users[0], storage.SubjectPerson, 3, pii.KindSNILS, "11223344595", "", true)
	verify(users[0], storage.SubjectFlat, 1, "", "", "1234567890", true)
	verify(users[0], storage.SubjectFlat, 2, pii.KindPropertyCert, "77-АБ 123456", "1234567890", true)
	// users[1] and users[2]: open requests hold their documents.
	verify(users[1], storage.SubjectPerson, 1, "", "", "", true)
	verify(users[1], storage.SubjectPerson, 2, pii.KindPassport, "4510654321", "", false)
	verify(users[2], storage.SubjectFlat, 2, pii.KindPropertyCert, "77-АБ 654321", "2234567890", false)
	// A custodial wallet key, sealed by the wallet vault.
	cit := storage.Citizen{Address: "0x" + strings.Repeat("1", 40)}
	if err := db.CreateCitizen(ctx, &cit); err != nil {
		t.Fatal(err)
	}
	wk, _ := seal(v.Wallet, pii.KindWalletKey, "private key bytes")
	if err := db.CreateCustodialKey(ctx, cit.ID, wk); err != nil {
		t.Fatal(err)
	}
	return plaintexts(t, db, v)
}

// plaintexts opens every stored ciphertext with v.
func plaintexts(t *testing.T, db *storage.DB, v keys.Vaults) seeded {
	t.Helper()
	out := seeded{}
	for _, col := range storage.CiphertextColumns() {
		vault := map[string]*pii.Vault{storage.VaultPII: v.PII, storage.VaultWallet: v.Wallet}[col.Vault]
		out[col.String()] = map[string]string{}
		for _, sv := range readAll(t, db, col) {
			p, err := vault.Open(pii.Kind(sv.Kind), sv.Cipher)
			if err != nil {
				t.Fatalf("open %s row %s: %v", col, sv.Key, err)
			}
			out[col.String()][sv.Key.String()] = string(p)
		}
	}
	return out
}

func readAll(t *testing.T, db *storage.DB, col storage.CipherColumn) []storage.SealedValue {
	t.Helper()
	vals, err := db.Ciphertexts(t.Context(), col, storage.RowKey{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return vals
}

// keyIDs returns, per column, the key IDs that seal its values.
func keyIDs(t *testing.T, db *storage.DB) map[string][]string {
	t.Helper()
	st, err := keys.Status(t.Context(), db, 2)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, kc := range st {
		if kc.Malformed != 0 {
			t.Errorf("%s: %d malformed", kc.Column, kc.Malformed)
		}
		out[kc.Column.String()] = slices.Sorted(maps.Keys(kc.ByKey))
	}
	return out
}

// indexes reads every look-up index that sits beside a ciphertext of seed's users.
func indexes(t *testing.T, db *storage.DB) []string {
	t.Helper()
	ctx := t.Context()
	var out []string
	for id := int64(1); id <= 4; id++ {
		u, err := db.User(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u.PhoneIndex)
		reqs, err := db.VerificationRequests(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reqs {
			out = append(out, r.DocIndex, r.FLSIndex)
		}
		flats, err := db.FlatLinks(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range flats {
			out = append(out, f.FLSIndex, f.CertIndex)
		}
	}
	pv, err := db.PersonVerification(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	otp, err := db.OTPChallenge(ctx, "challenge-1")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, pv.PassportIndex, pv.SNILSIndex, otp.PhoneIndex)
}

// forEach runs fn on a fresh database of every driver, with its config.
func forEach(t *testing.T, fn func(t *testing.T, db *storage.DB, cfg storage.Config)) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			cfg := storagetest.Config(t, driver)
			db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			fn(t, db, cfg)
		})
	}
}

func totals(counts []keys.Count) (c keys.Count) {
	for _, x := range counts {
		c.Read += x.Read
		c.Current += x.Current
		c.Resealed += x.Resealed
		c.Changed += x.Changed
		c.Failed += x.Failed
	}
	return c
}

func TestColumnsNameVaultsAndKinds(t *testing.T) {
	for _, col := range storage.CiphertextColumns() {
		switch {
		case col.Vault == storage.VaultWallet && col.Kind != string(pii.KindWalletKey):
			t.Errorf("%s: wallet vault column of kind %q", col, col.Kind)
		case col.Vault == storage.VaultPII && col.Kind != storage.KindOfRow && (!pii.Kind(col.Kind).Valid() || col.Kind == string(pii.KindWalletKey)):
			t.Errorf("%s: kind %q is not a personal-data kind", col, col.Kind)
		case col.Vault != storage.VaultPII && col.Vault != storage.VaultWallet:
			t.Errorf("%s: unknown vault %q", col, col.Vault)
		}
	}
}

// TestRotation runs the rotation of portal/pii's doc: k1 seals, k2 joins and becomes active,
// Reseal, k1 leaves.
func TestRotation(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, db *storage.DB, cfg storage.Config) {
		ctx := t.Context()
		old := vaults(t, "k1", map[string][]byte{"k1": k1}, "w1", map[string][]byte{"w1": w1})
		want := seed(t, db, old)
		for name, rows := range want {
			if len(rows) == 0 {
				t.Fatalf("seed wrote nothing into %s", name)
			}
		}
		idx := indexes(t, db)
		before := keyIDs(t, db)
		for name, ids := range before {
			if wantID := map[bool]string{true: "w1", false: "k1"}[strings.HasPrefix(name, "custodial")]; !slices.Equal(ids, []string{wantID}) {
				t.Errorf("%s sealed by %v before rotation", name, ids)
			}
		}
		// Steps 1 and 2: k2 and w2 join the rings and seal; k1 and w1 still open.
		both := vaults(t, "k2", map[string][]byte{"k1": k1, "k2": k2}, "w2", map[string][]byte{"w1": w1, "w2": w2})
		dump := storagetest.DumpText(t, cfg)
		counts, err := keys.Reseal(ctx, db, both, keys.Options{Batch: 2, DryRun: true}, nil)
		if got := totals(counts); err != nil || got.Resealed != got.Read || got.Read < 12 || got.Current != 0 {
			t.Fatalf("dry run = %+v, %v", got, err)
		}
		if storagetest.DumpText(t, cfg) != dump {
			t.Fatal("dry run wrote to the database")
		}
		// Step 3: re-seal.
		counts, err = keys.Reseal(ctx, db, both, keys.Options{Batch: 2}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			if n := len(want[c.Column.String()]); c.Read != n || c.Resealed != n || c.Current+c.Changed+c.Failed != 0 {
				t.Errorf("%s: %+v, want %d resealed", c.Column, c, n)
			}
		}
		for name, ids := range keyIDs(t, db) {
			if wantID := map[bool]string{true: "w2", false: "k2"}[strings.HasPrefix(name, "custodial")]; !slices.Equal(ids, []string{wantID}) {
				t.Errorf("%s sealed by %v after reseal", name, ids)
			}
		}
		if got := indexes(t, db); !slices.Equal(got, idx) {
			t.Errorf("indexes changed:\n%v\nwant\n%v", got, idx)
		}
		// Idempotent: a second run finds everything current.
		counts, err = keys.Reseal(ctx, db, both, keys.Options{}, nil)
		if got := totals(counts); err != nil || got.Resealed != 0 || got.Current != got.Read {
			t.Errorf("second run = %+v, %v", got, err)
		}
		// Step 4: k1 and w1 leave the rings; everything opens to the same values.
		only := vaults(t, "k2", map[string][]byte{"k2": k2}, "w2", map[string][]byte{"w2": w2})
		if got := plaintexts(t, db, only); !maps.EqualFunc(got, want, maps.Equal) {
			t.Errorf("values after rotation differ:\n%v\nwant\n%v", got, want)
		}
	})
}

// racingStore changes the first row of users.phone_cipher after Reseal reads it.
type racingStore struct {
	*storage.DB
	once   sync.Once
	change func(ctx context.Context, v storage.SealedValue)
}

func (s *racingStore) Ciphertexts(ctx context.Context, col storage.CipherColumn, after storage.RowKey, limit int) ([]storage.SealedValue, error) {
	vals, err := s.DB.Ciphertexts(ctx, col, after, limit)
	if err == nil && len(vals) > 0 && col.String() == "users.phone_cipher" {
		s.once.Do(func() { s.change(ctx, vals[0]) })
	}
	return vals, err
}

func TestResealLeavesConcurrentWrites(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		old := vaults(t, "k1", map[string][]byte{"k1": k1}, "w1", map[string][]byte{"w1": w1})
		want := seed(t, db, old)
		both := vaults(t, "k2", map[string][]byte{"k1": k1, "k2": k2}, "w2", map[string][]byte{"w1": w1, "w2": w2})
		users := storage.CiphertextColumns()[0]
		var changed storage.SealedValue
		store := &racingStore{DB: db, change: func(ctx context.Context, v storage.SealedValue) {
			// A node serving under k2 writes a new phone into the row Reseal has just read.
			c, err := both.PII.Seal(pii.KindPhone, []byte("+79169999999"))
			if err != nil {
				t.Error(err)
				return
			}
			if n, _, err := db.SwapCiphertexts(ctx, users, []storage.CipherSwap{{Key: v.Key, Old: v.Cipher, New: c}}); n != 1 || err != nil {
				t.Errorf("concurrent write = %d, %v", n, err)
			}
			changed, want[users.String()][v.Key.String()] = v, "+79169999999"
		}}
		counts, err := keys.Reseal(t.Context(), store, both, keys.Options{Batch: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c := counts[0]; c.Column != users || c.Changed != 1 || c.Resealed != c.Read-1 {
			t.Errorf("users: %+v, want 1 changed", c)
		}
		only := vaults(t, "k2", map[string][]byte{"k2": k2}, "w2", map[string][]byte{"w2": w2})
		got := plaintexts(t, db, only)
		if p := got[users.String()][changed.Key.String()]; p != "+79169999999" {
			t.Errorf("the concurrent write was overwritten: %q", p)
		}
		if !maps.EqualFunc(got, want, maps.Equal) {
			t.Errorf("values differ:\n%v\nwant\n%v", got, want)
		}
	})
}

func TestResealReportsUnreadable(t *testing.T) {
	t.Parallel()
	db := storagetest.Open(t, storage.DriverSQLite)
	ctx := t.Context()
	old := vaults(t, "k1", map[string][]byte{"k1": k1}, "w1", map[string][]byte{"w1": w1})
	seed(t, db, old)
	// A phone sealed under k0, a key the ring no longer has.
	lost := vault(t, "k0", piiIndex, map[string][]byte{"k0": k0})
	c, err := lost.Seal(pii.KindPhone, []byte("+79161111111"))
	if err != nil {
		t.Fatal(err)
	}
	u := storage.User{UserID: "100000000099", PhoneIndex: lost.Index(pii.KindPhone, "+79161111111"), PhoneCipher: c}
	if err := db.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	both := vaults(t, "k2", map[string][]byte{"k1": k1, "k2": k2}, "w2", map[string][]byte{"w1": w1, "w2": w2})
	counts, err := keys.Reseal(ctx, db, both, keys.Options{}, nil)
	if !errors.Is(err, keys.ErrUnreadable) {
		t.Fatalf("err = %v, want ErrUnreadable", err)
	}
	if got := totals(counts); got.Failed != 1 || got.Resealed != got.Read-1 {
		t.Errorf("counts = %+v, want 1 failed and the rest resealed", got)
	}
	if got, _ := db.User(ctx, u.ID); !bytes.Equal(got.PhoneCipher, c) {
		t.Error("an unreadable ciphertext was changed")
	}
	if _, err := keys.Reseal(ctx, db, keys.Vaults{PII: both.PII}, keys.Options{}, nil); err == nil {
		t.Error("Reseal without the wallet vault: no error")
	}
}

func TestResealStopsOnContext(t *testing.T) {
	t.Parallel()
	cfg := storagetest.Config(t, storage.DriverSQLite)
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	seed(t, db, vaults(t, "k1", map[string][]byte{"k1": k1}, "w1", map[string][]byte{"w1": w1}))
	dump := storagetest.DumpText(t, cfg)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	both := vaults(t, "k2", map[string][]byte{"k1": k1, "k2": k2}, "w2", map[string][]byte{"w1": w1, "w2": w2})
	if _, err := keys.Reseal(ctx, db, both, keys.Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if storagetest.DumpText(t, cfg) != dump {
		t.Error("a cancelled Reseal wrote")
	}
}
