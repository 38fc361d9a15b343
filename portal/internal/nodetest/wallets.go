package nodetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

// startWallets starts the wallets service with a wallet vault of its own (never the PII
// vault), on the test chain, for a node served at publicURL.
func (n *Node) startWallets(t testing.TB, chainID uint64, publicURL string) {
	t.Helper()
	vault, err := pii.NewEphemeralVault("w1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := wallets.DefaultConfig()
	cfg.PublicURL, cfg.ChainID = publicURL, chainID
	if n.Wallets, err = wallets.New(n.DB, vault, cfg, n.log); err != nil {
		t.Fatal(err)
	}
}

// VerifyPerson has the user verified up to level with the documents of person (a citizen of
// the extract reg was opened from), through the real flow: profile, registration address in
// territory, one request per level decided by a verification job whose notices give the
// citizen a custodial wallet (wallets.CustodialOnVerified).
func (n *Node) VerifyPerson(t testing.TB, user int64, reg registry.Registry, person registrytest.Citizen, level int, territory string) {
	t.Helper()
	ctx := t.Context()
	in := citizens.ProfileInput{FullName: person.Person.FullName, BirthDate: person.Person.BirthDate.Format(time.DateOnly)}
	if _, err := n.Citizens.UpdateProfile(ctx, user, in); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Citizens.SetAddress(ctx, user, storage.AddressRegistration, person.Person.Address, territory); err != nil {
		t.Fatal(err)
	}
	job, err := n.Citizens.NewJob(reg, n.Wallets.CustodialOnVerified(citizens.LogNotifier{Log: n.log}), citizens.DefaultJobConfig())
	if err != nil {
		t.Fatal(err)
	}
	subs := []citizens.PersonSubmission{{Level: 1},
		{Level: 2, PassportSeries: person.Passport.Reveal()[:4], PassportNumber: person.Passport.Reveal()[4:]},
		{Level: 3, SNILS: person.SNILS.Reveal()}}
	for _, sub := range subs[:level] {
		if _, err := n.Citizens.SubmitPerson(ctx, user, sub); err != nil {
			t.Fatalf("submit person level %d: %v", sub.Level, err)
		}
		runJob(t, ctx, job)
	}
}

// runJob runs job until the queue is empty and every decision is told.
func runJob(t testing.TB, ctx context.Context, job *citizens.Job) {
	t.Helper()
	for range 100 {
		p, err := job.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.Decided+p.Retried+p.Notified == 0 {
			return
		}
	}
	t.Fatal("the verification queue did not empty")
}

// custodialSeq makes distinct user IDs for CustodialCitizen.
var custodialSeq atomic.Int64

// CustodialCitizen creates an active user with a custodial wallet, the node keeping its key,
// and returns the user's id, the wallet's address and its citizen id. The node signs the
// user's BudgetRoundV2 records with that key.
func (n *Node) CustodialCitizen(t testing.TB) (userRef int64, addr common.Address, citizenID int64) {
	t.Helper()
	k := custodialSeq.Add(1)
	u := storage.User{UserID: fmt.Sprintf("%d", 700_000_000_000+k), OIDCIssuer: "urn:pbnode:nodetest", OIDCSubject: fmt.Sprint(k)}
	if err := n.DB.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	w, err := n.Wallets.EnsureCustodial(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID, w.Address, w.CitizenID
}
