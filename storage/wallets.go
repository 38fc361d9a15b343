package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// WalletKind is how a user came to act through an address.
type WalletKind string

// Wallet kinds.
const (
	WalletCustodial WalletKind = "custodial" // the node generated the key and keeps it sealed
	WalletSIWE      WalletKind = "siwe"      // the user's own wallet, linked by a Sign-In with Ethereum message
)

func (k WalletKind) valid() bool {
	return slices.Contains([]WalletKind{WalletCustodial, WalletSIWE}, k)
}

// WalletLink is one link of a user to a citizen address; UnlinkedAt is nil while it lasts.
type WalletLink struct {
	ID         int64
	UserRef    int64
	CitizenID  int64
	Address    string // the citizen's address, lowercase 0x hex
	Kind       WalletKind
	LinkedAt   time.Time
	UnlinkedAt *time.Time
}

type walletLinkRow struct {
	ID         int64 `gorm:"primaryKey"`
	UserRef    int64
	CitizenID  int64
	Kind       string
	LinkedAt   time.Time
	UnlinkedAt *time.Time
	Address    string `gorm:"->;-:migration"` // read from a join only
}

func (walletLinkRow) TableName() string { return "wallet_links" }

func (row walletLinkRow) link() WalletLink {
	l := WalletLink{ID: row.ID, UserRef: row.UserRef, CitizenID: row.CitizenID, Address: row.Address,
		Kind: WalletKind(row.Kind), LinkedAt: row.LinkedAt.UTC()}
	if row.UnlinkedAt != nil {
		t := row.UnlinkedAt.UTC()
		l.UnlinkedAt = &t
	}
	return l
}

// LinkWallet makes citizenID the citizen the user acts as, in one atomic step (a savepoint
// inside a Tx): users.citizen_id changes from the value the caller read (from; nil: none) to
// citizenID, the user's current link ends at at, and a link of kind begins. ErrConflict when
// the user's citizen is no longer from (a concurrent change) or when another user acts as
// citizenID; ErrNotFound when the user or citizen does not exist.
func (r Repo) LinkWallet(ctx context.Context, userRef int64, from *int64, citizenID int64, kind WalletKind, at time.Time) (WalletLink, error) {
	if !kind.valid() {
		return WalletLink{}, fmt.Errorf("link wallet: %w: kind %q", ErrInvalid, kind)
	}
	at = dbTime(at)
	row := walletLinkRow{UserRef: userRef, CitizenID: citizenID, Kind: string(kind), LinkedAt: at}
	err := r.atomic(ctx, func(r Repo) error {
		if err := r.swapUserCitizen(ctx, userRef, from, citizenID, at); err != nil {
			return err
		}
		if err := r.with(ctx).Exec("UPDATE wallet_links SET unlinked_at = ? WHERE user_ref = ? AND unlinked_at IS NULL",
			at, userRef).Error; err != nil {
			return err
		}
		return r.with(ctx).Omit("Address").Create(&row).Error
	})
	if err != nil {
		return WalletLink{}, fmt.Errorf("link user %d to citizen %d: %w", userRef, citizenID, translate(err))
	}
	return row.link(), nil
}

// swapUserCitizen sets users.citizen_id to to where it is still from: ErrConflict otherwise,
// ErrNotFound when there is no such user.
func (r Repo) swapUserCitizen(ctx context.Context, userRef int64, from *int64, to int64, at time.Time) error {
	q := r.with(ctx).Exec("UPDATE users SET citizen_id = ?, updated_at = ? WHERE id = ? AND citizen_id IS NULL", to, at, userRef)
	if from != nil {
		q = r.with(ctx).Exec("UPDATE users SET citizen_id = ?, updated_at = ? WHERE id = ? AND citizen_id = ?", to, at, userRef, *from)
	}
	if q.Error != nil {
		return translate(q.Error)
	}
	if q.RowsAffected > 0 {
		return nil
	}
	if _, err := r.User(ctx, userRef); err != nil {
		return err
	}
	return ErrConflict
}

// CurrentWalletLink returns the user's link that has not ended, with its address, or
// ErrNotFound.
func (r Repo) CurrentWalletLink(ctx context.Context, userRef int64) (WalletLink, error) {
	links, err := r.walletLinks(ctx, "l.user_ref = ? AND l.unlinked_at IS NULL", userRef)
	if err != nil {
		return WalletLink{}, fmt.Errorf("load wallet of user %d: %w", userRef, err)
	}
	if len(links) == 0 {
		return WalletLink{}, fmt.Errorf("load wallet of user %d: %w", userRef, ErrNotFound)
	}
	return links[len(links)-1], nil
}

// WalletLinks returns every link of the user, ended ones included, oldest first.
func (r Repo) WalletLinks(ctx context.Context, userRef int64) ([]WalletLink, error) {
	links, err := r.walletLinks(ctx, "l.user_ref = ?", userRef)
	if err != nil {
		return nil, fmt.Errorf("list wallet links of user %d: %w", userRef, err)
	}
	return links, nil
}

// CitizenLinkedToOthers reports whether a user other than userRef was ever linked to the
// citizen.
func (r Repo) CitizenLinkedToOthers(ctx context.Context, citizenID, userRef int64) (bool, error) {
	var n int64
	err := r.with(ctx).Raw("SELECT COUNT(*) FROM wallet_links WHERE citizen_id = ? AND user_ref <> ?", citizenID, userRef).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("check links of citizen %d: %w", citizenID, translate(err))
	}
	return n > 0, nil
}

func (r Repo) walletLinks(ctx context.Context, where string, args ...any) ([]WalletLink, error) {
	var rows []walletLinkRow
	err := r.with(ctx).Raw(`SELECT l.id, l.user_ref, l.citizen_id, l.kind, l.linked_at, l.unlinked_at, c.address
		FROM wallet_links l JOIN citizens c ON c.id = l.citizen_id WHERE `+where+` ORDER BY l.id`, args...).Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	out := make([]WalletLink, len(rows))
	for i, row := range rows {
		out[i] = row.link()
	}
	return out, nil
}

// CreateCustodialKey stores the sealed private key of a custodial citizen address. A citizen
// that has a key already gives ErrConflict, an unknown one ErrNotFound.
func (r Repo) CreateCustodialKey(ctx context.Context, citizenID int64, cipher []byte) error {
	if len(cipher) == 0 {
		return fmt.Errorf("store custodial key of citizen %d: %w: empty ciphertext", citizenID, ErrInvalid)
	}
	err := r.with(ctx).Exec("INSERT INTO custodial_keys (citizen_id, key_cipher, created_at) VALUES (?, ?, ?)",
		citizenID, cipher, now()).Error
	if err != nil {
		return fmt.Errorf("store custodial key of citizen %d: %w", citizenID, translate(err))
	}
	return nil
}

// CustodialKey returns the sealed private key of a custodial citizen address, or ErrNotFound.
func (r Repo) CustodialKey(ctx context.Context, citizenID int64) ([]byte, error) {
	var keys [][]byte
	if err := r.with(ctx).Raw("SELECT key_cipher FROM custodial_keys WHERE citizen_id = ?", citizenID).Scan(&keys).Error; err != nil {
		return nil, fmt.Errorf("load custodial key of citizen %d: %w", citizenID, translate(err))
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("load custodial key of citizen %d: %w", citizenID, ErrNotFound)
	}
	return keys[0], nil
}

// HasOpenQuota reports whether the citizen holds a quota in a round that is not finalized or
// failed.
func (r Repo) HasOpenQuota(ctx context.Context, citizenID int64) (bool, error) {
	var n int64
	err := r.with(ctx).Raw(`SELECT COUNT(*) FROM quotas q JOIN rounds r ON r.id = q.round_id
		WHERE q.citizen_id = ? AND r.status IN (?, ?, ?)`,
		citizenID, string(RoundDeploying), string(RoundOpen), string(RoundFinalizing)).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("check open quotas of citizen %d: %w", citizenID, translate(err))
	}
	return n > 0, nil
}

// UserWallet is the address a user acts as.
type UserWallet struct {
	UserRef   int64
	CitizenID int64
	Address   string
}

// UserWallets returns the addresses of those of the given users who have one, in user order.
func (r Repo) UserWallets(ctx context.Context, userRefs []int64) ([]UserWallet, error) {
	if len(userRefs) == 0 {
		return nil, nil
	}
	var out []UserWallet
	for chunk := range slices.Chunk(userRefs, maxList) {
		var rows []UserWallet
		err := r.with(ctx).Raw(`SELECT u.id AS user_ref, c.id AS citizen_id, c.address FROM users u
			JOIN citizens c ON c.id = u.citizen_id WHERE u.id IN ? ORDER BY u.id`, chunk).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("load wallets of %d users: %w", len(userRefs), translate(err))
		}
		out = append(out, rows...)
	}
	slices.SortFunc(out, func(a, b UserWallet) int { return cmp.Compare(a.UserRef, b.UserRef) })
	return out, nil
}

// SIWENonce is a Sign-In with Ethereum nonce issued to a user.
type SIWENonce struct {
	Nonce      string
	UserRef    int64
	ExpiresAt  time.Time
	ConsumedAt *time.Time
	CreatedAt  time.Time
}

type siweNonceRow struct {
	Nonce      string `gorm:"primaryKey"`
	UserRef    int64
	ExpiresAt  time.Time
	ConsumedAt *time.Time
	CreatedAt  time.Time
}

func (siweNonceRow) TableName() string { return "siwe_nonces" }

// maxNonce bounds a nonce's length.
const maxNonce = 64

// CreateSIWENonce stores a nonce issued to a user; a nonce issued before gives ErrConflict.
func (r Repo) CreateSIWENonce(ctx context.Context, n SIWENonce) error {
	if n.Nonce == "" || len(n.Nonce) > maxNonce || n.ExpiresAt.IsZero() {
		return fmt.Errorf("store siwe nonce: %w: nonce of 1 to %d bytes and its expiry required", ErrInvalid, maxNonce)
	}
	row := siweNonceRow{Nonce: n.Nonce, UserRef: n.UserRef, ExpiresAt: dbTime(n.ExpiresAt), CreatedAt: dbTime(n.CreatedAt)}
	if row.CreatedAt.IsZero() {
		row.CreatedAt = now()
	}
	if err := r.atomic(ctx, func(r Repo) error { return r.with(ctx).Create(&row).Error }); err != nil {
		return fmt.Errorf("store siwe nonce: %w", translate(err))
	}
	return nil
}

// SIWENonce returns a stored nonce, or ErrNotFound.
func (r Repo) SIWENonce(ctx context.Context, nonce string) (SIWENonce, error) {
	var row siweNonceRow
	if err := r.with(ctx).Take(&row, "nonce = ?", nonce).Error; err != nil {
		return SIWENonce{}, fmt.Errorf("load siwe nonce: %w", translate(err))
	}
	n := SIWENonce(row)
	n.ExpiresAt, n.CreatedAt = n.ExpiresAt.UTC(), n.CreatedAt.UTC()
	if n.ConsumedAt != nil {
		t := n.ConsumedAt.UTC()
		n.ConsumedAt = &t
	}
	return n, nil
}

// ConsumeSIWENonce marks the nonce issued to userRef used at at, in one guarded UPDATE: of two
// concurrent uses one wins. ErrConflict when it is not (any longer) that user's, unused and
// unexpired at at.
func (r Repo) ConsumeSIWENonce(ctx context.Context, nonce string, userRef int64, at time.Time) error {
	res := r.with(ctx).Exec(`UPDATE siwe_nonces SET consumed_at = ?
		WHERE nonce = ? AND user_ref = ? AND consumed_at IS NULL AND expires_at > ?`, dbTime(at), nonce, userRef, dbTime(at))
	if res.Error != nil {
		return fmt.Errorf("consume siwe nonce: %w", translate(res.Error))
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("consume siwe nonce: %w", ErrConflict)
	}
	return nil
}

// PruneSIWENonces deletes the nonces that expired before before and returns how many.
func (r Repo) PruneSIWENonces(ctx context.Context, before time.Time) (int64, error) {
	res := r.with(ctx).Exec("DELETE FROM siwe_nonces WHERE expires_at < ?", dbTime(before))
	if res.Error != nil {
		return 0, fmt.Errorf("prune siwe nonces: %w", translate(res.Error))
	}
	return res.RowsAffected, nil
}
