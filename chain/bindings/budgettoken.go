// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// BudgetTokenMetaData contains all meta data concerning the BudgetToken contract.
var BudgetTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"supply\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"round_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSpender\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"OnlyRound\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TransfersRestricted\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"move\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"round\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "BudgetToken",
	Bin: "0x60a060405234801561000f575f5ffd5b50604051610a7c380380610a7c83398101604081905261002e9161026c565b8383600361003c838261037d565b506004610049828261037d565b5050506001600160a01b038116608052610063818361006c565b5050505061045c565b6001600160a01b03821661009a5760405163ec442f0560e01b81525f60048201526024015b60405180910390fd5b6100a55f83836100a9565b5050565b6001600160a01b0383166100d3578060025f8282546100c89190610437565b909155506101439050565b6001600160a01b0383165f90815260208190526040902054818110156101255760405163391434e360e21b81526001600160a01b03851660048201526024810182905260448101839052606401610091565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b03821661015f5760028054829003905561017d565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef836040516101c291815260200190565b60405180910390a3505050565b634e487b7160e01b5f52604160045260245ffd5b5f82601f8301126101f2575f5ffd5b81516001600160401b0381111561020b5761020b6101cf565b604051601f8201601f19908116603f011681016001600160401b0381118282101715610239576102396101cf565b604052818152838201602001851015610250575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b5f5f5f5f6080858703121561027f575f5ffd5b84516001600160401b03811115610294575f5ffd5b6102a0878288016101e3565b602087015190955090506001600160401b038111156102bd575f5ffd5b6102c9878288016101e3565b60408701516060880151919550935090506001600160a01b03811681146102ee575f5ffd5b939692955090935050565b600181811c9082168061030d57607f821691505b60208210810361032b57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561037857805f5260205f20601f840160051c810160208510156103565750805b601f840160051c820191505b81811015610375575f8155600101610362565b50505b505050565b81516001600160401b03811115610396576103966101cf565b6103aa816103a484546102f9565b84610331565b6020601f8211600181146103dc575f83156103c55750848201515b5f19600385901b1c1916600184901b178455610375565b5f84815260208120601f198516915b8281101561040b57878501518255602094850194600190920191016103eb565b508482101561042857868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b8082018082111561045657634e487b7160e01b5f52601160045260245ffd5b92915050565b60805161060261047a5f395f818160f0015261027501526106025ff3fe608060405234801561000f575f5ffd5b50600436106100a6575f3560e01c8063313ce5671161006e578063313ce5671461014a57806370a082311461015957806395d89b4114610181578063a9059cbb146100c8578063bb35783b14610189578063dd62ed3e1461019e575f5ffd5b806306fdde03146100aa578063095ea7b3146100c8578063146ca531146100eb57806318160ddd1461012a57806323b872dd1461013c575b5f5ffd5b6100b26101b1565b6040516100bf9190610472565b60405180910390f35b6100db6100d63660046104c2565b610241565b60405190151581526020016100bf565b6101127f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100bf565b6002545b6040519081526020016100bf565b6100db6100d63660046104ea565b604051600281526020016100bf565b61012e610167366004610524565b6001600160a01b03165f9081526020819052604090205490565b6100b261025b565b61019c6101973660046104ea565b61026a565b005b61012e6101ac366004610544565b6102c3565b6060600380546101c090610575565b80601f01602080910402602001604051908101604052809291908181526020018280546101ec90610575565b80156102375780601f1061020e57610100808354040283529160200191610237565b820191905f5260205f20905b81548152906001019060200180831161021a57829003601f168201915b5050505050905090565b5f604051637be07bbd60e11b815260040160405180910390fd5b6060600480546101c090610575565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146102b35760405163775e684f60e11b815260040160405180910390fd5b6102be8383836102ef565b505050565b6001600160a01b038083165f908152600160209081526040808320938516835292905220545b92915050565b6001600160a01b03831661031d57604051634b637e8f60e11b81525f60048201526024015b60405180910390fd5b6001600160a01b0382166103465760405163ec442f0560e01b81525f6004820152602401610314565b6102be8383836001600160a01b038316610376578060025f82825461036b91906105ad565b909155506103e69050565b6001600160a01b0383165f90815260208190526040902054818110156103c85760405163391434e360e21b81526001600160a01b03851660048201526024810182905260448101839052606401610314565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b03821661040257600280548290039055610420565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef8360405161046591815260200190565b60405180910390a3505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80356001600160a01b03811681146104bd575f5ffd5b919050565b5f5f604083850312156104d3575f5ffd5b6104dc836104a7565b946020939093013593505050565b5f5f5f606084860312156104fc575f5ffd5b610505846104a7565b9250610513602085016104a7565b929592945050506040919091013590565b5f60208284031215610534575f5ffd5b61053d826104a7565b9392505050565b5f5f60408385031215610555575f5ffd5b61055e836104a7565b915061056c602084016104a7565b90509250929050565b600181811c9082168061058957607f821691505b6020821081036105a757634e487b7160e01b5f52602260045260245ffd5b50919050565b808201808211156102e957634e487b7160e01b5f52601160045260245ffdfea26469706673582212204851626fe73b98322a61db16dd7c87193ae5c3fa375ac40190ebcf8a6fb78cbd64736f6c634300081e0033",
}

// BudgetToken is an auto generated Go binding around an Ethereum contract.
type BudgetToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *BudgetToken) GetABI() abi.ABI {
	return c.abi
}

// NewBudgetToken creates a new instance of BudgetToken.
func NewBudgetToken() *BudgetToken {
	parsed, err := BudgetTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &BudgetToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *BudgetToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_, uint256 supply, address round_) returns()
func (budgetToken *BudgetToken) PackConstructor(name_ string, symbol_ string, supply *big.Int, round_ common.Address) []byte {
	enc, err := budgetToken.abi.Pack("", name_, symbol_, supply, round_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (budgetToken *BudgetToken) PackAllowance(owner common.Address, spender common.Address) []byte {
	enc, err := budgetToken.abi.Pack("allowance", owner, spender)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (budgetToken *BudgetToken) TryPackAllowance(owner common.Address, spender common.Address) ([]byte, error) {
	return budgetToken.abi.Pack("allowance", owner, spender)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (budgetToken *BudgetToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := budgetToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) PackApprove(arg0 common.Address, arg1 *big.Int) []byte {
	enc, err := budgetToken.abi.Pack("approve", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) TryPackApprove(arg0 common.Address, arg1 *big.Int) ([]byte, error) {
	return budgetToken.abi.Pack("approve", arg0, arg1)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) UnpackApprove(data []byte) (bool, error) {
	out, err := budgetToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (budgetToken *BudgetToken) PackBalanceOf(account common.Address) []byte {
	enc, err := budgetToken.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (budgetToken *BudgetToken) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return budgetToken.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (budgetToken *BudgetToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := budgetToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() pure returns(uint8)
func (budgetToken *BudgetToken) PackDecimals() []byte {
	enc, err := budgetToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() pure returns(uint8)
func (budgetToken *BudgetToken) TryPackDecimals() ([]byte, error) {
	return budgetToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() pure returns(uint8)
func (budgetToken *BudgetToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := budgetToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbb35783b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function move(address from, address to, uint256 amount) returns()
func (budgetToken *BudgetToken) PackMove(from common.Address, to common.Address, amount *big.Int) []byte {
	enc, err := budgetToken.abi.Pack("move", from, to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbb35783b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function move(address from, address to, uint256 amount) returns()
func (budgetToken *BudgetToken) TryPackMove(from common.Address, to common.Address, amount *big.Int) ([]byte, error) {
	return budgetToken.abi.Pack("move", from, to, amount)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (budgetToken *BudgetToken) PackName() []byte {
	enc, err := budgetToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (budgetToken *BudgetToken) TryPackName() ([]byte, error) {
	return budgetToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (budgetToken *BudgetToken) UnpackName(data []byte) (string, error) {
	out, err := budgetToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x146ca531.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function round() view returns(address)
func (budgetToken *BudgetToken) PackRound() []byte {
	enc, err := budgetToken.abi.Pack("round")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x146ca531.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function round() view returns(address)
func (budgetToken *BudgetToken) TryPackRound() ([]byte, error) {
	return budgetToken.abi.Pack("round")
}

// UnpackRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x146ca531.
//
// Solidity: function round() view returns(address)
func (budgetToken *BudgetToken) UnpackRound(data []byte) (common.Address, error) {
	out, err := budgetToken.abi.Unpack("round", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (budgetToken *BudgetToken) PackSymbol() []byte {
	enc, err := budgetToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (budgetToken *BudgetToken) TryPackSymbol() ([]byte, error) {
	return budgetToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (budgetToken *BudgetToken) UnpackSymbol(data []byte) (string, error) {
	out, err := budgetToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (budgetToken *BudgetToken) PackTotalSupply() []byte {
	enc, err := budgetToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (budgetToken *BudgetToken) TryPackTotalSupply() ([]byte, error) {
	return budgetToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (budgetToken *BudgetToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := budgetToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) PackTransfer(arg0 common.Address, arg1 *big.Int) []byte {
	enc, err := budgetToken.abi.Pack("transfer", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) TryPackTransfer(arg0 common.Address, arg1 *big.Int) ([]byte, error) {
	return budgetToken.abi.Pack("transfer", arg0, arg1)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := budgetToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address , address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) PackTransferFrom(arg0 common.Address, arg1 common.Address, arg2 *big.Int) []byte {
	enc, err := budgetToken.abi.Pack("transferFrom", arg0, arg1, arg2)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address , address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) TryPackTransferFrom(arg0 common.Address, arg1 common.Address, arg2 *big.Int) ([]byte, error) {
	return budgetToken.abi.Pack("transferFrom", arg0, arg1, arg2)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address , address , uint256 ) pure returns(bool)
func (budgetToken *BudgetToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := budgetToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// BudgetTokenApproval represents a Approval event raised by the BudgetToken contract.
type BudgetTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (BudgetTokenApproval) ContractEventName() string {
	return BudgetTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (budgetToken *BudgetToken) UnpackApprovalEvent(log *types.Log) (*BudgetTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetTokenApproval)
	if len(log.Data) > 0 {
		if err := budgetToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BudgetTokenTransfer represents a Transfer event raised by the BudgetToken contract.
type BudgetTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const BudgetTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (BudgetTokenTransfer) ContractEventName() string {
	return BudgetTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (budgetToken *BudgetToken) UnpackTransferEvent(log *types.Log) (*BudgetTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetTokenTransfer)
	if len(log.Data) > 0 {
		if err := budgetToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (budgetToken *BudgetToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InsufficientAllowance"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InsufficientBalance"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InvalidApprover"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InvalidReceiver"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InvalidSender"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["ERC20InvalidSpender"].ID.Bytes()[:4]) {
		return budgetToken.UnpackERC20InvalidSpenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["OnlyRound"].ID.Bytes()[:4]) {
		return budgetToken.UnpackOnlyRoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetToken.abi.Errors["TransfersRestricted"].ID.Bytes()[:4]) {
		return budgetToken.UnpackTransfersRestrictedError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// BudgetTokenERC20InsufficientAllowance represents a ERC20InsufficientAllowance error raised by the BudgetToken contract.
type BudgetTokenERC20InsufficientAllowance struct {
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func BudgetTokenERC20InsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0xfb8f41b23e99d2101d86da76cdfa87dd51c82ed07d3cb62cbc473e469dbc75c3")
}

// UnpackERC20InsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func (budgetToken *BudgetToken) UnpackERC20InsufficientAllowanceError(raw []byte) (*BudgetTokenERC20InsufficientAllowance, error) {
	out := new(BudgetTokenERC20InsufficientAllowance)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenERC20InsufficientBalance represents a ERC20InsufficientBalance error raised by the BudgetToken contract.
type BudgetTokenERC20InsufficientBalance struct {
	Sender  common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func BudgetTokenERC20InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xe450d38cd8d9f7d95077d567d60ed49c7254716e6ad08fc9872816c97e0ffec6")
}

// UnpackERC20InsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func (budgetToken *BudgetToken) UnpackERC20InsufficientBalanceError(raw []byte) (*BudgetTokenERC20InsufficientBalance, error) {
	out := new(BudgetTokenERC20InsufficientBalance)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenERC20InvalidApprover represents a ERC20InvalidApprover error raised by the BudgetToken contract.
type BudgetTokenERC20InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidApprover(address approver)
func BudgetTokenERC20InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xe602df05cc75712490294c6c104ab7c17f4030363910a7a2626411c6d3118847")
}

// UnpackERC20InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidApprover(address approver)
func (budgetToken *BudgetToken) UnpackERC20InvalidApproverError(raw []byte) (*BudgetTokenERC20InvalidApprover, error) {
	out := new(BudgetTokenERC20InvalidApprover)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenERC20InvalidReceiver represents a ERC20InvalidReceiver error raised by the BudgetToken contract.
type BudgetTokenERC20InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func BudgetTokenERC20InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0xec442f055133b72f3b2f9f0bb351c406b178527de2040a7d1feb4e058771f613")
}

// UnpackERC20InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func (budgetToken *BudgetToken) UnpackERC20InvalidReceiverError(raw []byte) (*BudgetTokenERC20InvalidReceiver, error) {
	out := new(BudgetTokenERC20InvalidReceiver)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenERC20InvalidSender represents a ERC20InvalidSender error raised by the BudgetToken contract.
type BudgetTokenERC20InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSender(address sender)
func BudgetTokenERC20InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x96c6fd1edd0cd6ef7ff0ecc0facdf53148dc0048b57fe58af65755250a7a96bd")
}

// UnpackERC20InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSender(address sender)
func (budgetToken *BudgetToken) UnpackERC20InvalidSenderError(raw []byte) (*BudgetTokenERC20InvalidSender, error) {
	out := new(BudgetTokenERC20InvalidSender)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenERC20InvalidSpender represents a ERC20InvalidSpender error raised by the BudgetToken contract.
type BudgetTokenERC20InvalidSpender struct {
	Spender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSpender(address spender)
func BudgetTokenERC20InvalidSpenderErrorID() common.Hash {
	return common.HexToHash("0x94280d62c347d8d9f4d59a76ea321452406db88df38e0c9da304f58b57b373a2")
}

// UnpackERC20InvalidSpenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSpender(address spender)
func (budgetToken *BudgetToken) UnpackERC20InvalidSpenderError(raw []byte) (*BudgetTokenERC20InvalidSpender, error) {
	out := new(BudgetTokenERC20InvalidSpender)
	if err := budgetToken.abi.UnpackIntoInterface(out, "ERC20InvalidSpender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenOnlyRound represents a OnlyRound error raised by the BudgetToken contract.
type BudgetTokenOnlyRound struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OnlyRound()
func BudgetTokenOnlyRoundErrorID() common.Hash {
	return common.HexToHash("0xeebcd09ed55638d9c8ffb7bae33e6e4f02361cbf46b33dbde647d7da1adf4f8e")
}

// UnpackOnlyRoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OnlyRound()
func (budgetToken *BudgetToken) UnpackOnlyRoundError(raw []byte) (*BudgetTokenOnlyRound, error) {
	out := new(BudgetTokenOnlyRound)
	if err := budgetToken.abi.UnpackIntoInterface(out, "OnlyRound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetTokenTransfersRestricted represents a TransfersRestricted error raised by the BudgetToken contract.
type BudgetTokenTransfersRestricted struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransfersRestricted()
func BudgetTokenTransfersRestrictedErrorID() common.Hash {
	return common.HexToHash("0xf7c0f77aa0fbb089853ac0b74941c2d8a03be5a04aff4d0a290be45b23444215")
}

// UnpackTransfersRestrictedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransfersRestricted()
func (budgetToken *BudgetToken) UnpackTransfersRestrictedError(raw []byte) (*BudgetTokenTransfersRestricted, error) {
	out := new(BudgetTokenTransfersRestricted)
	if err := budgetToken.abi.UnpackIntoInterface(out, "TransfersRestricted", raw); err != nil {
		return nil, err
	}
	return out, nil
}
