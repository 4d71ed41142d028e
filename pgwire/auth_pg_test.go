package pgwire

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/warehoused/warehoused"
)

// TestVerifiersAgainstPostgreSQL checks that verifiers PostgreSQL stores
// (SCRAM-SHA-256 and MD5) are read and checked by UserSecret as PostgreSQL
// checks them, when WAREHOUSED_TEST_PG names a server we may create roles on.
func TestVerifiersAgainstPostgreSQL(t *testing.T) {
	dsn := os.Getenv("WAREHOUSED_TEST_PG")
	if dsn == "" {
		t.Skip("WAREHOUSED_TEST_PG is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	exec := func(sql string) [][][]byte {
		t.Helper()
		res := conn.ExecParams(ctx, sql, nil, nil, nil, nil).Read()
		if res.Err != nil {
			t.Fatalf("%s: %v", sql, res.Err)
		}
		return res.Rows
	}
	exec("DROP ROLE IF EXISTS wh_scram_probe")
	exec("DROP ROLE IF EXISTS wh_md5_probe")
	exec("SET password_encryption = 'scram-sha-256'")
	exec("CREATE ROLE wh_scram_probe PASSWORD 'Pässword1'")
	exec("SET password_encryption = 'md5'")
	exec("CREATE ROLE wh_md5_probe PASSWORD 'Password1'")
	defer exec("DROP ROLE wh_scram_probe")
	defer exec("DROP ROLE wh_md5_probe")
	scram := string(exec("SELECT rolpassword FROM pg_authid WHERE rolname = 'wh_scram_probe'")[0][0])
	md5 := string(exec("SELECT rolpassword FROM pg_authid WHERE rolname = 'wh_md5_probe'")[0][0])

	s := warehoused.UserSecret{Name: "wh_scram_probe", SCRAM: scram}
	if !s.CheckPassword("Pässword1") || s.CheckPassword("Password1") {
		t.Errorf("PostgreSQL's SCRAM verifier %q not checked as PostgreSQL does", scram)
	}
	m := warehoused.UserSecret{Name: "wh_md5_probe", MD5: md5}
	if !m.CheckPassword("Password1") || m.CheckPassword("Password2") {
		t.Errorf("PostgreSQL's MD5 hash %q not checked as PostgreSQL does", md5)
	}
	if want := "md5" + md5Hex("Password1wh_md5_probe"); md5 != want {
		t.Errorf("PostgreSQL stored %q, our form is %q", md5, want)
	}
}
