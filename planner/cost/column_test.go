package cost

import (
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func TestColumnRows(t *testing.T) {
	lineitem, nation := scan("lineitem", 6000, 1), scan("nation", 25, 2)
	filtered := &plan.Filter{Input: nation, Pred: eq(ref(nation), &plan.Const{Value: int64(3), Typ: types.Int64Type})}
	j := &plan.Join{Kind: plan.JoinInner, Left: lineitem, Right: filtered, Cond: eq(ref(lineitem), ref(nation))}
	p := &plan.Project{Input: j,
		Exprs: []plan.Expr{ref(nation), &plan.Call{Name: "+", Args: []plan.Expr{ref(lineitem), ref(nation)}, Typ: types.Int64Type}},
		Cols:  plan.Schema{{ID: 10, Name: "n", Type: types.Int64Type}, {ID: 11, Name: "s", Type: types.Int64Type}}}
	e := New()
	cases := []struct {
		name string
		n    plan.Node
		id   plan.ColumnID
		want float64
	}{
		{"scan column: the table's rows", lineitem, 1, 6000},
		{"through a filter and a join: the base table, not the filtered rows", j, 2, 25},
		{"through a projection of a column", p, 10, 25},
		{"a computed column: the rows of the projection", p, 11, e.Rows(p)},
	}
	for _, tc := range cases {
		if got := e.ColumnRows(tc.n, tc.id); got != tc.want {
			t.Errorf("%s: got %v want %v", tc.name, got, tc.want)
		}
	}
}
