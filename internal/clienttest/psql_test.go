package clienttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused/internal/tpchtest"
)

// psql runs the real psql binary with -X (no psqlrc) and -v ON_ERROR_STOP=1,
// feeding script on stdin.
func psql(ctx context.Context, t *testing.T, s *server, script string, args ...string) result {
	t.Helper()
	bin := lookClient(t, "psql")
	args = append([]string{"-X", "-v", "ON_ERROR_STOP=1", "-q"}, args...)
	return runClient(ctx, t, s, script, bin, args...)
}

// TestPsqlMeta runs psql's backslash commands, each in its own psql so a
// failure names the command, and checks the output names what it should.
func TestPsqlMeta(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	lookClient(t, "psql")
	tests := []struct {
		name   string
		script string
		want   []string // substrings of stdout
	}{
		{"conninfo", `\conninfo`, []string{"You are connected to database", `user "` + s.user + `"`, s.port}},
		{"version", `select version();`, []string{"PostgreSQL"}},
		{"list databases", `\l`, []string{s.database, "Name", "Owner", "Encoding"}},
		{"list schemas", `\dn`, []string{"public", "List of schemas"}},
		{"list tables", `\dt`, []string{"lineitem", "orders", "nation", "region", "table"}},
		{"describe", `\d lineitem`, []string{`Table "public.lineitem"`, "l_orderkey", "integer", "l_extendedprice", "numeric(15,2)", "l_shipdate", "date", "l_comment", "character varying(44)", "not null"}},
		{"describe plus", `\d+ lineitem`, []string{`Table "public.lineitem"`, "l_orderkey", "Storage", "plain", "extended"}},
		{"describe pattern", `\d nat*`, []string{`Table "public.nation"`, "n_nationkey", "n_name", "character(25)"}},
		{"list functions", `\df`, []string{"List of functions", "Schema", "Name"}},
		{"expanded", "\\x\nselect n_nationkey, n_name from nation where n_nationkey = 7;", []string{"-[ RECORD 1 ]", "n_nationkey | 7", "GERMANY"}},
		{"aligned", `select r_regionkey, r_name from region order by 1;`, []string{"r_regionkey |", "AFRICA", "MIDDLE EAST", "(5 rows)"}},
		{"list tables plus", `\dt+`, []string{"lineitem", "Size", "Description"}},
		{"list schemas plus", `\dn+`, []string{"public", "Access privileges"}},
		{"list databases plus", `\l+`, []string{s.database, "Size"}},
		{"list views", `\dv`, []string{"psql_view", "view"}},
		{"describe view", `\d+ psql_view`, []string{`View "public.psql_view"`, "r_name", "View definition"}},
		{"list roles", `\du`, []string{s.user, "Superuser"}},
		{"list indexes", `\di`, nil},
		{"list sequences", `\ds`, nil},
		{"list types", `\dT`, nil},
		{"list privileges", `\dp nation`, []string{"nation", "Access privileges"}},
		{"list extensions", `\dx`, nil},
		{"list tablespaces", `\db`, nil},
		{"list system tables", `\dtS pg_class`, []string{"pg_class"}},
		{"object descriptions", `\dd`, nil},
		{"function source", `\sf version`, []string{"version"}},
	}
	r := psql(ctx, t, s, "drop view if exists psql_view;\ncreate view psql_view as select r_regionkey, r_name from region;\n")
	if r.code != 0 {
		t.Fatalf("create view: %s", r.stderr)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := "psql/" + strings.Fields(tc.script)[0]
			r := psql(ctx, t, s, tc.script)
			if r.code != 0 {
				failOrGap(t, key, "psql exited %d\nstdin: %s\nstderr: %s\nstdout: %s", r.code, tc.script, r.stderr, r.stdout)
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					failOrGap(t, key, "output lacks %q:\n%s", w, r.stdout)
					return
				}
			}
			gapPassed(t, key)
		})
	}
}

// TestPsqlCopy round-trips rows through \copy FROM a file and \copy (query)
// TO a file, which psql turns into COPY ... FROM STDIN / TO STDOUT.
func TestPsqlCopy(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	lookClient(t, "psql")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	out := filepath.Join(dir, "out.csv")
	outText := filepath.Join(dir, "out.txt")
	data := "1,alpha,2024-01-31,1.50\n2,\"be,ta\",2024-02-29,-2.25\n3,,1999-12-31,\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf(`DROP TABLE IF EXISTS psql_copy;
CREATE TABLE psql_copy (id INTEGER, name VARCHAR(20), d DATE, amount DECIMAL(10,2));
\copy psql_copy from '%s' with (format csv)
\copy (select id, name, d, amount from psql_copy order by id) to '%s' with (format csv)
\copy psql_copy to '%s'
select count(*) as n from psql_copy;
`, in, out, outText)
	r := psql(ctx, t, s, script)
	if r.code != 0 {
		t.Fatalf("psql exited %d\nstderr: %s\nstdout: %s", r.code, r.stderr, r.stdout)
	}
	if !strings.Contains(r.stdout, " 3\n") {
		t.Errorf("count after \\copy from: %s", r.stdout)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != data {
		t.Errorf("\\copy (select) to csv:\n got %q\nwant %q", got, data)
	}
	got, err = os.ReadFile(outText)
	if err != nil {
		t.Fatal(err)
	}
	wantText := "1\talpha\t2024-01-31\t1.50\n2\tbe,ta\t2024-02-29\t-2.25\n3\t\\N\t1999-12-31\t\\N\n"
	if !sameLines(string(got), wantText) {
		t.Errorf("\\copy to text:\n got %q\nwant %q (any row order)", got, wantText)
	}
}

// sameLines compares two texts as multisets of lines (a table copy has no order).
func sameLines(a, b string) bool {
	la := strings.Split(strings.TrimSuffix(a, "\n"), "\n")
	lb := strings.Split(strings.TrimSuffix(b, "\n"), "\n")
	if len(la) != len(lb) {
		return false
	}
	count := map[string]int{}
	for _, l := range la {
		count[l]++
	}
	for _, l := range lb {
		count[l]--
		if count[l] < 0 {
			return false
		}
	}
	return true
}

// TestPsqlErrors checks that errors reach psql with their SQLSTATE (shown
// under VERBOSITY verbose), a cursor position, and a failing exit code.
func TestPsqlErrors(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	lookClient(t, "psql")
	tests := []struct {
		name string
		sql  string
		want []string // substrings of stderr
	}{
		{"undefined table", "select * from no_such_table;", []string{"ERROR:  42P01:", "no_such_table"}},
		{"undefined column", "select no_such_column from nation;", []string{"ERROR:  42703:", "no_such_column"}},
		{"syntax", "selec 1;", []string{"ERROR:  42601:", "LINE 1: selec 1;", "^"}},
		{"division by zero", "select 1/0;", []string{"ERROR:  22012:", "division by zero"}},
		{"bad cast", "select 'abc'::integer;", []string{"ERROR:  22P02:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := psql(ctx, t, s, "\\set VERBOSITY verbose\n"+tc.sql+"\nselect 'not reached';\n")
			if r.code != 3 {
				t.Errorf("exit code %d, want 3 (ON_ERROR_STOP)\nstderr: %s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if strings.Contains(r.stdout, "not reached") {
				t.Errorf("psql went on after the error: %s", r.stdout)
			}
		})
	}
	// Without ON_ERROR_STOP the session survives the error and goes on.
	bin := lookClient(t, "psql")
	r := runClient(ctx, t, s, "select 1/0;\nselect 'still here' as s;\n", bin, "-X", "-A", "-t")
	if r.code != 0 || !strings.Contains(r.stdout, "still here") {
		t.Errorf("session after an error: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// A failed statement inside a transaction aborts it until ROLLBACK.
	r = runClient(ctx, t, s, "begin;\nselect 1/0;\nselect 1;\nrollback;\nselect 'after rollback';\n",
		bin, "-X", "-A", "-t", "-v", "VERBOSITY=verbose")
	if !strings.Contains(r.stderr, "25P02") || !strings.Contains(r.stdout, "after rollback") {
		t.Errorf("aborted transaction: stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// TestPsqlTPCH runs the 22 TPC-H queries at SF0.1 through psql --csv and
// compares with ../shared/tpch/answers/sf0.1 under tpchtest's rules.
func TestPsqlTPCH(t *testing.T) {
	s := bigEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	lookClient(t, "psql")
	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(fx.tpchDir, "queries", name+".sql")
			want, err := tpchtest.ReadAnswer(filepath.Join(fx.tpchDir, "answers", "sf0.1", name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			r := psql(ctx, t, s, "", "--csv", "-f", path)
			if r.code != 0 {
				t.Fatalf("psql exited %d: %s", r.code, r.stderr)
			}
			got, err := tpchtest.ParseAnswer(name, r.stdout)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Header) != len(want.Header) {
				t.Fatalf("columns %v, want %v", got.Header, want.Header)
			}
			if d := tpchtest.RowsMatch(want.Rows, got.Rows); d != "" {
				t.Fatal(d)
			}
		})
	}
}
