// scripts/siwe-sign.mjs — signs a message the way a wallet does, for the Go tests of
// portal/wallets: reads {"privateKey": "0x…", "message": "…"} as JSON on stdin and prints the
// ethers v6 Wallet.signMessage signature (EIP-191 personal_sign, 0x r || s || v with v 27/28)
// and the signer's address, as JSON on stdout. The tests check our verifier against a
// signature made by a wallet library, not by our own code.
//
//   source scripts/node-env.sh && echo '{"privateKey":"0x…","message":"hi"}' | node scripts/siwe-sign.mjs

import { Wallet } from "ethers";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { privateKey, message } = JSON.parse(input);
const wallet = new Wallet(privateKey);
const signature = await wallet.signMessage(message);
process.stdout.write(JSON.stringify({ address: wallet.address, signature }) + "\n");
