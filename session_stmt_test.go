package warehoused

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
)

func TestSetTransactionNotices(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tests := []struct {
		setup, stmt string
		warn        bool
		code        sqlerr.Code
	}{
		{"", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", true, ""},
		{"BEGIN", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", false, ""},
		{"", "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", false, ""},
		{"", "DISCARD ALL", false, ""},
		{"BEGIN", "DISCARD ALL", false, sqlerr.ActiveSQLTransaction},
		{"", "LISTEN x", false, sqlerr.FeatureNotSupported},
		{"", "UNLISTEN *", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.setup+" "+tc.stmt, func(t *testing.T) {
			if tc.setup != "" {
				if _, err := c.Exec(ctx, tc.setup); err != nil {
					t.Fatal(err)
				}
				defer c.Exec(ctx, "ROLLBACK")
			}
			c.TakeNotices()
			_, err := c.Exec(ctx, tc.stmt)
			if got := sqlerr.CodeOf(err); err != nil && got != tc.code || err == nil && tc.code != "" {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
			ns := c.TakeNotices()
			if warned := len(ns) == 1 && ns[0].Code == sqlerr.NoActiveSQLTransaction; warned != tc.warn {
				t.Fatalf("notices %v, want warning %v", ns, tc.warn)
			}
			if v, _ := c.Setting("transaction_isolation"); v != "serializable" {
				t.Fatalf("transaction_isolation %q", v)
			}
		})
	}
}
