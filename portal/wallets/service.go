package wallets

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Config is what the service needs to know of the node.
type Config struct {
	// PublicURL is the node's address as users' browsers see it ("https://vote.example.org");
	// its host[:port] is the domain a Sign-In with Ethereum message must name, and the URL
	// itself the message's URI.
	PublicURL string
	ChainID   uint64        // the chain the node's contracts live on
	NonceTTL  time.Duration // how long an issued nonce may be used
	Statement string        // the line the wallet shows the user
}

// DefaultConfig returns the settings pbnode runs with; PublicURL and ChainID are the node's.
func DefaultConfig() Config {
	return Config{NonceTTL: 10 * time.Minute, Statement: "Link this wallet to my pbnode account."}
}

// Validate reports whether the config is usable; errors wrap ErrConfig.
func (c Config) Validate() error {
	if _, err := c.domain(); err != nil {
		return err
	}
	switch {
	case c.ChainID == 0:
		return fmt.Errorf("%w: chain ID is required", ErrConfig)
	case c.NonceTTL <= 0:
		return fmt.Errorf("%w: nonce lifetime must be positive", ErrConfig)
	}
	return nil
}

// domain is the host[:port] of PublicURL.
func (c Config) domain() (string, error) {
	u, err := url.Parse(c.PublicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", fmt.Errorf("%w: public URL must be an http or https URL with a host", ErrConfig)
	}
	return u.Host, nil
}

// Service keeps users' wallets. It is safe for concurrent use.
type Service struct {
	db     *storage.DB
	vault  *pii.Vault // the wallet vault: seals custodial keys only
	cfg    Config
	domain string
	log    *slog.Logger
	now    func() time.Time
}

// Option changes a Service for tests.
type Option func(*Service)

// WithClock makes the service read the time from now instead of time.Now.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns a Service over db that seals custodial keys with vault, which must not be the
// personal-data vault. log may be nil.
func New(db *storage.DB, vault *pii.Vault, cfg Config, log *slog.Logger, opts ...Option) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if db == nil || vault == nil {
		return nil, fmt.Errorf("%w: database and wallet vault are required", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	domain, _ := cfg.domain()
	s := &Service{db: db, vault: vault, cfg: cfg, domain: domain, log: log, now: time.Now}
	for _, opt := range opts {
		opt(s)
	}
	return s, nil
}

// clock returns the current time as the database keeps it.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Wallet is the address a user acts as.
type Wallet struct {
	CitizenID int64
	Address   common.Address
	Kind      storage.WalletKind // custodial or siwe
	LinkedAt  time.Time
}

func walletOf(l storage.WalletLink) Wallet {
	return Wallet{CitizenID: l.CitizenID, Address: common.HexToAddress(l.Address), Kind: l.Kind, LinkedAt: l.LinkedAt}
}

// Wallet returns the user's current wallet, or ErrNoWallet.
func (s *Service) Wallet(ctx context.Context, userRef int64) (Wallet, error) {
	l, err := s.db.CurrentWalletLink(ctx, userRef)
	if errors.Is(err, storage.ErrNotFound) {
		return s.registeredWallet(ctx, userRef)
	}
	if err != nil {
		return Wallet{}, err
	}
	return walletOf(l), nil
}

// KindRegistered is the kind of a wallet set on the user outside this package (by the
// operator, or before wallets were kept): there is no link record, and no key.
const KindRegistered storage.WalletKind = "registered"

// registeredWallet is the citizen a user acts as without a link record, or ErrNoWallet.
func (s *Service) registeredWallet(ctx context.Context, userRef int64) (Wallet, error) {
	u, err := s.db.User(ctx, userRef)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && u.CitizenID == nil) {
		return Wallet{}, fmt.Errorf("wallet of user %d: %w", userRef, ErrNoWallet)
	}
	if err != nil {
		return Wallet{}, err
	}
	// The user's citizen and its link commit together: a link committed since the first look
	// shows now.
	if l, err := s.db.CurrentWalletLink(ctx, userRef); err == nil {
		return walletOf(l), nil
	}
	c, err := s.db.Citizen(ctx, *u.CitizenID)
	if err != nil {
		return Wallet{}, fmt.Errorf("wallet of user %d: %w", userRef, err)
	}
	return Wallet{CitizenID: c.ID, Address: common.HexToAddress(c.Address), Kind: KindRegistered, LinkedAt: u.UpdatedAt}, nil
}

// activeUser loads a user that may act: ErrUnknownUser or ErrDeactivated otherwise.
func activeUser(ctx context.Context, r storage.Repo, userRef int64) (storage.User, error) {
	u, err := r.User(ctx, userRef)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return u, ErrUnknownUser
	case err != nil:
		return u, err
	case u.Status != storage.UserActive:
		return u, ErrDeactivated
	}
	return u, nil
}

// Sweep deletes nonces that expired a day ago or more and returns how many. Call it now and
// then from a goroutine the node owns.
func (s *Service) Sweep(ctx context.Context) (int64, error) {
	return s.db.PruneSIWENonces(ctx, s.clock().Add(-24*time.Hour))
}
