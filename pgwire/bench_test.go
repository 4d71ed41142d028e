package pgwire

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func BenchmarkSelect1RoundTrip(b *testing.B) {
	ts := startServer(b, Config{})
	pc := ts.connect(b).PgConn()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pc.Exec(ctx, "select 1").ReadAll(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchWide reads a 100,000-row, 6-column result per iteration in the given
// result format.
func benchWide(b *testing.B, format int16) {
	ts := startServer(b, Config{})
	c := ts.connect(b)
	ctx := context.Background()
	const rows = 100000
	if _, err := c.Exec(ctx, `create table wide as select x as id, x * 2 as twice, 'name ' || x as name,
		x / 7.0 as ratio, cast(x as double precision) / 3 as f, x % 2 = 0 as even from generate_series(1, 100000) as g(x)`); err != nil {
		b.Fatal(err)
	}
	pc := c.PgConn()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		rr := pc.ExecParams(ctx, "select * from wide", nil, nil, nil, []int16{format})
		for rr.NextRow() {
			n++
		}
		if _, err := rr.Close(); err != nil {
			b.Fatal(err)
		}
	}
	if n%rows != 0 {
		b.Fatalf("read %d rows", n)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWideResultText(b *testing.B)   { benchWide(b, fmtText) }
func BenchmarkWideResultBinary(b *testing.B) { benchWide(b, fmtBinary) }

// BenchmarkConnectSCRAM measures a whole connection set-up with
// SCRAM-SHA-256 (start-up, the SASL exchange with 4096 iterations of
// PBKDF2 on the client, parameters, ReadyForQuery) and its Terminate.
func BenchmarkConnectSCRAM(b *testing.B) {
	ts := startServer(b, Config{AuthMethod: AuthSCRAM})
	ctx := context.Background()
	if _, err := ts.db.Exec(ctx, "CREATE USER alice PASSWORD 'Alice1234'"); err != nil {
		b.Fatal(err)
	}
	url := "postgres://alice:Alice1234@" + ts.addr + "/dev?sslmode=disable"
	b.ReportAllocs()
	for b.Loop() {
		c, err := pgconn.Connect(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		c.Close(ctx)
	}
}
