// scripts/gas-v2.mjs — gas of BudgetRound v2 against two baselines built from stock OpenZeppelin
// contracts, all in one Hardhat (EDR, hardfork osaka) process:
//
//   (a) BaselineToken: ERC20 mint to the citizen, then the citizen's transfer to a piggy bank;
//   (b) BaselineAirdrop: MerkleProof + BitMaps claim, then the citizen's transfer to a piggy bank;
//   v2: BudgetRound.relay with first uses (claim + allocate, EIP-712, ERC-2098, one multiproof)
//       in batches of 1, 50 and 500 sorted by eligibility index, and setEligibilityRoot for 10 and
//       1,000,000 citizens.
//
// Run:  source scripts/node-env.sh && npx hardhat run scripts/gas-v2.mjs
// Env:  GAS_TREE_SIZE (default 1000000) eligible citizens in the tree the batches prove against.
//
// The eligibility tree is a real StandardMerkleTree (leaf (index, address, quota), unsorted) of
// GAS_TREE_SIZE leaves, built here with the same layout as @openzeppelin/merkle-tree (checked
// against it on a small tree) because the library takes minutes for a million leaves.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 as keccakBytes } from "ethereum-cryptography/keccak.js";
import { network } from "hardhat";

import { claimRecord, domain, packFlags } from "../contracts/test/helpers/round-v2.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const N = Number(process.env.GAS_TREE_SIZE ?? 1_000_000);
const QUOTA = 1000n;
const TX_GAS_CAP = 16_777_216n;
const TX_SIZE_CAP = 128 * 1024;

// ---- a StandardMerkleTree of N leaves in a flat byte array (heap layout, leaf i at 2N-2-i) ----

function u256(buf, off, v) {
  for (let k = 31; k >= 0; k--) {
    buf[off + k] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function leafHash(index, address, quota) {
  const enc = new Uint8Array(96);
  u256(enc, 0, BigInt(index));
  enc.set(ethers.getBytes(address), 44);
  u256(enc, 64, quota);
  return keccakBytes(keccakBytes(enc));
}

function less(a, b) {
  for (let k = 0; k < 32; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}

function buildTree(n, addressOf) {
  const tree = new Uint8Array((2 * n - 1) * 32);
  const node = (i) => tree.subarray(i * 32, i * 32 + 32);
  for (let i = 0; i < n; i++) tree.set(leafHash(i, addressOf(i), QUOTA), (2 * n - 2 - i) * 32);
  const pair = new Uint8Array(64);
  for (let i = n - 2; i >= 0; i--) {
    const a = node(2 * i + 1);
    const b = node(2 * i + 2);
    if (less(b, a)) {
      pair.set(b, 0);
      pair.set(a, 32);
    } else {
      pair.set(a, 0);
      pair.set(b, 32);
    }
    tree.set(keccakBytes(pair), i * 32);
  }
  return { n, root: ethers.hexlify(node(0)), node: (i) => ethers.hexlify(node(i)) };
}

// Multiproof for leaf positions (ascending), as @openzeppelin/merkle-tree's getMultiProof.
function getMultiProof(t, positions) {
  const sibling = (i) => i - (-1) ** (i % 2);
  const parent = (i) => Math.floor((i - 1) / 2);
  const stack = positions.map((p) => 2 * t.n - 2 - p).sort((a, b) => b - a);
  const proof = [];
  const flags = [];
  while (stack.length > 0 && stack[0] > 0) {
    const j = stack.shift();
    const s = sibling(j);
    if (s === stack[0]) {
      flags.push(true);
      stack.shift();
    } else {
      flags.push(false);
      proof.push(t.node(s));
    }
    stack.push(parent(j));
  }
  return { proof, flagBits: packFlags(flags) };
}

function dummyAddress(i) {
  return ethers.getAddress("0x" + (0x10000000 + i).toString(16).padStart(40, "a"));
}

// ---- participants ----

// Every batch runs on its own round after a warm-up batch (citizens N-5..N-1, one per initiative)
// so that totals, piggy banks and the claims-root array are no longer zero, as mid-round. "Random
// indices" are 500 of the whole population, sorted; "words touched" first claims each one's
// neighbour (index+1) in a separate batch, so that every bitmap word is already non-zero.
const randomIdx = randomSorted(500, 5000, N - 10);
const batches = [
  { name: "v2 relay, batch of 1", indices: [10] },
  { name: "v2 relay, batch of 50 (consecutive indices)", indices: range(100, 50) },
  { name: "v2 relay, batch of 500 (consecutive indices)", indices: range(1000, 500) },
  { name: "v2 relay, batch of 500 (random indices, sorted, fresh bitmap words)", indices: randomIdx },
  { name: "v2 relay, batch of 250 (random indices, sorted, fresh bitmap words)", indices: randomIdx.slice(0, 250) },
  {
    name: "v2 relay, batch of 500 (random indices, sorted, bitmap words touched)",
    indices: randomIdx,
    pre: randomIdx.map((i) => i + 1).filter((i) => !randomIdx.includes(i) && i >> 8 === (i - 1) >> 8),
  },
];
const warmup = range(N - 5, 5);

function range(from, count) {
  return Array.from({ length: count }, (_, k) => from + k);
}

function randomSorted(count, from, to) {
  let x = 12345;
  const set = new Set();
  while (set.size < count) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 1; // 31-bit LCG step (deterministic)
    set.add(from + (x % (to - from)));
  }
  return [...set].sort((a, b) => a - b);
}

const wallets = new Map();
for (const i of [...warmup, ...batches.flatMap((b) => [...b.indices, ...(b.pre ?? [])])]) {
  if (!wallets.has(i)) wallets.set(i, new ethers.Wallet(ethers.id(`pbnode-gas-${i}`)));
}
const addressOf = (i) => (wallets.has(i) ? wallets.get(i).address : dummyAddress(i));

// Cross-check the builder against @openzeppelin/merkle-tree on a small tree.
{
  const small = 37;
  const lib = StandardMerkleTree.of(
    range(0, small).map((i) => [BigInt(i), addressOf(i), QUOTA]),
    ["uint256", "address", "uint256"],
    { sortLeaves: false },
  );
  const mine = buildTree(small, addressOf);
  if (lib.root !== mine.root) throw new Error(`tree builder differs: ${lib.root} vs ${mine.root}`);
  const mp = getMultiProof(mine, [3, 10, 11, 30]);
  const libMp = lib.getMultiProof([3, 10, 11, 30]);
  if (JSON.stringify(mp.proof) !== JSON.stringify(libMp.proof)) throw new Error("multiproof builder differs");
}

let t0 = Date.now();
const tree = buildTree(N, addressOf);
console.error(`built a ${N}-leaf eligibility tree in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const [admin, treasury] = await ethers.getSigners();
const rows = [];
const receiptOf = async (txp) => (await txp).wait();

async function newRound(budget) {
  const deadline = (await time.latest()) + 30 * 86400;
  const round = await ethers.deployContract("BudgetRoundV2", [
    "Gas",
    "GAS",
    budget,
    deadline,
    treasury.address,
    admin.address,
    0n,
    0n,
  ]);
  for (let k = 0; k < 5; k++) await round.registerInitiative(1_000_000n);
  const { chainId } = await ethers.provider.getNetwork();
  return { round, deadline, dom: domain(chainId, await round.getAddress()) };
}

// ---- distribution: setting the root ----
{
  const ten = StandardMerkleTree.of(
    range(0, 10).map((i) => [BigInt(i), dummyAddress(i), QUOTA]),
    ["uint256", "address", "uint256"],
    { sortLeaves: false },
  );
  for (const [label, root, count] of [
    ["v2 distribution: setEligibilityRoot, 10 citizens", ten.root, 10n],
    [`v2 distribution: setEligibilityRoot, ${N.toLocaleString("en")} citizens`, tree.root, BigInt(N)],
    ["v2 distribution: setEligibilityRoot, 1,000,000 citizens (leafCount)", tree.root, 1_000_000n],
  ]) {
    const { round } = await newRound(QUOTA * BigInt(N));
    const r = await receiptOf(round.setEligibilityRoot(root, count));
    rows.push({ what: label, citizens: Number(count), total: r.gasUsed, perCitizen: null });
  }
}

// Baseline citizens: the bench wallets at eligibility indices 100..109, funded to send their own txs.
const baselineIdx = range(100, 10);
const baselineCitizens = baselineIdx.map((i) => wallets.get(i).connect(ethers.provider));
for (const c of baselineCitizens) await networkHelpers.setBalance(c.address, 10n ** 20n);

// ---- baseline (a): ERC20 mint, then transfer ----
{
  const token = await ethers.deployContract("BaselineToken", [admin.address]);
  const citizens = baselineCitizens;
  let total = 0n;
  for (const c of citizens) {
    total += (await receiptOf(token.mint(c.address, QUOTA))).gasUsed;
    total += (await receiptOf(token.connect(c).transfer(ethers.id("piggy-1").slice(0, 42), QUOTA))).gasUsed;
  }
  rows.push({ what: "baseline (a): ERC20 mint + transfer, per citizen", citizens: citizens.length, total, perCitizen: total / BigInt(citizens.length) });
}

// ---- baseline (b): MerkleProof airdrop claim, then transfer ----
{
  // The same eligibility tree: the citizens are its leaves 100..109.
  const citizens = baselineCitizens;
  const airTree = tree;
  const token = await ethers.deployContract("BaselineToken", [admin.address]);
  const drop = await ethers.deployContract("BaselineAirdrop", [await token.getAddress(), airTree.root]);
  await token.mint(await drop.getAddress(), QUOTA * BigInt(N));
  let total = 0n;
  for (let i = 0; i < citizens.length; i++) {
    const idx = baselineIdx[i];
    const proof = getMultiProof(airTree, [idx]).proof; // a single-leaf multiproof is the plain proof
    total += (await receiptOf(drop.connect(citizens[i]).claim(idx, citizens[i].address, QUOTA, proof))).gasUsed;
    total += (await receiptOf(token.connect(citizens[i]).transfer(ethers.id("piggy-1").slice(0, 42), QUOTA))).gasUsed;
  }
  rows.push({
    what: `baseline (b): MerkleProof claim (tree of ${N.toLocaleString("en")}) + transfer, per citizen`,
    citizens: citizens.length,
    total,
    perCitizen: total / BigInt(citizens.length),
  });
}

async function relayClaims(round, dom, deadline, indices) {
  const records = [];
  for (const [k, i] of indices.entries()) {
    const id = BigInt(1 + (k % 5));
    records.push(await claimRecord(wallets.get(i), dom, { index: BigInt(i), quota: QUOTA, id, amount: QUOTA, deadline }));
  }
  const mp = getMultiProof(tree, indices);
  return (await round.relay(records, mp.proof, mp.flagBits, { gasLimit: TX_GAS_CAP })).wait();
}

// ---- v2: relayed first uses (claim + allocate) ----
for (const b of batches) {
  const { round, deadline, dom } = await newRound(QUOTA * BigInt(N));
  await round.setEligibilityRoot(tree.root, BigInt(N));
  await relayClaims(round, dom, deadline, warmup);
  // Fresh words cost about 40k gas per claim: warm them in batches of 150 to stay under the cap.
  for (let k = 0; b.pre && k < b.pre.length; k += 150) await relayClaims(round, dom, deadline, b.pre.slice(k, k + 150));
  const records = [];
  for (const [k, i] of b.indices.entries()) {
    const id = BigInt(1 + (k % 5));
    records.push(await claimRecord(wallets.get(i), dom, { index: BigInt(i), quota: QUOTA, id, amount: QUOTA, deadline }));
  }
  const mp = getMultiProof(tree, b.indices);
  const data = round.interface.encodeFunctionData("relay", [records, mp.proof, mp.flagBits]);
  const calldataBytes = (data.length - 2) / 2;
  let tx;
  try {
    tx = await round.relay(records, mp.proof, mp.flagBits, { gasLimit: TX_GAS_CAP });
  } catch (e) {
    rows.push({ what: `${b.name}: does not fit, ${e.shortMessage ?? e.message.split("\n")[0]}`, citizens: b.indices.length, total: null, perCitizen: null, calldataBytes });
    continue;
  }
  const r = await tx.wait();
  // Size of the signed transaction (type 2): its unsigned encoding plus a 65-byte signature (+2 RLP).
  const unsigned = ethers.Transaction.from({
    type: 2,
    chainId: tx.chainId,
    nonce: tx.nonce,
    gasLimit: tx.gasLimit,
    maxFeePerGas: tx.maxFeePerGas,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    to: tx.to,
    value: 0n,
    data: tx.data,
  });
  const txBytes = ethers.getBytes(unsigned.unsignedSerialized).length + 67;
  const over = [];
  if (r.gasUsed > TX_GAS_CAP) over.push("OVER the per-transaction gas cap");
  if (txBytes > TX_SIZE_CAP) over.push("OVER the 128 KB tx size: geth's pool would refuse it");
  rows.push({
    what: over.length ? `${b.name} — ${over.join("; ")}` : b.name,
    citizens: b.indices.length,
    total: r.gasUsed,
    perCitizen: r.gasUsed / BigInt(b.indices.length),
    calldataBytes,
    txBytes,
  });
}

// ---- table ----
const fmt = (v) => (v === null || v === undefined ? "" : Number(v).toLocaleString("en"));
console.log("| measurement | citizens | gas total | gas per citizen | calldata bytes | tx bytes |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.what} | ${fmt(r.citizens)} | ${fmt(r.total)} | ${fmt(r.perCitizen)} | ${fmt(r.calldataBytes)} | ${fmt(r.txBytes)} |`);
}
console.log(`\nper-transaction gas cap ${fmt(TX_GAS_CAP)}; tx size cap ${fmt(TX_SIZE_CAP)} bytes`);
