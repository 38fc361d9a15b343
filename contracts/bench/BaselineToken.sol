// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title BaselineToken: stock OpenZeppelin ERC20 + Ownable, for scripts/gas-v2.mjs only
/// @notice Baseline (a): the owner mints each citizen's quota, the citizen transfers to a piggy bank.
contract BaselineToken is ERC20, Ownable {
    constructor(address owner_) ERC20("Baseline", "BASE") Ownable(owner_) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
