package storage

// migrations lists every schema change this binary knows, version 1, 2, 3, … in order.
// Append only: a released migration is never edited, reordered or removed.
func migrations() []migration {
	return []migration{
		sqlMigration(1, "initial", schemaV1()...),
		sqlMigration(2, "identity", schemaV2()...),
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
