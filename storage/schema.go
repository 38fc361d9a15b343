package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// migrations lists every schema change this binary knows, version 1, 2, 3, … in order.
// Append only: a released migration is never edited, reordered or removed.
func migrations() []migration {
	return []migration{
		sqlMigration(1, "initial", schemaV1()...),
		sqlMigration(2, "identity", schemaV2()...),
		sqlMigration(3, "profiles", schemaV3()...),
		sqlMigration(4, "wallets", schemaV4()...),
		sqlMigration(5, "round_eligibility", schemaV5()...),
		sqlMigration(6, "proposals", schemaV6()...),
		sqlMigration(7, "tallies", schemaV7()...),
		sqlMigration(8, "rounds_v2", schemaV8()...),
		{version: 9, name: "direct_index", up: upV9},
	}
}

// schemaV1 is the first schema. CHECK constraints repeat the invariants the guarded updates
// keep, as a last line of defence.
func schemaV1() []string {
	return []string{
		`CREATE TABLE settings (
			key   TEXT PRIMARY KEY,
			value TEXT NOT NULL
		)`,
		`CREATE TABLE contracts (
			name       TEXT PRIMARY KEY,
			address    TEXT NOT NULL,
			tx_hash    TEXT NOT NULL,
			created_at {ts} NOT NULL
		)`,
		`CREATE TABLE rounds (
			id            {pk},
			name          TEXT NOT NULL,
			symbol        TEXT NOT NULL,
			budget        BIGINT NOT NULL CHECK (budget > 0),
			deadline      {ts} NOT NULL,
			treasury      TEXT NOT NULL,
			status        TEXT NOT NULL CHECK (status IN ('deploying', 'open', 'finalizing', 'finalized', 'failed')),
			address       TEXT UNIQUE,
			token_address TEXT,
			created_at    {ts} NOT NULL,
			updated_at    {ts} NOT NULL
		)`,
		`CREATE TABLE initiatives (
			id         {pk},
			round_id   BIGINT NOT NULL REFERENCES rounds (id),
			number     INTEGER NOT NULL CHECK (number > 0),
			title      TEXT NOT NULL,
			cost       BIGINT NOT NULL CHECK (cost > 0),
			received   BIGINT NOT NULL DEFAULT 0 CHECK (received >= 0),
			funded     BOOLEAN NOT NULL DEFAULT FALSE,
			created_at {ts} NOT NULL,
			UNIQUE (round_id, number),
			UNIQUE (round_id, id)
		)`,
		`CREATE TABLE citizens (
			id         {pk},
			address    TEXT NOT NULL UNIQUE,
			created_at {ts} NOT NULL
		)`,
		`CREATE TABLE quotas (
			round_id   BIGINT NOT NULL REFERENCES rounds (id),
			citizen_id BIGINT NOT NULL REFERENCES citizens (id),
			amount     BIGINT NOT NULL CHECK (amount > 0),
			allocated  BIGINT NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= amount),
			PRIMARY KEY (round_id, citizen_id)
		)`,
		`CREATE INDEX quotas_citizen ON quotas (citizen_id)`,
		// An allocation needs the citizen's quota in that round and an initiative of that round.
		`CREATE TABLE allocations (
			round_id      BIGINT NOT NULL,
			citizen_id    BIGINT NOT NULL,
			initiative_id BIGINT NOT NULL,
			amount        BIGINT NOT NULL CHECK (amount >= 0),
			PRIMARY KEY (round_id, citizen_id, initiative_id),
			FOREIGN KEY (round_id, citizen_id) REFERENCES quotas (round_id, citizen_id),
			FOREIGN KEY (round_id, initiative_id) REFERENCES initiatives (round_id, id)
		)`,
		`CREATE INDEX allocations_initiative ON allocations (round_id, initiative_id)`,
		`CREATE TABLE operations (
			id           {pk},
			kind         TEXT NOT NULL,
			round_id     BIGINT REFERENCES rounds (id),
			payload      TEXT NOT NULL,
			status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'mined', 'failed')),
			nonce        BIGINT UNIQUE CHECK (nonce >= 0),
			tx_hash      TEXT,
			raw_tx       {blob},
			block_number BIGINT,
			error        TEXT NOT NULL DEFAULT '',
			attempts     INTEGER NOT NULL DEFAULT 0,
			created_at   {ts} NOT NULL,
			updated_at   {ts} NOT NULL
		)`,
		`CREATE INDEX operations_status_id ON operations (status, id)`,
		`CREATE INDEX operations_round ON operations (round_id)`,
		`CREATE TABLE api_tokens (
			hash       TEXT PRIMARY KEY,
			role       TEXT NOT NULL,
			citizen_id BIGINT REFERENCES citizens (id),
			label      TEXT NOT NULL DEFAULT '',
			created_at {ts} NOT NULL
		)`,
	}
}

// schemaV2 adds identity: users who sign in by SMS code or an external identity provider,
// their one-time codes, rate-limit counters and lock-outs, sessions and role grants. No column
// holds a phone number, a code or a token in clear: phones are a pii.Vault ciphertext plus a
// keyed index, codes and tokens are hashes. Columns that point at users.id are named user_ref,
// because users.user_id is the twelve-digit unique user ID.
func schemaV2() []string {
	return []string{
		`CREATE TABLE users (
			id           {pk},
			user_id      TEXT NOT NULL UNIQUE CHECK (length(user_id) = 12),
			phone_index  TEXT UNIQUE,
			phone_cipher {blob},
			oidc_issuer  TEXT,
			oidc_subject TEXT,
			status       TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
			citizen_id   BIGINT REFERENCES citizens (id),
			created_at   {ts} NOT NULL,
			updated_at   {ts} NOT NULL,
			UNIQUE (oidc_issuer, oidc_subject),
			CHECK ((phone_index IS NULL) = (phone_cipher IS NULL)),
			CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
			CHECK (phone_index IS NOT NULL OR oidc_issuer IS NOT NULL)
		)`,
		`CREATE INDEX users_citizen ON users (citizen_id)`,
		`CREATE TABLE otp_challenges (
			id           TEXT PRIMARY KEY,
			phone_index  TEXT NOT NULL,
			phone_cipher {blob} NOT NULL,
			code_hash    TEXT NOT NULL,
			expires_at   {ts} NOT NULL,
			attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
			consumed_at  {ts},
			created_at   {ts} NOT NULL
		)`,
		`CREATE INDEX otp_challenges_expires ON otp_challenges (expires_at)`,
		// Fixed-window counters: one row per bucket ("phone:<index>", "ip:<hash>", …) and
		// window, bumped by an atomic upsert.
		`CREATE TABLE rate_counters (
			bucket       TEXT NOT NULL,
			window_start {ts} NOT NULL,
			hits         INTEGER NOT NULL CHECK (hits > 0),
			PRIMARY KEY (bucket, window_start)
		)`,
		`CREATE INDEX rate_counters_window ON rate_counters (window_start)`,
		`CREATE TABLE lockouts (
			bucket       TEXT PRIMARY KEY,
			locked_until {ts} NOT NULL
		)`,
		`CREATE TABLE sessions (
			token_hash   TEXT PRIMARY KEY,
			user_ref     BIGINT NOT NULL REFERENCES users (id),
			kind         TEXT NOT NULL CHECK (kind IN ('bearer', 'cookie')),
			csrf_hash    TEXT,
			created_at   {ts} NOT NULL,
			last_seen_at {ts} NOT NULL,
			expires_at   {ts} NOT NULL,
			revoked_at   {ts},
			CHECK ((kind = 'cookie') = (csrf_hash IS NOT NULL))
		)`,
		`CREATE INDEX sessions_user ON sessions (user_ref)`,
		`CREATE INDEX sessions_expires ON sessions (expires_at)`,
		// Roles are checked by the identity area, not here, so that a new role needs no
		// migration. territory '' is the whole city.
		`CREATE TABLE user_roles (
			user_ref   BIGINT NOT NULL REFERENCES users (id),
			role       TEXT NOT NULL CHECK (role <> ''),
			territory  TEXT NOT NULL DEFAULT '',
			granted_by BIGINT REFERENCES users (id),
			created_at {ts} NOT NULL,
			UNIQUE (user_ref, role, territory)
		)`,
	}
}

// schemaV3 adds citizens' profiles and their verification: the profile,
// children's birth years, addresses, the verified person and flats, the queue of verification
// requests, and legal representatives of minors. Documents (passport, SNILS, FLS,
// property certificate) are kept only as a pii.Vault ciphertext and a keyed index; the index
// is UNIQUE where one document must not be verified for two users. Full name, sex, birth
// date, e-mail and addresses are kept in clear: the registry checks compare them, and
// territories select audiences. A pending request holds its document until it is decided;
// the decision moves it to person_verifications or flat_links, or drops it.
func schemaV3() []string {
	return []string{
		`CREATE TABLE profiles (
			user_ref   BIGINT PRIMARY KEY REFERENCES users (id),
			full_name  TEXT NOT NULL DEFAULT '',
			sex        TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'm', 'f')),
			birth_date TEXT CHECK (birth_date IS NULL OR length(birth_date) = 10),
			email      TEXT NOT NULL DEFAULT '',
			created_at {ts} NOT NULL,
			updated_at {ts} NOT NULL
		)`,
		// One row per child, by birth year only: enough to select parents of school
		// children as an audience.
		`CREATE TABLE children (
			id         {pk},
			user_ref   BIGINT NOT NULL REFERENCES users (id),
			birth_year INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 9999)
		)`,
		`CREATE INDEX children_user ON children (user_ref)`,
		`CREATE INDEX children_year ON children (birth_year)`,
		// changes counts the changes of the address; an update names the count it read, so
		// that of two concurrent changes only one passes the once-per-3-months rule.
		`CREATE TABLE addresses (
			user_ref   BIGINT NOT NULL REFERENCES users (id),
			kind       TEXT NOT NULL CHECK (kind IN ('registration', 'residence', 'work')),
			text       TEXT NOT NULL CHECK (text <> ''),
			territory  TEXT NOT NULL DEFAULT '',
			changes    INTEGER NOT NULL DEFAULT 1 CHECK (changes > 0),
			changed_at {ts} NOT NULL,
			PRIMARY KEY (user_ref, kind)
		)`,
		`CREATE INDEX addresses_territory ON addresses (kind, territory)`,
		`CREATE TABLE person_verifications (
			user_ref        BIGINT PRIMARY KEY REFERENCES users (id),
			level           INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 3),
			passport_index  TEXT UNIQUE,
			passport_cipher {blob},
			snils_index     TEXT UNIQUE,
			snils_cipher    {blob},
			status          TEXT NOT NULL CHECK (status IN ('verified', 'rejected')),
			reason          TEXT NOT NULL DEFAULT '',
			updated_at      {ts} NOT NULL,
			CHECK ((passport_index IS NULL) = (passport_cipher IS NULL)),
			CHECK ((snils_index IS NULL) = (snils_cipher IS NULL)),
			CHECK (level < 2 OR passport_index IS NOT NULL),
			CHECK (level < 3 OR snils_index IS NOT NULL)
		)`,
		`CREATE INDEX person_verifications_level ON person_verifications (level)`,
		// A verified flat of a user. Household members share an FLS, so it is unique per user
		// only; a property certificate is one owner's.
		`CREATE TABLE flat_links (
			id                   {pk},
			user_ref             BIGINT NOT NULL REFERENCES users (id),
			fls_index            TEXT NOT NULL,
			fls_cipher           {blob} NOT NULL,
			building             TEXT NOT NULL,
			flat_number          TEXT NOT NULL,
			level                INTEGER NOT NULL CHECK (level IN (1, 2)),
			role                 TEXT CHECK (role IN ('owner', 'social_tenant')),
			property_cert_index  TEXT UNIQUE,
			property_cert_cipher {blob},
			created_at           {ts} NOT NULL,
			updated_at           {ts} NOT NULL,
			UNIQUE (user_ref, fls_index),
			CHECK ((level = 2) = (role IS NOT NULL)),
			CHECK ((property_cert_index IS NULL) = (property_cert_cipher IS NULL)),
			CHECK (role IS NULL OR (role = 'owner') = (property_cert_index IS NOT NULL))
		)`,
		`CREATE INDEX flat_links_fls ON flat_links (fls_index)`,
		// The queue the verification job works. attempts counts the claims and is the token
		// a worker's decision names, so a request is decided once. doc_* is the passport,
		// SNILS or property certificate, fls_* and the flat address the flat of a flat
		// request; all of them are cleared when the request is decided.
		`CREATE TABLE verification_requests (
			id           {pk},
			user_ref     BIGINT NOT NULL REFERENCES users (id),
			subject      TEXT NOT NULL CHECK (subject IN ('person', 'flat')),
			level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
			status       TEXT NOT NULL CHECK (status IN ('queued', 'checking', 'verified', 'rejected')),
			reason       TEXT NOT NULL DEFAULT '',
			doc_index    TEXT,
			doc_cipher   {blob},
			fls_index    TEXT,
			fls_cipher   {blob},
			building     TEXT,
			flat_number  TEXT,
			attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
			claimed_at   {ts},
			submitted_at {ts} NOT NULL,
			due_at       {ts} NOT NULL,
			decided_at   {ts},
			notified_at  {ts},
			CHECK ((status IN ('verified', 'rejected')) = (decided_at IS NOT NULL)),
			CHECK ((doc_index IS NULL) = (doc_cipher IS NULL)),
			CHECK ((fls_index IS NULL) = (fls_cipher IS NULL)),
			CHECK (subject = 'person' OR level <= 2),
			CHECK (notified_at IS NULL OR decided_at IS NOT NULL)
		)`,
		`CREATE INDEX verification_requests_status ON verification_requests (status, id)`,
		`CREATE INDEX verification_requests_user ON verification_requests (user_ref)`,
		`CREATE INDEX verification_requests_due ON verification_requests (due_at) WHERE status IN ('queued', 'checking')`,
		`CREATE INDEX verification_requests_unnotified ON verification_requests (id) WHERE notified_at IS NULL AND decided_at IS NOT NULL`,
		// At most one open request per person, and per user and flat.
		`CREATE UNIQUE INDEX verification_requests_open_person ON verification_requests (user_ref)
			WHERE subject = 'person' AND status IN ('queued', 'checking')`,
		`CREATE UNIQUE INDEX verification_requests_open_flat ON verification_requests (user_ref, fls_index)
			WHERE subject = 'flat' AND status IN ('queued', 'checking')`,
		// A parent or guardian of a minor. They vote for the minor in person only,
		// at a service centre: in_person_only is always true, so no online path may use it.
		`CREATE TABLE representatives (
			id               {pk},
			user_ref         BIGINT NOT NULL REFERENCES users (id),
			minor_name       TEXT NOT NULL CHECK (minor_name <> ''),
			minor_birth_date TEXT NOT NULL CHECK (length(minor_birth_date) = 10),
			basis            TEXT NOT NULL CHECK (basis IN ('parent', 'guardian')),
			in_person_only   BOOLEAN NOT NULL DEFAULT TRUE CHECK (in_person_only),
			created_at       {ts} NOT NULL,
			UNIQUE (user_ref, minor_name, minor_birth_date)
		)`,
	}
}

// schemaV4 adds wallets. A user acts on-chain through one citizen address (users.citizen_id):
// a custodial key the node generated and keeps sealed, or a wallet of their own linked by a
// Sign-In with Ethereum message. An address belongs to one user at most.
func schemaV4() []string {
	return []string{
		`DROP INDEX users_citizen`,
		`CREATE UNIQUE INDEX users_citizen ON users (citizen_id)`,
		// The private key of a custodial address, sealed with the wallet vault (never the
		// personal-data keys). Linked wallets have no row here.
		`CREATE TABLE custodial_keys (
			citizen_id BIGINT PRIMARY KEY REFERENCES citizens (id),
			key_cipher {blob} NOT NULL,
			created_at {ts} NOT NULL
		)`,
		// Every link of a user to an address, kept when the link ends.
		`CREATE TABLE wallet_links (
			id          {pk},
			user_ref    BIGINT NOT NULL REFERENCES users (id),
			citizen_id  BIGINT NOT NULL REFERENCES citizens (id),
			kind        TEXT NOT NULL CHECK (kind IN ('custodial', 'siwe')),
			linked_at   {ts} NOT NULL,
			unlinked_at {ts}
		)`,
		`CREATE INDEX wallet_links_user ON wallet_links (user_ref)`,
		// Nonces of Sign-In with Ethereum messages: each is issued to one user and accepted once.
		`CREATE TABLE siwe_nonces (
			nonce       TEXT PRIMARY KEY,
			user_ref    BIGINT NOT NULL REFERENCES users (id),
			expires_at  {ts} NOT NULL,
			consumed_at {ts},
			created_at  {ts} NOT NULL
		)`,
		`CREATE INDEX siwe_nonces_expires ON siwe_nonces (expires_at)`,
	}
}

// schemaV5 gives a round its eligibility rules: the person verification level and
// the territory its citizens must be registered in (empty: the whole city). The round's
// citizen list is drawn from the verified citizens who meet them.
func schemaV5() []string {
	return []string{
		`ALTER TABLE rounds ADD COLUMN min_person_level INTEGER NOT NULL DEFAULT 1 CHECK (min_person_level BETWEEN 1 AND 3)`,
		`ALTER TABLE rounds ADD COLUMN territory TEXT NOT NULL DEFAULT ''`,
	}
}

// schemaV6 adds citizens' initiatives before and after a round, called proposals here
// so as not to be confused with a round's on-chain initiatives (table initiatives): review,
// support votes, photos kept by SHA-256, and progress posts.
func schemaV6() []string {
	return []string{
		`CREATE TABLE proposals (
			id                {pk},
			author_ref        BIGINT NOT NULL REFERENCES users (id),
			title             TEXT NOT NULL,
			problem           TEXT NOT NULL,
			expected_result   TEXT NOT NULL,
			category          TEXT NOT NULL,
			subcategory       TEXT NOT NULL DEFAULT '',
			territory         TEXT NOT NULL DEFAULT '',
			cost              BIGINT NOT NULL CHECK (cost > 0),
			status            TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'accepted', 'rejected',
				'publishing', 'published', 'funded', 'not_funded', 'implementation', 'done')),
			track             TEXT NOT NULL DEFAULT '' CHECK (track IN ('', 'round', 'support')),
			reviewer_ref      BIGINT REFERENCES users (id),
			reject_reason     TEXT NOT NULL DEFAULT '',
			round_id          BIGINT REFERENCES rounds (id),
			round_number      INTEGER CHECK (round_number > 0),
			support_deadline  {ts},
			support_threshold INTEGER NOT NULL DEFAULT 0 CHECK (support_threshold >= 0),
			supporters        INTEGER NOT NULL DEFAULT 0 CHECK (supporters >= 0),
			measures_due      {ts},
			created_at        {ts} NOT NULL,
			updated_at        {ts} NOT NULL,
			UNIQUE (round_id, round_number)
		)`,
		`CREATE INDEX proposals_status ON proposals (status, id)`,
		`CREATE INDEX proposals_author ON proposals (author_ref)`,
		`CREATE TABLE proposal_supports (
			proposal_id BIGINT NOT NULL REFERENCES proposals (id),
			user_ref    BIGINT NOT NULL REFERENCES users (id),
			created_at  {ts} NOT NULL,
			PRIMARY KEY (proposal_id, user_ref)
		)`,
		`CREATE TABLE proposal_posts (
			id          {pk},
			proposal_id BIGINT NOT NULL REFERENCES proposals (id),
			author_ref  BIGINT NOT NULL REFERENCES users (id),
			official    BOOLEAN NOT NULL DEFAULT FALSE,
			body        TEXT NOT NULL,
			created_at  {ts} NOT NULL
		)`,
		`CREATE INDEX proposal_posts_proposal ON proposal_posts (proposal_id, id)`,
		`CREATE TABLE proposal_photos (
			id           {pk},
			proposal_id  BIGINT NOT NULL REFERENCES proposals (id),
			post_id      BIGINT REFERENCES proposal_posts (id),
			sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
			content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
			size         BIGINT NOT NULL CHECK (size > 0),
			created_at   {ts} NOT NULL
		)`,
		`CREATE INDEX proposal_photos_proposal ON proposal_photos (proposal_id, id)`,
		`CREATE INDEX proposal_photos_sha256 ON proposal_photos (sha256)`,
	}
}

// schemaV7 adds off-chain tallies anchored on-chain: the input .pb file as
// published, its SHA-256, the result, the root anchored in the AnchorRegistry and the
// operation that anchors it.
func schemaV7() []string {
	return []string{
		`CREATE TABLE tallies (
			id         {pk},
			sha256     TEXT NOT NULL,
			rule       TEXT NOT NULL,
			input      {blob} NOT NULL,
			result     TEXT NOT NULL,
			root       TEXT NOT NULL,
			selected   INTEGER NOT NULL,
			op_id      BIGINT REFERENCES operations (id),
			created_by BIGINT,
			created_at {ts} NOT NULL,
			UNIQUE (sha256, rule)
		)`,
	}
}

// schemaV8 moves the node's rounds to BudgetRoundV2 (docs/CONTRACTS-V2.md). Rounds already in
// the database stay on BudgetRound v1 (contract_version 1). A v2 round has its funded-set rule
// and threshold and the leaf count of the last eligibility root it published. A v2
// quota has the citizen's permanent eligibility index (append-only, unique in the round) and
// the account the node tracks for them: the next nonce to sign (0: the next record is the
// claim), the chain's claims batch that applied the claim, the pending materialize operation,
// and whether the account is materialized. signed_records holds every EIP-712 record the node
// signed, with the relay operation that carries it; a live record's nonce is unique per citizen.
func schemaV8() []string {
	return []string{
		`ALTER TABLE rounds ADD COLUMN contract_version INTEGER NOT NULL DEFAULT 1 CHECK (contract_version IN (1, 2))`,
		`ALTER TABLE rounds ADD COLUMN rule INTEGER NOT NULL DEFAULT 0 CHECK (rule BETWEEN 0 AND 3)`,
		`ALTER TABLE rounds ADD COLUMN threshold BIGINT NOT NULL DEFAULT 0 CHECK (threshold >= 0)`,
		`ALTER TABLE rounds ADD COLUMN eligibility_leaves BIGINT NOT NULL DEFAULT 0 CHECK (eligibility_leaves >= 0)`,
		`ALTER TABLE quotas ADD COLUMN eligibility_index BIGINT CHECK (eligibility_index >= 0)`,
		`CREATE UNIQUE INDEX quotas_round_index ON quotas (round_id, eligibility_index)`,
		`ALTER TABLE quotas ADD COLUMN next_nonce BIGINT NOT NULL DEFAULT 0 CHECK (next_nonce >= 0)`,
		`ALTER TABLE quotas ADD COLUMN claim_batch BIGINT CHECK (claim_batch >= 0)`,
		`ALTER TABLE quotas ADD COLUMN materialize_op BIGINT REFERENCES operations (id)`,
		`ALTER TABLE quotas ADD COLUMN materialized BOOLEAN NOT NULL DEFAULT FALSE`,
		signedRecordsTable("signed_records", "(kind = 0) = (nonce = 0)"),
		signedRecordsIndexes[0], signedRecordsIndexes[1],
	}
}

// signedRecordsIndexes are signed_records' indexes (migration 8, again in 9 on SQLite).
var signedRecordsIndexes = [2]string{
	`CREATE INDEX signed_records_op ON signed_records (op_id, id)`,
	`CREATE UNIQUE INDEX signed_records_nonce ON signed_records (round_id, citizen_id, nonce) WHERE status <> 'failed'`,
}

// signedRecordsTable is the DDL of signed_records (migration 8) under name, with check on
// the kind and the nonce (migration 9 relaxes it).
func signedRecordsTable(name, check string) string {
	return fmt.Sprintf(`CREATE TABLE %s (
			id                {pk},
			round_id          BIGINT NOT NULL,
			citizen_id        BIGINT NOT NULL,
			kind              INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
			eligibility_index BIGINT NOT NULL DEFAULT 0 CHECK (eligibility_index >= 0),
			quota             BIGINT NOT NULL DEFAULT 0 CHECK (quota >= 0),
			nonce             BIGINT NOT NULL DEFAULT 0 CHECK (nonce >= 0),
			initiative        INTEGER NOT NULL CHECK (initiative > 0),
			amount            BIGINT NOT NULL CHECK (amount > 0),
			deadline          BIGINT NOT NULL CHECK (deadline > 0),
			r                 {blob} NOT NULL,
			vs                {blob} NOT NULL,
			status            TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'applied', 'failed')),
			op_id             BIGINT NOT NULL REFERENCES operations (id),
			created_at        {ts} NOT NULL,
			updated_at        {ts} NOT NULL,
			CHECK (%s),
			FOREIGN KEY (round_id, citizen_id) REFERENCES quotas (round_id, citizen_id)
		)`, name, check)
}

// upV9 lets the node index the calls that own-wallet citizens make on a BudgetRoundV2 round
// directly (claimAndAllocate, allocate, withdraw, move; docs/CONTRACTS-V2.md, "Direct
// calls"). A quota records a claim made directly (claimed_directly): the contract then wrote
// the account at once, materialized, with nonce 0, so the citizen's next relayed record is an
// allocation or a withdrawal signed with nonce 0. signed_records' CHECK ((kind = 0) = (nonce =
// 0)) becomes CHECK (kind <> 0 OR nonce = 0): a claim still has nonce 0, and an allocation or
// withdrawal may now have it too. direct_cursors keeps, per round, the first log the indexer
// has not applied yet (block, log index), advanced in the transaction that applies the logs
// before it; done once a finalized round was read to its end.
func upV9(ctx context.Context, tx *gorm.DB, d dialect) error {
	stmts := []string{
		`ALTER TABLE quotas ADD COLUMN claimed_directly BOOLEAN NOT NULL DEFAULT FALSE`,
		`CREATE TABLE direct_cursors (
			round_id   BIGINT PRIMARY KEY REFERENCES rounds (id),
			block      BIGINT NOT NULL CHECK (block >= 0),
			log_index  BIGINT NOT NULL CHECK (log_index >= 0),
			done       BOOLEAN NOT NULL DEFAULT FALSE,
			updated_at {ts} NOT NULL
		)`,
	}
	if d == DriverPostgres {
		stmts = append(stmts,
			`ALTER TABLE signed_records DROP CONSTRAINT signed_records_check`,
			`ALTER TABLE signed_records ADD CONSTRAINT signed_records_claim_nonce CHECK (kind <> 0 OR nonce = 0)`)
	} else {
		stmts = append(stmts, sqliteRebuildRecords()...)
	}
	return sqlMigration(9, "direct_index", stmts...).up(ctx, tx, d)
}

// sqliteRebuildRecords changes signed_records' CHECK on SQLite, which cannot alter a
// constraint: a new table with the rows, then its indexes again. Nothing references
// signed_records.
func sqliteRebuildRecords() []string {
	return []string{
		signedRecordsTable("signed_records_v9", "kind <> 0 OR nonce = 0"),
		`INSERT INTO signed_records_v9 (id, round_id, citizen_id, kind, eligibility_index, quota, nonce, initiative,
			amount, deadline, r, vs, status, op_id, created_at, updated_at)
			SELECT id, round_id, citizen_id, kind, eligibility_index, quota, nonce, initiative,
			amount, deadline, r, vs, status, op_id, created_at, updated_at FROM signed_records`,
		`DROP TABLE signed_records`,
		`ALTER TABLE signed_records_v9 RENAME TO signed_records`,
		signedRecordsIndexes[0], signedRecordsIndexes[1],
	}
}
