package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestLinkOwnWallet links a wallet of the citizen's own as static/wallet.js does: the page
// gives the Sign-In with Ethereum text for the wallet's address, the wallet signs it
// (personal_sign), and the form sends both back.
func TestLinkOwnWallet(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	s.signIn(c, "+7 916 000-00-41")
	r := c.get("/wallet")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `id="wallet-none"`) || !strings.Contains(r.Body, `id="link-form" hidden`) ||
		!strings.Contains(r.Body, "/static/wallet.js?v=") {
		t.Fatalf("GET /wallet: %d, want no wallet and the hidden link form\n%s", r.Status, r.Body)
	}
	token := c.csrf("/wallet")
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	sign := func(msg string) string {
		sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), key)
		if err != nil {
			t.Fatal(err)
		}
		sig[64] += 27
		return hexutil.Encode(sig)
	}
	message := func() string {
		r := c.post("/wallet/message", url.Values{"csrf_token": {token}, "address": {addr.Hex()}})
		if r.Status != http.StatusOK || !strings.Contains(r.Body, addr.Hex()) || !strings.Contains(r.Body, "Chain ID: 1337") {
			t.Fatalf("POST /wallet/message: %d\n%s", r.Status, r.Body)
		}
		return r.Body
	}

	msg := message()
	before := storagetest.DumpText(t, s.Storage)
	for _, bad := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"no CSRF token", url.Values{"message": {msg}, "signature": {sign(msg)}}, http.StatusForbidden, "Форма устарела"},
		{"signature of another text", url.Values{"csrf_token": {token}, "message": {msg}, "signature": {sign(msg + " ")}}, http.StatusUnprocessableEntity, "Подпись не подошла"},
		{"not hex", url.Values{"csrf_token": {token}, "message": {msg}, "signature": {"подпись"}}, http.StatusUnprocessableEntity, "Подпись не подошла"},
	} {
		if r := c.post("/wallet/link", bad.form); r.Status != bad.status || !strings.Contains(r.Body, bad.want) {
			t.Errorf("%s: %d, want %d with %q", bad.name, r.Status, bad.status, bad.want)
		}
	}
	if after := storagetest.DumpText(t, s.Storage); after != before {
		t.Error("a refused link wrote to the database")
	}
	msg = message()
	r = c.post("/wallet/link", url.Values{"csrf_token": {token}, "message": {msg}, "signature": {sign(msg)}})
	if r.Status != http.StatusSeeOther || r.Location != "/wallet?linked=1" {
		t.Fatalf("link: %d %q\n%s", r.Status, r.Location, r.Body)
	}
	r = c.get("/wallet?linked=1")
	if !strings.Contains(r.Body, `<code id="wallet-address">`+addr.Hex()+`</code>`) || !strings.Contains(r.Body, "собственный кошелёк") {
		t.Errorf("the wallet page does not show the linked address %s\n%s", addr.Hex(), r.Body)
	}
}
