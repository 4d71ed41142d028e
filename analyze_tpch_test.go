package warehoused_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTPCHAnalyzedAndDistKey runs the 22 TPC-H queries (SF0.01) three ways:
// as loaded, after ANALYZE (statistics change estimates, hence join orders
// and build sides), and with orders and lineitem DISTKEY on the order key
// and customer on its key (co-located joins). All must give the same rows.
func TestTPCHAnalyzedAndDistKey(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := connect(t, openDB(t))
	src := loadTPCH001(t, c)
	texts := make([]string, 23)
	want := make([]string, 23)
	for q := 1; q <= 22; q++ {
		b, err := os.ReadFile(filepath.Join(src, "queries", fmt.Sprintf("q%02d.sql", q)))
		if err != nil {
			t.Fatal(err)
		}
		texts[q] = strings.TrimSpace(string(b))
		want[q] = flat(query(t, c, texts[q]))
	}
	check := func(stage string) {
		for q := 1; q <= 22; q++ {
			if got := flat(query(t, c, texts[q])); got != want[q] {
				t.Errorf("q%02d %s:\n got %s\nwant %s", q, stage, got, want[q])
			}
		}
	}
	mustExec(t, c, "ANALYZE")
	check("after ANALYZE")
	mustExec(t, c, "ALTER TABLE orders ALTER DISTKEY o_orderkey")
	mustExec(t, c, "ALTER TABLE lineitem ALTER DISTKEY l_orderkey")
	mustExec(t, c, "ALTER TABLE customer ALTER DISTKEY c_custkey")
	mustExec(t, c, "ANALYZE")
	if ex := flat(query(t, c, "EXPLAIN "+texts[3])); !strings.Contains(ex, "DS_DIST_NONE") {
		t.Errorf("Q3 with DISTKEY orderkey tables:\n%s", ex)
	}
	check("with DISTKEY tables")
}
