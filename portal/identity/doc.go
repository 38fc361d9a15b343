// Package identity signs people in and says who they are: by mobile phone and a one-time SMS
// code, or through an external identity provider (OIDC issuer and subject, R-5.1 ESIA),
// and keeps their sessions and role grants.
//
// # Sign-in by SMS
//
// StartSMS normalizes the phone (pii.NormalizePhone: Russian mobile numbers only), checks the
// rate limits and the phone's lock-out, stores a keyed hash of a fresh code and sends the code
// through an SMSGateway. VerifySMS compares the code in constant time, counts the attempt in a
// guarded UPDATE (so concurrent guesses never exceed Config.MaxAttempts), and consumes the code,
// finds or creates the user and opens a session in one transaction: of two concurrent
// verifications of one code exactly one wins. A user is created at the first sign-in with a
// random twelve-digit unique user ID (pii.NewUserID, R-5.4) that never changes.
//
// # Sessions
//
// A session is a random token given to the client once; only its SHA-256 is stored. Bearer
// sessions travel in an Authorization header and last Config.BearerTTL. Cookie sessions also get
// a CSRF token that must come back (in a header) with every unsafe request; they end after
// Config.CookieIdleTTL without use or Config.CookieTTL after sign-in, whichever is first.
//
// # Roles
//
// A Principal carries the user's role grants. A grant names a role and a territory; the empty
// territory is the whole city and covers every territory. Only an admin whose grant covers the
// territory grants or revokes there; the node's operator grants without one (GrantRoleAsOperator)
// to appoint the first admin.
//
// # Secrets and personal data
//
// The phone is stored only as a pii.Vault ciphertext and keyed index. Codes, session tokens and
// CSRF tokens are stored only as hashes; codes and rate-limit buckets of IP addresses are keyed
// with the Vault's index key, so the database alone cannot reverse them. None of them is logged.
// Every refusal is an exported sentinel error, matched with errors.Is; limits carry a retry-after
// in a *LimitError.
package identity
