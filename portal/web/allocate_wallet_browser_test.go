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
	w := startWalletCitizen(t, b, "+79165550402")
	s, n, wallet, citizen, round, chainID := w.site, w.site.Node, w.wallet, w.citizen, w.round, w.chainID
	ctx := t.Context()

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

// walletCitizen is a citizen signed in in the browser whose wallet is their own (a
// webtest.Wallet linked by Sign-In with Ethereum), with 1 500 ₽ of the round's 3 000 ₽.
type walletCitizen struct {
	site    *budgetSite
	wallet  *webtest.Wallet
	citizen int64
	round   budget.Round
	chainID *big.Int
}

// startWalletCitizen starts a node with a round, gives the browser a wallet, signs a user in
// with phone, verifies them, links the wallet on /wallet (wallet.js: personal_sign) and
// distributes the round to it and one other address; then opens the allocation page.
func startWalletCitizen(t *testing.T, b *webtest.Browser, phone string) walletCitizen {
	t.Helper()
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
	u, err := n.DB.UserByUserID(ctx, browserSignIn(t, b, s.nodeSite, phone))
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
	return walletCitizen{site: s, wallet: wallet, citizen: citizen, round: round, chainID: chainID}
}

// TestAllocateDirectFromBrowserWallet walks R-1.3's direct path in headless Chromium: a
// citizen whose wallet is their own sends each change as their own transaction to the round
// (ethers over EIP-1193: claimAndAllocate with the proof the node gives on their first use,
// then allocate and withdraw), paying the gas; the node learns of each from the chain (the
// indexer of direct calls) and the page shows it. A signed, relayed change works after them;
// a transaction while a relayed change is still on its way is refused before the wallet is
// asked; the audit agrees.
func TestAllocateDirectFromBrowserWallet(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	w := startWalletCitizen(t, b, "+79165550403")
	s, n, wallet, citizen := w.site, w.site.Node, w.wallet, w.citizen
	ctx := t.Context()
	wallet.UseNode(t, n.RPCURL)
	n.Fund(t, wallet.Address)

	steps := []struct {
		input, button, amount string
		want                  budget.Balance
	}{
		{"#amount-2", "#allocate-tx-2", "500", budget.Balance{Quota: 150_000, Allocated: 50_000, Available: 100_000,
			Allocations: []budget.Allocation{{Initiative: 2, Amount: 50_000}}}},
		{"#amount-1", "#allocate-tx-1", "100", budget.Balance{Quota: 150_000, Allocated: 60_000, Available: 90_000,
			Allocations: []budget.Allocation{{Initiative: 1, Amount: 10_000}, {Initiative: 2, Amount: 50_000}}}},
		{"#withdraw-amount-2", "#withdraw-tx-2", "200,50", budget.Balance{Quota: 150_000, Allocated: 39_950, Available: 110_050,
			Allocations: []budget.Allocation{{Initiative: 1, Amount: 10_000}, {Initiative: 2, Amount: 29_950}}}},
	}
	for i, st := range steps {
		b.Do("type the amount", chromedp.SendKeys(chromedp.CSS(st.input), st.amount))
		if status := b.Follow(st.button); status != 200 || b.Text("#done") == "" {
			b.Fatalf("%s %s ₽: status %d, no notice: %s", st.button, st.amount, status, b.Text("main"))
		}
		sent := wallet.Signed("eth_sendTransaction")
		if len(sent) != i+1 {
			b.Fatalf("after %s the wallet sent %d transactions, want %d", st.button, len(sent), i+1)
		}
		receipt, err := n.Chain.TransactionReceipt(ctx, common.HexToHash(b.Text("#direct-tx")))
		if err != nil || receipt.Status != 1 {
			b.Fatalf("the page's transaction %s: %+v, %v", b.Text("#direct-tx"), receipt, err)
		}
		n.Drain(t) // the indexer reads the chain to its head
		b.Open(b.Location())
		checkAllocationPage(t, b, s, citizen, st.want)
	}
	if got := len(wallet.Signed("eth_signTypedData_v4")); got != 0 {
		t.Fatalf("the wallet was asked for %d signatures of records, want none", got)
	}
	chainRound := roundv2.New(n.Chain, nil, w.round.Address)
	if acc, err := chainRound.Account(ctx, wallet.Address); err != nil || !acc.Materialized || acc.Nonce != 0 || acc.Unallocated != 110_050 {
		t.Fatalf("the wallet's account on chain: %+v, %v; want materialized by the direct claim, nonce 0, 110050 unallocated", acc, err)
	}

	// A signed change after the direct ones is relayed at nonce 0 (the direct claim took none).
	resume := n.Pause(t)
	b.Open(s.URL + s.path("allocate"))
	b.Do("type the amount", chromedp.SendKeys(chromedp.CSS("#amount-3"), "50"))
	if status := b.Follow("#allocate-3"); status != 200 || b.Text("#done") == "" {
		b.Fatalf("signed allocation: status %d: %s", status, b.Text("main"))
	}
	// While it is on its way, a transaction from the wallet is refused before the wallet is asked.
	b.Do("type the amount", chromedp.SendKeys(chromedp.CSS("#amount-3"), "1"))
	b.Follow("#allocate-tx-3")
	if got := b.Text("#refused"); !strings.HasPrefix(got, "Ваше предыдущее изменение ещё на пути") {
		b.Fatalf("refusal shown %q, want «Ваше предыдущее изменение ещё на пути…»", got)
	}
	if got := len(wallet.Signed("eth_sendTransaction")); got != 3 {
		b.Fatalf("the wallet sent %d transactions, want 3", got)
	}
	resume()
	n.Drain(t)
	want := budget.Balance{Quota: 150_000, Allocated: 44_950, Available: 105_050,
		Allocations: []budget.Allocation{{Initiative: 1, Amount: 10_000}, {Initiative: 2, Amount: 29_950}, {Initiative: 3, Amount: 5_000}}}
	b.Open(s.URL + s.path("allocate"))
	checkAllocationPage(t, b, s, citizen, want)
	if acc, err := chainRound.Account(ctx, wallet.Address); err != nil || acc.Nonce != 1 || acc.Unallocated != 105_050 {
		t.Fatalf("the wallet's account on chain after the signed change: %+v, %v; want nonce 1, 105050 unallocated", acc, err)
	}
	if rep, err := audit.RecomputeV2(ctx, n.Chain, w.round.Address); err != nil || !rep.OK() || rep.Allocations != 3 || rep.Withdrawals != 1 {
		t.Fatalf("audit of the round: %v, %+v", err, rep)
	}
	refused := "the server responded with a status of 422 (Unprocessable Entity) " + s.URL + s.path("allocate/direct")
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
