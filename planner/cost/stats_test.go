package cost

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// analyzed is a one-column table of rows rows whose column has cs.
func analyzed(name string, rows int64, id plan.ColumnID, typ types.T, cs catalog.ColumnStats) *plan.Scan {
	cs.Analyzed = true
	t := &catalog.Table{Name: name, RowCount: rows, Columns: []catalog.Column{{Name: "k", Type: typ}},
		Stats: &catalog.TableStats{Rows: rows, Columns: []catalog.ColumnStats{cs}}}
	return &plan.Scan{Table: t, Columns: []int{0}, Cols: plan.Schema{{ID: id, Name: "k", Type: typ}}}
}

func call(name string, args ...plan.Expr) plan.Expr {
	return &plan.Call{Name: name, Args: args, Typ: types.BoolType}
}

func TestStatsSelectivity(t *testing.T) {
	i64 := func(v int64) plan.Expr { return &plan.Const{Value: v, Typ: types.Int64Type} }
	date := func(v int64) plan.Expr { return &plan.Const{Value: v, Typ: types.DateType} }
	s := analyzed("t", 10000, 1, types.Int64Type, catalog.ColumnStats{
		NullFrac: 0.1, Distinct: 100, Min: int64(0), Max: int64(1000),
		MCV: []types.Datum{int64(7), int64(8)}, MCVFreq: []float64{0.2, 0.1},
	})
	d := analyzed("d", 1000, 2, types.DateType, catalog.ColumnStats{Distinct: 365, Min: int64(0), Max: int64(365)})
	col := &plan.ColRef{ID: 1, Typ: types.Int64Type}
	dcol := &plan.ColRef{ID: 2, Typ: types.DateType}
	e := New()
	cases := []struct {
		name string
		in   plan.Node
		pred plan.Expr
		want float64
	}{
		{"equality with a common value: its frequency", s, call("=", col, i64(7)), 0.2},
		{"constant on the left", s, call("=", i64(8), col), 0.1},
		{"equality with another value: share of the rest", s, call("=", col, i64(500)), (1 - 0.1 - 0.3) / 98},
		{"outside min/max", s, call("=", col, i64(5000)), 0},
		{"not equal", s, call("<>", col, i64(7)), 1 - 0.1 - 0.2},
		{"range interpolates", s, call("<", col, i64(250)), 0.25 * 0.9},
		{"flipped range", s, call(">", i64(250), col), 0.25 * 0.9},
		{"between: one interval", s, &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{call(">=", col, i64(100)), call("<=", col, i64(300))}}, 0.2 * 0.9},
		{"empty interval", s, &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{call(">=", col, i64(300)), call("<", col, i64(100))}}, 0},
		{"is null", s, &plan.IsNull{Arg: col}, 0.1},
		{"is not null", s, &plan.IsNull{Arg: col, Neg: true}, 0.9},
		{"in list", s, &plan.InList{Arg: col, List: []plan.Expr{i64(7), i64(8)}}, 0.3},
		{"date range", d, call(">=", dcol, date(292)), 73.0 / 365},
		{"date compared with a timestamp: no stats rule", d, call(">=", dcol, &plan.Const{Value: int64(5), Typ: types.TSType}), 0.3},
		{"no stats: fixed guess", scan("u", 100, 3), call("=", &plan.ColRef{ID: 3, Typ: types.Int64Type}, i64(1)), 0.1},
	}
	for _, tc := range cases {
		if got := e.PredSelectivity(tc.in, tc.pred); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: got %v want %v", tc.name, got, tc.want)
		}
	}
}

func TestStatsJoinRows(t *testing.T) {
	l := analyzed("l", 6000, 1, types.Int64Type, catalog.ColumnStats{Distinct: 1500, Min: int64(1), Max: int64(1500)})
	o := analyzed("o", 1500, 2, types.Int64Type, catalog.ColumnStats{Distinct: 1500, Min: int64(1), Max: int64(1500)})
	n1 := analyzed("c", 1500, 3, types.Int64Type, catalog.ColumnStats{Distinct: 25, Min: int64(0), Max: int64(24)})
	n2 := analyzed("s", 100, 4, types.Int64Type, catalog.ColumnStats{Distinct: 25, Min: int64(0), Max: int64(24), NullFrac: 0.5})
	lo := call("<=", &plan.ColRef{ID: 2, Typ: types.Int64Type}, &plan.Const{Value: int64(750), Typ: types.Int64Type})
	of := &plan.Filter{Input: o, Pred: lo}
	e := New()
	cases := []struct {
		name string
		n    plan.Node
		want float64
	}{
		{"key join: |L||R|/max(ndv)", &plan.Join{Kind: plan.JoinInner, Left: l, Right: o, Cond: eq(ref(l), ref(o))}, 6000},
		{"filtered key side caps its ndv", &plan.Join{Kind: plan.JoinInner, Left: l, Right: of, Cond: eq(ref(l), ref(o))}, 6000 * 749.0 / 1499},
		{"many-to-many on a low-cardinality column, NULL keys never match", &plan.Join{Kind: plan.JoinInner, Left: n1, Right: n2, Cond: eq(ref(n1), ref(n2))}, 1500 * 100 * 0.5 / 25},
		{"no stats on one side: key/foreign-key guess", &plan.Join{Kind: plan.JoinInner, Left: l, Right: scan("x", 10, 5), Cond: eq(ref(l), &plan.ColRef{ID: 5, Typ: types.Int64Type})}, 6000},
	}
	for _, tc := range cases {
		if got := e.Rows(tc.n); math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("%s: got %v want %v", tc.name, got, tc.want)
		}
	}
	if got := e.ColumnRows(n1, 3); got != 25 {
		t.Errorf("ColumnRows of an analyzed column: got %v want 25", got)
	}
}

func TestStaleStats(t *testing.T) {
	cs := catalog.ColumnStats{Distinct: 20, Min: int64(0), Max: int64(19)}
	col := &plan.ColRef{ID: 1, Typ: types.Int64Type}
	pred := call("=", col, &plan.Const{Value: int64(3), Typ: types.Int64Type})
	cases := []struct {
		name     string
		rowCount int64 // the table's current rows; ANALYZE saw 100
		want     float64
	}{
		{"fresh", 100, 0.05},
		{"grown a little", 150, 0.05},
		{"more than doubled: fixed guess", 1000, 0.1},
		{"empty now: fixed guess", 0, 0.1},
		{"size unknown: statistics", -1, 0.05},
	}
	for _, tc := range cases {
		s := analyzed("t", 100, 1, types.Int64Type, cs)
		s.Table.RowCount = tc.rowCount
		e := New()
		if got := e.PredSelectivity(s, pred); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: selectivity %v want %v", tc.name, got, tc.want)
		}
		wantRows := 20.0
		if tc.rowCount >= 0 && tc.rowCount != 100 && tc.rowCount != 150 {
			wantRows = TableRows(s) // no stats: the table's rows
		}
		if got := e.ColumnRows(s, 1); got != wantRows {
			t.Errorf("%s: column rows %v want %v", tc.name, got, wantRows)
		}
	}
}
