package chain_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
)

// encodeError ABI-encodes a Solidity error: sig is its canonical signature,
// e.g. "InsufficientBalance(uint256,uint256)".
func encodeError(sig string, types []string, vals ...any) []byte {
	args := make(abi.Arguments, len(types))
	for i, typ := range types {
		t, err := abi.NewType(typ, "", nil)
		if err != nil {
			panic(err)
		}
		args[i] = abi.Argument{Type: t}
	}
	packed, err := args.Pack(vals...)
	if err != nil {
		panic(err)
	}
	return append(crypto.Keccak256([]byte(sig))[:4], packed...)
}

var (
	citizen       = common.HexToAddress("0x00000000000000000000000000000000000000c1")
	registrarRole = crypto.Keccak256Hash([]byte("REGISTRAR_ROLE"))
)

func TestDecodeRevert(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		wantName string
		wantArgs []any
		wantErr  string
	}{
		{"empty", nil, "", nil, "execution reverted"},
		{"short", []byte{1, 2}, "", nil, "execution reverted: unknown error 0x0102"},
		{"unknown selector", []byte{0xde, 0xad, 0xbe, 0xef}, "", nil, "execution reverted: unknown error 0xdeadbeef"},
		{"Error(string)", encodeError("Error(string)", []string{"string"}, "nope"),
			"Error", []any{"nope"}, "execution reverted: nope"},
		{"Panic(uint256)", encodeError("Panic(uint256)", []string{"uint256"}, big.NewInt(0x11)),
			"Panic", []any{big.NewInt(0x11)}, "execution reverted: Panic(0x11): arithmetic underflow or overflow"},
		{"InsufficientBalance (R-1.3)", encodeError("InsufficientBalance(uint256,uint256)", []string{"uint256", "uint256"}, big.NewInt(100), big.NewInt(200)),
			"InsufficientBalance", []any{big.NewInt(100), big.NewInt(200)}, "execution reverted: InsufficientBalance(100, 200)"},
		{"no arguments", bindings.BudgetRoundDeadlinePassedErrorID().Bytes()[:4],
			"DeadlinePassed", []any{}, "execution reverted: DeadlinePassed()"},
		{"QuotaAlreadyGranted", encodeError("QuotaAlreadyGranted(address)", []string{"address"}, citizen),
			"QuotaAlreadyGranted", []any{citizen}, "execution reverted: QuotaAlreadyGranted(0x00000000000000000000000000000000000000C1)"},
		{"AccessControlUnauthorizedAccount", encodeError("AccessControlUnauthorizedAccount(address,bytes32)", []string{"address", "bytes32"}, citizen, [32]byte(registrarRole)),
			"AccessControlUnauthorizedAccount", []any{citizen, [32]byte(registrarRole)},
			"execution reverted: AccessControlUnauthorizedAccount(0x00000000000000000000000000000000000000C1, " + registrarRole.Hex() + ")"},
		{"token TransfersRestricted", encodeError("TransfersRestricted()", nil),
			"TransfersRestricted", []any{}, "execution reverted: TransfersRestricted()"},
		{"registry AlreadyAnchored", encodeError("AlreadyAnchored(bytes32,bytes32,bytes32)", []string{"bytes32", "bytes32", "bytes32"}, [32]byte{1}, [32]byte{2}, [32]byte{3}),
			"AlreadyAnchored", []any{[32]byte{1}, [32]byte{2}, [32]byte{3}}, ""},
		{"truncated arguments", encodeError("InsufficientBalance(uint256,uint256)", []string{"uint256", "uint256"}, big.NewInt(1), big.NewInt(2))[:40],
			"", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chain.DecodeRevert(tt.data)
			if got.Name != tt.wantName {
				t.Fatalf("Name = %q, want %q", got.Name, tt.wantName)
			}
			if fmt.Sprint(got.Args) != fmt.Sprint(tt.wantArgs) {
				t.Errorf("Args = %v, want %v", got.Args, tt.wantArgs)
			}
			if !bytes.Equal(got.Data, tt.data) {
				t.Errorf("Data = %x, want %x", got.Data, tt.data)
			}
			if tt.wantErr != "" && got.Error() != tt.wantErr {
				t.Errorf("Error() = %q, want %q", got.Error(), tt.wantErr)
			}
		})
	}
}

// TestKnownErrorsCoverABIs: every error of the three contracts decodes by
// name (a new error in Solidity must not come out as "unknown").
func TestKnownErrorsCoverABIs(t *testing.T) {
	for _, a := range []abi.ABI{bindings.NewBudgetRound().GetABI(), bindings.NewBudgetToken().GetABI(), bindings.NewAnchorRegistry().GetABI()} {
		for name, e := range a.Errors {
			vals := make([]any, len(e.Inputs))
			types := make([]string, len(e.Inputs))
			for i, in := range e.Inputs {
				types[i] = in.Type.String()
				vals[i] = zeroOf(t, in.Type)
			}
			if got := chain.DecodeRevert(encodeError(e.Sig, types, vals...)); got.Name != name {
				t.Errorf("DecodeRevert(%s) = %q, want %q", e.Sig, got.Name, name)
			}
		}
	}
}

func zeroOf(t *testing.T, typ abi.Type) any {
	switch typ.T {
	case abi.UintTy, abi.IntTy:
		if typ.Size > 64 {
			return big.NewInt(0)
		}
		return reflectZero(typ)
	case abi.AddressTy:
		return common.Address{}
	case abi.FixedBytesTy:
		return reflectZero(typ)
	case abi.StringTy:
		return ""
	case abi.BoolTy:
		return false
	}
	t.Fatalf("no zero value for %s", typ)
	return nil
}

func TestIsRevert(t *testing.T) {
	re := chain.DecodeRevert(bindings.BudgetRoundDeadlinePassedErrorID().Bytes()[:4])
	tests := []struct {
		name string
		err  error
		want string
		is   bool
	}{
		{"direct", re, "DeadlinePassed", true},
		{"wrapped", fmt.Errorf("allocate: %w", re), "DeadlinePassed", true},
		{"other name", re, "DeadlineNotReached", false},
		{"not a revert", errors.New("DeadlinePassed"), "DeadlinePassed", false},
		{"nil", nil, "DeadlinePassed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chain.IsRevert(tt.err, tt.want); got != tt.is {
				t.Fatalf("IsRevert(%v, %q) = %v, want %v", tt.err, tt.want, got, tt.is)
			}
		})
	}
}

// FuzzDecodeRevert: revert data comes from outside (any node, any
// contract); decoding must never panic and must keep the raw data.
func FuzzDecodeRevert(f *testing.F) {
	f.Add([]byte{})
	f.Add(encodeError("Error(string)", []string{"string"}, "nope"))
	f.Add(encodeError("InsufficientBalance(uint256,uint256)", []string{"uint256", "uint256"}, big.NewInt(100), big.NewInt(200)))
	f.Add(encodeError("QuotaAlreadyGranted(address)", []string{"address"}, citizen))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := chain.DecodeRevert(data)
		if !bytes.Equal(got.Data, data) {
			t.Fatalf("Data = %x, want %x", got.Data, data)
		}
		if got.Error() == "" {
			t.Fatal("empty Error()")
		}
	})
}

func reflectZero(typ abi.Type) any {
	return reflect.Zero(typ.GetType()).Interface()
}
