// Tests of scripts/audit-v2.mjs, the outside auditor's script for BudgetRoundV2: a real
// round on the Hardhat network (relayed claims with a multiproof, materialize, relayed
// Withdraw/Allocate, a direct claimAndAllocate and move, finalize under each rule) must audit with
// no findings and the right figures; doctored copies of the same chain data must produce findings;
// the pure helpers are cross-checked against the test helpers; the CLI runs against a JSON-RPC
// endpoint served from the in-process network.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { expect } from "chai";
import { network } from "hardhat";

import {
  KIND,
  RULE,
  claimRecord,
  eligibilityTree,
  fundedSet as helperFundedSet,
  multiProof,
  opRecord,
  packHead,
  claimsTree,
} from "./helpers/round-v2.js";
import { analyze, audit, collect, fundedSet, getLogsChunked, unpackFlags, unpackHead } from "../../scripts/audit-v2.mjs";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const BUDGET = 10_000n;
const HOUR = 3600;
const SCRIPT = fileURLToPath(new URL("../../scripts/audit-v2.mjs", import.meta.url));

// A full round under `rule`:
//   eligibility root 1: alice #0 4000, bob #1 3000, carol #2 2000; initiatives #1 6000, #2 5000,
//   #3 3000, #4 1000;
//   relay batch 0: first uses alice 1500 → #1, bob 3000 → #2, carol 700 → #1 (one multiproof);
//   materialize alice; relay: alice Withdraw 1000 from #1 (nonce 1), Allocate 3000 to #3 (nonce 2);
//   root 2 adds dave #3 600; dave claimAndAllocate 600 → #2 directly, then move 100 #2 → #4;
//   after the deadline, finalize (unless `finalize` is false).
// Totals: distributed 9600; received #1 1200, #2 3500, #3 3000, #4 100.
async function scenario(rule, threshold, { finalize = true } = {}) {
  const [admin, treasury, alice, bob, carol, dave] = await ethers.getSigners();
  const deadline = (await time.latest()) + HOUR;
  const round = await ethers.deployContract("BudgetRoundV2", [
    "Audit 2026",
    "AU26",
    BUDGET,
    deadline,
    treasury.address,
    admin.address,
    rule,
    threshold,
  ]);
  const roundAddress = await round.getAddress();
  const { chainId } = await ethers.provider.getNetwork();
  const dom = { name: "pbnode BudgetRound", version: "2", chainId, verifyingContract: roundAddress };
  const entries = [
    { index: 0, address: alice.address, quota: 4000n },
    { index: 1, address: bob.address, quota: 3000n },
    { index: 2, address: carol.address, quota: 2000n },
  ];
  const tree = eligibilityTree(entries);
  await round.setEligibilityRoot(tree.root, 3n);
  for (const cost of [6000n, 5000n, 3000n, 1000n]) await round.registerInitiative(cost);

  const sig = BigInt(deadline);
  const firstUses = [
    { wallet: alice, index: 0n, quota: 4000n, id: 1n, amount: 1500n },
    { wallet: bob, index: 1n, quota: 3000n, id: 2n, amount: 3000n },
    { wallet: carol, index: 2n, quota: 2000n, id: 1n, amount: 700n },
  ];
  const records = [];
  for (const u of firstUses) records.push(await claimRecord(u.wallet, dom, { ...u, deadline: sig }));
  const mp = multiProof(tree, [0, 1, 2]);
  await round.relay(records, mp.proof, mp.flagBits);
  const claims = claimsTree(firstUses.map((u) => ({ ...u, address: u.wallet.address })));

  await round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, claims.getProof(0));
  await round.relay(
    [
      await opRecord(alice, dom, "Withdraw", { id: 1n, amount: 1000n, nonce: 1n, deadline: sig }),
      await opRecord(alice, dom, "Allocate", { id: 3n, amount: 3000n, nonce: 2n, deadline: sig }),
    ],
    [],
    []
  );

  const tree2 = eligibilityTree([...entries, { index: 3, address: dave.address, quota: 600n }]);
  await round.setEligibilityRoot(tree2.root, 4n);
  await round.connect(dave).claimAndAllocate(3n, 600n, tree2.getProof(3), 2n, 600n);
  await round.connect(dave).move(2n, 4n, 100n);

  if (finalize) {
    await time.increaseTo(deadline);
    await round.finalize();
  }
  return { round, roundAddress, claimsRoot: claims.root, alice, bob, carol, dave, treasury };
}

const RECEIVED = { 1: "1200", 2: "3500", 3: "3000", 4: "100" };

// The common figures of the scenario's audit report.
function expectScenarioFigures(r) {
  expect(r.findings).to.deep.equal([]);
  expect(r.ok).to.equal(true);
  expect(r.budget).to.equal("10000");
  expect(r.supply).to.equal("10000");
  expect(r.distributed).to.equal("9600");
  expect(r.claims).to.equal(4);
  expect(r.claims_batches).to.equal(1);
  expect(r.eligibility_versions).to.equal(2);
  expect(r.relayed_records).to.equal(5);
  expect(r.signatures_verified).to.equal(5);
  expect(r.proofs_verified).to.equal(4); // 3 by the multiproof, 1 direct
  expect(r.received).to.deep.equal(RECEIVED);
  expect(r.checks.every((c) => c.ok)).to.equal(true);
}

// JSON-RPC over HTTP, answered by the in-process Hardhat network, for the CLI test.
async function rpcServer() {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      const call = async (msg) => {
        try {
          return {
            jsonrpc: "2.0",
            id: msg.id,
            result: await connection.provider.request({ method: msg.method, params: msg.params }),
          };
        } catch (e) {
          return { jsonrpc: "2.0", id: msg.id, error: { code: e.code ?? -32000, message: e.message, data: e.data } };
        }
      };
      const msg = JSON.parse(body);
      const out = Array.isArray(msg) ? await Promise.all(msg.map(call)) : await call(msg);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(out));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const run = promisify(execFile);
async function runCli(args) {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...args]);
    return { code: 0, stdout };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("scripts/audit-v2.mjs (R-1.5)", function () {
  describe("a real round audits clean under each rule", function () {
    const cases = [
      { rule: RULE.Greedy, threshold: 0n, funded: [2, 3, 4], returned: "3400" },
      { rule: RULE.GreedyNoSkip, threshold: 0n, funded: [2, 3], returned: "3500" },
      { rule: RULE.GreedyThreshold, threshold: 3200n, funded: [2], returned: "6500" },
      { rule: RULE.PiggyBank, threshold: 0n, funded: [3], returned: "7000" },
    ];
    for (const tc of cases) {
      it(`rule ${tc.rule}: funded ${JSON.stringify(tc.funded)}, returned ${tc.returned}`, async function () {
        const { roundAddress } = await scenario(tc.rule, tc.threshold);
        const r = await audit(ethers.provider, roundAddress);
        expectScenarioFigures(r);
        expect(r.rule).to.equal(Number(tc.rule));
        expect(r.threshold).to.equal(tc.threshold.toString());
        expect(r.finalized).to.equal(true);
        expect(r.funded).to.deep.equal(tc.funded);
        expect(r.funded_on_chain).to.deep.equal(tc.funded);
        expect(r.returned).to.equal(tc.returned);
        expect(r.returned_recomputed).to.equal(tc.returned);
      });
    }

    it("an open round: no funded set on chain, the projection, and small log chunks give the same report", async function () {
      const { roundAddress } = await scenario(RULE.Greedy, 0n, { finalize: false });
      const r = await audit(ethers.provider, roundAddress);
      expectScenarioFigures(r);
      expect(r.finalized).to.equal(false);
      expect(r.funded).to.deep.equal([2, 3, 4]); // projection
      expect(r.funded_on_chain).to.deep.equal([]);
      expect(r.returned).to.equal(null);
      const small = await audit(ethers.provider, roundAddress, { chunk: 2 });
      expect(small.findings).to.deep.equal([]);
      expect(small.received).to.deep.equal(r.received);
    });
  });

  it("a second batch relayed through a forwarder contract is found with debug_traceTransaction", async function () {
    const { round, roundAddress, alice, bob, carol, dave } = await scenario(RULE.Greedy, 0n, { finalize: false });
    const [admin, , , , , , erin] = await ethers.getSigners();
    // Runtime: copy calldata, CALL the round with it, bubble the result or the revert (46 bytes).
    const runtime = `0x365f5f375f5f365f5f73${roundAddress.slice(2)}5af13d5f5f3e602a573d5ffd5b3d5ff3`;
    const initcode = "0x602e8060095f395ff3" + runtime.slice(2);
    const receipt = await (await admin.sendTransaction({ data: initcode })).wait();
    const forwarder = receipt.contractAddress;
    await round.grantRole(ethers.id("RELAYER_ROLE"), forwarder);
    const { chainId } = await ethers.provider.getNetwork();
    const dom = { name: "pbnode BudgetRound", version: "2", chainId, verifyingContract: roundAddress };
    // Root 3 adds erin #4 400; one batch: alice's next Allocate and erin's first use (batch 1).
    const tree3 = eligibilityTree([
      { index: 0, address: alice.address, quota: 4000n },
      { index: 1, address: bob.address, quota: 3000n },
      { index: 2, address: carol.address, quota: 2000n },
      { index: 3, address: dave.address, quota: 600n },
      { index: 4, address: erin.address, quota: 400n },
    ]);
    await round.setEligibilityRoot(tree3.root, 5n);
    const deadline = BigInt(await round.deadline());
    const recs = [
      await opRecord(alice, dom, "Allocate", { id: 4n, amount: 100n, nonce: 3n, deadline }),
      await claimRecord(erin, dom, { index: 4n, quota: 400n, id: 3n, amount: 200n, deadline }),
    ];
    const mp = multiProof(tree3, [4]);
    const data = round.interface.encodeFunctionData("relay", [recs, mp.proof, mp.flagBits]);
    await (await admin.sendTransaction({ to: forwarder, data })).wait();
    await round.materialize(1n, 4n, erin.address, 400n, 3n, 200n, []); // a one-leaf claims tree: empty proof

    const r = await audit(ethers.provider, roundAddress);
    expect(r.findings).to.deep.equal([]);
    expect(r.relayed_records).to.equal(7);
    expect(r.signatures_verified).to.equal(7);
    expect(r.claims_batches).to.equal(2);
    expect(r.distributed).to.equal("10000");
    expect(r.proofs_verified).to.equal(5);
    expect(r.received).to.deep.equal({ 1: "1200", 2: "3500", 3: "3200", 4: "200" });
  });

  describe("doctored chain data produces findings", function () {
    let data;
    before(async function () {
      const { roundAddress } = await scenario(RULE.Greedy, 0n);
      data = await collect(ethers.provider, roundAddress);
      expect(analyze(data).findings).to.deep.equal([]);
    });
    // A deep copy of the collected data changed by `edit`, analyzed.
    function findingsAfter(edit) {
      const copy = structuredClone(data);
      edit(copy);
      return analyze(copy).findings;
    }
    const has = (findings, re) =>
      expect(
        findings.some((f) => re.test(f)),
        findings.join("\n")
      ).to.equal(true);

    it("an Allocated amount changed: received, views and the claims root disagree", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Allocated").amount += 1n;
      });
      has(f, /^received\[id\].*#1: events 1201, initiative\(\) 1200/);
      has(f, /^claims roots.*recomputed root/);
      has(f, /^every citizen event is explained/);
    });

    it("a Claimed quota changed: distributed disagrees", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Claimed").quota -= 1n;
      });
      has(f, /^distributed = .*9599 from 4 claims, distributed\(\) 9600/);
    });

    it("an address claimed twice", function () {
      const f = findingsAfter((d) => {
        const claims = d.events.filter((e) => e.event === "Claimed");
        claims[1].citizen = claims[0].citizen;
      });
      has(f, /^claims unique.*claimed twice/);
    });

    it("a relayed event attributed to another citizen: the recovered signer does not match", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Withdrawn").citizen = d.views.treasury;
      });
      has(f, /^relayed signatures.*signer 0x[0-9a-fA-F]{40}, event citizen/);
    });

    it("a relayed record's amount changed in the calldata: the signature no longer recovers the citizen", function () {
      const iface = new ethers.Interface([
        "function relay((uint256 head, bytes32 r, bytes32 vs)[] records, bytes32[] proof, uint256[] proofFlagBits)",
      ]);
      const f = findingsAfter((d) => {
        const hash = d.events.find((e) => e.event === "Withdrawn").tx;
        const call = d.txs[hash].calls[0];
        const { args } = iface.parseTransaction({ data: call.input });
        const records = args.records.map((r) => ({ head: r.head, r: r.r, vs: r.vs }));
        const rec = unpackHead(records[0].head);
        records[0].head = packHead({
          kind: KIND.WITHDRAW,
          amount: rec.amount + 1n,
          quotaOrNonce: rec.nonce,
          id: rec.id,
          deadline: rec.deadline,
        });
        call.input = iface.encodeFunctionData("relay", [records, [...args.proof], [...args.proofFlagBits]]);
      });
      has(f, /^relayed signatures/);
      has(f, /^every citizen event is explained/);
    });

    it("an eligibility root replaced: the relay multiproof and the direct proof fail", function () {
      const f = findingsAfter((d) => {
        for (const e of d.events) if (e.event === "EligibilityRootSet") e.root = ethers.id(`other ${e.version}`);
      });
      has(f, /^claims proven.*multiproof of 3 claims does not verify/);
      has(f, /^claims proven.*claimAndAllocate/);
    });

    it("a ClaimsCommitted root changed: the recomputed root and materialize disagree", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "ClaimsCommitted").root = ethers.id("forged");
      });
      has(f, /^claims roots.*recomputed root/);
      has(f, /^materialize proofs/);
    });

    it("Finalized.funded and fundedInitiatives() differ from the rule", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Finalized").funded = [2n, 3n];
        d.views.fundedInitiatives = [3, 2, 4];
      });
      has(f, /^funded set.*Finalized.funded \[2, 3\], recomputed \[2, 3, 4\]/);
      has(f, /^funded set.*fundedInitiatives\(\) \[3, 2, 4\]/);
    });

    it("the treasury got back too much, a piggy bank holds too little, the supply differs", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Finalized").returnedToTreasury += 1n;
        d.views.initiatives[1].balance -= 1n;
        d.views.totalSupply += 1n;
      });
      has(f, /^returnedToTreasury/);
      has(f, /^token balances.*piggy bank #2 holds 3499, want 3500/);
      has(f, /^token supply == budget/);
    });

    it("a withdrawal over the allocation, and a transaction whose calls are unknown", function () {
      const f = findingsAfter((d) => {
        d.events.find((e) => e.event === "Withdrawn").amount = 5000n;
        d.txs[d.events.find((e) => e.event === "Materialized").tx].calls = null;
      });
      has(f, /^citizen ledgers.*withdrew 5000 from #1 holding 1500/);
      has(f, /^every citizen event is explained.*calls not available/);
    });

    it("a relayed nonce out of order", function () {
      const f = findingsAfter((d) => {
        // Drop the materialize call: alice's nonce-1 Withdraw then finds no account.
        d.txs[d.events.find((e) => e.event === "Materialized").tx].calls = [];
      });
      has(f, /^relayed records: nonces.*has no account/);
    });
  });

  describe("pure helpers", function () {
    it("fundedSet matches the test helper's (and so the contract's) rule on random rounds, ties included", function () {
      let seed = 12345;
      const rnd = (n) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let k = 0; k < 500; k++) {
        const rule = BigInt(rnd(4));
        const threshold = rule === RULE.GreedyThreshold ? BigInt(1 + rnd(5)) * 100n : 0n;
        const items = Array.from({ length: 1 + rnd(8) }, (_, i) => ({
          id: BigInt(i + 1),
          cost: BigInt(1 + rnd(6)) * 500n,
          received: BigInt(rnd(6)) * 250n,
        }));
        const want = helperFundedSet(BUDGET, rule, threshold, items).map(Number);
        expect(
          fundedSet(BUDGET, rule, threshold, items),
          JSON.stringify({ rule, threshold, items }, (_, v) => String(v))
        ).to.deep.equal(want);
      }
    });

    it("fundedSet: ties by lower cost, then lower id; NoSkip stops; PiggyBank needs the cost", function () {
      const items = [
        { id: 1, cost: 6000n, received: 2000n },
        { id: 2, cost: 5000n, received: 2000n },
        { id: 3, cost: 3000n, received: 1000n },
        { id: 4, cost: 3000n, received: 1000n },
        { id: 5, cost: 100n, received: 500n },
      ];
      expect(fundedSet(10_000n, RULE.Greedy, 0n, items)).to.deep.equal([2, 3, 5]);
      expect(fundedSet(10_000n, RULE.GreedyNoSkip, 0n, items)).to.deep.equal([2]);
      expect(fundedSet(10_000n, RULE.GreedyThreshold, 1000n, items)).to.deep.equal([2, 3]);
      expect(fundedSet(10_000n, RULE.PiggyBank, 0n, items)).to.deep.equal([5]);
    });

    it("unpackHead inverts the helpers' packHead; unpackFlags reads the packed bits", function () {
      const head = packHead({
        kind: KIND.CLAIM,
        amount: 2n ** 64n - 1n,
        quotaOrNonce: 7n,
        id: 65535n,
        index: 2n ** 32n - 1n,
        deadline: 2n ** 40n - 1n,
      });
      expect(unpackHead(head)).to.deep.equal({
        kind: 0,
        amount: 2n ** 64n - 1n,
        quota: 7n,
        nonce: 0n,
        id: 65535n,
        index: 2n ** 32n - 1n,
        deadline: 2n ** 40n - 1n,
      });
      const w = unpackHead(packHead({ kind: KIND.WITHDRAW, amount: 5n, quotaOrNonce: 3n, id: 2n, deadline: 9n }));
      expect([w.kind, w.amount, w.nonce, w.id, w.deadline, w.quota]).to.deep.equal([2, 5n, 3n, 2n, 9n, undefined]);
      expect(unpackFlags([5n], 3)).to.deep.equal([true, false, true]);
      expect(unpackFlags([0n, 1n], 257)[256]).to.equal(true);
    });

    it("getLogsChunked halves a chunk the provider refuses and still returns every log once", async function () {
      const calls = [];
      const provider = {
        async getLogs({ fromBlock, toBlock }) {
          calls.push([fromBlock, toBlock]);
          if (toBlock - fromBlock + 1 > 3) throw new Error("query returned more than 10000 results");
          const out = [];
          for (let b = fromBlock; b <= toBlock; b++) out.push({ blockNumber: b, index: 0 });
          return out;
        },
      };
      const logs = await getLogsChunked(provider, ethers.ZeroAddress, 0, 20, 16);
      expect(logs.map((l) => l.blockNumber)).to.deep.equal(Array.from({ length: 21 }, (_, i) => i));
      expect(calls.length < 20).to.equal(true);
      const failing = { getLogs: async () => Promise.reject(new Error("connection refused")) };
      let err;
      try {
        await getLogsChunked(failing, ethers.ZeroAddress, 0, 20, 16);
      } catch (e) {
        err = e;
      }
      expect(err?.message).to.equal("connection refused");
    });
  });

  describe("command line", function () {
    it("prints the report, --json, exit codes 0 and 2", async function () {
      const { roundAddress } = await scenario(RULE.PiggyBank, 0n);
      const srv = await rpcServer();
      try {
        const [text, json] = await Promise.all([
          runCli(["--rpc", srv.url, "--round", roundAddress]),
          runCli(["--rpc", srv.url, "--round", roundAddress, "--json", "--from-block", "0"]),
        ]);
        expect(text.code, text.stderr).to.equal(0);
        expect(text.stdout).to.match(/\[ OK \] relayed signatures.*5 of 5 records/);
        expect(text.stdout.trimEnd().split("\n").at(-1)).to.equal("RESULT: OK, everything agrees");
        expect(json.code, json.stderr).to.equal(0);
        const r = JSON.parse(json.stdout);
        expectScenarioFigures(r);
        expect(r.funded).to.deep.equal([3]);
        expect(r.returned).to.equal("7000");
        const errors = await Promise.all([
          runCli(["--rpc", srv.url]), // no --round
          runCli(["--rpc", srv.url, "--round", "0x1234"]), // not an address
          runCli(["--rpc", srv.url, "--round", ethers.ZeroAddress]), // no contract there
        ]);
        expect(errors.map((e) => e.code)).to.deep.equal([2, 2, 2]);
      } finally {
        await srv.close();
      }
    });
  });
});
