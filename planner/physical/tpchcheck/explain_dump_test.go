package tpchcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestDumpExplain prints the plans when TPCH_EXPLAIN is set (a debugging aid).
func TestDumpExplain(t *testing.T) {
	if os.Getenv("TPCH_EXPLAIN") == "" {
		t.Skip("set TPCH_EXPLAIN=q05,... to print plans")
	}
	d, err := load()
	if err != nil {
		t.Skip(err)
	}
	for _, q := range filepath.SplitList(os.Getenv("TPCH_EXPLAIN")) {
		text, err := os.ReadFile(filepath.Join(dataDir, "queries", q+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		_, explain, err := runQuery(t, d, string(text))
		fmt.Printf("-- %s (err=%v)\n%s\n", q, err, explain)
	}
}
