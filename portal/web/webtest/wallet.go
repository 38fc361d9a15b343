package webtest

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// Wallet is a browser wallet for tests: an EIP-1193 provider, window.ethereum, in every page
// the tab opens, answered from Go with a key the test holds, as a wallet extension such as
// MetaMask answers. Only the extension's window is missing (the user says yes unless the
// test says otherwise); the signatures are real:
//
//   - eth_requestAccounts and eth_accounts give the account it offers (its address);
//   - eth_chainId and net_version give the chain it is on; wallet_switchEthereumChain
//     switches;
//   - personal_sign signs EIP-191 text (accounts.TextHash);
//   - eth_signTypedData_v4 signs EIP-712 typed data (go-ethereum's apitypes), and refuses
//     a domain of another chain, as MetaMask does;
//   - eth_sendTransaction signs and sends a transaction (EIP-1559) through the node of
//     UseNode, which also answers every other method (eth_call, eth_estimateGas, receipts…),
//     as a wallet relays reads to its node;
//   - without a node, any other method is refused with code 4200 (unsupported).
type Wallet struct {
	Address common.Address
	key     *ecdsa.PrivateKey
	node    *rpc.Client // nil: no transactions, no reads

	mu      sync.Mutex
	chainID *big.Int
	offered common.Address // the account pages see; Address unless the test changed it
	reject  int            // signature requests the user will reject (code 4001)
	calls   []WalletCall
}

// WalletCall is one request a page made of the wallet.
type WalletCall struct {
	Method string
	Params []json.RawMessage
}

// walletError is an EIP-1193 provider error.
type walletError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type walletAnswer struct {
	Result any          `json:"result"`
	Error  *walletError `json:"error,omitempty"`
}

// walletScript defines window.ethereum before any script of the page runs; its requests go
// to window.pbnodeTestWallet, the Go side.
const walletScript = `(() => {
  if (window.ethereum) return;
  window.ethereum = {
    isPbnodeTestWallet: true,
    request: async (args) => {
      const a = await window.pbnodeTestWallet({method: args.method, params: args.params || []});
      if (a.error) {
        const e = new Error(a.error.message);
        e.code = a.error.code;
        throw e;
      }
      return a.result;
    },
    on() {},
    removeListener() {},
  };
})();`

// Wallet gives every page the tab opens from now on a wallet holding key, on chain chainID.
func (b *Browser) Wallet(key *ecdsa.PrivateKey, chainID *big.Int) *Wallet {
	b.t.Helper()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	w := &Wallet{Address: addr, key: key, chainID: new(big.Int).Set(chainID), offered: addr}
	b.Do("give the browser a wallet",
		chromedp.ExposeFunc("pbnodeTestWallet", func(_ context.Context, req struct {
			Method string            `json:"method"`
			Params []json.RawMessage `json:"params"`
		}) (walletAnswer, error) {
			return w.answer(req.Method, req.Params), nil
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: walletScript})
			return err
		}))
	return w
}

// UseNode makes the wallet send transactions and relay reads through the JSON-RPC node at
// url, until the test ends.
func (w *Wallet) UseNode(t testing.TB, url string) {
	t.Helper()
	c, err := rpc.DialContext(t.Context(), url)
	if err != nil {
		t.Fatalf("wallet: dial %s: %v", url, err)
	}
	t.Cleanup(c.Close)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.node = c
}

// Calls are the requests pages made of the wallet so far, in order.
func (w *Wallet) Calls() []WalletCall {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]WalletCall(nil), w.calls...)
}

// Signed are the params of every request of method made so far.
func (w *Wallet) Signed(method string) [][]json.RawMessage {
	var out [][]json.RawMessage
	for _, c := range w.Calls() {
		if c.Method == method {
			out = append(out, c.Params)
		}
	}
	return out
}

// RejectNext makes the user reject the next signature request.
func (w *Wallet) RejectNext() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reject++
}

// Offer makes the wallet offer pages another account (one it holds no key of), as a user who
// picked another account in the extension; Offer(w.Address) goes back.
func (w *Wallet) Offer(addr common.Address) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.offered = addr
}

func (w *Wallet) answer(method string, params []json.RawMessage) walletAnswer {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls = append(w.calls, WalletCall{Method: method, Params: params})
	switch method {
	case "eth_requestAccounts", "eth_accounts":
		return walletAnswer{Result: []string{strings.ToLower(w.offered.Hex())}}
	case "eth_chainId":
		return walletAnswer{Result: hexutil.EncodeBig(w.chainID)}
	case "net_version":
		return walletAnswer{Result: w.chainID.String()}
	case "wallet_switchEthereumChain":
		var to []struct {
			ChainID hexutil.Big `json:"chainId"`
		}
		if err := unmarshalParams(params, &to); err != nil || len(to) != 1 {
			return walletFail(-32602, "invalid params")
		}
		w.chainID = to[0].ChainID.ToInt()
		return walletAnswer{}
	case "personal_sign":
		var data hexutil.Bytes
		if len(params) != 2 || json.Unmarshal(params[0], &data) != nil {
			return walletFail(-32602, "invalid params")
		}
		return w.sign(params[1], accounts.TextHash(data))
	case "eth_signTypedData_v4":
		var text string
		var td apitypes.TypedData
		if len(params) != 2 || json.Unmarshal(params[1], &text) != nil || json.Unmarshal([]byte(text), &td) != nil {
			return walletFail(-32602, "invalid typed data")
		}
		if id := (*big.Int)(td.Domain.ChainId); id == nil || id.Cmp(w.chainID) != 0 {
			return walletFail(-32602, fmt.Sprintf("Provided chainId %v must match the active chainId %s", td.Domain.ChainId, w.chainID))
		}
		digest, _, err := apitypes.TypedDataAndHash(td)
		if err != nil {
			return walletFail(-32602, err.Error())
		}
		return w.sign(params[0], digest)
	case "eth_sendTransaction":
		return w.send(params)
	}
	if w.node == nil {
		return walletFail(4200, "the wallet does not support "+method)
	}
	var out json.RawMessage
	args := make([]any, len(params))
	for i, p := range params {
		args[i] = p
	}
	if err := w.node.CallContext(context.Background(), &out, method, args...); err != nil {
		if e, ok := err.(rpc.Error); ok {
			return walletFail(e.ErrorCode(), e.Error())
		}
		return walletFail(-32603, err.Error())
	}
	return walletAnswer{Result: out}
}

// send signs the transaction of an eth_sendTransaction request as the wallet's account,
// filling in what the page left out (nonce, gas, fees), and sends it through the node.
func (w *Wallet) send(params []json.RawMessage) walletAnswer {
	var req struct {
		From  common.Address  `json:"from"`
		To    *common.Address `json:"to"`
		Data  hexutil.Bytes   `json:"data"`
		Value *hexutil.Big    `json:"value"`
		Gas   *hexutil.Uint64 `json:"gas"`
	}
	if w.node == nil {
		return walletFail(4200, "the wallet has no node to send through")
	}
	if len(params) != 1 || json.Unmarshal(params[0], &req) != nil {
		return walletFail(-32602, "invalid transaction")
	}
	if req.From != w.Address || w.offered != w.Address {
		return walletFail(4100, "the requested account is not authorized")
	}
	if w.reject > 0 {
		w.reject--
		return walletFail(4001, "User rejected the request.")
	}
	ctx := context.Background()
	ec := ethclient.NewClient(w.node)
	nonce, err := ec.PendingNonceAt(ctx, w.Address)
	if err != nil {
		return walletFail(-32603, err.Error())
	}
	value := new(big.Int)
	if req.Value != nil {
		value = req.Value.ToInt()
	}
	gas := uint64(0)
	if req.Gas != nil {
		gas = uint64(*req.Gas)
	} else if gas, err = ec.EstimateGas(ctx, ethereum.CallMsg{From: w.Address, To: req.To, Data: req.Data, Value: value}); err != nil {
		return walletFail(-32603, err.Error())
	}
	tip, err := ec.SuggestGasTipCap(ctx)
	if err != nil {
		return walletFail(-32603, err.Error())
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		return walletFail(-32603, err.Error())
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	tx, err := types.SignNewTx(w.key, types.LatestSignerForChainID(w.chainID), &types.DynamicFeeTx{
		ChainID: w.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: req.To, Value: value, Data: req.Data})
	if err != nil {
		return walletFail(-32603, err.Error())
	}
	if err := ec.SendTransaction(ctx, tx); err != nil {
		return walletFail(-32603, err.Error())
	}
	return walletAnswer{Result: tx.Hash().Hex()}
}

// sign signs digest as the account named by the request, when the user agrees.
func (w *Wallet) sign(account json.RawMessage, digest []byte) walletAnswer {
	var addr common.Address
	if err := json.Unmarshal(account, &addr); err != nil || addr != w.Address || w.offered != w.Address {
		return walletFail(4100, "the requested account is not authorized")
	}
	if w.reject > 0 {
		w.reject--
		return walletFail(4001, "User rejected the request.")
	}
	sig, err := crypto.Sign(digest, w.key)
	if err != nil {
		return walletFail(-32603, err.Error())
	}
	sig[64] += 27
	return walletAnswer{Result: hexutil.Encode(sig)}
}

func unmarshalParams(params []json.RawMessage, v any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

func walletFail(code int, msg string) walletAnswer {
	return walletAnswer{Error: &walletError{Code: code, Message: msg}}
}
