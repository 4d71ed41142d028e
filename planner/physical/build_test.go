package physical

import (
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func col(n plan.Node, name string) *plan.ColRef {
	for _, c := range n.Schema() {
		if c.Name == name {
			return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		}
	}
	panic("no column " + name)
}

func call(op string, t types.T, args ...plan.Expr) *plan.Call {
	return &plan.Call{Name: op, Args: args, Typ: t}
}
func eq(a, b plan.Expr) *plan.Call { return call("=", types.BoolType, a, b) }
func gt(a, b plan.Expr) *plan.Call { return call(">", types.BoolType, a, b) }
func i64(v int64) *plan.Const      { return &plan.Const{Value: v, Typ: types.Int64Type} }

// fixtures: orders(ok, cust) with 6 rows, customers(ck, name) with 3 rows.
func fixtures() (*testDB, *plan.Scan, *plan.Scan) {
	db := newTestDB()
	orders := db.table("orders", []string{"ok", "cust"},
		row(1, 10), row(2, 10), row(3, 20), row(4, 30), row(5, 40), row(6, nil))
	cust := db.table("customer", []string{"ck", "name:text"},
		row(10, "ann"), row(20, "bob"), row(50, "eve"))
	return db, orders, cust
}

func (db *testDB) out(name string, t types.T) plan.Column {
	return plan.Column{ID: db.ids.New(), Name: name, Type: t}
}

func TestBuildScanFilterProject(t *testing.T) {
	db, orders, _ := fixtures()
	orders.Filter = gt(col(orders, "ok"), i64(2))
	p := &plan.Project{Input: orders,
		Exprs: []plan.Expr{call("*", types.Int64Type, col(orders, "ok"), i64(10))},
		Cols:  plan.Schema{db.out("x", types.Int64Type)}}
	got := run(t, db, p, false)
	want := []string{"30", "40", "50", "60"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}

func TestBuildJoins(t *testing.T) {
	cases := []struct {
		kind plan.JoinKind
		want []string
	}{
		{plan.JoinInner, []string{"1|10|10|ann", "2|10|10|ann", "3|20|20|bob"}},
		{plan.JoinLeft, []string{"1|10|10|ann", "2|10|10|ann", "3|20|20|bob", "4|30|NULL|NULL", "5|40|NULL|NULL", "6|NULL|NULL|NULL"}},
		{plan.JoinRight, []string{"1|10|10|ann", "2|10|10|ann", "3|20|20|bob", "NULL|NULL|50|eve"}},
		{plan.JoinFull, []string{"1|10|10|ann", "2|10|10|ann", "3|20|20|bob", "4|30|NULL|NULL", "5|40|NULL|NULL", "6|NULL|NULL|NULL", "NULL|NULL|50|eve"}},
		{plan.JoinSemi, []string{"1|10", "2|10", "3|20"}},
		{plan.JoinAnti, []string{"4|30", "5|40", "6|NULL"}},
	}
	for _, tc := range cases {
		for _, swapInputs := range []bool{false, true} {
			db, orders, cust := fixtures()
			j := &plan.Join{Kind: tc.kind, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
			got := run(t, db, j, false)
			if !slices.Equal(got, tc.want) {
				t.Errorf("kind %d: got %v want %v", tc.kind, got, tc.want)
			}
			if swapInputs && tc.kind <= plan.JoinFull {
				// The same join with the big side on the right: the build side
				// flips, the output columns must not.
				orders.Table.RowCount, cust.Table.RowCount = 1, 1000
				got = run(t, db, j, false)
				if !slices.Equal(got, tc.want) {
					t.Errorf("kind %d swapped: got %v want %v", tc.kind, got, tc.want)
				}
			}
		}
	}
}

func TestBuildJoinResidualAndNestedLoop(t *testing.T) {
	db, orders, cust := fixtures()
	cond := &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{
		eq(col(orders, "cust"), col(cust, "ck")), gt(col(orders, "ok"), i64(1))}}
	j := &plan.Join{Kind: plan.JoinLeft, Left: orders, Right: cust, Cond: cond}
	got := run(t, db, j, false)
	want := []string{"1|10|NULL|NULL", "2|10|10|ann", "3|20|20|bob", "4|30|NULL|NULL", "5|40|NULL|NULL", "6|NULL|NULL|NULL"}
	if !slices.Equal(got, want) {
		t.Errorf("residual: got %v want %v", got, want)
	}
	// No equality: nested loop.
	nl := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: cust, Cond: gt(col(orders, "cust"), col(cust, "ck"))}
	got = run(t, db, nl, false)
	want = []string{"3|20|10|ann", "4|30|10|ann", "4|30|20|bob", "5|40|10|ann", "5|40|20|bob"}
	if !slices.Equal(got, want) {
		t.Errorf("nested loop: got %v want %v", got, want)
	}
}

func TestBuildAggregateSortLimit(t *testing.T) {
	db, orders, _ := fixtures()
	agg := &plan.Aggregate{Input: orders,
		GroupBy:   []plan.Expr{col(orders, "cust")},
		GroupCols: plan.Schema{db.out("cust", types.Int64Type)},
		Aggs: []plan.AggCall{
			{Name: "count", Col: db.out("n", types.Int64Type)},
			{Name: "sum", Args: []plan.Expr{call("+", types.Int64Type, col(orders, "ok"), i64(1))}, Col: db.out("s", types.DecimalType(38, 0))},
		}}
	got := run(t, db, agg, false)
	want := []string{"10|2|5", "20|1|4", "30|1|5", "40|1|6", "NULL|1|7"}
	if !slices.Equal(got, want) {
		t.Errorf("aggregate: got %v want %v", got, want)
	}
	sorted := &plan.Sort{Input: agg, Keys: []plan.SortKey{{Expr: col(agg, "s"), Desc: true}, {Expr: col(agg, "cust")}}}
	got = run(t, db, sorted, true)
	want = []string{"NULL|1|7", "40|1|6", "10|2|5", "30|1|5", "20|1|4"}
	if !slices.Equal(got, want) {
		t.Errorf("sort: got %v want %v", got, want)
	}
	top := &plan.Limit{Input: sorted, Count: i64(2), Offset: i64(1)}
	got = run(t, db, top, true)
	if want := []string{"40|1|6", "10|2|5"}; !slices.Equal(got, want) {
		t.Errorf("top-n: got %v want %v", got, want)
	}
	lim := &plan.Limit{Input: orders, Count: i64(4)}
	if got := run(t, db, lim, false); len(got) != 4 {
		t.Errorf("limit: got %v", got)
	}
}

func TestBuildSetOpsAndValues(t *testing.T) {
	db, orders, cust := fixtures()
	l := &plan.Project{Input: orders, Exprs: []plan.Expr{col(orders, "cust")}, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	r := &plan.Project{Input: cust, Exprs: []plan.Expr{col(cust, "ck")}, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	u := &plan.SetOp{Kind: plan.Union, Left: l, Right: r, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	got := run(t, db, u, false)
	if want := []string{"10", "20", "30", "40", "50", "NULL"}; !slices.Equal(got, want) {
		t.Errorf("union: got %v want %v", got, want)
	}
	ua := &plan.SetOp{Kind: plan.Union, All: true, Left: l, Right: r, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	if got := run(t, db, ua, false); len(got) != 9 {
		t.Errorf("union all: got %v", got)
	}
	v := &plan.Values{Rows: [][]plan.Expr{{i64(1), &plan.Const{Value: "a", Typ: types.TextType}}, {i64(2), &plan.Const{Typ: types.TextType}}},
		Cols: plan.Schema{db.out("n", types.Int64Type), db.out("s", types.TextType)}}
	got = run(t, db, v, false)
	if want := []string{"1|a", "2|NULL"}; !slices.Equal(got, want) {
		t.Errorf("values: got %v want %v", got, want)
	}
}

func TestBuildWindow(t *testing.T) {
	db, orders, _ := fixtures()
	w := &plan.Window{Input: orders, Funcs: []plan.WindowFunc{{
		Name: "row_number", PartitionBy: []plan.Expr{col(orders, "cust")},
		OrderBy: []plan.SortKey{{Expr: col(orders, "ok"), Desc: true}},
		Frame:   plan.Frame{Mode: plan.FrameRange, Start: plan.FrameBound{Kind: plan.UnboundedPreceding}, End: plan.FrameBound{Kind: plan.CurrentRow}},
		Col:     db.out("rn", types.Int64Type),
	}}}
	got := run(t, db, w, false)
	want := []string{"1|10|2", "2|10|1", "3|20|1", "4|30|1", "5|40|1", "6|NULL|1"}
	if !slices.Equal(got, want) {
		t.Errorf("window: got %v want %v", got, want)
	}
}

func TestBuildRowID(t *testing.T) {
	db, orders, _ := fixtures()
	s := *orders
	s.Columns = []int{-1, 0}
	s.Cols = plan.Schema{db.out("rowid", types.Int64Type), orders.Cols[0]}
	got := run(t, db, &s, false)
	if len(got) != 6 || !strings.Contains(strings.Join(got, ","), "|") {
		t.Errorf("row ids: %v", got)
	}
}

func TestBuildTopNUnderProject(t *testing.T) {
	db, orders, _ := fixtures()
	sorted := &plan.Sort{Input: orders, Keys: []plan.SortKey{{Expr: col(orders, "ok"), Desc: true}}}
	p := &plan.Project{Input: sorted, Exprs: []plan.Expr{col(orders, "ok")}, Cols: plan.Schema{db.out("ok", types.Int64Type)}}
	got := run(t, db, &plan.Limit{Input: p, Count: i64(2), Offset: i64(1)}, true)
	if want := []string{"5", "4"}; !slices.Equal(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}

func TestBuildJoinExpressionKeys(t *testing.T) {
	db, orders, cust := fixtures()
	// ok * 10 = ck, with the key on the left computed; and a decimal/int pair.
	key := call("*", types.Int64Type, col(orders, "ok"), i64(10))
	dec := &plan.Cast{Arg: col(cust, "ck"), To: types.DecimalType(12, 2)}
	j := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: cust, Cond: eq(key, dec)}
	got := run(t, db, j, false)
	if want := []string{"1|10|10|ann", "2|10|20|bob", "5|40|50|eve"}; !slices.Equal(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}
