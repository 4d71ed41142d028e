package pgwire

import (
	"testing"
)

// TestMultiStatementImplicitTransaction checks that a multi-statement simple
// Query runs as one transaction, as in PostgreSQL.
func TestMultiStatementImplicitTransaction(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	pc := c.PgConn()
	if _, err := pc.Exec(ctx, "create table t (x int)").ReadAll(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		query   string
		wantErr bool
		want    int64  // count(*) after the query
		status  byte   // transaction status after the query
		finally string // run after checking, to reset
	}{
		{"error rolls back earlier statements", "insert into t values (1); select 1/0; insert into t values (2)", true, 0, 'I', ""},
		{"error in last statement", "insert into t values (1); insert into t values (2); select 1/0", true, 0, 'I', ""},
		{"success commits all", "insert into t values (1); insert into t values (2)", false, 2, 'I', "delete from t"},
		{"commit inside ends the block", "insert into t values (1); commit; insert into t values (2); select 1/0", true, 1, 'I', "delete from t"},
		{"rollback inside discards the block", "insert into t values (1); rollback; insert into t values (2)", false, 1, 'I', "delete from t"},
		{"begin inside adopts the block", "insert into t values (1); begin; insert into t values (2)", false, 2, 'T', "rollback"},
		{"error after begin leaves failed block", "insert into t values (1); begin; select 1/0", true, -1, 'E', "rollback"},
		{"explicit block in one string", "begin; insert into t values (1); commit", false, 1, 'I', "delete from t"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pc.Exec(ctx, tc.query).ReadAll()
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error %v", err, tc.wantErr)
			}
			if st := pc.TxStatus(); st != tc.status {
				t.Fatalf("transaction status %c, want %c", st, tc.status)
			}
			if tc.want >= 0 {
				var n int64
				if err := c.QueryRow(ctx, "select count(*) from t").Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != tc.want {
					t.Errorf("count %d, want %d", n, tc.want)
				}
			}
			if tc.finally != "" {
				if _, err := pc.Exec(ctx, tc.finally).ReadAll(); err != nil {
					t.Fatal(err)
				}
			}
			if tc.status == 'T' || tc.status == 'E' {
				// After the rollback nothing of the block stays.
				var n int64
				if err := c.QueryRow(ctx, "select count(*) from t").Scan(&n); err != nil || n != 0 {
					t.Fatalf("after rollback: count %d, %v", n, err)
				}
			}
		})
	}
}

// TestSingleStatementStillAutocommits checks a lone statement keeps autocommit.
func TestSingleStatementStillAutocommits(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	pc := c.PgConn()
	for _, q := range []string{"create table t (x int)", "insert into t values (1)"} {
		if _, err := pc.Exec(ctx, q).ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pc.Exec(ctx, "select 1/0").ReadAll(); err == nil {
		t.Fatal("1/0 did not fail")
	}
	var n int64
	if err := c.QueryRow(ctx, "select count(*) from t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("count %d, %v", n, err)
	}
}
