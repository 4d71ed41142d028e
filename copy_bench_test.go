package warehoused_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/warehoused/warehoused"
)

// BenchmarkCopy1M loads a generated 1M-row pipe-delimited file into an
// in-memory database and into one on disk (column blocks, a durable commit).
func BenchmarkCopy1M(b *testing.B) {
	b.Run("memory", func(b *testing.B) { benchmarkCopy1M(b, "", false) })
	b.Run("disk", func(b *testing.B) { benchmarkCopy1M(b, b.TempDir(), false) })
	b.Run("disk-nosync", func(b *testing.B) { benchmarkCopy1M(b, b.TempDir(), true) })
}

func benchmarkCopy1M(b *testing.B, dbDir string, noSync bool) {
	dir := b.TempDir()
	var sb strings.Builder
	for i := 0; i < 1_000_000; i++ {
		fmt.Fprintf(&sb, "%d|%d|name%d|%d.%02d|1995-03-%02d\n", i, i%1000, i, i%10000, i%100, i%28+1)
	}
	p := writeFile(b, dir, "big.tbl", []byte(sb.String()))
	b.SetBytes(int64(sb.Len()))
	db, err := warehoused.Open(context.Background(), dbDir, warehoused.Config{NoSync: noSync})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	c := connect(b, db)
	b.ReportAllocs()
	for b.Loop() {
		mustExec(b, c, "DROP TABLE IF EXISTS big; CREATE TABLE big (k BIGINT, g INT, name VARCHAR(20), price DECIMAL(12,2), d DATE)")
		mustExec(b, c, fmt.Sprintf("COPY big FROM '%s'", p))
	}
}
