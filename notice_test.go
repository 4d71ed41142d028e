package warehoused_test

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
)

func TestNoticesRaised(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(ctx, "create table present (x int)"); err != nil {
		t.Fatal(err)
	}
	c.TakeNotices()
	cases := []struct {
		sql  string
		want []warehoused.Notice
	}{
		{"drop table if exists gone", []warehoused.Notice{{Severity: "NOTICE", Code: sqlerr.SuccessfulCompletion, Message: `table "gone" does not exist, skipping`}}},
		{"alter table if exists gone add column y int", []warehoused.Notice{{Severity: "NOTICE", Code: sqlerr.SuccessfulCompletion, Message: `relation "gone" does not exist, skipping`}}},
		{"create table if not exists present (x int)", []warehoused.Notice{{Severity: "NOTICE", Code: sqlerr.DuplicateTable, Message: `relation "present" already exists, skipping`}}},
		{"drop user if exists nobody", []warehoused.Notice{{Severity: "NOTICE", Code: sqlerr.SuccessfulCompletion, Message: `user "nobody" does not exist, skipping`}}},
		{"begin; begin; commit", []warehoused.Notice{{Severity: "WARNING", Code: sqlerr.ActiveSQLTransaction, Message: "there is already a transaction in progress"}}},
		{"commit", []warehoused.Notice{{Severity: "WARNING", Code: sqlerr.NoActiveSQLTransaction, Message: "there is no transaction in progress"}}},
		{"select 1", nil},
	}
	for _, tc := range cases {
		if _, err := c.Exec(ctx, tc.sql); err != nil {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		got := c.TakeNotices()
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("%s: notices %+v, want %+v", tc.sql, got, tc.want)
		}
	}
}

func TestImplicitTransactionBlock(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(ctx, "create table t (x int)"); err != nil {
		t.Fatal(err)
	}
	count := func() int64 {
		rows, err := c.Query(ctx, "select count(*) from t")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		rows.Next()
		return rows.Values()[0].(int64)
	}
	for _, commit := range []bool{false, true} {
		if err := c.BeginImplicit(); err != nil {
			t.Fatal(err)
		}
		if c.TxStatus() != 'I' {
			t.Fatalf("status %c inside an implicit block", c.TxStatus())
		}
		if _, err := c.Exec(ctx, "insert into t values (1)"); err != nil {
			t.Fatal(err)
		}
		if err := c.EndImplicit(commit); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(); n != 1 {
		t.Fatalf("count %d, want 1 (the rolled-back block left nothing)", n)
	}
	// BEGIN adopts the block: it stays open after EndImplicit.
	c.BeginImplicit()
	c.Exec(ctx, "insert into t values (2)")
	c.Exec(ctx, "begin")
	if err := c.EndImplicit(true); err != nil || c.TxStatus() != 'T' {
		t.Fatalf("after BEGIN: %v, status %c", err, c.TxStatus())
	}
	if _, err := c.Exec(ctx, "rollback"); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Fatalf("count %d, want 1", n)
	}
}
