// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

/// @title BaselineAirdrop: the stock OpenZeppelin Merkle airdrop pattern, for scripts/gas-v2.mjs only
/// @notice Baseline (b): a citizen claims (index, account, amount) from a StandardMerkleTree root
/// (MerkleProof + BitMaps), then transfers to a piggy bank with a plain ERC-20 transfer.
contract BaselineAirdrop {
    using BitMaps for BitMaps.BitMap;
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    bytes32 public immutable root;
    BitMaps.BitMap private _claimed;

    error AlreadyClaimed();
    error BadProof();

    constructor(IERC20 token_, bytes32 root_) {
        token = token_;
        root = root_;
    }

    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        if (_claimed.get(index)) revert AlreadyClaimed();
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert BadProof();
        _claimed.set(index);
        token.safeTransfer(account, amount);
    }
}
