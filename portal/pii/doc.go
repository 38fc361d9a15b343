// Package pii validates, masks and encrypts citizens' personal data: the phone number
// that is a citizen's login, the documents of the verification levels and the unique
// user ID.
//
// # Validation
//
// NormalizePhone, ParseSNILS, ParsePassport, ParseFLS, ParsePropertyCert, ParseBirthDate and
// ParseUserID are pure functions over outside input. Each refusal is an exported sentinel
// error, returned as is, whose message never repeats the input; the API maps each sentinel to
// a stable error code and a 4xx status.
//
// # Masking
//
// Phone, SNILS, Passport, FLS and PropertyCert print as a mask, such as "+7916*****67" or
// "***-***-*** 95", through fmt (every verb, %#v included), log/slog, encoding/json and
// encoding.TextMarshaler. The value itself is reachable only through Reveal, which is called
// to seal it, index it, or send it to a registry check. None of the types implements
// driver.Valuer: the database stores a Vault ciphertext and index, never the value. The values
// never appear in logs, in API responses to other users, in exports or on-chain.
//
// # Encryption and look-ups
//
// A Vault seals a revealed value with AES-256-GCM under the active key of a KeyRing and opens
// it with any key of the ring. The ciphertext names its format version and key ID, and the
// kind of value (phone, SNILS, ...) is authenticated with it, so a SNILS ciphertext cannot be
// opened as a phone. Vault.Index gives an HMAC-SHA256 keyed hash, separate per kind, to find a
// citizen by phone or to detect a document registered twice without decrypting anything.
// Store both: a ciphertext column to read the value back and an index column, with a unique
// index where a duplicate must be refused.
//
// A random 96-bit nonce is drawn for every seal; a key must seal fewer than 2^32 values,
// which rotation keeps far away.
//
// # Key rotation
//
// Keys are configured as "id:base64" entries, such as "k1:…,k2:…", plus the ID of the active
// key (ParseKeyRing). A new key is 32 random bytes: `openssl rand -base64 32`. A key ID names
// its key in every ciphertext, so it is never reused for other key material. To rotate:
//
//  1. Add the new key to the ring and keep the old one active. Deploy to every node, so all of
//     them can open what the new key will seal before anything is sealed with it.
//  2. Make the new key active and deploy. New values are sealed with it; old ones still open.
//  3. Re-seal: `pbnode pii reseal` (package portal/keys) walks every ciphertext column that
//     storage.CiphertextColumns lists, in batches by primary key; for each ciphertext that
//     reports NeedsRotation it calls Reseal and writes the result back only if the row still
//     holds the ciphertext it read (compare and swap), so it runs while nodes serve, and a
//     second run changes nothing. `--dry-run` counts without writing. Indexes do not change:
//     they depend on the index key only.
//  4. When `pbnode pii status`, which counts each column's ciphertexts by KeyIDOf, no longer
//     lists the old key, remove it from the ring and deploy. Backups taken before step 3
//     finished still need the old key: keep it offline until they expire.
//
// The wallet vault's ring (wallet.keys) rotates the same way, by the same commands.
//
// The index key is separate from the ring and is not rotated routinely: changing it changes
// every index. Replacing it is a migration: add an index column, fill it by opening every
// ciphertext and indexing the value with a Vault over the new index key, switch look-ups to
// the new column, then drop the old one.
//
// # User IDs
//
// NewUserID draws the twelve-digit unique user ID without modulo bias; the database's unique
// index keeps it unique.
package pii
