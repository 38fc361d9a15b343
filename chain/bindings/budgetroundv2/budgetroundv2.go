// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package budgetroundv2

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

// BudgetRoundV2Signed is an auto generated low-level Go binding around an user-defined struct.
type BudgetRoundV2Signed struct {
	Head *big.Int
	R    [32]byte
	Vs   [32]byte
}

// BudgetRoundV2MetaData contains all meta data concerning the BudgetRoundV2 contract.
var BudgetRoundV2MetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"budget_\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline_\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"},{\"internalType\":\"enumBudgetRoundV2.Rule\",\"name\":\"rule_\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"threshold_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AccessControlBadConfirmation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"neededRole\",\"type\":\"bytes32\"}],\"name\":\"AccessControlUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"AlreadyFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"}],\"name\":\"AlreadyMaterialized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"BadNonce\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"record\",\"type\":\"uint256\"}],\"name\":\"BadRecordKind\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"DeadlineInPast\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"DeadlineNotReached\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"available\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"wanted\",\"type\":\"uint256\"}],\"name\":\"InsufficientAllocation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"available\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"wanted\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidRule\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"record\",\"type\":\"uint256\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MerkleProofInvalidMultiproof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"}],\"name\":\"NotMaterialized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"distributed\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"OverBudget\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"}],\"name\":\"QuotaTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"record\",\"type\":\"uint256\"}],\"name\":\"SignatureExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TooManyInitiatives\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"}],\"name\":\"UnknownBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"UnknownInitiative\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroCost\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroRoot\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Allocated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claims\",\"type\":\"uint256\"}],\"name\":\"ClaimsCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"version\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"leafCount\",\"type\":\"uint256\"}],\"name\":\"EligibilityRootSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"funded\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fundedCost\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"returnedToTreasury\",\"type\":\"uint256\"}],\"name\":\"Finalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"cost\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"received\",\"type\":\"uint256\"}],\"name\":\"InitiativeFunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"cost\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"piggyBank\",\"type\":\"address\"}],\"name\":\"InitiativeRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unallocated\",\"type\":\"uint256\"}],\"name\":\"Materialized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"previousAdminRole\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"newAdminRole\",\"type\":\"bytes32\"}],\"name\":\"RoleAdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"enumBudgetRoundV2.Rule\",\"name\":\"rule\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"}],\"name\":\"RoundCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ALLOCATE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_ADMIN_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"KIND_ALLOCATE\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"KIND_CLAIM_ALLOCATE\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"KIND_WITHDRAW\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_INITIATIVES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"REGISTRAR_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RELAYER_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"TREASURY_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"WITHDRAW_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"}],\"name\":\"account\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"materialized\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unallocated\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"allocate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"allocated\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"appliedLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"budget\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"claimAndAllocate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claimsBatchCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"}],\"name\":\"claimsRoot\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deadline\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"distributed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"}],\"name\":\"eligibilityLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eligibilityRoot\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eligibilityVersion\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"finalize\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"finalized\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"fundedInitiatives\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"}],\"name\":\"getRoleAdmin\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"sigDeadline\",\"type\":\"uint256\"}],\"name\":\"hashAllocate\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"sigDeadline\",\"type\":\"uint256\"}],\"name\":\"hashWithdraw\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"initiative\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"cost\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"received\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"funded\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"initiativeCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"isClaimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"citizen\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"quota\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"materialize\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"from\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"to\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"move\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"piggyBank\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"cost\",\"type\":\"uint256\"}],\"name\":\"registerInitiative\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"head\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"vs\",\"type\":\"bytes32\"}],\"internalType\":\"structBudgetRoundV2.Signed[]\",\"name\":\"records\",\"type\":\"tuple[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256[]\",\"name\":\"proofFlagBits\",\"type\":\"uint256[]\"}],\"name\":\"relay\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"batchId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"callerConfirmation\",\"type\":\"address\"}],\"name\":\"renounceRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"revokeRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"rule\",\"outputs\":[{\"internalType\":\"enumBudgetRoundV2.Rule\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"leafCount\",\"type\":\"uint256\"}],\"name\":\"setEligibilityRoot\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"threshold\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractBudgetToken\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "BudgetRoundV2",
	Bin: "0x610220604052348015610010575f5ffd5b50604051614da1380380614da183398101604081905261002f9161052f565b604051806040016040528060128152602001711c189b9bd91948109d5919d95d149bdd5b9960721b815250604051806040016040528060018152602001601960f91b8152506100838261036d60201b60201c565b610120526100908161036d565b61014052815160208084019190912060e052815190820120610100524660a05261011c60e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b038416158061014257506001600160a01b038316155b156101605760405163d92e233d60e01b815260040160405180910390fd5b855f0361018057604051631f2a200560e01b815260040160405180910390fd5b42856001600160401b0316116101a95760405163017d800b60e71b815260040160405180910390fd5b80151560028360038111156101c0576101c06105f8565b14146101df576040516391c7d22b60e01b815260040160405180910390fd5b60036101eb8982610690565b506101808690526001600160401b0385166101a0526001600160a01b0384166101c052816003811115610220576102206105f8565b6101e0816003811115610235576102356105f8565b81525050806102008181525050878787306040516102529061045c565b61025f9493929190610778565b604051809103905ff080158015610278573d5f5f3e3d5ffd5b506001600160a01b0316610160526102905f846103b3565b506102bb7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca9846103b3565b506102e67fedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c309238846103b3565b506103117fe2b7fb3b832174769106daebcfd6d1970523240dda11281102db9363b83b0dc4846103b3565b50610160516001600160a01b03167ff5acd6efa4164bcd3fee8ec4cf0917ca73c9819c1461a19b1813b9920a791b77898888888787604051610358969594939291906107be565b60405180910390a25050505050505050610863565b5f5f829050601f815111156103a0578260405163305a27a960e01b81526004016103979190610827565b60405180910390fd5b80516103ab82610840565b179392505050565b5f828152602081815260408083206001600160a01b038516845290915281205460ff16610453575f838152602081815260408083206001600160a01b03861684529091529020805460ff1916600117905561040b3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610456565b505f5b92915050565b610a7c8061432583390190565b634e487b7160e01b5f52604160045260245ffd5b5f82601f83011261048c575f5ffd5b81516001600160401b038111156104a5576104a5610469565b604051601f8201601f19908116603f011681016001600160401b03811182821017156104d3576104d3610469565b6040528181528382016020018510156104ea575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b80516001600160a01b038116811461051c575f5ffd5b919050565b80516004811061051c575f5ffd5b5f5f5f5f5f5f5f5f610100898b031215610547575f5ffd5b88516001600160401b0381111561055c575f5ffd5b6105688b828c0161047d565b60208b015190995090506001600160401b03811115610585575f5ffd5b6105918b828c0161047d565b60408b015160608c0151919950975090506001600160401b03811681146105b6575f5ffd5b94506105c460808a01610506565b93506105d260a08a01610506565b92506105e060c08a01610521565b60e09990990151979a96995094979396929591945050565b634e487b7160e01b5f52602160045260245ffd5b600181811c9082168061062057607f821691505b60208210810361063e57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561068b57805f5260205f20601f840160051c810160208510156106695750805b601f840160051c820191505b81811015610688575f8155600101610675565b50505b505050565b81516001600160401b038111156106a9576106a9610469565b6106bd816106b7845461060c565b84610644565b6020601f8211600181146106ef575f83156106d85750848201515b5f19600385901b1c1916600184901b178455610688565b5f84815260208120601f198516915b8281101561071e57878501518255602094850194600190920191016106fe565b508482101561073b57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b608081525f61078a608083018761074a565b828103602084015261079c818761074a565b604084019590955250506001600160a01b039190911660609091015292915050565b60c081525f6107d060c083018961074a565b602083018890526001600160401b03871660408401526001600160a01b038616606084015290506004841061081357634e487b7160e01b5f52602160045260245ffd5b608082019390935260a00152949350505050565b602081525f610839602083018461074a565b9392505050565b8051602080830151919081101561063e575f1960209190910360031b1b16919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c0516101e0516102005161397f6109a65f395f818161044c015261228801525f818161037901528181610cc3015261221d01525f81816104d601528181610e900152610ff901525f81816103ad0152818161091301528181610a4c01528181610b9201528181610c1b015281816110f5015281816111f80152818161147f0152818161199d0152611b2001525f81816107b301528181610ca1015281816116a3015281816116df01528181611f680152611fa401525f818161082d01528181610e5801528181610f3a01528181610fca01528181611cf60152818161211a0152818161298f0152612a4f01525f61247601525f61244b01525f612d5c01525f612d3401525f612c8f01525f612cb901525f612ce3015261397f5ff3fe608060405234801561000f575f5ffd5b50600436106102e5575f3560e01c806384b0196e11610195578063d259e8f3116100e4578063ed01bf291161009e578063f84b903e11610079578063f84b903e14610804578063fa7c9bcf1461080d578063faa9cabb14610820578063fc0c546a14610828575f5ffd5b8063ed01bf29146107ae578063f68e9553146107d5578063f698da25146107fc575f5ffd5b8063d259e8f31461075d578063d547741f14610766578063d695876014610779578063d79990371461078c578063da6038781461079f578063e7200b01146107a7575f5ffd5b8063a217fddf1161014f578063b2ecdbff1161012a578063b2ecdbff1461070e578063b3f05b9714610721578063b5779a4e1461072e578063d11a57ec14610736575f5ffd5b8063a217fddf146106df578063a58f14f0146106e6578063acbc75ec146106f9575f5ffd5b806384b0196e1461063257806391d148541461064d578063926d7d7f146106605780639b078bfa146106875780639cb20e181461069a5780639e34070f146106ad575f5ffd5b806342cde4e811610251578063660b3db51161020b57806373b9aa91116101e657806373b9aa911461055057806376c5d758146105b35780637824f84e146105da5780637e634edc146105e3575f5ffd5b8063660b3db5146105105780636d50d174146105235780636e8b795d1461053d575f5ffd5b806342cde4e814610447578063441a3e701461046e5780634bb278f31461048157806354685558146104895780635f269f471461049c57806361d027b3146104d1575f5ffd5b806329dcb0cf116102a257806329dcb0cf146103a85780632c0e2fbf146103e75780632f2ff15d146103fa57806330870b591461040d57806336568abe146104215780633ecece3614610434575f5ffd5b806301ffc9a7146102e957806306fdde031461031157806310dc126714610326578063172cfa4c1461033d578063248a9ca31461035257806325e3d52214610374575b5f5ffd5b6102fc6102f736600461326b565b61084f565b60405190151581526020015b60405180910390f35b610319610885565b60405161030891906132c0565b61032f60045481565b604051908152602001610308565b61035061034b3660046132d2565b610911565b005b61032f6103603660046132f2565b5f9081526020819052604090206001015490565b61039b7f000000000000000000000000000000000000000000000000000000000000000081565b604051610308919061331d565b6103cf7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b039091168152602001610308565b61032f6103f5366004613359565b610974565b61035061040836600461339b565b6109e8565b61032f5f51602061392a5f395f51905f5281565b61035061042f36600461339b565b610a12565b61035061044236600461340c565b610a4a565b61032f7f000000000000000000000000000000000000000000000000000000000000000081565b61035061047c3660046132d2565b610b90565b610350610bef565b61032f61049736600461346b565b6110a4565b61032f6104aa36600461349a565b6001600160a01b03919091165f908152600c60209081526040808320938352929052205490565b6104f87f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610308565b61032f61051e3660046132f2565b6110c8565b61052b600181565b60405160ff9091168152602001610308565b61035061054b3660046134c2565b6111f6565b61059661055e36600461353f565b6001600160a01b03165f908152600b602052604090205460ff600160801b820416916001600160401b03600160401b83048116921690565b604080519315158452602084019290925290820152606001610308565b61032f7fb77bb5cee0441249ffab06203a3ec917add34ba600cc7be05ec57ffcf96d93d281565b61032f60075481565b6106156105f13660046132f2565b5f90815260096020526040902080546001820154600290920154909260ff90911690565b604080519384526020840192909252151590820152606001610308565b61063a6113ba565b6040516103089796959493929190613592565b6102fc61065b36600461339b565b6113fc565b61032f7fe2b7fb3b832174769106daebcfd6d1970523240dda11281102db9363b83b0dc481565b6104f86106953660046132f2565b611424565b61032f6106a8366004613601565b611452565b6102fc6106bb3660046132f2565b600881901c5f908152600a6020526040902054600160ff9092169190911b16151590565b61032f5f81565b61032f6106f43660046132f2565b6118d1565b61070161191b565b60405161030891906136cb565b61035061071c3660046132d2565b611971565b6008546102fc9060ff1681565b600d5461032f565b61032f7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca981565b61032f60055481565b61035061077436600461339b565b611a59565b61032f6107873660046136dd565b611a7d565b61032f61079a36600461346b565b611ae2565b61032f606481565b61052b5f81565b61032f7f000000000000000000000000000000000000000000000000000000000000000081565b61032f7fedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c30923881565b61032f611b10565b61032f60065481565b61035061081b366004613710565b611b1e565b61052b600281565b6104f87f000000000000000000000000000000000000000000000000000000000000000081565b5f6001600160e01b03198216637965db0b60e01b148061087f57506301ffc9a760e01b6001600160e01b03198316145b92915050565b6003805461089290613739565b80601f01602080910402602001604051908101604052809291908181526020018280546108be90613739565b80156109095780601f106108e057610100808354040283529160200191610909565b820191905f5260205f20905b8154815290600101906020018083116108ec57829003601f168201915b505050505081565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b0316421061095a5760405163387b2e5560e11b815260040160405180910390fd5b61097061096633611b8f565b3384846001611bdf565b5050565b60408051602081018790526001600160a01b03861691810191909152606081018490526080810183905260a081018290525f9060c00160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905095945050505050565b5f82815260208190526040902060010154610a0281611dbe565b610a0c8383611dcb565b50505050565b6001600160a01b0381163314610a3b5760405163334bd91960e11b815260040160405180910390fd5b610a458282611e5a565b505050565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b03164210610a935760405163387b2e5560e11b815260040160405180910390fd5b335f908152600b602052604090208054600160801b900460ff1615610ad2576040516319737e0760e31b81523360048201526024015b60405180910390fd5b610aea8585600454610ae58b338c611a7d565b611ec3565b610b0757604051637ca55c7760e01b815260040160405180910390fd5b610b118787611eda565b8054600160801b70ff0000000000000000ffffffffffffffff199091166001600160401b03881617178155604051868152879033907f987d620f307ff6b94d58743cb7a7509f24071586a77759b77c2d4e29f75a2f9a9060200160405180910390a38115610b8757610b87813385856001611bdf565b50505050505050565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b03164210610bd95760405163387b2e5560e11b815260040160405180910390fd5b610970610be533611b8f565b3384846001611fda565b7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca9610c1981611dbe565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b0316421015610c6357604051633376277360e11b815260040160405180910390fd5b60085460ff1615610c875760405163475a253560e01b815260040160405180910390fd5b6008805460ff191660011790555f610c9d6121d2565b90507f00000000000000000000000000000000000000000000000000000000000000005f7f0000000000000000000000000000000000000000000000000000000000000000815b8451811015610e1b575f60095f878481518110610d0357610d03613771565b602002602001015181526020019081526020015f20905084815f01541115610d4a576001836003811115610d3957610d39613309565b03610d445750610e1b565b50610e13565b8054610d569086613799565b8154909550610d6590856137ac565b60028201805460ff191660011790558651909450600e90879084908110610d8e57610d8e613771565b60209081029190910181015182546001810184555f9384529190922001558551869083908110610dc057610dc0613771565b60200260200101517f6354e17fc05e46c31d4eae1c78eb8f96eac8cf37f1e1b26671ff7ee9bc6fe3e9825f01548360010154604051610e09929190918252602082015260400190565b60405180910390a2505b600101610ce4565b505f60015b6007548111610f22575f818152600960205260409020600281015460ff1680610e4b57506001810154155b15610e565750610f12565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663bb35783b610e8e84611424565b7f000000000000000000000000000000000000000000000000000000000000000084600101546040518463ffffffff1660e01b8152600401610ed2939291906137bf565b5f604051808303815f87803b158015610ee9575f5ffd5b505af1158015610efb573d5f5f3e3d5ffd5b5050506001820154610f0e9150846137ac565b9250505b610f1b816137e3565b9050610e20565b506040516370a0823160e01b81523060048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906370a0823190602401602060405180830381865afa158015610f87573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610fab91906137fb565b9050801561105f5760405163bb35783b60e01b81526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063bb35783b906110239030907f00000000000000000000000000000000000000000000000000000000000000009086906004016137bf565b5f604051808303815f87803b15801561103a575f5ffd5b505af115801561104c573d5f5f3e3d5ffd5b50505050808261105c91906137ac565b91505b7f477ae66b4982f2e0219d2bf8354f749eefb2727b35aa7bd79a6ffa16ee402bef600e858460405161109393929190613812565b60405180910390a150505050505050565b5f6110bf5f51602061392a5f395f51905f52868686866123e7565b95945050505050565b5f7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca96110f381611dbe565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b0316421061113c5760405163387b2e5560e11b815260040160405180910390fd5b825f0361115c57604051632a9c15d560e21b815260040160405180910390fd5b60646007541061117f57604051633536a8f160e21b815260040160405180910390fd5b60075f815461118d906137e3565b91829055505f8181526009602052604090208490559150817f53c02d42b75064e56828c24febf9b916f96a9e0cca4453eded3ac66dcd953ca9846111d083611424565b604080519283526001600160a01b0390911660208301520160405180910390a250919050565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b0316421061123f5760405163387b2e5560e11b815260040160405180910390fd5b600d548810611264576040516321c9773560e11b815260048101899052602401610ac9565b6001600160a01b0386165f908152600b602052604090208054600160801b900460ff16156112b0576040516319737e0760e31b81526001600160a01b0388166004820152602401610ac9565b6112de8383600d8c815481106112c8576112c8613771565b905f5260205f200154610ae58c8c8c8c8c610974565b6112fb57604051637ca55c7760e01b815260040160405180910390fd5b805470ffffffffffffffffff000000000000000019167001000000000000000100000000000000001781556113308487613799565b815467ffffffffffffffff19166001600160401b03919091161781556001600160a01b0387165f818152600c60209081526040808320898452909152902085905589907f3c5389793f599c00d29c91f96d1d69c7381b4373047b65d07ab09d12bd02c5e961139e878a613799565b60405190815260200160405180910390a3505050505050505050565b5f6060805f5f5f60606113cb612444565b6113d361246f565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b6040805130602080830191909152818301939093528151808203830181526060909101909152805191012090565b5f7fe2b7fb3b832174769106daebcfd6d1970523240dda11281102db9363b83b0dc461147d81611dbe565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b031642106114c65760405163387b2e5560e11b815260040160405180910390fd5b865f8190036114e85760405163c2e5347d60e01b815260040160405180910390fd5b61152b6040518061010001604052805f81526020016060815260200160608152602001606081526020015f81526020015f81526020015f81526020015f81525090565b60075480825261153c9060016137ac565b6001600160401b0381111561155357611553613863565b60405190808252806020026020018201604052801561157c578160200160208202803683370190505b506020820152816001600160401b0381111561159a5761159a613863565b6040519080825280602002602001820160405280156115c3578160200160208202803683370190505b506040820152816001600160401b038111156115e1576115e1613863565b60405190808252806020026020018201604052801561160a578160200160208202803683370190505b5060608201525f1960c08201525f5b8281101561164b5761164382828d8d8581811061163857611638613771565b90506060020161249a565b600101611619565b505f198160c00151146116715760e081015160c08201515f908152600a60205260409020555b61167e816020015161292f565b60808101515f199450156118c4575f8160a0015160065461169f91906137ac565b90507f000000000000000000000000000000000000000000000000000000000000000081111561170b5760405163755b0cdd60e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006024820152604401610ac9565b60068190556040820151606083015160808401518083528082525f60016117328d846137ac565b61173c9190613799565b6001600160401b0381111561175357611753613863565b60405190808252806020026020018201604052801561177c578160200160208202803683370190505b5090505f5b81518110156117dd578060ff168c8c600884901c8181106117a4576117a4613771565b90506020020135901c6001166001148282815181106117c5576117c5613771565b91151560209283029190910190910152600101611781565b5061181f8d8d808060200260200160405190810160405280939291908181526020018383602002808284375f9201919091525050600454859250905087612adc565b61183c57604051637ca55c7760e01b815260040160405180910390fd5b600d5498505f61184b84612ae9565b600d80546001810182555f919091527fd7b6990105719101dabeb77144f2a3385c8033acd3af97e9423a695e81ad1eb50181905560408051828152602081018690529192508b917f40ef2b88dcc60cd72fcb5f607f9c25bee4ff6896d27e7c521bff02aaaccd63db910160405180910390a25050505050505b5050509695505050505050565b600d545f9082106118f8576040516321c9773560e11b815260048101839052602401610ac9565b600d828154811061190b5761190b613771565b905f5260205f2001549050919050565b6060600e80548060200260200160405190810160405280929190818152602001828054801561196757602002820191905f5260205f20905b815481526020019060010190808311611953575b5050505050905090565b7fedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c30923861199b81611dbe565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b031642106119e45760405163387b2e5560e11b815260040160405180910390fd5b82611a025760405163b263ae7360e01b815260040160405180910390fd5b6004839055600580545f90611a16906137e3565b918290555060408051858152602081018590527f6b8ebad32483457636b25da47737185a3fc8582469d0477ed83552f73d414c5c910160405180910390a2505050565b5f82815260208190526040902060010154611a7381611dbe565b610a0c8383611e5a565b60408051602081018590526001600160a01b03841691810191909152606081018290525f9060800160408051601f19818403018152828252805160209182012090830152016040516020818303038152906040528051906020012090505b9392505050565b5f6110bf7fb77bb5cee0441249ffab06203a3ec917add34ba600cc7be05ec57ffcf96d93d2868686866123e7565b5f611b19612c83565b905090565b7f00000000000000000000000000000000000000000000000000000000000000006001600160401b03164210611b675760405163387b2e5560e11b815260040160405180910390fd5b5f611b7133611b8f565b9050611b81813386856001611fda565b610a0c813385856001611bdf565b6001600160a01b0381165f908152600b602052604090208054600160801b900460ff16611bda57604051633509859960e21b81526001600160a01b0383166004820152602401610ac9565b919050565b821580611bed575060075483115b15611c0e57604051631185bc6160e11b815260048101849052602401610ac9565b815f03611c2e57604051631f2a200560e01b815260040160405180910390fd5b84546001600160401b031682811015611c645760405163cf47918160e01b81526004810182905260248101849052604401610ac9565b611c6e8382613799565b865467ffffffffffffffff19166001600160401b03919091161786556001600160a01b0385165f908152600c6020908152604080832087845290915281208054859290611cbc9084906137ac565b90915550508115611d72575f8481526009602052604081206001018054859290611ce79084906137ac565b90915550506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001663bb35783b30611d2587611424565b866040518463ffffffff1660e01b8152600401611d44939291906137bf565b5f604051808303815f87803b158015611d5b575f5ffd5b505af1158015611d6d573d5f5f3e3d5ffd5b505050505b83856001600160a01b03167f9af9811abc6f1b9cf2234f8ed76daa9a577d4ffbbe0af66ec4b748cde6f4c39f85604051611dae91815260200190565b60405180910390a3505050505050565b611dc88133612dac565b50565b5f611dd683836113fc565b611e53575f838152602081815260408083206001600160a01b03861684529091529020805460ff19166001179055611e0b3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a450600161087f565b505f61087f565b5f611e6583836113fc565b15611e53575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a450600161087f565b5f82611ed0868685612de5565b1495945050505050565b6001600160401b03811115611f055760405163ad7d33b160e01b815260048101829052602401610ac9565b600882901c5f818152600a6020526040902054600160ff85161b9080821615611f445760405163598b3dfd60e11b815260048101869052602401610ac9565b5f838152600a602052604081208284179055600654611f649086906137ac565b90507f0000000000000000000000000000000000000000000000000000000000000000811115611fd05760405163755b0cdd60e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006024820152604401610ac9565b6006555050505050565b821580611fe8575060075483115b1561200957604051631185bc6160e11b815260048101849052602401610ac9565b815f0361202957604051631f2a200560e01b815260040160405180910390fd5b6001600160a01b0384165f908152600c602090815260408083208684529091529020548281101561207757604051630af4956d60e41b81526004810182905260248101849052604401610ac9565b6120818382613799565b6001600160a01b0386165f908152600c602090815260408083208884529091528120919091558654849188916120c19084906001600160401b0316613877565b92506101000a8154816001600160401b0302191690836001600160401b031602179055508115612196575f848152600960205260408120600101805485929061210b908490613799565b90915550506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001663bb35783b61214886611424565b30866040518463ffffffff1660e01b8152600401612168939291906137bf565b5f604051808303815f87803b15801561217f575f5ffd5b505af1158015612191573d5f5f3e3d5ffd5b505050505b83856001600160a01b03167f92ccf450a286a957af52509bc1c9939d1a6a481783e142e41e2499f0bb66ebc685604051611dae91815260200190565b60605f6007546001600160401b038111156121ef576121ef613863565b604051908082528060200260200182016040528015612218578160200160208202803683370190505b5091507f000000000000000000000000000000000000000000000000000000000000000060015b60075481116123e0575f8181526009602052604081206001810154909181900361226a5750506123d0565b600284600381111561227e5761227e613309565b1480156122aa57507f000000000000000000000000000000000000000000000000000000000000000081105b156122b65750506123d0565b60038460038111156122ca576122ca613309565b1480156122d75750815481105b156122e35750506123d0565b8154855b80156123a2575f6009818a6122fd600186613799565b8151811061230d5761230d613771565b602002602001015181526020019081526020015f20905083816001015411806123455750838160010154148015612345575080548310155b1561235057506123a2565b8861235c600184613799565b8151811061236c5761236c613771565b602002602001015189838151811061238657612386613771565b602090810291909101015261239a82613896565b9150506122e7565b848882815181106123b5576123b5613771565b60209081029190910101526123c9876137e3565b9650505050505b6123d9816137e3565b905061223f565b5050815290565b60408051602081018790523091810191909152606081018590526080810184905260a0810183905260c081018290525f9061243a9060e00160405160208183030381529060405280519060200120612e26565b9695505050505050565b6060611b197f0000000000000000000000000000000000000000000000000000000000000000612e52565b6060611b197f0000000000000000000000000000000000000000000000000000000000000000612e52565b80356001600160401b0380821690604083901c1661ffff608084901c1664ffffffffff60b085901c1660ff60d886901c16428210156124ef5760405163cd21db4f60e01b815260048101899052602401610ac9565b8215806124fc5750885183115b1561251d57604051631185bc6160e11b815260048101849052602401610ac9565b845f0361253d57604051631f2a200560e01b815260040160405180910390fd5b80612774575f612567896125615f51602061392a5f395f51905f52878a5f896123e7565b8a612e8f565b905063ffffffff609088901c168587111561259f5760405163cf47918160e01b81526004810187905260248101889052604401610ac9565b60c08b0151600882901c90600160ff84161b9082146125f8575f198d60c00151146125dd5760e08d015160c08e01515f908152600a60205260409020555b60c08d018290525f828152600a602052604090205460e08e01525b60e08d01518116156126205760405163598b3dfd60e11b815260048101849052602401610ac9565b60e08d0180518217905261263583858a611a7d565b8d604001518e608001518151811061264f5761264f613771565b60200260200101818152505061266883858a8a8d610974565b8d606001518e608001518151811061268257612682613771565b6020026020010181815250508c608001805161269d906137e3565b905260a08d0180518991906126b39083906137ac565b90525060208d015180518a9190899081106126d0576126d0613771565b602002602001018181516126e491906138ab565b90525060405188815283906001600160a01b038616907f987d620f307ff6b94d58743cb7a7509f24071586a77759b77c2d4e29f75a2f9a9060200160405180910390a386846001600160a01b03167f9af9811abc6f1b9cf2234f8ed76daa9a577d4ffbbe0af66ec4b748cde6f4c39f8b60405161276391815260200190565b60405180910390a350505050612924565b60018114806127835750600281145b1561290857600181145f6127dd8a6127d7846127bf577fb77bb5cee0441249ffab06203a3ec917add34ba600cc7be05ec57ffcf96d93d26127ce565b5f51602061392a5f395f51905f525b888b8b8a6123e7565b8b612e8f565b90505f6127e982611b8f565b8054909150600160401b90046001600160401b0316871461284757805460405163c56f17f560e01b81526001600160a01b0384166004820152600160401b9091046001600160401b0316602482015260448101889052606401610ac9565b6128528760016137ac565b81546001600160401b0391909116600160401b026fffffffffffffffff00000000000000001990911617815582156128c4576128918183888b5f611bdf565b878c6020015187815181106128a8576128a8613771565b602002602001018181516128bc91906138ab565b905250612900565b6128d18183888b5f611fda565b878c6020015187815181106128e8576128e8613771565b602002602001018181516128fc91906138d2565b9052505b505050612924565b6040516303ac493160e31b815260048101899052602401610ac9565b505050505050505050565b60015b8151811015610970575f82828151811061294e5761294e613771565b602002602001015190505f811315612a0f575f82815260096020526040812060010180548392906129809084906137ac565b90915550506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001663bb35783b306129be85611424565b846040518463ffffffff1660e01b81526004016129dd939291906137bf565b5f604051808303815f87803b1580156129f4575f5ffd5b505af1158015612a06573d5f5f3e3d5ffd5b50505050612ad3565b5f811215612ad357612a20816138f8565b5f8381526009602052604081206001018054909190612a40908490613799565b90915550506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001663bb35783b612a7d84611424565b30612a87856138f8565b6040518463ffffffff1660e01b8152600401612aa5939291906137bf565b5f604051808303815f87803b158015612abc575f5ffd5b505af1158015612ace573d5f5f3e3d5ffd5b505050505b50600101612932565b5f82611ed0868685612ee6565b80515f90816001612afb836002613912565b612b059190613799565b6001600160401b03811115612b1c57612b1c613863565b604051908082528060200260200182016040528015612b45578160200160208202803683370190505b5090505f5b82811015612bb457848181518110612b6457612b64613771565b602002602001015182826002866002612b7d9190613912565b612b879190613799565b612b919190613799565b81518110612ba157612ba1613771565b6020908102919091010152600101612b4a565b505f612bc1600184613799565b90505b8015612c5f57612c28826001612bdb846002613912565b612be59190613799565b81518110612bf557612bf5613771565b602002602001015183836002612c0b9190613912565b81518110612c1b57612c1b613771565b6020026020010151613121565b82612c34600184613799565b81518110612c4457612c44613771565b6020908102919091010152612c5881613896565b9050612bc4565b50805f81518110612c7257612c72613771565b602002602001015192505050919050565b5f306001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016148015612cdb57507f000000000000000000000000000000000000000000000000000000000000000046145b15612d0557507f000000000000000000000000000000000000000000000000000000000000000090565b611b19604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b612db682826113fc565b6109705760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610ac9565b5f81815b84811015612e1d57612e1382878784818110612e0757612e07613771565b90506020020135613121565b9150600101612de9565b50949350505050565b5f61087f612e32612c83565b8360405161190160f01b8152600281019290925260228201526042902090565b60605f612e5e8361314a565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f5f612ea48484602001358560400135613171565b5090925090505f816003811115612ebd57612ebd613309565b14612ede57604051630a57f30960e31b815260048101869052602401610ac9565b509392505050565b805182515f9190612ef88160016137ac565b8651612f0490846137ac565b14612f2257604051631a8a024960e11b815260040160405180910390fd5b80156130e6575f816001600160401b03811115612f4157612f41613863565b604051908082528060200260200182016040528015612f6a578160200160208202803683370190505b5090505f8080805b8581101561309a575f878510612fac578584612f8d816137e3565b955081518110612f9f57612f9f613771565b6020026020010151612fd2565b8985612fb7816137e3565b965081518110612fc957612fc9613771565b60200260200101515b90505f8b8381518110612fe757612fe7613771565b602002602001015161301d578c84612ffe816137e3565b95508151811061301057613010613771565b6020026020010151613067565b88861061304157868561302f816137e3565b96508151811061301057613010613771565b8a8661304c816137e3565b97508151811061305e5761305e613771565b60200260200101515b90506130738282613121565b87848151811061308557613085613771565b60209081029190910101525050600101612f72565b50895181146130bc57604051631a8a024960e11b815260040160405180910390fd5b8360018603815181106130d1576130d1613771565b60200260200101519650505050505050611adb565b811561310f57835f815181106130fe576130fe613771565b602002602001015192505050611adb565b855f815181106130fe576130fe613771565b5f81831061313b575f828152602084905260409020611adb565b505f9182526020526040902090565b5f60ff8216601f81111561087f57604051632cd44ac360e21b815260040160405180910390fd5b5f80806001600160ff1b038416601b60ff86901c01613192888289856131a3565b945094509450505093509350939050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411156131dc57505f91506003905082613261565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561322d573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661325857505f925060019150829050613261565b92505f91508190505b9450945094915050565b5f6020828403121561327b575f5ffd5b81356001600160e01b031981168114611adb575f5ffd5b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f611adb6020830184613292565b5f5f604083850312156132e3575f5ffd5b50508035926020909101359150565b5f60208284031215613302575f5ffd5b5035919050565b634e487b7160e01b5f52602160045260245ffd5b602081016004831061333d57634e487b7160e01b5f52602160045260245ffd5b91905290565b80356001600160a01b0381168114611bda575f5ffd5b5f5f5f5f5f60a0868803121561336d575f5ffd5b8535945061337d60208701613343565b94979496505050506040830135926060810135926080909101359150565b5f5f604083850312156133ac575f5ffd5b823591506133bc60208401613343565b90509250929050565b5f5f83601f8401126133d5575f5ffd5b5081356001600160401b038111156133eb575f5ffd5b6020830191508360208260051b8501011115613405575f5ffd5b9250929050565b5f5f5f5f5f5f60a08789031215613421575f5ffd5b863595506020870135945060408701356001600160401b03811115613444575f5ffd5b61345089828a016133c5565b979a9699509760608101359660809091013595509350505050565b5f5f5f5f6080858703121561347e575f5ffd5b5050823594602084013594506040840135936060013592509050565b5f5f604083850312156134ab575f5ffd5b6134b483613343565b946020939093013593505050565b5f5f5f5f5f5f5f5f60e0898b0312156134d9575f5ffd5b88359750602089013596506134f060408a01613343565b9550606089013594506080890135935060a0890135925060c08901356001600160401b0381111561351f575f5ffd5b61352b8b828c016133c5565b999c989b5096995094979396929594505050565b5f6020828403121561354f575f5ffd5b611adb82613343565b5f8151808452602084019350602083015f5b8281101561358857815186526020958601959091019060010161356a565b5093949350505050565b60ff60f81b8816815260e060208201525f6135b060e0830189613292565b82810360408401526135c28189613292565b606084018890526001600160a01b038716608085015260a0840186905283810360c085015290506135f38185613558565b9a9950505050505050505050565b5f5f5f5f5f5f60608789031215613616575f5ffd5b86356001600160401b0381111561362b575f5ffd5b8701601f8101891361363b575f5ffd5b80356001600160401b03811115613650575f5ffd5b896020606083028401011115613664575f5ffd5b6020918201975095508701356001600160401b03811115613683575f5ffd5b61368f89828a016133c5565b90955093505060408701356001600160401b038111156136ad575f5ffd5b6136b989828a016133c5565b979a9699509497509295939492505050565b602081525f611adb6020830184613558565b5f5f5f606084860312156136ef575f5ffd5b833592506136ff60208501613343565b929592945050506040919091013590565b5f5f5f60608486031215613722575f5ffd5b505081359360208301359350604090920135919050565b600181811c9082168061374d57607f821691505b60208210810361376b57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b8181038181111561087f5761087f613785565b8082018082111561087f5761087f613785565b6001600160a01b039384168152919092166020820152604081019190915260600190565b5f600182016137f4576137f4613785565b5060010190565b5f6020828403121561380b575f5ffd5b5051919050565b606080825284549082018190525f8581526020812090916080840190835b8181101561384e578354835260019384019360209093019201613830565b50506020840195909552505060400152919050565b634e487b7160e01b5f52604160045260245ffd5b6001600160401b03818116838216019081111561087f5761087f613785565b5f816138a4576138a4613785565b505f190190565b8082018281125f8312801582168215821617156138ca576138ca613785565b505092915050565b8181035f8312801583831316838312821617156138f1576138f1613785565b5092915050565b5f600160ff1b820161390c5761390c613785565b505f0390565b808202811582820484141761087f5761087f61378556fef3570d533015fdce8f945072afbd962585ace8a58f89283bcef8e6ea6f9a7fa6a2646970667358221220d27c8938bbac7a226c01089bf4cfec05ea8354d198bf7d1dc75d598964f8eeab64736f6c634300081e003360a060405234801561000f575f5ffd5b50604051610a7c380380610a7c83398101604081905261002e9161026c565b8383600361003c838261037d565b506004610049828261037d565b5050506001600160a01b038116608052610063818361006c565b5050505061045c565b6001600160a01b03821661009a5760405163ec442f0560e01b81525f60048201526024015b60405180910390fd5b6100a55f83836100a9565b5050565b6001600160a01b0383166100d3578060025f8282546100c89190610437565b909155506101439050565b6001600160a01b0383165f90815260208190526040902054818110156101255760405163391434e360e21b81526001600160a01b03851660048201526024810182905260448101839052606401610091565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b03821661015f5760028054829003905561017d565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef836040516101c291815260200190565b60405180910390a3505050565b634e487b7160e01b5f52604160045260245ffd5b5f82601f8301126101f2575f5ffd5b81516001600160401b0381111561020b5761020b6101cf565b604051601f8201601f19908116603f011681016001600160401b0381118282101715610239576102396101cf565b604052818152838201602001851015610250575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b5f5f5f5f6080858703121561027f575f5ffd5b84516001600160401b03811115610294575f5ffd5b6102a0878288016101e3565b602087015190955090506001600160401b038111156102bd575f5ffd5b6102c9878288016101e3565b60408701516060880151919550935090506001600160a01b03811681146102ee575f5ffd5b939692955090935050565b600181811c9082168061030d57607f821691505b60208210810361032b57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561037857805f5260205f20601f840160051c810160208510156103565750805b601f840160051c820191505b81811015610375575f8155600101610362565b50505b505050565b81516001600160401b03811115610396576103966101cf565b6103aa816103a484546102f9565b84610331565b6020601f8211600181146103dc575f83156103c55750848201515b5f19600385901b1c1916600184901b178455610375565b5f84815260208120601f198516915b8281101561040b57878501518255602094850194600190920191016103eb565b508482101561042857868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b8082018082111561045657634e487b7160e01b5f52601160045260245ffd5b92915050565b60805161060261047a5f395f818160f0015261027501526106025ff3fe608060405234801561000f575f5ffd5b50600436106100a6575f3560e01c8063313ce5671161006e578063313ce5671461014a57806370a082311461015957806395d89b4114610181578063a9059cbb146100c8578063bb35783b14610189578063dd62ed3e1461019e575f5ffd5b806306fdde03146100aa578063095ea7b3146100c8578063146ca531146100eb57806318160ddd1461012a57806323b872dd1461013c575b5f5ffd5b6100b26101b1565b6040516100bf9190610472565b60405180910390f35b6100db6100d63660046104c2565b610241565b60405190151581526020016100bf565b6101127f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100bf565b6002545b6040519081526020016100bf565b6100db6100d63660046104ea565b604051600281526020016100bf565b61012e610167366004610524565b6001600160a01b03165f9081526020819052604090205490565b6100b261025b565b61019c6101973660046104ea565b61026a565b005b61012e6101ac366004610544565b6102c3565b6060600380546101c090610575565b80601f01602080910402602001604051908101604052809291908181526020018280546101ec90610575565b80156102375780601f1061020e57610100808354040283529160200191610237565b820191905f5260205f20905b81548152906001019060200180831161021a57829003601f168201915b5050505050905090565b5f604051637be07bbd60e11b815260040160405180910390fd5b6060600480546101c090610575565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146102b35760405163775e684f60e11b815260040160405180910390fd5b6102be8383836102ef565b505050565b6001600160a01b038083165f908152600160209081526040808320938516835292905220545b92915050565b6001600160a01b03831661031d57604051634b637e8f60e11b81525f60048201526024015b60405180910390fd5b6001600160a01b0382166103465760405163ec442f0560e01b81525f6004820152602401610314565b6102be8383836001600160a01b038316610376578060025f82825461036b91906105ad565b909155506103e69050565b6001600160a01b0383165f90815260208190526040902054818110156103c85760405163391434e360e21b81526001600160a01b03851660048201526024810182905260448101839052606401610314565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b03821661040257600280548290039055610420565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef8360405161046591815260200190565b60405180910390a3505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80356001600160a01b03811681146104bd575f5ffd5b919050565b5f5f604083850312156104d3575f5ffd5b6104dc836104a7565b946020939093013593505050565b5f5f5f606084860312156104fc575f5ffd5b610505846104a7565b9250610513602085016104a7565b929592945050506040919091013590565b5f60208284031215610534575f5ffd5b61053d826104a7565b9392505050565b5f5f60408385031215610555575f5ffd5b61055e836104a7565b915061056c602084016104a7565b90509250929050565b600181811c9082168061058957607f821691505b6020821081036105a757634e487b7160e01b5f52602260045260245ffd5b50919050565b808201808211156102e957634e487b7160e01b5f52601160045260245ffdfea26469706673582212204851626fe73b98322a61db16dd7c87193ae5c3fa375ac40190ebcf8a6fb78cbd64736f6c634300081e0033",
}

// BudgetRoundV2 is an auto generated Go binding around an Ethereum contract.
type BudgetRoundV2 struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *BudgetRoundV2) GetABI() abi.ABI {
	return c.abi
}

// NewBudgetRoundV2 creates a new instance of BudgetRoundV2.
func NewBudgetRoundV2() *BudgetRoundV2 {
	parsed, err := BudgetRoundV2MetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &BudgetRoundV2{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *BudgetRoundV2) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_, uint256 budget_, uint64 deadline_, address treasury_, address admin, uint8 rule_, uint256 threshold_) returns()
func (budgetRoundV2 *BudgetRoundV2) PackConstructor(name_ string, symbol_ string, budget_ *big.Int, deadline_ uint64, treasury_ common.Address, admin common.Address, rule_ uint8, threshold_ *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("", name_, symbol_, budget_, deadline_, treasury_, admin, rule_, threshold_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackALLOCATETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30870b59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ALLOCATE_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackALLOCATETYPEHASH() []byte {
	enc, err := budgetRoundV2.abi.Pack("ALLOCATE_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackALLOCATETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30870b59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ALLOCATE_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackALLOCATETYPEHASH() ([]byte, error) {
	return budgetRoundV2.abi.Pack("ALLOCATE_TYPEHASH")
}

// UnpackALLOCATETYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x30870b59.
//
// Solidity: function ALLOCATE_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackALLOCATETYPEHASH(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("ALLOCATE_TYPEHASH", data)
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
func (budgetRoundV2 *BudgetRoundV2) PackDEFAULTADMINROLE() []byte {
	enc, err := budgetRoundV2.abi.Pack("DEFAULT_ADMIN_ROLE")
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
func (budgetRoundV2 *BudgetRoundV2) TryPackDEFAULTADMINROLE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("DEFAULT_ADMIN_ROLE")
}

// UnpackDEFAULTADMINROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa217fddf.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackDEFAULTADMINROLE(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("DEFAULT_ADMIN_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackKINDALLOCATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d50d174.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KIND_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) PackKINDALLOCATE() []byte {
	enc, err := budgetRoundV2.abi.Pack("KIND_ALLOCATE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKINDALLOCATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d50d174.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KIND_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) TryPackKINDALLOCATE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("KIND_ALLOCATE")
}

// UnpackKINDALLOCATE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6d50d174.
//
// Solidity: function KIND_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) UnpackKINDALLOCATE(data []byte) (uint8, error) {
	out, err := budgetRoundV2.abi.Unpack("KIND_ALLOCATE", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackKINDCLAIMALLOCATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7200b01.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KIND_CLAIM_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) PackKINDCLAIMALLOCATE() []byte {
	enc, err := budgetRoundV2.abi.Pack("KIND_CLAIM_ALLOCATE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKINDCLAIMALLOCATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7200b01.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KIND_CLAIM_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) TryPackKINDCLAIMALLOCATE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("KIND_CLAIM_ALLOCATE")
}

// UnpackKINDCLAIMALLOCATE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe7200b01.
//
// Solidity: function KIND_CLAIM_ALLOCATE() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) UnpackKINDCLAIMALLOCATE(data []byte) (uint8, error) {
	out, err := budgetRoundV2.abi.Unpack("KIND_CLAIM_ALLOCATE", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackKINDWITHDRAW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfaa9cabb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KIND_WITHDRAW() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) PackKINDWITHDRAW() []byte {
	enc, err := budgetRoundV2.abi.Pack("KIND_WITHDRAW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKINDWITHDRAW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfaa9cabb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KIND_WITHDRAW() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) TryPackKINDWITHDRAW() ([]byte, error) {
	return budgetRoundV2.abi.Pack("KIND_WITHDRAW")
}

// UnpackKINDWITHDRAW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfaa9cabb.
//
// Solidity: function KIND_WITHDRAW() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) UnpackKINDWITHDRAW(data []byte) (uint8, error) {
	out, err := budgetRoundV2.abi.Unpack("KIND_WITHDRAW", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMAXINITIATIVES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda603878.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_INITIATIVES() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackMAXINITIATIVES() []byte {
	enc, err := budgetRoundV2.abi.Pack("MAX_INITIATIVES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXINITIATIVES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda603878.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_INITIATIVES() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackMAXINITIATIVES() ([]byte, error) {
	return budgetRoundV2.abi.Pack("MAX_INITIATIVES")
}

// UnpackMAXINITIATIVES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xda603878.
//
// Solidity: function MAX_INITIATIVES() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackMAXINITIATIVES(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("MAX_INITIATIVES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackREGISTRARROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf68e9553.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function REGISTRAR_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackREGISTRARROLE() []byte {
	enc, err := budgetRoundV2.abi.Pack("REGISTRAR_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackREGISTRARROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf68e9553.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function REGISTRAR_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackREGISTRARROLE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("REGISTRAR_ROLE")
}

// UnpackREGISTRARROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf68e9553.
//
// Solidity: function REGISTRAR_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackREGISTRARROLE(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("REGISTRAR_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRELAYERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x926d7d7f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RELAYER_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackRELAYERROLE() []byte {
	enc, err := budgetRoundV2.abi.Pack("RELAYER_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRELAYERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x926d7d7f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RELAYER_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackRELAYERROLE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("RELAYER_ROLE")
}

// UnpackRELAYERROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x926d7d7f.
//
// Solidity: function RELAYER_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackRELAYERROLE(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("RELAYER_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTREASURYROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd11a57ec.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackTREASURYROLE() []byte {
	enc, err := budgetRoundV2.abi.Pack("TREASURY_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTREASURYROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd11a57ec.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackTREASURYROLE() ([]byte, error) {
	return budgetRoundV2.abi.Pack("TREASURY_ROLE")
}

// UnpackTREASURYROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd11a57ec.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackTREASURYROLE(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("TREASURY_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackWITHDRAWTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x76c5d758.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function WITHDRAW_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackWITHDRAWTYPEHASH() []byte {
	enc, err := budgetRoundV2.abi.Pack("WITHDRAW_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWITHDRAWTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x76c5d758.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function WITHDRAW_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackWITHDRAWTYPEHASH() ([]byte, error) {
	return budgetRoundV2.abi.Pack("WITHDRAW_TYPEHASH")
}

// UnpackWITHDRAWTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x76c5d758.
//
// Solidity: function WITHDRAW_TYPEHASH() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackWITHDRAWTYPEHASH(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("WITHDRAW_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAccount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73b9aa91.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function account(address citizen) view returns(bool materialized, uint256 nonce, uint256 unallocated)
func (budgetRoundV2 *BudgetRoundV2) PackAccount(citizen common.Address) []byte {
	enc, err := budgetRoundV2.abi.Pack("account", citizen)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAccount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73b9aa91.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function account(address citizen) view returns(bool materialized, uint256 nonce, uint256 unallocated)
func (budgetRoundV2 *BudgetRoundV2) TryPackAccount(citizen common.Address) ([]byte, error) {
	return budgetRoundV2.abi.Pack("account", citizen)
}

// AccountOutput serves as a container for the return parameters of contract
// method Account.
type AccountOutput struct {
	Materialized bool
	Nonce        *big.Int
	Unallocated  *big.Int
}

// UnpackAccount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x73b9aa91.
//
// Solidity: function account(address citizen) view returns(bool materialized, uint256 nonce, uint256 unallocated)
func (budgetRoundV2 *BudgetRoundV2) UnpackAccount(data []byte) (AccountOutput, error) {
	out, err := budgetRoundV2.abi.Unpack("account", data)
	outstruct := new(AccountOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Materialized = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Nonce = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Unallocated = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x172cfa4c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allocate(uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) PackAllocate(id *big.Int, amount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("allocate", id, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x172cfa4c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allocate(uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackAllocate(id *big.Int, amount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("allocate", id, amount)
}

// PackAllocated is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f269f47.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allocated(address citizen, uint256 id) view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackAllocated(citizen common.Address, id *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("allocated", citizen, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllocated is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f269f47.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allocated(address citizen, uint256 id) view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackAllocated(citizen common.Address, id *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("allocated", citizen, id)
}

// UnpackAllocated is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5f269f47.
//
// Solidity: function allocated(address citizen, uint256 id) view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackAllocated(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("allocated", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAppliedLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c0e2fbf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function appliedLeaf(uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackAppliedLeaf(index *big.Int, citizen common.Address, quota *big.Int, id *big.Int, amount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("appliedLeaf", index, citizen, quota, id, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAppliedLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c0e2fbf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function appliedLeaf(uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackAppliedLeaf(index *big.Int, citizen common.Address, quota *big.Int, id *big.Int, amount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("appliedLeaf", index, citizen, quota, id, amount)
}

// UnpackAppliedLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2c0e2fbf.
//
// Solidity: function appliedLeaf(uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackAppliedLeaf(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("appliedLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed01bf29.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function budget() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackBudget() []byte {
	enc, err := budgetRoundV2.abi.Pack("budget")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed01bf29.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function budget() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackBudget() ([]byte, error) {
	return budgetRoundV2.abi.Pack("budget")
}

// UnpackBudget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xed01bf29.
//
// Solidity: function budget() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackBudget(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("budget", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimAndAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ecece36.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimAndAllocate(uint256 index, uint256 quota, bytes32[] proof, uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) PackClaimAndAllocate(index *big.Int, quota *big.Int, proof [][32]byte, id *big.Int, amount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("claimAndAllocate", index, quota, proof, id, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimAndAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ecece36.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimAndAllocate(uint256 index, uint256 quota, bytes32[] proof, uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackClaimAndAllocate(index *big.Int, quota *big.Int, proof [][32]byte, id *big.Int, amount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("claimAndAllocate", index, quota, proof, id, amount)
}

// PackClaimsBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5779a4e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimsBatchCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackClaimsBatchCount() []byte {
	enc, err := budgetRoundV2.abi.Pack("claimsBatchCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimsBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5779a4e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimsBatchCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackClaimsBatchCount() ([]byte, error) {
	return budgetRoundV2.abi.Pack("claimsBatchCount")
}

// UnpackClaimsBatchCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb5779a4e.
//
// Solidity: function claimsBatchCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackClaimsBatchCount(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("claimsBatchCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimsRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa58f14f0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimsRoot(uint256 batchId) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackClaimsRoot(batchId *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("claimsRoot", batchId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimsRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa58f14f0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimsRoot(uint256 batchId) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackClaimsRoot(batchId *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("claimsRoot", batchId)
}

// UnpackClaimsRoot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa58f14f0.
//
// Solidity: function claimsRoot(uint256 batchId) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackClaimsRoot(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("claimsRoot", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDeadline is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29dcb0cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deadline() view returns(uint64)
func (budgetRoundV2 *BudgetRoundV2) PackDeadline() []byte {
	enc, err := budgetRoundV2.abi.Pack("deadline")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeadline is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29dcb0cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deadline() view returns(uint64)
func (budgetRoundV2 *BudgetRoundV2) TryPackDeadline() ([]byte, error) {
	return budgetRoundV2.abi.Pack("deadline")
}

// UnpackDeadline is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x29dcb0cf.
//
// Solidity: function deadline() view returns(uint64)
func (budgetRoundV2 *BudgetRoundV2) UnpackDeadline(data []byte) (uint64, error) {
	out, err := budgetRoundV2.abi.Unpack("deadline", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDistributed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf84b903e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function distributed() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackDistributed() []byte {
	enc, err := budgetRoundV2.abi.Pack("distributed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDistributed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf84b903e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function distributed() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackDistributed() ([]byte, error) {
	return budgetRoundV2.abi.Pack("distributed")
}

// UnpackDistributed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf84b903e.
//
// Solidity: function distributed() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackDistributed(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("distributed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackDomainSeparator() []byte {
	enc, err := budgetRoundV2.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackDomainSeparator() ([]byte, error) {
	return budgetRoundV2.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (budgetRoundV2 *BudgetRoundV2) PackEip712Domain() []byte {
	enc, err := budgetRoundV2.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (budgetRoundV2 *BudgetRoundV2) TryPackEip712Domain() ([]byte, error) {
	return budgetRoundV2.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (budgetRoundV2 *BudgetRoundV2) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := budgetRoundV2.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEligibilityLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6958760.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eligibilityLeaf(uint256 index, address citizen, uint256 quota) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackEligibilityLeaf(index *big.Int, citizen common.Address, quota *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("eligibilityLeaf", index, citizen, quota)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEligibilityLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6958760.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eligibilityLeaf(uint256 index, address citizen, uint256 quota) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackEligibilityLeaf(index *big.Int, citizen common.Address, quota *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("eligibilityLeaf", index, citizen, quota)
}

// UnpackEligibilityLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd6958760.
//
// Solidity: function eligibilityLeaf(uint256 index, address citizen, uint256 quota) pure returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackEligibilityLeaf(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("eligibilityLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEligibilityRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10dc1267.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eligibilityRoot() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackEligibilityRoot() []byte {
	enc, err := budgetRoundV2.abi.Pack("eligibilityRoot")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEligibilityRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10dc1267.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eligibilityRoot() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackEligibilityRoot() ([]byte, error) {
	return budgetRoundV2.abi.Pack("eligibilityRoot")
}

// UnpackEligibilityRoot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x10dc1267.
//
// Solidity: function eligibilityRoot() view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackEligibilityRoot(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("eligibilityRoot", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEligibilityVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd259e8f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eligibilityVersion() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackEligibilityVersion() []byte {
	enc, err := budgetRoundV2.abi.Pack("eligibilityVersion")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEligibilityVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd259e8f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eligibilityVersion() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackEligibilityVersion() ([]byte, error) {
	return budgetRoundV2.abi.Pack("eligibilityVersion")
}

// UnpackEligibilityVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd259e8f3.
//
// Solidity: function eligibilityVersion() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackEligibilityVersion(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("eligibilityVersion", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4bb278f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalize() returns()
func (budgetRoundV2 *BudgetRoundV2) PackFinalize() []byte {
	enc, err := budgetRoundV2.abi.Pack("finalize")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4bb278f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalize() returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackFinalize() ([]byte, error) {
	return budgetRoundV2.abi.Pack("finalize")
}

// PackFinalized is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3f05b97.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalized() view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) PackFinalized() []byte {
	enc, err := budgetRoundV2.abi.Pack("finalized")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalized is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3f05b97.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalized() view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) TryPackFinalized() ([]byte, error) {
	return budgetRoundV2.abi.Pack("finalized")
}

// UnpackFinalized is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb3f05b97.
//
// Solidity: function finalized() view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) UnpackFinalized(data []byte) (bool, error) {
	out, err := budgetRoundV2.abi.Unpack("finalized", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackFundedInitiatives is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacbc75ec.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundedInitiatives() view returns(uint256[])
func (budgetRoundV2 *BudgetRoundV2) PackFundedInitiatives() []byte {
	enc, err := budgetRoundV2.abi.Pack("fundedInitiatives")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundedInitiatives is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacbc75ec.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundedInitiatives() view returns(uint256[])
func (budgetRoundV2 *BudgetRoundV2) TryPackFundedInitiatives() ([]byte, error) {
	return budgetRoundV2.abi.Pack("fundedInitiatives")
}

// UnpackFundedInitiatives is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xacbc75ec.
//
// Solidity: function fundedInitiatives() view returns(uint256[])
func (budgetRoundV2 *BudgetRoundV2) UnpackFundedInitiatives(data []byte) ([]*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("fundedInitiatives", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackGetRoleAdmin(role [32]byte) []byte {
	enc, err := budgetRoundV2.abi.Pack("getRoleAdmin", role)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackGetRoleAdmin(role [32]byte) ([]byte, error) {
	return budgetRoundV2.abi.Pack("getRoleAdmin", role)
}

// UnpackGetRoleAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x248a9ca3.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackGetRoleAdmin(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("getRoleAdmin", data)
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
func (budgetRoundV2 *BudgetRoundV2) PackGrantRole(role [32]byte, account common.Address) []byte {
	enc, err := budgetRoundV2.abi.Pack("grantRole", role, account)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackGrantRole(role [32]byte, account common.Address) ([]byte, error) {
	return budgetRoundV2.abi.Pack("grantRole", role, account)
}

// PackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) PackHasRole(role [32]byte, account common.Address) []byte {
	enc, err := budgetRoundV2.abi.Pack("hasRole", role, account)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackHasRole(role [32]byte, account common.Address) ([]byte, error) {
	return budgetRoundV2.abi.Pack("hasRole", role, account)
}

// UnpackHasRole is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d14854.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) UnpackHasRole(data []byte) (bool, error) {
	out, err := budgetRoundV2.abi.Unpack("hasRole", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackHashAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54685558.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashAllocate(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackHashAllocate(id *big.Int, amount *big.Int, nonce *big.Int, sigDeadline *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("hashAllocate", id, amount, nonce, sigDeadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashAllocate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54685558.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashAllocate(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackHashAllocate(id *big.Int, amount *big.Int, nonce *big.Int, sigDeadline *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("hashAllocate", id, amount, nonce, sigDeadline)
}

// UnpackHashAllocate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x54685558.
//
// Solidity: function hashAllocate(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackHashAllocate(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("hashAllocate", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackHashWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7999037.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashWithdraw(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) PackHashWithdraw(id *big.Int, amount *big.Int, nonce *big.Int, sigDeadline *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("hashWithdraw", id, amount, nonce, sigDeadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7999037.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashWithdraw(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) TryPackHashWithdraw(id *big.Int, amount *big.Int, nonce *big.Int, sigDeadline *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("hashWithdraw", id, amount, nonce, sigDeadline)
}

// UnpackHashWithdraw is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd7999037.
//
// Solidity: function hashWithdraw(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) view returns(bytes32)
func (budgetRoundV2 *BudgetRoundV2) UnpackHashWithdraw(data []byte) ([32]byte, error) {
	out, err := budgetRoundV2.abi.Unpack("hashWithdraw", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackInitiative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e634edc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function initiative(uint256 id) view returns(uint256 cost, uint256 received, bool funded)
func (budgetRoundV2 *BudgetRoundV2) PackInitiative(id *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("initiative", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackInitiative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e634edc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function initiative(uint256 id) view returns(uint256 cost, uint256 received, bool funded)
func (budgetRoundV2 *BudgetRoundV2) TryPackInitiative(id *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("initiative", id)
}

// InitiativeOutput serves as a container for the return parameters of contract
// method Initiative.
type InitiativeOutput struct {
	Cost     *big.Int
	Received *big.Int
	Funded   bool
}

// UnpackInitiative is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7e634edc.
//
// Solidity: function initiative(uint256 id) view returns(uint256 cost, uint256 received, bool funded)
func (budgetRoundV2 *BudgetRoundV2) UnpackInitiative(data []byte) (InitiativeOutput, error) {
	out, err := budgetRoundV2.abi.Unpack("initiative", data)
	outstruct := new(InitiativeOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Cost = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Received = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Funded = *abi.ConvertType(out[2], new(bool)).(*bool)
	return *outstruct, nil
}

// PackInitiativeCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7824f84e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function initiativeCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackInitiativeCount() []byte {
	enc, err := budgetRoundV2.abi.Pack("initiativeCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackInitiativeCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7824f84e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function initiativeCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackInitiativeCount() ([]byte, error) {
	return budgetRoundV2.abi.Pack("initiativeCount")
}

// UnpackInitiativeCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7824f84e.
//
// Solidity: function initiativeCount() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackInitiativeCount(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("initiativeCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackIsClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e34070f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isClaimed(uint256 index) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) PackIsClaimed(index *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("isClaimed", index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e34070f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isClaimed(uint256 index) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) TryPackIsClaimed(index *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("isClaimed", index)
}

// UnpackIsClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9e34070f.
//
// Solidity: function isClaimed(uint256 index) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) UnpackIsClaimed(data []byte) (bool, error) {
	out, err := budgetRoundV2.abi.Unpack("isClaimed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMaterialize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6e8b795d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function materialize(uint256 batchId, uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount, bytes32[] proof) returns()
func (budgetRoundV2 *BudgetRoundV2) PackMaterialize(batchId *big.Int, index *big.Int, citizen common.Address, quota *big.Int, id *big.Int, amount *big.Int, proof [][32]byte) []byte {
	enc, err := budgetRoundV2.abi.Pack("materialize", batchId, index, citizen, quota, id, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMaterialize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6e8b795d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function materialize(uint256 batchId, uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount, bytes32[] proof) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackMaterialize(batchId *big.Int, index *big.Int, citizen common.Address, quota *big.Int, id *big.Int, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return budgetRoundV2.abi.Pack("materialize", batchId, index, citizen, quota, id, amount, proof)
}

// PackMove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa7c9bcf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function move(uint256 from, uint256 to, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) PackMove(from *big.Int, to *big.Int, amount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("move", from, to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa7c9bcf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function move(uint256 from, uint256 to, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackMove(from *big.Int, to *big.Int, amount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("move", from, to, amount)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (budgetRoundV2 *BudgetRoundV2) PackName() []byte {
	enc, err := budgetRoundV2.abi.Pack("name")
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
func (budgetRoundV2 *BudgetRoundV2) TryPackName() ([]byte, error) {
	return budgetRoundV2.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (budgetRoundV2 *BudgetRoundV2) UnpackName(data []byte) (string, error) {
	out, err := budgetRoundV2.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackPiggyBank is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9b078bfa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function piggyBank(uint256 id) view returns(address)
func (budgetRoundV2 *BudgetRoundV2) PackPiggyBank(id *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("piggyBank", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPiggyBank is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9b078bfa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function piggyBank(uint256 id) view returns(address)
func (budgetRoundV2 *BudgetRoundV2) TryPackPiggyBank(id *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("piggyBank", id)
}

// UnpackPiggyBank is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9b078bfa.
//
// Solidity: function piggyBank(uint256 id) view returns(address)
func (budgetRoundV2 *BudgetRoundV2) UnpackPiggyBank(data []byte) (common.Address, error) {
	out, err := budgetRoundV2.abi.Unpack("piggyBank", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRegisterInitiative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x660b3db5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerInitiative(uint256 cost) returns(uint256 id)
func (budgetRoundV2 *BudgetRoundV2) PackRegisterInitiative(cost *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("registerInitiative", cost)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterInitiative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x660b3db5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerInitiative(uint256 cost) returns(uint256 id)
func (budgetRoundV2 *BudgetRoundV2) TryPackRegisterInitiative(cost *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("registerInitiative", cost)
}

// UnpackRegisterInitiative is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x660b3db5.
//
// Solidity: function registerInitiative(uint256 cost) returns(uint256 id)
func (budgetRoundV2 *BudgetRoundV2) UnpackRegisterInitiative(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("registerInitiative", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cb20e18.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function relay((uint256,bytes32,bytes32)[] records, bytes32[] proof, uint256[] proofFlagBits) returns(uint256 batchId)
func (budgetRoundV2 *BudgetRoundV2) PackRelay(records []BudgetRoundV2Signed, proof [][32]byte, proofFlagBits []*big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("relay", records, proof, proofFlagBits)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cb20e18.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function relay((uint256,bytes32,bytes32)[] records, bytes32[] proof, uint256[] proofFlagBits) returns(uint256 batchId)
func (budgetRoundV2 *BudgetRoundV2) TryPackRelay(records []BudgetRoundV2Signed, proof [][32]byte, proofFlagBits []*big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("relay", records, proof, proofFlagBits)
}

// UnpackRelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9cb20e18.
//
// Solidity: function relay((uint256,bytes32,bytes32)[] records, bytes32[] proof, uint256[] proofFlagBits) returns(uint256 batchId)
func (budgetRoundV2 *BudgetRoundV2) UnpackRelay(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("relay", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (budgetRoundV2 *BudgetRoundV2) PackRenounceRole(role [32]byte, callerConfirmation common.Address) []byte {
	enc, err := budgetRoundV2.abi.Pack("renounceRole", role, callerConfirmation)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackRenounceRole(role [32]byte, callerConfirmation common.Address) ([]byte, error) {
	return budgetRoundV2.abi.Pack("renounceRole", role, callerConfirmation)
}

// PackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (budgetRoundV2 *BudgetRoundV2) PackRevokeRole(role [32]byte, account common.Address) []byte {
	enc, err := budgetRoundV2.abi.Pack("revokeRole", role, account)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackRevokeRole(role [32]byte, account common.Address) ([]byte, error) {
	return budgetRoundV2.abi.Pack("revokeRole", role, account)
}

// PackRule is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25e3d522.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rule() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) PackRule() []byte {
	enc, err := budgetRoundV2.abi.Pack("rule")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRule is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25e3d522.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rule() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) TryPackRule() ([]byte, error) {
	return budgetRoundV2.abi.Pack("rule")
}

// UnpackRule is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x25e3d522.
//
// Solidity: function rule() view returns(uint8)
func (budgetRoundV2 *BudgetRoundV2) UnpackRule(data []byte) (uint8, error) {
	out, err := budgetRoundV2.abi.Unpack("rule", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackSetEligibilityRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2ecdbff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setEligibilityRoot(bytes32 root, uint256 leafCount) returns()
func (budgetRoundV2 *BudgetRoundV2) PackSetEligibilityRoot(root [32]byte, leafCount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("setEligibilityRoot", root, leafCount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetEligibilityRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2ecdbff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setEligibilityRoot(bytes32 root, uint256 leafCount) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackSetEligibilityRoot(root [32]byte, leafCount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("setEligibilityRoot", root, leafCount)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := budgetRoundV2.abi.Pack("supportsInterface", interfaceId)
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
func (budgetRoundV2 *BudgetRoundV2) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return budgetRoundV2.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (budgetRoundV2 *BudgetRoundV2) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := budgetRoundV2.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42cde4e8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function threshold() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) PackThreshold() []byte {
	enc, err := budgetRoundV2.abi.Pack("threshold")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42cde4e8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function threshold() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) TryPackThreshold() ([]byte, error) {
	return budgetRoundV2.abi.Pack("threshold")
}

// UnpackThreshold is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42cde4e8.
//
// Solidity: function threshold() view returns(uint256)
func (budgetRoundV2 *BudgetRoundV2) UnpackThreshold(data []byte) (*big.Int, error) {
	out, err := budgetRoundV2.abi.Unpack("threshold", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) PackToken() []byte {
	enc, err := budgetRoundV2.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) TryPackToken() ([]byte, error) {
	return budgetRoundV2.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) UnpackToken(data []byte) (common.Address, error) {
	out, err := budgetRoundV2.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function treasury() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) PackTreasury() []byte {
	enc, err := budgetRoundV2.abi.Pack("treasury")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function treasury() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) TryPackTreasury() ([]byte, error) {
	return budgetRoundV2.abi.Pack("treasury")
}

// UnpackTreasury is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x61d027b3.
//
// Solidity: function treasury() view returns(address)
func (budgetRoundV2 *BudgetRoundV2) UnpackTreasury(data []byte) (common.Address, error) {
	out, err := budgetRoundV2.abi.Unpack("treasury", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x441a3e70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) PackWithdraw(id *big.Int, amount *big.Int) []byte {
	enc, err := budgetRoundV2.abi.Pack("withdraw", id, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x441a3e70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(uint256 id, uint256 amount) returns()
func (budgetRoundV2 *BudgetRoundV2) TryPackWithdraw(id *big.Int, amount *big.Int) ([]byte, error) {
	return budgetRoundV2.abi.Pack("withdraw", id, amount)
}

// BudgetRoundV2Allocated represents a Allocated event raised by the BudgetRoundV2 contract.
type BudgetRoundV2Allocated struct {
	Citizen common.Address
	Id      *big.Int
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2AllocatedEventName = "Allocated"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2Allocated) ContractEventName() string {
	return BudgetRoundV2AllocatedEventName
}

// UnpackAllocatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Allocated(address indexed citizen, uint256 indexed id, uint256 amount)
func (budgetRoundV2 *BudgetRoundV2) UnpackAllocatedEvent(log *types.Log) (*BudgetRoundV2Allocated, error) {
	event := "Allocated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2Allocated)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2Claimed represents a Claimed event raised by the BudgetRoundV2 contract.
type BudgetRoundV2Claimed struct {
	Citizen common.Address
	Index   *big.Int
	Quota   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2ClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2Claimed) ContractEventName() string {
	return BudgetRoundV2ClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(address indexed citizen, uint256 indexed index, uint256 quota)
func (budgetRoundV2 *BudgetRoundV2) UnpackClaimedEvent(log *types.Log) (*BudgetRoundV2Claimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2Claimed)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2ClaimsCommitted represents a ClaimsCommitted event raised by the BudgetRoundV2 contract.
type BudgetRoundV2ClaimsCommitted struct {
	BatchId *big.Int
	Root    [32]byte
	Claims  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2ClaimsCommittedEventName = "ClaimsCommitted"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2ClaimsCommitted) ContractEventName() string {
	return BudgetRoundV2ClaimsCommittedEventName
}

// UnpackClaimsCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ClaimsCommitted(uint256 indexed batchId, bytes32 root, uint256 claims)
func (budgetRoundV2 *BudgetRoundV2) UnpackClaimsCommittedEvent(log *types.Log) (*BudgetRoundV2ClaimsCommitted, error) {
	event := "ClaimsCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2ClaimsCommitted)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2EIP712DomainChanged represents a EIP712DomainChanged event raised by the BudgetRoundV2 contract.
type BudgetRoundV2EIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2EIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2EIP712DomainChanged) ContractEventName() string {
	return BudgetRoundV2EIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (budgetRoundV2 *BudgetRoundV2) UnpackEIP712DomainChangedEvent(log *types.Log) (*BudgetRoundV2EIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2EIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2EligibilityRootSet represents a EligibilityRootSet event raised by the BudgetRoundV2 contract.
type BudgetRoundV2EligibilityRootSet struct {
	Version   *big.Int
	Root      [32]byte
	LeafCount *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2EligibilityRootSetEventName = "EligibilityRootSet"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2EligibilityRootSet) ContractEventName() string {
	return BudgetRoundV2EligibilityRootSetEventName
}

// UnpackEligibilityRootSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EligibilityRootSet(uint256 indexed version, bytes32 root, uint256 leafCount)
func (budgetRoundV2 *BudgetRoundV2) UnpackEligibilityRootSetEvent(log *types.Log) (*BudgetRoundV2EligibilityRootSet, error) {
	event := "EligibilityRootSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2EligibilityRootSet)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2Finalized represents a Finalized event raised by the BudgetRoundV2 contract.
type BudgetRoundV2Finalized struct {
	Funded             []*big.Int
	FundedCost         *big.Int
	ReturnedToTreasury *big.Int
	Raw                *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2FinalizedEventName = "Finalized"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2Finalized) ContractEventName() string {
	return BudgetRoundV2FinalizedEventName
}

// UnpackFinalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Finalized(uint256[] funded, uint256 fundedCost, uint256 returnedToTreasury)
func (budgetRoundV2 *BudgetRoundV2) UnpackFinalizedEvent(log *types.Log) (*BudgetRoundV2Finalized, error) {
	event := "Finalized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2Finalized)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2InitiativeFunded represents a InitiativeFunded event raised by the BudgetRoundV2 contract.
type BudgetRoundV2InitiativeFunded struct {
	Id       *big.Int
	Cost     *big.Int
	Received *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2InitiativeFundedEventName = "InitiativeFunded"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2InitiativeFunded) ContractEventName() string {
	return BudgetRoundV2InitiativeFundedEventName
}

// UnpackInitiativeFundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event InitiativeFunded(uint256 indexed id, uint256 cost, uint256 received)
func (budgetRoundV2 *BudgetRoundV2) UnpackInitiativeFundedEvent(log *types.Log) (*BudgetRoundV2InitiativeFunded, error) {
	event := "InitiativeFunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2InitiativeFunded)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2InitiativeRegistered represents a InitiativeRegistered event raised by the BudgetRoundV2 contract.
type BudgetRoundV2InitiativeRegistered struct {
	Id        *big.Int
	Cost      *big.Int
	PiggyBank common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2InitiativeRegisteredEventName = "InitiativeRegistered"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2InitiativeRegistered) ContractEventName() string {
	return BudgetRoundV2InitiativeRegisteredEventName
}

// UnpackInitiativeRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event InitiativeRegistered(uint256 indexed id, uint256 cost, address piggyBank)
func (budgetRoundV2 *BudgetRoundV2) UnpackInitiativeRegisteredEvent(log *types.Log) (*BudgetRoundV2InitiativeRegistered, error) {
	event := "InitiativeRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2InitiativeRegistered)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2Materialized represents a Materialized event raised by the BudgetRoundV2 contract.
type BudgetRoundV2Materialized struct {
	Citizen     common.Address
	BatchId     *big.Int
	Unallocated *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2MaterializedEventName = "Materialized"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2Materialized) ContractEventName() string {
	return BudgetRoundV2MaterializedEventName
}

// UnpackMaterializedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Materialized(address indexed citizen, uint256 indexed batchId, uint256 unallocated)
func (budgetRoundV2 *BudgetRoundV2) UnpackMaterializedEvent(log *types.Log) (*BudgetRoundV2Materialized, error) {
	event := "Materialized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2Materialized)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2RoleAdminChanged represents a RoleAdminChanged event raised by the BudgetRoundV2 contract.
type BudgetRoundV2RoleAdminChanged struct {
	Role              [32]byte
	PreviousAdminRole [32]byte
	NewAdminRole      [32]byte
	Raw               *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2RoleAdminChangedEventName = "RoleAdminChanged"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2RoleAdminChanged) ContractEventName() string {
	return BudgetRoundV2RoleAdminChangedEventName
}

// UnpackRoleAdminChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole)
func (budgetRoundV2 *BudgetRoundV2) UnpackRoleAdminChangedEvent(log *types.Log) (*BudgetRoundV2RoleAdminChanged, error) {
	event := "RoleAdminChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2RoleAdminChanged)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2RoleGranted represents a RoleGranted event raised by the BudgetRoundV2 contract.
type BudgetRoundV2RoleGranted struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2RoleGrantedEventName = "RoleGranted"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2RoleGranted) ContractEventName() string {
	return BudgetRoundV2RoleGrantedEventName
}

// UnpackRoleGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)
func (budgetRoundV2 *BudgetRoundV2) UnpackRoleGrantedEvent(log *types.Log) (*BudgetRoundV2RoleGranted, error) {
	event := "RoleGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2RoleGranted)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2RoleRevoked represents a RoleRevoked event raised by the BudgetRoundV2 contract.
type BudgetRoundV2RoleRevoked struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2RoleRevokedEventName = "RoleRevoked"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2RoleRevoked) ContractEventName() string {
	return BudgetRoundV2RoleRevokedEventName
}

// UnpackRoleRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)
func (budgetRoundV2 *BudgetRoundV2) UnpackRoleRevokedEvent(log *types.Log) (*BudgetRoundV2RoleRevoked, error) {
	event := "RoleRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2RoleRevoked)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2RoundCreated represents a RoundCreated event raised by the BudgetRoundV2 contract.
type BudgetRoundV2RoundCreated struct {
	Token     common.Address
	Name      string
	Budget    *big.Int
	Deadline  uint64
	Treasury  common.Address
	Rule      uint8
	Threshold *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2RoundCreatedEventName = "RoundCreated"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2RoundCreated) ContractEventName() string {
	return BudgetRoundV2RoundCreatedEventName
}

// UnpackRoundCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundCreated(address indexed token, string name, uint256 budget, uint64 deadline, address treasury, uint8 rule, uint256 threshold)
func (budgetRoundV2 *BudgetRoundV2) UnpackRoundCreatedEvent(log *types.Log) (*BudgetRoundV2RoundCreated, error) {
	event := "RoundCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2RoundCreated)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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

// BudgetRoundV2Withdrawn represents a Withdrawn event raised by the BudgetRoundV2 contract.
type BudgetRoundV2Withdrawn struct {
	Citizen common.Address
	Id      *big.Int
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BudgetRoundV2WithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (BudgetRoundV2Withdrawn) ContractEventName() string {
	return BudgetRoundV2WithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed citizen, uint256 indexed id, uint256 amount)
func (budgetRoundV2 *BudgetRoundV2) UnpackWithdrawnEvent(log *types.Log) (*BudgetRoundV2Withdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != budgetRoundV2.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BudgetRoundV2Withdrawn)
	if len(log.Data) > 0 {
		if err := budgetRoundV2.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range budgetRoundV2.abi.Events[event].Inputs {
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
func (budgetRoundV2 *BudgetRoundV2) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["AccessControlBadConfirmation"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackAccessControlBadConfirmationError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["AccessControlUnauthorizedAccount"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackAccessControlUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["AlreadyFinalized"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackAlreadyFinalizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["AlreadyMaterialized"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackAlreadyMaterializedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["BadNonce"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackBadNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["BadProof"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackBadProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["BadRecordKind"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackBadRecordKindError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["DeadlineInPast"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackDeadlineInPastError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["DeadlineNotReached"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackDeadlineNotReachedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["EmptyBatch"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackEmptyBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["InsufficientAllocation"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackInsufficientAllocationError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["InvalidRule"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackInvalidRuleError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["MerkleProofInvalidMultiproof"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackMerkleProofInvalidMultiproofError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["NotMaterialized"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackNotMaterializedError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["OverBudget"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackOverBudgetError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["QuotaTooLarge"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackQuotaTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["SignatureExpired"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackSignatureExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["TooManyInitiatives"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackTooManyInitiativesError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["UnknownBatch"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackUnknownBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["UnknownInitiative"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackUnknownInitiativeError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackZeroAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["ZeroCost"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackZeroCostError(raw[4:])
	}
	if bytes.Equal(raw[:4], budgetRoundV2.abi.Errors["ZeroRoot"].ID.Bytes()[:4]) {
		return budgetRoundV2.UnpackZeroRootError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// BudgetRoundV2AccessControlBadConfirmation represents a AccessControlBadConfirmation error raised by the BudgetRoundV2 contract.
type BudgetRoundV2AccessControlBadConfirmation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlBadConfirmation()
func BudgetRoundV2AccessControlBadConfirmationErrorID() common.Hash {
	return common.HexToHash("0x6697b23232a647058342c0724fe7c415cab25915b54e5dbc03f233173d37b41c")
}

// UnpackAccessControlBadConfirmationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlBadConfirmation()
func (budgetRoundV2 *BudgetRoundV2) UnpackAccessControlBadConfirmationError(raw []byte) (*BudgetRoundV2AccessControlBadConfirmation, error) {
	out := new(BudgetRoundV2AccessControlBadConfirmation)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "AccessControlBadConfirmation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2AccessControlUnauthorizedAccount represents a AccessControlUnauthorizedAccount error raised by the BudgetRoundV2 contract.
type BudgetRoundV2AccessControlUnauthorizedAccount struct {
	Account    common.Address
	NeededRole [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func BudgetRoundV2AccessControlUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0xe2517d3fbfae6f8515ef5ff1ccedc3933ab0cbbda0b492c06eb54ad10ef03b3e")
}

// UnpackAccessControlUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func (budgetRoundV2 *BudgetRoundV2) UnpackAccessControlUnauthorizedAccountError(raw []byte) (*BudgetRoundV2AccessControlUnauthorizedAccount, error) {
	out := new(BudgetRoundV2AccessControlUnauthorizedAccount)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "AccessControlUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2AlreadyClaimed represents a AlreadyClaimed error raised by the BudgetRoundV2 contract.
type BudgetRoundV2AlreadyClaimed struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(uint256 index)
func BudgetRoundV2AlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xb3167bfa203824a8528cd651824b49f666ae15ab32eef5801cb2db761a8707a6")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(uint256 index)
func (budgetRoundV2 *BudgetRoundV2) UnpackAlreadyClaimedError(raw []byte) (*BudgetRoundV2AlreadyClaimed, error) {
	out := new(BudgetRoundV2AlreadyClaimed)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2AlreadyFinalized represents a AlreadyFinalized error raised by the BudgetRoundV2 contract.
type BudgetRoundV2AlreadyFinalized struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyFinalized()
func BudgetRoundV2AlreadyFinalizedErrorID() common.Hash {
	return common.HexToHash("0x475a25352a73f4a08da552a02be7a21ad2f80f3f9491d94257fb6a042cfac983")
}

// UnpackAlreadyFinalizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyFinalized()
func (budgetRoundV2 *BudgetRoundV2) UnpackAlreadyFinalizedError(raw []byte) (*BudgetRoundV2AlreadyFinalized, error) {
	out := new(BudgetRoundV2AlreadyFinalized)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "AlreadyFinalized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2AlreadyMaterialized represents a AlreadyMaterialized error raised by the BudgetRoundV2 contract.
type BudgetRoundV2AlreadyMaterialized struct {
	Citizen common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyMaterialized(address citizen)
func BudgetRoundV2AlreadyMaterializedErrorID() common.Hash {
	return common.HexToHash("0xcb9bf038780c66852ddcdc3af6c053eaedd0775eaee9d3b814fee697362ecbf5")
}

// UnpackAlreadyMaterializedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyMaterialized(address citizen)
func (budgetRoundV2 *BudgetRoundV2) UnpackAlreadyMaterializedError(raw []byte) (*BudgetRoundV2AlreadyMaterialized, error) {
	out := new(BudgetRoundV2AlreadyMaterialized)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "AlreadyMaterialized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2BadNonce represents a BadNonce error raised by the BudgetRoundV2 contract.
type BudgetRoundV2BadNonce struct {
	Citizen  common.Address
	Expected *big.Int
	Got      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadNonce(address citizen, uint256 expected, uint256 got)
func BudgetRoundV2BadNonceErrorID() common.Hash {
	return common.HexToHash("0xc56f17f52bf0ec510e45bb37c8455549bd9965e32399aca663425554d6f75ee3")
}

// UnpackBadNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadNonce(address citizen, uint256 expected, uint256 got)
func (budgetRoundV2 *BudgetRoundV2) UnpackBadNonceError(raw []byte) (*BudgetRoundV2BadNonce, error) {
	out := new(BudgetRoundV2BadNonce)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "BadNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2BadProof represents a BadProof error raised by the BudgetRoundV2 contract.
type BudgetRoundV2BadProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadProof()
func BudgetRoundV2BadProofErrorID() common.Hash {
	return common.HexToHash("0x7ca55c774976027f27f73629387ed99a2044a8721aec39c3c2717944b08c423a")
}

// UnpackBadProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadProof()
func (budgetRoundV2 *BudgetRoundV2) UnpackBadProofError(raw []byte) (*BudgetRoundV2BadProof, error) {
	out := new(BudgetRoundV2BadProof)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "BadProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2BadRecordKind represents a BadRecordKind error raised by the BudgetRoundV2 contract.
type BudgetRoundV2BadRecordKind struct {
	Record *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadRecordKind(uint256 record)
func BudgetRoundV2BadRecordKindErrorID() common.Hash {
	return common.HexToHash("0x1d6249889411a52f1916a3f3265e59b8345d0a22f660d8725b026a7684b32adf")
}

// UnpackBadRecordKindError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadRecordKind(uint256 record)
func (budgetRoundV2 *BudgetRoundV2) UnpackBadRecordKindError(raw []byte) (*BudgetRoundV2BadRecordKind, error) {
	out := new(BudgetRoundV2BadRecordKind)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "BadRecordKind", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2DeadlineInPast represents a DeadlineInPast error raised by the BudgetRoundV2 contract.
type BudgetRoundV2DeadlineInPast struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineInPast()
func BudgetRoundV2DeadlineInPastErrorID() common.Hash {
	return common.HexToHash("0xbec005803ef5ad3f756637bc58c1b84684b8eeab74f5498efd38f71a491ba78f")
}

// UnpackDeadlineInPastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineInPast()
func (budgetRoundV2 *BudgetRoundV2) UnpackDeadlineInPastError(raw []byte) (*BudgetRoundV2DeadlineInPast, error) {
	out := new(BudgetRoundV2DeadlineInPast)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "DeadlineInPast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2DeadlineNotReached represents a DeadlineNotReached error raised by the BudgetRoundV2 contract.
type BudgetRoundV2DeadlineNotReached struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotReached()
func BudgetRoundV2DeadlineNotReachedErrorID() common.Hash {
	return common.HexToHash("0x66ec4ee6dfeca96c259d70ed3a7592b705504c1d290a4e397f1426df4a7c20fa")
}

// UnpackDeadlineNotReachedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotReached()
func (budgetRoundV2 *BudgetRoundV2) UnpackDeadlineNotReachedError(raw []byte) (*BudgetRoundV2DeadlineNotReached, error) {
	out := new(BudgetRoundV2DeadlineNotReached)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "DeadlineNotReached", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2DeadlinePassed represents a DeadlinePassed error raised by the BudgetRoundV2 contract.
type BudgetRoundV2DeadlinePassed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed()
func BudgetRoundV2DeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x70f65caac7c09036bde4bbed5e995a002d66fa61e6f109973be165cfef0a86ce")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed()
func (budgetRoundV2 *BudgetRoundV2) UnpackDeadlinePassedError(raw []byte) (*BudgetRoundV2DeadlinePassed, error) {
	out := new(BudgetRoundV2DeadlinePassed)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2EmptyBatch represents a EmptyBatch error raised by the BudgetRoundV2 contract.
type BudgetRoundV2EmptyBatch struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyBatch()
func BudgetRoundV2EmptyBatchErrorID() common.Hash {
	return common.HexToHash("0xc2e5347df6cf8d1bf68f8a9651642312bd381b900d857d97cd665976180d6ae0")
}

// UnpackEmptyBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyBatch()
func (budgetRoundV2 *BudgetRoundV2) UnpackEmptyBatchError(raw []byte) (*BudgetRoundV2EmptyBatch, error) {
	out := new(BudgetRoundV2EmptyBatch)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "EmptyBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2InsufficientAllocation represents a InsufficientAllocation error raised by the BudgetRoundV2 contract.
type BudgetRoundV2InsufficientAllocation struct {
	Available *big.Int
	Wanted    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientAllocation(uint256 available, uint256 wanted)
func BudgetRoundV2InsufficientAllocationErrorID() common.Hash {
	return common.HexToHash("0xaf4956d05e554ba013f7aabc874a765e1eae0a7f27958d411efda2a702be474f")
}

// UnpackInsufficientAllocationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientAllocation(uint256 available, uint256 wanted)
func (budgetRoundV2 *BudgetRoundV2) UnpackInsufficientAllocationError(raw []byte) (*BudgetRoundV2InsufficientAllocation, error) {
	out := new(BudgetRoundV2InsufficientAllocation)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "InsufficientAllocation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2InsufficientBalance represents a InsufficientBalance error raised by the BudgetRoundV2 contract.
type BudgetRoundV2InsufficientBalance struct {
	Available *big.Int
	Wanted    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(uint256 available, uint256 wanted)
func BudgetRoundV2InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xcf4791818fba6e019216eb4864093b4947f674afada5d305e57d598b641dad1d")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(uint256 available, uint256 wanted)
func (budgetRoundV2 *BudgetRoundV2) UnpackInsufficientBalanceError(raw []byte) (*BudgetRoundV2InsufficientBalance, error) {
	out := new(BudgetRoundV2InsufficientBalance)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2InvalidRule represents a InvalidRule error raised by the BudgetRoundV2 contract.
type BudgetRoundV2InvalidRule struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidRule()
func BudgetRoundV2InvalidRuleErrorID() common.Hash {
	return common.HexToHash("0x91c7d22bca316831f1be37d37e956a03447af314ed7e5cd757e1b41836f7d1bf")
}

// UnpackInvalidRuleError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidRule()
func (budgetRoundV2 *BudgetRoundV2) UnpackInvalidRuleError(raw []byte) (*BudgetRoundV2InvalidRule, error) {
	out := new(BudgetRoundV2InvalidRule)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "InvalidRule", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2InvalidShortString represents a InvalidShortString error raised by the BudgetRoundV2 contract.
type BudgetRoundV2InvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func BudgetRoundV2InvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (budgetRoundV2 *BudgetRoundV2) UnpackInvalidShortStringError(raw []byte) (*BudgetRoundV2InvalidShortString, error) {
	out := new(BudgetRoundV2InvalidShortString)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2InvalidSignature represents a InvalidSignature error raised by the BudgetRoundV2 contract.
type BudgetRoundV2InvalidSignature struct {
	Record *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature(uint256 record)
func BudgetRoundV2InvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x52bf9848f4f569cd5e845a26f8524878f8ac004dcaace7433d78683624c84a76")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature(uint256 record)
func (budgetRoundV2 *BudgetRoundV2) UnpackInvalidSignatureError(raw []byte) (*BudgetRoundV2InvalidSignature, error) {
	out := new(BudgetRoundV2InvalidSignature)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2MerkleProofInvalidMultiproof represents a MerkleProofInvalidMultiproof error raised by the BudgetRoundV2 contract.
type BudgetRoundV2MerkleProofInvalidMultiproof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MerkleProofInvalidMultiproof()
func BudgetRoundV2MerkleProofInvalidMultiproofErrorID() common.Hash {
	return common.HexToHash("0x351404920163d662c9e55a2ededa2a037e643758bbfddef8b612fa4d17ed11ea")
}

// UnpackMerkleProofInvalidMultiproofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MerkleProofInvalidMultiproof()
func (budgetRoundV2 *BudgetRoundV2) UnpackMerkleProofInvalidMultiproofError(raw []byte) (*BudgetRoundV2MerkleProofInvalidMultiproof, error) {
	out := new(BudgetRoundV2MerkleProofInvalidMultiproof)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "MerkleProofInvalidMultiproof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2NotMaterialized represents a NotMaterialized error raised by the BudgetRoundV2 contract.
type BudgetRoundV2NotMaterialized struct {
	Citizen common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMaterialized(address citizen)
func BudgetRoundV2NotMaterializedErrorID() common.Hash {
	return common.HexToHash("0xd4261664c9c6f5d5e5642000101ff0f3469db854d9cfa150a9f29b4b51af0c2c")
}

// UnpackNotMaterializedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMaterialized(address citizen)
func (budgetRoundV2 *BudgetRoundV2) UnpackNotMaterializedError(raw []byte) (*BudgetRoundV2NotMaterialized, error) {
	out := new(BudgetRoundV2NotMaterialized)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "NotMaterialized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2OverBudget represents a OverBudget error raised by the BudgetRoundV2 contract.
type BudgetRoundV2OverBudget struct {
	Distributed *big.Int
	Budget      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OverBudget(uint256 distributed, uint256 budget)
func BudgetRoundV2OverBudgetErrorID() common.Hash {
	return common.HexToHash("0x755b0cdd6bb1a8f8de74697e4ab88220571c80292bae73dd26d6a1b1dc511d89")
}

// UnpackOverBudgetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OverBudget(uint256 distributed, uint256 budget)
func (budgetRoundV2 *BudgetRoundV2) UnpackOverBudgetError(raw []byte) (*BudgetRoundV2OverBudget, error) {
	out := new(BudgetRoundV2OverBudget)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "OverBudget", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2QuotaTooLarge represents a QuotaTooLarge error raised by the BudgetRoundV2 contract.
type BudgetRoundV2QuotaTooLarge struct {
	Quota *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error QuotaTooLarge(uint256 quota)
func BudgetRoundV2QuotaTooLargeErrorID() common.Hash {
	return common.HexToHash("0xad7d33b10800c237bb2c0cb5783f960e64039673f6ab2f9db6d524d37d7bfa39")
}

// UnpackQuotaTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error QuotaTooLarge(uint256 quota)
func (budgetRoundV2 *BudgetRoundV2) UnpackQuotaTooLargeError(raw []byte) (*BudgetRoundV2QuotaTooLarge, error) {
	out := new(BudgetRoundV2QuotaTooLarge)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "QuotaTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2SignatureExpired represents a SignatureExpired error raised by the BudgetRoundV2 contract.
type BudgetRoundV2SignatureExpired struct {
	Record *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignatureExpired(uint256 record)
func BudgetRoundV2SignatureExpiredErrorID() common.Hash {
	return common.HexToHash("0xcd21db4f5222c209a625f44a7faa4c7077b21128ed96c96bd5c3a0f7bcc95d38")
}

// UnpackSignatureExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignatureExpired(uint256 record)
func (budgetRoundV2 *BudgetRoundV2) UnpackSignatureExpiredError(raw []byte) (*BudgetRoundV2SignatureExpired, error) {
	out := new(BudgetRoundV2SignatureExpired)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "SignatureExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2StringTooLong represents a StringTooLong error raised by the BudgetRoundV2 contract.
type BudgetRoundV2StringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func BudgetRoundV2StringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (budgetRoundV2 *BudgetRoundV2) UnpackStringTooLongError(raw []byte) (*BudgetRoundV2StringTooLong, error) {
	out := new(BudgetRoundV2StringTooLong)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2TooManyInitiatives represents a TooManyInitiatives error raised by the BudgetRoundV2 contract.
type BudgetRoundV2TooManyInitiatives struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyInitiatives()
func BudgetRoundV2TooManyInitiativesErrorID() common.Hash {
	return common.HexToHash("0xd4daa3c46e8127f3d830946bbe3eeb32d57a3dcc63ecf612876b7a80d20b46e6")
}

// UnpackTooManyInitiativesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyInitiatives()
func (budgetRoundV2 *BudgetRoundV2) UnpackTooManyInitiativesError(raw []byte) (*BudgetRoundV2TooManyInitiatives, error) {
	out := new(BudgetRoundV2TooManyInitiatives)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "TooManyInitiatives", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2UnknownBatch represents a UnknownBatch error raised by the BudgetRoundV2 contract.
type BudgetRoundV2UnknownBatch struct {
	BatchId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownBatch(uint256 batchId)
func BudgetRoundV2UnknownBatchErrorID() common.Hash {
	return common.HexToHash("0x4392ee6a277b6a3f727911895d8c530bb19e11ffc893c9dfe3b57d6fde293d28")
}

// UnpackUnknownBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownBatch(uint256 batchId)
func (budgetRoundV2 *BudgetRoundV2) UnpackUnknownBatchError(raw []byte) (*BudgetRoundV2UnknownBatch, error) {
	out := new(BudgetRoundV2UnknownBatch)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "UnknownBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2UnknownInitiative represents a UnknownInitiative error raised by the BudgetRoundV2 contract.
type BudgetRoundV2UnknownInitiative struct {
	Id *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownInitiative(uint256 id)
func BudgetRoundV2UnknownInitiativeErrorID() common.Hash {
	return common.HexToHash("0x230b78c297237b7ed93cd98b2e7551cab72966774e09f6e4050c335d2cb61f2b")
}

// UnpackUnknownInitiativeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownInitiative(uint256 id)
func (budgetRoundV2 *BudgetRoundV2) UnpackUnknownInitiativeError(raw []byte) (*BudgetRoundV2UnknownInitiative, error) {
	out := new(BudgetRoundV2UnknownInitiative)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "UnknownInitiative", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2ZeroAddress represents a ZeroAddress error raised by the BudgetRoundV2 contract.
type BudgetRoundV2ZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func BudgetRoundV2ZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (budgetRoundV2 *BudgetRoundV2) UnpackZeroAddressError(raw []byte) (*BudgetRoundV2ZeroAddress, error) {
	out := new(BudgetRoundV2ZeroAddress)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2ZeroAmount represents a ZeroAmount error raised by the BudgetRoundV2 contract.
type BudgetRoundV2ZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func BudgetRoundV2ZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (budgetRoundV2 *BudgetRoundV2) UnpackZeroAmountError(raw []byte) (*BudgetRoundV2ZeroAmount, error) {
	out := new(BudgetRoundV2ZeroAmount)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2ZeroCost represents a ZeroCost error raised by the BudgetRoundV2 contract.
type BudgetRoundV2ZeroCost struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroCost()
func BudgetRoundV2ZeroCostErrorID() common.Hash {
	return common.HexToHash("0xaa705754e3aa5e1a2f100b5033d267a0b04cc293d1992f1ddae84109e900e7dc")
}

// UnpackZeroCostError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroCost()
func (budgetRoundV2 *BudgetRoundV2) UnpackZeroCostError(raw []byte) (*BudgetRoundV2ZeroCost, error) {
	out := new(BudgetRoundV2ZeroCost)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "ZeroCost", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BudgetRoundV2ZeroRoot represents a ZeroRoot error raised by the BudgetRoundV2 contract.
type BudgetRoundV2ZeroRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroRoot()
func BudgetRoundV2ZeroRootErrorID() common.Hash {
	return common.HexToHash("0xb263ae738e814ca9af6ee56bb85daa47624e790421913c947dcba2aac07cfdbd")
}

// UnpackZeroRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroRoot()
func (budgetRoundV2 *BudgetRoundV2) UnpackZeroRootError(raw []byte) (*BudgetRoundV2ZeroRoot, error) {
	out := new(BudgetRoundV2ZeroRoot)
	if err := budgetRoundV2.abi.UnpackIntoInterface(out, "ZeroRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}
