package pgwire

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgproto3"
)

func TestSimpleAndExtendedQueries(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	if _, err := c.Exec(ctx, "create table t (a int, b varchar(20), c decimal(10,2), d timestamp, e double precision)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "insert into t values (1, 'one', 1.50, '2024-01-02 03:04:05', 0.5), (2, null, -2.25, null, null)"); err != nil {
		t.Fatal(err)
	}
	modes := []struct {
		name string
		mode pgx.QueryExecMode
	}{
		{"simple", pgx.QueryExecModeSimpleProtocol},
		{"extended-binary", pgx.QueryExecModeCacheStatement},
		{"extended-describe", pgx.QueryExecModeDescribeExec},
		{"extended-text", pgx.QueryExecModeExec},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			rows, err := c.Query(ctx, "select a, b, c::text, d, e from t where a >= $1 order by a", m.mode, 1)
			if err != nil {
				t.Fatal(err)
			}
			type row struct {
				a int32
				b *string
				c string
				d *time.Time
				e *float64
			}
			var got []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.a, &r.b, &r.c, &r.d, &r.e); err != nil {
					t.Fatal(err)
				}
				got = append(got, r)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].a != 1 || got[0].b == nil || *got[0].b != "one" || got[0].c != "1.50" ||
				got[0].d == nil || !got[0].d.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) || got[0].e == nil || *got[0].e != 0.5 {
				t.Fatalf("row 1: %+v", got)
			}
			if got[1].a != 2 || got[1].b != nil || got[1].c != "-2.25" || got[1].d != nil || got[1].e != nil {
				t.Fatalf("row 2: %+v", got[1])
			}
			if tag := rows.CommandTag().String(); tag != "SELECT 2" {
				t.Fatalf("tag %q", tag)
			}
		})
	}
}

func TestMultiStatementSimpleQuery(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	res, err := c.PgConn().Exec(testCtx(t), "create table m (x int); insert into m values (1),(2); select x from m order by x; select 'a' as s").ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, r := range res {
		tags = append(tags, r.CommandTag.String())
	}
	if got := strings.Join(tags, "|"); got != "CREATE TABLE|INSERT 0 2|SELECT 2|SELECT 1" {
		t.Fatalf("tags %s", got)
	}
	if len(res[2].Rows) != 2 || string(res[2].Rows[1][0]) != "2" || string(res[3].Rows[0][0]) != "a" {
		t.Fatalf("rows %q %q", res[2].Rows, res[3].Rows)
	}
	// An error stops the rest of the string and, the string being one
	// implicit transaction, rolls back the insert before it.
	res, err = c.PgConn().Exec(testCtx(t), "insert into m values (3); select * from nosuch; insert into m values (4)").ReadAll()
	if sqlState(err) != "42P01" {
		t.Fatalf("err %v", err)
	}
	var n int
	if err := c.QueryRow(testCtx(t), "select count(*) from m").Scan(&n); err != nil || n != 2 {
		t.Fatalf("count %d %v", n, err)
	}
	// Empty query.
	if _, err := c.PgConn().Exec(testCtx(t), " ; ").ReadAll(); err != nil {
		t.Fatal(err)
	}
}

func TestErrors(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	cases := []struct {
		sql  string
		code string
		pos  int32
	}{
		{"select * from nosuch", "42P01", 15},
		{"selec 1", "42601", 1},
		{"select 1; select nosuchcol from (select 1 as a) s", "42703", 18},
		{"select 1/0", "22012", 0},
	}
	for _, tc := range cases {
		_, err := c.PgConn().Exec(ctx, tc.sql).ReadAll()
		var pe *pgconn.PgError
		if !asPgError(err, &pe) || pe.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.sql, err, tc.code)
			continue
		}
		if tc.pos != 0 && pe.Position != tc.pos {
			t.Errorf("%s: position %d, want %d", tc.sql, pe.Position, tc.pos)
		}
		if pe.Severity != "ERROR" {
			t.Errorf("%s: severity %q", tc.sql, pe.Severity)
		}
	}
	// Extended protocol: the error at Parse, then the connection still works.
	if _, err := c.Exec(ctx, "select * from nosuch where x = $1", 1); sqlState(err) != "42P01" {
		t.Fatalf("extended: %v", err)
	}
	var one int
	if err := c.QueryRow(ctx, "select 1").Scan(&one); err != nil || one != 1 {
		t.Fatal(one, err)
	}
}

func asPgError(err error, pe **pgconn.PgError) bool {
	e, ok := err.(*pgconn.PgError)
	if ok {
		*pe = e
	}
	return ok
}

func TestTransactionStatus(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	pc := c.PgConn()
	if pc.TxStatus() != 'I' {
		t.Fatalf("status %c", pc.TxStatus())
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pc.TxStatus() != 'T' {
		t.Fatalf("after BEGIN %c", pc.TxStatus())
	}
	if _, err := tx.Exec(ctx, "select * from nosuch"); err == nil {
		t.Fatal("want error")
	}
	if pc.TxStatus() != 'E' {
		t.Fatalf("after error %c", pc.TxStatus())
	}
	if _, err := tx.Exec(ctx, "select 1"); sqlState(err) != "25P02" {
		t.Fatalf("in failed tx: %v", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if pc.TxStatus() != 'I' {
		t.Fatalf("after ROLLBACK %c", pc.TxStatus())
	}
}

func TestParameterStatus(t *testing.T) {
	ts := startServer(t, Config{})
	c, err := pgx.Connect(testCtx(t), ts.connString("&application_name=app1&timezone=America/New_York"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	pc := c.PgConn()
	want := map[string]string{"server_version": "8.0.2", "client_encoding": "UTF8", "DateStyle": "ISO, MDY",
		"integer_datetimes": "on", "standard_conforming_strings": "on", "application_name": "app1",
		"TimeZone": "America/New_York", "session_authorization": "tester", "server_encoding": "UTF8"}
	for k, v := range want {
		if got := pc.ParameterStatus(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if _, err := c.Exec(testCtx(t), "set application_name = 'app2'"); err != nil {
		t.Fatal(err)
	}
	if got := pc.ParameterStatus("application_name"); got != "app2" {
		t.Errorf("after SET: %q", got)
	}
	var user, db string
	if err := c.QueryRow(testCtx(t), "select current_user, current_database()").Scan(&user, &db); err != nil {
		t.Fatal(err)
	}
	if user != "tester" || db != "dev" {
		t.Errorf("current_user %q current_database %q", user, db)
	}
	if pc.PID() == 0 {
		t.Error("no BackendKeyData")
	}
}

func TestCancelAndTimeout(t *testing.T) {
	ts := startServer(t, Config{})
	// pgx's default on a canceled context is to break the connection; ask
	// it to send a CancelRequest instead, as libpq-based clients do.
	cfg, err := pgx.ParseConfig(ts.connString(""))
	if err != nil {
		t.Fatal(err)
	}
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: 20 * time.Second}
	}
	c, err := pgx.ConnectConfig(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	ctx, cancel := context.WithCancel(testCtx(t))
	go func() {
		time.Sleep(200 * time.Millisecond)
		cancel()
	}()
	var n int64
	err = c.QueryRow(ctx, "select count(*) from generate_series(1, 100000000000)").Scan(&n)
	if sqlState(err) != "57014" {
		t.Fatalf("cancel: %v", err)
	}
	if err := c.QueryRow(testCtx(t), "select 5").Scan(&n); err != nil || n != 5 {
		t.Fatal(n, err)
	}
	// The session survives a cancel.
	c2 := ts.connect(t)
	if _, err := c2.Exec(testCtx(t), "set statement_timeout = 100"); err != nil {
		t.Fatal(err)
	}
	err = c2.QueryRow(testCtx(t), "select count(*) from generate_series(1, 100000000000)").Scan(&n)
	if sqlState(err) != "57014" {
		t.Fatalf("statement_timeout: %v", err)
	}
	if err := c2.QueryRow(testCtx(t), "select 7").Scan(&n); err != nil || n != 7 {
		t.Fatal(n, err)
	}
}

func TestConnectionLimit(t *testing.T) {
	ts := startServer(t, Config{MaxConns: 2})
	ts.connect(t)
	ts.connect(t)
	_, err := pgx.Connect(testCtx(t), ts.connString(""))
	if sqlState(err) != "53300" {
		t.Fatalf("third connection: %v", err)
	}
}

func TestIdleSessionTimeout(t *testing.T) {
	ts := startServer(t, Config{IdleSessionTimeout: 100 * time.Millisecond})
	rc := ts.raw(t)
	rc.startup()
	msgs := rc.until('E')
	e := msgs[len(msgs)-1].(*pgproto3.ErrorResponse)
	if e.Code != "57P05" || e.Severity != "FATAL" {
		t.Fatalf("got %+v", e)
	}
	if !rc.closedByServer() {
		t.Fatal("connection left open")
	}
	// Inside a transaction block it is the idle-in-transaction timeout.
	rc = ts.raw(t)
	rc.startup()
	rc.send(&pgproto3.Query{String: "begin"})
	rc.until('Z')
	msgs = rc.until('E')
	if e := msgs[len(msgs)-1].(*pgproto3.ErrorResponse); e.Code != "25P03" {
		t.Fatalf("in transaction: %+v", e)
	}
}

func TestTLS(t *testing.T) {
	cfg, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{TLS: cfg})
	conn, err := pgx.Connect(testCtx(t), strings.Replace(ts.connString(""), "sslmode=disable", "sslmode=require", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if conn.PgConn().Conn() == nil {
		t.Fatal("no connection")
	}
	if _, ok := conn.PgConn().Conn().(interface{ ConnectionState() tls.ConnectionState }); !ok {
		t.Fatalf("connection is %T, not TLS", conn.PgConn().Conn())
	}
	var s string
	if err := conn.QueryRow(testCtx(t), "select 'secure'").Scan(&s); err != nil || s != "secure" {
		t.Fatal(s, err)
	}
	// PostgreSQL 17's direct TLS (no SSLRequest first).
	direct, err := pgx.Connect(testCtx(t), strings.Replace(ts.connString(""), "sslmode=disable", "sslmode=require&sslnegotiation=direct", 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := direct.QueryRow(testCtx(t), "select 'direct'").Scan(&s); err != nil || s != "direct" {
		t.Fatal(s, err)
	}
	direct.Close(context.Background())
	// Without TLS configured, sslmode=prefer falls back to plaintext.
	plain := startServer(t, Config{})
	c2, err := pgx.Connect(testCtx(t), strings.Replace(plain.connString(""), "sslmode=disable", "sslmode=prefer", 1))
	if err != nil {
		t.Fatal(err)
	}
	c2.Close(context.Background())
}
