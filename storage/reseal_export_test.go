package storage

import "context"

// SchemaColumn is one column of the migrated schema, as the database's catalog names it.
type SchemaColumn struct {
	Table, Column, Type string
}

// SchemaColumns lists every column of every table of the database.
func (db *DB) SchemaColumns(ctx context.Context) ([]SchemaColumn, error) {
	q := `SELECT table_name AS "table", column_name AS "column", data_type AS "type"
		FROM information_schema.columns WHERE table_schema = current_schema()`
	if db.d == DriverSQLite {
		q = `SELECT m.name AS "table", p.name AS "column", p.type AS "type"
			FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'`
	}
	var cols []SchemaColumn
	err := db.with(ctx).Raw(q).Scan(&cols).Error
	return cols, err
}
