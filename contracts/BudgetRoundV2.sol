// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {BudgetToken} from "./BudgetToken.sol";

/// @title BudgetRound (v2): one participatory budget round at city scale (R-1)
/// @notice The round creates its BudgetToken with the whole budget as supply (R-1.1). Eligibility is
/// one Merkle root of (index, citizen, quota) leaves, so distribution costs O(1) whatever the
/// population (R-1.2); a citizen's quota is claimed on first use, inside their first allocation.
/// Citizens put tokens into initiatives' piggy banks and take them back until the deadline (R-1.3),
/// directly from their wallet or as EIP-712 signed messages that the node relays in batches. After
/// the deadline `finalize` computes the funded set by the round's rule and returns every unspent
/// token to the treasury (R-1.4). Every state change emits an event, so all totals can be recomputed
/// from the chain alone (R-1.5). See docs/CONTRACTS-V2.md.
/// @dev "Open" means `block.timestamp < deadline`. Tokens a citizen has claimed but not allocated
/// stay in the round's token balance (custody): citizens never hold BudgetTokens, piggy banks do.
/// A piggy bank is an address nobody holds a key for (`piggyBank(id)`).
///
/// Eligibility leaf (OpenZeppelin StandardMerkleTree, leaf encoding ["uint256","address","uint256"]):
///   keccak256(bytes.concat(keccak256(abi.encode(index, citizen, quota))))
/// `index` is the citizen's permanent eligibility index (0, 1, 2, …): every new root must keep each
/// citizen at the same index and give new citizens new indices. The claimed bitmap is by index, so
/// a citizen can claim once across all roots, whatever their quota in the newer root. Build trees
/// with `sortLeaves: false` in index order so that a batch sorted by index shares proof nodes.
///
/// First uses relayed in a batch write no per-citizen storage: the batch commits its applied first
/// uses as one Merkle root (`claimsRoot(batchId)`, SimpleMerkleTree of `appliedLeaf(...)` in batch
/// order, unsorted). Before such a citizen signs anything else, anyone may `materialize` their
/// account by proving the applied record against that root; re-allocation never trusts a signed
/// vector alone (docs/CONTRACTS-V2.md).
contract BudgetRoundV2 is AccessControl, EIP712 {
    /// @notice Registers initiatives and finalizes.
    bytes32 public constant TREASURY_ROLE = keccak256("TREASURY_ROLE");
    /// @notice Publishes eligibility roots.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Relays citizens' signed messages in batches.
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    /// @notice Upper bound on initiatives per round, so that `finalize` fits in one transaction.
    uint256 public constant MAX_INITIATIVES = 100;

    /// @notice EIP-712 type of an allocation: put `amount` into initiative `initiative`.
    bytes32 public constant ALLOCATE_TYPEHASH =
        keccak256("Allocate(address round,uint256 initiative,uint256 amount,uint256 nonce,uint256 deadline)");
    /// @notice EIP-712 type of a withdrawal: take `amount` back out of initiative `initiative`.
    bytes32 public constant WITHDRAW_TYPEHASH =
        keccak256("Withdraw(address round,uint256 initiative,uint256 amount,uint256 nonce,uint256 deadline)");

    /// @notice Record kinds in `Signed.head` (bits 216..223).
    uint8 public constant KIND_CLAIM_ALLOCATE = 0;
    uint8 public constant KIND_ALLOCATE = 1;
    uint8 public constant KIND_WITHDRAW = 2;

    /// @notice Funded-set rules (R-1.4); see `finalize`.
    enum Rule {
        Greedy,
        GreedyNoSkip,
        GreedyThreshold,
        PiggyBank
    }

    /// @notice One relayed record: a packed head and an ERC-2098 compact signature (r, vs).
    /// @dev head bits: 0..63 amount | 64..127 quota (claim) or nonce (allocate, withdraw) |
    /// 128..143 initiative | 144..175 eligibility index (claim) | 176..215 signature deadline |
    /// 216..223 kind. A claim's nonce is 0. The signer is recovered from the signature.
    struct Signed {
        uint256 head;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice A citizen's materialized account.
    /// @param unallocated Claimed tokens in no piggy bank (held by the round).
    /// @param nonce Next EIP-712 nonce.
    /// @param materialized Whether the account lives in storage.
    struct Account {
        uint64 unallocated;
        uint64 nonce;
        bool materialized;
    }

    struct Initiative {
        uint256 cost;
        uint256 received;
        bool funded;
    }

    /// @notice The round's token; its total supply is `budget` (R-1.1).
    BudgetToken public immutable token;
    /// @notice The budget in kopecks (R-1.1).
    uint256 public immutable budget;
    /// @notice Unix time from which the round is closed (R-1.3, R-1.4).
    uint64 public immutable deadline;
    /// @notice Receives unspent tokens at finalization (R-1.4).
    address public immutable treasury;
    /// @notice The round's funded-set rule (R-1.4).
    Rule public immutable rule;
    /// @notice Minimum tokens for Rule.GreedyThreshold (0 for the other rules).
    uint256 public immutable threshold;
    /// @notice The round's name.
    string public name;
    /// @notice The current eligibility root (zero until the first `setEligibilityRoot`).
    bytes32 public eligibilityRoot;
    /// @notice Number of eligibility roots published so far.
    uint256 public eligibilityVersion;
    /// @notice Sum of all claimed quotas (R-1.2, R-1.5); never exceeds `budget`.
    uint256 public distributed;
    /// @notice Number of registered initiatives; ids run 1..initiativeCount.
    uint256 public initiativeCount;
    /// @notice Whether `finalize` has run (R-1.4).
    bool public finalized;

    mapping(uint256 id => Initiative) private _initiatives;
    mapping(uint256 word => uint256) private _claimedWords;
    mapping(address citizen => Account) private _accounts;
    mapping(address citizen => mapping(uint256 id => uint256)) private _allocated;
    bytes32[] private _claimsRoots;
    uint256[] private _funded;

    error ZeroAddress();
    error ZeroAmount();
    error ZeroCost();
    error ZeroRoot();
    error InvalidRule();
    error DeadlineInPast();
    error DeadlinePassed();
    error DeadlineNotReached();
    error TooManyInitiatives();
    error UnknownInitiative(uint256 id);
    error EmptyBatch();
    error BadRecordKind(uint256 record);
    error SignatureExpired(uint256 record);
    error InvalidSignature(uint256 record);
    error BadNonce(address citizen, uint256 expected, uint256 got);
    error BadProof();
    error AlreadyClaimed(uint256 index);
    error AlreadyMaterialized(address citizen);
    error NotMaterialized(address citizen);
    error QuotaTooLarge(uint256 quota);
    error OverBudget(uint256 distributed, uint256 budget);
    error InsufficientBalance(uint256 available, uint256 wanted);
    error InsufficientAllocation(uint256 available, uint256 wanted);
    error UnknownBatch(uint256 batchId);
    error AlreadyFinalized();

    event RoundCreated(
        address indexed token, string name, uint256 budget, uint64 deadline, address treasury, Rule rule, uint256 threshold
    );
    event InitiativeRegistered(uint256 indexed id, uint256 cost, address piggyBank);
    event EligibilityRootSet(uint256 indexed version, bytes32 root, uint256 leafCount);
    event Claimed(address indexed citizen, uint256 indexed index, uint256 quota);
    event Allocated(address indexed citizen, uint256 indexed id, uint256 amount);
    event Withdrawn(address indexed citizen, uint256 indexed id, uint256 amount);
    event ClaimsCommitted(uint256 indexed batchId, bytes32 root, uint256 claims);
    event Materialized(address indexed citizen, uint256 indexed batchId, uint256 unallocated);
    event InitiativeFunded(uint256 indexed id, uint256 cost, uint256 received);
    event Finalized(uint256[] funded, uint256 fundedCost, uint256 returnedToTreasury);

    /// @dev Reverts `DeadlinePassed()` unless the round is open.
    modifier whileOpen() {
        if (block.timestamp >= deadline) revert DeadlinePassed();
        _;
    }

    /// @notice Creates the round and its token, minting `budget_` to this contract (R-1.1).
    /// @dev The token is this contract's first creation, so its address is CreateAddress(round, 1).
    /// `admin` gets DEFAULT_ADMIN_ROLE and the three working roles. `threshold_` must be > 0 for
    /// Rule.GreedyThreshold and 0 otherwise (`InvalidRule()`). EIP-712 domain: name
    /// "pbnode BudgetRound", version "2", the chain id and this contract.
    constructor(
        string memory name_,
        string memory symbol_,
        uint256 budget_,
        uint64 deadline_,
        address treasury_,
        address admin,
        Rule rule_,
        uint256 threshold_
    ) EIP712("pbnode BudgetRound", "2") {
        if (treasury_ == address(0) || admin == address(0)) revert ZeroAddress();
        if (budget_ == 0) revert ZeroAmount();
        if (deadline_ <= block.timestamp) revert DeadlineInPast();
        if ((rule_ == Rule.GreedyThreshold) != (threshold_ > 0)) revert InvalidRule();

        name = name_;
        budget = budget_;
        deadline = deadline_;
        treasury = treasury_;
        rule = rule_;
        threshold = threshold_;
        token = new BudgetToken(name_, symbol_, budget_, address(this));

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(TREASURY_ROLE, admin);
        _grantRole(REGISTRAR_ROLE, admin);
        _grantRole(RELAYER_ROLE, admin);
        emit RoundCreated(address(token), name_, budget_, deadline_, treasury_, rule_, threshold_);
    }

    // ---- views ----

    /// @notice An initiative's cost, the tokens in its piggy bank, and whether it was funded.
    /// @dev `received` stays the final total after finalization (R-1.4: every total is public).
    function initiative(uint256 id) external view returns (uint256 cost, uint256 received, bool funded) {
        Initiative storage it = _initiatives[id];
        return (it.cost, it.received, it.funded);
    }

    /// @notice The piggy bank of initiative `id`: the last 20 bytes of keccak256(abi.encode(round, id)).
    function piggyBank(uint256 id) public view returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(address(this), id)))));
    }

    /// @notice Whether eligibility index `index` has claimed its quota (under any root).
    function isClaimed(uint256 index) external view returns (bool) {
        return _claimedWords[index >> 8] & (1 << (index & 0xff)) != 0;
    }

    /// @notice A citizen's materialized account (all zero/false when not materialized).
    function account(address citizen) external view returns (bool materialized, uint256 nonce, uint256 unallocated) {
        Account storage a = _accounts[citizen];
        return (a.materialized, a.nonce, a.unallocated);
    }

    /// @notice How much a materialized `citizen` has in initiative `id`'s piggy bank.
    function allocated(address citizen, uint256 id) external view returns (uint256) {
        return _allocated[citizen][id];
    }

    /// @notice Number of relayed batches that committed first uses; batch ids are 0..claimsBatchCount-1.
    function claimsBatchCount() external view returns (uint256) {
        return _claimsRoots.length;
    }

    /// @notice The root over the first uses that batch `batchId` applied.
    function claimsRoot(uint256 batchId) external view returns (bytes32) {
        if (batchId >= _claimsRoots.length) revert UnknownBatch(batchId);
        return _claimsRoots[batchId];
    }

    /// @notice The funded initiatives' ids in ranking order; empty before finalization (R-1.4).
    function fundedInitiatives() external view returns (uint256[] memory) {
        return _funded;
    }

    /// @notice Eligibility leaf: keccak256(bytes.concat(keccak256(abi.encode(index, citizen, quota)))).
    function eligibilityLeaf(uint256 index, address citizen, uint256 quota) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, citizen, quota))));
    }

    /// @notice Leaf of an applied first use in a batch's claims root:
    /// keccak256(bytes.concat(keccak256(abi.encode(index, citizen, quota, id, amount)))).
    function appliedLeaf(uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount)
        public
        pure
        returns (bytes32)
    {
        return keccak256(bytes.concat(keccak256(abi.encode(index, citizen, quota, id, amount))));
    }

    /// @notice The EIP-712 digest a citizen signs to allocate.
    function hashAllocate(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) external view returns (bytes32) {
        return _digest(ALLOCATE_TYPEHASH, id, amount, nonce, sigDeadline);
    }

    /// @notice The EIP-712 digest a citizen signs to withdraw.
    function hashWithdraw(uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline) external view returns (bytes32) {
        return _digest(WITHDRAW_TYPEHASH, id, amount, nonce, sigDeadline);
    }

    /// @notice The EIP-712 domain separator.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
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

    /// @notice Publishes the eligibility root of `leafCount` citizens (R-1.2): O(1) whatever the count.
    /// @dev REGISTRAR_ROLE, open. Claims already made stay claimed (bitmap by index).
    function setEligibilityRoot(bytes32 root, uint256 leafCount) external onlyRole(REGISTRAR_ROLE) whileOpen {
        if (root == bytes32(0)) revert ZeroRoot();
        eligibilityRoot = root;
        emit EligibilityRootSet(++eligibilityVersion, root, leafCount);
    }

    // ---- citizens, directly ----

    /// @notice Claims the caller's quota (leaf (index, msg.sender, quota) under the current root) and
    /// puts `amount` of it (0 for none) into initiative `id` (R-1.2, R-1.3).
    function claimAndAllocate(uint256 index, uint256 quota, bytes32[] calldata proof, uint256 id, uint256 amount)
        external
        whileOpen
    {
        Account storage a = _accounts[msg.sender];
        if (a.materialized) revert AlreadyMaterialized(msg.sender);
        if (!MerkleProof.verifyCalldata(proof, eligibilityRoot, eligibilityLeaf(index, msg.sender, quota))) {
            revert BadProof();
        }
        _claimOne(index, quota);
        a.materialized = true;
        a.unallocated = uint64(quota);
        emit Claimed(msg.sender, index, quota);
        if (amount > 0) _allocateStored(a, msg.sender, id, amount, true);
    }

    /// @notice Puts `amount` of the caller's unallocated tokens into initiative `id` (R-1.3).
    function allocate(uint256 id, uint256 amount) external whileOpen {
        _allocateStored(_materialized(msg.sender), msg.sender, id, amount, true);
    }

    /// @notice Takes `amount` of the caller's tokens back out of initiative `id` (R-1.3).
    function withdraw(uint256 id, uint256 amount) external whileOpen {
        _withdrawStored(_materialized(msg.sender), msg.sender, id, amount, true);
    }

    /// @notice Moves `amount` of the caller's tokens from initiative `from` to initiative `to` (R-1.3).
    function move(uint256 from, uint256 to, uint256 amount) external whileOpen {
        Account storage a = _materialized(msg.sender);
        _withdrawStored(a, msg.sender, from, amount, true);
        _allocateStored(a, msg.sender, to, amount, true);
    }

    /// @notice Writes the account of a citizen whose first use was relayed in batch `batchId`, by
    /// proving the applied record (index, citizen, quota, id, amount) against `claimsRoot(batchId)`.
    /// Anyone may call it; the account gets nonce 1, unallocated = quota − amount and `amount` in `id`.
    function materialize(
        uint256 batchId,
        uint256 index,
        address citizen,
        uint256 quota,
        uint256 id,
        uint256 amount,
        bytes32[] calldata proof
    ) external whileOpen {
        if (batchId >= _claimsRoots.length) revert UnknownBatch(batchId);
        Account storage a = _accounts[citizen];
        if (a.materialized) revert AlreadyMaterialized(citizen);
        if (!MerkleProof.verifyCalldata(proof, _claimsRoots[batchId], appliedLeaf(index, citizen, quota, id, amount))) {
            revert BadProof();
        }
        a.materialized = true;
        a.nonce = 1;
        a.unallocated = uint64(quota - amount);
        _allocated[citizen][id] = amount;
        emit Materialized(citizen, batchId, quota - amount);
    }

    // ---- relayer ----

    /// @notice Applies citizens' signed records in one transaction (the node pays the gas).
    /// @dev RELAYER_ROLE, open. Any bad record reverts the whole batch: simulate first.
    /// Claims (kind 0) must come in increasing eligibility index order; their leaves are proven
    /// together with one multiproof (`proof`, flags as bits of `proofFlagBits`, bit i of word i/256)
    /// against the current root. A batch with claims commits them as `claimsRoot(batchId)` and
    /// returns batchId; otherwise it returns type(uint256).max.
    function relay(Signed[] calldata records, bytes32[] calldata proof, uint256[] calldata proofFlagBits)
        external
        onlyRole(RELAYER_ROLE)
        whileOpen
        returns (uint256 batchId)
    {
        uint256 n = records.length;
        if (n == 0) revert EmptyBatch();
        Batch memory b;
        b.count = initiativeCount;
        b.delta = new int256[](b.count + 1);
        b.leaves = new bytes32[](n);
        b.applied = new bytes32[](n);
        b.wordIdx = type(uint256).max;

        for (uint256 i; i < n; ++i) {
            _relayOne(b, i, records[i]);
        }
        if (b.wordIdx != type(uint256).max) _claimedWords[b.wordIdx] = b.word;
        _applyDeltas(b.delta);

        batchId = type(uint256).max;
        if (b.claims > 0) {
            uint256 total = distributed + b.claimed;
            if (total > budget) revert OverBudget(total, budget);
            distributed = total;
            bytes32[] memory leaves = b.leaves;
            bytes32[] memory applied = b.applied;
            uint256 claims = b.claims;
            assembly ("memory-safe") {
                mstore(leaves, claims)
                mstore(applied, claims)
            }
            bool[] memory flags = new bool[](claims + proof.length - 1);
            for (uint256 k; k < flags.length; ++k) {
                flags[k] = (proofFlagBits[k >> 8] >> (k & 0xff)) & 1 == 1;
            }
            if (!MerkleProof.multiProofVerify(proof, flags, eligibilityRoot, leaves)) revert BadProof();
            batchId = _claimsRoots.length;
            bytes32 root = _treeRoot(applied);
            _claimsRoots.push(root);
            emit ClaimsCommitted(batchId, root, claims);
        }
    }

    // ---- after the deadline ----

    /// @notice Computes the funded set by the round's rule and returns unspent tokens to the
    /// treasury (R-1.4).
    /// @dev TREASURY_ROLE, once, after the deadline. Ranking: received descending, ties by lower
    /// cost, then lower id. Rules:
    /// - Greedy: candidates received > 0; walk the ranking with remaining = budget, fund each whose
    ///   cost fits (remaining -= cost), skip one that does not (cheaper ones after it may fit).
    /// - GreedyNoSkip: as Greedy, but stop at the first candidate that does not fit.
    /// - GreedyThreshold: as Greedy, candidates received >= threshold.
    /// - PiggyBank: candidates received >= cost; as Greedy (largest piggy bank first) if their costs
    ///   exceed the budget (which cannot happen while sum(received) <= budget, but is coded anyway).
    /// Unfunded piggy banks and the round's balance (undistributed and claimed-but-unallocated
    /// tokens) go to the treasury; funded piggy banks keep their tokens.
    function finalize() external onlyRole(TREASURY_ROLE) {
        if (block.timestamp < deadline) revert DeadlineNotReached();
        if (finalized) revert AlreadyFinalized();
        finalized = true;

        uint256[] memory ranking = _ranking();
        uint256 remaining = budget;
        uint256 fundedCost;
        Rule r = rule;
        for (uint256 i; i < ranking.length; ++i) {
            Initiative storage it = _initiatives[ranking[i]];
            if (it.cost > remaining) {
                if (r == Rule.GreedyNoSkip) break;
                continue;
            }
            remaining -= it.cost;
            fundedCost += it.cost;
            it.funded = true;
            _funded.push(ranking[i]);
            emit InitiativeFunded(ranking[i], it.cost, it.received);
        }

        uint256 returned;
        for (uint256 id = 1; id <= initiativeCount; ++id) {
            Initiative storage it = _initiatives[id];
            if (it.funded || it.received == 0) continue;
            token.move(piggyBank(id), treasury, it.received);
            returned += it.received;
        }
        uint256 rest = token.balanceOf(address(this));
        if (rest > 0) {
            token.move(address(this), treasury, rest);
            returned += rest;
        }
        emit Finalized(_funded, fundedCost, returned);
    }

    // ---- internal ----

    /// @dev Working state of one relayed batch.
    struct Batch {
        uint256 count;
        int256[] delta;
        bytes32[] leaves;
        bytes32[] applied;
        uint256 claims;
        uint256 claimed;
        uint256 wordIdx;
        uint256 word;
    }

    function _relayOne(Batch memory b, uint256 i, Signed calldata rec) private {
        uint256 head = rec.head;
        uint256 amount = uint64(head);
        uint256 field = uint64(head >> 64);
        uint256 id = uint16(head >> 128);
        uint256 sigDeadline = uint40(head >> 176);
        uint256 kind = uint8(head >> 216);
        if (block.timestamp > sigDeadline) revert SignatureExpired(i);
        if (id == 0 || id > b.count) revert UnknownInitiative(id);
        if (amount == 0) revert ZeroAmount();

        if (kind == KIND_CLAIM_ALLOCATE) {
            address citizen = _recover(i, _digest(ALLOCATE_TYPEHASH, id, amount, 0, sigDeadline), rec);
            uint256 index = uint32(head >> 144);
            if (amount > field) revert InsufficientBalance(field, amount);
            uint256 w = index >> 8;
            uint256 bit = 1 << (index & 0xff);
            if (w != b.wordIdx) {
                if (b.wordIdx != type(uint256).max) _claimedWords[b.wordIdx] = b.word;
                b.wordIdx = w;
                b.word = _claimedWords[w];
            }
            if (b.word & bit != 0) revert AlreadyClaimed(index);
            b.word |= bit;
            b.leaves[b.claims] = eligibilityLeaf(index, citizen, field);
            b.applied[b.claims] = appliedLeaf(index, citizen, field, id, amount);
            ++b.claims;
            b.claimed += field;
            b.delta[id] += int256(amount);
            emit Claimed(citizen, index, field);
            emit Allocated(citizen, id, amount);
        } else if (kind == KIND_ALLOCATE || kind == KIND_WITHDRAW) {
            bool isAllocate = kind == KIND_ALLOCATE;
            address citizen = _recover(
                i, _digest(isAllocate ? ALLOCATE_TYPEHASH : WITHDRAW_TYPEHASH, id, amount, field, sigDeadline), rec
            );
            Account storage a = _materialized(citizen);
            if (a.nonce != field) revert BadNonce(citizen, a.nonce, field);
            a.nonce = uint64(field + 1);
            if (isAllocate) {
                _allocateStored(a, citizen, id, amount, false);
                b.delta[id] += int256(amount);
            } else {
                _withdrawStored(a, citizen, id, amount, false);
                b.delta[id] -= int256(amount);
            }
        } else {
            revert BadRecordKind(i);
        }
    }

    function _claimOne(uint256 index, uint256 quota) private {
        if (quota > type(uint64).max) revert QuotaTooLarge(quota);
        uint256 w = index >> 8;
        uint256 bit = 1 << (index & 0xff);
        uint256 word = _claimedWords[w];
        if (word & bit != 0) revert AlreadyClaimed(index);
        _claimedWords[w] = word | bit;
        uint256 total = distributed + quota;
        if (total > budget) revert OverBudget(total, budget);
        distributed = total;
    }

    function _materialized(address citizen) private view returns (Account storage a) {
        a = _accounts[citizen];
        if (!a.materialized) revert NotMaterialized(citizen);
    }

    function _allocateStored(Account storage a, address citizen, uint256 id, uint256 amount, bool moveNow) private {
        if (id == 0 || id > initiativeCount) revert UnknownInitiative(id);
        if (amount == 0) revert ZeroAmount();
        uint256 available = a.unallocated;
        if (available < amount) revert InsufficientBalance(available, amount);
        a.unallocated = uint64(available - amount);
        _allocated[citizen][id] += amount;
        if (moveNow) {
            _initiatives[id].received += amount;
            token.move(address(this), piggyBank(id), amount);
        }
        emit Allocated(citizen, id, amount);
    }

    function _withdrawStored(Account storage a, address citizen, uint256 id, uint256 amount, bool moveNow) private {
        if (id == 0 || id > initiativeCount) revert UnknownInitiative(id);
        if (amount == 0) revert ZeroAmount();
        uint256 available = _allocated[citizen][id];
        if (available < amount) revert InsufficientAllocation(available, amount);
        _allocated[citizen][id] = available - amount;
        a.unallocated += uint64(amount);
        if (moveNow) {
            _initiatives[id].received -= amount;
            token.move(piggyBank(id), address(this), amount);
        }
        emit Withdrawn(citizen, id, amount);
    }

    /// @dev Applies a batch's net per-initiative change to the totals and moves the tokens once per
    /// initiative (the round's Allocated/Withdrawn events carry the per-citizen detail).
    function _applyDeltas(int256[] memory delta) private {
        for (uint256 id = 1; id < delta.length; ++id) {
            int256 d = delta[id];
            if (d > 0) {
                _initiatives[id].received += uint256(d);
                token.move(address(this), piggyBank(id), uint256(d));
            } else if (d < 0) {
                _initiatives[id].received -= uint256(-d);
                token.move(piggyBank(id), address(this), uint256(-d));
            }
        }
    }

    function _digest(bytes32 typehash, uint256 id, uint256 amount, uint256 nonce, uint256 sigDeadline)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(typehash, address(this), id, amount, nonce, sigDeadline)));
    }

    function _recover(uint256 i, bytes32 digest, Signed calldata rec) private pure returns (address signer) {
        ECDSA.RecoverError err;
        (signer, err,) = ECDSA.tryRecover(digest, rec.r, rec.vs);
        if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
    }

    /// @dev Root of an OpenZeppelin SimpleMerkleTree over `leaves` (sortLeaves: false): heap layout
    /// with leaf i at tree[2n-2-i] and node k = commutativeKeccak256(tree[2k+1], tree[2k+2]).
    function _treeRoot(bytes32[] memory leaves) private pure returns (bytes32) {
        uint256 n = leaves.length;
        bytes32[] memory tree = new bytes32[](2 * n - 1);
        for (uint256 i; i < n; ++i) {
            tree[2 * n - 2 - i] = leaves[i];
        }
        for (uint256 k = n - 1; k > 0; --k) {
            tree[k - 1] = Hashes.commutativeKeccak256(tree[2 * k - 1], tree[2 * k]);
        }
        return tree[0];
    }

    /// @dev Candidate ids by received descending, then cost ascending, then id ascending.
    function _ranking() private view returns (uint256[] memory ranking) {
        uint256 n;
        ranking = new uint256[](initiativeCount);
        Rule r = rule;
        for (uint256 id = 1; id <= initiativeCount; ++id) {
            Initiative storage it = _initiatives[id];
            uint256 received = it.received;
            if (received == 0) continue;
            if (r == Rule.GreedyThreshold && received < threshold) continue;
            if (r == Rule.PiggyBank && received < it.cost) continue;
            uint256 cost = it.cost;
            uint256 j = n;
            // Ids arrive in increasing order: strict comparisons keep full ties by lower id.
            while (j > 0) {
                Initiative storage prev = _initiatives[ranking[j - 1]];
                if (prev.received > received || (prev.received == received && prev.cost <= cost)) break;
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
