// Package roundv2 drives BudgetRoundV2 (contracts/BudgetRoundV2.sol,
// docs/CONTRACTS-V2.md), the budget round at city scale: the relayed
// records citizens sign (Record, its packed head, the EIP-712 digest and the
// ERC-2098 compact signature), and Round, a client that deploys a round,
// publishes eligibility roots, relays signed batches with one multiproof,
// materializes accounts and finalizes, mapping the contract's reverts to
// sentinel errors.
package roundv2
