package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

// RevertError is a call or transaction that reverted, with the revert data
// decoded: Error(string), Panic(uint256) or a custom error of pbnode's
// contracts (OpenZeppelin's included). Name is empty when the data is empty
// or unknown.
type RevertError struct {
	Name string // "InsufficientBalance", "Error", "Panic", or ""
	Args []any  // decoded arguments, in ABI order
	Data []byte // raw revert data
}

// Error formats like "execution reverted: InsufficientBalance(100, 200)".
func (e *RevertError) Error() string {
	const prefix = "execution reverted"
	switch {
	case e.Name == "" && len(e.Data) == 0:
		return prefix
	case e.Name == "":
		return fmt.Sprintf("%s: unknown error 0x%x", prefix, e.Data)
	case e.Name == "Error" && len(e.Args) == 1:
		return fmt.Sprintf("%s: %v", prefix, e.Args[0])
	case e.Name == "Panic" && len(e.Args) == 1:
		return fmt.Sprintf("%s: Panic(%#x): %s", prefix, e.Args[0], panicReason(e.Data))
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = formatArg(a)
	}
	return fmt.Sprintf("%s: %s(%s)", prefix, e.Name, strings.Join(args, ", "))
}

// IsRevert reports whether err is (or wraps) a revert with the given error
// name, e.g. IsRevert(err, "DeadlinePassed").
func IsRevert(err error, name string) bool {
	re, ok := errors.AsType[*RevertError](err)
	return ok && re.Name == name
}

// DecodeRevert decodes revert data; it never fails: what it cannot decode
// keeps an empty Name.
func DecodeRevert(data []byte) *RevertError {
	re := &RevertError{Data: bytes.Clone(data)}
	if len(data) < 4 {
		return re
	}
	e, ok := knownErrors()[[4]byte(data[:4])]
	if !ok {
		return re
	}
	args, err := e.Unpack(data)
	if err != nil {
		return re
	}
	re.Name, re.Args = e.Name, args.([]any)
	return re
}

// knownErrors maps selectors to Error(string), Panic(uint256) and every
// error of the contracts' ABIs (both rounds, the token, the registry).
var knownErrors = sync.OnceValue(func() map[[4]byte]abi.Error {
	m := map[[4]byte]abi.Error{}
	add := func(e abi.Error) { m[[4]byte(e.ID[:4])] = e }
	add(abi.NewError("Error", abi.Arguments{{Name: "message", Type: mustType("string")}}))
	add(abi.NewError("Panic", abi.Arguments{{Name: "code", Type: mustType("uint256")}}))
	for _, a := range contractABIs() {
		for _, e := range a.Errors {
			add(e)
		}
	}
	return m
})

// knownMethods maps selectors to the method names of the contracts.
var knownMethods = sync.OnceValue(func() map[[4]byte]string {
	m := map[[4]byte]string{}
	for _, a := range contractABIs() {
		for _, method := range a.Methods {
			m[[4]byte(method.ID)] = method.RawName
		}
	}
	return m
})

func contractABIs() []abi.ABI {
	return []abi.ABI{
		bindings.NewBudgetRound().GetABI(),
		budgetroundv2.NewBudgetRoundV2().GetABI(),
		bindings.NewBudgetToken().GetABI(),
		bindings.NewAnchorRegistry().GetABI(),
	}
}

func mustType(t string) abi.Type {
	typ, err := abi.NewType(t, "", nil)
	if err != nil {
		panic(err)
	}
	return typ
}

func panicReason(data []byte) string {
	reason, err := abi.UnpackRevert(data)
	if err != nil {
		return "unknown panic"
	}
	return reason
}

func formatArg(a any) string {
	switch v := a.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case *big.Int:
		return v.String()
	case common.Address:
		return v.Hex()
	case [32]byte:
		return "0x" + hex.EncodeToString(v[:])
	case []byte:
		return "0x" + hex.EncodeToString(v)
	default:
		return fmt.Sprint(v)
	}
}

// revertOf turns a node's error for eth_call or eth_estimateGas into a
// *RevertError when it reports a revert, or returns nil. Nodes put the revert
// data in the JSON-RPC error's data field: geth as a hex string, some others
// as an object with a "data" member.
func revertOf(err error) *RevertError {
	if err == nil {
		return nil
	}
	if de, ok := errors.AsType[rpc.DataError](err); ok {
		if data, ok := revertData(de.ErrorData()); ok {
			return DecodeRevert(data)
		}
	}
	// A revert without data: geth says "execution reverted", Hardhat
	// "reverted without a reason".
	if strings.Contains(strings.ToLower(err.Error()), "revert") {
		return &RevertError{}
	}
	return nil
}

func revertData(v any) ([]byte, bool) {
	switch d := v.(type) {
	case string:
		b, err := hex.DecodeString(strings.TrimPrefix(d, "0x"))
		return b, err == nil
	case map[string]any:
		return revertData(d["data"])
	}
	return nil, false
}
