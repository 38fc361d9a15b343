// Helpers for BudgetRound v2 in tests and scripts/gas-v2.mjs: eligibility trees
// (StandardMerkleTree of (index, address, quota), unsorted, in index order), EIP-712 compact
// signatures (ERC-2098) and relayed records packed as BudgetRound.Signed.
import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { AbiCoder, Signature, keccak256, concat } from "ethers";

export const LEAF_ENCODING = ["uint256", "address", "uint256"];
export const KIND = { CLAIM: 0n, ALLOCATE: 1n, WITHDRAW: 2n };
export const RULE = { Greedy: 0n, GreedyNoSkip: 1n, GreedyThreshold: 2n, PiggyBank: 3n };

const coder = AbiCoder.defaultAbiCoder();

/** entries: [{ index, address, quota }] → StandardMerkleTree, leaves in the given (index) order. */
export function eligibilityTree(entries) {
  return StandardMerkleTree.of(
    entries.map((e) => [BigInt(e.index), e.address, BigInt(e.quota)]),
    LEAF_ENCODING,
    { sortLeaves: false },
  );
}

/** The proof of the entry at position `pos` of the tree's values. */
export function proofAt(tree, pos) {
  return tree.getProof(pos);
}

/** Multiproof for the values at positions `positions` (ascending index order), flags packed as bits. */
export function multiProof(tree, positions) {
  const mp = tree.getMultiProof(positions);
  return { leaves: mp.leaves, proof: mp.proof, flagBits: packFlags(mp.proofFlags) };
}

export function packFlags(flags) {
  const words = new Array(Math.max(1, Math.ceil(flags.length / 256))).fill(0n);
  flags.forEach((f, k) => {
    if (f) words[k >> 8] |= 1n << BigInt(k & 0xff);
  });
  return words;
}

export function appliedLeaf(index, address, quota, id, amount) {
  return keccak256(
    concat([keccak256(coder.encode(["uint256", "address", "uint256", "uint256", "uint256"], [index, address, quota, id, amount]))]),
  );
}

/** The claims root a relayed batch commits: SimpleMerkleTree of applied leaves, batch order, unsorted. */
export function claimsTree(applied) {
  return SimpleMerkleTree.of(
    applied.map((a) => appliedLeaf(a.index, a.address, a.quota, a.id, a.amount)),
    { sortLeaves: false },
  );
}

export function domain(chainId, verifyingContract) {
  return { name: "pbnode BudgetRound", version: "2", chainId, verifyingContract };
}

const fields = [
  { name: "round", type: "address" },
  { name: "initiative", type: "uint256" },
  { name: "amount", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
];
export const TYPES = { Allocate: { Allocate: fields }, Withdraw: { Withdraw: fields } };

/** Signs Allocate or Withdraw and returns { r, vs } (ERC-2098). */
export async function signCompact(wallet, dom, type, msg) {
  const sig = await wallet.signTypedData(dom, TYPES[type], { round: dom.verifyingContract, ...msg });
  const s = Signature.from(sig);
  return { r: s.r, vs: s.yParityAndS };
}

export function packHead({ kind, amount, quotaOrNonce = 0n, id, index = 0n, deadline }) {
  return (
    BigInt(amount) |
    (BigInt(quotaOrNonce) << 64n) |
    (BigInt(id) << 128n) |
    (BigInt(index) << 144n) |
    (BigInt(deadline) << 176n) |
    (BigInt(kind) << 216n)
  );
}

/** A signed first use: claim `quota` at `index` and allocate `amount` to `id` (nonce 0). */
export async function claimRecord(wallet, dom, { index, quota, id, amount, deadline }) {
  const { r, vs } = await signCompact(wallet, dom, "Allocate", { initiative: id, amount, nonce: 0n, deadline });
  return { head: packHead({ kind: KIND.CLAIM, amount, quotaOrNonce: quota, id, index, deadline }), r, vs };
}

/** A signed Allocate or Withdraw of a materialized account with `nonce`. */
export async function opRecord(wallet, dom, type, { id, amount, nonce, deadline }) {
  const { r, vs } = await signCompact(wallet, dom, type, { initiative: id, amount, nonce, deadline });
  const kind = type === "Allocate" ? KIND.ALLOCATE : KIND.WITHDRAW;
  return { head: packHead({ kind, amount, quotaOrNonce: nonce, id, deadline }), r, vs };
}

/**
 * The funded set as BudgetRound.finalize computes it, from initiatives
 * [{ id, cost, received }]: ranking by received desc, cost asc, id asc.
 */
export function fundedSet(budget, rule, threshold, items) {
  let cands = items.filter((x) => x.received > 0n);
  if (rule === RULE.GreedyThreshold) cands = cands.filter((x) => x.received >= threshold);
  if (rule === RULE.PiggyBank) cands = cands.filter((x) => x.received >= x.cost);
  cands.sort((a, b) =>
    a.received !== b.received ? (b.received > a.received ? 1 : -1) : a.cost !== b.cost ? (a.cost < b.cost ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
  let remaining = budget;
  const funded = [];
  for (const c of cands) {
    if (c.cost > remaining) {
      if (rule === RULE.GreedyNoSkip) break;
      continue;
    }
    remaining -= c.cost;
    funded.push(c.id);
  }
  return funded;
}
