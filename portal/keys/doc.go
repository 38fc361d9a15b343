// Package keys carries out step 3 of key rotation (see portal/pii, "Key rotation"): it
// re-seals every stored ciphertext under the active key of its vault, and counts the
// ciphertexts each key still seals, so that an operator knows when an old key can leave the
// ring.
//
// The columns to walk are storage.CiphertextColumns: personal data under the PII vault,
// custodial wallets' keys under the wallet vault. Reseal reads each column in batches by
// primary key and writes a new ciphertext back only where the row still holds the one it read
// (compare and swap), so it is safe to run while nodes serve: a value a citizen changed in the
// meantime is left as they wrote it (it is sealed under the active key already). Running it
// again changes nothing. It never reads or logs a value in clear beyond the Reseal call.
package keys
