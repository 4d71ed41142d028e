package clienttest

import (
	"context"
	"crypto/tls"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestAuthAndTLS starts servers with each password method and TLS, and
// logs in with psql (libpq) and pgx: right password over TLS works, a
// wrong one is refused with 28P01, an unknown database with 3D000.
func TestAuthAndTLS(t *testing.T) {
	env(t)
	if fx.bin == "" {
		t.Skip("needs a warehoused this package started (WAREHOUSED_CLIENTTEST_URL is set)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	psqlBin := lookClient(t, "psql")
	t.Run("prefer_without_tls", func(t *testing.T) {
		// libpq's default sslmode=prefer asks for TLS first; a server
		// without TLS answers 'N' and the login goes on in plain text.
		r := runClient(ctx, t, env(t), "\\conninfo\n", psqlBin, "-X", "-d", "sslmode=prefer")
		if r.code != 0 || strings.Contains(r.stdout, "SSL connection") || !strings.Contains(r.stdout, "You are connected") {
			t.Errorf("psql sslmode=prefer: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
	})
	for _, method := range []string{"scram-sha-256", "md5", "password"} {
		t.Run(method, func(t *testing.T) {
			s, err := startServer(ctx, fx.bin, filepath.Join(t.TempDir(), "db"), "--auth", method, "--tls-self-signed")
			if err != nil {
				t.Fatal(err)
			}
			defer s.stop()

			// psql over TLS: \conninfo names the SSL connection.
			r := runClient(ctx, t, s, "\\conninfo\nselect 'ok ' || current_user;\n", psqlBin, "-X", "-A", "-t",
				"-d", "sslmode=require")
			if r.code != 0 || !strings.Contains(r.stdout, "SSL connection") || !strings.Contains(r.stdout, "ok "+s.user) {
				t.Errorf("psql sslmode=require: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			// A wrong password: libpq reports the server's message.
			bad := *s
			bad.password = "wrong"
			r = runClient(ctx, t, &bad, "select 1;\n", psqlBin, "-X", "-d", "sslmode=require")
			if r.code != 2 || !strings.Contains(r.stderr, "authentication failed") {
				t.Errorf("psql with a wrong password: exit %d, stderr %q", r.code, r.stderr)
			}

			// pgx over TLS (not verifying the self-signed certificate).
			conn, err := pgx.Connect(ctx, strings.Replace(s.url(), "sslmode=disable", "sslmode=require", 1))
			if err != nil {
				t.Fatalf("pgx sslmode=require: %v", err)
			}
			if _, ok := conn.PgConn().Conn().(*tls.Conn); !ok {
				t.Errorf("pgx sslmode=require: connection is %T, not TLS", conn.PgConn().Conn())
			}
			checkUsable(ctx, t, conn)
			conn.Close(ctx)
			_, err = pgx.Connect(ctx, strings.Replace(bad.url(), "sslmode=disable", "sslmode=require", 1))
			wantPgError(t, err, "28P01", "pgx with a wrong password")
			noDB := *s
			noDB.database = "no_such_database"
			c, err := pgx.Connect(ctx, noDB.url())
			var pgErr *pgconn.PgError
			if err == nil {
				c.Close(ctx)
				failOrGap(t, "auth/unknown_database", "a login to database %q succeeded, want SQLSTATE 3D000", noDB.database)
			} else if !errors.As(err, &pgErr) || pgErr.Code != "3D000" {
				t.Errorf("login to an unknown database: %v, want SQLSTATE 3D000", err)
			}
		})
	}
}

func wantPgError(t *testing.T, err error, code, what string) {
	t.Helper()
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != code {
		t.Errorf("%s: %v, want SQLSTATE %s", what, err, code)
	}
}
