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

// AnchorRegistryAnchor is an auto generated low-level Go binding around an user-defined struct.
type AnchorRegistryAnchor struct {
	Kind          [32]byte
	SubjectId     [32]byte
	Root          [32]byte
	LeafCount     uint64
	DatasetSha256 [32]byte
	Timestamp     uint64
}

// AnchorRegistryMetaData contains all meta data concerning the AnchorRegistry contract.
var AnchorRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AccessControlBadConfirmation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"neededRole\",\"type\":\"bytes32\"}],\"name\":\"AccessControlUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoAnchor\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroRoot\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"leafCount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"datasetSha256\",\"type\":\"bytes32\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"previousAdminRole\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"newAdminRole\",\"type\":\"bytes32\"}],\"name\":\"RoleAdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleRevoked\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ANCHOR_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_ADMIN_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"leafCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"datasetSha256\",\"type\":\"bytes32\"}],\"name\":\"anchor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"anchorAt\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"leafCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"datasetSha256\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"timestamp\",\"type\":\"uint64\"}],\"internalType\":\"structAnchorRegistry.Anchor\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"anchorCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"}],\"name\":\"countFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"}],\"name\":\"getRoleAdmin\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"}],\"name\":\"latest\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"kind\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"subjectId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"leafCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"datasetSha256\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"timestamp\",\"type\":\"uint64\"}],\"internalType\":\"structAnchorRegistry.Anchor\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"callerConfirmation\",\"type\":\"address\"}],\"name\":\"renounceRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"revokeRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "AnchorRegistry",
	Bin: "0x608060405234801561000f575f5ffd5b50604051610ba8380380610ba883398101604081905261002e91610113565b6100385f8261006a565b506100637f08b5ce2e3163e37059f807346dad4dd6235ed44f92dced22992662cb457063628261006a565b5050610140565b5f828152602081815260408083206001600160a01b038516845290915281205460ff1661010a575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556100c23390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a450600161010d565b505f5b92915050565b5f60208284031215610123575f5ffd5b81516001600160a01b0381168114610139575f5ffd5b9392505050565b610a5b8061014d5f395ff3fe608060405234801561000f575f5ffd5b50600436106100cb575f3560e01c80638554463211610088578063a217fddf11610063578063a217fddf14610202578063d547741f14610209578063db5d7b7a1461021c578063fd5f48c514610246575f5ffd5b806385544632146101c957806391d14854146101dc57806394ad9c6b146101ef575f5ffd5b806301ffc9a7146100cf57806316994960146100f7578063248a9ca3146101695780632f2ff15d1461019957806334f96c8c146101ae57806336568abe146101b6575b5f5ffd5b6100e26100dd366004610903565b61026d565b60405190151581526020015b60405180910390f35b61010a610105366004610931565b6102a3565b6040516100ee91905f60c08201905082518252602083015160208301526040830151604083015267ffffffffffffffff60608401511660608301526080830151608083015267ffffffffffffffff60a08401511660a083015292915050565b61018b610177366004610931565b5f9081526020819052604090206001015490565b6040519081526020016100ee565b6101ac6101a7366004610948565b610349565b005b60015461018b565b6101ac6101c4366004610948565b610373565b61018b6101d7366004610981565b6103ab565b6100e26101ea366004610948565b61066c565b61010a6101fd3660046109d2565b610694565b61018b5f81565b6101ac610217366004610948565b610759565b61018b61022a3660046109d2565b5f91825260026020908152604080842092845291905290205490565b61018b7f08b5ce2e3163e37059f807346dad4dd6235ed44f92dced22992662cb4570636281565b5f6001600160e01b03198216637965db0b60e01b148061029d57506301ffc9a760e01b6001600160e01b03198316145b92915050565b6102ab6108bf565b60015482106102cd5760405163224a53f960e21b815260040160405180910390fd5b600182815481106102e0576102e06109f2565b5f9182526020918290206040805160c081018252600690930290910180548352600181015493830193909352600283015490820152600382015467ffffffffffffffff90811660608301526004830154608083015260059092015490911660a082015292915050565b5f828152602081905260409020600101546103638161077d565b61036d838361078a565b50505050565b6001600160a01b038116331461039c5760405163334bd91960e11b815260040160405180910390fd5b6103a68282610819565b505050565b5f7f08b5ce2e3163e37059f807346dad4dd6235ed44f92dced22992662cb457063626103d68161077d565b846103f45760405163b263ae7360e01b815260040160405180910390fd5b6040805160208101899052908101879052606081018690525f9060800160408051601f1981840301815291815281516020928301205f818152600390935291205490915060ff161561046f57604051634c688e4360e01b81526004810189905260248101889052604481018790526064015b60405180910390fd5b5f818152600360209081526040808320805460ff191660019081179091558054825160c0810184528d81528085018d81528185018d815267ffffffffffffffff808e1660608501908152608085018e815242831660a087019081528789018955888c529551600688027fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf681019190915594517fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf786015592517fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf8850155517fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf98401805491831667ffffffffffffffff1992831617905591517fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cfa84015592517fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cfb90920180549290931691161790558c8552600284528285208c86529093529083208054929650929091839190610604908490610a06565b9091555050600181018490556040805188815267ffffffffffffffff8816602082015290810186905288908a9086907f6d3c76287a64428875b0672821bfab4dfb9c0d45f1e8b060313af0d4e3767cbc9060600160405180910390a450505095945050505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b61069c6108bf565b5f838152600260209081526040808320858452909152812080549091036106d65760405163224a53f960e21b815260040160405180910390fd5b60018160010154815481106106ed576106ed6109f2565b5f9182526020918290206040805160c081018252600690930290910180548352600181015493830193909352600283015490820152600382015467ffffffffffffffff90811660608301526004830154608083015260059092015490911660a082015291505092915050565b5f828152602081905260409020600101546107738161077d565b61036d8383610819565b6107878133610882565b50565b5f610795838361066c565b610812575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556107ca3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a450600161029d565b505f61029d565b5f610824838361066c565b15610812575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a450600161029d565b61088c828261066c565b6108bb5760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610466565b5050565b6040518060c001604052805f81526020015f81526020015f81526020015f67ffffffffffffffff1681526020015f81526020015f67ffffffffffffffff1681525090565b5f60208284031215610913575f5ffd5b81356001600160e01b03198116811461092a575f5ffd5b9392505050565b5f60208284031215610941575f5ffd5b5035919050565b5f5f60408385031215610959575f5ffd5b8235915060208301356001600160a01b0381168114610976575f5ffd5b809150509250929050565b5f5f5f5f5f60a08688031215610995575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811681146109c1575f5ffd5b949793965091946080013592915050565b5f5f604083850312156109e3575f5ffd5b50508035926020909101359150565b634e487b7160e01b5f52603260045260245ffd5b8082018082111561029d57634e487b7160e01b5f52601160045260245ffdfea26469706673582212207e88ca75b224e91384e442df4c984cb17b9bccab1ce743948099898fef9d550b64736f6c634300081e0033",
}

// AnchorRegistry is an auto generated Go binding around an Ethereum contract.
type AnchorRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *AnchorRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewAnchorRegistry creates a new instance of AnchorRegistry.
func NewAnchorRegistry() *AnchorRegistry {
	parsed, err := AnchorRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &AnchorRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *AnchorRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address admin) returns()
func (anchorRegistry *AnchorRegistry) PackConstructor(admin common.Address) []byte {
	enc, err := anchorRegistry.abi.Pack("", admin)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackANCHORROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd5f48c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ANCHOR_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) PackANCHORROLE() []byte {
	enc, err := anchorRegistry.abi.Pack("ANCHOR_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackANCHORROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd5f48c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ANCHOR_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) TryPackANCHORROLE() ([]byte, error) {
	return anchorRegistry.abi.Pack("ANCHOR_ROLE")
}

// UnpackANCHORROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd5f48c5.
//
// Solidity: function ANCHOR_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) UnpackANCHORROLE(data []byte) ([32]byte, error) {
	out, err := anchorRegistry.abi.Unpack("ANCHOR_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) PackDEFAULTADMINROLE() []byte {
	enc, err := anchorRegistry.abi.Pack("DEFAULT_ADMIN_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) TryPackDEFAULTADMINROLE() ([]byte, error) {
	return anchorRegistry.abi.Pack("DEFAULT_ADMIN_ROLE")
}

// UnpackDEFAULTADMINROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa217fddf.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (anchorRegistry *AnchorRegistry) UnpackDEFAULTADMINROLE(data []byte) ([32]byte, error) {
	out, err := anchorRegistry.abi.Unpack("DEFAULT_ADMIN_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x85544632.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor(bytes32 kind, bytes32 subjectId, bytes32 root, uint64 leafCount, bytes32 datasetSha256) returns(uint256 index)
func (anchorRegistry *AnchorRegistry) PackAnchor(kind [32]byte, subjectId [32]byte, root [32]byte, leafCount uint64, datasetSha256 [32]byte) []byte {
	enc, err := anchorRegistry.abi.Pack("anchor", kind, subjectId, root, leafCount, datasetSha256)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x85544632.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor(bytes32 kind, bytes32 subjectId, bytes32 root, uint64 leafCount, bytes32 datasetSha256) returns(uint256 index)
func (anchorRegistry *AnchorRegistry) TryPackAnchor(kind [32]byte, subjectId [32]byte, root [32]byte, leafCount uint64, datasetSha256 [32]byte) ([]byte, error) {
	return anchorRegistry.abi.Pack("anchor", kind, subjectId, root, leafCount, datasetSha256)
}

// UnpackAnchor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x85544632.
//
// Solidity: function anchor(bytes32 kind, bytes32 subjectId, bytes32 root, uint64 leafCount, bytes32 datasetSha256) returns(uint256 index)
func (anchorRegistry *AnchorRegistry) UnpackAnchor(data []byte) (*big.Int, error) {
	out, err := anchorRegistry.abi.Unpack("anchor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAnchorAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16994960.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorAt(uint256 index) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) PackAnchorAt(index *big.Int) []byte {
	enc, err := anchorRegistry.abi.Pack("anchorAt", index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16994960.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorAt(uint256 index) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) TryPackAnchorAt(index *big.Int) ([]byte, error) {
	return anchorRegistry.abi.Pack("anchorAt", index)
}

// UnpackAnchorAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x16994960.
//
// Solidity: function anchorAt(uint256 index) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) UnpackAnchorAt(data []byte) (AnchorRegistryAnchor, error) {
	out, err := anchorRegistry.abi.Unpack("anchorAt", data)
	if err != nil {
		return *new(AnchorRegistryAnchor), err
	}
	out0 := *abi.ConvertType(out[0], new(AnchorRegistryAnchor)).(*AnchorRegistryAnchor)
	return out0, nil
}

// PackAnchorCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34f96c8c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorCount() view returns(uint256)
func (anchorRegistry *AnchorRegistry) PackAnchorCount() []byte {
	enc, err := anchorRegistry.abi.Pack("anchorCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34f96c8c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorCount() view returns(uint256)
func (anchorRegistry *AnchorRegistry) TryPackAnchorCount() ([]byte, error) {
	return anchorRegistry.abi.Pack("anchorCount")
}

// UnpackAnchorCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x34f96c8c.
//
// Solidity: function anchorCount() view returns(uint256)
func (anchorRegistry *AnchorRegistry) UnpackAnchorCount(data []byte) (*big.Int, error) {
	out, err := anchorRegistry.abi.Unpack("anchorCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCountFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb5d7b7a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function countFor(bytes32 kind, bytes32 subjectId) view returns(uint256)
func (anchorRegistry *AnchorRegistry) PackCountFor(kind [32]byte, subjectId [32]byte) []byte {
	enc, err := anchorRegistry.abi.Pack("countFor", kind, subjectId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCountFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb5d7b7a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function countFor(bytes32 kind, bytes32 subjectId) view returns(uint256)
func (anchorRegistry *AnchorRegistry) TryPackCountFor(kind [32]byte, subjectId [32]byte) ([]byte, error) {
	return anchorRegistry.abi.Pack("countFor", kind, subjectId)
}

// UnpackCountFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdb5d7b7a.
//
// Solidity: function countFor(bytes32 kind, bytes32 subjectId) view returns(uint256)
func (anchorRegistry *AnchorRegistry) UnpackCountFor(data []byte) (*big.Int, error) {
	out, err := anchorRegistry.abi.Unpack("countFor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (anchorRegistry *AnchorRegistry) PackGetRoleAdmin(role [32]byte) []byte {
	enc, err := anchorRegistry.abi.Pack("getRoleAdmin", role)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (anchorRegistry *AnchorRegistry) TryPackGetRoleAdmin(role [32]byte) ([]byte, error) {
	return anchorRegistry.abi.Pack("getRoleAdmin", role)
}

// UnpackGetRoleAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x248a9ca3.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (anchorRegistry *AnchorRegistry) UnpackGetRoleAdmin(data []byte) ([32]byte, error) {
	out, err := anchorRegistry.abi.Unpack("getRoleAdmin", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (anchorRegistry *AnchorRegistry) PackGrantRole(role [32]byte, account common.Address) []byte {
	enc, err := anchorRegistry.abi.Pack("grantRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (anchorRegistry *AnchorRegistry) TryPackGrantRole(role [32]byte, account common.Address) ([]byte, error) {
	return anchorRegistry.abi.Pack("grantRole", role, account)
}

// PackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (anchorRegistry *AnchorRegistry) PackHasRole(role [32]byte, account common.Address) []byte {
	enc, err := anchorRegistry.abi.Pack("hasRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (anchorRegistry *AnchorRegistry) TryPackHasRole(role [32]byte, account common.Address) ([]byte, error) {
	return anchorRegistry.abi.Pack("hasRole", role, account)
}

// UnpackHasRole is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d14854.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (anchorRegistry *AnchorRegistry) UnpackHasRole(data []byte) (bool, error) {
	out, err := anchorRegistry.abi.Unpack("hasRole", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLatest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94ad9c6b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function latest(bytes32 kind, bytes32 subjectId) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) PackLatest(kind [32]byte, subjectId [32]byte) []byte {
	enc, err := anchorRegistry.abi.Pack("latest", kind, subjectId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLatest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94ad9c6b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function latest(bytes32 kind, bytes32 subjectId) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) TryPackLatest(kind [32]byte, subjectId [32]byte) ([]byte, error) {
	return anchorRegistry.abi.Pack("latest", kind, subjectId)
}

// UnpackLatest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x94ad9c6b.
//
// Solidity: function latest(bytes32 kind, bytes32 subjectId) view returns((bytes32,bytes32,bytes32,uint64,bytes32,uint64))
func (anchorRegistry *AnchorRegistry) UnpackLatest(data []byte) (AnchorRegistryAnchor, error) {
	out, err := anchorRegistry.abi.Unpack("latest", data)
	if err != nil {
		return *new(AnchorRegistryAnchor), err
	}
	out0 := *abi.ConvertType(out[0], new(AnchorRegistryAnchor)).(*AnchorRegistryAnchor)
	return out0, nil
}

// PackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (anchorRegistry *AnchorRegistry) PackRenounceRole(role [32]byte, callerConfirmation common.Address) []byte {
	enc, err := anchorRegistry.abi.Pack("renounceRole", role, callerConfirmation)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (anchorRegistry *AnchorRegistry) TryPackRenounceRole(role [32]byte, callerConfirmation common.Address) ([]byte, error) {
	return anchorRegistry.abi.Pack("renounceRole", role, callerConfirmation)
}

// PackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (anchorRegistry *AnchorRegistry) PackRevokeRole(role [32]byte, account common.Address) []byte {
	enc, err := anchorRegistry.abi.Pack("revokeRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (anchorRegistry *AnchorRegistry) TryPackRevokeRole(role [32]byte, account common.Address) ([]byte, error) {
	return anchorRegistry.abi.Pack("revokeRole", role, account)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (anchorRegistry *AnchorRegistry) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := anchorRegistry.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (anchorRegistry *AnchorRegistry) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return anchorRegistry.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (anchorRegistry *AnchorRegistry) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := anchorRegistry.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// AnchorRegistryAnchored represents a Anchored event raised by the AnchorRegistry contract.
type AnchorRegistryAnchored struct {
	Index         *big.Int
	Kind          [32]byte
	SubjectId     [32]byte
	Root          [32]byte
	LeafCount     uint64
	DatasetSha256 [32]byte
	Raw           *types.Log // Blockchain specific contextual infos
}

const AnchorRegistryAnchoredEventName = "Anchored"

// ContractEventName returns the user-defined event name.
func (AnchorRegistryAnchored) ContractEventName() string {
	return AnchorRegistryAnchoredEventName
}

// UnpackAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Anchored(uint256 indexed index, bytes32 indexed kind, bytes32 indexed subjectId, bytes32 root, uint64 leafCount, bytes32 datasetSha256)
func (anchorRegistry *AnchorRegistry) UnpackAnchoredEvent(log *types.Log) (*AnchorRegistryAnchored, error) {
	event := "Anchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != anchorRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AnchorRegistryAnchored)
	if len(log.Data) > 0 {
		if err := anchorRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range anchorRegistry.abi.Events[event].Inputs {
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

// AnchorRegistryRoleAdminChanged represents a RoleAdminChanged event raised by the AnchorRegistry contract.
type AnchorRegistryRoleAdminChanged struct {
	Role              [32]byte
	PreviousAdminRole [32]byte
	NewAdminRole      [32]byte
	Raw               *types.Log // Blockchain specific contextual infos
}

const AnchorRegistryRoleAdminChangedEventName = "RoleAdminChanged"

// ContractEventName returns the user-defined event name.
func (AnchorRegistryRoleAdminChanged) ContractEventName() string {
	return AnchorRegistryRoleAdminChangedEventName
}

// UnpackRoleAdminChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole)
func (anchorRegistry *AnchorRegistry) UnpackRoleAdminChangedEvent(log *types.Log) (*AnchorRegistryRoleAdminChanged, error) {
	event := "RoleAdminChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != anchorRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AnchorRegistryRoleAdminChanged)
	if len(log.Data) > 0 {
		if err := anchorRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range anchorRegistry.abi.Events[event].Inputs {
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

// AnchorRegistryRoleGranted represents a RoleGranted event raised by the AnchorRegistry contract.
type AnchorRegistryRoleGranted struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const AnchorRegistryRoleGrantedEventName = "RoleGranted"

// ContractEventName returns the user-defined event name.
func (AnchorRegistryRoleGranted) ContractEventName() string {
	return AnchorRegistryRoleGrantedEventName
}

// UnpackRoleGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)
func (anchorRegistry *AnchorRegistry) UnpackRoleGrantedEvent(log *types.Log) (*AnchorRegistryRoleGranted, error) {
	event := "RoleGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != anchorRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AnchorRegistryRoleGranted)
	if len(log.Data) > 0 {
		if err := anchorRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range anchorRegistry.abi.Events[event].Inputs {
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

// AnchorRegistryRoleRevoked represents a RoleRevoked event raised by the AnchorRegistry contract.
type AnchorRegistryRoleRevoked struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const AnchorRegistryRoleRevokedEventName = "RoleRevoked"

// ContractEventName returns the user-defined event name.
func (AnchorRegistryRoleRevoked) ContractEventName() string {
	return AnchorRegistryRoleRevokedEventName
}

// UnpackRoleRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)
func (anchorRegistry *AnchorRegistry) UnpackRoleRevokedEvent(log *types.Log) (*AnchorRegistryRoleRevoked, error) {
	event := "RoleRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != anchorRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AnchorRegistryRoleRevoked)
	if len(log.Data) > 0 {
		if err := anchorRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range anchorRegistry.abi.Events[event].Inputs {
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
func (anchorRegistry *AnchorRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], anchorRegistry.abi.Errors["AccessControlBadConfirmation"].ID.Bytes()[:4]) {
		return anchorRegistry.UnpackAccessControlBadConfirmationError(raw[4:])
	}
	if bytes.Equal(raw[:4], anchorRegistry.abi.Errors["AccessControlUnauthorizedAccount"].ID.Bytes()[:4]) {
		return anchorRegistry.UnpackAccessControlUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], anchorRegistry.abi.Errors["AlreadyAnchored"].ID.Bytes()[:4]) {
		return anchorRegistry.UnpackAlreadyAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], anchorRegistry.abi.Errors["NoAnchor"].ID.Bytes()[:4]) {
		return anchorRegistry.UnpackNoAnchorError(raw[4:])
	}
	if bytes.Equal(raw[:4], anchorRegistry.abi.Errors["ZeroRoot"].ID.Bytes()[:4]) {
		return anchorRegistry.UnpackZeroRootError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// AnchorRegistryAccessControlBadConfirmation represents a AccessControlBadConfirmation error raised by the AnchorRegistry contract.
type AnchorRegistryAccessControlBadConfirmation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlBadConfirmation()
func AnchorRegistryAccessControlBadConfirmationErrorID() common.Hash {
	return common.HexToHash("0x6697b23232a647058342c0724fe7c415cab25915b54e5dbc03f233173d37b41c")
}

// UnpackAccessControlBadConfirmationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlBadConfirmation()
func (anchorRegistry *AnchorRegistry) UnpackAccessControlBadConfirmationError(raw []byte) (*AnchorRegistryAccessControlBadConfirmation, error) {
	out := new(AnchorRegistryAccessControlBadConfirmation)
	if err := anchorRegistry.abi.UnpackIntoInterface(out, "AccessControlBadConfirmation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AnchorRegistryAccessControlUnauthorizedAccount represents a AccessControlUnauthorizedAccount error raised by the AnchorRegistry contract.
type AnchorRegistryAccessControlUnauthorizedAccount struct {
	Account    common.Address
	NeededRole [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func AnchorRegistryAccessControlUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0xe2517d3fbfae6f8515ef5ff1ccedc3933ab0cbbda0b492c06eb54ad10ef03b3e")
}

// UnpackAccessControlUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func (anchorRegistry *AnchorRegistry) UnpackAccessControlUnauthorizedAccountError(raw []byte) (*AnchorRegistryAccessControlUnauthorizedAccount, error) {
	out := new(AnchorRegistryAccessControlUnauthorizedAccount)
	if err := anchorRegistry.abi.UnpackIntoInterface(out, "AccessControlUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AnchorRegistryAlreadyAnchored represents a AlreadyAnchored error raised by the AnchorRegistry contract.
type AnchorRegistryAlreadyAnchored struct {
	Kind      [32]byte
	SubjectId [32]byte
	Root      [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAnchored(bytes32 kind, bytes32 subjectId, bytes32 root)
func AnchorRegistryAlreadyAnchoredErrorID() common.Hash {
	return common.HexToHash("0x4c688e43986ead2971b796405ffb1286170a04ad41271d9dc165b98afd926e8d")
}

// UnpackAlreadyAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAnchored(bytes32 kind, bytes32 subjectId, bytes32 root)
func (anchorRegistry *AnchorRegistry) UnpackAlreadyAnchoredError(raw []byte) (*AnchorRegistryAlreadyAnchored, error) {
	out := new(AnchorRegistryAlreadyAnchored)
	if err := anchorRegistry.abi.UnpackIntoInterface(out, "AlreadyAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AnchorRegistryNoAnchor represents a NoAnchor error raised by the AnchorRegistry contract.
type AnchorRegistryNoAnchor struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoAnchor()
func AnchorRegistryNoAnchorErrorID() common.Hash {
	return common.HexToHash("0x89294fe450384413862d2a419506c873df85c99f0a91d13da00ec9bb91999fd8")
}

// UnpackNoAnchorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoAnchor()
func (anchorRegistry *AnchorRegistry) UnpackNoAnchorError(raw []byte) (*AnchorRegistryNoAnchor, error) {
	out := new(AnchorRegistryNoAnchor)
	if err := anchorRegistry.abi.UnpackIntoInterface(out, "NoAnchor", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AnchorRegistryZeroRoot represents a ZeroRoot error raised by the AnchorRegistry contract.
type AnchorRegistryZeroRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroRoot()
func AnchorRegistryZeroRootErrorID() common.Hash {
	return common.HexToHash("0xb263ae738e814ca9af6ee56bb85daa47624e790421913c947dcba2aac07cfdbd")
}

// UnpackZeroRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroRoot()
func (anchorRegistry *AnchorRegistry) UnpackZeroRootError(raw []byte) (*AnchorRegistryZeroRoot, error) {
	out := new(AnchorRegistryZeroRoot)
	if err := anchorRegistry.abi.UnpackIntoInterface(out, "ZeroRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}
