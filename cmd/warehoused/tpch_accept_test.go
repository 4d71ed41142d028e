package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused/bench"
	"github.com/warehoused/warehoused/internal/tpchtest"
)

// markerColumn names the one-row result printed before each query's output,
// so that the CSV output of one script can be split per query.
const markerColumn = "tpch_query_marker"

// TestTPCHThroughCLI is the acceptance check of the TPC-H issue: through the
// CLI (`warehoused sql --data DIR -f script.sql --format csv`), create the
// schema, load every SF0.1 table with `COPY t FROM '<dir>/t.tbl' DELIMITER
// '|'` and run the 22 queries in one invocation (tables live in memory),
// then compare each query's CSV output with answers/sf0.1/qNN.csv.
func TestTPCHThroughCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("loads SF0.1 (CI runs it)")
	}
	shared := sharedTPCH(t)
	tbl := unpackTPCH(t, "sf0.1")

	schema, err := os.ReadFile(filepath.Join(shared, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	script.Write(schema)
	script.WriteString("\n")
	for _, table := range tpchtest.Tables {
		file := strings.ReplaceAll(filepath.Join(tbl, table+".tbl"), "'", "''")
		fmt.Fprintf(&script, "COPY %s FROM '%s' DELIMITER '|';\n", table, file)
	}
	for q := 1; q <= 22; q++ {
		text, err := os.ReadFile(filepath.Join(shared, "queries", fmt.Sprintf("q%02d.sql", q)))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&script, "SELECT 'q%02d' AS %s;\n", q, markerColumn)
		script.WriteString(strings.TrimSuffix(strings.TrimSpace(string(text)), ";") + ";\n")
	}
	dir := t.TempDir()
	scriptFile := filepath.Join(dir, "tpch.sql")
	if err := os.WriteFile(scriptFile, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	code, stdout, stderr := runCLI(t, "", "sql", "--data", filepath.Join(dir, "db"), "--format", "csv",
		"--on-error", "continue", "-f", scriptFile)
	t.Logf("load and 22 queries through the CLI: %v", time.Since(start).Round(time.Millisecond))
	if code != 0 {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
	outputs := splitByMarker(stdout)
	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		t.Run(name, func(t *testing.T) {
			out, ok := outputs[name]
			if !ok {
				t.Fatalf("no output for %s (a statement before it failed?); stderr:\n%s", name, stderr)
			}
			if out == "" {
				t.Fatalf("%s printed nothing (it failed?); stderr:\n%s", name, stderr)
			}
			got, err := tpchtest.ParseAnswer(name, out)
			if err != nil {
				t.Fatal(err)
			}
			want, err := tpchtest.ReadAnswer(filepath.Join(shared, "answers", "sf0.1", name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Header) != len(want.Header) {
				t.Fatalf("columns %v, want %v", got.Header, want.Header)
			}
			if check := bench.CheckAnswer(filepath.Join(shared, "answers", "sf0.1", name+".csv"), got.Rows); check != "ok" {
				t.Errorf("%s: %s", name, check)
			}
		})
	}
}

// splitByMarker splits the CSV output of the script into each query's
// output (header and rows), keyed by the marker's value ("q01").
func splitByMarker(out string) map[string]string {
	parts := map[string]string{}
	sep := markerColumn + "\n"
	chunks := strings.Split(out, sep)
	for _, c := range chunks[1:] {
		name, rest, _ := strings.Cut(c, "\n")
		parts[name] = rest
	}
	return parts
}
