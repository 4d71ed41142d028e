package bench

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// readReference returns the .tbl files of a reference archive by table
// name, or skips the test when the archive is absent.
func readReference(t *testing.T, archive string) map[string][]byte {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Skipf("reference data not available: %v", err)
	}
	defer f.Close()
	zr, err := zstd.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		name := path.Base(h.Name)
		if !strings.HasSuffix(name, ".tbl") {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(name, ".tbl")] = data
	}
	return out
}

// refDir is shared/tpch: beside the repository, or the workplace's copy.
var refDir = func() string {
	for _, d := range []string{"../../shared/tpch", "/work/shared/tpch"} {
		if _, err := os.Stat(filepath.Join(d, "sf0.01.tar.zst")); err == nil {
			return d
		}
	}
	return "../../shared/tpch"
}()

// compareWithReference generates sf into a temp dir and checks every table
// against the reference: row counts, key ranges and numeric sums must be
// equal; the text is compared byte for byte too. Comments are the one part
// another dbgen may legitimately make differently (they are slices of a text
// pool whose size varies between dbgen versions); this generator uses the
// reference's 10 MiB pool, so here they match as well.
func compareWithReference(t *testing.T, sf float64, archive string) {
	ref := readReference(t, archive)
	dir := t.TempDir()
	if err := Generate(context.Background(), GenOptions{SF: sf, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, table := range Tables {
		got, err := os.ReadFile(filepath.Join(dir, table+".tbl"))
		if err != nil {
			t.Fatal(err)
		}
		want, ok := ref[table]
		if !ok {
			t.Fatalf("%s missing from reference", table)
		}
		gs, err := computeStats(table, got)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		ws, err := computeStats(table, want)
		if err != nil {
			t.Fatalf("reference %s: %v", table, err)
		}
		if d := gs.diff(ws); d != "" {
			t.Errorf("%s stats differ: %s", table, d)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: text differs from reference (stats %s)", table, gs)
		}
	}
}

func TestGenerateSF001MatchesReference(t *testing.T) {
	compareWithReference(t, 0.01, filepath.Join(refDir, "sf0.01.tar.zst"))
}

func TestGenerateSF01MatchesReference(t *testing.T) {
	if testing.Short() {
		t.Skip("SF0.1 generation and comparison take a few seconds")
	}
	compareWithReference(t, 0.1, filepath.Join(refDir, "sf0.1.tar.zst"))
}

// tableHash generates one table through the streaming API and hashes it.
func tableHash(t *testing.T, sf float64, table string, parallel int) [32]byte {
	t.Helper()
	h := sha256.New()
	if err := GenerateTable(context.Background(), sf, table, parallel, h); err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func TestGenerateDeterministicAndParallel(t *testing.T) {
	for _, table := range Tables {
		serial := tableHash(t, 0.01, table, 1)
		again := tableHash(t, 0.01, table, 1)
		parallel := tableHash(t, 0.01, table, 4)
		if serial != again {
			t.Errorf("%s: two serial runs differ", table)
		}
		if serial != parallel {
			t.Errorf("%s: parallel output differs from serial", table)
		}
	}
}

// TestGenerateTableMatchesFiles checks that generating a detail table alone
// (partsupp, lineitem) gives the same text as generating it with its master.
func TestGenerateTableMatchesFiles(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(context.Background(), GenOptions{SF: 0.01, Dir: dir, Tables: []string{"part", "partsupp", "orders", "lineitem"}}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"part", "partsupp", "orders", "lineitem"} {
		data, err := os.ReadFile(filepath.Join(dir, table+".tbl"))
		if err != nil {
			t.Fatal(err)
		}
		if sha256.Sum256(data) != tableHash(t, 0.01, table, 2) {
			t.Errorf("%s: GenerateTable differs from Generate", table)
		}
	}
}

func TestTableReader(t *testing.T) {
	r := TableReader(context.Background(), 0.01, "nation", 2)
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n != 25 {
		t.Errorf("%d nation rows", n)
	}
	// Closing early stops the generator instead of blocking it.
	r = TableReader(context.Background(), 0.01, "lineitem", 2)
	buf := make([]byte, 100)
	if _, err := io.ReadFull(r, buf); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf, []byte("1|1552|93|1|17.00|24710.35|0.04|0.02|N|O|1996-03-13|")) {
		t.Errorf("lineitem starts %q", buf)
	}
}

func TestGenerateErrors(t *testing.T) {
	ctx := context.Background()
	if err := Generate(ctx, GenOptions{SF: 0.01, Dir: t.TempDir(), Tables: []string{"nope"}}); err == nil {
		t.Error("unknown table accepted")
	}
	if err := Generate(ctx, GenOptions{SF: -1, Dir: t.TempDir()}); err == nil {
		t.Error("negative scale factor accepted")
	}
	if err := GenerateTable(ctx, 0.01, "nope", 1, io.Discard); err == nil {
		t.Error("unknown table accepted by GenerateTable")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := GenerateTable(cctx, 0.01, "lineitem", 2, io.Discard); err == nil {
		t.Error("canceled context not reported")
	}
}

func TestRowCount(t *testing.T) {
	cases := []struct {
		sf    float64
		table string
		want  int64
	}{
		{0.01, "supplier", 100}, {0.01, "customer", 1500}, {0.01, "part", 2000},
		{0.01, "partsupp", 8000}, {0.01, "orders", 15000}, {1, "orders", 1500000},
		{1, "supplier", 10000}, {10, "customer", 1500000}, {100, "part", 20000000},
		{1, "nation", 25}, {1, "region", 5}, {0.5, "customer", 75000},
	}
	for _, c := range cases {
		if got := RowCount(c.sf, c.table); got != c.want {
			t.Errorf("RowCount(%g, %s) = %d, want %d", c.sf, c.table, got, c.want)
		}
	}
}
