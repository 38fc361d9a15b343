// Package devchain runs an embedded go-ethereum node in developer mode: a
// single-node proof-of-stake chain driven by geth's simulated beacon, which
// seals a block as soon as a transaction enters the pool. It keeps its state
// in a data directory, so a second Start continues the same chain, and it
// serves JSON-RPC on 127.0.0.1 only.
package devchain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	gethlog "github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/rpc"
)

// nodeName names the instance directory inside DataDir.
const nodeName = "pbnode-devchain"

// runningMarker exists in DataDir while a node runs; finding it at Start
// means the previous run did not Close (it crashed or was killed).
const runningMarker = "RUNNING"

// Node is a running embedded dev chain.
type Node struct {
	stack   *node.Node
	backend *eth.Ethereum
	dataDir string
	log     *slog.Logger
	syncer  *headSyncer
	beacon  *catalyst.SimulatedBeacon

	closeOnce sync.Once
	closeErr  error // result of the one Close
}

// Start starts a dev chain with cfg and returns once it serves JSON-RPC. The
// node runs until Close.
func Start(ctx context.Context, cfg Config, log *slog.Logger) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("devchain: start: %w", err)
	}
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("devchain: resolve data dir %q: %w", cfg.DataDir, err)
	}
	stack, err := node.New(nodeConfig(cfg, dataDir, log))
	if err != nil {
		return nil, fmt.Errorf("devchain: create node in %s: %w", dataDir, err)
	}
	n := &Node{stack: stack, dataDir: dataDir, log: log}
	if err := n.start(cfg); err != nil {
		return nil, errors.Join(err, stack.Close())
	}
	return n, nil
}

// start assembles the eth service, the filter API and the simulated beacon on
// the stack, then starts the stack.
func (n *Node) start(cfg Config) error {
	backend, err := eth.New(n.stack, ethConfig(cfg))
	if err != nil {
		if _, ok := errors.AsType[*core.GenesisMismatchError](err); ok {
			return fmt.Errorf("devchain: data dir %s holds a different chain (changed ChainID or GasLimit?): %w", n.dataDir, err)
		}
		return fmt.Errorf("devchain: create eth service: %w", err)
	}
	n.backend = backend
	if got := backend.BlockChain().Config().ChainID; got.Cmp(new(big.Int).SetUint64(cfg.ChainID)) != 0 {
		return fmt.Errorf("devchain: data dir %s holds chain id %s, want %d", n.dataDir, got, cfg.ChainID)
	}
	n.stack.RegisterAPIs([]rpc.API{{
		Namespace: "eth",
		Service:   filters.NewFilterAPI(filters.NewFilterSystem(backend.APIBackend, filters.Config{})),
	}})
	beacon, err := catalyst.NewSimulatedBeacon(0, DevAddress, backend)
	if err != nil {
		return fmt.Errorf("devchain: create simulated beacon: %w", err)
	}
	// With period 0 the beacon API owns a goroutine that seals a block for
	// each new transaction; beacon.Stop (a lifecycle of the stack) ends it.
	catalyst.RegisterSimulatedBeaconAPIs(n.stack, beacon)
	n.stack.RegisterLifecycle(beacon)
	n.beacon = beacon

	unclean := n.markRunning()
	if err := n.stack.Start(); err != nil {
		// The beacon is the last lifecycle, so it was never started and
		// the stack will not stop it.
		return errors.Join(fmt.Errorf("devchain: start node: %w", err), beacon.Stop())
	}
	n.syncer = n.startHeadSyncer()
	head := backend.BlockChain().CurrentBlock()
	n.log.Info("dev chain started", "url", n.RPCURL(), "chain_id", cfg.ChainID,
		"head", head.Number, "data_dir", n.dataDir, "resumed_after_crash", unclean)
	return nil
}

// markRunning creates the running marker and reports whether it was already
// there.
func (n *Node) markRunning() bool {
	path := filepath.Join(n.dataDir, runningMarker)
	_, err := os.Stat(path)
	unclean := err == nil
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		n.log.Warn("dev chain: cannot write running marker", "path", path, "err", err)
	}
	return unclean
}

// AdjustTime seals an empty block whose time is d after the head's, so that a
// round's deadline can pass without waiting (replays, tests). It fails while
// transactions are pending; d is rounded down to whole seconds.
func (n *Node) AdjustTime(d time.Duration) error {
	if d < time.Second {
		return fmt.Errorf("devchain: adjust time by %s: want at least a second", d)
	}
	if err := n.beacon.AdjustTime(d); err != nil {
		return fmt.Errorf("devchain: adjust time by %s: %w", d, err)
	}
	return nil
}

// RPCURL is the URL of the JSON-RPC HTTP endpoint, with the bound port.
func (n *Node) RPCURL() string { return n.stack.HTTPEndpoint() }

// Attach returns an in-process JSON-RPC client; the caller closes it.
func (n *Node) Attach() *rpc.Client { return n.stack.Attach() }

// DevKey returns the prefunded developer key (see the package-level DevKey).
func (n *Node) DevKey() *ecdsa.PrivateKey { return DevKey() }

// Close stops the node and flushes its state to DataDir. It is safe to call
// more than once.
func (n *Node) Close() error {
	n.closeOnce.Do(func() {
		n.syncer.stop()
		err := n.stack.Close()
		if err == nil {
			if rmErr := os.Remove(filepath.Join(n.dataDir, runningMarker)); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
				err = rmErr
			}
		}
		if err != nil {
			n.closeErr = fmt.Errorf("devchain: close: %w", err)
		}
	})
	return n.closeErr
}

// nodeConfig is the node shell: no p2p, no IPC, HTTP on loopback only.
func nodeConfig(cfg Config, dataDir string, log *slog.Logger) *node.Config {
	host, port, _ := cfg.httpHostPort() // checked by Validate
	return &node.Config{
		Name:                 nodeName,
		DataDir:              dataDir,
		HTTPHost:             host,
		HTTPPort:             port,
		HTTPModules:          []string{"eth", "net", "web3", "debug"},
		HTTPVirtualHosts:     []string{"localhost", "127.0.0.1"},
		HTTPTimeouts:         rpc.DefaultHTTPTimeouts,
		BatchRequestLimit:    node.DefaultConfig.BatchRequestLimit,
		BatchResponseMaxSize: node.DefaultConfig.BatchResponseMaxSize,
		HTTPBodyLimit:        node.DefaultConfig.HTTPBodyLimit,
		UseLightweightKDF:    true,
		P2P: p2p.Config{
			NoDiscovery: true,
			MaxPeers:    0,
			ListenAddr:  "",
		},
		Logger: gethlog.NewLogger(warnHandler{log.Handler()}),
	}
}

// ethConfig is the execution layer of a single-node dev chain. It keeps the
// caches small (the node shares the process) and runs the hash state scheme
// in archive mode, which writes every block's state to the database as the
// block is inserted (with headSyncer, a killed process loses almost no
// blocks). The default path scheme keeps recent state in memory and, killed,
// rewound a dev chain to genesis. A dev chain's state is tiny, so archive
// mode costs nothing worth counting.
func ethConfig(cfg Config) *ethconfig.Config {
	c := ethconfig.Defaults
	c.Genesis = core.DeveloperGenesisBlock(cfg.GasLimit, &DevAddress)
	c.Genesis.Config.ChainID = new(big.Int).SetUint64(cfg.ChainID)
	// Osaka is the newest fork live chains run; go-ethereum's dev genesis also turns on the
	// next one (Bogota), whose state-creation repricing makes a quota grant cost ~4× more.
	c.Genesis.Config.BogotaTime = nil
	c.NetworkId = cfg.ChainID
	c.SyncMode = ethconfig.FullSync
	c.StateScheme = rawdb.HashScheme
	c.NoPruning = true
	c.Preimages = true
	c.DatabaseCache = 64
	c.DatabaseHandles = 256
	c.TrieCleanCache = 32
	c.TrieDirtyCache = 0
	c.SnapshotCache = 0
	// No log index: eth_getLogs scans header blooms instead, which is quick
	// on a dev chain, while loading the index at each restart costs
	// seconds (and 20s under the race detector, pebble's invariant checks).
	c.LogNoHistory = true
	c.Miner.GasCeil = cfg.GasLimit
	c.Miner.GasPrice = big.NewInt(1)
	c.Miner.PendingFeeRecipient = DevAddress
	return &c
}
