package devchain

import (
	"errors"
	"fmt"
	"net"
	"strconv"
)

// Config configures the embedded development chain.
type Config struct {
	// DataDir holds the chain database; a second Start on the same directory
	// continues the same chain. Required: the dev chain is never in-memory.
	DataDir string
	// HTTPAddr is the JSON-RPC listen address. The host must be 127.0.0.1 (or
	// empty, which means 127.0.0.1): the prefunded dev key is public, so the
	// endpoint must never be reachable from another machine. Port 0 picks a
	// free port; Node.RPCURL reports the bound one.
	HTTPAddr string
	// ChainID of the chain (1337, like geth --dev and hardhat's localhost).
	ChainID uint64
	// GasLimit is the block gas limit (genesis and every mined block).
	GasLimit uint64
}

// DefaultConfig returns the configuration `pbnode dev` starts from.
func DefaultConfig() Config {
	return Config{
		DataDir:  ".pbnode/devchain",
		HTTPAddr: "127.0.0.1:8545",
		ChainID:  1337,
		GasLimit: 60_000_000,
	}
}

// minGasLimit leaves room for a contract deployment in one block.
const minGasLimit = 5_000_000

// Validate reports the first invalid field.
func (c Config) Validate() error {
	if c.DataDir == "" {
		return errors.New("devchain: DataDir is required")
	}
	if _, _, err := c.httpHostPort(); err != nil {
		return err
	}
	if c.ChainID == 0 {
		return errors.New("devchain: ChainID must be positive")
	}
	if c.GasLimit < minGasLimit {
		return fmt.Errorf("devchain: GasLimit %d is below %d", c.GasLimit, minGasLimit)
	}
	return nil
}

// httpHostPort splits HTTPAddr into the loopback host and a port.
func (c Config) httpHostPort() (string, int, error) {
	host, portStr, err := net.SplitHostPort(c.HTTPAddr)
	if err != nil {
		return "", 0, fmt.Errorf("devchain: HTTPAddr %q: %w", c.HTTPAddr, err)
	}
	if host != "" && host != "127.0.0.1" {
		return "", 0, fmt.Errorf("devchain: HTTPAddr %q: host must be 127.0.0.1 (the dev key is public)", c.HTTPAddr)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return "", 0, fmt.Errorf("devchain: HTTPAddr %q: bad port: %w", c.HTTPAddr, err)
	}
	return "127.0.0.1", int(port), nil
}
