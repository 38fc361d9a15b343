// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

import {BudgetToken} from "./BudgetToken.sol";

/// @title BudgetRound: one participatory budget round (R-1)
/// @notice The round creates its BudgetToken with the whole budget as supply (R-1.1), hands quotas to
/// citizens (R-1.2), lets citizens put tokens into initiatives' piggy banks and take them back until
/// the deadline (R-1.3), and after the deadline computes the funded set and returns every unspent
/// token to the treasury (R-1.4). Every state change emits an event, so all totals can be
/// recomputed from the chain alone (R-1.5).
/// @dev "Open" means `block.timestamp < deadline`. A piggy bank is an address nobody holds a key
/// for (`piggyBank(id)`); its tokens are its BudgetToken balance.
contract BudgetRound is AccessControl {
    /// @notice Registers initiatives, finalizes and reclaims.
    bytes32 public constant TREASURY_ROLE = keccak256("TREASURY_ROLE");
    /// @notice Grants citizens their quotas.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Allocates and withdraws on behalf of citizens (the node relays their requests).
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    /// @notice Upper bound on initiatives per round, so that `finalize` fits in one transaction.
    uint256 public constant MAX_INITIATIVES = 100;

    /// @notice The round's token; its total supply is `budget` (R-1.1).
    BudgetToken public immutable token;
    /// @notice The budget in kopecks (R-1.1).
    uint256 public immutable budget;
    /// @notice Unix time from which the round is closed (R-1.3, R-1.4).
    uint64 public immutable deadline;
    /// @notice Receives unspent tokens at finalization and by reclaim (R-1.2, R-1.4).
    address public immutable treasury;
    /// @notice The round's name.
    string public name;
    /// @notice Sum of all granted quotas (R-1.2, R-1.5).
    uint256 public distributed;
    /// @notice Number of registered initiatives; ids run 1..initiativeCount.
    uint256 public initiativeCount;
    /// @notice Whether `finalize` has run (R-1.4).
    bool public finalized;

    struct Initiative {
        uint256 cost;
        uint256 received;
        bool funded;
    }

    mapping(uint256 id => Initiative) private _initiatives;
    mapping(address citizen => uint256) private _quotas;
    /// @dev A citizen's tokens not in any piggy bank: quota − allocated + withdrawn − reclaimed.
    /// For a citizen it equals the token balance; keeping it here means an address that is not a
    /// citizen (the round itself, a piggy bank) can never spend tokens that are not its own quota.
    mapping(address citizen => uint256) private _unallocated;
    mapping(address citizen => mapping(uint256 id => uint256)) private _allocated;
    uint256[] private _funded;

    error ZeroAddress();
    error ZeroAmount();
    error ZeroCost();
    error DeadlineInPast();
    error DeadlinePassed();
    error DeadlineNotReached();
    error TooManyInitiatives();
    error UnknownInitiative(uint256 id);
    error LengthMismatch();
    error QuotaAlreadyGranted(address citizen);
    error InsufficientBalance(uint256 available, uint256 wanted);
    error InsufficientAllocation(uint256 available, uint256 wanted);
    error AlreadyFinalized();
    error NotFinalized();

    event RoundCreated(address indexed token, string name, uint256 budget, uint64 deadline, address treasury);
    event InitiativeRegistered(uint256 indexed id, uint256 cost, address piggyBank);
    event QuotaGranted(address indexed citizen, uint256 amount);
    event Allocated(address indexed citizen, uint256 indexed id, uint256 amount);
    event Withdrawn(address indexed citizen, uint256 indexed id, uint256 amount);
    event InitiativeFunded(uint256 indexed id, uint256 cost, uint256 received);
    event Finalized(uint256[] funded, uint256 fundedCost, uint256 returnedToTreasury);
    event Reclaimed(address indexed citizen, uint256 amount);

    /// @dev Reverts `DeadlinePassed()` unless the round is open.
    modifier whileOpen() {
        if (block.timestamp >= deadline) revert DeadlinePassed();
        _;
    }

    /// @notice Creates the round and its token, minting `budget_` to this contract (R-1.1).
    /// @dev The token is this contract's first creation, so its address is CreateAddress(round, 1).
    /// `admin` gets DEFAULT_ADMIN_ROLE and the three working roles.
    constructor(
        string memory name_,
        string memory symbol_,
        uint256 budget_,
        uint64 deadline_,
        address treasury_,
        address admin
    ) {
        if (treasury_ == address(0) || admin == address(0)) revert ZeroAddress();
        if (budget_ == 0) revert ZeroAmount();
        if (deadline_ <= block.timestamp) revert DeadlineInPast();

        name = name_;
        budget = budget_;
        deadline = deadline_;
        treasury = treasury_;
        token = new BudgetToken(name_, symbol_, budget_, address(this));

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(TREASURY_ROLE, admin);
        _grantRole(REGISTRAR_ROLE, admin);
        _grantRole(RELAYER_ROLE, admin);
        emit RoundCreated(address(token), name_, budget_, deadline_, treasury_);
    }

    // ---- views ----

    /// @notice An initiative's cost, the tokens in its piggy bank's account, and whether it was funded.
    /// @dev `received` stays the final total after finalization, also for unfunded initiatives whose
    /// tokens went back to the treasury: every initiative's total is public (R-1.4).
    function initiative(uint256 id) external view returns (uint256 cost, uint256 received, bool funded) {
        Initiative storage it = _initiatives[id];
        return (it.cost, it.received, it.funded);
    }

    /// @notice The piggy bank of initiative `id`: an address derived from (round, id) that no one
    /// holds a key for; the initiative's tokens are its BudgetToken balance (R-1.3).
    function piggyBank(uint256 id) public view returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(address(this), id)))));
    }

    /// @notice The quota granted to `citizen` (0 if none) (R-1.2).
    function quotaOf(address citizen) external view returns (uint256) {
        return _quotas[citizen];
    }

    /// @notice How much `citizen` currently has in initiative `id`'s piggy bank (R-1.3).
    function allocated(address citizen, uint256 id) external view returns (uint256) {
        return _allocated[citizen][id];
    }

    /// @notice The funded initiatives' ids in ranking order; empty before finalization (R-1.4).
    function fundedInitiatives() external view returns (uint256[] memory) {
        return _funded;
    }

    // ---- treasury and registrar ----

    /// @notice Registers an initiative costing `cost` kopecks; ids are 1, 2, 3, … (R-2.1).
    /// @dev TREASURY_ROLE, open. Reverts `ZeroCost()`, `TooManyInitiatives()`.
    function registerInitiative(uint256 cost) external onlyRole(TREASURY_ROLE) whileOpen returns (uint256 id) {
        if (cost == 0) revert ZeroCost();
        if (initiativeCount >= MAX_INITIATIVES) revert TooManyInitiatives();
        id = ++initiativeCount;
        _initiatives[id].cost = cost;
        emit InitiativeRegistered(id, cost, piggyBank(id));
    }

    /// @notice Grants each citizen their quota, moving tokens from the round to them (R-1.2).
    /// @dev REGISTRAR_ROLE, open. Each citizen at most once. The whole batch reverts on any bad
    /// entry: `LengthMismatch()`, `ZeroAddress()`, `ZeroAmount()`, `QuotaAlreadyGranted(citizen)`,
    /// or `InsufficientBalance(available, wanted)` when the round holds less than the batch needs.
    function grantQuotas(address[] calldata citizens, uint256[] calldata amounts)
        external
        onlyRole(REGISTRAR_ROLE)
        whileOpen
    {
        if (citizens.length != amounts.length) revert LengthMismatch();
        uint256 total;
        for (uint256 i; i < citizens.length; ++i) {
            if (citizens[i] == address(0)) revert ZeroAddress();
            if (amounts[i] == 0) revert ZeroAmount();
            total += amounts[i];
        }
        uint256 available = token.balanceOf(address(this));
        if (available < total) revert InsufficientBalance(available, total);

        distributed += total;
        for (uint256 i; i < citizens.length; ++i) {
            address citizen = citizens[i];
            if (_quotas[citizen] != 0) revert QuotaAlreadyGranted(citizen);
            _quotas[citizen] = amounts[i];
            _unallocated[citizen] = amounts[i];
            token.move(address(this), citizen, amounts[i]);
            emit QuotaGranted(citizen, amounts[i]);
        }
    }

    // ---- citizens (directly or through the relayer) ----

    /// @notice Puts `amount` of the caller's tokens into initiative `id`'s piggy bank (R-1.3).
    function allocate(uint256 id, uint256 amount) external whileOpen {
        _allocate(msg.sender, id, amount);
    }

    /// @notice Puts `amount` of `citizen`'s tokens into initiative `id`'s piggy bank (R-1.3).
    /// @dev RELAYER_ROLE: the node relays a citizen's request so that citizens pay no gas.
    function allocateFor(address citizen, uint256 id, uint256 amount) external onlyRole(RELAYER_ROLE) whileOpen {
        _allocate(citizen, id, amount);
    }

    /// @notice Takes `amount` of the caller's tokens back out of initiative `id`'s piggy bank,
    /// at most what the caller put there (R-1.3: allowed until the deadline).
    function withdraw(uint256 id, uint256 amount) external whileOpen {
        _withdraw(msg.sender, id, amount);
    }

    /// @notice Takes `amount` of `citizen`'s tokens back out of initiative `id`'s piggy bank (R-1.3).
    /// @dev RELAYER_ROLE.
    function withdrawFor(address citizen, uint256 id, uint256 amount) external onlyRole(RELAYER_ROLE) whileOpen {
        _withdraw(citizen, id, amount);
    }

    // ---- after the deadline ----

    /// @notice Computes the funded set and returns unspent tokens to the treasury (R-1.4).
    /// @dev TREASURY_ROLE. Candidates are initiatives with received > 0, ranked by received
    /// descending, ties by lower id. Walking the ranking with remaining = budget, each initiative
    /// whose cost fits in what remains is funded (remaining -= cost); one that does not fit is
    /// skipped and cheaper ones after it may still be funded. Then unfunded piggy banks and the
    /// round's undistributed balance go to the treasury. Funded piggy banks keep their tokens.
    function finalize() external onlyRole(TREASURY_ROLE) {
        if (block.timestamp < deadline) revert DeadlineNotReached();
        if (finalized) revert AlreadyFinalized();
        finalized = true;

        uint256[] memory ranking = _ranking();
        uint256 remaining = budget;
        uint256 fundedCost;
        for (uint256 i; i < ranking.length; ++i) {
            Initiative storage it = _initiatives[ranking[i]];
            if (it.cost > remaining) continue;
            remaining -= it.cost;
            fundedCost += it.cost;
            it.funded = true;
            _funded.push(ranking[i]);
            emit InitiativeFunded(ranking[i], it.cost, it.received);
        }

        uint256 returned;
        for (uint256 i; i < ranking.length; ++i) {
            Initiative storage it = _initiatives[ranking[i]];
            if (it.funded) continue;
            token.move(piggyBank(ranking[i]), treasury, it.received);
            returned += it.received;
        }
        uint256 undistributed = token.balanceOf(address(this));
        if (undistributed > 0) {
            token.move(address(this), treasury, undistributed);
            returned += undistributed;
        }
        emit Finalized(_funded, fundedCost, returned);
    }

    /// @notice Moves each citizen's tokens that are in no piggy bank to the treasury (R-1.4:
    /// unspent tokens return to the treasury).
    /// @dev TREASURY_ROLE, after finalization (`NotFinalized()`). Citizens with nothing left are
    /// skipped without an event.
    function reclaim(address[] calldata citizens) external onlyRole(TREASURY_ROLE) {
        if (!finalized) revert NotFinalized();
        for (uint256 i; i < citizens.length; ++i) {
            address citizen = citizens[i];
            uint256 amount = _unallocated[citizen];
            if (amount == 0) continue;
            _unallocated[citizen] = 0;
            token.move(citizen, treasury, amount);
            emit Reclaimed(citizen, amount);
        }
    }

    // ---- internal ----

    function _allocate(address citizen, uint256 id, uint256 amount) private {
        if (id == 0 || id > initiativeCount) revert UnknownInitiative(id);
        if (amount == 0) revert ZeroAmount();
        uint256 available = _unallocated[citizen];
        if (available < amount) revert InsufficientBalance(available, amount);

        _unallocated[citizen] = available - amount;
        _allocated[citizen][id] += amount;
        _initiatives[id].received += amount;
        token.move(citizen, piggyBank(id), amount);
        emit Allocated(citizen, id, amount);
    }

    function _withdraw(address citizen, uint256 id, uint256 amount) private {
        if (id == 0 || id > initiativeCount) revert UnknownInitiative(id);
        if (amount == 0) revert ZeroAmount();
        uint256 available = _allocated[citizen][id];
        if (available < amount) revert InsufficientAllocation(available, amount);

        _allocated[citizen][id] = available - amount;
        _unallocated[citizen] += amount;
        _initiatives[id].received -= amount;
        token.move(piggyBank(id), citizen, amount);
        emit Withdrawn(citizen, id, amount);
    }

    /// @dev Ids with received > 0, by received descending, ties by lower id (insertion sort;
    /// at most MAX_INITIATIVES entries).
    function _ranking() private view returns (uint256[] memory ranking) {
        uint256 n;
        ranking = new uint256[](initiativeCount);
        for (uint256 id = 1; id <= initiativeCount; ++id) {
            uint256 received = _initiatives[id].received;
            if (received == 0) continue;
            uint256 j = n;
            // Ids arrive in increasing order, so a strict comparison keeps ties by lower id.
            while (j > 0 && _initiatives[ranking[j - 1]].received < received) {
                ranking[j] = ranking[j - 1];
                --j;
            }
            ranking[j] = id;
            ++n;
        }
        assembly ("memory-safe") {
            mstore(ranking, n)
        }
    }
}
