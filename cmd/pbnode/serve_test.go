package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// hardhatKey is Hardhat's public account #0, funded on every `hardhat node`.
const hardhatKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

// TestServeOnHardhatNode runs `pbnode serve` against a second, independent EVM node
// (`npx hardhat node`) and PostgreSQL: a round is created, distributed and allocated through
// the API, the audit agrees with the API, and a plain JSON-RPC eth_call (no go-ethereum)
// reads totalSupply() == budget at the token address the API reports.
func TestServeOnHardhatNode(t *testing.T) {
	rpcURL := startHardhatNode(t)
	dbCfg := storagetest.Config(t, storage.DriverPostgres)
	dir := t.TempDir()
	env := []string{
		"PBNODE_DATA_DIR=" + dir, "PBNODE_HTTP_ADDR=127.0.0.1:0",
		"PBNODE_CHAIN_RPC_URL=" + rpcURL, "PBNODE_CHAIN_KEY=" + hardhatKey,
		"PBNODE_STORAGE_DRIVER=postgres", "PBNODE_STORAGE_DSN=" + dbCfg.DSN,
	}
	env = append(env, piiEnv()...)
	cmd := exec.Command(pbnodeBinary(t), "migrate")
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pbnode migrate: %v\n%s", err, out)
	}
	p := startPbnode(t, dir, env, "serve")
	treasury, registrar := serveTokens(t, dbCfg)
	citizen, citizenAddr := signInCustodial(t, p, dbCfg, "+79160000001")

	const budget = 500_000
	deadline := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	status, data, err := post(p.URL+"/api/v1/rounds", treasury, fmt.Sprintf(
		`{"name":"Serve test","budget_kopecks":%d,"deadline":%q,"initiatives":[{"title":"A","cost_kopecks":200000},{"title":"B","cost_kopecks":400000}]}`,
		budget, deadline))
	if err != nil || status != http.StatusAccepted {
		t.Fatalf("create round: %d %s %v", status, data, err)
	}
	var round struct {
		ID           int64  `json:"id"`
		TokenAddress string `json:"token_address"`
	}
	json.Unmarshal(data, &round)
	url := fmt.Sprintf("%s/api/v1/rounds/%d", p.URL, round.ID)
	mustPost(t, url+"/quotas", registrar, fmt.Sprintf(`{"citizens":[%q,"0x00000000000000000000000000000000000000a2"]}`, citizenAddr.Hex()))
	mustPost(t, url+"/allocations", citizen, `{"initiative":2,"amount_kopecks":120000}`)
	mustPost(t, url+"/allocations", citizen, `{"initiative":1,"amount_kopecks":30000}`)
	mustPost(t, url+"/withdrawals", citizen, `{"initiative":2,"amount_kopecks":20000}`)
	waitSettled(t, p.URL, round.ID)

	addr := roundAddress(t, p.URL, round.ID)
	out, err := exec.Command(pbnodeBinary(t), "audit", "--rpc", rpcURL, "--round", addr.Hex(), "--api", p.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("pbnode audit: %v\n%s", err, out)
	}
	getJSON(t, url, &round)
	if got := plainTotalSupply(t, rpcURL, round.TokenAddress); got.Cmp(big.NewInt(budget)) != 0 {
		t.Fatalf("totalSupply() at %s = %s, want %d", round.TokenAddress, got, budget)
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Fatalf("pbnode serve after SIGTERM: %v", err)
	}
}

func mustPost(t *testing.T, url, token, body string) {
	t.Helper()
	status, data, err := post(url, token, body)
	if err != nil || status != http.StatusAccepted {
		t.Fatalf("POST %s: %d %s %v", url, status, data, err)
	}
}

// serveTokens issues the officials' service tokens straight into the node's database (serve
// has no seed) and registers the citizen 0x…a1, whose id it returns.
func serveTokens(t *testing.T, cfg storage.Config) (treasury, registrar string) {
	t.Helper()
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tokens := access.NewTokens(db)
	var errs [2]error
	treasury, errs[0] = tokens.Issue(t.Context(), access.RoleTreasury, "test")
	registrar, errs[1] = tokens.Issue(t.Context(), access.RoleRegistrar, "test")
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return treasury, registrar
}

// smsCode finds the code of the development gateway's log line, as a developer reads it.
var smsCode = regexp.MustCompile(`msg="sms \(development gateway, not sent\)".* text="Код для входа: (\d+)\.`)

// signInCustodial signs phone in through the node's API by SMS (the code read from the node's
// log: sms.gateway log), gives the user a custodial wallet sealed with the node's wallet keys
// straight in the database, as their verification does, and returns the user's bearer
// session token and wallet address: the node signs the user's BudgetRoundV2 records.
func signInCustodial(t *testing.T, p *proc, cfg storage.Config, phone string) (string, common.Address) {
	t.Helper()
	status, data, err := post(p.URL+"/api/v1/auth/sms", "", fmt.Sprintf(`{"phone":%q}`, phone))
	if err != nil || status != http.StatusAccepted {
		t.Fatalf("start SMS sign-in: %d %s %v", status, data, err)
	}
	var ch struct {
		ChallengeID string `json:"challenge_id"`
	}
	json.Unmarshal(data, &ch)
	var code string
	for deadline := time.Now().Add(10 * time.Second); code == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := smsCode.FindAllStringSubmatch(p.log.String(), -1); len(m) > 0 {
			code = m[len(m)-1][1]
		}
	}
	if code == "" {
		t.Fatalf("no SMS code in the node's log:\n%s", p.log.String())
	}
	status, data, err = post(p.URL+"/api/v1/auth/sms/verify", "",
		fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":"bearer"}`, ch.ChallengeID, code))
	if err != nil || status != http.StatusOK {
		t.Fatalf("verify SMS code: %d %s %v", status, data, err)
	}
	var out struct {
		Token string
		User  struct {
			UserID string `json:"user_id"`
		}
	}
	if err := json.Unmarshal(data, &out); err != nil || !strings.HasPrefix(out.Token, "pbs_") {
		t.Fatalf("sign-in response %s: %v", data, err)
	}
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByUserID(t.Context(), out.User.UserID)
	if err != nil {
		t.Fatal(err)
	}
	vault, err := WalletConfig{Keys: Secret("w1:" + testWalletKey), ActiveKey: "w1", IndexKey: Secret(testWalletIndex)}.Vault()
	if err != nil {
		t.Fatal(err)
	}
	wcfg := wallets.DefaultConfig()
	wcfg.PublicURL, wcfg.ChainID = p.URL, 31337
	ws, err := wallets.New(db, vault, wcfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	w, err := ws.EnsureCustodial(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return out.Token, w.Address
}

// startHardhatNode runs `npx hardhat node` from the repository root on a free port.
func startHardhatNode(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	root, _ := filepath.Abs("../..")
	cmd := exec.Command("npx", "hardhat", "node", "--hostname", "127.0.0.1", "--port", fmt.Sprint(port))
	cmd.Dir = root
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // npx starts children: stop the group
	if err := cmd.Start(); err != nil {
		t.Fatalf("start hardhat node (is Node 22 on PATH? scripts/test.sh sources scripts/node-env.sh): %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for i := 0; i < 600; i++ {
		if _, err := rpcCall(url, "eth_chainId", []any{}); err == nil {
			return url
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("hardhat node did not answer within 60 s:\n%s", log.String())
	return ""
}

// plainTotalSupply calls totalSupply() (selector 0x18160ddd) with nothing but JSON over HTTP,
// as a client that is not ours would.
func plainTotalSupply(t *testing.T, rpcURL, token string) *big.Int {
	t.Helper()
	res, err := rpcCall(rpcURL, "eth_call", []any{map[string]string{"to": token, "data": "0x18160ddd"}, "latest"})
	if err != nil {
		t.Fatalf("eth_call totalSupply: %v", err)
	}
	v, ok := new(big.Int).SetString(strings.TrimPrefix(res, "0x"), 16)
	if !ok {
		t.Fatalf("totalSupply() returned %q", res)
	}
	return v
}

func rpcCall(url, method string, params []any) (string, error) {
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Result string
		Error  *struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	if out.Error != nil {
		return "", fmt.Errorf("%s: %s", method, out.Error.Message)
	}
	return out.Result, nil
}
