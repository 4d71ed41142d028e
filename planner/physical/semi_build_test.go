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
	checkSemiJoins(t, 100, "builds tested", func(j *plan.Join) bool { return buildsTested(j, cost.New()) })
}

// checkSemiJoins runs semi and anti joins of orders with a table "big" whose
// row count is declared as rightRows, checks that chosen (a planner choice:
// build on the tested side, reduce the subquery side) holds for all but NOT
// IN, and that the answers equal those of the plain joins.
func checkSemiJoins(t *testing.T, rightRows int64, what string, chosen func(*plan.Join) bool) {
	t.Helper()
	cases := []struct {
		kind      plan.JoinKind
		residual  bool
		nullAware bool
		chosen    bool
		want      []string
	}{
		{plan.JoinSemi, false, false, true, []string{"1|10", "2|10", "3|20"}},
		{plan.JoinAnti, false, false, true, []string{"4|30", "5|40", "6|NULL"}},
		// Residual ok > 1 on the left row: 1 has a key match, but fails it.
		{plan.JoinSemi, true, false, true, []string{"2|10", "3|20"}},
		{plan.JoinAnti, true, false, true, []string{"1|10", "4|30", "5|40", "6|NULL"}},
		// NOT IN keeps the usual plan: a NULL key on the right empties it.
		{plan.JoinAnti, false, true, false, nil},
	}
	for _, tc := range cases {
		db, orders, _ := fixtures()
		big := db.table("big", []string{"bk", "v"},
			row(10, 1), row(10, 2), row(20, 3), row(60, 4), row(70, 5), row(nil, 6))
		orders.Table.RowCount, big.Table.RowCount = 6, rightRows
		var cond plan.Expr = eq(col(orders, "cust"), col(big, "bk"))
		if tc.residual {
			cond = &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{cond, gt(col(orders, "ok"), i64(1))}}
		}
		j := &plan.Join{Kind: tc.kind, Left: orders, Right: big, Cond: cond, NullAware: tc.nullAware}
		if got := chosen(j); got != tc.chosen {
			t.Errorf("kind %d residual %v null-aware %v: %s %v, want %v", tc.kind, tc.residual, tc.nullAware, what, got, tc.chosen)
		}
		got := run(t, db, j, false)
		if !slices.Equal(got, tc.want) {
			t.Errorf("kind %d residual %v null-aware %v: got %v want %v", tc.kind, tc.residual, tc.nullAware, got, tc.want)
		}
	}
}
