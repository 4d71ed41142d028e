package warehoused_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestExplainAnalyzeMemory checks that the operators holding data show their
// peak memory, for every slice, under EXPLAIN ANALYZE.
func TestExplainAnalyzeMemory(t *testing.T) {
	c := connect(t, openDB(t)) // two slices
	mustExec(t, c, "CREATE TABLE em (a INT, b INT, s VARCHAR(20))")
	mustExec(t, c, "INSERT INTO em SELECT g % 97, g, 'row' || g FROM generate_series(1, 3000) g")
	mustExec(t, c, "CREATE TABLE en (a INT, c TEXT)")
	mustExec(t, c, "INSERT INTO en SELECT g, 'x' || g FROM generate_series(1, 300) g")
	perSlice := regexp.MustCompile(`^ *slices: \[0\] .*mem=\d+ kB \[1\] .*mem=\d+ kB$`)
	peak := regexp.MustCompile(`peak memory=[1-9]\d* kB\)$`)
	cases := []struct {
		name, sql string
		line      string // the operator's line
		detail    bool   // memory is a detail line (a top-N under its Limit)
	}{
		{"group by", "SELECT a, count(*), max(s) FROM em GROUP BY a", "XN HashAggregate", false},
		{"order by", "SELECT b, s FROM em ORDER BY s", "XN Merge", false},
		{"hash join", "SELECT em.b, en.c FROM em JOIN en ON em.a = en.a", "XN Hash Join", false},
		{"top-n", "SELECT b FROM em ORDER BY s DESC LIMIT 5", "XN Merge", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var lines []string
			for _, r := range query(t, c, "EXPLAIN ANALYZE "+tc.sql) {
				lines = append(lines, r[0])
			}
			text := strings.Join(lines, "\n")
			i := 0
			for i < len(lines) && !strings.Contains(lines[i], tc.line) {
				i++
			}
			if i+2 >= len(lines) {
				t.Fatalf("no %q line:\n%s", tc.line, text)
			}
			next := lines[i+1]
			if tc.detail {
				next = lines[i+2]
				if !strings.Contains(next, "Peak memory: ") {
					t.Errorf("no memory detail under %q:\n%s", tc.line, text)
				}
				next = next[strings.Index(next, "slices:"):]
			} else if !peak.MatchString(lines[i]) {
				t.Errorf("no peak memory on %q:\n%s", tc.line, text)
			}
			if !perSlice.MatchString(next) {
				t.Errorf("no per-slice memory after %q:\n%s", tc.line, text)
			}
		})
	}
	// Operators without state print no memory.
	for _, r := range query(t, c, "EXPLAIN ANALYZE SELECT a + 1 FROM em WHERE b > 10") {
		if strings.Contains(r[0], "mem") {
			t.Errorf("stateless plan shows memory: %q", r[0])
		}
	}
}
