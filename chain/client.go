// Package chain is everything of pbnode that touches an EVM chain over
// JSON-RPC: a client, a transaction sender that owns a key, and the decoding
// of reverts into the contracts' errors. It works against any node: the
// embedded dev chain (chain/devchain), `hardhat node`, or a real network.
package chain

import (
	"context"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/url"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// Client is an Ethereum JSON-RPC client that knows its chain id.
type Client struct {
	*ethclient.Client
	rpc     *rpc.Client
	chainID *big.Int
}

// Dial connects to a JSON-RPC endpoint (http, https, ws, wss or an IPC path)
// and reads its chain id.
func Dial(ctx context.Context, rawURL string) (*Client, error) {
	var opts []rpc.ClientOption
	if loopbackHTTP(rawURL) {
		// Go's HTTP client asks for gzip; a node on this machine would compress every answer
		// only for us to inflate it again (a million-allocation audit: 18 CPU-s in the node).
		opts = append(opts, rpc.WithHTTPClient(&http.Client{Transport: uncompressed}))
	}
	rc, err := rpc.DialOptions(ctx, rawURL, opts...)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", redactURL(rawURL), err)
	}
	c, err := NewClient(ctx, rc)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("dial %s: %w", redactURL(rawURL), err)
	}
	return c, nil
}

// uncompressed is the HTTP transport of loopback nodes: the default one, without gzip.
var uncompressed = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	return t
}()

// loopbackHTTP reports whether rawURL is an http(s) URL of this machine (localhost or a
// loopback address).
func loopbackHTTP(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// NewClient wraps an RPC client, e.g. an in-process one from
// devchain.Node.Attach. Close closes rc.
func NewClient(ctx context.Context, rc *rpc.Client) (*Client, error) {
	ec := ethclient.NewClient(rc)
	id, err := ec.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("read chain id: %w", err)
	}
	return &Client{Client: ec, rpc: rc, chainID: id}, nil
}

// RPC returns the underlying RPC client.
func (c *Client) RPC() *rpc.Client { return c.rpc }

// ChainID returns the chain id read when the client connected.
func (c *Client) ChainID(context.Context) (*big.Int, error) {
	return new(big.Int).Set(c.chainID), nil
}

// Call runs a read-only call of to at block (nil: latest); a revert comes
// back as *RevertError.
func (c *Client) Call(ctx context.Context, to common.Address, data []byte, block *big.Int) ([]byte, error) {
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, block)
	if re := revertOf(err); re != nil {
		return nil, re
	}
	return out, err
}

// redactURL drops credentials (user:password@) from a URL for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}
