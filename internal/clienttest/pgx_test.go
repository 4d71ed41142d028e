package clienttest

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgtype"
)

// slowQuery runs for many seconds at SF0.01 (a 60k x 60k non-equi join),
// long enough to be cancelled, and never finishes in a test's time.
const slowQuery = `select count(*) from lineitem a, lineitem b where a.l_extendedprice + b.l_extendedprice < -1`

func pgxConnect(ctx context.Context, t *testing.T, s *server, mode pgx.QueryExecMode) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(s.url())
	if err != nil {
		t.Fatal(err)
	}
	cfg.DefaultQueryExecMode = mode
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// pgxModes are the ways pgx talks to a server: simple protocol (client-side
// interpolation, text results), and the extended protocol with a
// statement cache, a describe-only cache, and executing without preparing.
var pgxModes = []struct {
	name string
	mode pgx.QueryExecMode
}{
	{"simple", pgx.QueryExecModeSimpleProtocol},
	{"cache_statement", pgx.QueryExecModeCacheStatement},
	{"cache_describe", pgx.QueryExecModeCacheDescribe},
	{"describe_exec", pgx.QueryExecModeDescribeExec},
	{"exec", pgx.QueryExecModeExec},
}

func numeric(t *testing.T, s string) pgtype.Numeric {
	t.Helper()
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return n
}

func numericString(n pgtype.Numeric) string {
	if !n.Valid {
		return "NULL"
	}
	v, _ := n.Value()
	return fmt.Sprint(v)
}

// TestPgxTypes reads one value of every common type in every exec mode;
// the extended modes ask for binary results, so this checks the server's
// binary encoders against pgx's decoders.
func TestPgxTypes(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const q = `select 12::int2 as i2, -123456::int4 as i4, 9000000000::int8 as i8,
	1234.56::numeric(10,2) as num, -0.000123::numeric(12,6) as small_num, 1.5::float4 as f4, 2.25::float8 as f8,
	'text value'::text as txt, 'vc'::varchar(10) as vc, 'ch'::char(4) as ch, true as b,
	date '2024-02-29' as d, timestamp '2024-02-29 13:14:15.123456' as ts,
	timestamptz '2024-02-29 13:14:15+00' as tstz, interval '1 day 02:03:04' as iv,
	null::int4 as nul`
	for _, m := range pgxModes {
		t.Run(m.name, func(t *testing.T) {
			conn := pgxConnect(ctx, t, s, m.mode)
			var (
				i2        int16
				i4        int32
				i8        int64
				num, snum pgtype.Numeric
				f4        float32
				f8        float64
				txt, vc   string
				ch        string
				b         bool
				d, ts     time.Time
				tstz      time.Time
				iv        pgtype.Interval
				nul       *int32
			)
			rows, err := conn.Query(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			fds := rows.FieldDescriptions()
			rows.Close()
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			wantOIDs := []uint32{21, 23, 20, 1700, 1700, 700, 701, 25, 1043, 1042, 16, 1082, 1114, 1184, 1186, 23}
			for i, fd := range fds {
				if i < len(wantOIDs) && fd.DataTypeOID != wantOIDs[i] {
					t.Errorf("column %s: type OID %d, want %d", fd.Name, fd.DataTypeOID, wantOIDs[i])
				}
				// pgx asks for binary results when it knows the column types
				// before executing, except text-like ones it reads as text.
				textLike := fd.DataTypeOID == 25 || fd.DataTypeOID == 1043 || fd.DataTypeOID == 1042
				described := m.mode != pgx.QueryExecModeSimpleProtocol && m.mode != pgx.QueryExecModeExec
				if described && !textLike && fd.Format != pgx.BinaryFormatCode {
					t.Errorf("column %s: result format %d, want binary", fd.Name, fd.Format)
				}
			}
			err = conn.QueryRow(ctx, q).Scan(&i2, &i4, &i8, &num, &snum, &f4, &f8, &txt, &vc, &ch, &b, &d, &ts, &tstz, &iv, &nul)
			if err != nil {
				t.Fatal(err)
			}
			checks := []struct {
				name      string
				got, want any
			}{
				{"int2", i2, int16(12)},
				{"int4", i4, int32(-123456)},
				{"int8", i8, int64(9000000000)},
				{"numeric", numericString(num), "1234.56"},
				{"small numeric", numericString(snum), "-0.000123"},
				{"float4", f4, float32(1.5)},
				{"float8", f8, 2.25},
				{"text", txt, "text value"},
				{"varchar", vc, "vc"},
				{"char", ch, "ch  "},
				{"bool", b, true},
				{"date", d.Format("2006-01-02"), "2024-02-29"},
				{"timestamp", ts.Format("2006-01-02 15:04:05.000000"), "2024-02-29 13:14:15.123456"},
				{"timestamptz", tstz.UTC().Format(time.RFC3339), "2024-02-29T13:14:15Z"},
				{"interval", [3]int64{int64(iv.Months), int64(iv.Days), iv.Microseconds}, [3]int64{0, 1, (2*3600 + 3*60 + 4) * 1e6}},
				{"null", nul == nil, true},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

// TestPgxParams binds parameters of each type in every mode (the extended
// modes send them in binary, the simple protocol interpolates them).
func TestPgxParams(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, m := range pgxModes {
		t.Run(m.name, func(t *testing.T) {
			conn := pgxConnect(ctx, t, s, m.mode)
			var name string
			var region int32
			err := conn.QueryRow(ctx, `select n_name, n_regionkey from nation where n_nationkey = $1`, 7).Scan(&name, &region)
			if err != nil {
				t.Fatal(err)
			}
			if name != "GERMANY                  " && name != "GERMANY" || region != 3 {
				t.Errorf("nation 7 = %q, %d", name, region)
			}
			var n int64
			err = conn.QueryRow(ctx, `select count(*) from orders where o_orderdate >= $1 and o_orderdate < $2 and o_orderstatus = $3 and o_totalprice > $4`,
				time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC), "F", numeric(t, "1000.50")).Scan(&n)
			if err != nil {
				t.Fatal(err)
			}
			var want int64
			if err := conn.QueryRow(ctx, `select count(*) from orders where o_orderdate >= date '1995-01-01' and o_orderdate < date '1996-01-01' and o_orderstatus = 'F' and o_totalprice > 1000.50`).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if n != want || n == 0 {
				t.Errorf("count with parameters %d, with literals %d", n, want)
			}
			var sum pgtype.Numeric
			var txt string
			var isNull *string
			var f float64
			var ok bool
			err = conn.QueryRow(ctx, `select $1::int8 + 1, $2::text || '!', $3::varchar, $4::float8 * 2, $5::bool`,
				int64(41), "it's", nil, 1.25, true).Scan(&sum, &txt, &isNull, &f, &ok)
			if err != nil {
				t.Fatal(err)
			}
			if numericString(sum) != "42" || txt != "it's!" || isNull != nil || f != 2.5 || !ok {
				t.Errorf("got %s %q %v %v %v", numericString(sum), txt, isNull, f, ok)
			}
			var scaled pgtype.Numeric
			if err := conn.QueryRow(ctx, `select $1::numeric(10,2)`, numeric(t, "0.19")).Scan(&scaled); err != nil {
				t.Fatal(err)
			}
			if got := numericString(scaled); got != "0.19" {
				failOrGap(t, "pgx/decimal_param_scale/"+m.name, "$1::numeric(10,2) with 0.19 gave %s", got)
			} else {
				gapPassed(t, "pgx/decimal_param_scale/"+m.name)
			}
			// The same statement again, now from the statement cache.
			for i := 0; i < 3; i++ {
				if err := conn.QueryRow(ctx, `select n_name from nation where n_nationkey = $1`, i).Scan(&name); err != nil {
					t.Fatalf("run %d: %v", i, err)
				}
			}
		})
	}
}

// TestPgxCopyFrom loads rows with pgx CopyFrom (binary COPY FROM STDIN).
func TestPgxCopyFrom(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
	for _, q := range []string{`drop table if exists pgx_copy`,
		`create table pgx_copy (id int4, big int8, name varchar(20), amount numeric(12,2), d date, ts timestamp, f float8, ok boolean)`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	const n = 5000
	rows := make([][]any, n)
	for i := range rows {
		var name any = fmt.Sprintf("name %d", i)
		if i%10 == 0 {
			name = nil
		}
		rows[i] = []any{int32(i), int64(i) * 1_000_000_007, name, numeric(t, fmt.Sprintf("%d.%02d", i, i%100)),
			time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i),
			time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second), float64(i) / 4, i%2 == 0}
	}
	cnt, err := conn.CopyFrom(ctx, pgx.Identifier{"pgx_copy"}, []string{"id", "big", "name", "amount", "d", "ts", "f", "ok"}, pgx.CopyFromRows(rows))
	if err != nil {
		t.Fatal(err)
	}
	if cnt != n {
		t.Errorf("CopyFrom copied %d rows, want %d", cnt, n)
	}
	var count, nulls int64
	var sumID int64
	var sumAmount pgtype.Numeric
	var maxD time.Time
	err = conn.QueryRow(ctx, `select count(*), count(*) - count(name), sum(id), sum(amount), max(d) from pgx_copy`).Scan(&count, &nulls, &sumID, &sumAmount, &maxD)
	if err != nil {
		t.Fatal(err)
	}
	if count != n || nulls != n/10 || sumID != n*(n-1)/2 {
		t.Errorf("count %d nulls %d sum(id) %d", count, nulls, sumID)
	}
	wantAmount := new(big.Rat)
	for i := 0; i < n; i++ {
		r, _ := new(big.Rat).SetString(fmt.Sprintf("%d.%02d", i, i%100))
		wantAmount.Add(wantAmount, r)
	}
	if got := numericString(sumAmount); got != wantAmount.FloatString(2) {
		t.Errorf("sum(amount) %s, want %s", got, wantAmount.FloatString(2))
	}
	if maxD.Format("2006-01-02") != time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n-1).Format("2006-01-02") {
		t.Errorf("max(d) %v", maxD)
	}
	var id int32
	var ts time.Time
	var ok bool
	if err := conn.QueryRow(ctx, `select id, ts, ok from pgx_copy where id = 4321`).Scan(&id, &ts, &ok); err != nil {
		t.Fatal(err)
	}
	if !ts.Equal(time.Date(2020, 1, 1, 1, 12, 1, 0, time.UTC)) || ok {
		t.Errorf("row 4321: ts %v ok %v", ts, ok)
	}
}

// TestPgxCancel cancels a long query twice: with an explicit CancelRequest
// and through a context whose handler sends one. Both must end the query
// with 57014 and leave the session usable.
func TestPgxCancel(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t.Run("cancel_request", func(t *testing.T) {
		conn := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
		errc := make(chan error, 1)
		go func() {
			var n int64
			errc <- conn.QueryRow(ctx, slowQuery).Scan(&n)
		}()
		// Cancel until the query ends: a request that arrives before the
		// query started is (correctly) ignored by the server.
		var err error
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
	wait:
		for {
			select {
			case err = <-errc:
				break wait
			case <-tick.C:
				if cerr := conn.PgConn().CancelRequest(ctx); cerr != nil {
					t.Fatalf("CancelRequest: %v", cerr)
				}
			}
		}
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
			t.Fatalf("cancelled query returned %v, want SQLSTATE 57014", err)
		}
		checkUsable(ctx, t, conn)
	})
	t.Run("context", func(t *testing.T) {
		cfg, err := pgx.ParseConfig(s.url())
		if err != nil {
			t.Fatal(err)
		}
		cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
			return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 20 * time.Second}
		}
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		qctx, qcancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer qcancel()
		var n int64
		err = conn.QueryRow(qctx, slowQuery).Scan(&n)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
			t.Fatalf("query under a cancelled context returned %v, want SQLSTATE 57014", err)
		}
		checkUsable(ctx, t, conn)
	})
}

func checkUsable(ctx context.Context, t *testing.T, conn *pgx.Conn) {
	t.Helper()
	var one int32
	if err := conn.QueryRow(ctx, "select 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("session after cancel: %v %v", one, err)
	}
}

// TestPgxTransactions checks commit, rollback, an aborted transaction
// (25P02 until ROLLBACK) and that a rollback discards the writes.
func TestPgxTransactions(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
	other := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
	for _, q := range []string{`drop table if exists pgx_tx`, `create table pgx_tx (id int4, v varchar(10))`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	count := func(c *pgx.Conn) int64 {
		t.Helper()
		var n int64
		if err := c.QueryRow(ctx, `select count(*) from pgx_tx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `insert into pgx_tx values ($1, $2), ($3, $4)`, 1, "a", 2, "b"); err != nil {
		t.Fatal(err)
	}
	if got := count(other); got != 0 {
		t.Errorf("another session sees %d uncommitted rows", got)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count(other); got != 2 {
		t.Errorf("after commit another session sees %d rows, want 2", got)
	}

	tx, err = conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `insert into pgx_tx values (3, 'c')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count(conn); got != 2 {
		t.Errorf("after rollback %d rows, want 2", got)
	}

	tx, err = conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `select 1/0`); err == nil {
		t.Fatal("1/0 succeeded")
	}
	_, err = tx.Exec(ctx, `select 1`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "25P02" {
		t.Errorf("statement in an aborted transaction: %v, want 25P02", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	checkUsable(ctx, t, conn)
}

// TestPgxErrors checks SQLSTATE, message and position of errors in both
// protocols, and that the session goes on afterwards.
func TestPgxErrors(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tests := []struct {
		sql      string
		code     string
		position int32 // 0: not checked
	}{
		{`select * from no_such_table`, "42P01", 15},
		{`select no_such_col from nation`, "42703", 8},
		{`selec 1`, "42601", 1},
		{`select 1 from nation where`, "42601", 0},
		{`select 1/0`, "22012", 0},
		{`select 'abc'::int4`, "22P02", 0},
		{`insert into nation values (1)`, "", 0}, // some error (NOT NULL or column count): the code varies by engine
	}
	for _, m := range pgxModes {
		t.Run(m.name, func(t *testing.T) {
			conn := pgxConnect(ctx, t, s, m.mode)
			for _, tc := range tests {
				_, err := conn.Exec(ctx, tc.sql)
				var pgErr *pgconn.PgError
				if !errors.As(err, &pgErr) {
					t.Errorf("%s: got %v, want a server error", tc.sql, err)
					continue
				}
				if tc.code != "" && pgErr.Code != tc.code {
					t.Errorf("%s: SQLSTATE %s (%s), want %s", tc.sql, pgErr.Code, pgErr.Message, tc.code)
				}
				if pgErr.Severity != "ERROR" || pgErr.Message == "" {
					t.Errorf("%s: severity %q message %q", tc.sql, pgErr.Severity, pgErr.Message)
				}
				if tc.position != 0 && pgErr.Position != tc.position {
					t.Errorf("%s: position %d, want %d", tc.sql, pgErr.Position, tc.position)
				}
				checkUsable(ctx, t, conn)
			}
		})
	}
}

// TestPgxBatch sends several queries in one round trip (pgx's Batch: many
// Parse/Bind/Execute before one Sync).
func TestPgxBatch(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
	b := &pgx.Batch{}
	for i := 0; i < 25; i++ {
		b.Queue(`select n_name from nation where n_nationkey = $1`, i)
	}
	b.Queue(`select count(*) from region`)
	br := conn.SendBatch(ctx, b)
	for i := 0; i < 25; i++ {
		var name string
		if err := br.QueryRow().Scan(&name); err != nil {
			t.Fatalf("batch row %d: %v", i, err)
		}
	}
	var n int64
	if err := br.QueryRow().Scan(&n); err != nil || n != 5 {
		t.Fatalf("count(region) in batch = %d, %v", n, err)
	}
	if err := br.Close(); err != nil {
		t.Fatal(err)
	}
}
