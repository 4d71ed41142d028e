// Package clienttest is the end-to-end proof that real PostgreSQL clients
// work against `warehoused serve`: psql, pgx, pgjdbc, psycopg2 with
// SQLAlchemy, and node-postgres, plus 100 concurrent sessions and a client
// that vanishes mid-query.
//
// TestMain builds ./cmd/warehoused, starts one server loaded with TPC-H
// SF0.01 for every client and, unless -short, a second one loaded with
// SF0.1 (in the background) whose answers psql checks. A client that is not
// installed skips its test locally and fails it when CI=true;
// .ci/install-clients.sh installs them all.
//
// To develop the checks against another server (real PostgreSQL, say), set
// WAREHOUSED_CLIENTTEST_URL=postgres://user:pw@host:port/db (loaded with
// SF0.01) and optionally WAREHOUSED_CLIENTTEST_URL_SF01 (loaded with SF0.1).
package clienttest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warehoused/warehoused/internal/testenv"
	"github.com/warehoused/warehoused/internal/tpchtest"
)

// fixture is what TestMain prepared; tests read it through env(t).
type fixture struct {
	moduleRoot string
	tpchDir    string // ../shared/tpch
	tmp        string
	bin        string // the built warehoused ("" for an external server)

	small    *server // SF0.01
	smallErr error

	bigOnce sync.Once
	bigDone chan struct{} // closed when big/bigErr are set
	big     *server       // SF0.1
	bigErr  error
}

var fx fixture

// setupTimeout bounds building, starting and loading.
const setupTimeout = 5 * time.Minute

func TestMain(m *testing.M) {
	code := run(m)
	os.Exit(code)
}

func run(m *testing.M) int {
	flag.Parse() // testing.Short below needs the flags
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	fx.bigDone = make(chan struct{})
	tmp, err := os.MkdirTemp("", "clienttest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fx.tmp = tmp
	defer os.RemoveAll(tmp)
	fx.smallErr = setupSmall(ctx)
	if fx.smallErr == nil && !testing.Short() && selected("TestPsqlTPCH") {
		// SF0.1 loads while the other tests run; only the psql answers
		// test waits for it.
		go func() {
			defer close(fx.bigDone)
			fx.big, fx.bigErr = setupBig(ctx)
		}()
	} else {
		fx.bigErr = fx.smallErr
		if fx.bigErr == nil {
			fx.bigErr = errors.New("the SF0.1 server was not started (-short, or -run excludes TestPsqlTPCH)")
		}
		close(fx.bigDone)
	}
	code := m.Run()
	<-fx.bigDone
	fx.small.stop()
	fx.big.stop()
	return code
}

// selected reports whether -test.run (if given) matches the test name, so
// a run of other tests does not load SF0.1.
func selected(name string) bool {
	f := flag.Lookup("test.run")
	if f == nil || f.Value.String() == "" {
		return true
	}
	first, _, _ := strings.Cut(f.Value.String(), "/")
	re, err := regexp.Compile(first)
	return err != nil || re.MatchString(name)
}

// isCI is true on the CI machine, where every client must be present.
func isCI() bool { return os.Getenv("CI") == "true" }

// unavailable skips the test locally and fails it in CI.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if isCI() {
		t.Fatalf(format+" (CI requires it; run .ci/install-clients.sh)", args...)
	}
	t.Skipf(format, args...)
}

// env returns the SF0.01 server, skipping or failing when setup failed.
func env(t *testing.T) *server {
	t.Helper()
	if fx.smallErr != nil {
		unavailable(t, "server not available: %v", fx.smallErr)
	}
	if !fx.small.alive() {
		t.Fatalf("warehoused serve has exited; its stderr:\n%s", fx.small.logs())
	}
	return fx.small
}

// bigEnv waits for the SF0.1 server.
func bigEnv(t *testing.T) *server {
	t.Helper()
	if testing.Short() {
		t.Skip("SF0.1 runs without -short (CI runs it)")
	}
	<-fx.bigDone
	if fx.bigErr != nil {
		if errors.Is(fx.bigErr, errNoBigServer) {
			t.Skip(fx.bigErr)
		}
		unavailable(t, "SF0.1 server not available: %v", fx.bigErr)
	}
	return fx.big
}

var errNoBigServer = errors.New("WAREHOUSED_CLIENTTEST_URL is set without WAREHOUSED_CLIENTTEST_URL_SF01")

func setupSmall(ctx context.Context) error {
	root, err := testenv.ModuleRoot()
	if err != nil {
		return err
	}
	fx.moduleRoot = root
	fx.tpchDir = filepath.Join(testenv.SharedDir(root), "tpch")
	if _, err := os.Stat(filepath.Join(fx.tpchDir, "sf0.01.tar.zst")); err != nil {
		return fmt.Errorf("TPC-H data not found (%v); put ../shared beside the repository or set WAREHOUSED_SHARED", err)
	}
	var s *server
	if raw := os.Getenv("WAREHOUSED_CLIENTTEST_URL"); raw != "" {
		if s, err = externalServer(raw); err != nil {
			return err
		}
	} else {
		if err := checkServeExists(ctx, root); err != nil {
			return err
		}
		if s, err = startServer(ctx, fx.bin, filepath.Join(fx.tmp, "small-db")); err != nil {
			return err
		}
	}
	fx.small = s
	return loadScale(ctx, s, "sf0.01")
}

func setupBig(ctx context.Context) (*server, error) {
	var s *server
	var err error
	if os.Getenv("WAREHOUSED_CLIENTTEST_URL") != "" {
		raw := os.Getenv("WAREHOUSED_CLIENTTEST_URL_SF01")
		if raw == "" {
			return nil, errNoBigServer
		}
		if s, err = externalServer(raw); err != nil {
			return nil, err
		}
	} else if s, err = startServer(ctx, fx.bin, filepath.Join(fx.tmp, "big-db")); err != nil {
		return nil, err
	}
	if err := loadScale(ctx, s, "sf0.1"); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// checkServeExists builds warehoused and makes sure it has a serve
// subcommand (it did not before the wire server landed).
func checkServeExists(ctx context.Context, root string) error {
	bin, err := buildWarehoused(ctx, root, fx.tmp)
	if err != nil {
		return err
	}
	fx.bin = bin
	out, _ := execOutput(ctx, bin, "serve", "--help")
	if strings.Contains(out, "not implemented") {
		return fmt.Errorf("warehoused serve is not implemented yet: %s", strings.TrimSpace(out))
	}
	return nil
}

// loadScale unpacks one TPC-H scale and loads it with server-side COPY.
func loadScale(ctx context.Context, s *server, scale string) error {
	start := time.Now()
	dir := filepath.Join(fx.tmp, "tbl-"+scale)
	tblDir, err := tpchtest.Unpack(filepath.Join(fx.tpchDir, scale+".tar.zst"), dir)
	if err != nil {
		return err
	}
	// An external server reads the files as its own OS user.
	_ = filepath.Walk(fx.tmp, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			_ = os.Chmod(p, info.Mode().Perm()|0o055)
		}
		return nil
	})
	schema, err := os.ReadFile(filepath.Join(fx.tpchDir, "schema.sql"))
	if err != nil {
		return err
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", s.addr(), err)
	}
	defer conn.Close(ctx)
	if s.cmd == nil {
		for i := len(tpchtest.Tables) - 1; i >= 0; i-- {
			if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+tpchtest.Tables[i]+" CASCADE"); err != nil {
				return err
			}
		}
	}
	for _, stmt := range tpchtest.SchemaStatements(string(schema)) {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	for _, tbl := range tpchtest.Tables {
		q := fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", tbl, filepath.Join(tblDir, tbl+".tbl"))
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	if s.cmd == nil {
		// PostgreSQL plans TPC-H Q20 badly without statistics.
		if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
			return err
		}
	}
	if os.Getenv("CLIENTTEST_VERBOSE") != "" {
		fmt.Fprintf(os.Stderr, "clienttest: %s loaded in %v\n", scale, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
