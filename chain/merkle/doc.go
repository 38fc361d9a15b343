// Package merkle builds OpenZeppelin-compatible Merkle trees for BudgetRoundV2
// the eligibility tree of (index, citizen, quota) leaves
// published with setEligibilityRoot, and the claims tree a relayed batch
// commits as claimsRoot(batchId).
//
// Trees match @openzeppelin/merkle-tree 1.0.8 built with sortLeaves: false
// over pre-hashed leaves: a heap array of 2n-1 nodes, leaf i at tree[2n-2-i],
// node k = commutative keccak256 of tree[2k+1] and tree[2k+2] (the smaller
// hash first). StandardMerkleTree.of(values, ["uint256","address","uint256"],
// {sortLeaves: false}) has the leaves EligibilityLeaf returns;
// SimpleMerkleTree.of(leaves, {sortLeaves: false}) takes them as they are. The
// fixtures in testdata come from the JS library (scripts/roundv2-fixtures.mjs).
//
// A tree is one flat []common.Hash of 2n-1 nodes, its levels hashed on all
// CPUs: for a city of two million citizens New takes about 0.4 s on two
// cores and 128 MB (hashing the leaves, about 0.6 µs each, is the caller's).
package merkle
