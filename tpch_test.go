package warehoused_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/internal/testenv"
	"github.com/warehoused/warehoused/internal/tpchtest"
)

// loadTPCH001 creates the TPC-H schema on c and loads ../shared's SF0.01
// data with COPY, returning the shared tpch directory (queries, answers).
// It skips the test when the shared data is not there.
func loadTPCH001(t *testing.T, c *warehoused.Conn) string {
	t.Helper()
	root, err := testenv.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(testenv.SharedDir(root), "tpch")
	if _, err := os.Stat(filepath.Join(src, "sf0.01.tar.zst")); err != nil {
		t.Skip("shared/tpch not found")
	}
	tbl, err := tpchtest.Unpack(filepath.Join(src, "sf0.01.tar.zst"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile(filepath.Join(src, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, c, string(schema))
	want := map[string]string{"region": "COPY 5", "nation": "COPY 25", "supplier": "COPY 100", "customer": "COPY 1500",
		"part": "COPY 2000", "partsupp": "COPY 8000", "orders": "COPY 15000"}
	for _, tb := range tpchtest.Tables {
		res := mustExec(t, c, fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", tb, filepath.Join(tbl, tb+".tbl")))
		if w, ok := want[tb]; ok && res.Tag != w {
			t.Fatalf("%s: %s, want %s", tb, res.Tag, w)
		}
	}
	return src
}

// TestTPCHSmoke loads SF0.01 with COPY and runs the 22 queries, checking that
// each returns as many rows as the expected answer.
func TestTPCHSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := connect(t, openDB(t))
	src := loadTPCH001(t, c)
	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join(src, "queries", name+".sql"))
			if err != nil {
				t.Fatal(err)
			}
			ans, err := os.ReadFile(filepath.Join(src, "answers", "sf0.01", name+".csv"))
			if err != nil {
				t.Skip("no answer")
			}
			// One line per row after the header (a lone NULL is an empty line,
			// which encoding/csv would skip).
			wantRows := strings.Count(string(ans), "\n") - 1
			// Run twice: a plan that wrote into the vectors a scan shares with
			// storage would change the second answer.
			first := flat(query(t, c, strings.TrimSpace(string(text))))
			second := query(t, c, strings.TrimSpace(string(text)))
			if flat(second) != first {
				t.Fatalf("second run differs:\n%s\n%s", first, flat(second))
			}
			n := len(second)
			if n != wantRows {
				t.Fatalf("%d rows, want %d", n, wantRows)
			}
		})
	}
}
