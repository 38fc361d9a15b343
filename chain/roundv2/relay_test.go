package roundv2_test

import (
	"crypto/ecdsa"
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

const open = time.Hour

// TestRelayClaimsMaterializeAllocateWithdrawMove: a batch of first uses
// with one multiproof, materialization from the claims root, then relayed
// Allocate (nonce 1), Withdraw (nonce 2) and a move (Withdraw and Allocate,
// nonces 3 and 4, in one batch).
func TestRelayClaimsMaterializeAllocateWithdrawMove(t *testing.T) {
	e := newEnv(t, 5, open)
	ctx := t.Context()
	batch := []roundv2.Signed{e.claim(t, 0, 1, 1500), e.claim(t, 1, 2, 3000), e.claim(t, 3, 1, 700)}
	res := e.relay(t, batch...)
	if res.BatchID == nil || res.BatchID.Sign() != 0 || res.GasUsed == 0 || res.Receipt == nil {
		t.Fatalf("relay result = %+v, want batch 0", res)
	}
	claims, err := roundv2.Claims(e.dom, batch)
	if err != nil {
		t.Fatal(err)
	}
	if root, err := e.round.ClaimsRoot(ctx, res.BatchID); err != nil || root != claims.Root() {
		t.Fatalf("claimsRoot(0) = %s, %v; want %s", root, err, claims.Root())
	}
	s := e.state(t)
	if s.Distributed != 3*quota || !slices.Equal(s.Claimed, []bool{true, true, false, true}) || !slices.Equal(s.Received, []uint64{2200, 3000, 0}) {
		t.Fatalf("after the claims: %+v", s)
	}
	if s.Accounts[0].Materialized {
		t.Fatal("a relayed first use wrote an account")
	}
	// Materialize citizen 0 from the committed first use.
	proof, _ := claims.Proof(0)
	if _, err := e.round.Materialize(ctx, res.BatchID, claims.Records[0], proof); err != nil {
		t.Fatal(err)
	}
	if acc, _ := e.round.Account(ctx, e.addr(0)); acc != (roundv2.Account{Materialized: true, Nonce: 1, Unallocated: 2500}) {
		t.Fatalf("account after materialize = %+v", acc)
	}
	// Allocate 500 into #3 (nonce 1), withdraw 200 from #1 (nonce 2).
	if r := e.relay(t, e.op(t, 0, roundv2.KindAllocate, 3, 500, 1)); r.BatchID != nil {
		t.Errorf("a batch without claims has batch id %s", r.BatchID)
	}
	e.relay(t, e.op(t, 0, roundv2.KindWithdraw, 1, 200, 2))
	// Move 1000 from #1 to #2: Withdraw and Allocate with consecutive nonces, one batch.
	e.relay(t, e.op(t, 0, roundv2.KindWithdraw, 1, 1000, 3), e.op(t, 0, roundv2.KindAllocate, 2, 1000, 4))
	if acc, _ := e.round.Account(ctx, e.addr(0)); acc != (roundv2.Account{Materialized: true, Nonce: 5, Unallocated: 2200}) {
		t.Errorf("account = %+v, want nonce 5, 2200 unallocated", acc)
	}
	s = e.state(t)
	if !slices.Equal(s.Allocated[0], []uint64{300, 1000, 500}) || !slices.Equal(s.Received, []uint64{1000, 4000, 500}) {
		t.Errorf("allocated %v (want 300 1000 500), received %v (want 1000 4000 500)", s.Allocated[0], s.Received)
	}
}

// TestRelayOverQuota: a first use allocating more than the quota, and an
// allocation over the unallocated balance.
func TestRelayOverQuota(t *testing.T) {
	e := newEnv(t, 3, open)
	before := e.state(t)
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{e.claim(t, 0, 1, quota+1)}, e.tree)
	e.refused(t, err, roundv2.ErrInsufficientBalance, before)
	if !chain.IsRevert(err, "InsufficientBalance") {
		t.Errorf("error %v is not the InsufficientBalance revert", err)
	}

	e.claimAndMaterialize(t, e.claim(t, 0, 1, 1000))
	before = e.state(t)
	_, err = e.round.Relay(t.Context(), []roundv2.Signed{e.op(t, 0, roundv2.KindAllocate, 2, quota-1000+1, 1)}, nil)
	e.refused(t, err, roundv2.ErrInsufficientBalance, before)
}

// TestRelayReusedNonce: a relayed record cannot be replayed.
func TestRelayReusedNonce(t *testing.T) {
	e := newEnv(t, 3, open)
	e.claimAndMaterialize(t, e.claim(t, 0, 1, 1000))
	rec := e.op(t, 0, roundv2.KindAllocate, 2, 100, 1)
	e.relay(t, rec)
	before := e.state(t)
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{rec}, nil)
	e.refused(t, err, roundv2.ErrBadNonce, before)
	// A new record with an old nonce too.
	_, err = e.round.Relay(t.Context(), []roundv2.Signed{e.op(t, 0, roundv2.KindWithdraw, 2, 50, 1)}, nil)
	e.refused(t, err, roundv2.ErrBadNonce, before)
}

// TestRelayWrongDomain: a signature for another chain id or another round
// recovers another address: a claim fails its proof, an allocation finds no
// account.
func TestRelayWrongDomain(t *testing.T) {
	e := newEnv(t, 3, open)
	e.claimAndMaterialize(t, e.claim(t, 0, 1, 1000))
	domains := map[string]roundv2.Domain{
		"another chain id": {ChainID: new(big.Int).Add(e.dom.ChainID, big.NewInt(1)), Round: e.dom.Round},
		"another round":    {ChainID: e.dom.ChainID, Round: common.Address{0xbb}},
	}
	for name, d := range domains {
		t.Run(name, func(t *testing.T) {
			before := e.state(t)
			claim := e.signIn(t, d, 1, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1, Quota: quota, Initiative: 1, Index: 1})
			_, err := e.round.Relay(t.Context(), []roundv2.Signed{claim}, e.tree)
			e.refused(t, err, roundv2.ErrBadProof, before)
			alloc := e.signIn(t, d, 0, roundv2.Record{Kind: roundv2.KindAllocate, Amount: 1, Nonce: 1, Initiative: 1})
			_, err = e.round.Relay(t.Context(), []roundv2.Signed{alloc}, nil)
			e.refused(t, err, roundv2.ErrNotMaterialized, before)
		})
	}
}

// TestRelayAfterSignatureDeadline: a record whose signature deadline has
// passed is refused, and the error names it.
func TestRelayAfterSignatureDeadline(t *testing.T) {
	e := newEnv(t, 3, open)
	before := e.state(t)
	expired := e.sign(t, 1, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1, Quota: quota, Initiative: 1, Index: 1, Deadline: e.latestTime(t)})
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{e.claim(t, 0, 1, 1), expired}, e.tree)
	e.refused(t, err, roundv2.ErrSignatureExpired, before)
	re, ok := errors.AsType[*roundv2.RevertError](err)
	if i, named := re.Record(); !ok || !named || i != 1 {
		t.Errorf("Record() = %d, %v; want record 1", i, named)
	}
}

// TestRelayWrongProof: a claim whose leaf is not in the eligibility tree (a
// quota the registrar did not publish) fails its proof.
func TestRelayWrongProof(t *testing.T) {
	e := newEnv(t, 3, open)
	before := e.state(t)
	tampered := e.sign(t, 0, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1, Quota: quota + 1, Initiative: 1, Index: 0})
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{tampered}, e.tree)
	e.refused(t, err, roundv2.ErrBadProof, before)
	// Another citizen's signature over citizen 0's leaf.
	other := e.sign(t, 1, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1, Quota: quota, Initiative: 1, Index: 0})
	_, err = e.round.Relay(t.Context(), []roundv2.Signed{other}, e.tree)
	e.refused(t, err, roundv2.ErrBadProof, before)
}

// TestRelaySecondClaim: an index claims once, in the same batch or a later
// one.
func TestRelaySecondClaim(t *testing.T) {
	e := newEnv(t, 3, open)
	ctx := t.Context()
	first, again := e.claim(t, 0, 1, 100), e.claim(t, 0, 2, 100)

	t.Run("same batch", func(t *testing.T) {
		before := e.state(t)
		// Relay refuses it before the chain: claims must strictly increase.
		_, err := e.round.Relay(ctx, []roundv2.Signed{first, again}, e.tree)
		e.refused(t, err, roundv2.ErrUnsortedClaims, before)
		// The contract refuses it too, before it checks the proof.
		records := []budgetroundv2.BudgetRoundV2Signed{first.Binding(), again.Binding()}
		data := budgetroundv2.NewBudgetRoundV2().PackRelay(records, [][32]byte{}, []*big.Int{big.NewInt(0)})
		to := e.round.Address()
		_, err = e.c.CallContract(ctx, ethereum.CallMsg{From: e.s.Address(), To: &to, Data: data}, nil)
		e.refused(t, roundv2.DecodeError(chainRevert(err)), roundv2.ErrAlreadyClaimed, before)
	})
	t.Run("later batch", func(t *testing.T) {
		e.relay(t, first)
		before := e.state(t)
		_, err := e.round.Relay(ctx, []roundv2.Signed{again}, e.tree)
		e.refused(t, err, roundv2.ErrAlreadyClaimed, before)
	})
}

// chainRevert turns an eth_call error into the *chain.RevertError the
// chain package would make of it.
func chainRevert(err error) error {
	if err == nil {
		return nil
	}
	if de, ok := errors.AsType[rpc.DataError](err); ok {
		if s, ok := de.ErrorData().(string); ok {
			return chain.DecodeRevert(common.FromHex(s))
		}
	}
	return err
}

// TestRelayUnknownInitiative: an allocation to an initiative that was never
// registered.
func TestRelayUnknownInitiative(t *testing.T) {
	e := newEnv(t, 3, open)
	before := e.state(t)
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{e.claim(t, 0, 4, 1)}, e.tree)
	e.refused(t, err, roundv2.ErrUnknownInitiative, before)
	_, err = e.round.Relay(t.Context(), []roundv2.Signed{e.claim(t, 0, 0, 1)}, e.tree)
	e.refused(t, err, roundv2.ErrUnknownInitiative, before)
}

// TestRelayChecksBatch: what Relay refuses before simulating.
func TestRelayChecksBatch(t *testing.T) {
	e := newEnv(t, 3, open)
	tests := []struct {
		name    string
		batch   []roundv2.Signed
		noTree  bool
		wantErr error
	}{
		{"empty", nil, false, roundv2.ErrEmptyBatch},
		{"decreasing indices", []roundv2.Signed{e.claim(t, 1, 1, 1), e.claim(t, 0, 1, 1)}, false, roundv2.ErrUnsortedClaims},
		{"claims without a tree", []roundv2.Signed{e.claim(t, 0, 1, 1)}, true, roundv2.ErrNoTree},
		{"bad record", []roundv2.Signed{{Record: roundv2.Record{Kind: 9}}}, false, roundv2.ErrBadRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := e.tree
			if tt.noTree {
				tree = nil
			}
			before := e.state(t)
			_, err := e.round.Relay(t.Context(), tt.batch, tree)
			e.refused(t, err, tt.wantErr, before)
		})
	}
}

// TestFinalizeBeforeDeadline: the funded set is computed after the deadline
// only.
func TestFinalizeBeforeDeadline(t *testing.T) {
	e := newEnv(t, 3, open)
	e.relay(t, e.claim(t, 0, 3, 3000))
	before := e.state(t)
	_, err := e.round.Finalize(t.Context())
	e.refused(t, err, roundv2.ErrDeadlineNotReached, before)
	if funded, err := e.round.Funded(t.Context()); err != nil || len(funded) != 0 {
		t.Errorf("Funded() = %v, %v; want none", funded, err)
	}
}

// TestFinalizeAfterDeadline: after the deadline relays are refused and
// finalize funds by the rule.
func TestFinalizeAfterDeadline(t *testing.T) {
	e := newEnv(t, 3, 12*time.Second)
	e.relay(t, e.claim(t, 0, 3, 3000), e.claim(t, 1, 1, 1000))
	late := e.claim(t, 2, 2, 1)
	e.passDeadline(t)
	before := e.state(t)
	_, err := e.round.Relay(t.Context(), []roundv2.Signed{late}, e.tree)
	e.refused(t, err, roundv2.ErrDeadlinePassed, before)
	if _, err := e.round.Finalize(t.Context()); err != nil {
		t.Fatal(err)
	}
	if funded, err := e.round.Funded(t.Context()); err != nil || !slices.Equal(funded, []uint16{3, 1}) {
		t.Errorf("Funded() = %v, %v; want [3 1]", funded, err)
	}
	_, err = e.round.Finalize(t.Context())
	if !errors.Is(err, roundv2.ErrAlreadyFinalized) {
		t.Errorf("second Finalize: %v, want ErrAlreadyFinalized", err)
	}
}

// TestDirectClaimAndAllocate: a citizen claims from their own key; the
// account is written at once (nonce 0), and a relayed claim of the same
// index is refused.
func TestDirectClaimAndAllocate(t *testing.T) {
	e := newEnv(t, 3, open)
	ctx := t.Context()
	citizen := e.ownWallet(t, 2)
	proof, _ := e.tree.Proof(2)
	// A wrong quota first: refused, nothing written.
	before := e.state(t)
	_, err := citizen.ClaimAndAllocate(ctx, 2, quota+1, proof, 1, 100)
	e.refused(t, err, roundv2.ErrBadProof, before)

	if _, err := citizen.ClaimAndAllocate(ctx, 2, quota, proof, 1, 100); err != nil {
		t.Fatal(err)
	}
	if acc, _ := e.round.Account(ctx, e.addr(2)); acc != (roundv2.Account{Materialized: true, Nonce: 0, Unallocated: quota - 100}) {
		t.Errorf("account = %+v", acc)
	}
	if _, err := citizen.Move(ctx, 1, 2, 40); err != nil {
		t.Fatal(err)
	}
	before = e.state(t)
	if !before.Claimed[2] || !slices.Equal(before.Allocated[2], []uint64{60, 40, 0}) {
		t.Errorf("after claim and move: %+v", before)
	}
	_, err = e.round.Relay(ctx, []roundv2.Signed{e.claim(t, 2, 1, 1)}, e.tree)
	e.refused(t, err, roundv2.ErrAlreadyClaimed, before)
	// Its first signed nonce is 0: no signature was consumed.
	e.relay(t, e.op(t, 2, roundv2.KindAllocate, 3, 10, 0))
}

// TestRelayGasPerCitizen logs the gas of one batch of 500 consecutive first
// uses against a tree of a million citizens (R-1.2 at city scale).
func TestRelayGasPerCitizen(t *testing.T) {
	if testing.Short() {
		t.Skip("500 signatures and a million-leaf tree")
	}
	const batchSize, treeSize, first = 500, 1_000_000, 1000
	e := newEnv(t, 1, open)
	ctx := t.Context()
	// A million leaves; citizens first..first+499 have keys.
	keys := make(map[int]*ecdsa.PrivateKey, batchSize)
	leaves := make([]common.Hash, treeSize)
	for i := range leaves {
		if i >= first && i < first+batchSize {
			keys[i], _ = crypto.GenerateKey()
			leaves[i] = merkle.EligibilityLeaf(uint64(i), crypto.PubkeyToAddress(keys[i].PublicKey), quota)
			continue
		}
		leaves[i] = crypto.Keccak256Hash(big.NewInt(int64(i)).Bytes())
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.round.SetEligibilityRoot(ctx, tree.Root(), treeSize); err != nil {
		t.Fatal(err)
	}
	batch := make([]roundv2.Signed, 0, batchSize)
	for i := first; i < first+batchSize; i++ {
		r := roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 1000, Quota: quota, Initiative: uint16(1 + i%3), Index: uint32(i), Deadline: e.deadline}
		s, err := roundv2.Sign(ctx, e.dom, r, roundv2.KeySigner(keys[i]))
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, s)
	}
	res, err := e.round.Relay(ctx, batch, tree)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := e.round.Distributed(ctx); d != batchSize*quota {
		t.Errorf("distributed = %d, want %d", d, batchSize*quota)
	}
	tx, _, err := e.c.TransactionByHash(ctx, res.Receipt.TxHash)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("relay of %d first uses (tree of %d): gas %d, %d per citizen, calldata %d bytes",
		batchSize, treeSize, res.GasUsed, res.GasUsed/batchSize, len(tx.Data()))
}
