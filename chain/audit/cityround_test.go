package audit

import (
	"log/slog"
	"testing"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/audit/internal/cityround"
)

// TestCityRoundBuilder builds a small round with the builder of
// BenchmarkAuditCityRound (two relays), reuses it, reopens its chain and
// recounts it, so that the benchmark's builder keeps working.
func TestCityRoundBuilder(t *testing.T) {
	const n = 600
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	m, err := cityround.Build(t.Context(), cityround.Config{Dir: dir, N: n, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if m.N != n || m.Relays != 2 || m.ChainID != 1337 || m.FromBlock == 0 || m.ToBlock <= m.FromBlock {
		t.Fatalf("manifest %+v", m)
	}
	again, err := cityround.Build(t.Context(), cityround.Config{Dir: dir, N: n, Log: log})
	if err != nil || again.Round != m.Round || !again.Built.Equal(m.Built) {
		t.Fatalf("second build = %+v, %v; want the first round %+v reused", again, err, m)
	}
	if _, err := cityround.Build(t.Context(), cityround.Config{Dir: dir, N: n + 1, Log: log}); err == nil {
		t.Fatal("a build of another N in the same directory succeeded")
	}

	node, err := cityround.Start(t.Context(), dir, log)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := node.Close(); err != nil {
			t.Error(err)
		}
	}()
	c, err := chain.Dial(t.Context(), node.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := RecomputeV2(t.Context(), c, m.Round)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Allocations != n || r.Claims != n || r.RelayTxs != 2 || r.RelayedRecords != n || r.FromBlock < m.FromBlock {
		t.Fatalf("allocations %d claims %d relays %d records %d from block %d (manifest %d), findings %q",
			r.Allocations, r.Claims, r.RelayTxs, r.RelayedRecords, r.FromBlock, m.FromBlock, r.Findings())
	}
}
