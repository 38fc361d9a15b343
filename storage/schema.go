package storage

// migrations lists every schema change this binary knows, version 1, 2, 3, … in order.
// Append only: a released migration is never edited, reordered or removed.
func migrations() []migration {
	return []migration{
		sqlMigration(1, "initial", schemaV1()...),
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
