package warehoused_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/bench"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// fuzzSetup is the database every fuzzed statement runs against: small
// tables of the common types with NULLs, plus the (empty) TPC-H tables so
// the TPC-H queries bind.
const fuzzSetup = `
CREATE TABLE t (a INT, b BIGINT, s TEXT, d DECIMAL(10,2), dt DATE, f DOUBLE PRECISION, ok BOOLEAN);
INSERT INTO t VALUES
 (1, 10, 'one', 1.50, '2024-01-01', 0.5, true),
 (2, NULL, 'two', NULL, '2024-02-29', NULL, false),
 (NULL, 30, NULL, -3.25, NULL, 2.5, NULL),
 (4, 40, 'four', 100.00, '1999-12-31', -1, true),
 (4, 41, '', 0, '2024-01-01', 0, false);
CREATE TABLE u (a INT, name VARCHAR(20), ts TIMESTAMP);
INSERT INTO u VALUES (1, 'x', '2024-01-01 10:00:00'), (4, 'y', NULL), (NULL, NULL, '2023-06-30 23:59:59'), (5, 'z', '2024-03-01 00:00:00');
CREATE TABLE fz_empty (a INT, s TEXT);
`

// fuzzStatementTimeout is the context deadline each fuzzed script gets;
// fuzzHangGrace is how much longer it may take before it counts as a hang
// (cancellation not honoured).
const (
	fuzzStatementTimeout = 2 * time.Second
	fuzzHangGrace        = 8 * time.Second
)

// FuzzQuery runs arbitrary SQL through the whole front end and executor: a
// panic (reported as XX000 by the engine, or escaping it) or a statement
// that outlives its context fails.
func FuzzQuery(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	// Read-only scripts share one database (per fuzzing process); anything
	// else gets a fresh one, so inputs cannot affect each other.
	var shared *fuzzDB
	f.Cleanup(func() {
		if shared != nil {
			shared.close()
		}
	})
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			return
		}
		db := shared
		if !readOnly(text) || db == nil {
			db = newFuzzDB(t)
			if readOnly(text) {
				shared = db
			} else {
				defer db.close()
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), fuzzStatementTimeout)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- sqlerr.Newf(sqlerr.InternalError, "panic escaped: %v", r)
				}
			}()
			_, err := db.conn.Exec(ctx, text)
			done <- err
		}()
		select {
		case err := <-done:
			if sqlerr.CodeOf(err) == sqlerr.InternalError {
				t.Fatalf("internal error for %q: %v", text, err)
			}
		case <-time.After(fuzzStatementTimeout + fuzzHangGrace):
			t.Fatalf("statement did not honour its %v timeout: %q", fuzzStatementTimeout, text)
		}
	})
}

// fuzzDB is a database loaded with fuzzSetup and one connection to it.
type fuzzDB struct {
	db   *warehoused.DB
	conn *warehoused.Conn
}

func newFuzzDB(t *testing.T) *fuzzDB {
	ctx := context.Background()
	db, err := warehoused.Open(ctx, "", warehoused.Config{Slices: 2, BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, bench.Schema+";"+fuzzSetup); err != nil {
		t.Fatalf("setup: %v", err)
	}
	return &fuzzDB{db: db, conn: conn}
}

func (d *fuzzDB) close() {
	d.conn.Close()
	d.db.Close()
}

// readOnly reports whether text parses into queries only (no DDL, DML, SET
// or transaction control), which leave the database as it was. Scripts
// that do not parse fail before running anything.
func readOnly(text string) bool {
	ps, err := sql.Parse(text)
	if err != nil {
		return true
	}
	for _, p := range ps {
		if _, ok := p.Stmt.(*ast.SelectStmt); !ok {
			return false
		}
	}
	return true
}

// fuzzSeeds collects statements from the sqllogictest files and the TPC-H
// queries.
func fuzzSeeds(f *testing.F) []string {
	var out []string
	for n := 1; n <= 22; n++ {
		q, err := bench.Query(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, q)
	}
	files, err := filepath.Glob("testdata/sql/*/*.test")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		out = append(out, testFileStatements(f, name)...)
	}
	out = append(out,
		"SELECT a, count(*) FROM t GROUP BY ROLLUP (a, s) ORDER BY 1",
		"SELECT listagg(DISTINCT s, ',') WITHIN GROUP (ORDER BY s) FROM t",
		"SELECT approximate count(DISTINCT s) FROM t",
		"SELECT a, (SELECT name FROM u WHERE u.a = t.a) FROM t",
		"SELECT * FROM t LEFT JOIN LATERAL (SELECT count(*) FROM u WHERE u.a = t.a) x ON true",
		"SELECT sum(d) OVER (PARTITION BY a ORDER BY dt ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
		"SELECT top 2 * FROM t ORDER BY a MINUS SELECT * FROM t WHERE a = 1",
		"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
		// Found crashing: type modifiers the engine cannot represent.
		"SELECT sum(d)::text, avg(d)::decimal(-1,4)::text FROM t",
		"SELECT avg(d)::decimal(10,-1)::text FROM t ORDER BY 1",
	)
	return out
}

// testFileStatements extracts the SQL of each record of a sqllogictest
// file. Queries come prefixed with the file's CREATE TABLE and INSERT
// statements (when the script stays small), so they bind against real data.
func testFileStatements(f *testing.F, name string) []string {
	fh, err := os.Open(name)
	if err != nil {
		f.Fatal(err)
	}
	defer fh.Close()
	var setup, queries []string
	var cur []string
	kind := ""
	flush := func() {
		if len(cur) > 0 {
			text := strings.Join(cur, "\n")
			up := strings.ToUpper(text)
			if kind == "statement ok" && (strings.HasPrefix(up, "CREATE TABLE") || strings.HasPrefix(up, "INSERT INTO")) {
				setup = append(setup, text)
			} else {
				queries = append(queries, text)
			}
		}
		cur, kind = nil, ""
	}
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "statement ") || strings.HasPrefix(line, "query "):
			flush()
			kind = line
			if strings.HasPrefix(line, "query ") {
				kind = "query"
			}
		case line == "" || line == "----":
			flush()
		case kind != "":
			cur = append(cur, line)
		}
	}
	flush()
	prefix := strings.Join(setup, ";\n")
	out := make([]string, 0, len(queries))
	for _, q := range queries {
		if prefix != "" && len(prefix)+len(q) < 3000 {
			q = prefix + ";\n" + q
		}
		out = append(out, q)
	}
	return out
}
