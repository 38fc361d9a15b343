package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// TestOwnWalletMoves: a citizen who linked their own wallet (Sign-In with Ethereum) asks for
// the EIP-712 record of a move, signs it as a wallet's eth_signTypedData_v4 does, and sends
// the move with the signature; without one the node refuses (own_wallet_must_sign), and a
// signature of another record is refused.
func TestOwnWalletMoves(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	treasury, registrar := issue(t, n, access.RoleTreasury), issue(t, n, access.RoleRegistrar)
	s := signIn(t, n, newPhone(), "bearer")
	body, key := signedChallengeKey(t, n, s.caller, nil)
	expect(t, n, "POST", "/api/v1/me/wallet/siwe", s.caller, body, http.StatusOK)
	own := crypto.PubkeyToAddress(key.PublicKey)

	var round struct{ ID int64 }
	expect(t, n, "POST", "/api/v1/rounds", bearer(treasury), fmt.Sprintf(`{"name":"Own wallets","budget_kopecks":100000,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":50000}]}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339)), http.StatusAccepted).decode(t, &round)
	path := func(p string) string { return fmt.Sprintf("/api/v1/rounds/%d%s", round.ID, p) }
	expect(t, n, "POST", path("/quotas"), bearer(registrar), fmt.Sprintf(`{"citizens":[%q]}`, own.Hex()), http.StatusAccepted)
	n.Drain(t)

	move := `{"initiative":1,"amount_kopecks":30000}`
	expectCode(t, send(t, n, "POST", path("/allocations"), s.caller, move), http.StatusUnprocessableEntity, "own_wallet_must_sign")
	sign := func(move string) (int64, string) {
		t.Helper()
		var u struct {
			Nonce     int64              `json:"nonce"`
			Digest    string             `json:"digest"`
			TypedData apitypes.TypedData `json:"typed_data"`
		}
		expect(t, n, "POST", path("/allocations/unsigned"), s.caller, move, http.StatusOK).decode(t, &u)
		digest, _, err := apitypes.TypedDataAndHash(u.TypedData) // what a wallet computes from the typed data
		if err != nil {
			t.Fatal(err)
		}
		if hexutil.Encode(digest) != u.Digest {
			t.Fatalf("the typed data hashes to %x, the node says %s", digest, u.Digest)
		}
		sig, err := crypto.Sign(digest, key)
		if err != nil {
			t.Fatal(err)
		}
		sig[64] += 27
		return u.Nonce, hexutil.Encode(sig)
	}
	nonce, sig := sign(move)
	other := `{"initiative":1,"amount_kopecks":40000,"nonce":%d,"signature":%q}`
	expectCode(t, send(t, n, "POST", path("/allocations"), s.caller, fmt.Sprintf(other, nonce, sig)), http.StatusBadRequest, "invalid_request")
	var resp struct {
		Operation struct{ ID int64 }
	}
	expect(t, n, "POST", path("/allocations"), s.caller, fmt.Sprintf(`{"initiative":1,"amount_kopecks":30000,"nonce":%d,"signature":%q}`, nonce, sig), http.StatusAccepted).decode(t, &resp)
	n.Drain(t)
	var op struct{ Status string }
	expect(t, n, "GET", fmt.Sprintf("/api/v1/operations/%d", resp.Operation.ID), s.caller, "", http.StatusOK).decode(t, &op)
	var bal struct {
		AllocatedKopecks int64 `json:"allocated_kopecks"`
	}
	expect(t, n, "GET", path("/citizens/me/balance"), s.caller, "", http.StatusOK).decode(t, &bal)
	if op.Status != "mined" || bal.AllocatedKopecks != 30000 {
		t.Fatalf("after the signed allocation: op %s, allocated %d; want mined, 30000", op.Status, bal.AllocatedKopecks)
	}
}
