package warehoused

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func analyzeConn(t *testing.T, slices int) *Conn {
	t.Helper()
	_, c := openTestConn(t, Config{Slices: slices, BatchSize: 64})
	return c
}

func execAll(t *testing.T, c *Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := c.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func tableNamed(t *testing.T, c *Conn, name string) *catalog.Table {
	t.Helper()
	c.db.mu.Lock()
	cat := c.db.state.cat
	c.db.mu.Unlock()
	tb, err := cat.Lookup("", name, c.searchPath())
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestAnalyzeStats(t *testing.T) {
	c := analyzeConn(t, 3)
	execAll(t, c, "create table t (a int, b varchar(10), d date, p decimal(10,2)) distkey(a)")
	// 100 rows: a = i%10 except a = 7 three times as often; b NULL in every
	// fifth row; d spans 2024-01-01 .. +99 days.
	var vals []string
	for i := range 100 {
		a := i % 10
		if i%10 == 1 || i%10 == 2 {
			a = 7
		}
		b := fmt.Sprintf("'s%d'", i%4)
		if i%5 == 0 {
			b = "NULL"
		}
		vals = append(vals, fmt.Sprintf("(%d, %s, date '2024-01-01' + %d, %d.25)", a, b, i, i))
	}
	execAll(t, c, "insert into t values "+strings.Join(vals, ","))
	if st := tableNamed(t, c, "t").Stats; st != nil {
		t.Fatalf("stats before ANALYZE: %+v", st)
	}
	execAll(t, c, "analyze t")
	tb := tableNamed(t, c, "t")
	st := tb.Stats
	if st == nil || st.Rows != 100 || tb.RowCount != 100 || st.StatsOff(st.ChangeMark) != 0 || len(st.Columns) != 4 {
		t.Fatalf("stats: %+v", st)
	}
	a, b, d, p := st.Columns[0], st.Columns[1], st.Columns[2], st.Columns[3]
	if a.Min != int64(0) || a.Max != int64(9) || a.NullFrac != 0 || math.Abs(a.Distinct-8) > 0.5 {
		t.Errorf("a: %+v", a)
	}
	if len(a.MCV) == 0 || a.MCV[0] != int64(7) || math.Abs(a.MCVFreq[0]-0.3) > 1e-9 {
		t.Errorf("a MCV: %v %v", a.MCV, a.MCVFreq)
	}
	if b.NullFrac != 0.2 || b.Distinct != 4 || b.AvgWidth != 2 || b.Min != "s0" || b.Max != "s3" {
		t.Errorf("b: %+v", b)
	}
	if d.Max.(int64)-d.Min.(int64) != 99 || math.Abs(d.Distinct-100) > 2 {
		t.Errorf("d: %+v", d)
	}
	if p.Min != int64(25) || p.Max != int64(9925) {
		t.Errorf("p: %+v", p)
	}

	// Writes make the statistics stale: 25 of the 100 rows analyzed change.
	execAll(t, c, "update t set a = a + 1 where p < 25")
	if off := queryOne(t, c, `select stats_off from svv_table_info where "table" = 't'`); off != "25" {
		t.Errorf("stats_off after 25 changed rows: %v", off)
	}

	// A column list analyzes those columns and keeps the others' stats.
	execAll(t, c, "insert into t values (100, 'long', NULL, NULL)", "analyze t (b)")
	st2 := tableNamed(t, c, "t").Stats
	if st2.Rows != 101 || st2.StatsOff(st2.ChangeMark) != 0 || st2.ChangeMark != 126 || st2.Columns[1].Min != "long" {
		t.Errorf("after ANALYZE t (b): %+v", st2)
	}
	if !slices.Equal(st2.Columns[0].MCV, a.MCV) || st2.Columns[0].Max != int64(9) {
		t.Errorf("column a lost its stats: %+v", st2.Columns[0])
	}

	// ANALYZE alone covers every table.
	execAll(t, c, "create table u (x int)", "insert into u values (1), (NULL)", "analyze")
	if su := tableNamed(t, c, "u").Stats; su == nil || su.Columns[0].NullFrac != 0.5 {
		t.Errorf("u: %+v", su)
	}
	if _, err := c.Exec(context.Background(), "analyze nosuch"); sqlerr.CodeOf(err) != sqlerr.UndefinedTable {
		t.Errorf("missing table: %v", err)
	}
	if _, err := c.Exec(context.Background(), "analyze t (nosuch)"); sqlerr.CodeOf(err) != sqlerr.UndefinedColumn {
		t.Errorf("missing column: %v", err)
	}
}

// explainText runs EXPLAIN and returns its lines joined.
func explainText(t *testing.T, c *Conn, q string) string {
	t.Helper()
	rows, err := c.Query(context.Background(), "explain "+q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var sb strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		sb.WriteString(s + "\n")
	}
	return sb.String()
}

func TestAnalyzeEstimates(t *testing.T) {
	c := analyzeConn(t, 2)
	execAll(t, c, "create table e (k int, v int)",
		"insert into e select g, case when g <= 900 then 1 else g end from generate_series(1, 1000) g")
	q := "select * from e where v = 1"
	if got := explainText(t, c, q); !strings.Contains(got, "rows=100 ") {
		t.Errorf("before ANALYZE (fixed 0.1 guess):\n%s", got)
	}
	execAll(t, c, "analyze e")
	if got := explainText(t, c, q); !strings.Contains(got, "rows=900 ") {
		t.Errorf("after ANALYZE the common value's frequency:\n%s", got)
	}
	if got := explainText(t, c, "select * from e where k < 251"); !strings.Contains(got, "rows=250 ") {
		t.Errorf("range interpolation:\n%s", got)
	}
}

// TestColocatedJoinSQL joins DISTKEY tables through the real storage and
// compares with the same data distributed EVEN.
func TestColocatedJoinSQL(t *testing.T) {
	c := analyzeConn(t, 4)
	for _, style := range []string{"distkey(k)", "diststyle even"} {
		sfx := strings.Fields(strings.ReplaceAll(style, "(", " "))[0]
		execAll(t, c,
			fmt.Sprintf("create table o_%s (k int, x int) %s", sfx, style),
			fmt.Sprintf("create table l_%s (k int, y int) %s", sfx, style),
			fmt.Sprintf("insert into o_%s select g, g * 10 from generate_series(1, 300) g", sfx),
			fmt.Sprintf("insert into o_%s values (NULL, -1)", sfx),
			fmt.Sprintf("insert into l_%s select g %% 400, g from generate_series(1, 1200) g", sfx),
			fmt.Sprintf("insert into l_%s values (NULL, -2)", sfx))
	}
	q := "select count(*), count(o.k), count(l.k), sum(x), sum(y) from o_%[1]s o %[2]s join l_%[1]s l on o.k = l.k"
	for _, kind := range []string{"inner", "left", "right", "full"} {
		key := explainText(t, c, fmt.Sprintf(q, "distkey", kind))
		if !strings.Contains(key, "DS_DIST_NONE") {
			t.Errorf("%s join of DISTKEY tables:\n%s", kind, key)
		}
		if even := explainText(t, c, fmt.Sprintf(q, "diststyle", kind)); strings.Contains(even, "DS_DIST_NONE") {
			t.Errorf("%s join of EVEN tables:\n%s", kind, even)
		}
		want := queryText(t, c, fmt.Sprintf(q, "diststyle", kind))
		if got := queryText(t, c, fmt.Sprintf(q, "distkey", kind)); got != want {
			t.Errorf("%s join: co-located %s, broadcast %s", kind, got, want)
		}
	}
}

func queryText(t *testing.T, c *Conn, q string) string {
	t.Helper()
	rows, err := c.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	n := len(rows.Columns())
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return strings.Join(out, ";")
}

// TestDurableDistAndZoneMaps runs co-located joins and zone-map pruning
// over the durable column store, and checks that ALTER DISTKEY moves rows
// to the slices the new key puts them on.
func TestDurableDistAndZoneMaps(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{Slices: 3, BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	execAll(t, c,
		"create table a (k int, v int) distkey(k) sortkey(k)",
		"create table b (k int, w int) diststyle even",
		"insert into a select g, g from generate_series(1, 200000) g",
		"insert into b select g * 3, g from generate_series(1, 20000) g")
	q := "select count(*), sum(v), sum(w) from a join b on a.k = b.k"
	want := queryText(t, c, q)
	if ex := explainText(t, c, q); strings.Contains(ex, "DS_DIST_NONE") {
		t.Errorf("EVEN inner is not co-located:\n%s", ex)
	}
	execAll(t, c, "alter table b alter distkey k")
	if ex := explainText(t, c, q); !strings.Contains(ex, "DS_DIST_NONE") {
		t.Errorf("after ALTER DISTKEY:\n%s", ex)
	}
	if got := queryText(t, c, q); got != want {
		t.Errorf("after ALTER DISTKEY: %s, want %s", got, want)
	}
	ex := explainText(t, c, "analyze select count(*) from a where k between 1000 and 1999")
	if !strings.Contains(ex, "Blocks: read") || strings.Contains(ex, "skipped 0\n") {
		t.Errorf("zone maps skip no block:\n%s", ex)
	}

	// Statistics are part of the durable catalog.
	execAll(t, c, "analyze")
	c.Close()
	db.Close()
	db, err = Open(ctx, dir, Config{Slices: 3, BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err = db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := tableNamed(t, c, "a").Stats
	if st == nil || st.Rows != 200000 || st.Columns[0].Min != int64(1) || st.Columns[0].Max != int64(200000) {
		t.Fatalf("stats after reopening: %+v", st)
	}
	if got := queryText(t, c, q); got != want {
		t.Errorf("after reopening: %s, want %s", got, want)
	}
}

// queryOne returns the first column of the first row as text.
func queryOne(t *testing.T, c *Conn, sql string) string {
	t.Helper()
	rows, err := c.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("%s: no rows (%v)", sql, rows.Err())
	}
	v := rows.Values()[0]
	if v == nil {
		return "NULL"
	}
	return types.Format(rows.Columns()[0].Type, v)
}
