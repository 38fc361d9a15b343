package siwe_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/siwe"
)

func ExampleParse() {
	m, err := siwe.Parse(`vote.pbnode.example wants you to sign in with your Ethereum account:
0x2c7536E3605D9C16a7a3D7b1898e529396a65c23

Sign in to vote.

URI: https://vote.pbnode.example/login
Version: 1
Chain ID: 31337
Nonce: Xk7fP2qL9mRt
Issued At: 2026-05-04T08:58:00Z
Expiration Time: 2026-05-04T09:08:00Z`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Domain, m.Address, m.ChainID, m.Nonce, m.ExpirationTime)

	_, err = siwe.Parse("vote.pbnode.example wants you to sign in with your Ethereum account:\n0x2c7536e3605d9c16a7a3d7b1898e529396a65c23")
	fmt.Println(err)
	// Output:
	// vote.pbnode.example 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 31337 Xk7fP2qL9mRt 2026-05-04T09:08:00Z
	// siwe: malformed message: line 2: address lacks its EIP-55 checksum
}

func ExampleVerify() {
	// The wallet's side: personal_sign of the message text (a fixed test key here).
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	msg := &siwe.Message{
		Domain:         "vote.pbnode.example",
		Address:        crypto.PubkeyToAddress(key.PublicKey),
		URI:            "https://vote.pbnode.example/login",
		ChainID:        31337,
		Nonce:          "Xk7fP2qL9mRt", // issued by the server, accepted once
		IssuedAt:       "2026-05-04T08:58:00Z",
		ExpirationTime: "2026-05-04T09:08:00Z",
	}
	sig, _ := crypto.Sign(accounts.TextHash([]byte(msg.String())), key)

	// The server's side.
	want := siwe.Expect{
		Domain:  "vote.pbnode.example",
		ChainID: 31337,
		Nonce:   "Xk7fP2qL9mRt",
		Now:     time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC),
	}
	signer, err := siwe.Verify(msg, sig, want)
	fmt.Println(signer, err)

	want.Now = want.Now.Add(time.Hour)
	_, err = siwe.Verify(msg, sig, want)
	fmt.Println(errors.Is(err, siwe.ErrExpired), err)
	// Output:
	// 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 <nil>
	// true siwe: message expired: expired at 2026-05-04T09:08:00Z
}
