package wallets_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/siwe"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

func TestEnsureCustodial(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		user := h.newUser(t)
		w, err := h.svc.EnsureCustodial(ctx, user)
		if err != nil || w.Kind != storage.WalletCustodial || w.CitizenID == 0 || w.LinkedAt.IsZero() {
			t.Fatalf("EnsureCustodial = %+v, %v", w, err)
		}
		again, err := h.svc.EnsureCustodial(ctx, user)
		if err != nil || again != w {
			t.Errorf("EnsureCustodial again = %+v, %v; want %+v", again, err, w)
		}
		if got, err := h.svc.Wallet(ctx, user); err != nil || got != w {
			t.Errorf("Wallet = %+v, %v; want %+v", got, err, w)
		}
		if u, _ := h.db.User(ctx, user); u.CitizenID == nil || *u.CitizenID != w.CitizenID {
			t.Errorf("users.citizen_id = %v, want %d", u.CitizenID, w.CitizenID)
		}

		// The key is sealed: the database holds no trace of it in clear.
		sealed, err := h.db.CustodialKey(ctx, w.CitizenID)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := h.vault.Open(pii.KindWalletKey, sealed)
		if err != nil {
			t.Fatal(err)
		}
		key, err := crypto.ToECDSA(raw)
		if err != nil || crypto.PubkeyToAddress(key.PublicKey) != w.Address {
			t.Fatalf("the sealed key is not the wallet's: %v", err)
		}
		dump := strings.ToLower(h.dump(t))
		if strings.Contains(dump, hex.EncodeToString(raw)) || strings.Contains(dump, string(raw)) {
			t.Error("the database dump holds the custodial private key in clear")
		}

		// The node signs for the citizen with it.
		signer, err := h.svc.Signer(ctx, user)
		if err != nil || signer.Address() != w.Address {
			t.Fatalf("Signer = %v, %v", signer, err)
		}
		sig, err := signer.SignText([]byte("allocate 5 to initiative 1"))
		if err != nil {
			t.Fatal(err)
		}
		sig[64] -= 27
		pub, err := crypto.SigToPub(accounts.TextHash([]byte("allocate 5 to initiative 1")), sig)
		if err != nil || crypto.PubkeyToAddress(*pub) != w.Address {
			t.Errorf("SignText signed as %v, %v; want %s", pub, err, w.Address)
		}
		for _, s := range []string{signer.String(), fmt.Sprintf("%v %+v %#v", signer, signer, signer)} {
			if strings.Contains(strings.ToLower(s), hex.EncodeToString(raw)) {
				t.Error("the signer prints its key")
			}
		}

		if _, err := h.svc.EnsureCustodial(ctx, user+1000); !errors.Is(err, wallets.ErrUnknownUser) {
			t.Errorf("EnsureCustodial of an unknown user: err = %v", err)
		}
		if _, err := h.svc.Wallet(ctx, h.newUser(t)); !errors.Is(err, wallets.ErrNoWallet) {
			t.Errorf("Wallet of a user without one: err = %v", err)
		}
	})
}

// TestEnsureCustodialConcurrently: concurrent calls for one user make one wallet.
func TestEnsureCustodialConcurrently(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, h *harness) {
		user := h.newUser(t)
		const n = 8
		got := make([]wallets.Wallet, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				var err error
				if got[i], err = h.svc.EnsureCustodial(t.Context(), user); err != nil {
					t.Errorf("call %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		for i := range got {
			if got[i] != got[0] {
				t.Errorf("call %d got %+v, call 0 %+v", i, got[i], got[0])
			}
		}
		links, err := h.db.WalletLinks(t.Context(), user)
		if err != nil || len(links) != 1 {
			t.Errorf("%d wallet links, %v; want 1", len(links), err)
		}
		citizens, err := h.db.ListCitizens(t.Context(), 100, 0)
		if err != nil || len(citizens) != 1 {
			t.Errorf("%d citizens, %v; want 1", len(citizens), err)
		}
	})
}

// message is a Sign-In with Ethereum message for challenge c, as a wallet would compose it,
// changed by edit.
func message(c wallets.Challenge, w wallet, edit func(*siwe.Message)) string {
	statement := c.Statement
	m := siwe.Message{Domain: c.Domain, Address: w.addr, Statement: &statement, URI: c.URI, ChainID: c.ChainID,
		Nonce: c.Nonce, IssuedAt: c.IssuedAt.Format(time.RFC3339), ExpirationTime: c.ExpirationTime.Format(time.RFC3339)}
	if edit != nil {
		edit(&m)
	}
	return m.String()
}

func TestLink(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		alice := h.newUser(t)
		custodial, err := h.svc.EnsureCustodial(ctx, alice)
		if err != nil {
			t.Fatal(err)
		}
		own := newWallet(t)
		c, err := h.svc.IssueNonce(ctx, alice)
		if err != nil {
			t.Fatal(err)
		}
		if c.Domain != domain || c.URI != publicURL || c.ChainID != chainID || len(c.Nonce) < 8 ||
			c.ExpirationTime.Sub(c.IssuedAt) != 10*time.Minute {
			t.Fatalf("IssueNonce = %+v", c)
		}
		text := message(c, own, nil)
		if text != c.Message(own.addr) {
			t.Errorf("Challenge.Message differs from a wallet's composition:\n%s\n%s", c.Message(own.addr), text)
		}
		sig := ethersSign(t, own, text)
		w, err := h.svc.Link(ctx, alice, text, sig)
		if err != nil || w.Address != own.addr || w.Kind != storage.WalletSIWE {
			t.Fatalf("Link = %+v, %v", w, err)
		}
		if got, _ := h.svc.Wallet(ctx, alice); got.Address != own.addr {
			t.Errorf("Wallet after Link = %s, want %s", got.Address, own.addr)
		}
		links, _ := h.db.WalletLinks(ctx, alice)
		if len(links) != 2 || links[0].CitizenID != custodial.CitizenID || links[0].UnlinkedAt == nil || links[1].UnlinkedAt != nil {
			t.Errorf("wallet links = %+v; want the custodial one ended and the own one open", links)
		}
		if _, err := h.svc.Signer(ctx, alice); !errors.Is(err, wallets.ErrNotCustodial) {
			t.Errorf("Signer of an own wallet: err = %v", err)
		}
		// The replayed message is refused.
		if _, err := h.svc.Link(ctx, alice, text, sig); !errors.Is(err, wallets.ErrNonceUsed) {
			t.Errorf("replay: err = %v, want ErrNonceUsed", err)
		}
	})
}

func TestLinkRefusals(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		alice, bob := h.newUser(t), h.newUser(t)
		own, mallory := newWallet(t), newWallet(t)
		// bob linked his wallet; alice tries to link it too.
		bobWallet := newWallet(t)
		cb, err := h.svc.IssueNonce(ctx, bob)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.Link(ctx, bob, message(cb, bobWallet, nil), ethersSign(t, bobWallet, message(cb, bobWallet, nil))); err != nil {
			t.Fatal(err)
		}
		bobNonce, err := h.svc.IssueNonce(ctx, bob)
		if err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name    string
			make    func(c wallets.Challenge) (string, []byte)
			wantErr error
		}{
			{"message for another domain", func(c wallets.Challenge) (string, []byte) {
				m := message(c, own, func(m *siwe.Message) { m.Domain, m.URI = "vote.evil.example", "https://vote.evil.example" })
				return m, ethersSign(t, own, m)
			}, wallets.ErrWrongDomain},
			{"another chain ID", func(c wallets.Challenge) (string, []byte) {
				m := message(c, own, func(m *siwe.Message) { m.ChainID = 1 })
				return m, ethersSign(t, own, m)
			}, wallets.ErrWrongChain},
			{"nonce issued to another user", func(wallets.Challenge) (string, []byte) {
				m := message(bobNonce, own, nil)
				return m, ethersSign(t, own, m)
			}, wallets.ErrNonceUnknown},
			{"nonce never issued", func(c wallets.Challenge) (string, []byte) {
				m := message(c, own, func(m *siwe.Message) { m.Nonce = "neverIssued1" })
				return m, ethersSign(t, own, m)
			}, wallets.ErrNonceUnknown},
			{"signature by another key", func(c wallets.Challenge) (string, []byte) {
				m := message(c, own, nil)
				return m, ethersSign(t, mallory, m)
			}, wallets.ErrBadSignature},
			{"address linked to another user", func(c wallets.Challenge) (string, []byte) {
				m := message(c, bobWallet, nil)
				return m, ethersSign(t, bobWallet, m)
			}, wallets.ErrAddressTaken},
			{"not a sign-in message", func(wallets.Challenge) (string, []byte) {
				return "hello", ethersSign(t, own, "hello")
			}, wallets.ErrInvalidMessage},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c, err := h.svc.IssueNonce(ctx, alice)
				if err != nil {
					t.Fatal(err)
				}
				text, sig := tt.make(c)
				before := h.dump(t)
				if _, err := h.svc.Link(ctx, alice, text, sig); !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if h.dump(t) != before {
					t.Error("a refused link wrote to the database")
				}
			})
		}

		t.Run("expired", func(t *testing.T) {
			c, err := h.svc.IssueNonce(ctx, alice)
			if err != nil {
				t.Fatal(err)
			}
			text := message(c, own, nil)
			sig := ethersSign(t, own, text)
			h.advance(10*time.Minute + time.Second)
			if _, err := h.svc.Link(ctx, alice, text, sig); !errors.Is(err, wallets.ErrNonceExpired) {
				t.Errorf("err = %v, want ErrNonceExpired", err)
			}
		})
	})
}

// TestLinkWhileInUse: a user whose custodial address holds a quota of a running round keeps it.
func TestLinkWhileInUse(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		user := h.newUser(t)
		custodial, err := h.svc.EnsureCustodial(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		rd := storage.Round{Name: "running", Symbol: "PB", Budget: 1000, Deadline: time.Now().Add(time.Hour),
			Treasury: "0x00000000000000000000000000000000000000aa", Status: storage.RoundOpen}
		if err := h.db.CreateRound(ctx, &rd); err != nil {
			t.Fatal(err)
		}
		if err := h.db.CreateQuotas(ctx, []storage.Quota{{RoundID: rd.ID, CitizenID: custodial.CitizenID, Amount: 1000}}); err != nil {
			t.Fatal(err)
		}
		own := newWallet(t)
		c, err := h.svc.IssueNonce(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		text := message(c, own, nil)
		sig := ethersSign(t, own, text)
		before := h.dump(t)
		if _, err := h.svc.Link(ctx, user, text, sig); !errors.Is(err, wallets.ErrWalletInUse) {
			t.Fatalf("err = %v, want ErrWalletInUse", err)
		}
		if h.dump(t) != before {
			t.Error("a refused link wrote to the database")
		}
		// Once the round is over the same message links.
		if err := h.db.SetRoundStatus(ctx, rd.ID, storage.RoundFinalized); err != nil {
			t.Fatal(err)
		}
		if w, err := h.svc.Link(ctx, user, text, sig); err != nil || w.Address != own.addr {
			t.Errorf("Link after the round = %+v, %v", w, err)
		}
	})
}
