package siwe

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// testdata/fixtures.json holds messages and signatures made by ethers v6 (Wallet.signMessage),
// not by this package, with the outcome Verify must give for each. No test regenerates it; after
// changing the generator, run from the repository root
//
//	source scripts/node-env.sh && node scripts/siwe-fixtures.mjs
//
// and commit scripts/siwe-fixtures.mjs and chain/siwe/testdata/fixtures.json together.
const (
	fixturesFile  = "testdata/fixtures.json"
	generatorFile = "../../scripts/siwe-fixtures.mjs"
)

type fixtures struct {
	Generator       string    `json:"generator"`
	GeneratorSHA256 string    `json:"generator_sha256"`
	EthersVersion   string    `json:"ethers_version"`
	Cases           []fixture `json:"cases"`
}

type fixture struct {
	Name            string          `json:"name"`
	Message         string          `json:"message"`
	Signature       string          `json:"signature"`
	EthersRecovered *common.Address `json:"ethers_recovered"` // nil where ethers rejects the signature
	Expect          struct {
		Domain  string `json:"domain"`
		ChainID uint64 `json:"chainId"`
		Nonce   string `json:"nonce"`
		Now     string `json:"now"`
	} `json:"expect"`
	Want string `json:"want"` // "ok" or the name of a sentinel error
}

var sentinels = map[string]error{
	"ok":                 nil,
	"ErrMalformed":       ErrMalformed,
	"ErrSignature":       ErrSignature,
	"ErrAddressMismatch": ErrAddressMismatch,
	"ErrDomain":          ErrDomain,
	"ErrChainID":         ErrChainID,
	"ErrNonce":           ErrNonce,
	"ErrExpired":         ErrExpired,
	"ErrNotYetValid":     ErrNotYetValid,
}

func loadFixtures(t testing.TB) fixtures {
	t.Helper()
	data, err := os.ReadFile(fixturesFile)
	if err != nil {
		t.Fatal(err)
	}
	var f fixtures
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("decode %s: %v", fixturesFile, err)
	}
	return f
}

// TestFixturesMatchGenerator fails when scripts/siwe-fixtures.mjs changed but the fixtures were
// not regenerated (see the comment at the top of this file).
func TestFixturesMatchGenerator(t *testing.T) {
	f := loadFixtures(t)
	src, err := os.ReadFile(generatorFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != f.GeneratorSHA256 {
		t.Errorf("%s has SHA-256 %s, fixtures were generated from %s: regenerate them", generatorFile, got, f.GeneratorSHA256)
	}
	if f.Generator != "scripts/siwe-fixtures.mjs" || f.EthersVersion == "" {
		t.Errorf("fixtures name generator %q, ethers %q", f.Generator, f.EthersVersion)
	}
}

// TestVerifyEthersFixtures checks each ethers-signed message for the outcome the generator
// recorded, and that the fixtures cover every sentinel error.
func TestVerifyEthersFixtures(t *testing.T) {
	f := loadFixtures(t)
	seen := map[string]bool{}
	for _, c := range f.Cases {
		seen[c.Want] = true
		t.Run(c.Name, func(t *testing.T) {
			wantErr, known := sentinels[c.Want]
			if !known {
				t.Fatalf("unknown outcome %q", c.Want)
			}
			sig, err := hexutil.Decode(c.Signature)
			if err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339Nano, c.Expect.Now)
			if err != nil {
				t.Fatal(err)
			}
			checkEthersRecovery(t, c, sig)

			msg, err := Parse(c.Message)
			if err != nil {
				if !errors.Is(wantErr, ErrMalformed) || !errors.Is(err, ErrMalformed) {
					t.Fatalf("Parse: %v, want outcome %s", err, c.Want)
				}
				return
			}
			if got := msg.String(); got != c.Message {
				t.Fatalf("String() = %q, want the parsed text %q", got, c.Message)
			}
			want := Expect{Domain: c.Expect.Domain, ChainID: c.Expect.ChainID, Nonce: c.Expect.Nonce, Now: now}
			got, err := Verify(msg, sig, want)
			if !errors.Is(err, wantErr) || (wantErr == nil) != (err == nil) {
				t.Fatalf("Verify: %v, want %s", err, c.Want)
			}
			if err == nil && (c.EthersRecovered == nil || got != *c.EthersRecovered || got != msg.Address) {
				t.Errorf("Verify = %s, ethers recovered %v, message names %s", got, c.EthersRecovered, msg.Address)
			}
		})
	}
	for name := range sentinels {
		if !seen[name] {
			t.Errorf("no fixture has outcome %s", name)
		}
	}
}

// checkEthersRecovery compares our EIP-191 recovery with ethers' for every 65-byte signature
// ethers accepts. (ethers reads a 64-byte signature as EIP-2098 compact; Verify rejects it.)
func checkEthersRecovery(t *testing.T, c fixture, sig []byte) {
	t.Helper()
	if c.EthersRecovered == nil || len(sig) != 65 {
		return
	}
	got, err := recoverSigner(c.Message, sig)
	if err != nil || got != *c.EthersRecovered {
		t.Errorf("recoverSigner = %s, %v; ethers recovered %s", got, err, c.EthersRecovered)
	}
}
