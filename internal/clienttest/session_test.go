package clienttest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// sessionCommands are statements drivers and BI tools send on their own
// (research/CLIENTS.md §2.5 names who sends each); they must simply work.
var sessionCommands = []struct {
	name string // gap key suffix
	sql  string
}{
	{"extra_float_digits", `SET extra_float_digits = 3`},                                                       // pgjdbc
	{"application_name", `SET application_name = 'clienttest'`},                                                // pgjdbc, Metabase
	{"timezone", `SET TIMEZONE TO 'UTC'`},                                                                      // Metabase Redshift driver
	{"show_isolation", `SHOW TRANSACTION ISOLATION LEVEL`},                                                     // pgjdbc, SQLAlchemy
	{"datestyle", `SET DATESTYLE TO 'ISO'`},                                                                    // psycopg2
	{"version", `select pg_catalog.version()`},                                                                 // SQLAlchemy
	{"current_schema", `select current_schema()`},                                                              // SQLAlchemy
	{"standard_conforming_strings", `show standard_conforming_strings`},                                        // SQLAlchemy
	{"set_config", `select pg_catalog.set_config('search_path', '', false)`},                                   // pg_dump, pgAdmin
	{"search_path", `SET search_path TO public`},                                                               // many
	{"reset_all", `RESET ALL`},                                                                                 // asyncpg pool reset
	{"redshift_query_group", `SET query_group TO 'reports'`},                                                   // Redshift WLM
	{"redshift_reset_query_group", `RESET query_group`},                                                        // Redshift WLM
	{"server_version_num", `select current_setting('server_version_num')::int / 100`},                          // Grafana
	{"select_1", `select 1 as id`},                                                                             // dbt probe
	{"begin_read_only", `BEGIN READ ONLY; ROLLBACK`},                                                           // Metabase via pgjdbc
	{"session_characteristics", `SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED`}, // Metabase via pgjdbc
	{"discard_all", `DISCARD ALL`},                                                                             // asyncpg, pgbouncer resets
	{"close_all", `CLOSE ALL`},                                                                                 // asyncpg pool reset
	{"unlisten", `UNLISTEN *`},                                                                                 // asyncpg pool reset
	{"advisory_unlock_all", `select pg_advisory_unlock_all()`},                                                 // asyncpg pool reset
	{"cursor", `BEGIN; DECLARE c CURSOR FOR select n_name from nation order by n_nationkey; FETCH 5 FROM c; CLOSE c; COMMIT`}, // ODBC Declare/Fetch (Tableau)
	{"txid_current", `select txid_current()`},                                                          // DBeaver
	{"pg_is_in_recovery", `select pg_is_in_recovery()`},                                                // DBeaver
	{"has_schema_privilege", `select has_schema_privilege('public', 'USAGE')`},                         // Metabase
	{"quote_literal", `select quote_ident('a b'), quote_literal('it''s')`},                             // Metabase, Grafana
	{"to_char_timestamp", `select to_char(current_timestamp, 'YYYY-MM-DD HH24:MI:SS.MS TZ')`},          // Metabase
	{"redshift_getdate_dateadd", `select getdate() is not null, dateadd('day', 1, date '2024-01-01')`}, // Redshift SQL
}

// TestSessionCommands sends each statement as its own simple Query (the
// way the tools do) on one session.
func TestSessionCommands(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgxConnect(ctx, t, s, pgx.QueryExecModeSimpleProtocol)
	for _, c := range sessionCommands {
		key := "session/" + c.name
		if fx.bin == "" && strings.HasPrefix(c.name, "redshift_") {
			continue // PostgreSQL lacks Redshift's own functions
		}
		// Exec with the simple protocol sends the whole string as one Query.
		if _, err := conn.Exec(ctx, c.sql); err != nil {
			failOrGap(t, key, "%s: %v", c.sql, err)
			// Leave any transaction the statement opened.
			_, _ = conn.Exec(ctx, "ROLLBACK")
			continue
		}
		gapPassed(t, key)
	}
	checkUsable(ctx, t, conn)
}
