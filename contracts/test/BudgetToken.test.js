// Hardhat tests of BudgetToken: supply, decimals and the transfer restrictions.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const SUPPLY = 1_000_000n;

// A token whose "round" is an ordinary account, so `move` can be called directly.
async function standaloneToken() {
  const [deployer, round, alice, bob] = await ethers.getSigners();
  const token = await ethers.deployContract("BudgetToken", ["Test", "TST", SUPPLY, round.address]);
  return { token, deployer, round, alice, bob };
}

// A token created by a BudgetRound, with quotas granted to alice and bob.
async function roundToken() {
  const [admin, treasury, alice, bob] = await ethers.getSigners();
  const deadline = (await networkHelpers.time.latest()) + 3600;
  const round = await ethers.deployContract("BudgetRound", [
    "Round",
    "RND",
    SUPPLY,
    deadline,
    treasury.address,
    admin.address,
  ]);
  const token = await ethers.getContractAt("BudgetToken", await round.token());
  await round.grantQuotas([alice.address, bob.address], [1000n, 2000n]);
  return { round, token, admin, treasury, alice, bob };
}

describe("BudgetToken", function () {
  describe("constructor", function () {
    it("R-1.1: mints the whole supply to the round once", async function () {
      const { token, round } = await loadFixture(standaloneToken);
      expect(await token.totalSupply()).to.equal(SUPPLY);
      expect(await token.balanceOf(round.address)).to.equal(SUPPLY);
      expect(await token.round()).to.equal(round.address);
      expect(await token.name()).to.equal("Test");
      expect(await token.symbol()).to.equal("TST");
    });

    it("R-1.1: emits Transfer from zero to the round for the mint", async function () {
      const { token, round } = await loadFixture(standaloneToken);
      await expect(token.deploymentTransaction())
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, round.address, SUPPLY);
    });

    it("R-1.1: has 2 decimals (1 unit = 1 kopeck)", async function () {
      const { token } = await loadFixture(standaloneToken);
      expect(await token.decimals()).to.equal(2);
    });
  });

  describe("move", function () {
    it("R-1.3: the round moves tokens and Transfer is emitted", async function () {
      const { token, round, alice } = await loadFixture(standaloneToken);
      await expect(token.connect(round).move(round.address, alice.address, 250n))
        .to.emit(token, "Transfer")
        .withArgs(round.address, alice.address, 250n);
      expect(await token.balanceOf(alice.address)).to.equal(250n);
      expect(await token.balanceOf(round.address)).to.equal(SUPPLY - 250n);
      expect(await token.totalSupply()).to.equal(SUPPLY);
    });

    it("R-1.3: the round may move any holder's tokens (piggy bank back to citizen)", async function () {
      const { token, round, alice, bob } = await loadFixture(standaloneToken);
      await token.connect(round).move(round.address, alice.address, 100n);
      await token.connect(round).move(alice.address, bob.address, 40n);
      expect(await token.balanceOf(alice.address)).to.equal(60n);
      expect(await token.balanceOf(bob.address)).to.equal(40n);
    });

    it("R-1.3: reverts OnlyRound for any other caller", async function () {
      const { token, deployer, alice, round } = await loadFixture(standaloneToken);
      for (const caller of [deployer, alice]) {
        await expect(
          token.connect(caller).move(round.address, caller.address, 1n),
        ).to.be.revertedWithCustomError(token, "OnlyRound");
      }
    });

    it("R-1.3: reverts OnlyRound when a citizen calls move on a round's token", async function () {
      const { token, alice, bob, admin } = await loadFixture(roundToken);
      await expect(token.connect(alice).move(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "OnlyRound",
      );
      await expect(token.connect(admin).move(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "OnlyRound",
      );
    });

    it("R-1.1: moving more than the balance reverts ERC20InsufficientBalance", async function () {
      const { token, round, alice, bob } = await loadFixture(standaloneToken);
      await expect(token.connect(round).move(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, 1n);
    });
  });

  describe("ERC-20 transfers are restricted", function () {
    it("R-1.3: transfer between citizens reverts TransfersRestricted", async function () {
      const { token, alice, bob } = await loadFixture(roundToken);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "TransfersRestricted",
      );
      expect(await token.balanceOf(alice.address)).to.equal(1000n);
      expect(await token.balanceOf(bob.address)).to.equal(2000n);
    });

    it("R-1.3: approve reverts TransfersRestricted and leaves no allowance", async function () {
      const { token, alice, bob } = await loadFixture(roundToken);
      await expect(token.connect(alice).approve(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "TransfersRestricted",
      );
      expect(await token.allowance(alice.address, bob.address)).to.equal(0n);
    });

    it("R-1.3: transferFrom between citizens reverts TransfersRestricted", async function () {
      const { token, alice, bob } = await loadFixture(roundToken);
      await expect(
        token.connect(bob).transferFrom(alice.address, bob.address, 1n),
      ).to.be.revertedWithCustomError(token, "TransfersRestricted");
    });

    it("R-1.3: even the round account cannot use transfer (only move)", async function () {
      const { token, round, alice } = await loadFixture(standaloneToken);
      await expect(token.connect(round).transfer(alice.address, 1n)).to.be.revertedWithCustomError(
        token,
        "TransfersRestricted",
      );
      await expect(token.connect(round).approve(alice.address, 1n)).to.be.revertedWithCustomError(
        token,
        "TransfersRestricted",
      );
      await expect(
        token.connect(round).transferFrom(round.address, alice.address, 1n),
      ).to.be.revertedWithCustomError(token, "TransfersRestricted");
    });
  });
});
