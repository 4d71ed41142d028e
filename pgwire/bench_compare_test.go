package pgwire

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestWireThroughputVsPostgres compares rows/s returned over the wire for a
// large result, in text and binary format, between warehoused and a
// PostgreSQL server. It runs only when WAREHOUSED_BENCH_PG names the
// PostgreSQL server (a DSN of a database it may create a table in):
//
//	WAREHOUSED_BENCH_PG='postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable' \
//	  go test -run TestWireThroughputVsPostgres -v -timeout 30m ./pgwire/
//
// WAREHOUSED_BENCH_ROWS sets the row count (default 6,000,000: TPC-H SF1
// lineitem's). WAREHOUSED_BENCH_WH names a running `warehoused serve`
// instead of an in-process server. It prints numbers; it asserts none.
func TestWireThroughputVsPostgres(t *testing.T) {
	pgDSN := os.Getenv("WAREHOUSED_BENCH_PG")
	if pgDSN == "" {
		t.Skip("WAREHOUSED_BENCH_PG is not set")
	}
	rows := 6_000_000
	if s := os.Getenv("WAREHOUSED_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		rows = n
	}
	whDSN := os.Getenv("WAREHOUSED_BENCH_WH")
	if whDSN == "" {
		whDSN = startServer(t, Config{}).connString("")
	}
	ctx := context.Background()
	// The same five columns in both: two integers, a string, a double and
	// a date, generated alike.
	create := fmt.Sprintf(`create table wirebench as select x::bigint as id, (x %% 1000)::integer as k,
		'name ' || x as name, x / 3.0::double precision as f, date '2000-01-01' + (x %% 3650) as d
		from generate_series(1, %d) as g(x)`, rows)
	for _, srv := range []struct{ name, dsn string }{{"postgresql", pgDSN}, {"warehoused", whDSN}} {
		c, err := pgconn.Connect(ctx, srv.dsn)
		if err != nil {
			t.Fatalf("%s: %v", srv.name, err)
		}
		if _, err := c.Exec(ctx, "drop table if exists wirebench; "+create).ReadAll(); err != nil {
			t.Fatalf("%s: %v", srv.name, err)
		}
		for _, format := range []int16{fmtText, fmtBinary} {
			best := time.Duration(1 << 62)
			for range 3 {
				start := time.Now()
				rr := c.ExecParams(ctx, "select * from wirebench", nil, nil, nil, []int16{format})
				n := 0
				for rr.NextRow() {
					n++
				}
				if _, err := rr.Close(); err != nil {
					t.Fatalf("%s: %v", srv.name, err)
				}
				if n != rows {
					t.Fatalf("%s: %d rows, want %d", srv.name, n, rows)
				}
				best = min(best, time.Since(start))
			}
			name := map[int16]string{fmtText: "text", fmtBinary: "binary"}[format]
			t.Logf("%-10s %-6s %d rows in %v: %.0f rows/s", srv.name, name, rows, best.Round(time.Millisecond), float64(rows)/best.Seconds())
		}
		c.Exec(ctx, "drop table wirebench").ReadAll()
		c.Close(ctx)
	}
}
