package physical

import (
	"slices"
	"testing"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// TestBuildTested runs semi and anti joins whose right side is declared
// larger than the left (enough to build on the left, not enough to reduce)
// and checks the choice and that the answers equal those of the plain joins.
func TestBuildTested(t *testing.T) {
	cases := []struct {
		kind      plan.JoinKind
		residual  bool
		nullAware bool
		tested    bool
		want      []string
	}{
		{plan.JoinSemi, false, false, true, []string{"1|10", "2|10", "3|20"}},
		{plan.JoinAnti, false, false, true, []string{"4|30", "5|40", "6|NULL"}},
		{plan.JoinSemi, true, false, true, []string{"2|10", "3|20"}},
		{plan.JoinAnti, true, false, true, []string{"1|10", "4|30", "5|40", "6|NULL"}},
		// NOT IN keeps the usual direction (here: the NULL on the right empties it).
		{plan.JoinAnti, false, true, false, nil},
	}
	for _, tc := range cases {
		db, orders, _ := fixtures()
		big := db.table("big", []string{"bk", "v"},
			row(10, 1), row(10, 2), row(20, 3), row(60, 4), row(70, 5), row(nil, 6))
		orders.Table.RowCount, big.Table.RowCount = 6, 100
		var cond plan.Expr = eq(col(orders, "cust"), col(big, "bk"))
		if tc.residual {
			cond = &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{cond, gt(col(orders, "ok"), i64(1))}}
		}
		j := &plan.Join{Kind: tc.kind, Left: orders, Right: big, Cond: cond, NullAware: tc.nullAware}
		if got := buildsTested(j, cost.New()); got != tc.tested {
			t.Errorf("kind %d residual %v null-aware %v: builds tested %v, want %v", tc.kind, tc.residual, tc.nullAware, got, tc.tested)
		}
		got := run(t, db, j, false)
		if !slices.Equal(got, tc.want) {
			t.Errorf("kind %d residual %v null-aware %v: got %v want %v", tc.kind, tc.residual, tc.nullAware, got, tc.want)
		}
	}
}
