package pgwire

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestNotices checks that the engine's notices reach the client as
// NoticeResponse, as PostgreSQL words them.
func TestNotices(t *testing.T) {
	ts := startServer(t, Config{})
	var got []*pgconn.Notice
	cfg, err := pgx.ParseConfig(ts.connString(""))
	if err != nil {
		t.Fatal(err)
	}
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) { got = append(got, n) }
	ctx := testCtx(t)
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, "create table present (x int)"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query    string
		severity string
		code     string
		message  string
	}{
		{"drop table if exists missing", "NOTICE", "00000", `table "missing" does not exist, skipping`},
		{"drop view if exists missing", "NOTICE", "00000", `view "missing" does not exist, skipping`},
		{"drop schema if exists missing", "NOTICE", "00000", `schema "missing" does not exist, skipping`},
		{"create table if not exists present (x int)", "NOTICE", "42P07", `relation "present" already exists, skipping`},
		{"create schema if not exists public", "NOTICE", "42P06", `schema "public" already exists, skipping`},
		{"commit", "WARNING", "25P01", "there is no transaction in progress"},
		{"rollback", "WARNING", "25P01", "there is no transaction in progress"},
		{"begin; begin; rollback", "WARNING", "25001", "there is already a transaction in progress"},
		{"insert into present values (1); commit", "WARNING", "25P01", "there is no transaction in progress"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got = nil
			// Simple protocol (several statements allowed) and, for single
			// statements, the extended protocol too.
			modes := []bool{true}
			if !containsSemicolon(tc.query) {
				modes = append(modes, false)
			}
			for _, simple := range modes {
				got = nil
				var err error
				if simple {
					_, err = c.PgConn().Exec(ctx, tc.query).ReadAll()
				} else {
					_, err = c.Exec(ctx, tc.query)
				}
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 {
					t.Fatalf("simple=%v: %d notices, want 1: %+v", simple, len(got), got)
				}
				n := got[0]
				if n.Severity != tc.severity || n.Code != tc.code || n.Message != tc.message {
					t.Errorf("simple=%v: notice %s %s %q, want %s %s %q", simple, n.Severity, n.Code, n.Message, tc.severity, tc.code, tc.message)
				}
			}
		})
	}
	got = nil
	if _, err := c.Exec(ctx, "drop table present"); err != nil || len(got) != 0 {
		t.Fatalf("plain DROP: %v, notices %+v", err, got)
	}
}

func containsSemicolon(s string) bool {
	for _, r := range s {
		if r == ';' {
			return true
		}
	}
	return false
}
