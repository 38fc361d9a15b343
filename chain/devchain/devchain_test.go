package devchain_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/pbnode/pbnode/chain/devchain"
)

// logConstructor is init code that emits one LOG0 and deploys nothing:
// PUSH1 0, PUSH1 0, LOG0, STOP.
var logConstructor = common.FromHex("0x60006000a000")

func testConfig(t *testing.T, dir string) devchain.Config {
	t.Helper()
	cfg := devchain.DefaultConfig()
	cfg.DataDir = dir
	cfg.HTTPAddr = "127.0.0.1:0"
	return cfg
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

func startNode(t *testing.T, cfg devchain.Config) *devchain.Node {
	t.Helper()
	n, err := devchain.Start(t.Context(), cfg, testLogger(t))
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return n
}

func dial(t *testing.T, url string) *ethclient.Client {
	t.Helper()
	c, err := ethclient.DialContext(t.Context(), url)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(c.Close)
	return c
}

// sendTx signs and sends an EIP-1559 tx from key (to nil deploys data) and
// waits for its receipt.
func sendTx(ctx context.Context, c *ethclient.Client, key *ecdsa.PrivateKey, to *common.Address, data []byte) (*types.Receipt, error) {
	tx, err := signTx(ctx, c, key, to, data)
	if err != nil {
		return nil, err
	}
	if err := c.SendTransaction(ctx, tx); err != nil {
		return nil, err
	}
	return waitReceipt(ctx, c, tx.Hash())
}

func signTx(ctx context.Context, c *ethclient.Client, key *ecdsa.PrivateKey, to *common.Address, data []byte) (*types.Transaction, error) {
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := c.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, err
	}
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   chainID,
		Nonce:     nonce,
		GasTipCap: big.NewInt(1_000_000_000),
		GasFeeCap: big.NewInt(10_000_000_000),
		Gas:       100_000,
		To:        to,
		Value:     big.NewInt(1),
		Data:      data,
	})
	return types.SignTx(tx, types.LatestSignerForChainID(chainID), key)
}

func waitReceipt(ctx context.Context, c *ethclient.Client, hash common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		r, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		// Right after a block the tx indexer may lag ("transaction
		// indexing is in progress").
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*devchain.Config)
		wantErr string
	}{
		{"default", func(*devchain.Config) {}, ""},
		{"port 0", func(c *devchain.Config) { c.HTTPAddr = "127.0.0.1:0" }, ""},
		{"empty host means loopback", func(c *devchain.Config) { c.HTTPAddr = ":0" }, ""},
		{"no data dir", func(c *devchain.Config) { c.DataDir = "" }, "DataDir"},
		{"all interfaces refused", func(c *devchain.Config) { c.HTTPAddr = "0.0.0.0:8545" }, "127.0.0.1"},
		{"no port", func(c *devchain.Config) { c.HTTPAddr = "127.0.0.1" }, "HTTPAddr"},
		{"bad port", func(c *devchain.Config) { c.HTTPAddr = "127.0.0.1:x" }, "port"},
		{"zero chain id", func(c *devchain.Config) { c.ChainID = 0 }, "ChainID"},
		{"tiny gas limit", func(c *devchain.Config) { c.GasLimit = 21000 }, "GasLimit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := devchain.DefaultConfig()
			tt.edit(&cfg)
			err := cfg.Validate()
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Validate() = %v, want error mentioning %q", err, tt.wantErr)
			}
		})
	}
}

// TestStartServesChain checks the JSON-RPC surface the node and the audit
// rely on: chain id, the prefunded dev key, a block per transaction, and
// eth_getLogs (served by the filter API).
func TestStartServesChain(t *testing.T) {
	ctx := t.Context()
	n := startNode(t, testConfig(t, t.TempDir()))
	if strings.HasSuffix(n.RPCURL(), ":0") || !strings.HasPrefix(n.RPCURL(), "http://127.0.0.1:") {
		t.Fatalf("RPCURL() = %q, want the bound loopback port", n.RPCURL())
	}
	c := dial(t, n.RPCURL())

	chainID, err := c.ChainID(ctx)
	if err != nil || chainID.Uint64() != 1337 {
		t.Fatalf("ChainID() = %v, %v; want 1337", chainID, err)
	}
	if got := crypto.PubkeyToAddress(n.DevKey().PublicKey); got != devchain.DevAddress {
		t.Fatalf("dev key address = %s, want %s", got, devchain.DevAddress)
	}
	bal, err := c.BalanceAt(ctx, devchain.DevAddress, nil)
	if err != nil || bal.Cmp(new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)) < 0 {
		t.Fatalf("dev balance = %v, %v; want prefunded", bal, err)
	}
	before, err := c.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sendTx(ctx, c, n.DevKey(), nil, logConstructor)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	if r.Status != types.ReceiptStatusSuccessful || r.BlockNumber.Uint64() != before+1 {
		t.Fatalf("receipt status %d in block %d, want success in block %d", r.Status, r.BlockNumber, before+1)
	}
	logs, err := c.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{r.ContractAddress}})
	if err != nil {
		t.Fatalf("eth_getLogs: %v", err)
	}
	if len(logs) != 1 || logs[0].TxHash != r.TxHash {
		t.Fatalf("eth_getLogs = %d logs, want the constructor's one", len(logs))
	}
}

// TestAttach checks the in-process client serves the same chain.
func TestAttach(t *testing.T) {
	n := startNode(t, testConfig(t, t.TempDir()))
	rc := n.Attach()
	defer rc.Close()
	chainID, err := ethclient.NewClient(rc).ChainID(t.Context())
	if err != nil || chainID.Uint64() != 1337 {
		t.Fatalf("ChainID() over Attach = %v, %v; want 1337", chainID, err)
	}
}

// TestAdjustTime: AdjustTime seals a block that far after the head, so a
// deadline an hour away passes at once; under a second is refused.
func TestAdjustTime(t *testing.T) {
	n := startNode(t, testConfig(t, t.TempDir()))
	rc := n.Attach()
	defer rc.Close()
	ec := ethclient.NewClient(rc)
	before, err := ec.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.AdjustTime(time.Hour); err != nil {
		t.Fatalf("AdjustTime(1h): %v", err)
	}
	after, err := ec.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if after.Number.Uint64() != before.Number.Uint64()+1 || after.Time != before.Time+3600 {
		t.Fatalf("head after AdjustTime(1h) = block %d at %d; want block %d at %d",
			after.Number, after.Time, before.Number.Uint64()+1, before.Time+3600)
	}
	if err := n.AdjustTime(time.Millisecond); err == nil {
		t.Fatal("AdjustTime(1ms) = nil, want an error")
	}
}

// TestRestartContinuesChain: a second Start on the same DataDir continues the
// same chain after a clean Close.
func TestRestartContinuesChain(t *testing.T) {
	ctx := t.Context()
	cfg := testConfig(t, t.TempDir())

	n1, err := devchain.Start(ctx, cfg, testLogger(t))
	if err != nil {
		t.Fatalf("first Start: %v", err)
	}
	c1 := dial(t, n1.RPCURL())
	var last *types.Receipt
	for range 3 {
		if last, err = sendTx(ctx, c1, n1.DevKey(), &common.Address{1}, nil); err != nil {
			t.Fatalf("send: %v", err)
		}
	}
	c1.Close()
	if err := n1.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := n1.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}

	n2 := startNode(t, cfg)
	c2 := dial(t, n2.RPCURL())
	head, err := c2.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The beacon may seal an empty block after the last one, never fewer.
	if head < last.BlockNumber.Uint64() {
		t.Fatalf("head after restart = %d, want at least %d", head, last.BlockNumber)
	}
	block, err := c2.BlockByNumber(ctx, last.BlockNumber)
	if err != nil || block.Hash() != last.BlockHash {
		t.Fatalf("block %d after restart = %v, %v; want hash %s", last.BlockNumber, block.Hash(), err, last.BlockHash)
	}
	r, err := sendTx(ctx, c2, n2.DevKey(), &common.Address{1}, nil)
	if err != nil || r.Status != types.ReceiptStatusSuccessful || r.BlockNumber.Uint64() <= head {
		t.Fatalf("send after restart: %v, %v; want a success after block %d", r, err, head)
	}
}

// TestStartSameDirTwice: geth locks the data dir, so a second node on it
// fails instead of corrupting the first one's database.
func TestStartSameDirTwice(t *testing.T) {
	cfg := testConfig(t, t.TempDir())
	startNode(t, cfg)
	n, err := devchain.Start(t.Context(), cfg, testLogger(t))
	if err == nil {
		n.Close()
		t.Fatal("second Start on a running data dir succeeded")
	}
}
