package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/portal/demo"
)

// devEnv runs `pbnode dev` on free ports in dataDir.
func devEnv(dataDir string) []string {
	return []string{
		"PBNODE_DATA_DIR=" + dataDir,
		"PBNODE_HTTP_ADDR=127.0.0.1:0",
		"PBNODE_CHAIN_DEV_HTTP_ADDR=127.0.0.1:0",
		"PBNODE_LOG_LEVEL=info",
	}
}

type ack struct {
	citizen common.Address
	amount  int64
	opID    int64
}

// TestDevSurvivesSIGKILL kills `pbnode dev` with SIGKILL while citizens allocate, starts
// it again, and checks that every acknowledged allocation landed on-chain exactly once,
// that the database and the chain agree (pbnode audit), and that SIGTERM stops it cleanly.
// The embedded chain keeps only what it flushed: after SIGKILL it resumes at an older
// block, and the outbox has to send the lost operations again.
func TestDevSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	p := startPbnode(t, dir, devEnv(dir), "dev")
	creds := readCredentials(t, dir)

	acks := allocateUntilKilled(t, p, creds, 40)
	t.Logf("%d allocations acknowledged before SIGKILL", len(acks))
	rewindChain(t, filepath.Join(dir, "devchain"), 10)

	p = startPbnode(t, dir, devEnv(dir), "dev")
	checkFreshSessions(t, p, dir, creds)
	waitSettled(t, p.URL, creds.RoundID)
	round := roundAddress(t, p.URL, creds.RoundID)
	assertExactlyOnce(t, p.RPC, round, acks)

	if !strings.Contains(p.log.String(), "chain lost a mined operation") {
		t.Errorf("the restarted node did not replay the operations of the rewound blocks")
	}
	out, err := exec.Command(pbnodeBinary(t), "audit", "--rpc", p.RPC, "--round", round.Hex(), "--api", p.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("pbnode audit after the crash: %v\n%s", err, out)
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Fatalf("pbnode dev after SIGTERM: %v", err)
	}
}

// rewindChain drops the last n blocks of the dev chain in dataDir, as a crash of the
// embedded chain does when its last blocks were not yet on disk.
func rewindChain(t *testing.T, dataDir string, n uint64) {
	t.Helper()
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = dataDir, "127.0.0.1:0"
	node, err := devchain.Start(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open the dev chain to rewind it: %v", err)
	}
	defer node.Close()
	head, err := rpcCall(node.RPCURL(), "eth_blockNumber", []any{})
	if err != nil {
		t.Fatal(err)
	}
	h, _ := new(big.Int).SetString(strings.TrimPrefix(head, "0x"), 16)
	if h.Uint64() <= n {
		t.Fatalf("chain head %d too low to rewind %d blocks", h, n)
	}
	target := fmt.Sprintf("0x%x", h.Uint64()-n)
	if _, err := rpcCall(node.RPCURL(), "debug_setHead", []any{target}); err != nil && !strings.Contains(err.Error(), "cannot unmarshal") {
		t.Fatalf("debug_setHead: %v", err)
	}
	if now, _ := rpcCall(node.RPCURL(), "eth_blockNumber", []any{}); now != target {
		t.Fatalf("after debug_setHead(%s) the head is %s", target, now)
	}
	t.Logf("rewound the dev chain from block %s to %s", head, target)
}

func readCredentials(t *testing.T, dir string) demo.Credentials {
	t.Helper()
	var creds demo.Credentials
	data, err := os.ReadFile(filepath.Join(dir, credentialsFile))
	if err != nil {
		t.Fatalf("read demo credentials: %v", err)
	}
	if err := json.Unmarshal(data, &creds); err != nil || len(creds.Citizens) == 0 {
		t.Fatalf("decode demo credentials: %v", err)
	}
	tokens := []string{creds.Treasury, creds.Registrar, creds.Auditor}
	for _, c := range creds.Citizens {
		tokens = append(tokens, c.Token)
	}
	for _, tok := range tokens {
		if !strings.HasPrefix(tok, "pbs_") {
			t.Fatalf("demo credential %.8s… is not a bearer session (pbs_…)", tok)
		}
	}
	if time.Until(creds.ExpiresAt) < time.Hour {
		t.Fatalf("demo sessions expire at %v", creds.ExpiresAt)
	}
	return creds
}

// checkFreshSessions: a restarted dev node signs the demo users in again and rewrites the
// credentials file with new sessions, which act as the officials and the same citizens.
func checkFreshSessions(t *testing.T, p *proc, dir string, old demo.Credentials) {
	t.Helper()
	fresh := readCredentials(t, dir)
	if fresh.Treasury == old.Treasury || fresh.Citizens[0].Token == old.Citizens[0].Token {
		t.Fatal("the restarted node did not issue fresh demo sessions")
	}
	for role, tok := range map[string]string{"treasury": fresh.Treasury, "registrar": fresh.Registrar, "auditor": fresh.Auditor} {
		var me struct {
			Roles []struct{ Role, Territory string }
		}
		getBearer(t, p.URL+"/api/v1/me", tok, &me)
		if !slices.ContainsFunc(me.Roles, func(g struct{ Role, Territory string }) bool { return g.Role == role && g.Territory == "" }) {
			t.Errorf("the demo %s session holds %+v, want %s city-wide", role, me.Roles, role)
		}
	}
	for i, c := range fresh.Citizens {
		if c.Address != old.Citizens[i].Address {
			t.Errorf("demo citizen %d is %s after the restart, was %s", i+1, c.Address.Hex(), old.Citizens[i].Address.Hex())
		}
		var w struct{ Address string }
		getBearer(t, p.URL+"/api/v1/me/wallet", c.Token, &w)
		if common.HexToAddress(w.Address) != c.Address {
			t.Errorf("demo citizen %d session acts as %s, want %s", i+1, w.Address, c.Address.Hex())
		}
	}
}

// getBearer fetches url with a bearer token into out.
func getBearer(t *testing.T, url, token string, out any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", url, resp.StatusCode, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("GET %s: decode %s: %v", url, data, err)
	}
}

// allocateUntilKilled has the demo citizens allocate distinct amounts concurrently and
// SIGKILLs the node once n allocations were acknowledged, while requests are in flight.
func allocateUntilKilled(t *testing.T, p *proc, creds demo.Credentials, n int) []ack {
	var (
		mu    sync.Mutex // guards acks
		acks  []ack
		seq   atomic.Int64
		wg    sync.WaitGroup
		url   = fmt.Sprintf("%s/api/v1/rounds/%d/allocations", p.URL, creds.RoundID)
		kill  = make(chan struct{})
		once  sync.Once
		count atomic.Int64
	)
	for _, c := range creds.Citizens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-kill:
					return
				default:
				}
				i := seq.Add(1)
				amount := 1000 + i // distinct per request, so each can be found on-chain
				body := fmt.Sprintf(`{"initiative":%d,"amount_kopecks":%d}`, 1+i%5, amount)
				status, data, err := post(url, c.Token, body)
				if err != nil || status != 202 {
					continue // the node is gone, or refused: not acknowledged
				}
				var resp struct{ Operation struct{ ID int64 } }
				if json.Unmarshal(data, &resp) != nil {
					continue
				}
				mu.Lock()
				acks = append(acks, ack{c.Address, amount, resp.Operation.ID})
				mu.Unlock()
				if count.Add(1) >= int64(n) {
					once.Do(func() { p.cmd.Process.Signal(syscall.SIGKILL); close(kill) })
				}
			}
		}()
	}
	wg.Wait()
	<-p.done
	return acks
}

// waitSettled waits until the round has no operation pending or in flight.
func waitSettled(t *testing.T, url string, roundID int64) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var r struct {
			PendingOperations int64 `json:"pending_operations"`
		}
		getJSON(t, fmt.Sprintf("%s/api/v1/rounds/%d", url, roundID), &r)
		if r.PendingOperations == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d operations still pending after 2 minutes", r.PendingOperations)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func roundAddress(t *testing.T, url string, roundID int64) common.Address {
	t.Helper()
	var r struct {
		RoundAddress string `json:"round_address"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/rounds/%d", url, roundID), &r)
	if !common.IsHexAddress(r.RoundAddress) {
		t.Fatalf("round %d has no address: %q", roundID, r.RoundAddress)
	}
	return common.HexToAddress(r.RoundAddress)
}

// assertExactlyOnce reads the round's Allocated events and finds each acknowledged
// allocation exactly once.
func assertExactlyOnce(t *testing.T, rpcURL string, round common.Address, acks []ack) {
	t.Helper()
	c, err := chain.Dial(t.Context(), rpcURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rb := bindings.NewBudgetRound()
	logs, err := c.FilterLogs(t.Context(), ethereum.FilterQuery{
		Addresses: []common.Address{round},
		Topics:    [][]common.Hash{{rb.GetABI().Events["Allocated"].ID}},
	})
	if err != nil {
		t.Fatalf("read Allocated events: %v", err)
	}
	seen := map[ack]int{}
	for _, l := range logs {
		ev, err := rb.UnpackAllocatedEvent(&l)
		if err != nil {
			t.Fatal(err)
		}
		seen[ack{citizen: ev.Citizen, amount: ev.Amount.Int64()}]++
	}
	for _, a := range acks {
		if got := seen[ack{citizen: a.citizen, amount: a.amount}]; got != 1 {
			t.Errorf("allocation of %d by %s (op %d) is on-chain %d times, want exactly 1", a.amount, a.citizen.Hex(), a.opID, got)
		}
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("allocation of %d by %s is on-chain %d times", k.amount, k.citizen.Hex(), n)
		}
	}
}
