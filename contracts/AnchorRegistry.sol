// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title AnchorRegistry: append-only Merkle roots of published data sets
/// @notice Each record pins a data set that pbnode publishes (for example a poll's counted votes,
/// R-3.7, or a renovation vote's receipts, R-4.8) by its Merkle root, leaf count and SHA-256, so
/// that anyone can check the published file and their own receipt against the chain alone, as
/// budget rounds are (R-1.5). Records are never changed or removed.
contract AnchorRegistry is AccessControl {
    /// @notice Role allowed to append anchors.
    bytes32 public constant ANCHOR_ROLE = keccak256("ANCHOR_ROLE");

    /// @notice One anchored data set.
    /// @param kind What was anchored (e.g. keccak256("poll")).
    /// @param subjectId Which poll, vote or round it belongs to.
    /// @param root Merkle root (OpenZeppelin StandardMerkleTree format) of the data set.
    /// @param leafCount Number of leaves in the tree.
    /// @param datasetSha256 SHA-256 of the published data set file.
    /// @param timestamp Block timestamp when it was anchored.
    struct Anchor {
        bytes32 kind;
        bytes32 subjectId;
        bytes32 root;
        uint64 leafCount;
        bytes32 datasetSha256;
        uint64 timestamp;
    }

    /// @dev Per (kind, subjectId): how many anchors and the index of the newest one.
    struct Subject {
        uint256 count;
        uint256 last;
    }

    Anchor[] private _anchors;
    mapping(bytes32 kind => mapping(bytes32 subjectId => Subject)) private _subjects;
    mapping(bytes32 key => bool) private _anchored;

    /// @notice The root is zero.
    error ZeroRoot();
    /// @notice This (kind, subjectId, root) was anchored before; records are never overwritten.
    error AlreadyAnchored(bytes32 kind, bytes32 subjectId, bytes32 root);
    /// @notice There is no such anchor (no anchor for the subject, or an index out of range).
    error NoAnchor();

    /// @notice A data set was anchored at `index`.
    event Anchored(
        uint256 indexed index,
        bytes32 indexed kind,
        bytes32 indexed subjectId,
        bytes32 root,
        uint64 leafCount,
        bytes32 datasetSha256
    );

    /// @notice Grants `admin` DEFAULT_ADMIN_ROLE and ANCHOR_ROLE.
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHOR_ROLE, admin);
    }

    /// @notice Appends an anchor and returns its index (0, 1, 2, …).
    /// @dev ANCHOR_ROLE. Reverts `ZeroRoot()` and, for a (kind, subjectId, root) already
    /// anchored, `AlreadyAnchored` (append-only, no overwrite).
    function anchor(bytes32 kind, bytes32 subjectId, bytes32 root, uint64 leafCount, bytes32 datasetSha256)
        external
        onlyRole(ANCHOR_ROLE)
        returns (uint256 index)
    {
        if (root == bytes32(0)) revert ZeroRoot();
        bytes32 key = keccak256(abi.encode(kind, subjectId, root));
        if (_anchored[key]) revert AlreadyAnchored(kind, subjectId, root);
        _anchored[key] = true;

        index = _anchors.length;
        _anchors.push(Anchor(kind, subjectId, root, leafCount, datasetSha256, uint64(block.timestamp)));
        Subject storage s = _subjects[kind][subjectId];
        s.count += 1;
        s.last = index;
        emit Anchored(index, kind, subjectId, root, leafCount, datasetSha256);
    }

    /// @notice Number of anchors of all kinds and subjects.
    function anchorCount() external view returns (uint256) {
        return _anchors.length;
    }

    /// @notice The anchor at `index`; reverts `NoAnchor()` when out of range.
    function anchorAt(uint256 index) external view returns (Anchor memory) {
        if (index >= _anchors.length) revert NoAnchor();
        return _anchors[index];
    }

    /// @notice Number of anchors for (kind, subjectId).
    function countFor(bytes32 kind, bytes32 subjectId) external view returns (uint256) {
        return _subjects[kind][subjectId].count;
    }

    /// @notice The newest anchor for (kind, subjectId); reverts `NoAnchor()` if there is none.
    function latest(bytes32 kind, bytes32 subjectId) external view returns (Anchor memory) {
        Subject storage s = _subjects[kind][subjectId];
        if (s.count == 0) revert NoAnchor();
        return _anchors[s.last];
    }
}
