// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BudgetToken: the tokens of one budget round
/// @notice The whole budget is minted once, to the round, when the round is created; nothing mints
/// or burns afterwards, so `totalSupply() == budget` forever (R-1.1, R-1.5). One unit is one
/// kopeck, hence 2 decimals (R-1.1).
/// @dev Tokens move only through the round (`move`): round → citizen, citizen → piggy bank,
/// piggy bank → citizen before the deadline, and → treasury at finalization. The ERC-20
/// `transfer`, `transferFrom` and `approve` always revert, so there is no citizen → citizen
/// market (R-1.3).
contract BudgetToken is ERC20 {
    /// @notice The BudgetRound that holds the supply and is the only account allowed to move tokens.
    address public immutable round;

    /// @notice The caller of `move` is not the round.
    error OnlyRound();
    /// @notice ERC-20 transfers and approvals are disabled (R-1.3: no vote market).
    error TransfersRestricted();

    /// @notice Mints `supply` to `round_` once (R-1.1: total supply equals the budget exactly).
    /// @param name_ ERC-20 name.
    /// @param symbol_ ERC-20 symbol.
    /// @param supply The round's budget in kopecks.
    /// @param round_ The BudgetRound that receives the supply and alone may call `move`.
    constructor(string memory name_, string memory symbol_, uint256 supply, address round_) ERC20(name_, symbol_) {
        round = round_;
        _mint(round_, supply);
    }

    /// @notice 2 decimals: one token unit is one kopeck (R-1.1).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @notice Moves `amount` from `from` to `to`; only the round may call it (R-1.3).
    /// @dev Emits the ERC-20 `Transfer` event, so balances can be recomputed from logs (R-1.5).
    function move(address from, address to, uint256 amount) external {
        if (msg.sender != round) revert OnlyRound();
        _transfer(from, to, amount);
    }

    /// @notice Always reverts: citizens cannot send tokens to each other (R-1.3).
    function transfer(address, uint256) public pure override returns (bool) {
        revert TransfersRestricted();
    }

    /// @notice Always reverts: citizens cannot send tokens to each other (R-1.3).
    function transferFrom(address, address, uint256) public pure override returns (bool) {
        revert TransfersRestricted();
    }

    /// @notice Always reverts: there are no allowances since nothing may be spent by a third party (R-1.3).
    function approve(address, uint256) public pure override returns (bool) {
        revert TransfersRestricted();
    }
}
