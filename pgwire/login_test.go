package pgwire

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestLoginThroughServer(t *testing.T) {
	for _, method := range []string{AuthSCRAM, AuthMD5, AuthPassword} {
		t.Run(method, func(t *testing.T) {
			ts := startServer(t, Config{AuthMethod: method})
			if _, err := ts.db.EnsureSuperuser(context.Background(), "alice", "Secret123"); err != nil {
				t.Fatal(err)
			}
			url := func(user, pw string) string {
				return fmt.Sprintf("postgres://%s:%s@%s/dev?sslmode=disable&connect_timeout=5", user, pw, ts.addr)
			}
			c, err := pgx.Connect(testCtx(t), url("alice", "Secret123"))
			if err != nil {
				t.Fatal(err)
			}
			var u string
			if err := c.QueryRow(testCtx(t), "select current_user").Scan(&u); err != nil || u != "alice" {
				t.Fatal(u, err)
			}
			if got := c.PgConn().ParameterStatus("is_superuser"); got != "on" {
				t.Errorf("is_superuser %q", got)
			}
			c.Close(context.Background())
			for _, bad := range [][2]string{{"alice", "wrong"}, {"nobody", "Secret123"}} {
				_, err := pgx.Connect(testCtx(t), url(bad[0], bad[1]))
				if sqlState(err) != "28P01" {
					t.Errorf("%s/%s: %v", bad[0], bad[1], err)
				}
			}
		})
	}
}
