// scripts/audit.mjs — an outside auditor's check of one BudgetRound (v1), from the chain alone.
//
//   source scripts/node-env.sh && node scripts/audit.mjs --rpc URL --round ADDRESS [--json]
//
// Written independently of pbnode's Go code: it uses only ethers v6 and the ABI fragments
// declared below (taken from contracts/BudgetRound.sol and BudgetToken.sol, not from the
// compiled artifacts). Everything is read as of one block (the head when it starts): the views
// of the round and its token, and their logs from the round's creation block. It recomputes
//   - budget and the token's totalSupply (they must be equal, and equal what was minted);
//   - the distributed total: the sum of QuotaGranted events, against distributed();
//   - each initiative's piggy-bank total: Allocated − Withdrawn events, against initiative(id)
//     and the piggy bank's token balance (zero once an unfunded initiative was finalized);
//   - the allocated total (the sum of the piggy-bank totals);
//   - the funded set by the round's rule, as BudgetRound.finalize implements it: initiatives with
//     received > 0, ranked by received descending, ties by lower id; walking the ranking with
//     remaining = budget, each one whose cost fits is funded and cheaper ones after a skipped one
//     may still be. Once finalized it is compared with the on-chain result (fundedInitiatives(),
//     the InitiativeFunded and Finalized events, initiative(id).funded); before, it is the
//     projection.
// It prints a report (or JSON with --json) and exits 0 when everything agrees, 1 on any
// inconsistency, 2 when the chain cannot be read or the arguments are wrong.

import { Contract, Interface, JsonRpcProvider, AbiCoder, getAddress, keccak256, ZeroAddress } from "ethers";

const ROUND_ABI = [
  "function token() view returns (address)",
  "function budget() view returns (uint256)",
  "function deadline() view returns (uint64)",
  "function treasury() view returns (address)",
  "function name() view returns (string)",
  "function distributed() view returns (uint256)",
  "function initiativeCount() view returns (uint256)",
  "function finalized() view returns (bool)",
  "function initiative(uint256 id) view returns (uint256 cost, uint256 received, bool funded)",
  "function piggyBank(uint256 id) view returns (address)",
  "function fundedInitiatives() view returns (uint256[])",
  "event RoundCreated(address indexed token, string name, uint256 budget, uint64 deadline, address treasury)",
  "event InitiativeRegistered(uint256 indexed id, uint256 cost, address piggyBank)",
  "event QuotaGranted(address indexed citizen, uint256 amount)",
  "event Allocated(address indexed citizen, uint256 indexed id, uint256 amount)",
  "event Withdrawn(address indexed citizen, uint256 indexed id, uint256 amount)",
  "event InitiativeFunded(uint256 indexed id, uint256 cost, uint256 received)",
  "event Finalized(uint256[] funded, uint256 fundedCost, uint256 returnedToTreasury)",
  "event Reclaimed(address indexed citizen, uint256 amount)",
];

const TOKEN_ABI = [
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address) view returns (uint256)",
  "function round() view returns (address)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
];

const LOG_WINDOW = 50_000; // blocks per eth_getLogs query; providers limit the span
const MAX_INITIATIVES = 10_000n; // the contract allows 100; more is a broken contract

function usage(msg) {
  if (msg) process.stderr.write(`audit.mjs: ${msg}\n`);
  process.stderr.write("usage: node scripts/audit.mjs --rpc URL --round ADDRESS [--json]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const out = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const [key, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    switch (key) {
      case "--json":
        out.json = true;
        break;
      case "--rpc":
      case "--round": {
        const v = inline ?? argv[++i];
        if (!v) usage(`${key} needs a value`);
        out[key.slice(2)] = v;
        break;
      }
      case "-h":
      case "--help":
        usage();
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  if (!out.rpc || !out.round) usage("--rpc and --round are required");
  try {
    out.round = getAddress(out.round);
  } catch {
    usage(`--round ${out.round} is not an address`);
  }
  return out;
}

// creationBlock bisects eth_getCode for the block that deployed addr; a node without old state
// answers with an error, and then the search starts at genesis.
async function creationBlock(provider, addr, head) {
  let lo = 0;
  let hi = head;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let code;
    try {
      code = await provider.getCode(addr, mid);
    } catch {
      return 0;
    }
    if (code !== "0x") hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

async function getLogs(provider, addresses, from, to) {
  const logs = [];
  for (let start = from; start <= to; start += LOG_WINDOW) {
    const end = Math.min(start + LOG_WINDOW - 1, to);
    logs.push(...(await provider.getLogs({ address: addresses, fromBlock: start, toBlock: end })));
  }
  logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  return logs;
}

// piggyBankOf is address(uint160(uint256(keccak256(abi.encode(round, id))))).
function piggyBankOf(round, id) {
  const h = keccak256(AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [round, id]));
  return getAddress("0x" + h.slice(-40));
}

// fundedSet replicates BudgetRound.finalize: candidates with received > 0, by received
// descending, ties by lower id; greedy over the ranking with remaining = budget.
function fundedSet(budget, initiatives) {
  const ranking = initiatives
    .filter((it) => it.received > 0n)
    .sort((a, b) => (a.received === b.received ? (a.id < b.id ? -1 : 1) : a.received > b.received ? -1 : 1));
  let remaining = budget;
  const funded = [];
  for (const it of ranking) {
    if (it.cost > remaining) continue;
    remaining -= it.cost;
    funded.push(it.id);
  }
  return funded;
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0n) + v);

async function audit(provider, roundAddr) {
  const head = await provider.getBlockNumber();
  const at = { blockTag: head };
  if ((await provider.getCode(roundAddr, head)) === "0x") throw new Error(`no contract at ${roundAddr}`);

  const round = new Contract(roundAddr, ROUND_ABI, provider);
  const roundIface = new Interface(ROUND_ABI);
  const tokenIface = new Interface(TOKEN_ABI);
  const findings = [];
  const find = (msg) => findings.push(msg);

  // Views.
  const tokenAddr = getAddress(await round.token(at));
  const token = new Contract(tokenAddr, TOKEN_ABI, provider);
  const [name, treasury, deadline, budget, distributedView, count, finalized, fundedView] = await Promise.all([
    round.name(at),
    round.treasury(at),
    round.deadline(at),
    round.budget(at),
    round.distributed(at),
    round.initiativeCount(at),
    round.finalized(at),
    round.fundedInitiatives(at),
  ]);
  const [totalSupply, tokenRound, roundBalance] = await Promise.all([
    token.totalSupply(at),
    token.round(at),
    token.balanceOf(roundAddr, at),
  ]);
  if (count > MAX_INITIATIVES) throw new Error(`initiativeCount() ${count} is out of range`);
  const fundedOnChain = fundedView.map(Number);
  const views = [];
  for (let id = 1n; id <= count; id++) {
    const [ini, bank] = await Promise.all([round.initiative(id, at), round.piggyBank(id, at)]);
    const piggyBank = getAddress(bank);
    views.push({ id, cost: ini.cost, received: ini.received, funded: ini.funded, piggyBank, balance: await token.balanceOf(piggyBank, at) });
  }

  // Events.
  const fromBlock = await creationBlock(provider, roundAddr, head);
  const logs = await getLogs(provider, [roundAddr, tokenAddr], fromBlock, head);
  let created = null;
  let finalizedEv = null;
  let minted = 0n;
  let distributed = 0n;
  let reclaimed = 0n;
  const registered = []; // {id, cost, piggyBank} in event order
  const quotas = new Map(); // citizen → quota
  const spent = new Map(); // citizen → allocated − withdrawn + reclaimed
  const received = new Map(); // id → allocated − withdrawn
  const balances = new Map(); // address → balance from Transfer events
  const fundedEvents = [];
  for (const log of logs) {
    const isToken = getAddress(log.address) === tokenAddr;
    let ev;
    try {
      ev = (isToken ? tokenIface : roundIface).parseLog(log);
    } catch (e) {
      find(`log ${log.index} of tx ${log.transactionHash} does not decode: ${e.shortMessage ?? e.message}`);
      continue;
    }
    if (!ev) continue; // an event this audit does not know (e.g. AccessControl's RoleGranted)
    const a = ev.args;
    switch (isToken ? `token.${ev.name}` : ev.name) {
      case "token.Transfer":
        if (a.from === ZeroAddress) minted += a.value;
        else add(balances, getAddress(a.from), -a.value);
        if (a.to === ZeroAddress) minted -= a.value;
        else add(balances, getAddress(a.to), a.value);
        break;
      case "RoundCreated":
        if (created) find(`a second RoundCreated event in tx ${log.transactionHash}`);
        created = a;
        break;
      case "InitiativeRegistered":
        registered.push({ id: a.id, cost: a.cost, piggyBank: getAddress(a.piggyBank) });
        break;
      case "QuotaGranted": {
        const c = getAddress(a.citizen);
        if (quotas.has(c)) find(`citizen ${c} granted a quota twice`);
        add(quotas, c, a.amount);
        distributed += a.amount;
        break;
      }
      case "Allocated":
        add(received, a.id, a.amount);
        add(spent, getAddress(a.citizen), a.amount);
        break;
      case "Withdrawn":
        add(received, a.id, -a.amount);
        add(spent, getAddress(a.citizen), -a.amount);
        break;
      case "InitiativeFunded":
        fundedEvents.push(Number(a.id));
        break;
      case "Finalized":
        finalizedEv = { funded: a.funded.map(Number), fundedCost: a.fundedCost, returned: a.returnedToTreasury };
        break;
      case "Reclaimed":
        reclaimed += a.amount;
        add(spent, getAddress(a.citizen), a.amount);
        break;
    }
  }

  // Supply and distribution.
  if (totalSupply !== budget) find(`totalSupply() ${totalSupply} differs from budget() ${budget}`);
  if (minted !== totalSupply) find(`Transfer events mint ${minted}, totalSupply() is ${totalSupply}`);
  if (getAddress(tokenRound) !== roundAddr) find(`token ${tokenAddr} belongs to round ${tokenRound}`);
  if (!created) find(`no RoundCreated event from ${roundAddr}`);
  else if (getAddress(created.token) !== tokenAddr || created.name !== name || created.budget !== budget ||
    created.deadline !== deadline || getAddress(created.treasury) !== getAddress(treasury)) {
    find("the RoundCreated event differs from the views (token, name, budget, deadline, treasury)");
  }
  if (distributed !== distributedView) find(`QuotaGranted events sum to ${distributed}, distributed() is ${distributedView}`);
  for (const [c, s] of spent) {
    const q = quotas.get(c);
    if (q === undefined || s > q) find(`citizen ${c} moved ${s}, more than the quota ${q ?? 0n}`);
  }
  const wantRoundBalance = finalized ? 0n : budget - distributed;
  if (roundBalance !== wantRoundBalance) find(`round holds ${roundBalance} tokens, want ${wantRoundBalance}`);
  if ((balances.get(roundAddr) ?? 0n) !== roundBalance) {
    find(`Transfer events give the round ${balances.get(roundAddr) ?? 0n} tokens, balanceOf() ${roundBalance}`);
  }

  // Initiatives and piggy banks.
  if (BigInt(registered.length) !== count) find(`${registered.length} InitiativeRegistered events, initiativeCount() is ${count}`);
  registered.forEach((r, i) => {
    if (r.id !== BigInt(i + 1)) find(`InitiativeRegistered #${i + 1} has id ${r.id}`);
  });
  const initiatives = [];
  let allocated = 0n;
  for (const v of views) {
    const what = `initiative ${v.id}`;
    const reg = registered.find((r) => r.id === v.id);
    const got = received.get(v.id) ?? 0n;
    allocated += got;
    if (!reg) find(`${what}: no InitiativeRegistered event`);
    else if (reg.cost !== v.cost) find(`${what}: registered with cost ${reg.cost}, initiative() says ${v.cost}`);
    const want = piggyBankOf(roundAddr, v.id);
    if (v.piggyBank !== want || (reg && reg.piggyBank !== want)) find(`${what}: piggy bank ${v.piggyBank} (view), ${reg?.piggyBank} (event), want ${want}`);
    if (got !== v.received) find(`${what}: Allocated − Withdrawn events give ${got}, initiative() says ${v.received}`);
    const wantBalance = finalized && !v.funded ? 0n : got;
    if (v.balance !== wantBalance) find(`${what}: piggy bank holds ${v.balance}, want ${wantBalance}`);
    if ((balances.get(v.piggyBank) ?? 0n) !== v.balance) find(`${what}: Transfer events give its piggy bank ${balances.get(v.piggyBank) ?? 0n}, balanceOf() ${v.balance}`);
    initiatives.push({ id: Number(v.id), cost: reg ? reg.cost : v.cost, piggyBank: v.piggyBank, received: got, receivedView: v.received, balance: v.balance, fundedView: v.funded });
  }

  // The funded set.
  const funded = fundedSet(budget, initiatives.filter((it) => registered.some((r) => Number(r.id) === it.id)));
  let fundedCost = 0n;
  let returned = budget - distributed;
  for (const it of initiatives) {
    it.funded = funded.includes(it.id);
    if (it.funded) fundedCost += it.cost;
    else returned += it.received;
    if (it.fundedView !== (finalized && it.funded)) find(`initiative ${it.id}: initiative().funded is ${it.fundedView}, want ${finalized && it.funded}`);
  }
  if (!finalized) {
    if (fundedOnChain.length || finalizedEv || fundedEvents.length) find(`round not finalized but the chain shows a funded set ${fundedOnChain}`);
  } else if (!finalizedEv) {
    find("finalized() is true but there is no Finalized event");
  } else {
    for (const [what, ids] of [["fundedInitiatives()", fundedOnChain], ["the Finalized event", finalizedEv.funded], ["InitiativeFunded events", fundedEvents]]) {
      if (!sameList(ids, funded)) find(`funded set: ${what} says [${ids}], recomputed [${funded}]`);
    }
    if (finalizedEv.fundedCost !== fundedCost) find(`Finalized event: funded cost ${finalizedEv.fundedCost}, recomputed ${fundedCost}`);
    if (finalizedEv.returned !== returned) find(`Finalized event: returned to treasury ${finalizedEv.returned}, recomputed ${returned}`);
  }

  return {
    round: roundAddr, token: tokenAddr, name, treasury: getAddress(treasury), deadline: Number(deadline),
    block: head, from_block: fromBlock, finalized,
    budget, total_supply: totalSupply, minted, distributed, distributed_view: distributedView,
    citizens: quotas.size, allocated, undistributed: roundBalance, reclaimed, funded_cost: fundedCost,
    returned_to_treasury: finalizedEv ? finalizedEv.returned : null,
    initiatives: initiatives.map((it) => ({
      id: it.id, cost: it.cost, piggy_bank: it.piggyBank, received: it.received, received_view: it.receivedView,
      balance: it.balance, funded: it.funded, funded_view: it.fundedView,
    })),
    funded, funded_on_chain: fundedOnChain, findings, ok: findings.length === 0,
  };
}

function text(r) {
  const rows = [
    ["budget", "", r.budget],
    ["supply (minted / totalSupply)", r.minted, r.total_supply],
    [`distributed (${r.citizens} citizens)`, r.distributed, r.distributed_view],
    ["undistributed", "", r.undistributed],
    ["allocated", r.allocated, ""],
    ["reclaimed", r.reclaimed, ""],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  const lines = [
    `Round ${r.round} "${r.name}" (token ${r.token}) at block ${r.block}, logs from block ${r.from_block}`,
    `Deadline ${new Date(r.deadline * 1000).toISOString()}, ${r.finalized ? "finalized" : "open"}; treasury ${r.treasury}`,
    "",
    `${"Amounts in kopecks".padEnd(w)}  ${"events".padStart(12)}  ${"views".padStart(12)}`,
    ...rows.map(([k, e, v]) => `${k.padEnd(w)}  ${String(e).padStart(12)}  ${String(v).padStart(12)}`.trimEnd()),
    "",
    "Initiatives:",
    `${"id".padStart(4)}  ${"cost".padStart(12)}  ${"received".padStart(12)}  ${"view".padStart(12)}  ${"piggy bank".padStart(12)}  funded`,
    ...r.initiatives.map((it) =>
      `${String(it.id).padStart(4)}  ${String(it.cost).padStart(12)}  ${String(it.received).padStart(12)}  ${String(it.received_view).padStart(12)}  ${String(it.balance).padStart(12)}  ${it.funded ? "yes" : "no"}`),
    "",
    r.finalized
      ? `Funded set: recomputed [${r.funded}], on chain [${r.funded_on_chain}] (cost ${r.funded_cost}, returned to treasury ${r.returned_to_treasury})`
      : `Funded set if finalized now: [${r.funded}] (cost ${r.funded_cost})`,
  ];
  if (r.ok) lines.push("", "No findings: events and views agree.");
  for (const f of r.findings) lines.push(`FINDING: ${f}`);
  return lines.join("\n") + "\n";
}

const args = parseArgs(process.argv.slice(2));
const provider = new JsonRpcProvider(args.rpc, undefined, { batchMaxCount: 1 });
let report;
try {
  report = await audit(provider, args.round);
} catch (e) {
  process.stderr.write(`audit.mjs: ${e.shortMessage ?? e.message}\n`);
  process.exit(2);
} finally {
  provider.destroy();
}
process.stdout.write(
  args.json ? JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n" : text(report),
);
process.exitCode = report.ok ? 0 : 1;
