package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// maxTxGas is the per-transaction gas cap of EIP-7825 (Osaka).
const maxTxGas = 1 << 24

// Sender signs and sends transactions with one key.
type Sender struct {
	c       *Client
	key     *ecdsa.PrivateKey
	addr    common.Address
	chainID *big.Int
	signer  types.Signer
	minTip  *big.Int
	poll    time.Duration

	mu        sync.Mutex // guards nonce and haveNonce: the next nonce of Send
	nonce     uint64
	haveNonce bool
}

// Option configures a Sender.
type Option func(*Sender)

// WithMinTip sets the floor of the priority fee per gas (default 1 gwei):
// the node's eth_maxPriorityFeePerGas is used when it is higher.
func WithMinTip(wei *big.Int) Option {
	return func(s *Sender) { s.minTip = new(big.Int).Set(wei) }
}

// WithPollInterval sets how often WaitMined asks for a receipt (default
// 100ms).
func WithPollInterval(d time.Duration) Option {
	return func(s *Sender) { s.poll = d }
}

// NewSender returns a Sender that signs with key for chainID.
func NewSender(c *Client, key *ecdsa.PrivateKey, chainID *big.Int, opts ...Option) *Sender {
	s := &Sender{
		c:       c,
		key:     key,
		addr:    crypto.PubkeyToAddress(key.PublicKey),
		chainID: new(big.Int).Set(chainID),
		signer:  types.LatestSignerForChainID(chainID),
		minTip:  big.NewInt(1_000_000_000),
		poll:    100 * time.Millisecond,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Address is the sender's account.
func (s *Sender) Address() common.Address { return s.addr }

// PendingNonce is the next nonce counting transactions in the node's pool.
func (s *Sender) PendingNonce(ctx context.Context) (uint64, error) {
	n, err := s.c.PendingNonceAt(ctx, s.addr)
	if err != nil {
		return 0, fmt.Errorf("read pending nonce of %s: %w", s.addr, err)
	}
	return n, nil
}

// ConfirmedNonce is the next nonce after the transactions in the latest
// block.
func (s *Sender) ConfirmedNonce(ctx context.Context) (uint64, error) {
	n, err := s.c.NonceAt(ctx, s.addr, nil)
	if err != nil {
		return 0, fmt.Errorf("read nonce of %s: %w", s.addr, err)
	}
	return n, nil
}

// Build simulates a call of to (nil: contract creation) with data on the
// pending block, and signs
// an EIP-1559 transaction with the given nonce. A call that would revert
// gives a *RevertError and no transaction. Gas is the estimate plus 20%; the
// fee cap is twice the latest base fee plus the tip.
func (s *Sender) Build(ctx context.Context, to *common.Address, data []byte, nonce uint64) (*types.Transaction, error) {
	gas, err := s.estimateGas(ctx, to, data)
	if err != nil {
		return nil, err
	}
	head, err := s.c.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read latest header: %w", err)
	}
	if head.BaseFee == nil {
		return nil, errors.New("build transaction: chain has no base fee (pre-London)")
	}
	tip, err := s.tip(ctx)
	if err != nil {
		return nil, err
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	tx, err := types.SignNewTx(s.key, s.signer, &types.DynamicFeeTx{
		ChainID:   s.chainID,
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       padGas(gas, head.GasLimit),
		To:        to,
		Data:      data,
	})
	if err != nil {
		return nil, fmt.Errorf("sign transaction: %w", err)
	}
	return tx, nil
}

// estimateGas simulates on the pending block: it runs after the sender's
// transactions still in the pool, and at the time the next block will have
// (a dev chain's latest block may be hours old).
func (s *Sender) estimateGas(ctx context.Context, to *common.Address, data []byte) (uint64, error) {
	arg := map[string]any{"from": s.addr, "data": hexutil.Bytes(data)}
	if to != nil {
		arg["to"] = to
	}
	var gas hexutil.Uint64
	err := s.c.rpc.CallContext(ctx, &gas, "eth_estimateGas", arg, "pending")
	if re := revertOf(err); re != nil {
		return 0, fmt.Errorf("simulate %s: %w", describeCall(to, data), re)
	}
	if err != nil {
		return 0, fmt.Errorf("estimate gas of %s: %w", describeCall(to, data), err)
	}
	return uint64(gas), nil
}

// padGas adds 20% to an estimate, within the block and EIP-7825 limits.
func padGas(estimate, blockLimit uint64) uint64 {
	gas := estimate + (estimate+4)/5
	limit := min(blockLimit, maxTxGas)
	if gas > limit {
		gas = max(estimate, limit)
	}
	return gas
}

// tip is the node's suggested priority fee, at least minTip.
func (s *Sender) tip(ctx context.Context) (*big.Int, error) {
	tip, err := s.c.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("read max priority fee: %w", err)
	}
	if tip.Cmp(s.minTip) < 0 {
		tip = new(big.Int).Set(s.minTip)
	}
	return tip, nil
}

// Broadcast sends a signed transaction. It is idempotent: a transaction the
// node already knows, or that is already mined, is a success.
func (s *Sender) Broadcast(ctx context.Context, tx *types.Transaction) error {
	err := s.c.SendTransaction(ctx, tx)
	if err == nil || isKnownTx(err) {
		return nil
	}
	// "nonce too low" may be this very transaction, already mined.
	if _, _, lookupErr := s.c.TransactionByHash(ctx, tx.Hash()); lookupErr == nil {
		return nil
	}
	return fmt.Errorf("broadcast tx %s (nonce %d): %w", tx.Hash(), tx.Nonce(), err)
}

func isKnownTx(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "already known") || strings.Contains(msg, "known transaction")
}

// WaitMined waits for the receipt of hash. A reverted transaction gives its
// receipt and a *RevertError, its reason recovered by replaying the call at
// the receipt's block.
func (s *Sender) WaitMined(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	ticker := time.NewTicker(s.poll)
	defer ticker.Stop()
	for {
		r, err := s.c.TransactionReceipt(ctx, hash)
		switch {
		case err == nil && r.Status == types.ReceiptStatusSuccessful:
			return r, nil
		case err == nil:
			return r, s.revertReason(ctx, r)
		case !errors.Is(err, ethereum.NotFound) && !isIndexing(err):
			return nil, fmt.Errorf("read receipt of %s: %w", hash, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for %s: %w", hash, ctx.Err())
		case <-ticker.C:
		}
	}
}

// isIndexing is geth's answer for a receipt while its tx index catches up.
func isIndexing(err error) bool {
	return strings.Contains(err.Error(), "indexing is in progress")
}

// revertReason replays a reverted transaction as a call at its block (then
// at the parent block, for a revert that depended on state the block
// changed) to recover the revert data.
func (s *Sender) revertReason(ctx context.Context, r *types.Receipt) error {
	tx, _, err := s.c.TransactionByHash(ctx, r.TxHash)
	if err != nil {
		return fmt.Errorf("transaction %s reverted in block %s (reason not recovered: read tx: %v): %w", r.TxHash, r.BlockNumber, err, &RevertError{})
	}
	from, err := types.Sender(types.LatestSignerForChainID(tx.ChainId()), tx)
	if err != nil {
		return fmt.Errorf("transaction %s reverted in block %s (reason not recovered: %v): %w", r.TxHash, r.BlockNumber, err, &RevertError{})
	}
	msg := ethereum.CallMsg{From: from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}
	var callErr error
	for _, block := range []*big.Int{r.BlockNumber, new(big.Int).Sub(r.BlockNumber, big.NewInt(1))} {
		_, callErr = s.c.CallContract(ctx, msg, block)
		if re := revertOf(callErr); re != nil {
			return fmt.Errorf("transaction %s reverted in block %s: %w", r.TxHash, r.BlockNumber, re)
		}
	}
	if callErr == nil {
		callErr = errors.New("the replayed call succeeds")
	}
	return fmt.Errorf("transaction %s reverted in block %s (reason not recovered: %v): %w", r.TxHash, r.BlockNumber, callErr, &RevertError{})
}

// Send builds a transaction with the sender's next nonce, broadcasts it and
// waits for its receipt. Concurrent Sends get consecutive nonces. It is for
// tests and tools; the node's outbox uses Build, Broadcast and WaitMined.
func (s *Sender) Send(ctx context.Context, to *common.Address, data []byte) (*types.Receipt, error) {
	tx, err := s.sendNext(ctx, to, data)
	if err != nil {
		return nil, err
	}
	return s.WaitMined(ctx, tx.Hash())
}

// sendNext builds and broadcasts with the cached next nonce. When the key
// was used elsewhere meanwhile, it reloads the nonce from the node and tries
// once more.
func (s *Sender) sendNext(ctx context.Context, to *common.Address, data []byte) (*types.Transaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !s.haveNonce {
			n, err := s.PendingNonce(ctx)
			if err != nil {
				return nil, err
			}
			s.nonce, s.haveNonce = n, true
		}
		tx, err := s.Build(ctx, to, data, s.nonce)
		if err != nil {
			return nil, err
		}
		err = s.Broadcast(ctx, tx)
		if err == nil {
			s.nonce++
			return tx, nil
		}
		s.haveNonce = false
		if attempt > 0 || !isNonceTaken(err) {
			return nil, err
		}
	}
}

// isNonceTaken reports a broadcast refused because another transaction has
// the nonce: mined ("nonce too low") or still in the pool ("replacement
// transaction underpriced", also seen while the pool catches up on a new
// block).
func isNonceTaken(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "nonce too low") || strings.Contains(msg, "replacement transaction underpriced")
}

// describeCall names a call for messages: "allocateFor on 0x…" for a method
// of pbnode's contracts, "call of 0x… (selector 0x…)" for another, or
// "contract creation".
func describeCall(to *common.Address, data []byte) string {
	switch {
	case to == nil:
		return "contract creation"
	case len(data) < 4:
		return "call of " + to.Hex()
	}
	if name, ok := knownMethods()[[4]byte(data[:4])]; ok {
		return name + " on " + to.Hex()
	}
	return fmt.Sprintf("call of %s (selector %#x)", to.Hex(), data[:4])
}
