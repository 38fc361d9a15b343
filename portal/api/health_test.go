package api_test

import (
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// TestProbes: /healthz and /readyz answer for a node whose database and chain are up, and
// /metrics exposes the request counters in Prometheus text format.
func TestProbes(t *testing.T) {
	f := &fixture{node: nodetest.Start(t, storage.DriverSQLite)}
	f.do(t, "GET", "/healthz", "", "", 200, nil)
	var ready struct {
		Ready  bool
		Checks map[string]string
	}
	f.do(t, "GET", "/readyz", "", "", 200, &ready)
	if !ready.Ready || ready.Checks["database"] != "ok" || ready.Checks["chain"] != "ok" {
		t.Fatalf("readyz = %+v, want ready with database and chain ok", ready)
	}
	metrics := string(f.do(t, "GET", "/metrics", "", "", 200, nil))
	if !strings.Contains(metrics, `pbnode_http_requests_total{method="GET",route="/readyz",status="200"} 1`) {
		t.Fatalf("metrics lack the readyz request counter:\n%s", metrics)
	}
}

// TestReadyzReportsADeadDatabase: with the database closed, /readyz answers 503 and names it.
func TestReadyzReportsADeadDatabase(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	f := &fixture{node: n}
	n.DB.Close()
	var ready struct {
		Ready  bool
		Checks map[string]string
	}
	f.do(t, "GET", "/readyz", "", "", 503, &ready)
	if ready.Ready || ready.Checks["database"] == "ok" || ready.Checks["chain"] != "ok" {
		t.Fatalf("readyz = %+v, want database failing and chain ok", ready)
	}
}
