package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/web/webtest"
	"github.com/pbnode/pbnode/storage"
)

// TestAllocateWithBrowserWallet walks for a citizen whose wallet is their own, in
// headless Chromium with a browser wallet (EIP-1193, webtest.Wallet) over a real node (dev
// chain, BudgetRoundV2, SQLite). The citizen links the wallet by Sign-In with Ethereum, gets
// a quota, and on the allocation page puts 500 ₽ into an initiative (their first use: the
// claim), 100 ₽ into another and takes 200,50 ₽ back: each time ethers asks the wallet to
// sign the record as EIP-712 typed data and the node relays it, so the chain's account ends
// with nonce 3 and the audit agrees. A signature the user rejects, another account picked in
// the wallet, a sum over the balance and a form sent without a signature each change nothing.
func TestAllocateWithBrowserWallet(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	s := startBudgetSite(t)
	n := s.Node
	ctx := t.Context()
	chainID, err := n.Chain.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	wallet := b.Wallet(key, chainID)

	u, err := n.DB.UserByUserID(ctx, browserSignIn(t, b, s.nodeSite, "+79165550402"))
	if err != nil {
		t.Fatal(err)
	}
	verify(t, s.nodeSite, u.ID)
	b.Open(s.URL + "/wallet")
	if status := b.Follow("#link-wallet"); status != 200 || !strings.HasSuffix(b.Location(), "/wallet?linked=1") {
		b.Fatalf("linking the wallet: status %d at %s: %s", status, b.Location(), b.Text("main"))
	}
	if w, err := n.Wallets.Wallet(ctx, u.ID); err != nil || w.Address != wallet.Address || w.Kind != storage.WalletSIWE {
		t.Fatalf("wallet after linking: %+v, %v; want the browser's %s, linked by SIWE", w, err, wallet.Address)
	}
	s.distribute(t, wallet.Address, common.HexToAddress("0xc1"))
	citizen, err := n.Budget.CitizenByAddress(ctx, wallet.Address)
	if err != nil {
		t.Fatal(err)
	}
	round, err := n.Budget.Round(ctx, s.round.ID)
	if err != nil {
		t.Fatal(err)
	}

	b.Open(s.URL + s.path("allocate"))
	if hidden := webtest.Run(b, "read the wallet hint", chromedp.Evaluate[bool](`document.getElementById("wallet-needed").hidden`)); !hidden {
		b.Fatalf("the page says a browser wallet is needed although it has one")
	}
	checkAllocationPage(t, b, s, citizen, budget.Balance{Quota: 150_000, Available: 150_000})

	// Three changes, each signed in the wallet and relayed by the node.
	steps := []struct {
		form, amount string
		primary      string
		initiative   int
		kopecks      int64
		nonce        int
		want         budget.Balance
	}{
		{"allocate-2", "500", "Allocate", 2, 50_000, 0, budget.Balance{Quota: 150_000, Allocated: 50_000, Available: 100_000,
			Allocations: []budget.Allocation{{Initiative: 2, Amount: 50_000}}}},
		{"allocate-1", "100", "Allocate", 1, 10_000, 1, budget.Balance{Quota: 150_000, Allocated: 60_000, Available: 90_000,
			Allocations: []budget.Allocation{{Initiative: 1, Amount: 10_000}, {Initiative: 2, Amount: 50_000}}}},
		{"withdraw-2", "200,50", "Withdraw", 2, 20_050, 2, budget.Balance{Quota: 150_000, Allocated: 39_950, Available: 110_050,
			Allocations: []budget.Allocation{{Initiative: 1, Amount: 10_000}, {Initiative: 2, Amount: 29_950}}}},
	}
	for i, st := range steps {
		input := "#amount-" + strings.TrimPrefix(st.form, "allocate-")
		if strings.HasPrefix(st.form, "withdraw-") {
			input = "#withdraw-amount-" + strings.TrimPrefix(st.form, "withdraw-")
		}
		b.Do("type the amount", chromedp.SendKeys(chromedp.CSS(input), st.amount))
		if status := b.Follow("#" + st.form); status != 200 || b.Text("#done") == "" {
			b.Fatalf("%s %s ₽: status %d, no notice: %s", st.form, st.amount, status, b.Text("main"))
		}
		signed := wallet.Signed("eth_signTypedData_v4")
		if len(signed) != i+1 {
			b.Fatalf("after %s the wallet was asked for %d typed-data signatures, want %d", st.form, len(signed), i+1)
		}
		checkTypedData(t, signed[i], wallet.Address, round.Address, chainID.Int64(), st.primary,
			map[string]string{"initiative": fmt.Sprint(st.initiative), "amount": fmt.Sprint(st.kopecks), "nonce": fmt.Sprint(st.nonce)})
		checkAllocationPage(t, b, s, citizen, st.want)
		n.Drain(t) // the claim is materialized before the citizen's next record is relayed
	}
	b.Open(b.Location())
	if got := webtest.Run(b, "read the operation", chromedp.AttributeValue(chromedp.CSS("#operation"), "data-status")).Value; got != "mined" {
		b.Fatalf("the last change's operation is %q, want mined", got)
	}
	acc, err := roundv2.New(n.Chain, nil, round.Address).Account(ctx, wallet.Address)
	if err != nil || !acc.Materialized || acc.Nonce != 3 || acc.Unallocated != 110_050 {
		t.Fatalf("the wallet's account on chain: %+v, %v; want materialized, nonce 3, 110050 unallocated", acc, err)
	}
	want := steps[len(steps)-1].want

	// The user rejects the signature in the wallet: the page says so, nothing changes.
	wallet.RejectNext()
	b.Do("type the amount", chromedp.SendKeys(chromedp.CSS("#amount-3"), "10"))
	b.Do("allocate, then reject", chromedp.Click(chromedp.CSS("#allocate-3"), chromedp.NodeVisible))
	waitStatus(b, "Вы отклонили запрос в кошельке")
	// Another account is picked in the wallet: the page asks for the linked one.
	wallet.Offer(common.HexToAddress("0x0b"))
	b.Do("allocate with another account", chromedp.Click(chromedp.CSS("#allocate-3"), chromedp.NodeVisible))
	waitStatus(b, "В кошельке выбран другой адрес. Выберите в нём адрес "+wallet.Address.Hex())
	wallet.Offer(wallet.Address)
	if got := len(wallet.Signed("eth_signTypedData_v4")); got != 4 {
		b.Fatalf("the wallet was asked for %d typed-data signatures, want 4 (3 signed, 1 rejected)", got)
	}
	checkAllocationPage(t, b, s, citizen, want)

	// More than is left is refused by the node before the wallet is asked.
	b.Open(s.URL + s.path("allocate"))
	b.Do("type too much", chromedp.SendKeys(chromedp.CSS("#amount-1"), "1500"))
	b.Follow("#allocate-1")
	if got := b.Text("#refused"); !strings.HasPrefix(got, "Недостаточно токенов") {
		b.Fatalf("refusal shown %q, want «Недостаточно токенов…»", got)
	}
	if got := len(wallet.Signed("eth_signTypedData_v4")); got != 4 {
		b.Fatalf("the wallet was asked to sign a refused move (%d requests, want 4)", got)
	}
	// A form sent without its signature (no JavaScript) is refused: the wallet must sign.
	b.Do("type an amount", chromedp.SendKeys(chromedp.CSS("#amount-1"), "1"))
	sendWithoutScript(b, "#allocate-1")
	if got := b.Text("#refused"); !strings.HasPrefix(got, "Ваш кошелёк — собственный") {
		b.Fatalf("refusal shown %q, want «Ваш кошелёк — собственный…»", got)
	}
	checkAllocationPage(t, b, s, citizen, want)

	if rep, err := audit.RecomputeV2(ctx, n.Chain, round.Address); err != nil || !rep.OK() || rep.Allocations != 2 || rep.Withdrawals != 1 {
		t.Fatalf("audit of the round: %v, %+v", err, rep)
	}
	// The one refusal the page asked for: the node answered 422 to the sum over the balance.
	refused := "the server responded with a status of 422 (Unprocessable Entity) " + s.URL + s.path("allocate/unsigned")
	if p := b.Problems(); len(p) != 1 || !strings.HasSuffix(p[0], refused) {
		b.Fatalf("the browser reported problems: %q; want only the refusal %q", p, refused)
	}
}

// checkTypedData checks a wallet's eth_signTypedData_v4 request: the linked account, the
// round's EIP-712 domain on its chain, the primary type and the message's fields.
func checkTypedData(t *testing.T, params []json.RawMessage, account, round common.Address, chainID int64, primary string, want map[string]string) {
	t.Helper()
	var addr common.Address
	var text string
	if len(params) != 2 || json.Unmarshal(params[0], &addr) != nil || json.Unmarshal(params[1], &text) != nil {
		t.Fatalf("eth_signTypedData_v4 params %s", params)
	}
	var td apitypes.TypedData
	if err := json.Unmarshal([]byte(text), &td); err != nil {
		t.Fatal(err)
	}
	if addr != account || td.PrimaryType != primary || common.HexToAddress(td.Domain.VerifyingContract) != round ||
		td.Domain.ChainId == nil || (*big.Int)(td.Domain.ChainId).Int64() != chainID || td.Domain.Name != roundv2.DomainName {
		t.Fatalf("the wallet was asked to sign %s as %s, want %s for round %s on chain %d as %s", text, addr, primary, round, chainID, account)
	}
	for k, v := range want {
		if got := fmt.Sprint(td.Message[k]); got != v {
			t.Fatalf("typed data %s: %s = %s, want %s", text, k, got, v)
		}
	}
}

// waitStatus waits until the allocation page's wallet status starts with prefix.
func waitStatus(b *webtest.Browser, prefix string) {
	b.Do("wait for the wallet status «"+prefix+"…»", chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`document.getElementById("wallet-status").textContent.startsWith(%q)`, prefix),
		chromedp.WithPollingTimeout(20*time.Second)))
}

// sendWithoutScript sends the form of the button as a browser without JavaScript would:
// form.submit() skips the page script's submit handler.
func sendWithoutScript(b *webtest.Browser, button string) {
	ctx, cancel := context.WithTimeout(b.Context(), webtest.ActionTimeout)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).form.submit()`, button))); err != nil {
		b.Fatalf("send the form of %s: %v", button, err)
	}
}
