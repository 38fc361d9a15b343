// Hardhat tests of BudgetRound v2: eligibility roots and claims on first use, direct and
// relayed (EIP-712, ERC-2098) allocation and taking back, finalization by rule, and
// totals that add up from the chain's logs alone. See docs/CONTRACTS-V2.md.
import { expect } from "chai";
import { network } from "hardhat";

import {
  KIND,
  RULE,
  claimRecord,
  claimsTree,
  domain,
  eligibilityTree,
  fundedSet,
  multiProof,
  opRecord,
  packFlags,
  packHead,
} from "./helpers/round-v2.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

const BUDGET = 10_000n;
const HOUR = 3600;
const TREASURY_ROLE = ethers.id("TREASURY_ROLE");
const REGISTRAR_ROLE = ethers.id("REGISTRAR_ROLE");
const RELAYER_ROLE = ethers.id("RELAYER_ROLE");
const NO_BATCH = ethers.MaxUint256;

function piggyBankOf(roundAddress, id) {
  const hash = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [roundAddress, id]));
  return ethers.getAddress(ethers.dataSlice(hash, 12));
}

async function deployWith(rule, threshold) {
  const [admin, treasury, alice, bob, carol, dave, outsider] = await ethers.getSigners();
  const deadline = (await time.latest()) + HOUR;
  const round = await ethers.deployContract("BudgetRoundV2", [
    "Budget 2026",
    "PB26",
    BUDGET,
    deadline,
    treasury.address,
    admin.address,
    rule,
    threshold,
  ]);
  const token = await ethers.getContractAt("BudgetToken", await round.token());
  const { chainId } = await ethers.provider.getNetwork();
  const dom = domain(chainId, await round.getAddress());
  return { round, token, deadline, dom, chainId, admin, treasury, alice, bob, carol, dave, outsider };
}

// deploy plus an eligibility root: alice #0 4000, bob #1 3000, carol #2 2000 (1000 never
// distributed), and initiatives #1 6000, #2 5000, #3 3000.
async function openRound() {
  const f = await deploy();
  const entries = [
    { index: 0, address: f.alice.address, quota: 4000n },
    { index: 1, address: f.bob.address, quota: 3000n },
    { index: 2, address: f.carol.address, quota: 2000n },
  ];
  const tree = eligibilityTree(entries);
  await f.round.setEligibilityRoot(tree.root, entries.length);
  for (const cost of [6000n, 5000n, 3000n]) await f.round.registerInitiative(cost);
  return { ...f, entries, tree };
}

// openRound with the three citizens claimed directly, each allocating a little.
async function claimedRound() {
  const f = await openRound();
  const { round, tree, alice, bob, carol } = f;
  await round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 1000n);
  await round.connect(bob).claimAndAllocate(1n, 3000n, tree.getProof(1), 2n, 500n);
  await round.connect(carol).claimAndAllocate(2n, 2000n, tree.getProof(2), 0n, 0n);
  return f;
}

// openRound with a relayed batch of all three first uses (one multiproof).
async function relayedRound() {
  const f = await openRound();
  const { round, tree, dom, alice, bob, carol } = f;
  const sigDeadline = BigInt(f.deadline);
  const firstUses = [
    { wallet: alice, index: 0n, quota: 4000n, id: 1n, amount: 1500n },
    { wallet: bob, index: 1n, quota: 3000n, id: 2n, amount: 3000n },
    { wallet: carol, index: 2n, quota: 2000n, id: 1n, amount: 700n },
  ];
  const records = [];
  for (const u of firstUses) records.push(await claimRecord(u.wallet, dom, { ...u, deadline: sigDeadline }));
  const mp = multiProof(tree, [0, 1, 2]);
  await round.relay(records, mp.proof, mp.flagBits);
  const applied = firstUses.map((u) => ({ ...u, address: u.wallet.address }));
  return { ...f, firstUses, applied, claims: claimsTree(applied), sigDeadline };
}

// loadFixture passes its own argument: fixtures take none.
function deploy() {
  return deployWith(RULE.Greedy, 0n);
}

async function expectSupplyIsBudget(token) {
  expect(await token.totalSupply()).to.equal(BUDGET);
}

describe("BudgetRoundV2", function () {
  describe("constructor", function () {
    it("R-1.1: creates the token with supply = budget held by the round, rule and roles", async function () {
      const { round, token, admin, treasury } = await loadFixture(deploy);
      const roundAddress = await round.getAddress();
      expect(await round.token()).to.equal(ethers.getCreateAddress({ from: roundAddress, nonce: 1 }));
      expect(await token.balanceOf(roundAddress)).to.equal(BUDGET);
      await expectSupplyIsBudget(token);
      expect(await round.treasury()).to.equal(treasury.address);
      expect(await round.rule()).to.equal(RULE.Greedy);
      expect(await round.threshold()).to.equal(0n);
      for (const r of [TREASURY_ROLE, REGISTRAR_ROLE, RELAYER_ROLE, ethers.ZeroHash]) {
        expect(await round.hasRole(r, admin.address)).to.equal(true);
      }
      const [, name, version, chainId, verifyingContract] = await round.eip712Domain();
      expect([name, version, verifyingContract]).to.deep.equal(["pbnode BudgetRound", "2", roundAddress]);
      expect(chainId).to.equal((await ethers.provider.getNetwork()).chainId);
    });

    it("emits RoundCreated with the rule and threshold", async function () {
      const [admin, treasury] = await ethers.getSigners();
      const deadline = (await time.latest()) + HOUR;
      const Round = await ethers.getContractFactory("BudgetRoundV2");
      const round = await Round.deploy("R", "R", BUDGET, deadline, treasury.address, admin.address, RULE.GreedyThreshold, 50n);
      await expect(round.deploymentTransaction())
        .to.emit(round, "RoundCreated")
        .withArgs(await round.token(), "R", BUDGET, deadline, treasury.address, RULE.GreedyThreshold, 50n);
    });

    it("reverts on bad arguments", async function () {
      const [admin, treasury] = await ethers.getSigners();
      const now = await time.latest();
      const Round = await ethers.getContractFactory("BudgetRoundV2");
      const ok = [BUDGET, now + HOUR, treasury.address, admin.address, RULE.Greedy, 0n];
      const cases = [
        { args: [BUDGET, now + HOUR, ethers.ZeroAddress, admin.address, RULE.Greedy, 0n], error: "ZeroAddress" },
        { args: [BUDGET, now + HOUR, treasury.address, ethers.ZeroAddress, RULE.Greedy, 0n], error: "ZeroAddress" },
        { args: [0n, now + HOUR, treasury.address, admin.address, RULE.Greedy, 0n], error: "ZeroAmount" },
        { args: [BUDGET, now, treasury.address, admin.address, RULE.Greedy, 0n], error: "DeadlineInPast" },
        { args: [BUDGET, now + HOUR, treasury.address, admin.address, RULE.Greedy, 5n], error: "InvalidRule" },
        { args: [BUDGET, now + HOUR, treasury.address, admin.address, RULE.GreedyThreshold, 0n], error: "InvalidRule" },
      ];
      for (const tc of cases) {
        await expect(Round.deploy("R", "R", ...tc.args)).to.be.revertedWithCustomError(Round, tc.error);
      }
      await Round.deploy("R", "R", ...ok);
    });
  });

  describe("registerInitiative", function () {
    it("R-2.1: numbers initiatives 1, 2, … and emits their piggy banks", async function () {
      const { round } = await loadFixture(deploy);
      const roundAddress = await round.getAddress();
      await expect(round.registerInitiative(500n))
        .to.emit(round, "InitiativeRegistered")
        .withArgs(1n, 500n, piggyBankOf(roundAddress, 1n));
      expect(await round.piggyBank(1n)).to.equal(piggyBankOf(roundAddress, 1n));
      expect(await round.initiative(1n)).to.deep.equal([500n, 0n, false]);
    });

    it("reverts for a wrong role, zero cost, too many, after the deadline", async function () {
      const { round, outsider, deadline } = await loadFixture(deploy);
      await expect(round.connect(outsider).registerInitiative(1n))
        .to.be.revertedWithCustomError(round, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, TREASURY_ROLE);
      await expect(round.registerInitiative(0n)).to.be.revertedWithCustomError(round, "ZeroCost");
      for (let i = 0; i < 100; i++) await round.registerInitiative(1n);
      await expect(round.registerInitiative(1n)).to.be.revertedWithCustomError(round, "TooManyInitiatives");
      await time.increaseTo(deadline);
      await expect(round.registerInitiative(1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });
  });

  describe("setEligibilityRoot", function () {
    it("R-1.2: publishes a root with a version and leaf count", async function () {
      const { round } = await loadFixture(deploy);
      const root = ethers.id("root-1");
      await expect(round.setEligibilityRoot(root, 10n)).to.emit(round, "EligibilityRootSet").withArgs(1n, root, 10n);
      await expect(round.setEligibilityRoot(ethers.id("root-2"), 2_000_000n))
        .to.emit(round, "EligibilityRootSet")
        .withArgs(2n, ethers.id("root-2"), 2_000_000n);
      expect(await round.eligibilityRoot()).to.equal(ethers.id("root-2"));
      expect(await round.eligibilityVersion()).to.equal(2n);
    });

    it("R-1.2: costs the same gas for 10 and 1,000,000 citizens", async function () {
      const a = await deploy();
      const b = await deploy();
      const ra = await (await a.round.setEligibilityRoot(ethers.id("a"), 10n)).wait();
      const rb = await (await b.round.setEligibilityRoot(ethers.id("b"), 1_000_000n)).wait();
      // Same execution; only the calldata bytes of leafCount (and of the root) differ.
      const diff = ra.gasUsed > rb.gasUsed ? ra.gasUsed - rb.gasUsed : rb.gasUsed - ra.gasUsed;
      expect(diff <= 16n * 40n).to.equal(true);
      expect(ra.gasUsed < 100_000n && rb.gasUsed < 100_000n).to.equal(true);
    });

    it("reverts for a wrong role, a zero root, after the deadline", async function () {
      const { round, outsider, deadline } = await loadFixture(deploy);
      await expect(round.connect(outsider).setEligibilityRoot(ethers.id("r"), 1n))
        .to.be.revertedWithCustomError(round, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, REGISTRAR_ROLE);
      await expect(round.setEligibilityRoot(ethers.ZeroHash, 1n)).to.be.revertedWithCustomError(round, "ZeroRoot");
      await time.increaseTo(deadline);
      await expect(round.setEligibilityRoot(ethers.id("r"), 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });
  });

  describe("claimAndAllocate (direct)", function () {
    it("R-1.2, R-1.3: claims the quota on first use and allocates part of it", async function () {
      const { round, token, tree, alice } = await loadFixture(openRound);
      const roundAddress = await round.getAddress();
      await expect(round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 1000n))
        .to.emit(round, "Claimed")
        .withArgs(alice.address, 0n, 4000n)
        .and.to.emit(round, "Allocated")
        .withArgs(alice.address, 1n, 1000n)
        .and.to.emit(token, "Transfer")
        .withArgs(roundAddress, piggyBankOf(roundAddress, 1n), 1000n);
      expect(await round.account(alice.address)).to.deep.equal([true, 0n, 3000n]);
      expect(await round.allocated(alice.address, 1n)).to.equal(1000n);
      expect(await round.distributed()).to.equal(4000n);
      expect(await round.isClaimed(0n)).to.equal(true);
      expect(await round.isClaimed(1n)).to.equal(false);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 1n))).to.equal(1000n);
      expect(await token.balanceOf(alice.address)).to.equal(0n); // the round holds unallocated tokens
      await expectSupplyIsBudget(token);
    });

    it("claims without allocating when amount is 0", async function () {
      const { round, tree, carol } = await loadFixture(openRound);
      await expect(round.connect(carol).claimAndAllocate(2n, 2000n, tree.getProof(2), 0n, 0n))
        .to.emit(round, "Claimed")
        .and.not.to.emit(round, "Allocated");
      expect(await round.account(carol.address)).to.deep.equal([true, 0n, 2000n]);
    });

    it("reverts on a bad proof (wrong quota, wrong index, another's leaf)", async function () {
      const { round, tree, alice, bob } = await loadFixture(openRound);
      await expect(round.connect(alice).claimAndAllocate(0n, 4001n, tree.getProof(0), 1n, 1n)).to.be.revertedWithCustomError(
        round,
        "BadProof",
      );
      await expect(round.connect(alice).claimAndAllocate(1n, 4000n, tree.getProof(0), 1n, 1n)).to.be.revertedWithCustomError(
        round,
        "BadProof",
      );
      await expect(round.connect(bob).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 1n)).to.be.revertedWithCustomError(
        round,
        "BadProof",
      );
    });

    it("reverts over quota, for an unknown initiative, after the deadline", async function () {
      const { round, tree, alice, deadline } = await loadFixture(openRound);
      await expect(round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 4001n))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(4000n, 4001n);
      await expect(round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 9n, 1n))
        .to.be.revertedWithCustomError(round, "UnknownInitiative")
        .withArgs(9n);
      await time.increaseTo(deadline);
      await expect(round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 1n)).to.be.revertedWithCustomError(
        round,
        "DeadlinePassed",
      );
    });

    it("R-1.2: no double claim, also after a root update that changed the quota or the index", async function () {
      const { round, tree, alice, bob, dave } = await loadFixture(claimedRound);
      await expect(round.connect(alice).claimAndAllocate(0n, 4000n, tree.getProof(0), 1n, 1n))
        .to.be.revertedWithCustomError(round, "AlreadyMaterialized")
        .withArgs(alice.address);
      // New root: dave joins at #3, alice's quota grows at her index, bob wrongly appears again at #4.
      const tree2 = eligibilityTree([
        { index: 0, address: alice.address, quota: 5000n },
        { index: 1, address: bob.address, quota: 3000n },
        { index: 3, address: dave.address, quota: 500n },
        { index: 4, address: bob.address, quota: 3000n },
      ]);
      await round.setEligibilityRoot(tree2.root, 4n);
      await expect(round.connect(alice).claimAndAllocate(0n, 5000n, tree2.getProof(0), 1n, 1n))
        .to.be.revertedWithCustomError(round, "AlreadyMaterialized")
        .withArgs(alice.address);
      await expect(round.connect(bob).claimAndAllocate(4n, 3000n, tree2.getProof(3), 1n, 1n))
        .to.be.revertedWithCustomError(round, "AlreadyMaterialized")
        .withArgs(bob.address);
      await round.connect(dave).claimAndAllocate(3n, 500n, tree2.getProof(2), 3n, 500n);
      expect(await round.distributed()).to.equal(9500n);
    });

    it("R-1.2: reverts OverBudget when claims would exceed the budget", async function () {
      const { round, alice } = await loadFixture(deploy);
      const tree = eligibilityTree([{ index: 0, address: alice.address, quota: BUDGET + 1n }]);
      await round.setEligibilityRoot(tree.root, 1n);
      await round.registerInitiative(1n);
      await expect(round.connect(alice).claimAndAllocate(0n, BUDGET + 1n, tree.getProof(0), 1n, 1n))
        .to.be.revertedWithCustomError(round, "OverBudget")
        .withArgs(BUDGET + 1n, BUDGET);
    });
  });

  describe("allocate, withdraw, move (direct)", function () {
    it("R-1.3: allocates, takes back and moves tokens until the deadline", async function () {
      const { round, token, alice } = await loadFixture(claimedRound);
      const roundAddress = await round.getAddress();
      await expect(round.connect(alice).allocate(3n, 500n)).to.emit(round, "Allocated").withArgs(alice.address, 3n, 500n);
      await expect(round.connect(alice).withdraw(1n, 400n))
        .to.emit(round, "Withdrawn")
        .withArgs(alice.address, 1n, 400n)
        .and.to.emit(token, "Transfer")
        .withArgs(piggyBankOf(roundAddress, 1n), roundAddress, 400n);
      await expect(round.connect(alice).move(1n, 2n, 600n))
        .to.emit(round, "Withdrawn")
        .withArgs(alice.address, 1n, 600n)
        .and.to.emit(round, "Allocated")
        .withArgs(alice.address, 2n, 600n);
      expect(await round.allocated(alice.address, 1n)).to.equal(0n);
      expect(await round.allocated(alice.address, 2n)).to.equal(600n);
      expect(await round.account(alice.address)).to.deep.equal([true, 0n, 2900n]);
      expect((await round.initiative(2n))[1]).to.equal(1100n);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 2n))).to.equal(1100n);
      await expectSupplyIsBudget(token);
    });

    it("reverts: not materialized, over balance, over allocation, unknown id, zero, after the deadline", async function () {
      const { round, alice, outsider, deadline } = await loadFixture(claimedRound);
      await expect(round.connect(outsider).allocate(1n, 1n))
        .to.be.revertedWithCustomError(round, "NotMaterialized")
        .withArgs(outsider.address);
      await expect(round.connect(outsider).withdraw(1n, 1n)).to.be.revertedWithCustomError(round, "NotMaterialized");
      await expect(round.connect(alice).allocate(1n, 3001n))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(3000n, 3001n);
      await expect(round.connect(alice).withdraw(1n, 1001n))
        .to.be.revertedWithCustomError(round, "InsufficientAllocation")
        .withArgs(1000n, 1001n);
      await expect(round.connect(alice).move(2n, 1n, 1n))
        .to.be.revertedWithCustomError(round, "InsufficientAllocation")
        .withArgs(0n, 1n);
      await expect(round.connect(alice).allocate(0n, 1n)).to.be.revertedWithCustomError(round, "UnknownInitiative");
      await expect(round.connect(alice).withdraw(4n, 1n)).to.be.revertedWithCustomError(round, "UnknownInitiative");
      await expect(round.connect(alice).allocate(1n, 0n)).to.be.revertedWithCustomError(round, "ZeroAmount");
      await expect(round.connect(alice).withdraw(1n, 0n)).to.be.revertedWithCustomError(round, "ZeroAmount");
      await time.increaseTo(deadline);
      await expect(round.connect(alice).allocate(1n, 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
      await expect(round.connect(alice).withdraw(1n, 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
      await expect(round.connect(alice).move(1n, 2n, 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });
  });

  describe("relay (EIP-712, ERC-2098, multiproof)", function () {
    it("R-1.2, R-1.3: claims and allocates a batch with one multiproof and commits the first uses", async function () {
      const { round, token, claims, alice, bob, carol } = await loadFixture(relayedRound);
      const roundAddress = await round.getAddress();
      for (const i of [0n, 1n, 2n]) expect(await round.isClaimed(i)).to.equal(true);
      expect(await round.distributed()).to.equal(9000n);
      expect(await round.claimsBatchCount()).to.equal(1n);
      expect(await round.claimsRoot(0n)).to.equal(claims.root);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 1n))).to.equal(2200n);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 2n))).to.equal(3000n);
      expect((await round.initiative(1n))[1]).to.equal(2200n);
      // Relayed first uses write no account.
      for (const w of [alice, bob, carol]) expect(await round.account(w.address)).to.deep.equal([false, 0n, 0n]);
      await expectSupplyIsBudget(token);
    });

    it("emits Claimed, Allocated, ClaimsCommitted and returns the batch id", async function () {
      const { round, tree, dom, alice, bob, deadline } = await loadFixture(openRound);
      const recs = [
        await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 10n, deadline }),
        await claimRecord(bob, dom, { index: 1n, quota: 3000n, id: 3n, amount: 20n, deadline }),
      ];
      const mp = multiProof(tree, [0, 1]);
      expect(await round.relay.staticCall(recs, mp.proof, mp.flagBits)).to.equal(0n);
      const committed = claimsTree([
        { index: 0n, address: alice.address, quota: 4000n, id: 1n, amount: 10n },
        { index: 1n, address: bob.address, quota: 3000n, id: 3n, amount: 20n },
      ]);
      await expect(round.relay(recs, mp.proof, mp.flagBits))
        .to.emit(round, "Claimed")
        .withArgs(alice.address, 0n, 4000n)
        .and.to.emit(round, "Allocated")
        .withArgs(bob.address, 3n, 20n)
        .and.to.emit(round, "ClaimsCommitted")
        .withArgs(0n, committed.root, 2n);
    });

    it("a single claim works with a one-leaf multiproof", async function () {
      const { round, tree, dom, carol, deadline } = await loadFixture(openRound);
      const rec = await claimRecord(carol, dom, { index: 2n, quota: 2000n, id: 2n, amount: 2000n, deadline });
      const mp = multiProof(tree, [2]);
      await expect(round.relay([rec], mp.proof, mp.flagBits)).to.emit(round, "Claimed").withArgs(carol.address, 2n, 2000n);
    });

    it("reverts for a wrong role, an empty batch, a bad kind, after the deadline", async function () {
      const { round, tree, dom, alice, outsider, deadline } = await loadFixture(openRound);
      const rec = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline });
      const mp = multiProof(tree, [0]);
      await expect(round.connect(outsider).relay([rec], mp.proof, mp.flagBits))
        .to.be.revertedWithCustomError(round, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, RELAYER_ROLE);
      await expect(round.relay([], [], [])).to.be.revertedWithCustomError(round, "EmptyBatch");
      const bad = { ...rec, head: packHead({ kind: 7n, amount: 1n, id: 1n, deadline }) };
      await expect(round.relay([bad], [], [])).to.be.revertedWithCustomError(round, "BadRecordKind").withArgs(0n);
      await time.increaseTo(deadline);
      await expect(round.relay([rec], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });

    it("reverts on a bad proof: tampered quota, wrong leaves, stale root", async function () {
      const { round, tree, dom, alice, bob, deadline } = await loadFixture(openRound);
      const mp = multiProof(tree, [0]);
      // The signature does not cover the quota, but the leaf does.
      const tampered = await claimRecord(alice, dom, { index: 0n, quota: 4001n, id: 1n, amount: 1n, deadline });
      await expect(round.relay([tampered], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "BadProof");
      // Bob signs, but the proof is for alice's leaf.
      const bobs = await claimRecord(bob, dom, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline });
      await expect(round.relay([bobs], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "BadProof");
      // A proof against a root that is no longer current.
      await round.setEligibilityRoot(ethers.id("other"), 1n);
      const ok = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline });
      await expect(round.relay([ok], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "BadProof");
    });

    it("reverts over quota and for an unknown initiative or zero amount", async function () {
      const { round, tree, dom, alice, deadline } = await loadFixture(openRound);
      const mp = multiProof(tree, [0]);
      const over = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 4001n, deadline });
      await expect(round.relay([over], mp.proof, mp.flagBits))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(4000n, 4001n);
      const unknown = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 4n, amount: 1n, deadline });
      await expect(round.relay([unknown], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "UnknownInitiative");
      const zero = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 0n, deadline });
      await expect(round.relay([zero], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "ZeroAmount");
    });

    it("reverts an expired signature", async function () {
      const { round, tree, dom, alice } = await loadFixture(openRound);
      const past = BigInt(await time.latest());
      const rec = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline: past });
      const mp = multiProof(tree, [0]);
      await expect(round.relay([rec], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "SignatureExpired").withArgs(0n);
    });

    it("reverts an invalid signature", async function () {
      const { round, dom, deadline } = await loadFixture(openRound);
      const rec = { head: packHead({ kind: KIND.CLAIM, amount: 1n, quotaOrNonce: 4000n, id: 1n, index: 0n, deadline }), r: ethers.ZeroHash, vs: ethers.ZeroHash };
      await expect(round.relay([rec], [], [0n])).to.be.revertedWithCustomError(round, "InvalidSignature").withArgs(0n);
      void dom;
    });

    it("reverts a signature for another chain or another round (wrong domain)", async function () {
      const { round, tree, dom, alice, bob, deadline } = await loadFixture(claimedRound);
      const mp = multiProof(tree, [0]);
      void mp;
      // Alice is materialized (direct claim, nonce 0): a wrong domain recovers another address.
      const otherChain = { ...dom, chainId: dom.chainId + 1n };
      const rec1 = await opRecord(alice, otherChain, "Allocate", { id: 1n, amount: 1n, nonce: 0n, deadline });
      await expect(round.relay([rec1], [], [])).to.be.revertedWithCustomError(round, "NotMaterialized");
      const otherRound = { ...dom, verifyingContract: bob.address };
      const rec2 = await opRecord(alice, otherRound, "Allocate", { id: 1n, amount: 1n, nonce: 0n, deadline });
      await expect(round.relay([rec2], [], [])).to.be.revertedWithCustomError(round, "NotMaterialized");
      const otherVersion = { ...dom, version: "1" };
      const rec3 = await opRecord(alice, otherVersion, "Allocate", { id: 1n, amount: 1n, nonce: 0n, deadline });
      await expect(round.relay([rec3], [], [])).to.be.revertedWithCustomError(round, "NotMaterialized");
      // The right domain works.
      const good = await opRecord(alice, dom, "Allocate", { id: 1n, amount: 1n, nonce: 0n, deadline });
      await expect(round.relay([good], [], [])).to.emit(round, "Allocated").withArgs(alice.address, 1n, 1n);
    });

    it("a first use signed for another chain fails its proof", async function () {
      const { round, tree, dom, alice, deadline } = await loadFixture(openRound);
      const rec = await claimRecord(alice, { ...dom, chainId: 1n }, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline });
      const mp = multiProof(tree, [0]);
      await expect(round.relay([rec], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "BadProof");
    });

    it("R-1.2: a replayed first use reverts AlreadyClaimed, also across a root update with a new quota", async function () {
      const { round, dom, alice, bob, sigDeadline, firstUses } = await loadFixture(relayedRound);
      const replay = await claimRecord(alice, dom, { ...firstUses[0], deadline: sigDeadline });
      const tree2 = eligibilityTree([
        { index: 0, address: alice.address, quota: 4500n },
        { index: 1, address: bob.address, quota: 3000n },
      ]);
      await round.setEligibilityRoot(tree2.root, 2n);
      const mp = multiProof(tree2, [0]);
      const fresh = await claimRecord(alice, dom, { index: 0n, quota: 4500n, id: 2n, amount: 1n, deadline: sigDeadline });
      await expect(round.relay([fresh], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "AlreadyClaimed").withArgs(0n);
      await expect(round.relay([replay], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "AlreadyClaimed");
      // A direct claim at the same index is refused as well.
      await expect(round.connect(alice).claimAndAllocate(0n, 4500n, tree2.getProof(0), 1n, 1n))
        .to.be.revertedWithCustomError(round, "AlreadyClaimed")
        .withArgs(0n);
    });

    it("a batch claiming the same index twice reverts AlreadyClaimed", async function () {
      const { round, tree, dom, alice, deadline } = await loadFixture(openRound);
      const a = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 1n, amount: 1n, deadline });
      const b = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 2n, amount: 1n, deadline });
      const mp = multiProof(tree, [0]);
      await expect(round.relay([a, b], mp.proof, mp.flagBits)).to.be.revertedWithCustomError(round, "AlreadyClaimed");
    });

    it("R-1.3: relayed Withdraw and Allocate (a move by signature) need a materialized account and the next nonce", async function () {
      const { round, token, dom, alice, claims, sigDeadline } = await loadFixture(relayedRound);
      const roundAddress = await round.getAddress();
      const deadline = sigDeadline;
      const w = await opRecord(alice, dom, "Withdraw", { id: 1n, amount: 500n, nonce: 1n, deadline });
      const a = await opRecord(alice, dom, "Allocate", { id: 2n, amount: 500n, nonce: 2n, deadline });
      await expect(round.relay([w, a], [], [])).to.be.revertedWithCustomError(round, "NotMaterialized").withArgs(alice.address);
      // Materialize alice from the committed first use (anyone may send it).
      const proof = claims.getProof(0);
      await expect(round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, proof))
        .to.emit(round, "Materialized")
        .withArgs(alice.address, 0n, 2500n);
      expect(await round.account(alice.address)).to.deep.equal([true, 1n, 2500n]);
      expect(await round.allocated(alice.address, 1n)).to.equal(1500n);
      expect(await round.relay.staticCall([w, a], [], [])).to.equal(NO_BATCH);
      await expect(round.relay([w, a], [], []))
        .to.emit(round, "Withdrawn")
        .withArgs(alice.address, 1n, 500n)
        .and.to.emit(round, "Allocated")
        .withArgs(alice.address, 2n, 500n);
      expect(await round.account(alice.address)).to.deep.equal([true, 3n, 2500n]);
      expect(await round.allocated(alice.address, 2n)).to.equal(500n);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 1n))).to.equal(1700n);
      expect(await token.balanceOf(piggyBankOf(roundAddress, 2n))).to.equal(3500n);
      // Replays are refused by the nonce.
      await expect(round.relay([w], [], []))
        .to.be.revertedWithCustomError(round, "BadNonce")
        .withArgs(alice.address, 3n, 1n);
      // Over balance / over allocation by signature.
      const over = await opRecord(alice, dom, "Allocate", { id: 3n, amount: 2501n, nonce: 3n, deadline });
      await expect(round.relay([over], [], [])).to.be.revertedWithCustomError(round, "InsufficientBalance");
      const overW = await opRecord(alice, dom, "Withdraw", { id: 3n, amount: 1n, nonce: 3n, deadline });
      await expect(round.relay([overW], [], [])).to.be.revertedWithCustomError(round, "InsufficientAllocation");
      // A signature for Allocate cannot be relayed as a Withdraw.
      const asW = { ...over, head: packHead({ kind: KIND.WITHDRAW, amount: 2501n, quotaOrNonce: 3n, id: 3n, deadline }) };
      await expect(round.relay([asW], [], [])).to.be.revertedWithCustomError(round, "NotMaterialized");
      await expectSupplyIsBudget(token);
    });

    it("mixes first uses and re-allocations in one batch", async function () {
      const f = await loadFixture(claimedRound);
      const { round, tree, dom, alice, dave, deadline } = f;
      const tree2 = eligibilityTree([...f.entries, { index: 3, address: dave.address, quota: 100n }]);
      await round.setEligibilityRoot(tree2.root, 4n);
      const recs = [
        await opRecord(alice, dom, "Allocate", { id: 3n, amount: 5n, nonce: 0n, deadline }),
        await claimRecord(dave, dom, { index: 3n, quota: 100n, id: 3n, amount: 100n, deadline }),
      ];
      const mp = multiProof(tree2, [3]);
      await round.relay(recs, mp.proof, mp.flagBits);
      expect((await round.initiative(3n))[1]).to.equal(105n);
      void tree;
    });

    it("re-allocation never trusts a signed vector alone: a second signed first use cannot be materialized", async function () {
      const { round, dom, alice, claims, sigDeadline } = await loadFixture(relayedRound);
      // Alice had also signed "first use: 4000 into #2"; it was never applied.
      const other = await claimRecord(alice, dom, { index: 0n, quota: 4000n, id: 2n, amount: 4000n, deadline: sigDeadline });
      void other;
      await expect(round.materialize(0n, 0n, alice.address, 4000n, 2n, 4000n, claims.getProof(0))).to.be.revertedWithCustomError(
        round,
        "BadProof",
      );
      await round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, claims.getProof(0));
      await expect(round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, claims.getProof(0)))
        .to.be.revertedWithCustomError(round, "AlreadyMaterialized")
        .withArgs(alice.address);
      await expect(round.materialize(1n, 0n, alice.address, 4000n, 1n, 1500n, [])).to.be.revertedWithCustomError(
        round,
        "UnknownBatch",
      );
      await expect(round.claimsRoot(1n)).to.be.revertedWithCustomError(round, "UnknownBatch");
    });

    it("materialize reverts after the deadline", async function () {
      const { round, alice, claims, deadline } = await loadFixture(relayedRound);
      await time.increaseTo(deadline);
      await expect(round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, claims.getProof(0))).to.be.revertedWithCustomError(
        round,
        "DeadlinePassed",
      );
    });

    it("the digest helpers match ethers' EIP-712 hashing", async function () {
      const { round, dom } = await loadFixture(deploy);
      const { TypedDataEncoder } = ethers;
      const msg = { round: dom.verifyingContract, initiative: 2n, amount: 3n, nonce: 4n, deadline: 5n };
      const types = { Allocate: Object.values((await import("./helpers/round-v2.js")).TYPES.Allocate)[0] };
      expect(await round.hashAllocate(2n, 3n, 4n, 5n)).to.equal(TypedDataEncoder.hash(dom, types, msg));
      const wtypes = { Withdraw: types.Allocate };
      expect(await round.hashWithdraw(2n, 3n, 4n, 5n)).to.equal(TypedDataEncoder.hash(dom, wtypes, msg));
      expect(await round.domainSeparator()).to.equal(TypedDataEncoder.hashDomain(dom));
      expect(packFlags([true, false, true])).to.deep.equal([5n]);
    });
  });

  describe("finalize", function () {
    // Rounds with initiatives (cost) and allocations set directly by four citizens, then finalized.
    async function finalizedWith(rule, threshold, costs, allocations) {
      const f = await deployWith(rule, threshold);
      const { round, alice, bob, carol, dave } = f;
      const citizens = [alice, bob, carol, dave];
      const entries = citizens.map((c, i) => ({ index: i, address: c.address, quota: 2500n }));
      const tree = eligibilityTree(entries);
      await round.setEligibilityRoot(tree.root, 4n);
      for (const c of costs) await round.registerInitiative(c);
      for (let i = 0; i < citizens.length; i++) {
        await round.connect(citizens[i]).claimAndAllocate(BigInt(i), 2500n, tree.getProof(i), 0n, 0n);
      }
      for (const [who, id, amount] of allocations) await round.connect(citizens[who]).allocate(id, amount);
      await time.increaseTo(f.deadline);
      const tx = await round.finalize();
      return { ...f, tx };
    }

    it("Greedy: ranks by tokens, funds what fits, skips what does not; ties by lower cost then lower id", async function () {
      // #1 cost 6000 gets 2000; #2 cost 5000 gets 2000 (tie on tokens: #2 is cheaper, ranks first);
      // #3 cost 3000 gets 1000; #4 cost 3000 gets 1000 (full tie with #3: lower id first); #5 cost 100 gets 500.
      // Budget 10000: #2 (5000) fits → 5000 left; #1 (6000) skipped; #5? No: order is #2, #1, #5 (500), #3, #4.
      const { round, token, treasury, tx } = await finalizedWith(
        RULE.Greedy,
        0n,
        [6000n, 5000n, 3000n, 3000n, 100n],
        [
          [0, 1n, 2000n],
          [1, 2n, 2000n],
          [2, 3n, 1000n],
          [3, 4n, 1000n],
          [2, 5n, 500n],
        ],
      );
      // Ranking: #2 (2000, 5000), #1 (2000, 6000), #3 (1000, 3000), #4 (1000, 3000), #5 (500).
      // #2 funded (5000 left), #1 skipped, #3 funded (2000 left), #4 skipped, #5 funded (1900 left).
      expect(await round.fundedInitiatives()).to.deep.equal([2n, 3n, 5n]);
      await expect(tx).to.emit(round, "InitiativeFunded").withArgs(2n, 5000n, 2000n);
      await expect(tx).to.emit(round, "Finalized").withArgs([2n, 3n, 5n], 8100n, 10_000n - 3500n);
      expect(await token.balanceOf(treasury.address)).to.equal(6500n);
      expect(await round.finalized()).to.equal(true);
      expect((await round.initiative(1n))[2]).to.equal(false);
      expect((await round.initiative(1n))[1]).to.equal(2000n); // totals stay public
      await expectSupplyIsBudget(token);
    });

    it("GreedyNoSkip: stops at the first initiative that does not fit", async function () {
      const { round } = await finalizedWith(
        RULE.GreedyNoSkip,
        0n,
        [6000n, 5000n, 100n],
        [
          [0, 1n, 2000n],
          [1, 2n, 1500n],
          [2, 3n, 1000n],
        ],
      );
      // #1 funded (4000 left), #2 does not fit → stop; #3 is not funded.
      expect(await round.fundedInitiatives()).to.deep.equal([1n]);
    });

    it("GreedyThreshold: only initiatives with at least the threshold count; ties by cost", async function () {
      const { round } = await finalizedWith(
        RULE.GreedyThreshold,
        1000n,
        [3000n, 2000n, 100n, 4000n],
        [
          [0, 1n, 1000n],
          [1, 2n, 1000n],
          [2, 3n, 999n],
          [3, 4n, 1200n],
        ],
      );
      // Candidates #4 (1200), then #2 (1000, cheaper) and #1 (1000); #3 below the threshold.
      expect(await round.fundedInitiatives()).to.deep.equal([4n, 2n, 1n]);
    });

    it("PiggyBank: funded when the piggy bank reaches its cost, largest first", async function () {
      const { round, token, treasury } = await finalizedWith(
        RULE.PiggyBank,
        0n,
        [2000n, 1500n, 3000n, 1500n],
        [
          [0, 1n, 2000n],
          [1, 2n, 2500n],
          [2, 3n, 2500n],
          [3, 4n, 1500n],
          [0, 4n, 500n],
        ],
      );
      // #2 2500 ≥ 1500, #1 2000 ≥ 2000, #4 2000 ≥ 1500 (tie with #1 on tokens, cheaper → first); #3 2500 < 3000.
      expect(await round.fundedInitiatives()).to.deep.equal([2n, 4n, 1n]);
      expect(await token.balanceOf(treasury.address)).to.equal(10_000n - 6500n);
    });

    it("reverts for a wrong role, before the deadline, twice", async function () {
      const { round, outsider, deadline } = await loadFixture(claimedRound);
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "DeadlineNotReached");
      await time.increaseTo(deadline);
      await expect(round.connect(outsider).finalize())
        .to.be.revertedWithCustomError(round, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, TREASURY_ROLE);
      await round.finalize();
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "AlreadyFinalized");
    });
  });

  describe("R-1.5: totals from the logs alone", function () {
    it("recomputes distributed, per-initiative totals, the funded set and the treasury's share from events", async function () {
      const f = await loadFixture(relayedRound);
      const { round, token, dom, alice, dave, treasury, claims, entries, sigDeadline } = f;
      await round.materialize(0n, 0n, alice.address, 4000n, 1n, 1500n, claims.getProof(0));
      await round.relay(
        [
          await opRecord(alice, dom, "Withdraw", { id: 1n, amount: 1000n, nonce: 1n, deadline: sigDeadline }),
          await opRecord(alice, dom, "Allocate", { id: 3n, amount: 3000n, nonce: 2n, deadline: sigDeadline }),
        ],
        [],
        [],
      );
      const tree2 = eligibilityTree([...entries, { index: 3, address: dave.address, quota: 600n }]);
      await round.setEligibilityRoot(tree2.root, 4n);
      await round.connect(dave).claimAndAllocate(3n, 600n, tree2.getProof(3), 2n, 600n);
      await round.connect(dave).move(2n, 1n, 100n);
      await time.increaseTo(f.deadline);
      await round.finalize();

      const logs = await round.queryFilter("*", 0);
      let distributed = 0n;
      const received = new Map();
      let funded, returned;
      const costs = new Map();
      for (const l of logs) {
        const a = l.args;
        switch (l.fragment?.name) {
          case "Claimed":
            distributed += a.quota;
            break;
          case "Allocated":
            received.set(a.id, (received.get(a.id) ?? 0n) + a.amount);
            break;
          case "Withdrawn":
            received.set(a.id, (received.get(a.id) ?? 0n) - a.amount);
            break;
          case "InitiativeRegistered":
            costs.set(a.id, a.cost);
            break;
          case "Finalized":
            funded = [...a.funded];
            returned = a.returnedToTreasury;
            break;
        }
      }
      expect(distributed).to.equal(await round.distributed());
      const items = [];
      for (const [id, cost] of costs) {
        expect(received.get(id) ?? 0n).to.equal((await round.initiative(id))[1]);
        items.push({ id, cost, received: received.get(id) ?? 0n });
      }
      expect(funded).to.deep.equal(fundedSet(BUDGET, RULE.Greedy, 0n, items));
      expect(funded).to.deep.equal(await round.fundedInitiatives());
      expect(returned).to.equal(await token.balanceOf(treasury.address));
      // Every token is in a funded piggy bank or with the treasury.
      const fundedTotal = items.filter((x) => funded.includes(x.id)).reduce((s, x) => s + x.received, 0n);
      expect(fundedTotal + returned).to.equal(BUDGET);
      await expectSupplyIsBudget(token);
    });
  });
});
