package warehoused_test

import (
	"context"
	"strings"
	"testing"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func openDB(t testing.TB) *warehoused.DB {
	t.Helper()
	db, err := warehoused.Open(context.Background(), "", warehoused.Config{Slices: 2, BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func connect(t testing.TB, db *warehoused.DB) *warehoused.Conn {
	t.Helper()
	c, err := db.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustExec(t testing.TB, c *warehoused.Conn, sql string, args ...any) warehoused.Result {
	t.Helper()
	res, err := c.Exec(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v (%s)", sql, err, sqlerr.CodeOf(err))
	}
	return res
}

func expectCode(t testing.TB, c *warehoused.Conn, code sqlerr.Code, sql string, args ...any) error {
	t.Helper()
	_, err := c.Exec(context.Background(), sql, args...)
	if got := sqlerr.CodeOf(err); got != code {
		t.Fatalf("%s: want %s, got %s (%v)", sql, code, got, err)
	}
	return err
}

// query returns the rows as text, NULL as "NULL".
func query(t testing.TB, c *warehoused.Conn, sql string, args ...any) [][]string {
	t.Helper()
	rows, err := c.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v (%s)", sql, err, sqlerr.CodeOf(err))
	}
	defer rows.Close()
	var out [][]string
	cols := rows.Columns()
	for rows.Next() {
		vals := rows.Values()
		rec := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				rec[i] = "NULL"
			} else {
				rec[i] = types.Format(cols[i].Type, v)
			}
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func flat(rows [][]string) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = strings.Join(r, ",")
	}
	return strings.Join(parts, ";")
}

func expectRows(t testing.TB, c *warehoused.Conn, want string, sql string, args ...any) {
	t.Helper()
	if got := flat(query(t, c, sql, args...)); got != want {
		t.Fatalf("%s:\n got %q\nwant %q", sql, got, want)
	}
}

func TestDDL(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	if tag := mustExec(t, c, "CREATE TABLE t (a INT NOT NULL, b VARCHAR(5) DEFAULT 'x', c DECIMAL(5,2)) DISTSTYLE KEY DISTKEY(a) SORTKEY(a)").Tag; tag != "CREATE TABLE" {
		t.Fatalf("tag %q", tag)
	}
	expectCode(t, c, sqlerr.DuplicateTable, "CREATE TABLE t (x INT)")
	mustExec(t, c, "CREATE TABLE IF NOT EXISTS t (x INT)")
	expectCode(t, c, sqlerr.DuplicateColumn, "CREATE TABLE u (x INT, x INT)")
	mustExec(t, c, "CREATE SCHEMA s")
	expectCode(t, c, sqlerr.DuplicateSchema, "CREATE SCHEMA s")
	mustExec(t, c, "CREATE TABLE s.t (x INT)")
	mustExec(t, c, "ALTER TABLE s.t ADD COLUMN y VARCHAR(10)")
	expectCode(t, c, sqlerr.DuplicateColumn, "ALTER TABLE s.t ADD COLUMN y INT")
	mustExec(t, c, "ALTER TABLE s.t RENAME COLUMN y TO z")
	mustExec(t, c, "ALTER TABLE s.t RENAME TO t2")
	mustExec(t, c, "ALTER TABLE s.t2 DROP COLUMN z")
	mustExec(t, c, "COMMENT ON TABLE s.t2 IS 'hello'")
	expectCode(t, c, sqlerr.DependentObjectsStillExist, "DROP SCHEMA s")
	mustExec(t, c, "DROP SCHEMA s CASCADE")
	expectCode(t, c, sqlerr.UndefinedTable, "DROP TABLE nope")
	mustExec(t, c, "DROP TABLE IF EXISTS nope")
	mustExec(t, c, "DROP TABLE t")
	expectCode(t, c, sqlerr.UndefinedTable, "DROP TABLE t")
	mustExec(t, c, "ANALYZE; VACUUM")
}

func TestSetShow(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	mustExec(t, c, "SET search_path TO s1, public")
	expectRows(t, c, "s1, public", "SHOW search_path")
	mustExec(t, c, "SET TIME ZONE 'America/New_York'")
	expectRows(t, c, "America/New_York", "SHOW timezone")
	mustExec(t, c, "RESET timezone")
	expectRows(t, c, "UTC", "SHOW timezone")
	mustExec(t, c, "SET query_group TO 'etl'")
	expectRows(t, c, "etl", "SHOW query_group")
	expectCode(t, c, sqlerr.UndefinedObject, "SHOW no_such_setting")
	expectCode(t, c, sqlerr.InvalidParameterValue, "SET timezone = 'Not/AZone'")
	mustExec(t, c, "SET statement_timeout = 1000")
	expectRows(t, c, "1000", "SHOW statement_timeout")
}

func TestDML(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	mustExec(t, c, "CREATE TABLE t (id INT IDENTITY(1,1), a INT NOT NULL, b VARCHAR(3) DEFAULT 'd', c DECIMAL(4,1))")
	res := mustExec(t, c, "INSERT INTO t (a, b, c) VALUES (1, 'x', 1.5), (2, NULL, NULL)")
	if res.Tag != "INSERT 0 2" || res.RowsAffected != 2 {
		t.Fatalf("insert: %+v", res)
	}
	mustExec(t, c, "INSERT INTO t (a) VALUES (3)")
	expectRows(t, c, "1,1,x,1.5;2,2,NULL,NULL;3,3,d,NULL", "SELECT id, a, b, c FROM t ORDER BY id")
	expectCode(t, c, sqlerr.NotNullViolation, "INSERT INTO t (a) VALUES (NULL)")
	expectCode(t, c, sqlerr.StringDataRightTruncation, "INSERT INTO t (a, b) VALUES (1, 'abcd')")
	mustExec(t, c, "INSERT INTO t (a, b) VALUES (4, 'ab  ')")
	expectCode(t, c, sqlerr.NumericValueOutOfRange, "INSERT INTO t (a, c) VALUES (1, 12345)")
	res = mustExec(t, c, "UPDATE t SET b = 'u' WHERE a >= 2")
	if res.Tag != "UPDATE 3" {
		t.Fatalf("update: %+v", res)
	}
	res = mustExec(t, c, "DELETE FROM t WHERE a = 1")
	if res.Tag != "DELETE 1" {
		t.Fatalf("delete: %+v", res)
	}
	expectRows(t, c, "2,u;3,u;4,u", "SELECT a, b FROM t ORDER BY a")
	mustExec(t, c, "INSERT INTO t (a) SELECT a + 10 FROM t")
	expectRows(t, c, "6", "SELECT count(*) FROM t")
	mustExec(t, c, "CREATE TABLE t2 AS SELECT a, b FROM t WHERE a > 10")
	expectRows(t, c, "12;13;14", "SELECT a FROM t2 ORDER BY a")
	mustExec(t, c, "CREATE VIEW v AS SELECT a FROM t WHERE a < 10")
	expectRows(t, c, "2;3;4", "SELECT * FROM v ORDER BY a")
	mustExec(t, c, "TRUNCATE t")
	expectRows(t, c, "0", "SELECT count(*) FROM t")
	// Parameters.
	mustExec(t, c, "INSERT INTO t (a, b) VALUES ($1, $2)", 42, "p")
	expectRows(t, c, "42,p", "SELECT a, b FROM t WHERE a = $1", int64(42))
	rows := query(t, c, "EXPLAIN SELECT a FROM t")
	if len(rows) == 0 {
		t.Fatal("empty EXPLAIN")
	}
}

func TestTransactions(t *testing.T) {
	db := openDB(t)
	a := connect(t, db)
	b := connect(t, db)
	mustExec(t, a, "CREATE TABLE t (x INT)")
	mustExec(t, a, "BEGIN")
	mustExec(t, a, "INSERT INTO t VALUES (1)")
	expectRows(t, a, "1", "SELECT count(*) FROM t")
	expectRows(t, b, "0", "SELECT count(*) FROM t") // not committed yet
	mustExec(t, a, "ROLLBACK")
	expectRows(t, a, "0", "SELECT count(*) FROM t")

	// Two writers of one table: the second commit fails with 40001.
	mustExec(t, a, "BEGIN")
	mustExec(t, b, "BEGIN")
	mustExec(t, a, "INSERT INTO t VALUES (1)")
	mustExec(t, b, "INSERT INTO t VALUES (2)")
	mustExec(t, a, "COMMIT")
	expectCode(t, b, sqlerr.SerializationFailure, "COMMIT")
	expectRows(t, b, "1", "SELECT x FROM t")

	// An error aborts the block until ROLLBACK.
	mustExec(t, a, "BEGIN")
	expectCode(t, a, sqlerr.UndefinedTable, "SELECT * FROM nope")
	expectCode(t, a, sqlerr.InFailedSQLTransaction, "SELECT 1")
	if tag := mustExec(t, a, "COMMIT").Tag; tag != "ROLLBACK" {
		t.Fatalf("commit of failed tx: %q", tag)
	}
	// DDL is transactional.
	mustExec(t, a, "BEGIN; CREATE TABLE u (y INT); INSERT INTO u VALUES (5)")
	expectCode(t, b, sqlerr.UndefinedTable, "SELECT * FROM u")
	mustExec(t, a, "ROLLBACK")
	expectCode(t, a, sqlerr.UndefinedTable, "SELECT * FROM u")
}

func TestTwoDatabasesIsolated(t *testing.T) {
	d1, d2 := openDB(t), openDB(t)
	mustExec(t, connect(t, d1), "CREATE TABLE t (x INT)")
	mustExec(t, connect(t, d2), "CREATE TABLE t (x INT)")
}

func TestConcurrentAutocommit(t *testing.T) {
	db := openDB(t)
	mustExec(t, connect(t, db), "CREATE TABLE t (x INT)")
	const workers, each = 4, 20
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		c := connect(t, db)
		go func() {
			for i := 0; i < each; i++ {
				if _, err := c.Exec(context.Background(), "INSERT INTO t VALUES ($1)", i); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	expectRows(t, connect(t, db), "80", "SELECT count(*) FROM t")
}

func TestPrepareExecute(t *testing.T) {
	c := connect(t, openDB(t))
	mustExec(t, c, "CREATE TABLE t (d DATE, n INT)")
	mustExec(t, c, "PREPARE ins (date, int) AS INSERT INTO t VALUES ($1, $2)")
	mustExec(t, c, "EXECUTE ins ('2020-05-06', 3)")
	expectRows(t, c, "2020-05-06,3", "SELECT d, n FROM t")
	mustExec(t, c, "DEALLOCATE ins")
	expectCode(t, c, sqlerr.InvalidSQLStatementName, "EXECUTE ins ('2020-05-06', 3)")
}

func TestStatementTimeout(t *testing.T) {
	c := connect(t, openDB(t))
	mustExec(t, c, "CREATE TABLE t AS SELECT * FROM generate_series(1, 3000) AS g(x)")
	mustExec(t, c, "SET statement_timeout = 1")
	_, err := c.Exec(context.Background(), "SELECT count(*) FROM t a, t b, t c WHERE a.x + b.x + c.x < 0")
	if sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Fatalf("got %v (%s)", err, sqlerr.CodeOf(err))
	}
	mustExec(t, c, "RESET statement_timeout")
	expectRows(t, c, "3000", "SELECT count(*) FROM t")
}

func TestDescribe(t *testing.T) {
	c := connect(t, openDB(t))
	mustExec(t, c, "CREATE TABLE t (a INT, b VARCHAR(5))")
	st, err := c.Parse("SELECT b FROM t WHERE a = $1")
	if err != nil {
		t.Fatal(err)
	}
	params, cols, err := c.Describe(st[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(params) != 1 || params[0] != types.Int32Type || len(cols) != 1 || cols[0].Name != "b" {
		t.Fatalf("params %v cols %v", params, cols)
	}
}

func TestViewDependencies(t *testing.T) {
	c := connect(t, openDB(t))
	mustExec(t, c, "CREATE TABLE t (a INT); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT * FROM v")
	expectCode(t, c, sqlerr.DependentObjectsStillExist, "DROP TABLE t")
	expectCode(t, c, sqlerr.DependentObjectsStillExist, "DROP VIEW v")
	mustExec(t, c, "DROP VIEW w")
	mustExec(t, c, "CREATE OR REPLACE VIEW v AS SELECT a + 1 AS b FROM t")
	expectRows(t, c, "0", "SELECT count(*) FROM v")
	mustExec(t, c, "DROP TABLE t CASCADE")
	expectCode(t, c, sqlerr.UndefinedTable, "SELECT * FROM v")
}

func TestTempTables(t *testing.T) {
	db := openDB(t)
	a, b := connect(t, db), connect(t, db)
	mustExec(t, a, "CREATE TEMP TABLE tmp (x INT); INSERT INTO tmp VALUES (1)")
	expectRows(t, a, "1", "SELECT x FROM tmp")
	mustExec(t, a, "CREATE TABLE perm (y INT)")
	expectRows(t, b, "0", "SELECT count(*) FROM perm")
	expectCode(t, b, sqlerr.UndefinedTable, "SELECT x FROM tmp")
	a.Close()
	c := connect(t, db)
	expectRows(t, c, "0", "SELECT count(*) FROM information_schema.tables WHERE table_name = 'tmp'")
}
