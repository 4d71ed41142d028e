package clienttest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCheckProgram runs a client program that prints "PASS name" and
// "FAIL name: reason" lines and exits non-zero on a failure; every FAIL
// line becomes a test error unless client/name is a known gap.
func runCheckProgram(t *testing.T, s *server, client, dir string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = s.env()
	out, err := cmd.CombinedOutput()
	text := string(out)
	passes, fails, gaps := 0, 0, 0
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "PASS "):
			passes++
			gapPassed(t, client+"/"+strings.Fields(line)[1])
		case strings.HasPrefix(line, "FAIL "):
			check, _, _ := strings.Cut(strings.TrimPrefix(line, "FAIL "), ":")
			if key := client + "/" + check; isGap(key) {
				gaps++
				t.Logf("known gap %s (%s): %s", key, knownGaps[key], line)
				continue
			}
			fails++
			t.Error(line)
		}
	}
	if fails > 0 || (err != nil && gaps == 0) || passes == 0 {
		t.Errorf("%s exited with %v after %d passing checks; full output:\n%s", filepath.Base(name), err, passes, text)
		return
	}
	t.Logf("%d checks passed, %d known gaps", passes, gaps)
}

// TestJdbc runs clients/JdbcCheck.java with Debian's pgjdbc.
func TestJdbc(t *testing.T) {
	s := env(t)
	java := lookClient(t, "java")
	// A single-file source launch compiles in the JVM: it needs the JDK.
	lookClient(t, "javac")
	const jar = "/usr/share/java/postgresql.jar"
	if _, err := os.Stat(jar); err != nil {
		unavailable(t, "pgjdbc not installed (%v)", err)
	}
	runCheckProgram(t, s, "jdbc", "clients", java, "-cp", jar, "JdbcCheck.java", s.jdbcURL(), s.user, s.password)
}

// TestPsycopg runs clients/check_psycopg.py with Debian's python3 (a pyenv
// python3 earlier on PATH would lack the Debian modules).
func TestPsycopg(t *testing.T) {
	s := env(t)
	py := pythonModules(t, "psycopg2, sqlalchemy")
	runCheckProgram(t, s, "psycopg", "clients", py, "check_psycopg.py")
}

// TestNodePostgres runs clients/node/check.js with npm's pg.
func TestNodePostgres(t *testing.T) {
	s := env(t)
	node := lookClient(t, "node")
	if _, err := os.Stat(filepath.Join("clients", "node", "node_modules", "pg")); err != nil {
		unavailable(t, "npm package pg not installed in clients/node (%v)", err)
	}
	runCheckProgram(t, s, "node", filepath.Join("clients", "node"), node, "check.js")
}

// pythonModules skips (or fails in CI) unless Debian's python3 imports mods.
func pythonModules(t *testing.T, mods string) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if out, err := exec.Command(py, "-c", "import "+mods).CombinedOutput(); err != nil {
		unavailable(t, "%s with %s not available: %v %s", py, mods, err, out)
	}
	return py
}

// TestPsycopg3 runs clients/check_psycopg3.py (server-side binding,
// prepared statements, binary results, COPY, pipeline mode).
func TestPsycopg3(t *testing.T) {
	s := env(t)
	py := pythonModules(t, "psycopg")
	runCheckProgram(t, s, "psycopg3", "clients", py, "check_psycopg3.py")
}

// TestAsyncpg runs clients/check_asyncpg.py (binary protocol throughout,
// type introspection, portal cursors, binary COPY, a pool).
func TestAsyncpg(t *testing.T) {
	s := env(t)
	py := pythonModules(t, "asyncpg")
	runCheckProgram(t, s, "asyncpg", "clients", py, "check_asyncpg.py")
}

// TestODBC runs clients/check_odbc.py: psqlODBC through unixODBC and
// pyodbc, including Tableau's Declare/Fetch mode.
func TestODBC(t *testing.T) {
	s := env(t)
	py := pythonModules(t, "pyodbc")
	out, err := exec.Command(py, "-c", "import pyodbc; print(pyodbc.drivers())").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PostgreSQL Unicode") {
		unavailable(t, "psqlODBC driver not registered with unixODBC: %v %s", err, out)
	}
	runCheckProgram(t, s, "odbc", "clients", py, "check_odbc.py")
}
