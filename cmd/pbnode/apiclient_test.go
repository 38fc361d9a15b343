package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

const (
	apiRoundAddr = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
	apiTokenAddr = "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be"
)

// roundJSON is a Round as SPEC "HTTP API" shapes it.
func roundJSON(id int64, addr string, pending int64) string {
	return fmt.Sprintf(`{"id":%d,"name":"Demo 2027","symbol":"D2027","status":"open","budget_kopecks":100000000,
		"deadline":"2027-06-01T00:00:00Z","treasury_address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
		"round_address":%q,"token_address":%q,
		"totals":{"supply_kopecks":100000000,"distributed_kopecks":3000000,"allocated_kopecks":1500000},
		"funded":[2,1],"pending_operations":%d}`, id, addr, apiTokenAddr, pending)
}

const initiativesJSON = `{"initiatives":[
	{"id":1,"title":"Park","cost_kopecks":40000000,"received_kopecks":500000,"piggy_bank":"0x0000000000000000000000000000000000000b01","funded":false},
	{"id":2,"title":"Library","cost_kopecks":50000000,"received_kopecks":1000000,"piggy_bank":"0x0000000000000000000000000000000000000b02","funded":false}]}`

// fakeAPI serves the read side of the API: round 7 at apiRoundAddr (after round 3 elsewhere).
// GET /api/v1/rounds/7 reports the pending counts in turn, then the last one forever.
type fakeAPI struct {
	mu      sync.Mutex // guards pending
	pending []int64
}

func newFakeAPI(t *testing.T, pending ...int64) string {
	t.Helper()
	if len(pending) == 0 {
		pending = []int64{0}
	}
	f := &fakeAPI{pending: pending}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/rounds", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, `{"rounds":[%s,%s]}`, roundJSON(3, "0x00000000000000000000000000000000000000aa", 0), roundJSON(7, apiRoundAddr, 0))
	})
	mux.HandleFunc("GET /api/v1/rounds/7", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, roundJSON(7, apiRoundAddr, f.next()))
	})
	mux.HandleFunc("GET /api/v1/rounds/7/initiatives", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, initiativesJSON)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func (f *fakeAPI) next() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.pending[0]
	if len(f.pending) > 1 {
		f.pending = f.pending[1:]
	}
	return n
}

func kop(n int64) *big.Int { return big.NewInt(n) }

// apiWant is the ledger of roundJSON and initiativesJSON.
func apiWant() ledger {
	return ledger{
		Budget: kop(100000000), Supply: kop(100000000), Distributed: kop(3000000), Allocated: kop(1500000),
		Token: common.HexToAddress(apiTokenAddr), Funded: []uint64{2, 1},
		Initiatives: map[uint64]initiativeTotals{
			1: {Cost: kop(40000000), Received: kop(500000)},
			2: {Cost: kop(50000000), Received: kop(1000000)},
		},
	}
}

func TestAPIClientView(t *testing.T) {
	c, err := newAPIClient(newFakeAPI(t)+"/", http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	// The round address is matched case-insensitively: lowercase in, checksummed in the API.
	v, findings, err := c.view(t.Context(), common.HexToAddress(strings.ToLower(apiRoundAddr)), time.Second, time.Millisecond)
	if err != nil || len(findings) != 0 {
		t.Fatalf("view: %v, findings %q", err, findings)
	}
	if v.Round.ID != 7 || len(v.Initiatives) != 2 {
		t.Fatalf("view = round %d with %d initiatives, want round 7 with 2", v.Round.ID, len(v.Initiatives))
	}
	got, err := v.ledger()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, apiWant()) {
		t.Errorf("ledger:\n got %+v\nwant %+v", got, apiWant())
	}
}

func TestAPIClientWaitsForPendingOperations(t *testing.T) {
	tests := []struct {
		name         string
		pending      []int64
		wait         time.Duration
		wantFindings []string
	}{
		{"settles", []int64{2, 1, 0}, 10 * time.Second, nil},
		{"still pending when the wait ends", []int64{3}, 50 * time.Millisecond,
			[]string{"API round 7 still has 3 pending operations after 50ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newAPIClient(newFakeAPI(t, tt.pending...), http.DefaultClient)
			if err != nil {
				t.Fatal(err)
			}
			_, findings, err := c.view(t.Context(), common.HexToAddress(apiRoundAddr), tt.wait, 5*time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(findings, tt.wantFindings) {
				t.Errorf("findings = %q, want %q", findings, tt.wantFindings)
			}
		})
	}
}

func TestAPIClientErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		wantErr string
	}{
		{"round not listed", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, `{"rounds":[%s]}`, roundJSON(3, "0x00000000000000000000000000000000000000aa", 0))
		}, "the API lists no round at " + apiRoundAddr},
		{"error envelope", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"code":"not_ready","message":"database unreachable"}}`)
		}, "GET /api/v1/rounds: HTTP 503 not_ready: database unreachable"},
		{"error without envelope", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "boom", http.StatusInternalServerError)
		}, "GET /api/v1/rounds: HTTP 500"},
		{"not JSON", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprint(w, `<html>`)
		}, "GET /api/v1/rounds: decode:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			t.Cleanup(srv.Close)
			c, err := newAPIClient(srv.URL, http.DefaultClient)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = c.view(t.Context(), common.HexToAddress(apiRoundAddr), time.Second, time.Millisecond)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestNewAPIClientRefusesNonHTTP(t *testing.T) {
	for _, base := range []string{"", "127.0.0.1:8080", "ftp://host", "http://"} {
		if _, err := newAPIClient(base, http.DefaultClient); err == nil {
			t.Errorf("newAPIClient(%q) succeeded", base)
		}
	}
}

func TestAPILedgerAmounts(t *testing.T) {
	tests := []struct {
		name    string
		budget  string
		want    *big.Int
		wantErr string
	}{
		{"integer", "100000000", kop(100000000), ""},
		{"beyond int64 stays exact", "123456789012345678901234567890", func() *big.Int {
			x, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
			return x
		}(), ""},
		{"fraction", "1.5", nil, "API budget_kopecks: 1.5 is not a whole number of kopecks"},
		{"exponent", "1e8", nil, "API budget_kopecks: 1e8 is not a whole number"},
		{"missing", "", nil, "API budget_kopecks: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := apiView{Round: apiRound{BudgetKopecks: json.Number(tt.budget), Totals: apiTotals{"1", "1", "1"}}}
			l, err := v.ledger()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || l.Budget.Cmp(tt.want) != 0 {
				t.Errorf("budget = %v, %v; want %v", l.Budget, err, tt.want)
			}
		})
	}
}
