// Hardhat 3 configuration for pbnode's contracts.
//
// Solidity is compiled offline with solc-js from npm (package `solc`, pinned exactly in
// package.json); Hardhat never downloads a compiler. Sources live in contracts/, Hardhat tests
// (mocha + ethers) in contracts/test/. Artifacts land in artifacts/contracts/<Name>.sol/<Name>.json,
// from which chain/bindings is generated (scripts/contracts.sh generate).
import { createRequire } from "node:module";

import { defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

const SOLC_VERSION = "0.8.30";

const require = createRequire(import.meta.url);
const installedSolc = require("solc/package.json").version;
if (installedSolc !== SOLC_VERSION) {
  throw new Error(
    `hardhat.config.js: solidity.version is ${SOLC_VERSION} but the installed npm solc is ` +
      `${installedSolc}; run "npm install" (package.json pins solc ${SOLC_VERSION})`,
  );
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "prague",
    },
  },
  paths: {
    sources: "contracts",
    tests: { mocha: "contracts/test" },
  },
  typechain: {
    dontOverrideCompile: true,
  },
});
