package storage

import (
	"context"
	"fmt"
	"slices"
)

// Names of the vaults that seal a CipherColumn.
const (
	VaultPII    = "pii"    // personal data (the pii.* keys)
	VaultWallet = "wallet" // custodial wallets' private keys (the wallet.* keys)
)

// CipherColumn is a column that holds a vault ciphertext, and what is needed to walk it and
// write it back: the table's primary key and the kind of value sealed in it (a pii.Kind name).
type CipherColumn struct {
	Table  string
	Key    string // the single-column primary key that orders the walk
	Column string
	Kind   string // the pii kind bound into every ciphertext of the column, or KindOfRow
	Vault  string // VaultPII or VaultWallet
}

// String is "table.column".
func (c CipherColumn) String() string { return c.Table + "." + c.Column }

// CiphertextColumns lists every column of the schema that holds a vault ciphertext. A test
// fails when a migration adds a ciphertext column that is not listed here.
func CiphertextColumns() []CipherColumn {
	return []CipherColumn{
		{Table: "users", Key: "id", Column: "phone_cipher", Kind: "phone", Vault: VaultPII},
		{Table: "otp_challenges", Key: "id", Column: "phone_cipher", Kind: "phone", Vault: VaultPII},
		{Table: "person_verifications", Key: "user_ref", Column: "passport_cipher", Kind: "passport", Vault: VaultPII},
		{Table: "person_verifications", Key: "user_ref", Column: "snils_cipher", Kind: "snils", Vault: VaultPII},
		{Table: "flat_links", Key: "id", Column: "fls_cipher", Kind: "fls", Vault: VaultPII},
		{Table: "flat_links", Key: "id", Column: "property_cert_cipher", Kind: "property_cert", Vault: VaultPII},
		{Table: "verification_requests", Key: "id", Column: "doc_cipher", Kind: KindOfRow, Vault: VaultPII},
		{Table: "verification_requests", Key: "id", Column: "fls_cipher", Kind: "fls", Vault: VaultPII},
		{Table: "custodial_keys", Key: "citizen_id", Column: "key_cipher", Kind: "wallet_key", Vault: VaultWallet},
	}
}

// KindOfRow is the Kind of a column whose kind depends on the row: verification_requests.
// doc_cipher holds a passport (person, level 2), a SNILS (person, level 3) or a property
// certificate (flat, level 2). Ciphertexts gives each value's kind in SealedValue.Kind.
const KindOfRow = "(per row)"

// RowKey is the primary key of a row as the database returned it: an opaque cursor for
// Ciphertexts and a handle for SwapCiphertexts. The zero RowKey is before every row.
type RowKey struct{ v any }

// String prints the key, for messages. Keys are row numbers or random IDs, never personal data.
func (k RowKey) String() string { return fmt.Sprint(k.v) }

// IsZero reports whether k is the zero RowKey.
func (k RowKey) IsZero() bool { return k.v == nil }

// SealedValue is one non-NULL ciphertext of a CipherColumn.
type SealedValue struct {
	Key    RowKey
	Kind   string // the pii kind the value was sealed as
	Cipher []byte
}

// CipherSwap asks SwapCiphertexts to replace Old by New in the row Key.
type CipherSwap struct {
	Key      RowKey
	Old, New []byte
}

// docKindSQL computes the kind of verification_requests.doc_cipher from the row.
const docKindSQL = `CASE WHEN subject = 'flat' THEN 'property_cert' WHEN level = 2 THEN 'passport' ELSE 'snils' END`

// Ciphertexts returns up to limit non-NULL ciphertexts of col, in primary-key order, from the
// rows whose key follows after (the zero RowKey: from the first row). Pass the last key of a
// batch to read the next one; an empty batch is the end. ErrInvalid for a column that
// CiphertextColumns does not list, or a limit that is not positive.
func (r Repo) Ciphertexts(ctx context.Context, col CipherColumn, after RowKey, limit int) ([]SealedValue, error) {
	if err := checkCipherColumn(col); err != nil {
		return nil, fmt.Errorf("read ciphertexts: %w", err)
	}
	if limit <= 0 {
		return nil, fmt.Errorf("read ciphertexts of %s: %w: limit %d", col, ErrInvalid, limit)
	}
	kind := "?"
	args := []any{col.Kind}
	if col.Kind == KindOfRow {
		kind, args = docKindSQL, nil
	}
	q := "SELECT " + col.Key + ", " + kind + ", " + col.Column + " FROM " + col.Table + " WHERE " + col.Column + " IS NOT NULL"
	if !after.IsZero() {
		q += " AND " + col.Key + " > ?"
		args = append(args, after.v)
	}
	q += " ORDER BY " + col.Key + " LIMIT ?"
	rows, err := r.with(ctx).Raw(q, append(args, limit)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read ciphertexts of %s: %w", col, translate(err))
	}
	defer rows.Close()
	var out []SealedValue
	for rows.Next() {
		var v SealedValue
		if err := rows.Scan(&v.Key.v, &v.Kind, &v.Cipher); err != nil {
			return nil, fmt.Errorf("read ciphertexts of %s: %w", col, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ciphertexts of %s: %w", col, translate(err))
	}
	return out, nil
}

// SwapCiphertexts writes each swap's New ciphertext into col of its row, but only where the
// row still holds Old (compare and swap), in one transaction. It returns how many rows it
// updated and how many it skipped because their ciphertext had changed, or the row had gone,
// since it was read. ErrInvalid for a column that CiphertextColumns does not list or an empty
// New ciphertext.
func (r Repo) SwapCiphertexts(ctx context.Context, col CipherColumn, swaps []CipherSwap) (updated, skipped int, err error) {
	if err := checkCipherColumn(col); err != nil {
		return 0, 0, fmt.Errorf("write ciphertexts: %w", err)
	}
	for _, s := range swaps {
		if len(s.New) == 0 || len(s.Old) == 0 || s.Key.IsZero() {
			return 0, 0, fmt.Errorf("write ciphertexts of %s: %w: empty ciphertext or key", col, ErrInvalid)
		}
	}
	q := "UPDATE " + col.Table + " SET " + col.Column + " = ? WHERE " + col.Key + " = ? AND " + col.Column + " = ?"
	err = r.atomic(ctx, func(r Repo) error {
		updated, skipped = 0, 0
		for _, s := range swaps {
			res := r.with(ctx).Exec(q, s.New, s.Key.v, s.Old)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				skipped++
			} else {
				updated++
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("write ciphertexts of %s: %w", col, translate(err))
	}
	return updated, skipped, nil
}

// checkCipherColumn refuses a column that CiphertextColumns does not list: its names are
// spliced into SQL.
func checkCipherColumn(col CipherColumn) error {
	if !slices.Contains(CiphertextColumns(), col) {
		return fmt.Errorf("%w: %s is not a ciphertext column", ErrInvalid, col)
	}
	return nil
}
