package tpchtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/internal/testenv"
	"github.com/warehoused/warehoused/types"
)

// TestTPCHSF001 loads SF0.01 into a database on disk, reopens it and checks
// all 22 answers.
func TestTPCHSF001(t *testing.T) { runTPCH(t, "sf0.01", 5*time.Minute) }

// TestTPCHSF01 does the same at SF0.1; it is skipped with -short.
func TestTPCHSF01(t *testing.T) {
	if testing.Short() {
		t.Skip("SF0.1 runs without -short (CI runs it)")
	}
	runTPCH(t, "sf0.1", 15*time.Minute)
}

func runTPCH(t *testing.T, scale string, timeout time.Duration) {
	root, err := testenv.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(testenv.SharedDir(root), "tpch")
	archive := filepath.Join(shared, scale+".tar.zst")
	if _, err := os.Stat(archive); err != nil {
		t.Skipf("TPC-H data not found (%v); put ../shared beside the repository or set WAREHOUSED_SHARED", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	tmp := t.TempDir()
	start := time.Now()
	tblDir, err := Unpack(archive, filepath.Join(tmp, "data"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := warehoused.Open(ctx, filepath.Join(tmp, "db"), warehoused.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	schema, err := os.ReadFile(filepath.Join(shared, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range SchemaStatements(string(schema)) {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	for _, tbl := range Tables {
		copySQL := fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", tbl, filepath.Join(tblDir, tbl+".tbl"))
		if _, err := conn.Exec(ctx, copySQL); err != nil {
			t.Fatalf("%s: %v", copySQL, err)
		}
	}
	t.Logf("%s: unpacked and loaded in %v", scale, time.Since(start).Round(time.Millisecond))

	// The answers must come from what is on disk: close and reopen first.
	conn.Close()
	db.Close()
	if db, err = warehoused.Open(ctx, filepath.Join(tmp, "db"), warehoused.Config{}); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if conn, err = db.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join(shared, "queries", name+".sql"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := ReadAnswer(filepath.Join(shared, "answers", scale, name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			sql := strings.TrimSuffix(strings.TrimSpace(string(text)), ";")
			qstart := time.Now()
			got, err := query(ctx, conn, sql)
			if err != nil {
				t.Fatalf("query failed: %v", err)
			}
			if len(got.Header) != len(want.Header) {
				t.Fatalf("columns %v, want %v", got.Header, want.Header)
			}
			if d := RowsMatch(want.Rows, got.Rows); d != "" {
				t.Fatalf("%s: %s", name, d)
			}
			t.Logf("%s: %d rows in %v", name, len(got.Rows), time.Since(qstart).Round(time.Millisecond))
		})
	}
}

// query runs sql and renders every value as PostgreSQL text ("" for NULL).
func query(ctx context.Context, conn *warehoused.Conn, sql string) (*Answer, error) {
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := rows.Columns()
	a := &Answer{}
	for _, c := range cols {
		a.Header = append(a.Header, c.Name)
	}
	for rows.Next() {
		vals := rows.Values()
		row := make([]string, len(vals))
		for i, d := range vals {
			if d != nil {
				row[i] = types.Format(cols[i].Type, d)
			}
		}
		a.Rows = append(a.Rows, row)
	}
	return a, rows.Err()
}
