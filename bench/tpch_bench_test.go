package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/warehoused/warehoused"
)

// BenchmarkTPCH runs each of the 22 queries over SF0.01 data made by the
// generator, one sub-benchmark a query, so benchstat can compare commits:
//
//	go test -run '^$' -bench TPCH -count 10 ./bench > new.txt && benchstat old.txt new.txt
func BenchmarkTPCH(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := Generate(ctx, GenOptions{SF: 0.01, Dir: dir}); err != nil {
		b.Fatal(err)
	}
	db, err := warehoused.Open(ctx, "", warehoused.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Connect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(ctx, Schema); err != nil {
		b.Fatal(err)
	}
	for _, t := range Tables {
		file := filepath.Join(dir, t+".tbl")
		if _, err := conn.Exec(ctx, fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", t, file)); err != nil {
			b.Fatal(err)
		}
	}
	for q := 1; q <= 22; q++ {
		text, err := Query(q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("Q%02d", q), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := queryCount(ctx, conn, text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
