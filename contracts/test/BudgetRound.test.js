// Hardhat tests of BudgetRound: quotas, piggy banks, finalization and the funded
// set, and totals that add up from the chain alone.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

const BUDGET = 10_000n;
const HOUR = 3600;
const role = (name) => ethers.id(name);
const TREASURY_ROLE = role("TREASURY_ROLE");
const REGISTRAR_ROLE = role("REGISTRAR_ROLE");
const RELAYER_ROLE = role("RELAYER_ROLE");

function piggyBankOf(roundAddress, id) {
  const hash = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [roundAddress, id]));
  return ethers.getAddress(ethers.dataSlice(hash, 12));
}

// A fresh round: admin holds every role, treasury is a separate account, the deadline is in an hour.
async function deployRound() {
  const [admin, treasury, alice, bob, carol, outsider, relayer] = await ethers.getSigners();
  const deadline = (await time.latest()) + HOUR;
  const round = await ethers.deployContract("BudgetRound", [
    "Budget 2026",
    "PB26",
    BUDGET,
    deadline,
    treasury.address,
    admin.address,
  ]);
  const token = await ethers.getContractAt("BudgetToken", await round.token());
  return { round, token, deadline, admin, treasury, alice, bob, carol, outsider, relayer };
}

// deployRound plus quotas alice 4000, bob 3000, carol 2000 (1000 stays undistributed) and three
// initiatives costing 6000, 5000 and 3000.
async function openRound() {
  const f = await deployRound();
  await f.round.grantQuotas([f.alice.address, f.bob.address, f.carol.address], [4000n, 3000n, 2000n]);
  for (const cost of [6000n, 5000n, 3000n]) await f.round.registerInitiative(cost);
  return f;
}

// The funded-set scenario of R-1.4 (see the test "R-1.4: funds greedily ...").
async function allocatedRound() {
  const f = await openRound();
  const { round, alice, bob, carol } = f;
  await round.registerInitiative(2000n); // #4
  await round.registerInitiative(500n); // #5
  await round.registerInitiative(100n); // #6
  await round.connect(alice).allocate(1n, 2000n);
  await round.connect(bob).allocate(1n, 1000n);
  await round.connect(bob).allocate(2n, 2000n);
  await round.connect(bob).withdraw(2n, 500n); // #2 ends at 1500 from bob
  await round.connect(carol).allocate(2n, 1000n);
  await round.connect(alice).allocate(3n, 1000n);
  await round.allocateFor(carol.address, 4n, 1000n);
  await round.connect(alice).allocate(5n, 500n);
  await round.connect(alice).allocate(6n, 300n);
  await round.withdrawFor(alice.address, 6n, 300n); // #6 ends with nothing
  return f;
}

async function expectSupplyIsBudget(token) {
  expect(await token.totalSupply()).to.equal(BUDGET);
}

describe("BudgetRound", function () {
  describe("constructor", function () {
    it("R-1.1: creates the token at CreateAddress(round, 1) with supply = budget held by the round", async function () {
      const { round, token } = await loadFixture(deployRound);
      const roundAddress = await round.getAddress();
      expect(await round.token()).to.equal(ethers.getCreateAddress({ from: roundAddress, nonce: 1 }));
      expect(await token.totalSupply()).to.equal(BUDGET);
      expect(await token.balanceOf(roundAddress)).to.equal(BUDGET);
      expect(await token.round()).to.equal(roundAddress);
      expect(await token.decimals()).to.equal(2);
      expect(await token.name()).to.equal("Budget 2026");
      expect(await token.symbol()).to.equal("PB26");
    });

    it("R-1.5: emits RoundCreated(token, name, budget, deadline, treasury)", async function () {
      const { round, deadline, treasury } = await loadFixture(deployRound);
      await expect(round.deploymentTransaction())
        .to.emit(round, "RoundCreated")
        .withArgs(await round.token(), "Budget 2026", BUDGET, deadline, treasury.address);
    });

    it("sets the public state", async function () {
      const { round, deadline, treasury } = await loadFixture(deployRound);
      expect(await round.budget()).to.equal(BUDGET);
      expect(await round.deadline()).to.equal(deadline);
      expect(await round.treasury()).to.equal(treasury.address);
      expect(await round.name()).to.equal("Budget 2026");
      expect(await round.distributed()).to.equal(0n);
      expect(await round.initiativeCount()).to.equal(0n);
      expect(await round.finalized()).to.equal(false);
      expect(await round.MAX_INITIATIVES()).to.equal(100n);
      expect(await round.fundedInitiatives()).to.deep.equal([]);
    });

    it("grants the admin DEFAULT_ADMIN_ROLE and the three roles, nobody else", async function () {
      const { round, admin, treasury, outsider } = await loadFixture(deployRound);
      expect(await round.TREASURY_ROLE()).to.equal(TREASURY_ROLE);
      expect(await round.REGISTRAR_ROLE()).to.equal(REGISTRAR_ROLE);
      expect(await round.RELAYER_ROLE()).to.equal(RELAYER_ROLE);
      for (const r of [await round.DEFAULT_ADMIN_ROLE(), TREASURY_ROLE, REGISTRAR_ROLE, RELAYER_ROLE]) {
        expect(await round.hasRole(r, admin.address)).to.equal(true);
        expect(await round.hasRole(r, treasury.address)).to.equal(false);
        expect(await round.hasRole(r, outsider.address)).to.equal(false);
      }
    });

    const invalid = [
      { name: "zero treasury", args: (f) => [BUDGET, f.deadline, ethers.ZeroAddress, f.admin.address], error: "ZeroAddress" },
      { name: "zero admin", args: (f) => [BUDGET, f.deadline, f.treasury.address, ethers.ZeroAddress], error: "ZeroAddress" },
      { name: "zero budget (R-1.1)", args: (f) => [0n, f.deadline, f.treasury.address, f.admin.address], error: "ZeroAmount" },
      { name: "deadline in the past", args: (f) => [BUDGET, f.now - 10, f.treasury.address, f.admin.address], error: "DeadlineInPast" },
      { name: "deadline now", args: (f) => [BUDGET, f.now + 1, f.treasury.address, f.admin.address], error: "DeadlineInPast" },
    ];
    for (const tc of invalid) {
      it(`reverts ${tc.error} for ${tc.name}`, async function () {
        const { admin, treasury } = await loadFixture(deployRound);
        const now = await time.latest();
        const Round = await ethers.getContractFactory("BudgetRound");
        const args = tc.args({ admin, treasury, deadline: now + HOUR, now });
        // The deploy transaction is mined at now + 1, so a deadline of now + 1 is not in the future.
        await time.setNextBlockTimestamp(now + 1);
        await expect(Round.deploy("R", "R", ...args)).to.be.revertedWithCustomError(Round, tc.error);
      });
    }
  });

  describe("registerInitiative", function () {
    it("R-2.1: registers ids 1, 2, 3 with their cost and piggy bank and emits InitiativeRegistered", async function () {
      const { round } = await loadFixture(deployRound);
      const roundAddress = await round.getAddress();
      for (const [id, cost] of [[1n, 700n], [2n, 300n], [3n, 1n]]) {
        expect(await round.registerInitiative.staticCall(cost)).to.equal(id);
        await expect(round.registerInitiative(cost))
          .to.emit(round, "InitiativeRegistered")
          .withArgs(id, cost, piggyBankOf(roundAddress, id));
        expect(await round.piggyBank(id)).to.equal(piggyBankOf(roundAddress, id));
        const [gotCost, received, funded] = await round.initiative(id);
        expect([gotCost, received, funded]).to.deep.equal([cost, 0n, false]);
      }
      expect(await round.initiativeCount()).to.equal(3n);
    });

    it("reverts ZeroCost for a zero cost", async function () {
      const { round } = await loadFixture(deployRound);
      await expect(round.registerInitiative(0n)).to.be.revertedWithCustomError(round, "ZeroCost");
    });

    it("reverts TooManyInitiatives past MAX_INITIATIVES", async function () {
      const { round } = await loadFixture(deployRound);
      for (let i = 0; i < 100; i++) await round.registerInitiative(1n);
      expect(await round.initiativeCount()).to.equal(100n);
      await expect(round.registerInitiative(1n)).to.be.revertedWithCustomError(round, "TooManyInitiatives");
    });

    it("reverts DeadlinePassed at and after the deadline", async function () {
      const { round, deadline } = await loadFixture(deployRound);
      await time.setNextBlockTimestamp(deadline);
      await expect(round.registerInitiative(1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });

    it("is still open one second before the deadline", async function () {
      const { round, deadline } = await loadFixture(deployRound);
      await time.setNextBlockTimestamp(deadline - 1);
      await expect(round.registerInitiative(1n)).to.emit(round, "InitiativeRegistered");
    });
  });

  describe("grantQuotas", function () {
    it("R-1.2: moves each quota from the round to the citizen and emits QuotaGranted", async function () {
      const { round, token, alice, bob } = await loadFixture(deployRound);
      const roundAddress = await round.getAddress();
      const tx = round.grantQuotas([alice.address, bob.address], [4000n, 3000n]);
      await expect(tx).to.emit(round, "QuotaGranted").withArgs(alice.address, 4000n);
      await expect(tx).to.emit(round, "QuotaGranted").withArgs(bob.address, 3000n);
      await expect(tx).to.emit(token, "Transfer").withArgs(roundAddress, alice.address, 4000n);
      expect(await token.balanceOf(alice.address)).to.equal(4000n);
      expect(await token.balanceOf(bob.address)).to.equal(3000n);
      expect(await token.balanceOf(roundAddress)).to.equal(BUDGET - 7000n);
      expect(await round.quotaOf(alice.address)).to.equal(4000n);
      expect(await round.quotaOf(bob.address)).to.equal(3000n);
      expect(await round.distributed()).to.equal(7000n);
      await expectSupplyIsBudget(token);
    });

    it("R-1.2: later batches add to distributed, up to the whole budget", async function () {
      const { round, token, alice, bob } = await loadFixture(deployRound);
      await round.grantQuotas([alice.address], [4000n]);
      await round.grantQuotas([bob.address], [6000n]);
      expect(await round.distributed()).to.equal(BUDGET);
      expect(await token.balanceOf(await round.getAddress())).to.equal(0n);
    });

    it("reverts LengthMismatch when the arrays differ in length", async function () {
      const { round, alice } = await loadFixture(deployRound);
      await expect(round.grantQuotas([alice.address], [1n, 2n])).to.be.revertedWithCustomError(round, "LengthMismatch");
    });

    it("reverts ZeroAddress for a zero citizen", async function () {
      const { round, alice } = await loadFixture(deployRound);
      await expect(
        round.grantQuotas([alice.address, ethers.ZeroAddress], [1n, 2n]),
      ).to.be.revertedWithCustomError(round, "ZeroAddress");
    });

    it("reverts ZeroAmount for a zero quota", async function () {
      const { round, alice, bob } = await loadFixture(deployRound);
      await expect(round.grantQuotas([alice.address, bob.address], [1n, 0n])).to.be.revertedWithCustomError(
        round,
        "ZeroAmount",
      );
    });

    it("R-1.2: reverts QuotaAlreadyGranted for a citizen granted twice, and nothing of the batch applies", async function () {
      const { round, token, alice, bob } = await loadFixture(deployRound);
      await round.grantQuotas([alice.address], [100n]);
      await expect(round.grantQuotas([bob.address, alice.address], [200n, 300n]))
        .to.be.revertedWithCustomError(round, "QuotaAlreadyGranted")
        .withArgs(alice.address);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await round.quotaOf(alice.address)).to.equal(100n);
      expect(await round.distributed()).to.equal(100n);
    });

    it("R-1.2: reverts QuotaAlreadyGranted for a citizen twice in one batch", async function () {
      const { round, bob } = await loadFixture(deployRound);
      await expect(round.grantQuotas([bob.address, bob.address], [1n, 1n]))
        .to.be.revertedWithCustomError(round, "QuotaAlreadyGranted")
        .withArgs(bob.address);
    });

    it("R-1.1: reverts InsufficientBalance(available, wanted) when the batch needs more than the round holds", async function () {
      const { round, alice, bob, carol } = await loadFixture(deployRound);
      await round.grantQuotas([alice.address], [6000n]);
      await expect(round.grantQuotas([bob.address, carol.address], [3000n, 1001n]))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(4000n, 4001n);
    });

    it("reverts DeadlinePassed after the deadline", async function () {
      const { round, deadline, alice } = await loadFixture(deployRound);
      await time.increaseTo(deadline);
      await expect(round.grantQuotas([alice.address], [1n])).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });
  });

  describe("allocate and allocateFor", function () {
    it("R-1.3: allocate moves the citizen's tokens into the piggy bank and emits Allocated", async function () {
      const { round, token, alice } = await loadFixture(openRound);
      const bank = await round.piggyBank(1n);
      const tx = round.connect(alice).allocate(1n, 1500n);
      await expect(tx).to.emit(round, "Allocated").withArgs(alice.address, 1n, 1500n);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, bank, 1500n);
      expect(await token.balanceOf(alice.address)).to.equal(2500n);
      expect(await token.balanceOf(bank)).to.equal(1500n);
      expect(await round.allocated(alice.address, 1n)).to.equal(1500n);
      const [, received] = await round.initiative(1n);
      expect(received).to.equal(1500n);
      await expectSupplyIsBudget(token);
    });

    it("R-1.3: allocateFor lets the relayer allocate for a citizen", async function () {
      const { round, token, alice, bob, relayer } = await loadFixture(openRound);
      await expect(round.allocateFor(alice.address, 2n, 400n)).to.emit(round, "Allocated").withArgs(alice.address, 2n, 400n);
      await round.grantRole(RELAYER_ROLE, relayer.address);
      await expect(round.connect(relayer).allocateFor(bob.address, 2n, 600n))
        .to.emit(round, "Allocated")
        .withArgs(bob.address, 2n, 600n);
      expect(await token.balanceOf(await round.piggyBank(2n))).to.equal(1000n);
      expect(await round.allocated(alice.address, 2n)).to.equal(400n);
      expect(await round.allocated(bob.address, 2n)).to.equal(600n);
    });

    it("R-1.3: a citizen can spread tokens over initiatives and spend the whole quota", async function () {
      const { round, token, alice } = await loadFixture(openRound);
      await round.connect(alice).allocate(1n, 1000n);
      await round.connect(alice).allocate(2n, 1000n);
      await round.connect(alice).allocate(1n, 2000n);
      expect(await round.allocated(alice.address, 1n)).to.equal(3000n);
      expect(await round.allocated(alice.address, 2n)).to.equal(1000n);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
    });

    for (const via of ["allocate", "allocateFor"]) {
      const call = (f, signer, id, amount) =>
        via === "allocate" ? f.round.connect(signer).allocate(id, amount) : f.round.allocateFor(signer.address, id, amount);

      it(`${via}: reverts UnknownInitiative for id 0 and for an id not registered`, async function () {
        const f = await loadFixture(openRound);
        await expect(call(f, f.alice, 0n, 1n)).to.be.revertedWithCustomError(f.round, "UnknownInitiative").withArgs(0n);
        await expect(call(f, f.alice, 4n, 1n)).to.be.revertedWithCustomError(f.round, "UnknownInitiative").withArgs(4n);
      });

      it(`${via}: reverts ZeroAmount for a zero amount`, async function () {
        const f = await loadFixture(openRound);
        await expect(call(f, f.alice, 1n, 0n)).to.be.revertedWithCustomError(f.round, "ZeroAmount");
      });

      it(`${via}: R-1.3 reverts InsufficientBalance(available, wanted) over the citizen's balance`, async function () {
        const f = await loadFixture(openRound);
        await call(f, f.alice, 1n, 3000n);
        await expect(call(f, f.alice, 2n, 1001n))
          .to.be.revertedWithCustomError(f.round, "InsufficientBalance")
          .withArgs(1000n, 1001n);
      });

      it(`${via}: R-1.2 reverts InsufficientBalance(0, wanted) for an account without a quota`, async function () {
        const f = await loadFixture(openRound);
        await expect(call(f, f.outsider, 1n, 1n))
          .to.be.revertedWithCustomError(f.round, "InsufficientBalance")
          .withArgs(0n, 1n);
      });

      it(`${via}: reverts DeadlinePassed after the deadline`, async function () {
        const f = await loadFixture(openRound);
        await time.increaseTo(f.deadline);
        await expect(call(f, f.alice, 1n, 1n)).to.be.revertedWithCustomError(f.round, "DeadlinePassed");
      });
    }

    it("R-1.3: the relayer cannot spend the round's undistributed tokens or another piggy bank's tokens", async function () {
      const { round, token, alice } = await loadFixture(openRound);
      await round.connect(alice).allocate(1n, 100n);
      const roundAddress = await round.getAddress();
      await expect(round.allocateFor(roundAddress, 2n, 1n))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(0n, 1n);
      await expect(round.allocateFor(await round.piggyBank(1n), 2n, 1n))
        .to.be.revertedWithCustomError(round, "InsufficientBalance")
        .withArgs(0n, 1n);
      expect(await token.balanceOf(roundAddress)).to.equal(1000n);
      expect(await token.balanceOf(await round.piggyBank(1n))).to.equal(100n);
    });
  });

  describe("withdraw and withdrawFor", function () {
    it("R-1.3: withdraw takes tokens back before the deadline and emits Withdrawn", async function () {
      const { round, token, alice } = await loadFixture(openRound);
      const bank = await round.piggyBank(1n);
      await round.connect(alice).allocate(1n, 1000n);
      const tx = round.connect(alice).withdraw(1n, 400n);
      await expect(tx).to.emit(round, "Withdrawn").withArgs(alice.address, 1n, 400n);
      await expect(tx).to.emit(token, "Transfer").withArgs(bank, alice.address, 400n);
      expect(await round.allocated(alice.address, 1n)).to.equal(600n);
      expect(await token.balanceOf(bank)).to.equal(600n);
      expect(await token.balanceOf(alice.address)).to.equal(3400n);
      const [, received] = await round.initiative(1n);
      expect(received).to.equal(600n);
      await expectSupplyIsBudget(token);
    });

    it("R-1.3: withdrawn tokens can be moved to another initiative", async function () {
      const { round, alice } = await loadFixture(openRound);
      await round.connect(alice).allocate(1n, 4000n);
      await round.connect(alice).withdraw(1n, 4000n);
      await round.connect(alice).allocate(2n, 4000n);
      expect(await round.allocated(alice.address, 1n)).to.equal(0n);
      expect(await round.allocated(alice.address, 2n)).to.equal(4000n);
      expect((await round.initiative(1n))[1]).to.equal(0n);
      expect((await round.initiative(2n))[1]).to.equal(4000n);
    });

    it("R-1.3: withdrawFor lets the relayer withdraw for a citizen", async function () {
      const { round, alice } = await loadFixture(openRound);
      await round.allocateFor(alice.address, 3n, 900n);
      await expect(round.withdrawFor(alice.address, 3n, 900n))
        .to.emit(round, "Withdrawn")
        .withArgs(alice.address, 3n, 900n);
      expect(await round.allocated(alice.address, 3n)).to.equal(0n);
    });

    for (const via of ["withdraw", "withdrawFor"]) {
      const call = (f, signer, id, amount) =>
        via === "withdraw" ? f.round.connect(signer).withdraw(id, amount) : f.round.withdrawFor(signer.address, id, amount);

      it(`${via}: R-1.3 reverts InsufficientAllocation(available, wanted) over what the citizen allocated there`, async function () {
        const f = await loadFixture(openRound);
        await f.round.connect(f.alice).allocate(1n, 500n);
        await f.round.connect(f.bob).allocate(1n, 700n);
        await expect(call(f, f.alice, 1n, 501n))
          .to.be.revertedWithCustomError(f.round, "InsufficientAllocation")
          .withArgs(500n, 501n);
        // Bob's tokens in the same piggy bank are not Alice's to take (R-1.3: no transfers between citizens).
        await expect(call(f, f.carol, 1n, 1n))
          .to.be.revertedWithCustomError(f.round, "InsufficientAllocation")
          .withArgs(0n, 1n);
      });

      it(`${via}: reverts UnknownInitiative and ZeroAmount`, async function () {
        const f = await loadFixture(openRound);
        await expect(call(f, f.alice, 0n, 1n)).to.be.revertedWithCustomError(f.round, "UnknownInitiative").withArgs(0n);
        await expect(call(f, f.alice, 9n, 1n)).to.be.revertedWithCustomError(f.round, "UnknownInitiative").withArgs(9n);
        await f.round.connect(f.alice).allocate(1n, 500n);
        await expect(call(f, f.alice, 1n, 0n)).to.be.revertedWithCustomError(f.round, "ZeroAmount");
      });

      it(`${via}: R-1.3 reverts DeadlinePassed after the deadline`, async function () {
        const f = await loadFixture(openRound);
        await f.round.connect(f.alice).allocate(1n, 500n);
        await time.increaseTo(f.deadline);
        await expect(call(f, f.alice, 1n, 1n)).to.be.revertedWithCustomError(f.round, "DeadlinePassed");
      });
    }
  });

  describe("roles", function () {
    // Every role-guarded function, called by an account without the role.
    const guarded = [
      { fn: "registerInitiative", role: TREASURY_ROLE, call: (r, f) => r.registerInitiative(1n) },
      { fn: "grantQuotas", role: REGISTRAR_ROLE, call: (r, f) => r.grantQuotas([f.outsider.address], [1n]) },
      { fn: "allocateFor", role: RELAYER_ROLE, call: (r, f) => r.allocateFor(f.alice.address, 1n, 1n) },
      { fn: "withdrawFor", role: RELAYER_ROLE, call: (r, f) => r.withdrawFor(f.alice.address, 1n, 1n) },
      { fn: "finalize", role: TREASURY_ROLE, call: (r, f) => r.finalize(), afterDeadline: true },
      { fn: "reclaim", role: TREASURY_ROLE, call: (r, f) => r.reclaim([f.alice.address]), afterFinalize: true },
    ];
    for (const tc of guarded) {
      it(`${tc.fn} reverts AccessControlUnauthorizedAccount without the role`, async function () {
        const f = await loadFixture(openRound);
        await f.round.connect(f.alice).allocate(1n, 1n);
        if (tc.afterDeadline || tc.afterFinalize) await time.increaseTo(f.deadline);
        if (tc.afterFinalize) await f.round.finalize();
        // Neither an outsider nor the treasury account (which holds no role) may call it.
        for (const caller of [f.outsider, f.treasury]) {
          await expect(tc.call(f.round.connect(caller), f))
            .to.be.revertedWithCustomError(f.round, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, tc.role);
        }
      });
    }

    it("a role granted by the admin works and can be revoked", async function () {
      const { round, relayer, alice } = await loadFixture(openRound);
      await round.grantRole(RELAYER_ROLE, relayer.address);
      await round.connect(relayer).allocateFor(alice.address, 1n, 10n);
      await round.revokeRole(RELAYER_ROLE, relayer.address);
      await expect(round.connect(relayer).allocateFor(alice.address, 1n, 10n))
        .to.be.revertedWithCustomError(round, "AccessControlUnauthorizedAccount")
        .withArgs(relayer.address, RELAYER_ROLE);
    });
  });

  describe("finalize", function () {
    it("R-1.4: reverts DeadlineNotReached while the round is open", async function () {
      const { round, deadline } = await loadFixture(openRound);
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "DeadlineNotReached");
      await time.setNextBlockTimestamp(deadline - 1);
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "DeadlineNotReached");
    });

    it("R-1.4: can run at the deadline, and reverts AlreadyFinalized the second time", async function () {
      const { round, deadline } = await loadFixture(openRound);
      await time.setNextBlockTimestamp(deadline);
      await expect(round.finalize()).to.emit(round, "Finalized");
      expect(await round.finalized()).to.equal(true);
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "AlreadyFinalized");
    });

    // Ranking by received: #1 3000, #2 2500, #3 1000, #4 1000 (tie: lower id first), #5 500;
    // #6 received nothing. Budget 10000: #1 fits (4000 left), #2 (5000) does not and is skipped,
    // #3 (3000) fits (1000 left), #4 (2000) does not, #5 (500) fits (500 left); #6 (100) would fit
    // but has no tokens, so it is not a candidate.
    it("R-1.4: funds greedily by received (ties by lower id), skipping what does not fit and never funding zero-received", async function () {
      const { round } = await loadFixture(allocatedRound);
      expect(await round.fundedInitiatives()).to.deep.equal([]);
      await time.increaseTo((await round.deadline()) + 1n);
      const tx = await round.finalize();
      await expect(tx).to.emit(round, "InitiativeFunded").withArgs(1n, 6000n, 3000n);
      await expect(tx).to.emit(round, "InitiativeFunded").withArgs(3n, 3000n, 1000n);
      await expect(tx).to.emit(round, "InitiativeFunded").withArgs(5n, 500n, 500n);
      await expect(tx).to.emit(round, "Finalized").withArgs([1n, 3n, 5n], 9500n, 4500n);

      const receipt = await tx.wait();
      const events = receipt.logs.map((log) => round.interface.parseLog(log)).filter((e) => e !== null);
      // InitiativeFunded in ranking order, then Finalized last; #2, #4 and #6 are not funded.
      expect(events.map((e) => e.name)).to.deep.equal([
        "InitiativeFunded",
        "InitiativeFunded",
        "InitiativeFunded",
        "Finalized",
      ]);
      expect(events.slice(0, 3).map((e) => e.args.id)).to.deep.equal([1n, 3n, 5n]);
      expect([...(await round.fundedInitiatives())]).to.deep.equal([1n, 3n, 5n]);

      const want = [
        [1n, 6000n, 3000n, true],
        [2n, 5000n, 2500n, false],
        [3n, 3000n, 1000n, true],
        [4n, 2000n, 1000n, false],
        [5n, 500n, 500n, true],
        [6n, 100n, 0n, false],
      ];
      for (const [id, cost, received, funded] of want) {
        const got = await round.initiative(id);
        expect([got[0], got[1], got[2]], `initiative ${id}`).to.deep.equal([cost, received, funded]);
      }
    });

    it("R-1.4: unfunded piggy banks and the undistributed remainder go to the treasury; funded ones keep theirs", async function () {
      const { round, token, treasury, alice, bob, carol } = await loadFixture(allocatedRound);
      const roundAddress = await round.getAddress();
      await expectSupplyIsBudget(token);
      await time.increaseTo(await round.deadline());
      const tx = round.finalize();
      await expect(tx).to.emit(token, "Transfer").withArgs(await round.piggyBank(2n), treasury.address, 2500n);
      await expect(tx).to.emit(token, "Transfer").withArgs(await round.piggyBank(4n), treasury.address, 1000n);
      await expect(tx).to.emit(token, "Transfer").withArgs(roundAddress, treasury.address, 1000n);
      await tx;

      const balance = async (a) => token.balanceOf(a);
      expect(await balance(treasury.address)).to.equal(4500n);
      expect(await balance(roundAddress)).to.equal(0n);
      expect(await balance(await round.piggyBank(1n))).to.equal(3000n);
      expect(await balance(await round.piggyBank(2n))).to.equal(0n);
      expect(await balance(await round.piggyBank(3n))).to.equal(1000n);
      expect(await balance(await round.piggyBank(4n))).to.equal(0n);
      expect(await balance(await round.piggyBank(5n))).to.equal(500n);
      expect(await balance(await round.piggyBank(6n))).to.equal(0n);
      expect(await balance(alice.address)).to.equal(500n);
      expect(await balance(bob.address)).to.equal(500n);
      expect(await balance(carol.address)).to.equal(0n);
      await expectSupplyIsBudget(token);
      expect(await round.distributed()).to.equal(9000n);
    });

    it("R-1.4: when every candidate fits, all are funded", async function () {
      const { round, alice, bob } = await loadFixture(openRound);
      // costs 6000, 5000, 3000; only #1 and #3 get tokens, 6000 + 3000 <= 10000
      await round.connect(alice).allocate(3n, 100n);
      await round.connect(bob).allocate(1n, 50n);
      await time.increaseTo(await round.deadline());
      await expect(round.finalize()).to.emit(round, "Finalized").withArgs([3n, 1n], 9000n, 1000n);
    });

    it("R-1.4: with no allocations nothing is funded and only the undistributed remainder returns", async function () {
      const { round, token, treasury } = await loadFixture(openRound);
      await time.increaseTo(await round.deadline());
      await expect(round.finalize()).to.emit(round, "Finalized").withArgs([], 0n, 1000n);
      expect(await round.fundedInitiatives()).to.deep.equal([]);
      expect(await token.balanceOf(treasury.address)).to.equal(1000n);
    });

    it("R-1.4: a round with no quotas and no initiatives returns the whole budget", async function () {
      const { round, token, treasury } = await loadFixture(deployRound);
      await time.increaseTo(await round.deadline());
      await expect(round.finalize()).to.emit(round, "Finalized").withArgs([], 0n, BUDGET);
      expect(await token.balanceOf(treasury.address)).to.equal(BUDGET);
      await expectSupplyIsBudget(token);
    });

    it("R-1.3: after finalization tokens can no longer be allocated or withdrawn", async function () {
      const { round, alice } = await loadFixture(allocatedRound);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      await expect(round.connect(alice).allocate(1n, 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
      await expect(round.connect(alice).withdraw(1n, 1n)).to.be.revertedWithCustomError(round, "DeadlinePassed");
    });
  });

  describe("reclaim", function () {
    it("R-1.4: reverts NotFinalized before finalization", async function () {
      const { round, alice, deadline } = await loadFixture(openRound);
      await expect(round.reclaim([alice.address])).to.be.revertedWithCustomError(round, "NotFinalized");
      await time.increaseTo(deadline);
      await expect(round.reclaim([alice.address])).to.be.revertedWithCustomError(round, "NotFinalized");
    });

    it("R-1.4: moves citizens' unallocated tokens to the treasury and emits Reclaimed", async function () {
      const { round, token, treasury, alice, bob, carol, outsider } = await loadFixture(allocatedRound);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      const tx = round.reclaim([alice.address, bob.address, carol.address, outsider.address]);
      await expect(tx).to.emit(round, "Reclaimed").withArgs(alice.address, 500n);
      await expect(tx).to.emit(round, "Reclaimed").withArgs(bob.address, 500n);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, treasury.address, 500n);
      const receipt = await (await tx).wait();
      const reclaimed = receipt.logs
        .map((log) => round.interface.parseLog(log))
        .filter((e) => e?.name === "Reclaimed")
        .map((e) => e.args.citizen);
      expect(reclaimed).to.deep.equal([alice.address, bob.address]); // carol and outsider had nothing

      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await token.balanceOf(treasury.address)).to.equal(5500n);
      // Funded piggy banks are untouched.
      expect(await token.balanceOf(await round.piggyBank(1n))).to.equal(3000n);
      await expectSupplyIsBudget(token);
    });

    it("R-1.4: reclaiming twice moves nothing the second time", async function () {
      const { round, token, treasury, alice } = await loadFixture(allocatedRound);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      await round.reclaim([alice.address]);
      await expect(round.reclaim([alice.address])).to.not.emit(round, "Reclaimed");
      expect(await token.balanceOf(treasury.address)).to.equal(5000n);
    });

    it("R-1.4: cannot take a funded piggy bank's tokens by naming it as a citizen", async function () {
      const { round, token } = await loadFixture(allocatedRound);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      const bank = await round.piggyBank(1n);
      await expect(round.reclaim([bank])).to.not.emit(round, "Reclaimed");
      expect(await token.balanceOf(bank)).to.equal(3000n);
    });
  });

  describe("totals (R-1.5)", function () {
    it("R-1.1/R-1.5: totalSupply equals the budget before, during and after the round, and balances add up", async function () {
      const { round, token, treasury, alice, bob, carol } = await loadFixture(allocatedRound);
      await expectSupplyIsBudget(token);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      await expectSupplyIsBudget(token);
      await round.reclaim([alice.address, bob.address, carol.address]);
      await expectSupplyIsBudget(token);

      const holders = [await round.getAddress(), treasury.address, alice.address, bob.address, carol.address];
      for (let id = 1n; id <= 6n; id++) holders.push(await round.piggyBank(id));
      let sum = 0n;
      for (const h of holders) sum += await token.balanceOf(h);
      expect(sum).to.equal(BUDGET);
      // Every token is either in a funded piggy bank or with the treasury.
      expect(await token.balanceOf(treasury.address)).to.equal(BUDGET - 4500n);
    });

    it("R-1.5: the totals can be recomputed from the events alone", async function () {
      const { round, token } = await loadFixture(allocatedRound);
      await time.increaseTo(await round.deadline());
      await round.finalize();
      const granted = await round.queryFilter(round.filters.QuotaGranted());
      const allocated = await round.queryFilter(round.filters.Allocated());
      const withdrawn = await round.queryFilter(round.filters.Withdrawn());
      expect(granted.reduce((s, e) => s + e.args.amount, 0n)).to.equal(await round.distributed());
      const received = new Map();
      for (const e of allocated) received.set(e.args.id, (received.get(e.args.id) ?? 0n) + e.args.amount);
      for (const e of withdrawn) received.set(e.args.id, received.get(e.args.id) - e.args.amount);
      for (let id = 1n; id <= 6n; id++) {
        expect(received.get(id) ?? 0n, `initiative ${id}`).to.equal((await round.initiative(id))[1]);
      }
      const transfers = await token.queryFilter(token.filters.Transfer());
      const minted = transfers.filter((e) => e.args.from === ethers.ZeroAddress);
      expect(minted.length).to.equal(1);
      expect(minted[0].args.value).to.equal(BUDGET);
    });
  });
});
