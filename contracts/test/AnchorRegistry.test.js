// Hardhat tests of AnchorRegistry: append-only anchors of published data sets,
// checkable from the chain alone.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const id = (s) => ethers.id(s); // keccak256 of a UTF-8 string
const POLL = id("poll");
const RENOVATION = id("renovation");
const SUBJECT_A = ethers.zeroPadValue("0x01", 32);
const SUBJECT_B = ethers.zeroPadValue("0x02", 32);
const ROOT_1 = id("root-1");
const ROOT_2 = id("root-2");
const SHA_1 = ethers.sha256(ethers.toUtf8Bytes("dataset-1"));
const SHA_2 = ethers.sha256(ethers.toUtf8Bytes("dataset-2"));

async function deployRegistry() {
  const [admin, anchorer, outsider] = await ethers.getSigners();
  const registry = await ethers.deployContract("AnchorRegistry", [admin.address]);
  return { registry, admin, anchorer, outsider };
}

async function blockTime(tx) {
  const receipt = await tx.wait();
  return (await ethers.provider.getBlock(receipt.blockNumber)).timestamp;
}

function expectAnchor(got, want) {
  expect(got.kind).to.equal(want.kind);
  expect(got.subjectId).to.equal(want.subjectId);
  expect(got.root).to.equal(want.root);
  expect(got.leafCount).to.equal(want.leafCount);
  expect(got.datasetSha256).to.equal(want.datasetSha256);
  expect(got.timestamp).to.equal(want.timestamp);
}

describe("AnchorRegistry", function () {
  describe("constructor", function () {
    it("grants the admin DEFAULT_ADMIN_ROLE and ANCHOR_ROLE only", async function () {
      const { registry, admin, outsider } = await loadFixture(deployRegistry);
      expect(await registry.ANCHOR_ROLE()).to.equal(id("ANCHOR_ROLE"));
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await registry.hasRole(id("ANCHOR_ROLE"), admin.address)).to.equal(true);
      expect(await registry.hasRole(id("ANCHOR_ROLE"), outsider.address)).to.equal(false);
      expect(await registry.anchorCount()).to.equal(0n);
    });
  });

  describe("anchor", function () {
    it("R-3.7: appends an anchor, returns its index and emits Anchored", async function () {
      const { registry } = await loadFixture(deployRegistry);
      expect(await registry.anchor.staticCall(POLL, SUBJECT_A, ROOT_1, 7n, SHA_1)).to.equal(0n);
      const tx = await registry.anchor(POLL, SUBJECT_A, ROOT_1, 7n, SHA_1);
      await expect(tx).to.emit(registry, "Anchored").withArgs(0n, POLL, SUBJECT_A, ROOT_1, 7n, SHA_1);
      const ts = await blockTime(tx);

      expect(await registry.anchorCount()).to.equal(1n);
      expect(await registry.countFor(POLL, SUBJECT_A)).to.equal(1n);
      const want = { kind: POLL, subjectId: SUBJECT_A, root: ROOT_1, leafCount: 7n, datasetSha256: SHA_1, timestamp: ts };
      expectAnchor(await registry.anchorAt(0n), want);
      expectAnchor(await registry.latest(POLL, SUBJECT_A), want);
    });

    it("R-3.7: later anchors of a subject (an open poll's periodic roots) are appended, latest is the newest", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await registry.anchor(POLL, SUBJECT_A, ROOT_1, 7n, SHA_1);
      await registry.anchor(RENOVATION, SUBJECT_B, ROOT_1, 3n, SHA_1);
      await expect(registry.anchor(POLL, SUBJECT_A, ROOT_2, 9n, SHA_2))
        .to.emit(registry, "Anchored")
        .withArgs(2n, POLL, SUBJECT_A, ROOT_2, 9n, SHA_2);

      expect(await registry.anchorCount()).to.equal(3n);
      expect(await registry.countFor(POLL, SUBJECT_A)).to.equal(2n);
      expect(await registry.countFor(RENOVATION, SUBJECT_B)).to.equal(1n);
      expect(await registry.countFor(POLL, SUBJECT_B)).to.equal(0n);
      expect((await registry.latest(POLL, SUBJECT_A)).root).to.equal(ROOT_2);
      expect((await registry.latest(RENOVATION, SUBJECT_B)).leafCount).to.equal(3n);
      // The earlier record is still there, unchanged (append-only).
      expect((await registry.anchorAt(0n)).root).to.equal(ROOT_1);
      expect((await registry.anchorAt(0n)).leafCount).to.equal(7n);
    });

    it("R-1.5: the same (kind, subject, root) twice reverts AlreadyAnchored, with no overwrite", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await registry.anchor(POLL, SUBJECT_A, ROOT_1, 7n, SHA_1);
      await expect(registry.anchor(POLL, SUBJECT_A, ROOT_1, 8n, SHA_2))
        .to.be.revertedWithCustomError(registry, "AlreadyAnchored")
        .withArgs(POLL, SUBJECT_A, ROOT_1);
      expect(await registry.anchorCount()).to.equal(1n);
      expect((await registry.anchorAt(0n)).leafCount).to.equal(7n);
      expect((await registry.anchorAt(0n)).datasetSha256).to.equal(SHA_1);
    });

    it("R-1.5: the same root under another kind or subject is a different anchor", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await registry.anchor(POLL, SUBJECT_A, ROOT_1, 7n, SHA_1);
      await expect(registry.anchor(POLL, SUBJECT_B, ROOT_1, 7n, SHA_1)).to.emit(registry, "Anchored");
      await expect(registry.anchor(RENOVATION, SUBJECT_A, ROOT_1, 7n, SHA_1)).to.emit(registry, "Anchored");
      expect(await registry.anchorCount()).to.equal(3n);
    });

    it("reverts ZeroRoot for a zero root", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.anchor(POLL, SUBJECT_A, ethers.ZeroHash, 1n, SHA_1)).to.be.revertedWithCustomError(
        registry,
        "ZeroRoot",
      );
    });

    it("reverts AccessControlUnauthorizedAccount without ANCHOR_ROLE", async function () {
      const { registry, outsider } = await loadFixture(deployRegistry);
      await expect(registry.connect(outsider).anchor(POLL, SUBJECT_A, ROOT_1, 1n, SHA_1))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, id("ANCHOR_ROLE"));
    });

    it("an account granted ANCHOR_ROLE can anchor", async function () {
      const { registry, anchorer } = await loadFixture(deployRegistry);
      await registry.grantRole(id("ANCHOR_ROLE"), anchorer.address);
      await expect(registry.connect(anchorer).anchor(POLL, SUBJECT_A, ROOT_1, 1n, SHA_1)).to.emit(
        registry,
        "Anchored",
      );
    });
  });

  describe("views", function () {
    it("latest reverts NoAnchor for a subject without anchors", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.latest(POLL, SUBJECT_A)).to.be.revertedWithCustomError(registry, "NoAnchor");
      await registry.anchor(POLL, SUBJECT_A, ROOT_1, 1n, SHA_1);
      await expect(registry.latest(POLL, SUBJECT_B)).to.be.revertedWithCustomError(registry, "NoAnchor");
    });

    it("anchorAt reverts NoAnchor past the end", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.anchorAt(0n)).to.be.revertedWithCustomError(registry, "NoAnchor");
      await registry.anchor(POLL, SUBJECT_A, ROOT_1, 1n, SHA_1);
      await expect(registry.anchorAt(1n)).to.be.revertedWithCustomError(registry, "NoAnchor");
    });
  });
});
