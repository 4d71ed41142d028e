package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "warehoused ") {
		t.Fatalf("%d %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "serve"); code == 0 {
		t.Fatal("serve without --data should fail")
	}
}

func TestSQLTable(t *testing.T) {
	code, out, errOut := runCLI(t, "", "sql", "-c", "CREATE TABLE t (a INT, b VARCHAR(10)); INSERT INTO t VALUES (1, 'x'), (22, NULL); SELECT a, b FROM t ORDER BY a")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "CREATE TABLE\nINSERT 0 2\n a  | b\n----+---\n  1 | x\n 22 |\n(2 rows)\n\n"
	if out != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestSQLCSV(t *testing.T) {
	code, out, errOut := runCLI(t, "", "sql", "--format", "csv", "-c", "SELECT 1 AS a, 'x,y' AS b, NULL AS c")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "a,b,c\n1,\"x,y\",\n" {
		t.Fatalf("got %q", out)
	}
}

func TestSQLError(t *testing.T) {
	code, _, errOut := runCLI(t, "", "sql", "-c", "SELECT * FROM nope")
	if code == 0 || !strings.Contains(errOut, "ERROR:  ") || !strings.Contains(errOut, "42P01") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestSQLInteractive(t *testing.T) {
	in := "CREATE TABLE t\n (a INT);\nINSERT INTO t VALUES (5);\nSELECT a\nFROM t;\n\\q\nSELECT 1;\n"
	code, out, errOut := runCLI(t, in, "sql")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, " a\n---\n 5\n(1 row)") {
		t.Fatalf("got %q", out)
	}
}

func TestComplete(t *testing.T) {
	for text, want := range map[string]bool{
		"select 1;":             true,
		"select ';'":            false,
		"select 1; -- x":        true,
		"select 1":              false,
		"select 'a;b';  \n ":    true,
		"select 'it''s';":       true,
		"select 'it''s;":        false,
		`select E'a\';';`:       true,
		`select E'a\';`:         false,
		`select e'\\';`:         true,
		"select /* ; */ 1":      false,
		"select /* ; */ 1;":     true,
		"select /* /* ; */":     false,
		"select /* /* */ */ 1;": true,
		"select $$a;b$$":        false,
		"select $$a;b$$;":       true,
		"select $f$ $$; $f$":    false,
		"select $f$ ; $f$;":     true,
		"select $1;":            true,
		"select a$b;":           true,
		"select \"a;\";":        true,
	} {
		if got := complete(text); got != want {
			t.Errorf("complete(%q) = %v", text, got)
		}
	}
}

// TestSQLCopyStdio: COPY FROM STDIN is PostgreSQL's (Redshift has none), so
// its text format is tab-separated as psql users expect.
func TestSQLCopyStdio(t *testing.T) {
	code, out, errOut := runCLI(t, "1\tx\n2\ty\n", "sql", "--format", "csv", "-c",
		"CREATE TABLE t (a INT, b TEXT); COPY t FROM STDIN; COPY (SELECT a, b FROM t ORDER BY a) TO STDOUT WITH (FORMAT csv)")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "1,x\n2,y\n" {
		t.Fatalf("got %q", out)
	}
}
