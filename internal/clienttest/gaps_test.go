package clienttest

import (
	"fmt"
	"os"
	"testing"
)

// knownGaps are client checks that fail today because warehoused lacks
// something a client needs; each says what. A gap's failure is logged, not
// an error, so the suite proves everything else and stays green; with
// CLIENTTEST_STRICT=1 gaps are errors. A gap that passes is logged too, so
// it can be removed from this list. Keys are "client/check".
var knownGaps = map[string]string{
	// CREATE TABLE ... PRIMARY KEY (id, code) is accepted but recorded
	// nowhere: pg_constraint, pg_index and
	// information_schema.table_constraints have no rows for it.
	"jdbc/getPrimaryKeys":   "PRIMARY KEY not in pg_constraint/pg_index",
	"psycopg/inspect_pk":    "PRIMARY KEY not in pg_constraint/pg_index",
	"odbc/sql_primary_keys": "PRIMARY KEY not in pg_constraint/pg_index",
	// psqlODBC Parses a named statement "_PLAN0x<address>", later drops it
	// with the simple query DEALLOCATE "_PLAN0x...", and may Parse the same
	// name again: in PostgreSQL protocol-level and SQL prepared statements
	// share one namespace, in warehoused DEALLOCATE leaves the Parse'd one,
	// so the second Parse fails with 42P05 "prepared statement ... already exists".
	"odbc/executemany":   "SQL DEALLOCATE does not drop a statement made by a Parse message",
	"odbc/declare_fetch": "DECLARE ... CURSOR / FETCH not supported (Tableau's UseDeclareFetch)",
	// psql 15 backslash commands whose catalog queries fail.
	`psql/\l+`: "pg_database_size(name) does not exist",
	`psql/\dd`: "system column tableoid does not exist (pg_class.tableoid in \\dd's query)",
	`psql/\sf`: "pg_get_functiondef(oid) does not exist",
	// Redshift refuses a login to a database that does not exist
	// (FATAL 3D000); warehoused accepts any database name.
	"auth/unknown_database": "login to a database that does not exist succeeds",
	// Statements tools send by themselves (session_test.go). Real Redshift
	// has cursors and SET SESSION CHARACTERISTICS; it lacks DISCARD,
	// LISTEN/UNLISTEN and advisory locks, which asyncpg's pool reset sends.
	"session/session_characteristics": `unrecognized configuration parameter "session characteristics"`,
	"session/discard_all":             "DISCARD is not supported",
	"session/close_all":               "CLOSE is not supported",
	"session/unlisten":                "UNLISTEN is not supported",
	"session/advisory_unlock_all":     "function pg_advisory_unlock_all() does not exist",
	"session/cursor":                  "DECLARE / FETCH / CLOSE are not supported",
	// COPY ... TO STDOUT: the CopyOutResponse announces 0 columns and one
	// CopyData carries many rows; PostgreSQL sends one row per CopyData
	// ("always one per row", protocol docs) with the real column count,
	// and psycopg 3's Copy.rows() splits each message as one row.
	"psycopg3/copy_rows": "CopyOutResponse has 0 columns; several rows per CopyData",
	// asyncpg's pool resets a released connection with pg_advisory_unlock_all(),
	// CLOSE ALL, UNLISTEN *, RESET ALL unless the server is recognised as
	// Redshift by the ParameterStatus padb_revision (then only RESET ALL).
	// warehoused sends no padb_revision/padb_version and lacks CLOSE ALL.
	"asyncpg/pool":         "no padb_revision ParameterStatus, so asyncpg sends CLOSE ALL (0A000)",
	"psycopg/named_cursor": "DECLARE ... CURSOR / FETCH not supported (0A000 \"DECLARE is not supported\")",
	// A parameter the client declares in Parse as numeric (OID 1700, no
	// typmod: pgjdbc's setBigDecimal, pgx's describe-cache mode) is read as
	// NUMERIC(18,0), the Redshift default for a bare NUMERIC, so "0.19"
	// rounds to 0 (insert into a decimal(10,2) column stores 0.00;
	// $1::numeric(10,2) gives 0.00). With OID 0 the value is kept.
	"jdbc/decimal_param_scale":               "parameter declared numeric (OID 1700) read at scale 0",
	"pgx/decimal_param_scale/cache_describe": "parameter declared numeric (OID 1700) read at scale 0",
}

func strictGaps() bool { return os.Getenv("CLIENTTEST_STRICT") == "1" }

// isGap reports whether key is a known gap that is not to fail the test.
func isGap(key string) bool {
	_, ok := knownGaps[key]
	return ok && !strictGaps()
}

// failOrGap fails the test unless key is a known gap, which it logs.
func failOrGap(t *testing.T, key string, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if isGap(key) {
		t.Logf("known gap %s (%s): %s", key, knownGaps[key], msg)
		return
	}
	t.Error(msg)
}

// gapPassed logs that a check listed as a gap now passes.
func gapPassed(t *testing.T, key string) {
	t.Helper()
	if _, ok := knownGaps[key]; ok {
		t.Logf("known gap %s now passes: remove it from knownGaps", key)
	}
}
