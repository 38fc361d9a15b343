package nodetest

import (
	"testing"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// startInitiatives starts the initiatives service with pbnode's rules, a support threshold of
// 2 (so that tests reach it), and photos in a temporary directory.
func (n *Node) startInitiatives(t testing.TB) {
	t.Helper()
	cfg := initiatives.DefaultConfig()
	cfg.PhotosDir, cfg.SupportThreshold = t.TempDir(), 2
	var err error
	if n.Initiatives, err = initiatives.New(n.DB, n.Budget, n.Citizens, cfg, n.log); err != nil {
		t.Fatal(err)
	}
}
