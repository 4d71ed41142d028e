package bind

import (
	"fmt"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func bindSQL(t testing.TB, cat *fakeCatalog, text string) (plan.Node, error) {
	t.Helper()
	n, err := bindStmt(cat, parseOne(t, text))
	if err == errUnexpected {
		t.Fatalf("unexpected statement for %s", text)
	}
	return n, err
}

var errUnexpected = fmt.Errorf("unexpected statement")

func parseStmt(text string) (ast.Stmt, error) {
	ps, err := sql.Parse(text)
	if err != nil {
		return nil, err
	}
	if len(ps) != 1 {
		return nil, errUnexpected
	}
	return ps[0].Stmt, nil
}

func bindStmt(cat *fakeCatalog, st ast.Stmt) (plan.Node, error) {
	b := New(cat, nil)
	switch s := st.(type) {
	case *ast.SelectStmt:
		return b.BindSelect(s.Query)
	case *ast.InsertStmt:
		tab, err := cat.LookupTable(s.Table.Schema, s.Table.Name)
		if err != nil {
			return nil, err
		}
		return b.BindInsert(s, tab)
	case *ast.UpdateStmt:
		tab, err := cat.LookupTable(s.Table.Schema, s.Table.Name)
		if err != nil {
			return nil, err
		}
		return b.BindUpdate(s, tab)
	case *ast.DeleteStmt:
		tab, err := cat.LookupTable(s.Table.Schema, s.Table.Name)
		if err != nil {
			return nil, err
		}
		return b.BindDelete(s, tab)
	}
	return nil, errUnexpected
}

func schemaString(s plan.Schema) string {
	parts := make([]string, len(s))
	for i, c := range s {
		parts[i] = c.Name + ":" + c.Type.String()
	}
	return strings.Join(parts, ", ")
}

func TestBindSchemas(t *testing.T) {
	cat := newFakeCatalog(t)
	cases := []struct{ sql, want string }{
		{"select 1", "?column?:integer"},
		{"select 1 as x, 'a', 1.50, 3000000000", "x:integer, ?column?:text, ?column?:numeric(3,2), ?column?:bigint"},
		{"select * from t", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"select t.*, u.x from t, u where t.a = u.a", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5), x:text"},
		{"select count(*), sum(a), max(c), min(b) from t", "count:bigint, sum:bigint, max:numeric(10,2), min:text"},
		{"select a, count(*) from t group by a order by 2 desc", "a:integer, count:bigint"},
		{"select a + 1 as k, count(*) from t group by k", "k:integer, count:bigint"},
		{"select a + 1, count(*) from t group by a + 1 having count(*) > 1", "?column?:integer, count:bigint"},
		{"select coalesce(b, 'x'), nullif(a, 0), case when a > 1 then 'y' else b end from t", "coalesce:text, nullif:integer, case:text"},
		{"select cast(a as bigint), a::text, d + 1 from t", "a:bigint, a:text, ?column?:date"},
		{"select * from t where d < '2020-01-01' and b like 'a%' and a in (1, 2, 3)", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"select a from t union select a from u", "a:bigint"},
		{"select a, b from t union all select 1, null", "a:integer, b:text"},
		{"select distinct a, b from t order by a", "a:integer, b:text"},
		{"select distinct on (a) a, b from t order by a, b", "a:integer, b:text"},
		{"select a, row_number() over (partition by b order by c) from t", "a:integer, row_number:bigint"},
		{"select a, sum(c) over w from t window w as (order by a)", "a:integer, sum:numeric(38,2)"},
		{"select * from t join u using (a)", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5), x:text"},
		{"select * from t natural full join u", "a:bigint, b:text, c:numeric(10,2), d:date, v:character varying(5), x:text"},
		{"select * from generate_series(1, 10) g", "g:integer"},
		{"select * from generate_series(1, 10) as g(n)", "n:integer"},
		{"with x as (select a, b from t) select * from x, x y where x.a = y.a", "a:integer, b:text, a:integer, b:text"},
		{"with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) select n from r", "n:integer"},
		{"select * from va", "a:integer, bee:text"},
		{"select * from (select a, b from t) as s(x)", "x:integer, b:text"},
		{"select * from stv_slices", "node:integer, slice:integer"},
		{"select a from t where exists (select 1 from u where u.a = t.a)", "a:integer"},
		{"select a, (select max(x) from u where u.a = t.a) from t", "a:integer, max:text"},
		{"select a, exists (select 1 from u where u.a = t.a) as e from t", "a:integer, e:boolean"},
		{"select a, a in (select a from u) from t", "a:integer, ?column?:boolean"},
		{"select a from t where a not in (select a from u) or b is null", "a:integer"},
		{"select a from t where a > all (select a from u)", "a:integer"},
		{"select a, (select count(*) from u where u.a = t.a) as n from t", "a:integer, n:bigint"},
		{"select a, grouping(a), sum(c) from t group by rollup(a)", "a:integer, grouping:integer, sum:numeric(38,2)"},
		{"select a from t order by b limit 10 offset 2", "a:integer"},
		{"select a is distinct from 1, a > 1 is not true from t", "?column?:boolean, ?column?:boolean"},
		{"select a between 1 and 3, a not between symmetric 3 and 1 from t", "?column?:boolean, ?column?:boolean"},
		{"select percentile_cont(0.5) within group (order by c) from t", "percentile_cont:numeric(10,2)"},
		{"select * from t left join lateral (select x from u where u.a = t.a) s on true", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5), x:text"},
		{"values (1, 'a'), (2, null)", "column1:integer, column2:text"},
		{"select d - interval '1' day from t", "?column?:timestamp without time zone"},
		{"select a, sum(c), rank() over (order by sum(c) desc) from t group by a", "a:integer, sum:numeric(38,2), rank:bigint"},
		{"select b from t order by a, c + 1", "b:text"},
		{"select a, b, count(*) from t group by grouping sets ((a, b), (a), ())", "a:integer, b:text, count:bigint"},
		{"select a, b, count(*) from t group by cube (a, b)", "a:integer, b:text, count:bigint"},
		{"select a from t union select a from u order by a desc limit 3", "a:bigint"},
		{"select a from t intersect select a from u except select 1", "a:bigint"},
		{"select count(distinct b) filter (where a > 1), string_agg(b, ',' order by a) from t", "count:bigint, string_agg:text"},
		{"select upper(b), substring(b from 1 for 2), extract(year from d), date_trunc('month', d) from t", "upper:text, substring:text, extract:double precision, date_trunc:timestamp without time zone"},
		{"select -a, a % 2, 2 ^ 3, b || 'x' from t", "?column?:integer, ?column?:integer, ?column?:double precision, ?column?:text"},
		{"select lag(a, 1, 0) over (order by d), ntile(4) over (), first_value(b) over (partition by a order by d rows between 1 preceding and 1 following) from t", "lag:integer, ntile:bigint, first_value:text"},
		{"select a from t where b in (select x from u where u.a = t.a) and exists (select * from u where x like 'q%')", "a:integer"},
		{"select a from t where a = 1 or exists (select 1 from u where u.a = t.a)", "a:integer"},
		{"select case when exists (select 1 from u) then 1 else 2 end", "case:integer"},
		{"select * from t a1 full join t a2 on a1.a = a2.a", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5), a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"select x.* from (t join u on t.a = u.a) as x", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5), a:bigint, x:text"},
		{"select nvl(b, 'z'), nvl2(b, 1, 2), decode(a, 1, 'one', 2, 'two', 'many'), greatest(a, 2), least(c, 1) from t", "nvl:text, nvl2:integer, decode:text, greatest:integer, least:numeric(12,2)"},
		{"insert into t values (1, default, default, '2020-01-01', 'ab')", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"insert into t default values", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"with w as (select 1 as k) insert into u select k, 'x' from w", "a:bigint, x:text"},
		{"update t set c = (select max(a) from u where u.a = t.a)", "rowid:bigint, a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"delete from t where a in (select a from u)", "rowid:bigint"},
		{"select a from t where not exists (select 1 from u where not exists (select 1 from t t3 where t3.a = u.a and t3.b = t.b))", "a:integer"},
		{"select a, (select x from u where u.a = t.a order by x desc, a limit 1) from t", "a:integer, x:text"},
		{"select a from t where a = (select a from u where u.x = t.b limit 1 offset 1)", "a:integer"},
		{"select a from t where (a, b) in (select a, x from u) and (a, b) not in (select a, x from u) and (a, b) <> (1, 'x')", "a:integer"},
		{"select a from t t1 where a = (select max(a) from t t2 where t2.b = t1.b and t2.d > t1.d)", "a:integer"},
		{"select a, (select sum(c) from t t2 where t2.a <= t1.a) as running, (select count(*) from u where u.a < t1.a) from t t1", "a:integer, running:numeric(38,2), count:bigint"},
		{"select a, (select count(*) from u where u.a = t.a) as n, sum(c) from t group by a having exists (select 1 from u where u.a = t.a)", "a:integer, n:bigint, sum:numeric(38,2)"},
		{"insert into t (a, b) values (1, 'x')", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"insert into t select * from t", "a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"delete from t where a = 1", "rowid:bigint"},
		{"delete from t using u where t.a = u.a", "rowid:bigint"},
		{"update t set b = 'z', c = default where a = 1", "rowid:bigint, a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
		{"update t set b = u.x from u where t.a = u.a", "rowid:bigint, a:integer, b:text, c:numeric(10,2), d:date, v:character varying(5)"},
	}
	for _, c := range cases {
		n, err := bindSQL(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n.Schema()); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.sql, got, c.want)
		}
		if s := findSubquery(n); s != "" {
			t.Errorf("%s: subquery survived: %s", c.sql, s)
		}
		if err := checkRefs(n); err != nil {
			t.Errorf("%s: %v\n%s", c.sql, err, dump(n))
		}
	}
}

func TestBindErrors(t *testing.T) {
	cat := newFakeCatalog(t)
	cases := []struct {
		sql  string
		code sqlerr.Code
	}{
		{"select nope from t", sqlerr.UndefinedColumn},
		{"select t.nope from t", sqlerr.UndefinedColumn},
		{"select z.a from t", sqlerr.UndefinedTable},
		{"select * from nope", sqlerr.UndefinedTable},
		{"select a from t, u", sqlerr.AmbiguousColumn},
		{"select b, count(*) from t group by a", sqlerr.GroupingError},
		{"select a from t where count(*) > 1", sqlerr.GroupingError},
		{"select sum(sum(a)) from t", sqlerr.GroupingError},
		{"select a from t union select a, b from t", sqlerr.SyntaxError},
		{"select a from t limit -1", sqlerr.InvalidRowCountInLimitClause},
		{"select a from t offset -1", sqlerr.InvalidRowCountInResultOffset},
		{"select a from t order by 5", sqlerr.InvalidColumnReference},
		{"select * from t where d = 'notadate'", sqlerr.InvalidDatetimeFormat},
		{"select * from t where a = 'x1'", sqlerr.InvalidTextRepresentation},
		{"select nofunc(a) from t", sqlerr.UndefinedFunction},
		{"select a from t where a", sqlerr.DatatypeMismatch},
		{"insert into t (a, nope) values (1, 2)", sqlerr.UndefinedColumn},
		{"insert into t (a, a) values (1, 2)", sqlerr.DuplicateColumn},
		{"insert into t (a, b) values (1)", sqlerr.SyntaxError},
		{"insert into t (a) values (1, 2)", sqlerr.SyntaxError},
		{"update t set nope = 1", sqlerr.UndefinedColumn},
		{"select a from t where row_number() over () > 1", sqlerr.WindowingError},
		{"select distinct a from t order by b", sqlerr.InvalidColumnReference},
		{"select (select a, b from t)", sqlerr.SyntaxError},
		{"select * from t join u using (nope)", sqlerr.UndefinedColumn},
		{"select * from t, t", sqlerr.DuplicateAlias},
		{"with recursive x as (select * from x) select * from x", sqlerr.InvalidRecursion},
		{"with recursive x(n) as (select n from x union all select 1) select * from x", sqlerr.InvalidRecursion},
		{"select a, (select count(*) from u where u.x = t.b) from t group by a", sqlerr.GroupingError},
		{"select a from t group by 7", sqlerr.InvalidColumnReference},
		{"select cast(d as boolean) from t", sqlerr.CannotCoerce},
		{"select a from t order by nope", sqlerr.UndefinedColumn},
		{"with recursive r(n) as (select 1 union all select 'x' || n from r) select * from r", sqlerr.DatatypeMismatch},
	}
	for _, c := range cases {
		_, err := bindSQL(t, cat, c.sql)
		if err == nil {
			t.Errorf("%s: no error, want %s", c.sql, c.code)
			continue
		}
		if got := sqlerr.CodeOf(err); got != c.code {
			t.Errorf("%s: got %s (%v), want %s", c.sql, got, err, c.code)
		}
	}
}

func TestErrorPosition(t *testing.T) {
	cat := newFakeCatalog(t)
	_, err := bindSQL(t, cat, "select a, nope from t")
	e := sqlerr.From(err)
	if e.Code != sqlerr.UndefinedColumn || e.Position != 11 || e.Message != `column "nope" does not exist` {
		t.Fatalf("got %+v", e)
	}
}

func TestParamInference(t *testing.T) {
	cat := newFakeCatalog(t)
	st := parseOne(t, "select a from t where d = $1 and b = $2 limit $3").(*ast.SelectStmt)
	b := New(cat, nil)
	if _, err := b.BindSelect(st.Query); err != nil {
		t.Fatal(err)
	}
	got := b.ParamTypes()
	want := []types.T{types.DateType, types.TextType, types.Int64Type}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("params %v, want %v", got, want)
	}
}

// findSubquery returns a description of a plan.Subquery left in n, or "".
func findSubquery(n plan.Node) string {
	for _, e := range nodeExprs(n) {
		if e != nil && hasSubquery(e) {
			return fmt.Sprintf("%T", n)
		}
	}
	for _, c := range n.Children() {
		if s := findSubquery(c); s != "" {
			return s
		}
	}
	return ""
}

// checkRefs verifies that every ColRef reads a column its node's inputs
// produce (or, for joins, either side).
func checkRefs(n plan.Node) error {
	avail := map[plan.ColumnID]bool{}
	for _, c := range n.Children() {
		for _, col := range c.Schema() {
			avail[col.ID] = true
		}
		if err := checkRefs(c); err != nil {
			return err
		}
	}
	if _, ok := n.(*plan.Scan); ok {
		for _, col := range n.Schema() {
			avail[col.ID] = true
		}
	}
	for _, e := range nodeExprs(n) {
		if e == nil {
			continue
		}
		for id := range plan.ColumnsUsed(e) {
			if !avail[id] {
				return fmt.Errorf("%T reads column %d it does not get", n, id)
			}
		}
	}
	return nil
}

// dump renders a plan tree for test failures.
func dump(n plan.Node) string {
	var sb strings.Builder
	var rec func(n plan.Node, depth int)
	rec = func(n plan.Node, depth int) {
		fmt.Fprintf(&sb, "%s%T %v", strings.Repeat("  ", depth), n, n.Schema().IDs())
		switch x := n.(type) {
		case *plan.Join:
			fmt.Fprintf(&sb, " kind=%d cond=%s", x.Kind, exprKey(x.Cond))
		case *plan.Filter:
			fmt.Fprintf(&sb, " %s", exprKey(x.Pred))
		case *plan.Project:
			for _, e := range x.Exprs {
				fmt.Fprintf(&sb, " [%s]", exprKey(e))
			}
		case *plan.Scan:
			fmt.Fprintf(&sb, " %s", x.Table.Name)
		}
		sb.WriteString("\n")
		for _, c := range n.Children() {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return sb.String()
}
