package warehoused

import (
	"context"
	"testing"
)

// BenchmarkAnalyze measures ANALYZE of a 300K-row table of integer,
// decimal, date and string columns.
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, "", Config{Slices: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	c, err := db.Connect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for _, s := range []string{
		"create table t (k bigint, p decimal(15,2), d date, s varchar(20), c char(10))",
		"insert into t select g, g * 1.5, date '2020-01-01' + (g % 2000), 'str' || (g % 1000), 'c' || (g % 7) from generate_series(1, 300000) g",
	} {
		if _, err := c.Exec(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Exec(ctx, "analyze t"); err != nil {
			b.Fatal(err)
		}
	}
}
