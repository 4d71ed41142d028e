package cost

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func scan(name string, rows int64, id plan.ColumnID) *plan.Scan {
	t := &catalog.Table{Name: name, RowCount: rows, Columns: []catalog.Column{{Name: "k", Type: types.Int64Type}}}
	return &plan.Scan{Table: t, Columns: []int{0}, Cols: plan.Schema{{ID: id, Name: "k", Type: types.Int64Type}}}
}

func ref(s *plan.Scan) *plan.ColRef { return &plan.ColRef{ID: s.Cols[0].ID, Typ: types.Int64Type} }

func eq(a, b plan.Expr) plan.Expr {
	return &plan.Call{Name: "=", Args: []plan.Expr{a, b}, Typ: types.BoolType}
}

func TestEstimates(t *testing.T) {
	lineitem, orders := scan("lineitem", 6000, 1), scan("orders", 1500, 2)
	five := &plan.Const{Value: int64(5), Typ: types.Int64Type}
	filtered := &plan.Filter{Input: orders, Pred: &plan.Call{Name: "<", Args: []plan.Expr{ref(orders), five}, Typ: types.BoolType}}
	e := New()
	cases := []struct {
		name string
		n    plan.Node
		want float64
	}{
		{"scan", lineitem, 6000},
		{"range filter 0.3", filtered, 450},
		{"key/foreign-key join keeps the referencing rows whose key survived", &plan.Join{Kind: plan.JoinInner, Left: lineitem, Right: filtered, Cond: eq(ref(lineitem), ref(orders))}, 1800},
		{"cross product", &plan.Join{Kind: plan.JoinInner, Left: lineitem, Right: orders}, 9_000_000},
		{"left join keeps the left rows", &plan.Join{Kind: plan.JoinLeft, Left: filtered, Right: lineitem, Cond: eq(ref(lineitem), ref(orders))}, 1800},
		{"scalar aggregate", &plan.Aggregate{Input: lineitem}, 1},
		{"limit", &plan.Limit{Input: lineitem, Count: five}, 5},
		{"unknown row count", scan("t", -1, 9), DefaultRows},
	}
	for _, tc := range cases {
		if got := e.Rows(tc.n); math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("%s: got %v want %v", tc.name, got, tc.want)
		}
	}
	if Width(lineitem.Cols) != 8 || TypeWidth(types.VarcharOf(25)) != 25 {
		t.Errorf("widths")
	}
	if s := Selectivity(&plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{eq(ref(orders), five), eq(ref(orders), five)}}); math.Abs(s-0.2) > 1e-9 {
		t.Errorf("OR selectivity %v", s)
	}
}
