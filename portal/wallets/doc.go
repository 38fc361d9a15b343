// Package wallets gives each citizen the address they act as on-chain (users.citizen_id): a
// custodial key the node generates and keeps, or a wallet of their own linked with Sign-In
// with Ethereum (EIP-4361).
//
// # Custodial wallets
//
// EnsureCustodial gives a user without a wallet a fresh secp256k1 key. In one transaction it
// creates the citizen (the key's address), stores the key sealed with the wallet vault (a
// pii.Vault over a key ring of its own, never the personal-data keys; kind pii.KindWalletKey),
// points users.citizen_id at the citizen and records the link in wallet_links. It is
// idempotent, and of concurrent calls for one user exactly one creates a wallet (the link is a
// compare-and-swap on users.citizen_id). Signer opens the key of a user's custodial address to
// sign for them (personal_sign, or an EIP-712 digest); keys are never logged, printed or
// returned.
//
// Every verified citizen gets a custodial wallet by default: CustodialOnVerified wraps the
// verification job's citizens.Notifier so that a person verified at level 1 or more gets one
// before being told. Notices are delivered at least once, so a failure is retried with the
// notice.
//
// # Linking one's own wallet
//
// IssueNonce stores a random nonce for the user (expiring after Config.NonceTTL) and returns
// what the wallet's message must name: domain (the host of Config.PublicURL), URI, chain ID
// and times. Link parses the signed message (chain/siwe), finds the nonce issued to this user
// and not used or expired, verifies the signature and fields (siwe.Verify), and then, in one
// transaction, consumes the nonce with a guarded update (so a replayed message fails with
// ErrNonceUsed), and relinks the user to the address. A refused request writes nothing.
//
// Rules of relinking:
//   - an address that another user is or ever was linked to is refused (ErrAddressTaken): its
//     quotas and votes are that user's history;
//   - a user whose current address holds a quota in a round that is not finalized or failed
//     cannot relink (ErrWalletInUse): the tokens already sit at that address on-chain, and
//     the round's list was drawn with it. Relink after the round ends;
//   - the custodial address stays recorded (wallet_links keeps its link, with unlinked_at) and
//     its key stays sealed, so the node can still sign for what it holds.
//
// # Round lists
//
// Electorate lists the wallet addresses of the users eligible under a round's rules
// (citizens.Service.EligibleUsers), skipping users without a wallet, for budget's
// DistributeEligible.
package wallets
