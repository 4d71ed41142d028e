package pgwire

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestStartupDatabase: a login names the server's one database or fails with
// FATAL 3D000, as Redshift; the session reports Redshift's padb_version.
func TestStartupDatabase(t *testing.T) {
	ts := startServer(t, Config{})
	_, err := pgx.Connect(testCtx(t), fmt.Sprintf("postgres://tester@%s/nosuch?sslmode=disable", ts.addr))
	if sqlState(err) != "3D000" {
		t.Fatalf("login to a missing database: %v", err)
	}
	c := ts.connect(t)
	if v := c.PgConn().ParameterStatus("padb_version"); v == "" {
		t.Fatal("no padb_version")
	}
}
