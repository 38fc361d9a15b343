package cityround

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// manifestName is the manifest's file in a round directory. It is written
// last, after the node closed cleanly: its presence means the round is whole.
const manifestName = "manifest.json"

// chainDir is the dev chain's data directory inside a round directory.
const chainDir = "chain"

// Manifest describes a built round.
type Manifest struct {
	Round     common.Address `json:"round"`
	N         int            `json:"n"` // citizens, each with one relayed first use
	ChainID   uint64         `json:"chain_id"`
	FromBlock uint64         `json:"from_block"` // the round's deployment
	ToBlock   uint64         `json:"to_block"`   // the last relay
	Relays    int            `json:"relays"`
	Built     time.Time      `json:"built"`
	// BuildSeconds is the wall time of the build, keys to clean close.
	BuildSeconds float64 `json:"build_seconds"`
}

// ReadManifest reads dir's manifest; errors.Is(err, fs.ErrNotExist) when no
// round was built there (or its build did not finish).
func ReadManifest(dir string) (Manifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return Manifest{}, fmt.Errorf("read round manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return Manifest{}, fmt.Errorf("read round manifest %s: %w", filepath.Join(dir, manifestName), err)
	}
	if m.N <= 0 || m.Round == (common.Address{}) {
		return Manifest{}, fmt.Errorf("round manifest %s: no round or no citizens", filepath.Join(dir, manifestName))
	}
	return m, nil
}

// write stores m in dir through a temporary file, so that a manifest is
// never half written.
func (m Manifest) write(dir string) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, manifestName+".tmp")
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o644); err != nil {
		return fmt.Errorf("write round manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, manifestName)); err != nil {
		return fmt.Errorf("write round manifest: %w", err)
	}
	return nil
}

// haveManifest reports whether dir holds a finished round.
func haveManifest(dir string) (bool, error) {
	_, err := os.Stat(filepath.Join(dir, manifestName))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("round manifest: %w", err)
}
