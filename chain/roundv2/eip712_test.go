package roundv2_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// The fixtures are ethers v6 signatures; regenerate with
//
//	source scripts/node-env.sh && node scripts/roundv2-fixtures.mjs
//
// and commit scripts/roundv2-fixtures.mjs with both testdata files.
type eip712Fixture struct {
	ChainID         int64          `json:"chain_id"`
	Round           common.Address `json:"round"`
	Signer          common.Address `json:"signer"`
	Kind            uint8          `json:"kind"`
	Initiative      uint16         `json:"initiative"`
	Amount          string         `json:"amount"`
	Quota           string         `json:"quota"`
	Nonce           string         `json:"nonce"`
	Index           uint32         `json:"index"`
	Deadline        string         `json:"deadline"`
	Head            string         `json:"head"`
	DomainSeparator common.Hash    `json:"domain_separator"`
	Digest          common.Hash    `json:"digest"`
	Signature       hexutil.Bytes  `json:"signature"`
	R               common.Hash    `json:"r"`
	VS              common.Hash    `json:"vs"`
}

func loadEIP712(t testing.TB) (sha string, fixtures []eip712Fixture) {
	t.Helper()
	data, err := os.ReadFile("testdata/eip712.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		GeneratorSHA256 string          `json:"generator_sha256"`
		Signatures      []eip712Fixture `json:"signatures"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("parse testdata/eip712.json: %v", err)
	}
	return f.GeneratorSHA256, f.Signatures
}

func parseU64(t testing.TB, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f eip712Fixture) record(t testing.TB) roundv2.Record {
	return roundv2.Record{
		Kind: roundv2.Kind(f.Kind), Amount: parseU64(t, f.Amount), Quota: parseU64(t, f.Quota), Nonce: parseU64(t, f.Nonce),
		Initiative: f.Initiative, Index: f.Index, Deadline: parseU64(t, f.Deadline),
	}
}

func (f eip712Fixture) domain() roundv2.Domain {
	return roundv2.Domain{ChainID: big.NewInt(f.ChainID), Round: f.Round}
}

func TestEIP712FixturesMatchGenerator(t *testing.T) {
	sha, fixtures := loadEIP712(t)
	src, err := os.ReadFile("../../scripts/roundv2-fixtures.mjs")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != sha || len(fixtures) == 0 {
		t.Errorf("testdata/eip712.json was made by another version of scripts/roundv2-fixtures.mjs (sha256 %s, now %s): regenerate", sha, got)
	}
}

// TestEIP712Fixtures checks heads, digests, Compact, Expand and Recover
// against ethers' signTypedData and Signature.yParityAndS.
func TestEIP712Fixtures(t *testing.T) {
	_, fixtures := loadEIP712(t)
	for i, f := range fixtures {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			r, d := f.record(t), f.domain()
			if got := "0x" + r.Head().Text(16); got != f.Head {
				t.Errorf("Head() = %s, want %s", got, f.Head)
			}
			if got := d.Separator(); got != f.DomainSeparator {
				t.Errorf("Separator() = %s, want %s", got, f.DomainSeparator)
			}
			if got := d.Digest(r); got != f.Digest {
				t.Errorf("Digest() = %s, want %s", got, f.Digest)
			}
			rr, vs, err := roundv2.Compact(f.Signature)
			if err != nil || common.Hash(rr) != f.R || common.Hash(vs) != f.VS {
				t.Errorf("Compact = %x, %x, %v; want %s, %s", rr, vs, err, f.R, f.VS)
			}
			want := append([]byte(nil), f.Signature...)
			want[64] -= 27
			if got := roundv2.Expand(f.R, f.VS); !bytesEqual(got, want) {
				t.Errorf("Expand = %x, want %x", got, want)
			}
			signer, err := d.Recover(roundv2.Signed{Record: r, R: f.R, VS: f.VS})
			if err != nil || signer != f.Signer {
				t.Errorf("Recover = %s, %v; want %s", signer, err, f.Signer)
			}
		})
	}
}

func bytesEqual(a, b []byte) bool { return hex.EncodeToString(a) == hex.EncodeToString(b) }

func TestSignRecoversSigner(t *testing.T) {
	key, _ := crypto.GenerateKey()
	s := roundv2.KeySigner(key)
	d := roundv2.Domain{ChainID: big.NewInt(1337), Round: common.Address{0xaa}}
	r := roundv2.Record{Kind: roundv2.KindWithdraw, Amount: 5, Nonce: 3, Initiative: 2, Deadline: 1 << 33}
	signed, err := roundv2.Sign(t.Context(), d, r, s)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Recover(signed); got != s.Address() {
		t.Errorf("Recover = %s, want %s", got, s.Address())
	}
	// Another chain, round or record recovers another address.
	for name, other := range map[string]roundv2.Domain{
		"chain": {ChainID: big.NewInt(1), Round: d.Round},
		"round": {ChainID: d.ChainID, Round: common.Address{0xbb}},
	} {
		if got, _ := other.Recover(signed); got == s.Address() {
			t.Errorf("another %s recovers the signer", name)
		}
	}
	if _, err := roundv2.Sign(t.Context(), d, roundv2.Record{Kind: 7}, s); !errors.Is(err, roundv2.ErrBadRecord) {
		t.Errorf("Sign(kind 7) error = %v, want ErrBadRecord", err)
	}
	if _, err := roundv2.Sign(t.Context(), d, r, wrongSigner{s}); !errors.Is(err, roundv2.ErrBadSignature) {
		t.Errorf("Sign by a signer with the wrong address: error = %v, want ErrBadSignature", err)
	}
}

// wrongSigner claims an address its key does not have.
type wrongSigner struct{ roundv2.Signer }

func (wrongSigner) Address() common.Address { return common.Address{0x01} }

func TestCompactRejects(t *testing.T) {
	key, _ := crypto.GenerateKey()
	sig, _ := crypto.Sign(crypto.Keccak256([]byte("x")), key)
	n := crypto.S256().Params().N
	highS := append([]byte(nil), sig...)
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
	s.FillBytes(highS[32:64])
	highS[64] ^= 1
	badV := append([]byte(nil), sig...)
	badV[64] = 29
	zeroR := append([]byte(nil), sig...)
	clear(zeroR[:32])
	tests := []struct {
		name string
		sig  []byte
	}{
		{"64 bytes", sig[:64]},
		{"high s", highS},
		{"v 29", badV},
		{"zero r", zeroR},
	}
	for _, tt := range tests {
		if _, _, err := roundv2.Compact(tt.sig); !errors.Is(err, roundv2.ErrBadSignature) {
			t.Errorf("%s: Compact error = %v, want ErrBadSignature", tt.name, err)
		}
	}
	v27 := append([]byte(nil), sig...)
	v27[64] += 27
	r1, vs1, err1 := roundv2.Compact(sig)
	r2, vs2, err2 := roundv2.Compact(v27)
	if err1 != nil || err2 != nil || r1 != r2 || vs1 != vs2 {
		t.Errorf("V 0/1 and 27/28 compact differently: %v %v", err1, err2)
	}
}
