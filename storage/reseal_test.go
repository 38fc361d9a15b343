package storage_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// nonCipherBlobs are the byte-string columns that hold no vault ciphertext: signed
// transactions, published election files (open data by design), and a signed record's
// signature (r, vs), which the relay publishes on chain.
var nonCipherBlobs = []string{"operations.raw_tx", "tallies.input", "signed_records.r", "signed_records.vs"}

// uncoveredCipherColumns returns the columns of cols that look like ciphertext columns (named
// *_cipher, or a byte string not in nonCipherBlobs) but are missing from list, and the
// entries of list the schema does not have.
func uncoveredCipherColumns(cols []storage.SchemaColumn, list []storage.CipherColumn) (missing, stale []string) {
	listed := map[string]bool{}
	for _, c := range list {
		listed[c.String()] = true
	}
	inSchema := map[string]bool{}
	for _, c := range cols {
		name := c.Table + "." + c.Column
		inSchema[name] = true
		blob := strings.EqualFold(c.Type, "blob") || strings.EqualFold(c.Type, "bytea")
		looksSealed := strings.HasSuffix(c.Column, "_cipher") || (blob && !slices.Contains(nonCipherBlobs, name))
		if looksSealed && !listed[name] {
			missing = append(missing, name)
		}
	}
	for name := range listed {
		if !inSchema[name] {
			stale = append(stale, name)
		}
	}
	slices.Sort(missing)
	slices.Sort(stale)
	return missing, stale
}

// TestCiphertextColumnsCoverSchema fails when a migration adds a ciphertext column that
// CiphertextColumns does not list: key rotation would leave its values under the old key.
func TestCiphertextColumnsCoverSchema(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		cols, err := db.SchemaColumns(t.Context())
		if err != nil || len(cols) == 0 {
			t.Fatalf("SchemaColumns = %d columns, %v", len(cols), err)
		}
		missing, stale := uncoveredCipherColumns(cols, storage.CiphertextColumns())
		if len(missing) > 0 || len(stale) > 0 {
			t.Errorf("ciphertext columns not in storage.CiphertextColumns: %v; listed but not in the schema: %v", missing, stale)
		}
	})
}

// TestCiphertextColumnsGuardBites proves the check above catches a new sealed column.
func TestCiphertextColumnsGuardBites(t *testing.T) {
	t.Parallel()
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			db, err := storage.Open(t.Context(), storagetest.Config(t, driver), storagetest.Logger(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			extra := storage.SQLMigration(storage.LatestMigration()+1, "new_secrets",
				`ALTER TABLE profiles ADD COLUMN email_cipher {blob}`,
				`CREATE TABLE notes (id {pk}, body {blob})`)
			if _, err := db.MigrateWith(t.Context(), append(storage.KnownMigrations(), extra)); err != nil {
				t.Fatal(err)
			}
			cols, err := db.SchemaColumns(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			missing, _ := uncoveredCipherColumns(cols, storage.CiphertextColumns())
			if want := []string{"notes.body", "profiles.email_cipher"}; !slices.Equal(missing, want) {
				t.Errorf("uncovered = %v, want %v", missing, want)
			}
		})
	}
}

func column(t *testing.T, table, name string) storage.CipherColumn {
	t.Helper()
	for _, c := range storage.CiphertextColumns() {
		if c.Table == table && c.Column == name {
			return c
		}
	}
	t.Fatalf("no ciphertext column %s.%s", table, name)
	return storage.CipherColumn{}
}

// readAll walks col in batches of n and returns every value.
func readAll(t *testing.T, db *storage.DB, col storage.CipherColumn, n int) []storage.SealedValue {
	t.Helper()
	var all []storage.SealedValue
	var after storage.RowKey
	for {
		batch, err := db.Ciphertexts(t.Context(), col, after, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) > n {
			t.Fatalf("batch of %d, limit %d", len(batch), n)
		}
		if len(batch) == 0 {
			return all
		}
		all = append(all, batch...)
		after = batch[len(batch)-1].Key
	}
}

func TestCiphertextsWalkInKeyOrder(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		var want []string
		for i := range 5 {
			u := storage.User{UserID: userID(), PhoneIndex: tokenHash(), PhoneCipher: fmt.Appendf(nil, "phone %d", i)}
			if err := db.CreateUser(ctx, &u); err != nil {
				t.Fatal(err)
			}
			want = append(want, string(u.PhoneCipher))
		}
		// A user without a phone has a NULL ciphertext: it is not walked.
		oidc := storage.User{UserID: userID(), OIDCIssuer: "https://id.example", OIDCSubject: tokenHash()}
		if err := db.CreateUser(ctx, &oidc); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 2, 5, 100} {
			var got []string
			for _, v := range readAll(t, db, column(t, "users", "phone_cipher"), n) {
				if v.Kind != "phone" {
					t.Errorf("kind %q", v.Kind)
				}
				got = append(got, string(v.Cipher))
			}
			if !slices.Equal(got, want) {
				t.Errorf("batches of %d: %q, want %q", n, got, want)
			}
		}
		// Text keys walk the same way.
		for _, id := range []string{"b-challenge", "a-challenge"} {
			c := storage.OTPChallenge{ID: id, PhoneIndex: tokenHash(), PhoneCipher: []byte(id), CodeHash: tokenHash(), ExpiresAt: time.Now().Add(time.Hour)}
			if err := db.CreateOTPChallenge(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
		otp := readAll(t, db, column(t, "otp_challenges", "phone_cipher"), 1)
		if len(otp) != 2 || otp[0].Key.String() != "a-challenge" || otp[1].Key.String() != "b-challenge" {
			t.Errorf("otp walk = %+v", otp)
		}
	})
}

func TestCiphertextsKindOfRequestDocument(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		person, flat := newPhoneUser(t, db), newPhoneUser(t, db)
		queue(t, db, person.ID, storage.SubjectPerson, 2, tokenHash(), "")
		queue(t, db, flat.ID, storage.SubjectFlat, 2, tokenHash(), tokenHash())
		other := newPhoneUser(t, db)
		queue(t, db, other.ID, storage.SubjectPerson, 3, tokenHash(), "")
		var kinds []string
		for _, v := range readAll(t, db, column(t, "verification_requests", "doc_cipher"), 10) {
			kinds = append(kinds, v.Kind)
		}
		if want := []string{"passport", "property_cert", "snils"}; !slices.Equal(kinds, want) {
			t.Errorf("kinds = %v, want %v", kinds, want)
		}
	})
}

func TestSwapCiphertexts(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		col := column(t, "users", "phone_cipher")
		a, b := newPhoneUser(t, db), newPhoneUser(t, db)
		read := readAll(t, db, col, 10)
		if len(read) != 2 {
			t.Fatalf("read %d", len(read))
		}
		// Another writer changes b after the read: its swap is skipped, a's goes through.
		if n, _, err := db.SwapCiphertexts(ctx, col, []storage.CipherSwap{{Key: read[1].Key, Old: read[1].Cipher, New: []byte("writer")}}); err != nil || n != 1 {
			t.Fatalf("writer swap = %d, %v", n, err)
		}
		updated, skipped, err := db.SwapCiphertexts(ctx, col, []storage.CipherSwap{
			{Key: read[0].Key, Old: read[0].Cipher, New: []byte("resealed a")},
			{Key: read[1].Key, Old: read[1].Cipher, New: []byte("resealed b")},
		})
		if err != nil || updated != 1 || skipped != 1 {
			t.Fatalf("SwapCiphertexts = %d updated, %d skipped, %v; want 1, 1", updated, skipped, err)
		}
		gotA, _ := db.User(ctx, a.ID)
		gotB, _ := db.User(ctx, b.ID)
		if string(gotA.PhoneCipher) != "resealed a" || string(gotB.PhoneCipher) != "writer" || gotA.PhoneIndex != a.PhoneIndex {
			t.Errorf("after swap: a %q (index %s), b %q", gotA.PhoneCipher, gotA.PhoneIndex, gotB.PhoneCipher)
		}
		// The wallet column and a decided request's cleared document.
		c := newCitizen(t, db)
		if err := db.CreateCustodialKey(ctx, c.ID, []byte("sealed key")); err != nil {
			t.Fatal(err)
		}
		keys := column(t, "custodial_keys", "key_cipher")
		kv := readAll(t, db, keys, 10)
		if len(kv) != 1 || kv[0].Kind != "wallet_key" || keys.Vault != storage.VaultWallet {
			t.Fatalf("custodial keys = %+v", kv)
		}
		if n, _, err := db.SwapCiphertexts(ctx, keys, []storage.CipherSwap{{Key: kv[0].Key, Old: kv[0].Cipher, New: []byte("new key")}}); err != nil || n != 1 {
			t.Fatalf("swap custodial key = %d, %v", n, err)
		}
		if got, _ := db.CustodialKey(ctx, c.ID); !bytes.Equal(got, []byte("new key")) {
			t.Errorf("custodial key = %q", got)
		}
	})
}

func TestCiphertextsRefuseUnknownColumns(t *testing.T) {
	t.Parallel()
	db := storagetest.Open(t, storage.DriverSQLite)
	ctx := t.Context()
	users := column(t, "users", "phone_cipher")
	bad := []storage.CipherColumn{
		{Table: "users; DROP TABLE users", Key: "id", Column: "phone_cipher", Kind: "phone", Vault: storage.VaultPII},
		{Table: "operations", Key: "id", Column: "raw_tx", Kind: "phone", Vault: storage.VaultPII},
		{Table: "users", Key: "id", Column: "phone_cipher", Kind: "snils", Vault: storage.VaultPII},
	}
	for _, col := range bad {
		if _, err := db.Ciphertexts(ctx, col, storage.RowKey{}, 10); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("Ciphertexts(%+v): err = %v, want ErrInvalid", col, err)
		}
		if _, _, err := db.SwapCiphertexts(ctx, col, nil); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("SwapCiphertexts(%+v): err = %v, want ErrInvalid", col, err)
		}
	}
	if _, err := db.Ciphertexts(ctx, users, storage.RowKey{}, 0); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("limit 0: err = %v", err)
	}
	u := newPhoneUser(t, db)
	v := readAll(t, db, users, 1)
	if _, _, err := db.SwapCiphertexts(ctx, users, []storage.CipherSwap{{Key: v[0].Key, Old: u.PhoneCipher}}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("empty new ciphertext: err = %v", err)
	}
}
