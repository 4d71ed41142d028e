package warehoused_test

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// tpchDir finds shared/tpch: beside the repository in CI, or the workplace's copy.
func tpchDir(t *testing.T) string {
	for _, d := range []string{"../shared/tpch", "/work/shared/tpch"} {
		if _, err := os.Stat(filepath.Join(d, "sf0.01.tar.zst")); err == nil {
			return d
		}
	}
	t.Skip("shared/tpch not found")
	return ""
}

func untarZstd(t *testing.T, file, dir string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := zstd.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		p := filepath.Join(dir, filepath.Base(h.Name))
		out, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}

// TestTPCHSmoke loads SF0.01 with COPY and runs the 22 queries, checking that
// each returns as many rows as the expected answer.
func TestTPCHSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	src := tpchDir(t)
	dir := t.TempDir()
	untarZstd(t, filepath.Join(src, "sf0.01.tar.zst"), dir)
	db := openDB(t)
	c := connect(t, db)
	schema, err := os.ReadFile(filepath.Join(src, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, c, string(schema))
	want := map[string]string{"region": "COPY 5", "nation": "COPY 25", "supplier": "COPY 100", "customer": "COPY 1500",
		"part": "COPY 2000", "partsupp": "COPY 8000", "orders": "COPY 15000"}
	for _, tb := range []string{"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"} {
		res := mustExec(t, c, fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", tb, filepath.Join(dir, tb+".tbl")))
		if w, ok := want[tb]; ok && res.Tag != w {
			t.Fatalf("%s: %s, want %s", tb, res.Tag, w)
		}
	}
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
