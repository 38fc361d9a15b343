// scripts/audit-v2.mjs — an outside auditor's check of one BudgetRoundV2 round, from the chain alone
// (R-1.5: anyone can recompute every figure of a round without trusting the city or its node).
//
//   source scripts/node-env.sh
//   node scripts/audit-v2.mjs --rpc URL --round 0xADDR [--json] [--from-block N] [--chunk N]
//
// Written independently of pbnode's Go code and of the Hardhat build: it needs only ethers v6 and
// @openzeppelin/merkle-tree, and declares the few ABI fragments it uses below, copied by hand from
// contracts/BudgetRoundV2.sol (see also docs/CONTRACTS-V2.md). Everything is read as of one block
// (the head when the audit starts):
//
//   1. views of the round and its token (budget, distributed(), initiative(id), balances, …);
//   2. every log of the round from its creation block (or --from-block), by eth_getLogs in block
//      chunks (a chunk the provider refuses as too large is split in halves and retried);
//   3. every transaction that emitted a citizen event (Claimed, Allocated, Withdrawn,
//      ClaimsCommitted, Materialized): its calldata is decoded, so relayed EIP-712 signatures and
//      Merkle proofs can be verified again here. A call made through another contract (a multisig,
//      a forwarder) is found with debug_traceTransaction's callTracer when the node offers it.
//
// It then recomputes, independently of the contract's own bookkeeping:
//   - supply: token totalSupply() == budget (R-1.1);
//   - distributed = Σ Claimed.quota == distributed() ≤ budget; no eligibility index and no address
//     claimed twice (R-1.2);
//   - every claim proven against the eligibility root published (EligibilityRootSet) before it;
//   - every relayed record: head unpacked, EIP-712 digest recomputed, signer recovered from the
//     ERC-2098 compact signature (r, vs) and compared with the citizen of the event it produced;
//     nonces consecutive per citizen, signature deadlines not passed;
//   - each ClaimsCommitted root == the OpenZeppelin SimpleMerkleTree root (sortLeaves: false, batch
//     order) of that batch's applied first uses, rebuilt from its Claimed + Allocated events, and
//     == claimsRoot(batchId); each Materialized matches an applied record of its batch;
//   - per citizen: never more allocated than claimed, never more withdrawn than allocated (R-1.3);
//   - received[id] = Σ Allocated − Σ Withdrawn == initiative(id).received == the piggy bank's token
//     balance (before finalization; after it, funded piggy banks keep theirs, unfunded hold 0);
//   - the funded set under the round's rule, exactly as BudgetRoundV2.finalize computes it (R-1.4)
//     == Finalized.funded == fundedInitiatives() == the InitiativeFunded events;
//   - Finalized.returnedToTreasury + Σ received(funded) == budget == the treasury's balance + the
//     funded piggy banks' balances.
//
// Output: one line per check, then "RESULT: OK, everything agrees" (exit 0) or
// "RESULT: FAILED (n findings)" (exit 1); with --json one JSON object (amounts as decimal strings).
// Exit 2: wrong arguments or the chain cannot be read.
//
// As a library: `audit(provider, roundAddress, opts)` returns the JSON object; `collect` (chain →
// plain data) and `analyze` (plain data → report, no I/O) are exported separately so that the
// recomputation can be tested on doctored data.

import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import {
  AbiCoder,
  Contract,
  Interface,
  JsonRpcProvider,
  Signature,
  TypedDataEncoder,
  getAddress,
  keccak256,
  recoverAddress,
} from "ethers";

// ---------------------------------------------------------------------------------------------
// ABI fragments (human-readable, from contracts/BudgetRoundV2.sol and contracts/BudgetToken.sol).

const ROUND_VIEWS = [
  "function token() view returns (address)",
  "function name() view returns (string)",
  "function budget() view returns (uint256)",
  "function deadline() view returns (uint64)",
  "function treasury() view returns (address)",
  "function rule() view returns (uint8)",
  "function threshold() view returns (uint256)",
  "function distributed() view returns (uint256)",
  "function initiativeCount() view returns (uint256)",
  "function finalized() view returns (bool)",
  "function initiative(uint256 id) view returns (uint256 cost, uint256 received, bool funded)",
  "function piggyBank(uint256 id) view returns (address)",
  "function fundedInitiatives() view returns (uint256[])",
  "function eligibilityRoot() view returns (bytes32)",
  "function eligibilityVersion() view returns (uint256)",
  "function claimsBatchCount() view returns (uint256)",
  "function claimsRoot(uint256 batchId) view returns (bytes32)",
];

const ROUND_EVENTS = [
  "event RoundCreated(address indexed token, string name, uint256 budget, uint64 deadline, address treasury, uint8 rule, uint256 threshold)",
  "event InitiativeRegistered(uint256 indexed id, uint256 cost, address piggyBank)",
  "event EligibilityRootSet(uint256 indexed version, bytes32 root, uint256 leafCount)",
  "event Claimed(address indexed citizen, uint256 indexed index, uint256 quota)",
  "event Allocated(address indexed citizen, uint256 indexed id, uint256 amount)",
  "event Withdrawn(address indexed citizen, uint256 indexed id, uint256 amount)",
  "event ClaimsCommitted(uint256 indexed batchId, bytes32 root, uint256 claims)",
  "event Materialized(address indexed citizen, uint256 indexed batchId, uint256 unallocated)",
  "event InitiativeFunded(uint256 indexed id, uint256 cost, uint256 received)",
  "event Finalized(uint256[] funded, uint256 fundedCost, uint256 returnedToTreasury)",
];

// The round's state-changing functions, to decode transactions' calldata.
const ROUND_CALLS = [
  "function relay((uint256 head, bytes32 r, bytes32 vs)[] records, bytes32[] proof, uint256[] proofFlagBits) returns (uint256)",
  "function claimAndAllocate(uint256 index, uint256 quota, bytes32[] proof, uint256 id, uint256 amount)",
  "function allocate(uint256 id, uint256 amount)",
  "function withdraw(uint256 id, uint256 amount)",
  "function move(uint256 from, uint256 to, uint256 amount)",
  "function materialize(uint256 batchId, uint256 index, address citizen, uint256 quota, uint256 id, uint256 amount, bytes32[] proof)",
  "function registerInitiative(uint256 cost) returns (uint256)",
  "function setEligibilityRoot(bytes32 root, uint256 leafCount)",
  "function finalize()",
];

const TOKEN_ABI = [
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address) view returns (uint256)",
  "function round() view returns (address)",
];

const ROUND_VIEW_IFACE = new Interface(ROUND_VIEWS);
const EVENT_IFACE = new Interface(ROUND_EVENTS);
const CALL_IFACE = new Interface(ROUND_CALLS);
const RELAY_SELECTOR = CALL_IFACE.getFunction("relay").selector;

/** Funded-set rules (BudgetRoundV2.Rule). */
export const RULES = ["Greedy", "GreedyNoSkip", "GreedyThreshold", "PiggyBank"];
export const RULE = { Greedy: 0, GreedyNoSkip: 1, GreedyThreshold: 2, PiggyBank: 3 };
/** Relayed record kinds (head bits 216..223). */
export const KIND = { CLAIM: 0, ALLOCATE: 1, WITHDRAW: 2 };

/** Events a citizen's action emits; their transactions are fetched and decoded. */
const CITIZEN_EVENTS = new Set(["Claimed", "Allocated", "Withdrawn", "ClaimsCommitted", "Materialized"]);

const DEFAULT_CHUNK = 10_000; // blocks per eth_getLogs query; halved when the provider refuses
const CONCURRENCY = 8; // parallel RPC requests for transactions and per-item views
const MAX_INITIATIVES = 10_000n; // the contract allows 100; more means a broken contract

const coder = AbiCoder.defaultAbiCoder();

// ---------------------------------------------------------------------------------------------
// Pure helpers: hashing, head unpacking, EIP-712, the funded set. No I/O.

/** Eligibility leaf (StandardMerkleTree ["uint256","address","uint256"]): keccak256(keccak256(abi.encode(index, citizen, quota))). */
export function eligibilityLeaf(index, citizen, quota) {
  return keccak256(keccak256(coder.encode(["uint256", "address", "uint256"], [index, citizen, quota])));
}

/** Applied first-use leaf: keccak256(keccak256(abi.encode(index, citizen, quota, id, amount))). */
export function appliedLeaf(index, citizen, quota, id, amount) {
  return keccak256(
    keccak256(coder.encode(["uint256", "address", "uint256", "uint256", "uint256"], [index, citizen, quota, id, amount]))
  );
}

/** The claims root a batch commits: SimpleMerkleTree of the applied leaves, in batch order, unsorted. */
export function claimsRootOf(applied) {
  const leaves = applied.map((a) => appliedLeaf(a.index, a.citizen, a.quota, a.id, a.amount));
  return SimpleMerkleTree.of(leaves, { sortLeaves: false }).root;
}

/**
 * Unpacks a relayed record's head (docs/CONTRACTS-V2.md): bits 0..63 amount, 64..127 quota (claim)
 * or nonce, 128..143 initiative, 144..175 eligibility index (claim), 176..215 signature deadline,
 * 216..223 kind. Bits above 223 are ignored by the contract, as here.
 */
export function unpackHead(head) {
  const h = BigInt(head);
  const bits = (shift, width) => (h >> BigInt(shift)) & ((1n << BigInt(width)) - 1n);
  const kind = Number(bits(216, 8));
  const field = bits(64, 64);
  return {
    kind,
    amount: bits(0, 64),
    quota: kind === KIND.CLAIM ? field : undefined,
    nonce: kind === KIND.CLAIM ? 0n : field, // a claim is signed as Allocate with nonce 0
    id: bits(128, 16),
    index: bits(144, 32),
    deadline: bits(176, 40),
  };
}

const MESSAGE_FIELDS = [
  { name: "round", type: "address" },
  { name: "initiative", type: "uint256" },
  { name: "amount", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
];

/** The EIP-712 digest a citizen signs for an unpacked record (claims and allocations as Allocate). */
export function recordDigest(chainId, round, rec) {
  const primary = rec.kind === KIND.WITHDRAW ? "Withdraw" : "Allocate";
  const domain = { name: "pbnode BudgetRound", version: "2", chainId, verifyingContract: round };
  const message = { round, initiative: rec.id, amount: rec.amount, nonce: rec.nonce, deadline: rec.deadline };
  return TypedDataEncoder.hash(domain, { [primary]: MESSAGE_FIELDS }, message);
}

/** The signer of an ERC-2098 compact signature (r, vs) over `digest`, or null when it does not recover. */
export function recoverCompact(digest, r, vs) {
  try {
    return getAddress(recoverAddress(digest, Signature.from({ r, yParityAndS: vs })));
  } catch {
    return null;
  }
}

/** OpenZeppelin multiproof flags packed as bits: flag k is bit k%256 of words[k/256]. */
export function unpackFlags(words, count) {
  const flags = [];
  for (let k = 0; k < count; k++) {
    const w = words[k >> 8];
    flags.push(w !== undefined && ((BigInt(w) >> BigInt(k & 0xff)) & 1n) === 1n);
  }
  return flags;
}

/**
 * The funded set as BudgetRoundV2.finalize computes it (R-1.4), from [{ id, cost, received }].
 * Candidates: received > 0, and for GreedyThreshold received ≥ threshold, for PiggyBank
 * received ≥ cost. Ranking: received descending, then lower cost, then lower id. Walking the
 * ranking with remaining = budget, a candidate whose cost fits is funded (remaining -= cost); one
 * that does not fit is skipped (GreedyNoSkip: the walk stops there).
 */
export function fundedSet(budget, rule, threshold, initiatives) {
  rule = Number(rule);
  const candidates = initiatives.filter((it) => {
    if (it.received <= 0n) return false;
    if (rule === RULE.GreedyThreshold && it.received < threshold) return false;
    if (rule === RULE.PiggyBank && it.received < it.cost) return false;
    return true;
  });
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  candidates.sort((a, b) => cmp(b.received, a.received) || cmp(a.cost, b.cost) || cmp(BigInt(a.id), BigInt(b.id)));
  let remaining = budget;
  const funded = [];
  for (const it of candidates) {
    if (it.cost > remaining) {
      if (rule === RULE.GreedyNoSkip) break;
      continue;
    }
    remaining -= it.cost;
    funded.push(Number(it.id));
  }
  return funded;
}

/** received[id] = Σ Allocated.amount − Σ Withdrawn.amount per initiative (Materialized moves nothing). */
export function receivedFromEvents(events) {
  const received = new Map();
  for (const e of events) {
    if (e.event === "Allocated") received.set(Number(e.id), (received.get(Number(e.id)) ?? 0n) + e.amount);
    if (e.event === "Withdrawn") received.set(Number(e.id), (received.get(Number(e.id)) ?? 0n) - e.amount);
  }
  return received;
}

/** piggyBank(id) = the last 20 bytes of keccak256(abi.encode(round, id)). */
export function piggyBankOf(round, id) {
  return getAddress("0x" + keccak256(coder.encode(["address", "uint256"], [round, id])).slice(-40));
}

// ---------------------------------------------------------------------------------------------
// Reading the chain.

/** Whether a provider error says the eth_getLogs query was too large (span or result count). */
function isTooLarge(err) {
  const text = [err?.shortMessage, err?.message, err?.error?.message, err?.info?.error?.message, JSON.stringify(err?.error ?? "")]
    .filter(Boolean)
    .join(" ");
  return (
    err?.error?.code === -32005 ||
    /too many|more than|limit|exceed|range|too large|too wide|response size|too big|timeout|timed out/i.test(text)
  );
}

/**
 * All logs of `address` in [from, to], in chunks of at most `chunk` blocks. A chunk the provider
 * refuses as too large is split in halves (recursively, down to one block); after a split the
 * smaller chunk size is kept for the rest of the range.
 */
export async function getLogsChunked(provider, address, from, to, chunk = DEFAULT_CHUNK) {
  const logs = [];
  let size = Math.max(1, chunk);
  let start = from;
  while (start <= to) {
    const end = Math.min(start + size - 1, to);
    try {
      logs.push(...(await provider.getLogs({ address, fromBlock: start, toBlock: end })));
      start = end + 1;
    } catch (err) {
      if (end === start || !isTooLarge(err)) throw err;
      size = Math.max(1, Math.floor((end - start + 1) / 2));
    }
  }
  logs.sort((a, b) => a.blockNumber - b.blockNumber || logIndex(a) - logIndex(b));
  return logs;
}

const logIndex = (log) => log.index ?? log.logIndex;

/** The block that created `address`, by bisecting eth_getCode (needs historical state; else 0). */
async function creationBlock(provider, address, head) {
  let lo = 0;
  let hi = head;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let code;
    try {
      code = await provider.getCode(address, mid);
    } catch {
      return 0;
    }
    if (code !== "0x") hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Decodes a round log into a plain object { event, block, logIndex, tx, ...args }, or null for other events (RoleGranted …). */
function decodeLog(log) {
  let ev;
  try {
    ev = EVENT_IFACE.parseLog({ topics: log.topics, data: log.data });
  } catch (e) {
    return {
      event: "Undecodable",
      block: log.blockNumber,
      logIndex: logIndex(log),
      tx: log.transactionHash,
      error: e.shortMessage ?? e.message,
    };
  }
  if (!ev) return null;
  const out = { event: ev.name, block: log.blockNumber, logIndex: logIndex(log), tx: log.transactionHash };
  ev.fragment.inputs.forEach((input, i) => {
    let v = ev.args[i];
    if (input.type === "address") v = getAddress(v);
    else if (input.type === "uint256[]") v = [...v];
    else if (input.type === "uint8" || input.type === "uint64") v = BigInt(v);
    out[input.name] = v;
  });
  return out;
}

/** The calls into `round` made by transaction `hash`, from debug_traceTransaction's callTracer. */
async function tracedCalls(provider, hash, round) {
  const trace = await provider.send("debug_traceTransaction", [hash, { tracer: "callTracer" }]);
  const calls = [];
  const walk = (frame) => {
    if (frame.error) return; // a reverted frame left no events
    if (frame.type === "CALL" && frame.to && getAddress(frame.to) === round)
      calls.push({ from: getAddress(frame.from), input: frame.input });
    for (const sub of frame.calls ?? []) walk(sub);
  };
  walk(trace);
  return calls;
}

/**
 * Reads everything the audit needs as plain data (bigints, checksummed addresses, hex strings):
 * { round, chainId, head, fromBlock, views, events, txs }. opts: { fromBlock, toBlock (default: the
 * head), chunk (blocks per eth_getLogs, default 10000), concurrency (default 8) }.
 */
export async function collect(provider, roundAddress, opts = {}) {
  const round = getAddress(roundAddress);
  const head = opts.toBlock ?? (await provider.getBlockNumber());
  const at = { blockTag: head };
  if ((await provider.getCode(round, head)) === "0x") throw new Error(`no contract at ${round} (block ${head})`);
  const { chainId } = await provider.getNetwork();
  const limit = opts.concurrency ?? CONCURRENCY;

  // 1. Views, all at block `head`.
  const c = new Contract(round, ROUND_VIEW_IFACE, provider);
  const views = {};
  for (const f of [
    "token",
    "name",
    "budget",
    "deadline",
    "treasury",
    "rule",
    "threshold",
    "distributed",
    "initiativeCount",
    "finalized",
    "eligibilityRoot",
    "eligibilityVersion",
    "claimsBatchCount",
  ]) {
    views[f] = await c[f](at);
  }
  views.token = getAddress(views.token);
  views.treasury = getAddress(views.treasury);
  views.rule = BigInt(views.rule);
  views.deadline = BigInt(views.deadline);
  views.fundedInitiatives = [...(await c.fundedInitiatives(at))].map(Number);
  if (views.initiativeCount > MAX_INITIATIVES) throw new Error(`initiativeCount() ${views.initiativeCount} is out of range`);
  if (views.claimsBatchCount > 10_000_000n) throw new Error(`claimsBatchCount() ${views.claimsBatchCount} is out of range`);
  const token = new Contract(views.token, TOKEN_ABI, provider);
  views.totalSupply = await token.totalSupply(at);
  views.tokenRound = getAddress(await token.round(at));
  views.roundBalance = await token.balanceOf(round, at);
  views.treasuryBalance = await token.balanceOf(views.treasury, at);
  const ids = Array.from({ length: Number(views.initiativeCount) }, (_, i) => BigInt(i + 1));
  views.initiatives = await mapLimit(ids, limit, async (id) => {
    const [ini, bank] = await Promise.all([c.initiative(id, at), c.piggyBank(id, at)]);
    const piggyBank = getAddress(bank);
    return {
      id: Number(id),
      cost: ini.cost,
      received: ini.received,
      funded: ini.funded,
      piggyBank,
      balance: await token.balanceOf(piggyBank, at),
    };
  });
  const batchIds = Array.from({ length: Number(views.claimsBatchCount) }, (_, i) => BigInt(i));
  views.claimsRoots = await mapLimit(batchIds, limit, (b) => c.claimsRoot(b, at));

  // 2. The round's logs.
  const fromBlock = opts.fromBlock ?? (await creationBlock(provider, round, head));
  const rawLogs = await getLogsChunked(provider, round, fromBlock, head, opts.chunk ?? DEFAULT_CHUNK);
  const events = rawLogs.map(decodeLog).filter(Boolean);

  // 3. Transactions with citizen events: the calls into the round, decoded later.
  const hashes = [...new Set(events.filter((e) => CITIZEN_EVENTS.has(e.event)).map((e) => e.tx))];
  const blockTimes = new Map();
  const blockTime = async (n) => {
    if (!blockTimes.has(n))
      blockTimes.set(
        n,
        provider.getBlock(n).then((b) => BigInt(b.timestamp))
      );
    return blockTimes.get(n);
  };
  const txList = await mapLimit(hashes, limit, async (hash) => {
    const tx = await provider.getTransaction(hash);
    if (!tx) return { hash, calls: null, error: "transaction not found" };
    const out = { hash, block: tx.blockNumber, from: getAddress(tx.from), to: tx.to ? getAddress(tx.to) : null, calls: null };
    if (out.to === round) out.calls = [{ from: out.from, input: tx.data }];
    else {
      try {
        out.calls = await tracedCalls(provider, hash, round);
      } catch (e) {
        out.error = `sent to ${out.to ?? "(creation)"}, not the round, and debug_traceTransaction failed: ${
          e.shortMessage ?? e.message
        }`;
      }
    }
    // Block time, for relayed signatures' deadlines (only relay transactions need it).
    if (out.calls?.some((c) => c.input?.startsWith(RELAY_SELECTOR))) out.timestamp = await blockTime(tx.blockNumber);
    return out;
  });
  const txs = Object.fromEntries(txList.map((t) => [t.hash, t]));

  return { round, chainId: BigInt(chainId), head, fromBlock, views, events, txs };
}

// ---------------------------------------------------------------------------------------------
// The recomputation: plain data in, report out. No I/O.

/** Collects check results: one line per check, each failure a finding. */
class Checks {
  constructor() {
    this.lines = [];
    this.findings = [];
  }
  /** A check made of many items: `fail(detail)` for each bad item, then `done(summary)`. */
  group(name) {
    const self = this;
    const g = {
      failures: 0,
      fail(detail) {
        g.failures++;
        self.findings.push(`${name}: ${detail}`);
      },
      expect(ok, detail) {
        if (!ok) g.fail(detail);
        return ok;
      },
      done(summary = "") {
        self.lines.push({ ok: g.failures === 0, name, summary: g.failures ? `${g.failures} finding(s)` : summary });
      },
    };
    return g;
  }
  /** A single check. */
  one(name, ok, detail) {
    const g = this.group(name);
    if (!ok) g.fail(detail);
    g.done(ok ? detail : "");
  }
}

const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const list = (ids) => `[${ids.join(", ")}]`;

/**
 * Recomputes every figure of the round from `data` (as `collect` returns it) and compares it with
 * the chain's own figures. Returns the report object that --json prints.
 */
export function analyze(data) {
  const { round, chainId, views, events } = data;
  const txs = data.txs ?? {};
  const checks = new Checks();
  const of = (name) => events.filter((e) => e.event === name);
  const budget = views.budget;

  // The round's events grouped by transaction (log order is kept inside each group).
  const byTx = new Map();
  for (const e of events) {
    if (!byTx.has(e.tx)) byTx.set(e.tx, []);
    byTx.get(e.tx).push(e);
  }

  // --- The round itself (R-1.1). ---
  const created = of("RoundCreated");
  {
    const g = checks.group("RoundCreated agrees with the views (token, name, budget, deadline, treasury, rule, threshold)");
    if (g.expect(created.length === 1, `${created.length} RoundCreated events (is --from-block after the round's creation?)`)) {
      const rc = created[0];
      for (const [field, ev, view] of [
        ["token", rc.token, views.token],
        ["name", rc.name, views.name],
        ["budget", rc.budget, views.budget],
        ["deadline", rc.deadline, views.deadline],
        ["treasury", rc.treasury, views.treasury],
        ["rule", rc.rule, views.rule],
        ["threshold", rc.threshold, views.threshold],
      ]) {
        g.expect(ev === view, `${field}: event ${ev}, view ${view}`);
      }
    }
    g.expect(views.rule >= 0n && views.rule < BigInt(RULES.length), `unknown rule ${views.rule}`);
    g.expect(
      (views.rule === BigInt(RULE.GreedyThreshold)) === views.threshold > 0n,
      `threshold ${views.threshold} does not fit rule ${views.rule}`
    );
    g.done(`"${views.name}", rule ${RULES[Number(views.rule)] ?? views.rule}, threshold ${views.threshold}`);
  }
  checks.one("token supply == budget", views.totalSupply === budget, `totalSupply() ${views.totalSupply}, budget() ${budget}`);
  checks.one("token belongs to this round", views.tokenRound === round, `token.round() ${views.tokenRound}`);
  for (const e of of("Undecodable")) checks.findings.push(`log ${e.logIndex} of tx ${e.tx} does not decode: ${e.error}`);

  // --- Eligibility roots (R-1.2): the root in force at each point of the log. ---
  const rootSets = of("EligibilityRootSet");
  {
    const g = checks.group("eligibility roots: versions 1..n, last == eligibilityRoot(), n == eligibilityVersion()");
    rootSets.forEach((e, i) => g.expect(e.version === BigInt(i + 1), `root #${i + 1} has version ${e.version}`));
    g.expect(
      BigInt(rootSets.length) === views.eligibilityVersion,
      `${rootSets.length} EligibilityRootSet events, eligibilityVersion() ${views.eligibilityVersion}`
    );
    const last = rootSets.at(-1)?.root ?? "0x" + "00".repeat(32);
    g.expect(last === views.eligibilityRoot, `last root ${last}, eligibilityRoot() ${views.eligibilityRoot}`);
    g.done(`${rootSets.length} root(s)`);
  }
  const pos = (e) => [e.block, e.logIndex];
  const before = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  /** The eligibility root in force just before position p ([block, logIndex]). */
  const rootAt = (p) => {
    let root = null;
    for (const e of rootSets) if (before(pos(e), p)) root = e.root;
    return root;
  };

  // --- Claims (R-1.2): distributed, uniqueness. ---
  const claimed = of("Claimed");
  const distributed = claimed.reduce((s, e) => s + e.quota, 0n);
  checks.one(
    "distributed = Σ Claimed.quota == distributed() ≤ budget",
    distributed === views.distributed && distributed <= budget,
    `${distributed} from ${claimed.length} claims, distributed() ${views.distributed}, budget ${budget}`
  );
  {
    const g = checks.group("claims unique by eligibility index and by address");
    const byIndex = new Map();
    const byAddress = new Map();
    for (const e of claimed) {
      if (byIndex.has(e.index)) g.fail(`index ${e.index} claimed twice (${byIndex.get(e.index)}, ${e.citizen})`);
      if (byAddress.has(e.citizen)) g.fail(`${e.citizen} claimed twice (indices ${byAddress.get(e.citizen)} and ${e.index})`);
      byIndex.set(e.index, e.citizen);
      byAddress.set(e.citizen, e.index);
    }
    g.done(`${claimed.length} claims`);
  }

  // --- Claims batches: rebuild each batch's applied first uses from its events. ---
  // In a relay transaction each applied first use emits Claimed(citizen, index, quota) directly
  // followed by Allocated(citizen, id, amount); the batch ends with ClaimsCommitted. A transaction
  // is split into segments at its ClaimsCommitted events.
  const batches = new Map(); // batchId → { root, claims, applied: [{index, citizen, quota, id, amount}], tx }
  {
    const g = checks.group("claims roots: ClaimsCommitted.root == SimpleMerkleTree(applied leaves) == claimsRoot(batchId)");
    for (const [tx, evs] of byTx) {
      if (!evs.some((e) => e.event === "ClaimsCommitted")) continue;
      let applied = [];
      for (let i = 0; i < evs.length; i++) {
        const e = evs[i];
        if (e.event === "Claimed") {
          const next = evs[i + 1];
          if (next?.event === "Allocated" && next.citizen === e.citizen) {
            applied.push({ index: e.index, citizen: e.citizen, quota: e.quota, id: next.id, amount: next.amount });
          } else {
            applied.push({ index: e.index, citizen: e.citizen, quota: e.quota, id: 0n, amount: 0n, unpaired: true });
          }
        } else if (e.event === "ClaimsCommitted") {
          const what = `batch ${e.batchId} (tx ${tx})`;
          if (applied.some((a) => a.unpaired)) g.fail(`${what}: a Claimed event without its Allocated`);
          g.expect(
            BigInt(applied.length) === e.claims,
            `${what}: ${applied.length} Claimed events, ClaimsCommitted.claims ${e.claims}`
          );
          const root = applied.length ? claimsRootOf(applied) : null;
          g.expect(root === e.root, `${what}: recomputed root ${root}, event ${e.root}`);
          const view = views.claimsRoots[Number(e.batchId)];
          g.expect(view === e.root, `${what}: claimsRoot(${e.batchId}) ${view}, event ${e.root}`);
          if (batches.has(e.batchId)) g.fail(`batch id ${e.batchId} committed twice`);
          batches.set(e.batchId, {
            root: e.root,
            claims: e.claims,
            applied,
            byCitizen: new Map(applied.map((a) => [a.citizen, a])),
            tx,
          });
          applied = [];
        }
      }
    }
    const ids = [...batches.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    ids.forEach((id, i) => g.expect(id === BigInt(i), `batch ids are not 0..n-1: #${i} is ${id}`));
    g.expect(
      BigInt(batches.size) === views.claimsBatchCount,
      `${batches.size} ClaimsCommitted events, claimsBatchCount() ${views.claimsBatchCount}`
    );
    g.done(`${batches.size} batch(es), ${[...batches.values()].reduce((s, b) => s + b.applied.length, 0)} first uses`);
  }

  // --- Per-citizen ledgers (R-1.3): replay every citizen event in log order. ---
  const ledgers = new Map(); // citizen → { quota, unallocated, alloc: Map(id → amount), nonce (next EIP-712 nonce, null until an account exists) }
  {
    const g = checks.group(
      "citizen ledgers: allocations within the claimed quota, withdrawals within allocations, materialize matches its batch"
    );
    for (const e of events) {
      const l = ledgers.get(e.citizen);
      switch (e.event) {
        case "Claimed":
          if (!l)
            ledgers.set(e.citizen, { quota: e.quota, unallocated: e.quota, alloc: new Map(), nonce: null, materialized: false });
          else {
            l.quota += e.quota;
            l.unallocated += e.quota;
          }
          break;
        case "Allocated": {
          if (!g.expect(l, `${e.citizen} allocated ${e.amount} to #${e.id} without a claim (tx ${e.tx})`)) break;
          l.unallocated -= e.amount;
          g.expect(l.unallocated >= 0n, `${e.citizen} allocated more than the quota ${l.quota} (tx ${e.tx})`);
          l.alloc.set(e.id, (l.alloc.get(e.id) ?? 0n) + e.amount);
          break;
        }
        case "Withdrawn": {
          if (!g.expect(l, `${e.citizen} withdrew from #${e.id} without a claim (tx ${e.tx})`)) break;
          const have = l.alloc.get(e.id) ?? 0n;
          g.expect(have >= e.amount, `${e.citizen} withdrew ${e.amount} from #${e.id} holding ${have} (tx ${e.tx})`);
          l.alloc.set(e.id, have - e.amount);
          l.unallocated += e.amount;
          break;
        }
        case "Materialized": {
          const b = batches.get(e.batchId);
          const rec = b?.byCitizen.get(e.citizen);
          if (!g.expect(rec, `${e.citizen} materialized from batch ${e.batchId}, which has no first use of theirs (tx ${e.tx})`))
            break;
          g.expect(
            rec.quota - rec.amount === e.unallocated,
            `${e.citizen}: Materialized.unallocated ${e.unallocated}, batch record gives ${rec.quota - rec.amount}`
          );
          if (l) {
            g.expect(!l.materialized, `${e.citizen} materialized twice`);
            g.expect(
              l.unallocated === e.unallocated,
              `${e.citizen}: Materialized.unallocated ${e.unallocated}, ledger ${l.unallocated}`
            );
            l.materialized = true;
          }
          break;
        }
      }
    }
    g.done(`${ledgers.size} citizens`);
  }

  // --- Calls and signatures: decode every transaction with citizen events, re-verify relayed
  //     signatures and Merkle proofs, and check that the events are exactly what the calls imply.
  let relayedRecords = 0;
  let signaturesVerified = 0;
  let proofsVerified = 0;
  let directCalls = 0;
  {
    const calls = checks.group("every citizen event is explained by a decoded call to the round");
    const sigs = checks.group("relayed signatures: EIP-712 signer recovered from (r, vs) == the event's citizen");
    const nonces = checks.group("relayed records: nonces consecutive per account, signature deadlines not passed");
    const proofs = checks.group("claims proven against the eligibility root in force (relay multiproofs, direct proofs)");
    const materializeProofs = checks.group("materialize proofs verify against their batch's claims root");
    const nextNonce = new Map(); // citizen → next EIP-712 nonce of a materialized or directly claimed account

    // Transactions in log order.
    const txOrder = [...new Set(events.filter((e) => CITIZEN_EVENTS.has(e.event)).map((e) => e.tx))];
    for (const hash of txOrder) {
      const evs = byTx.get(hash);
      const tx = txs[hash];
      if (!tx || !tx.calls) {
        calls.fail(`tx ${hash}: calls not available (${tx?.error ?? "not fetched"}); its signatures and proofs are not verified`);
        continue;
      }
      let p = 0; // next event of this tx to explain
      const expectEvent = (name, fields, what) => {
        const e = evs[p];
        const ok = e && e.event === name && Object.entries(fields).every(([k, v]) => e[k] === v);
        if (!ok) {
          const seen = e
            ? `${e.event}(${Object.keys(fields)
                .map((k) => e[k])
                .join(", ")})`
            : "nothing";
          calls.fail(`tx ${hash}: ${what} implies ${name}(${Object.values(fields).join(", ")}), log has ${seen}`);
          // Resynchronise on the next event of that name, so one mismatch is reported once.
          const k = evs.findIndex((x, i) => i >= p && x.event === name);
          if (k >= 0) p = k;
        }
        return evs[p++];
      };
      for (const call of tx.calls) {
        // Where this call's events start in the log: the eligibility root in force is the last one
        // published before that point.
        const here = p < evs.length ? pos(evs[p]) : [Infinity, Infinity];
        let parsed;
        try {
          parsed = CALL_IFACE.parseTransaction({ data: call.input });
        } catch {
          parsed = null;
        }
        if (!parsed) continue; // grantRole and other calls that emit no round event we decode
        const a = parsed.args;
        switch (parsed.name) {
          case "relay": {
            const records = a.records.map((r) => ({ ...unpackHead(r.head), r: r.r, vs: r.vs }));
            const leaves = [];
            const applied = [];
            records.forEach((rec, i) => {
              relayedRecords++;
              const what = `record ${i} of relay tx ${hash}`;
              const signer = recoverCompact(recordDigest(chainId, round, rec), rec.r, rec.vs);
              nonces.expect(
                tx.timestamp === undefined || tx.timestamp <= rec.deadline,
                `${what}: signature deadline ${rec.deadline} before the block time ${tx.timestamp}`
              );
              let ev;
              if (rec.kind === KIND.CLAIM) {
                ev = expectEvent("Claimed", { citizen: signer, index: rec.index, quota: rec.quota }, what);
                expectEvent("Allocated", { citizen: signer, id: rec.id, amount: rec.amount }, what);
                if (signer) {
                  leaves.push(eligibilityLeaf(rec.index, signer, rec.quota));
                  applied.push({ index: rec.index, citizen: signer, quota: rec.quota, id: rec.id, amount: rec.amount });
                }
              } else if (rec.kind === KIND.ALLOCATE || rec.kind === KIND.WITHDRAW) {
                ev = expectEvent(
                  rec.kind === KIND.ALLOCATE ? "Allocated" : "Withdrawn",
                  { citizen: signer, id: rec.id, amount: rec.amount },
                  what
                );
                const want = signer ? nextNonce.get(signer) : undefined;
                if (
                  nonces.expect(want !== undefined, `${what}: ${signer} has no account (not materialized nor claimed directly)`)
                ) {
                  nonces.expect(rec.nonce === want, `${what}: nonce ${rec.nonce}, account expects ${want}`);
                  nextNonce.set(signer, rec.nonce + 1n);
                }
              } else {
                calls.fail(`${what}: unknown kind ${rec.kind}`);
              }
              if (sigs.expect(signer && ev && signer === ev.citizen, `${what}: signer ${signer}, event citizen ${ev?.citizen}`))
                signaturesVerified++;
            });
            if (leaves.length) {
              expectEvent(
                "ClaimsCommitted",
                { root: applied.length === leaves.length ? claimsRootOf(applied) : undefined, claims: BigInt(leaves.length) },
                `relay tx ${hash}`
              );
              const root = rootAt(here);
              const count = leaves.length + a.proof.length - 1;
              const flags = unpackFlags([...a.proofFlagBits], Math.max(0, count));
              let ok = false;
              try {
                ok = root !== null && SimpleMerkleTree.verifyMultiProof(root, { leaves, proof: [...a.proof], proofFlags: flags });
              } catch {
                ok = false;
              }
              if (
                proofs.expect(
                  ok,
                  `relay tx ${hash}: the multiproof of ${leaves.length} claims does not verify against root ${root}`
                )
              )
                proofsVerified += leaves.length;
            }
            break;
          }
          case "claimAndAllocate": {
            directCalls++;
            const what = `claimAndAllocate tx ${hash}`;
            expectEvent("Claimed", { citizen: call.from, index: a.index, quota: a.quota }, what);
            if (a.amount > 0n) expectEvent("Allocated", { citizen: call.from, id: a.id, amount: a.amount }, what);
            nextNonce.set(call.from, 0n); // a direct claim writes the account with nonce 0
            const root = rootAt(here);
            let ok = false;
            try {
              ok = root !== null && SimpleMerkleTree.verify(root, eligibilityLeaf(a.index, call.from, a.quota), [...a.proof]);
            } catch {
              ok = false;
            }
            if (
              proofs.expect(
                ok,
                `${what}: the proof of (${a.index}, ${call.from}, ${a.quota}) does not verify against root ${root}`
              )
            )
              proofsVerified++;
            break;
          }
          case "allocate":
            directCalls++;
            expectEvent("Allocated", { citizen: call.from, id: a.id, amount: a.amount }, `allocate tx ${hash}`);
            break;
          case "withdraw":
            directCalls++;
            expectEvent("Withdrawn", { citizen: call.from, id: a.id, amount: a.amount }, `withdraw tx ${hash}`);
            break;
          case "move":
            directCalls++;
            expectEvent("Withdrawn", { citizen: call.from, id: a.from, amount: a.amount }, `move tx ${hash}`);
            expectEvent("Allocated", { citizen: call.from, id: a.to, amount: a.amount }, `move tx ${hash}`);
            break;
          case "materialize": {
            const what = `materialize tx ${hash}`;
            expectEvent(
              "Materialized",
              { citizen: getAddress(a.citizen), batchId: a.batchId, unallocated: a.quota - a.amount },
              what
            );
            nextNonce.set(getAddress(a.citizen), 1n);
            const b = batches.get(a.batchId);
            let ok = false;
            try {
              ok = !!b && SimpleMerkleTree.verify(b.root, appliedLeaf(a.index, a.citizen, a.quota, a.id, a.amount), [...a.proof]);
            } catch {
              ok = false;
            }
            materializeProofs.expect(
              ok,
              `${what}: (${a.index}, ${a.citizen}, ${a.quota}, #${a.id}, ${a.amount}) is not in batch ${a.batchId}`
            );
            break;
          }
          case "registerInitiative":
            expectEvent("InitiativeRegistered", { cost: a.cost }, `registerInitiative tx ${hash}`);
            break;
          case "setEligibilityRoot":
            expectEvent("EligibilityRootSet", { root: a.root, leafCount: a.leafCount }, `setEligibilityRoot tx ${hash}`);
            break;
          case "finalize":
            while (p < evs.length && evs[p].event !== "Finalized") p++;
            p++;
            break;
        }
      }
      if (p < evs.length) calls.fail(`tx ${hash}: ${evs.length - p} event(s) from ${evs[p].event} on not explained by its calls`);
    }
    calls.done(`${txOrder.length} transactions, ${directCalls} direct citizen calls, ${relayedRecords} relayed records`);
    sigs.done(`${signaturesVerified} of ${relayedRecords} records`);
    nonces.done(`${relayedRecords} records`);
    proofs.done(`${proofsVerified} claims`);
    materializeProofs.done(`${of("Materialized").length} materialized`);
  }

  // --- Initiatives and piggy banks (R-1.3). ---
  const registered = of("InitiativeRegistered");
  const received = receivedFromEvents(events);
  {
    const g = checks.group("initiatives: ids 1..n == initiativeCount(), cost and piggy bank agree with the views");
    registered.forEach((e, i) => g.expect(e.id === BigInt(i + 1), `InitiativeRegistered #${i + 1} has id ${e.id}`));
    g.expect(
      BigInt(registered.length) === views.initiativeCount,
      `${registered.length} InitiativeRegistered events, initiativeCount() ${views.initiativeCount}`
    );
    for (const v of views.initiatives) {
      const reg = registered.find((e) => Number(e.id) === v.id);
      const want = piggyBankOf(round, v.id);
      if (!g.expect(reg, `#${v.id}: no InitiativeRegistered event`)) continue;
      g.expect(reg.cost === v.cost, `#${v.id}: registered cost ${reg.cost}, initiative() ${v.cost}`);
      g.expect(
        reg.piggyBank === want && v.piggyBank === want,
        `#${v.id}: piggy bank ${reg.piggyBank} (event), ${v.piggyBank} (view), derived ${want}`
      );
    }
    for (const id of received.keys())
      g.expect(id >= 1 && id <= registered.length, `events move tokens for unregistered initiative #${id}`);
    g.done(`${registered.length} initiatives`);
  }
  {
    const g = checks.group("received[id] = Σ Allocated − Σ Withdrawn == initiative(id).received");
    for (const v of views.initiatives) {
      const got = received.get(v.id) ?? 0n;
      g.expect(got >= 0n, `#${v.id}: negative total ${got}`);
      g.expect(got === v.received, `#${v.id}: events ${got}, initiative() ${v.received}`);
    }
    g.done(views.initiatives.map((v) => `#${v.id} ${received.get(v.id) ?? 0n}`).join(", "));
  }

  // --- The funded set (R-1.4). ---
  const items = registered.map((e) => ({ id: Number(e.id), cost: e.cost, received: received.get(Number(e.id)) ?? 0n }));
  const funded = fundedSet(budget, views.rule, views.threshold, items);
  const fundedReceived = items.filter((it) => funded.includes(it.id)).reduce((s, it) => s + it.received, 0n);
  const fundedCost = items.filter((it) => funded.includes(it.id)).reduce((s, it) => s + it.cost, 0n);
  const allReceived = items.reduce((s, it) => s + it.received, 0n);
  const finalizedEvents = of("Finalized");
  const fin = finalizedEvents[0];
  checks.one(
    "finalized() agrees with the Finalized event",
    finalizedEvents.length === (views.finalized ? 1 : 0),
    `finalized() ${views.finalized}, ${finalizedEvents.length} Finalized event(s)`
  );
  {
    const g = checks.group("token balances: piggy banks, the round's custody, the treasury");
    for (const v of views.initiatives) {
      const want = !views.finalized || v.funded ? received.get(v.id) ?? 0n : 0n;
      g.expect(v.balance === want, `piggy bank #${v.id} holds ${v.balance}, want ${want}`);
    }
    const wantRound = views.finalized ? 0n : budget - allReceived;
    g.expect(views.roundBalance === wantRound, `round holds ${views.roundBalance}, want ${wantRound} (budget − Σ received)`);
    const wantTreasury = views.finalized ? budget - fundedReceived : 0n;
    g.expect(views.treasuryBalance === wantTreasury, `treasury holds ${views.treasuryBalance}, want ${wantTreasury}`);
    g.done(`round ${views.roundBalance}, treasury ${views.treasuryBalance}`);
  }
  if (views.finalized && fin) {
    const g = checks.group(
      `funded set by rule ${RULES[Number(views.rule)]} == Finalized.funded == fundedInitiatives() == InitiativeFunded events`
    );
    const fundedEvents = of("InitiativeFunded");
    const evIds = fundedEvents.map((e) => Number(e.id));
    for (const [what, ids] of [
      ["Finalized.funded", fin.funded.map(Number)],
      ["fundedInitiatives()", views.fundedInitiatives],
      ["InitiativeFunded events", evIds],
    ]) {
      g.expect(eq(ids, funded), `${what} ${list(ids)}, recomputed ${list(funded)}`);
    }
    for (const e of fundedEvents) {
      const it = items.find((x) => x.id === Number(e.id));
      g.expect(
        it && it.cost === e.cost && it.received === e.received,
        `InitiativeFunded(#${e.id}, ${e.cost}, ${e.received}) differs from the recomputed cost/received`
      );
    }
    for (const v of views.initiatives) g.expect(v.funded === funded.includes(v.id), `initiative(${v.id}).funded is ${v.funded}`);
    g.done(list(funded));
    checks.one(
      "returnedToTreasury + Σ received(funded) == budget; fundedCost agrees",
      fin.returnedToTreasury + fundedReceived === budget && fin.fundedCost === fundedCost,
      `returned ${fin.returnedToTreasury} + funded ${fundedReceived} = ${
        fin.returnedToTreasury + fundedReceived
      }, budget ${budget}; fundedCost ${fin.fundedCost}, recomputed ${fundedCost}`
    );
  } else {
    checks.one(
      "not finalized: no funded set on chain yet",
      !fin && views.fundedInitiatives.length === 0 && of("InitiativeFunded").length === 0,
      `projection if finalized now: ${list(funded)}`
    );
  }

  const findings = checks.findings;
  return {
    round,
    token: views.token,
    name: views.name,
    chain_id: chainId.toString(),
    block: data.head,
    from_block: data.fromBlock,
    finalized: views.finalized,
    rule: Number(views.rule),
    rule_name: RULES[Number(views.rule)] ?? "unknown",
    threshold: views.threshold.toString(),
    budget: budget.toString(),
    supply: views.totalSupply.toString(),
    distributed: distributed.toString(),
    claims: claimed.length,
    claims_batches: batches.size,
    eligibility_versions: rootSets.length,
    relayed_records: relayedRecords,
    signatures_verified: signaturesVerified,
    proofs_verified: proofsVerified,
    direct_calls: directCalls,
    received: Object.fromEntries(items.map((it) => [String(it.id), it.received.toString()])),
    funded,
    funded_on_chain: views.fundedInitiatives,
    funded_cost: fundedCost.toString(),
    returned: fin ? fin.returnedToTreasury.toString() : null,
    returned_recomputed: (budget - fundedReceived).toString(),
    checks: checks.lines,
    findings,
    ok: findings.length === 0,
  };
}

/** Reads the round at `roundAddress` through `provider` and audits it. opts: { fromBlock, chunk, concurrency }. */
export async function audit(provider, roundAddress, opts = {}) {
  return analyze(await collect(provider, roundAddress, opts));
}

/** The human-readable report: one line per check, then the findings and the result. */
export function formatReport(r) {
  const lines = [
    `BudgetRoundV2 ${r.round} "${r.name}" (token ${r.token}), chain ${r.chain_id}, block ${r.block}, logs from block ${r.from_block}`,
    `rule ${r.rule_name} (${r.rule}), threshold ${r.threshold}, ${r.finalized ? "finalized" : "open"}`,
    `budget ${r.budget}, supply ${r.supply}, distributed ${r.distributed} (${r.claims} claims), funded ${list(
      r.funded
    )}, returned ${r.returned ?? "-"}`,
    "",
    ...r.checks.map((c) => `${c.ok ? "[ OK ]" : "[FAIL]"} ${c.name}${c.summary ? ` — ${c.summary}` : ""}`),
  ];
  if (r.findings.length) lines.push("", ...r.findings.map((f) => `FINDING: ${f}`));
  lines.push("", r.ok ? "RESULT: OK, everything agrees" : `RESULT: FAILED (${r.findings.length} findings)`);
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Command line (only when this file is run directly, not when imported).

function usage(msg) {
  if (msg) process.stderr.write(`audit-v2.mjs: ${msg}\n`);
  process.stderr.write("usage: node scripts/audit-v2.mjs --rpc URL --round 0xADDR [--json] [--from-block N] [--chunk N]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const out = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eqAt = arg.indexOf("=");
    const [key, inline] = eqAt > 0 ? [arg.slice(0, eqAt), arg.slice(eqAt + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") usage(`${key} needs a value`);
      return v;
    };
    switch (key) {
      case "--json":
        out.json = true;
        break;
      case "--rpc":
        out.rpc = value();
        break;
      case "--round":
        out.round = value();
        break;
      case "--from-block":
      case "--chunk": {
        const v = value();
        if (!/^\d+$/.test(v)) usage(`${key} must be a non-negative integer`);
        out[key === "--chunk" ? "chunk" : "fromBlock"] = Number(v);
        break;
      }
      case "-h":
      case "--help":
        usage();
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (!out.rpc || !out.round) usage("--rpc and --round are required");
  try {
    out.round = getAddress(out.round);
  } catch {
    usage(`--round ${out.round} is not an address`);
  }
  if (out.chunk === 0) usage("--chunk must be at least 1");
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const provider = new JsonRpcProvider(args.rpc, undefined, { staticNetwork: true, batchMaxCount: 1 });
  let report;
  try {
    report = await audit(provider, args.round, { fromBlock: args.fromBlock, chunk: args.chunk });
  } catch (e) {
    process.stderr.write(`audit-v2.mjs: ${e.shortMessage ?? e.message}\n`);
    process.exit(2);
  } finally {
    provider.destroy();
  }
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + "\n" : formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
}

const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();
if (invokedDirectly) await main();
