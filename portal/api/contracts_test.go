package api_test

import (
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// TestAnchorRegistryDeployed: a node deploys the AnchorRegistry once, records its address in
// storage and reports it; the node's key may anchor.
func TestAnchorRegistryDeployed(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	n.Drain(t)
	f := &fixture{node: n}
	var got struct {
		AnchorRegistry string `json:"anchor_registry"`
	}
	f.do(t, "GET", "/api/v1/contracts", "", "", 200, &got)
	if !common.IsHexAddress(got.AnchorRegistry) {
		t.Fatalf("anchor_registry = %q, want an address", got.AnchorRegistry)
	}
	addr := common.HexToAddress(got.AnchorRegistry)
	code, err := n.Chain.CodeAt(t.Context(), addr, nil)
	if err != nil || len(code) == 0 {
		t.Fatalf("no contract code at %s (err %v)", addr, err)
	}
	reg := bindings.NewAnchorRegistry()
	role, err := reg.UnpackANCHORROLE(call(t, n, addr, reg.PackANCHORROLE()))
	if err != nil {
		t.Fatal(err)
	}
	has, err := reg.UnpackHasRole(call(t, n, addr, reg.PackHasRole(role, n.Worker.Address())))
	if err != nil || !has {
		t.Fatalf("the node's key lacks ANCHOR_ROLE (err %v)", err)
	}
	if err := n.Anchors.EnsureRegistry(t.Context()); err != nil {
		t.Fatal(err)
	}
	if ops, _ := n.DB.CountOps(t.Context(), nil); ops != 1 {
		t.Fatalf("%d operations after a second EnsureRegistry, want the one deployment", ops)
	}
}

func call(t *testing.T, n *nodetest.Node, to common.Address, data []byte) []byte {
	t.Helper()
	out, err := n.Chain.CallContract(t.Context(), ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
