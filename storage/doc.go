// Package storage keeps pbnode's books in a relational database: PostgreSQL in production and
// CI, SQLite (pure Go) for the embedded single-machine setup.
//
// gorm is used only inside this package. Callers see plain types (Round, Initiative, Op, …),
// the sentinel errors (ErrNotFound, ErrConflict, ErrInsufficient, ErrInvalid, ErrSchemaTooNew)
// and the repository methods of Repo, which are available both on *DB (each call on its own)
// and on *Tx (inside one database transaction, see DB.Tx).
//
// Amounts are int64 kopecks; times are UTC with microsecond precision (what PostgreSQL
// stores), and Ethereum addresses are stored as lowercase 0x-prefixed hex.
package storage
