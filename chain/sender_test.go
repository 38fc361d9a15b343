package chain_test

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
)

var (
	round = bindings.NewBudgetRound()
	token = bindings.NewBudgetToken()
)

// revertCode is runtime code that always reverts with data: it writes data
// to memory 32 bytes at a time and reverts with it.
func revertCode(data []byte) []byte {
	padded := append(data, make([]byte, (32-len(data)%32)%32)...)
	var code []byte
	for i := 0; i < len(padded); i += 32 {
		code = append(code, 0x7f) // PUSH32 chunk
		code = append(code, padded[i:i+32]...)
		code = append(code, 0x60, byte(i), 0x52) // PUSH1 i, MSTORE
	}
	return append(code, 0x60, byte(len(data)), 0x60, 0x00, 0xfd) // REVERT(0, len)
}

// initCode deploys runtime: CODECOPY it to memory and RETURN it.
func initCode(runtime []byte) []byte {
	return append([]byte{
		0x60, byte(len(runtime)), // PUSH1 len
		0x80,       // DUP1
		0x60, 0x0b, // PUSH1 11 (this prefix's length)
		0x60, 0x00, // PUSH1 0
		0x39,       // CODECOPY(0, 11, len)
		0x60, 0x00, // PUSH1 0
		0xf3, // RETURN(0, len)
	}, runtime...)
}

// roundFixture is a dev chain with a BudgetRound (budget 1000, deadline in
// an hour), initiative 1 (cost 500), and a citizen holding a quota of 100.
type roundFixture struct {
	node     *devchain.Node
	c        *chain.Client
	s        *chain.Sender
	round    common.Address
	token    common.Address
	reverter common.Address // always reverts with Error("nope")
	deadline uint64
}

func newRoundFixture(t *testing.T) *roundFixture {
	t.Helper()
	ctx := t.Context()
	f := &roundFixture{node: devchaintest.Start(t)}
	f.c, f.s = devchaintest.Connect(t, f.node)
	f.deadline = uint64(time.Now().Unix()) + 3600
	f.round = devchaintest.DeployRound(t, f.s, "Test round", big.NewInt(1000), f.deadline)
	out, err := f.c.Call(ctx, f.round, round.PackToken(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.token, err = round.UnpackToken(out); err != nil {
		t.Fatal(err)
	}
	f.send(t, &f.round, round.PackRegisterInitiative(big.NewInt(500)))
	f.send(t, &f.round, round.PackGrantQuotas([]common.Address{citizen}, []*big.Int{big.NewInt(100)}))
	r := f.send(t, nil, initCode(revertCode(encodeError("Error(string)", []string{"string"}, "nope"))))
	f.reverter = r.ContractAddress
	return f
}

func (f *roundFixture) send(t *testing.T, to *common.Address, data []byte) *types.Receipt {
	t.Helper()
	r, err := f.s.Send(t.Context(), to, data)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	return r
}

// rawTx signs a tx with a fixed gas limit, skipping the simulation, so that
// a reverting call gets mined.
func (f *roundFixture) rawTx(t *testing.T, to common.Address, data []byte, gas uint64) *types.Transaction {
	t.Helper()
	nonce, err := f.s.PendingNonce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.SignNewTx(f.node.DevKey(), types.LatestSignerForChainID(big.NewInt(1337)), &types.DynamicFeeTx{
		ChainID: big.NewInt(1337), Nonce: nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(1e10),
		Gas: gas, To: &to, Data: data,
	})
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestBuildDecodesReverts: Build simulates and names the contract's error
// (R-1.3 restrictions, roles, deadlines) without sending anything.
func TestBuildDecodesReverts(t *testing.T) {
	ctx := t.Context()
	f := newRoundFixture(t)
	stranger := chain.NewSender(f.c, newKey(t), big.NewInt(1337))
	other := common.HexToAddress("0x00000000000000000000000000000000000000c2")
	pastDeadline := round.PackConstructor("Late", "PB", big.NewInt(1), f.deadline-7200, f.s.Address(), f.s.Address())

	tests := []struct {
		name     string
		from     *chain.Sender
		to       *common.Address
		data     []byte
		wantName string
		wantArgs string
	}{
		{"grantQuotas from a non-registrar", stranger, &f.round,
			round.PackGrantQuotas([]common.Address{other}, []*big.Int{big.NewInt(1)}),
			"AccessControlUnauthorizedAccount", fmt.Sprintf("[%s %v]", stranger.Address(), [32]byte(registrarRole))},
		{"allocateFor over the citizen's balance (R-1.3)", f.s, &f.round,
			round.PackAllocateFor(citizen, big.NewInt(1), big.NewInt(200)), "InsufficientBalance", "[100 200]"},
		{"allocateFor an unknown initiative", f.s, &f.round,
			round.PackAllocateFor(citizen, big.NewInt(7), big.NewInt(1)), "UnknownInitiative", "[7]"},
		{"a second quota for a citizen", f.s, &f.round,
			round.PackGrantQuotas([]common.Address{citizen}, []*big.Int{big.NewInt(1)}), "QuotaAlreadyGranted", fmt.Sprintf("[%s]", citizen)},
		{"quotas over the round's balance", f.s, &f.round,
			round.PackGrantQuotas([]common.Address{other}, []*big.Int{big.NewInt(1000)}), "InsufficientBalance", "[900 1000]"},
		{"quota lengths differ", f.s, &f.round,
			round.PackGrantQuotas([]common.Address{other}, nil), "LengthMismatch", "[]"},
		{"withdraw more than allocated", f.s, &f.round,
			round.PackWithdrawFor(citizen, big.NewInt(1), big.NewInt(1)), "InsufficientAllocation", "[0 1]"},
		{"finalize before the deadline", f.s, &f.round, round.PackFinalize(), "DeadlineNotReached", "[]"},
		{"token transfer between citizens (R-1.3)", f.s, &f.token,
			token.PackTransfer(other, big.NewInt(1)), "TransfersRestricted", "[]"},
		{"deploy with a deadline in the past", f.s, nil,
			append(common.FromHex(bindings.BudgetRoundMetaData.Bin), pastDeadline...), "DeadlineInPast", "[]"},
		{"Error(string) of a hand-assembled contract", f.s, &f.reverter, nil, "Error", "[nope]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := tt.from.Build(ctx, tt.to, tt.data, 0)
			re, ok := errors.AsType[*chain.RevertError](err)
			if !ok {
				t.Fatalf("Build() = %v, %v; want a *RevertError", tx, err)
			}
			if re.Name != tt.wantName || fmt.Sprint(re.Args) != tt.wantArgs {
				t.Fatalf("revert = %s %v, want %s %s", re.Name, re.Args, tt.wantName, tt.wantArgs)
			}
			if !chain.IsRevert(err, tt.wantName) {
				t.Errorf("IsRevert(%v, %q) = false", err, tt.wantName)
			}
		})
	}
}

// TestWaitMinedRevert: a mined transaction with status 0 gives its receipt
// and a *RevertError recovered by replaying the call.
func TestWaitMinedRevert(t *testing.T) {
	ctx := t.Context()
	f := newRoundFixture(t)
	tests := []struct {
		name     string
		to       common.Address
		data     []byte
		gas      uint64
		wantName string
		wantErr  string
	}{
		{"Error(string)", f.reverter, nil, 100_000, "Error", "execution reverted: nope"},
		{"allocateFor over balance (R-1.3)", f.round, round.PackAllocateFor(citizen, big.NewInt(1), big.NewInt(200)), 200_000,
			"InsufficientBalance", "execution reverted: InsufficientBalance(100, 200)"},
		{"out of gas: no reason", f.round, round.PackRegisterInitiative(big.NewInt(5)), 30_000, "", "reason not recovered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := f.rawTx(t, tt.to, tt.data, tt.gas)
			if err := f.s.Broadcast(ctx, tx); err != nil {
				t.Fatal(err)
			}
			r, err := f.s.WaitMined(ctx, tx.Hash())
			if r == nil || r.Status != types.ReceiptStatusFailed {
				t.Fatalf("WaitMined() receipt = %v, want a failed receipt", r)
			}
			re, ok := errors.AsType[*chain.RevertError](err)
			if !ok || re.Name != tt.wantName || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("WaitMined() error = %v, want revert %q containing %q", err, tt.wantName, tt.wantErr)
			}
		})
	}
}

// TestBroadcastIdempotent: sending the same signed transaction again, before
// or after it is mined, is a success; another one with a used nonce is not.
func TestBroadcastIdempotent(t *testing.T) {
	ctx := t.Context()
	node := devchaintest.Start(t)
	_, s := devchaintest.Connect(t, node)
	nonce, err := s.PendingNonce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.Build(ctx, &common.Address{1}, nil, nonce)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := s.Broadcast(ctx, tx); err != nil {
			t.Fatalf("Broadcast #%d: %v", i+1, err)
		}
	}
	if _, err := s.WaitMined(ctx, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	if err := s.Broadcast(ctx, tx); err != nil {
		t.Fatalf("Broadcast after mined: %v", err)
	}
	other, err := s.Build(ctx, &common.Address{2}, nil, nonce)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Broadcast(ctx, other); err == nil {
		t.Fatal("Broadcast of another tx with a used nonce succeeded")
	}
	confirmed, err := s.ConfirmedNonce(ctx)
	if err != nil || confirmed != nonce+1 {
		t.Fatalf("ConfirmedNonce() = %d, %v; want %d", confirmed, err, nonce+1)
	}
}

// TestBuildFees: EIP-1559 fees (tip at least the floor, fee cap 2×base fee
// + tip) and gas = estimate × 1.2.
func TestBuildFees(t *testing.T) {
	ctx := t.Context()
	node := devchaintest.Start(t)
	c, _ := devchaintest.Connect(t, node)
	floor := big.NewInt(2_000_000_000)
	s := chain.NewSender(c, node.DevKey(), big.NewInt(1337), chain.WithMinTip(floor))
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.Build(ctx, &common.Address{1}, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tx.GasTipCap().Cmp(floor) < 0 {
		t.Errorf("tip = %s, want at least %s", tx.GasTipCap(), floor)
	}
	wantCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tx.GasTipCap())
	if tx.GasFeeCap().Cmp(wantCap) != 0 {
		t.Errorf("fee cap = %s, want %s", tx.GasFeeCap(), wantCap)
	}
	if tx.Gas() != 25_200 { // 21000 × 1.2
		t.Errorf("gas = %d, want 25200", tx.Gas())
	}
	if tx.Type() != types.DynamicFeeTxType || tx.ChainId().Uint64() != 1337 {
		t.Errorf("type %d chain %s, want EIP-1559 on 1337", tx.Type(), tx.ChainId())
	}
}

// TestSendConcurrent: concurrent Sends take consecutive nonces.
func TestSendConcurrent(t *testing.T) {
	ctx := t.Context()
	node := devchaintest.Start(t)
	_, s := devchaintest.Connect(t, node)
	const n = 6
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			r, err := s.Send(ctx, &common.Address{byte(i + 1)}, nil)
			if err == nil && r.Status != types.ReceiptStatusSuccessful {
				err = fmt.Errorf("tx %s failed", r.TxHash)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
	}
	if got, err := s.ConfirmedNonce(ctx); err != nil || got != n {
		t.Fatalf("ConfirmedNonce() = %d, %v; want %d", got, err, n)
	}
}

// TestSendAfterOutsideNonceUse: Send recovers when the key sent a
// transaction behind its back.
func TestSendAfterOutsideNonceUse(t *testing.T) {
	ctx := t.Context()
	f := newRoundFixture(t)
	tx := f.rawTx(t, common.Address{9}, nil, 21_000)
	if err := f.s.Broadcast(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WaitMined(ctx, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Send(ctx, &common.Address{9}, nil); err != nil {
		t.Fatalf("Send after an outside tx: %v", err)
	}
}

func TestClientCallRevert(t *testing.T) {
	f := newRoundFixture(t)
	_, err := f.c.Call(t.Context(), f.round, round.PackFinalize(), nil)
	if !chain.IsRevert(err, "AccessControlUnauthorizedAccount") {
		t.Fatalf("Call(finalize) from no one = %v, want AccessControlUnauthorizedAccount", err)
	}
}

func TestDialRedactsCredentials(t *testing.T) {
	_, err := chain.Dial(t.Context(), "http://user:s3cret@127.0.0.1:1")
	if err == nil {
		t.Fatal("Dial of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error %q leaks the password", err)
	}
}
