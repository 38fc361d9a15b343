// scripts/siwe-fixtures.mjs — writes chain/siwe/testdata/fixtures.json: Sign-In with Ethereum
// (EIP-4361) messages signed by ethers v6 (Wallet.signMessage, EIP-191 personal_sign), so that
// the Go tests of chain/siwe check our verifier against signatures a wallet library made, not
// signatures made by our own code.
//
//   source scripts/node-env.sh && node scripts/siwe-fixtures.mjs
//
// The output is deterministic (fixed keys, fixed times, RFC 6979 signatures): running it again
// changes nothing unless this script changed. The JSON records this script's SHA-256, and a Go
// test fails when the two disagree, so commit the script and the JSON together.
//
// The keys are derived from fixed labels and hold nothing: never use them anywhere else.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";
import { Signature, Wallet, concat, getBytes, hexlify, id, toBeHex, verifyMessage } from "ethers";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "chain/siwe/testdata/fixtures.json");
const self = fileURLToPath(import.meta.url);

const alice = new Wallet(id("pbnode chain/siwe fixture key: alice"));
const mallory = new Wallet(id("pbnode chain/siwe fixture key: mallory"));

// What the server expects in every case unless a case says otherwise.
const expect = {
  domain: "vote.pbnode.example",
  chainId: 31337,
  nonce: "Xk7fP2qL9mRt",
  now: "2026-05-04T09:00:00Z",
};

// siweMessage composes the EIP-4361 text from fields, following the EIP's ABNF; written here
// independently of the Go code under test.
function siweMessage(f) {
  const origin = f.scheme ? `${f.scheme}://${f.domain}` : f.domain;
  let s = `${origin} wants you to sign in with your Ethereum account:\n${f.address}\n\n`;
  if (f.statement !== undefined) s += `${f.statement}\n`;
  s += `\nURI: ${f.uri}\nVersion: 1\nChain ID: ${f.chainId}\nNonce: ${f.nonce}\nIssued At: ${f.issuedAt}`;
  if (f.expirationTime) s += `\nExpiration Time: ${f.expirationTime}`;
  if (f.notBefore) s += `\nNot Before: ${f.notBefore}`;
  if (f.requestId !== undefined) s += `\nRequest ID: ${f.requestId}`;
  if (f.resources) s += "\nResources:" + f.resources.map((r) => `\n- ${r}`).join("");
  return s;
}

const base = {
  domain: expect.domain,
  address: alice.address,
  statement: "Sign in to vote in the participatory budget of your district.",
  uri: "https://vote.pbnode.example/login",
  chainId: expect.chainId,
  nonce: expect.nonce,
  issuedAt: "2026-05-04T08:58:00Z",
  expirationTime: "2026-05-04T09:08:00Z",
};

const secp256k1n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// Signature re-encodings of an ethers signature (0x r || s || v, v = 27/28).
const asYParity = (sig) => {
  const b = getBytes(sig);
  b[64] -= 27;
  return hexlify(b);
};
const withV = (sig, v) => {
  const b = getBytes(sig);
  b[64] = v;
  return hexlify(b);
};
const highS = (sig) => {
  const s = Signature.from(sig);
  return concat([s.r, toBeHex(secp256k1n - BigInt(s.s), 32), s.v === 27 ? "0x1c" : "0x1b"]);
};

// Each case: a message (fields over base), who signs it, optional changes to the text after
// signing or to the signature, the server's expectations, and the outcome Verify must give
// ("ok" or the name of a siwe sentinel error).
const cases = [
  {
    name: "valid: statement, expiration, not before, request id, resources",
    fields: {
      notBefore: "2026-05-04T08:58:00Z",
      requestId: "req-8f14e45f",
      resources: ["ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", "https://vote.pbnode.example/rounds/7"],
    },
    want: "ok",
  },
  {
    name: "valid: minimal, no statement and no optional field",
    fields: { statement: undefined, expirationTime: undefined },
    want: "ok",
  },
  {
    name: "valid: empty statement, empty request id, empty resources",
    fields: { statement: "", requestId: "", resources: [] },
    want: "ok",
  },
  {
    name: "valid: explicit scheme and port, ISO times with milliseconds and an offset",
    fields: {
      scheme: "http",
      domain: "localhost:8080",
      uri: "http://localhost:8080/",
      issuedAt: new Date("2026-05-04T08:59:30Z").toISOString(),
      expirationTime: "2026-05-04T12:05:00.5+03:00",
    },
    expect: { domain: "localhost:8080" },
    want: "ok",
  },
  {
    name: "valid: signature with v = 0/1 (y parity)",
    sig: asYParity,
    want: "ok",
  },
  {
    name: "valid: at the last instant before expiration",
    expect: { now: "2026-05-04T09:07:59.999999999Z" },
    want: "ok",
  },
  { name: "other domain", fields: { domain: "vote.evil.example", uri: "https://vote.evil.example/login" }, want: "ErrDomain" },
  { name: "domain with another port", fields: { domain: "vote.pbnode.example:8443" }, want: "ErrDomain" },
  { name: "other chain", fields: { chainId: 1 }, want: "ErrChainID" },
  { name: "other nonce (an old challenge replayed)", fields: { nonce: "oldNonce1234" }, want: "ErrNonce" },
  { name: "expired", expect: { now: "2026-05-04T09:20:00Z" }, want: "ErrExpired" },
  { name: "expired at the expiration instant", expect: { now: "2026-05-04T09:08:00Z" }, want: "ErrExpired" },
  { name: "not yet valid", fields: { notBefore: "2026-05-04T09:30:00Z", expirationTime: "2026-05-04T09:40:00Z" }, want: "ErrNotYetValid" },
  {
    name: "tampered after signing: chain id changed",
    tamper: (text) => text.replace("Chain ID: 31337", "Chain ID: 1"),
    expect: { chainId: 1 },
    want: "ErrAddressMismatch",
  },
  {
    name: "tampered after signing: expiration extended",
    tamper: (text) => text.replace("Expiration Time: 2026-05-04T09:08:00Z", "Expiration Time: 2027-05-04T09:08:00Z"),
    want: "ErrAddressMismatch",
  },
  { name: "signed by another key than the message's address", signer: mallory, want: "ErrAddressMismatch" },
  { name: "signature with v = 29", sig: (s) => withV(s, 29), want: "ErrSignature" },
  { name: "signature with a high s (malleated)", sig: highS, want: "ErrSignature" },
  { name: "signature truncated to 64 bytes", sig: (s) => hexlify(getBytes(s).slice(0, 64)), want: "ErrSignature" },
  { name: "address without its EIP-55 checksum", fields: { address: alice.address.toLowerCase() }, want: "ErrMalformed" },
  { name: "trailing line break", tamper: (text) => text + "\n", sign: "tampered", want: "ErrMalformed" },
  { name: "CRLF line breaks", tamper: (text) => text.replaceAll("\n", "\r\n"), sign: "tampered", want: "ErrMalformed" },
];

async function build(c) {
  const f = { ...base, ...c.fields };
  const signed = siweMessage(f);
  const text = c.tamper ? c.tamper(signed) : signed;
  const signer = c.signer ?? alice;
  const sig0 = await signer.signMessage(c.sign === "tampered" ? text : signed);
  const sig = c.sig ? c.sig(sig0) : sig0;
  let recovered = null;
  try {
    recovered = verifyMessage(text, sig);
  } catch {
    // ethers rejects the signature too; the Go side must say ErrSignature.
  }
  return {
    name: c.name,
    message: text,
    signature: sig,
    ethers_recovered: recovered,
    expect: { ...expect, ...c.expect },
    want: c.want,
  };
}

const fixtures = {
  comment: "Generated by scripts/siwe-fixtures.mjs with ethers; do not edit by hand.",
  generator: relative(root, self),
  generator_sha256: createHash("sha256").update(readFileSync(self)).digest("hex"),
  ethers_version: (await import("ethers")).version,
  signers: { alice: alice.address, mallory: mallory.address },
  cases: await Promise.all(cases.map(build)),
};
writeFileSync(out, JSON.stringify(fixtures, null, 2) + "\n");
console.log(`wrote ${relative(root, out)}: ${fixtures.cases.length} cases`);
