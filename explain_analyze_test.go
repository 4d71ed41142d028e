package warehoused_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
)

func TestExplainAnalyze(t *testing.T) {
	c := connect(t, openDB(t))
	mustExec(t, c, "CREATE TABLE ea (a INT, b INT)")
	mustExec(t, c, "INSERT INTO ea SELECT g % 7, g FROM generate_series(1, 200) g")
	mustExec(t, c, "CREATE TABLE eb (a INT, c TEXT)")
	mustExec(t, c, "INSERT INTO eb VALUES (1, 'x'), (2, 'y'), (9, 'z')")
	cases := []struct {
		sql, top string // top: the first line's actual row count
	}{
		{"SELECT * FROM ea", "actual rows=200 "},
		{"SELECT a, count(*) FROM ea WHERE a > 1 GROUP BY a", "actual rows=5 "},
		{"SELECT a, count(*) FROM ea GROUP BY a ORDER BY a", "actual rows=7 "},
		{"SELECT b FROM ea ORDER BY b DESC LIMIT 3", "actual rows=3 "},
		{"SELECT eb.c, sum(ea.b) FROM ea JOIN eb ON ea.a = eb.a GROUP BY eb.c", "actual rows=2 "},
		{"SELECT count(*) FROM ea WHERE b < 0", "actual rows=1 "},
	}
	for _, tc := range cases {
		rows := query(t, c, "EXPLAIN ANALYZE "+tc.sql)
		var lines []string
		for _, r := range rows {
			lines = append(lines, r[0])
		}
		text := strings.Join(lines, "\n")
		if len(lines) < 3 || !strings.Contains(lines[0], tc.top) || !strings.Contains(lines[0], "time=") {
			t.Errorf("%s: first line lacks %q:\n%s", tc.sql, tc.top, text)
		}
		if !strings.Contains(text, "Execution time: ") || !strings.Contains(text, "\nTotal rows: ") {
			t.Errorf("%s: no totals:\n%s", tc.sql, text)
		}
	}
	// Scans run in every slice and say so.
	rows := query(t, c, "EXPLAIN ANALYZE SELECT * FROM ea")
	if len(rows) < 2 || !strings.Contains(rows[1][0], "slices: [0] rows=") {
		t.Errorf("no slices line: %v", rows)
	}
	// Plain EXPLAIN does not run the query.
	for _, r := range query(t, c, "EXPLAIN SELECT * FROM ea") {
		if strings.Contains(r[0], "actual") {
			t.Errorf("EXPLAIN shows counters: %q", r[0])
		}
	}
	expectCode(t, c, sqlerr.FeatureNotSupported, "EXPLAIN ANALYZE DELETE FROM ea")
	expectRows(t, c, "200", "SELECT count(*) FROM ea")
	expectCode(t, c, sqlerr.DivisionByZero, "EXPLAIN ANALYZE SELECT 1 / (a - a) FROM ea")
}

// TestTPCHExplainAnalyze runs EXPLAIN ANALYZE of the 22 TPC-H queries at
// SF0.01: every plan shape instruments, runs, and reports the answer's row count.
func TestTPCHExplainAnalyze(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := connect(t, openDB(t))
	src := loadTPCH001(t, c)
	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		text, err := os.ReadFile(filepath.Join(src, "queries", name+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		ans, err := os.ReadFile(filepath.Join(src, "answers", "sf0.01", name+".csv"))
		if err != nil {
			continue
		}
		wantRows := strings.Count(string(ans), "\n") - 1
		rows := query(t, c, "EXPLAIN ANALYZE "+strings.TrimSpace(string(text)))
		top, total := rows[0][0], rows[len(rows)-2][0]
		if want := fmt.Sprintf("actual rows=%d ", wantRows); !strings.Contains(top, want) {
			t.Errorf("%s: first line %q lacks %q", name, top, want)
		}
		if want := fmt.Sprintf("Total rows: %d", wantRows); total != want {
			t.Errorf("%s: %q, want %q", name, total, want)
		}
	}
}
