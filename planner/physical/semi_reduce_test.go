package physical

import (
	"slices"
	"testing"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// TestSemiReduction runs semi and anti joins whose right side is declared
// much larger than the left (so it is reduced by the left's keys first) and
// checks the answers equal those of the plain joins.
func TestSemiReduction(t *testing.T) {
	cases := []struct {
		kind      plan.JoinKind
		residual  bool
		nullAware bool
		reduced   bool
		want      []string
	}{
		{plan.JoinSemi, false, false, true, []string{"1|10", "2|10", "3|20"}},
		{plan.JoinAnti, false, false, true, []string{"4|30", "5|40", "6|NULL"}},
		// Residual ok > 1 on the left row: 1 has a key match, but fails it.
		{plan.JoinSemi, true, false, true, []string{"2|10", "3|20"}},
		{plan.JoinAnti, true, false, true, []string{"1|10", "4|30", "5|40", "6|NULL"}},
		// NOT IN: a NULL key on the right matters although it matches nothing.
		{plan.JoinAnti, false, true, false, nil},
	}
	for _, tc := range cases {
		db, orders, _ := fixtures()
		big := db.table("big", []string{"bk", "v"},
			row(10, 1), row(10, 2), row(20, 3), row(60, 4), row(70, 5), row(nil, 6))
		orders.Table.RowCount, big.Table.RowCount = 6, 1_000_000
		var cond plan.Expr = eq(col(orders, "cust"), col(big, "bk"))
		if tc.residual {
			cond = &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{cond, gt(col(orders, "ok"), i64(1))}}
		}
		j := &plan.Join{Kind: tc.kind, Left: orders, Right: big, Cond: cond, NullAware: tc.nullAware}
		if got := reducer(j, cost.New()) != nil; got != tc.reduced {
			t.Errorf("kind %d residual %v null-aware %v: reduced %v, want %v", tc.kind, tc.residual, tc.nullAware, got, tc.reduced)
		}
		got := run(t, db, j, false)
		if !slices.Equal(got, tc.want) {
			t.Errorf("kind %d residual %v null-aware %v: got %v want %v", tc.kind, tc.residual, tc.nullAware, got, tc.want)
		}
	}
}

// TestSemiReductionSkips checks the plans not reduced: a small right side,
// and a left side that cannot be recomputed to the same rows.
func TestSemiReductionSkips(t *testing.T) {
	db, orders, cust := fixtures()
	j := &plan.Join{Kind: plan.JoinSemi, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	if reducer(j, cost.New()) != nil {
		t.Error("small right side reduced")
	}
	cust.Table.RowCount = 1_000_000
	if reducer(j, cost.New()) == nil {
		t.Error("large right side not reduced")
	}
	rnd := &plan.Filter{Input: orders, Pred: gt(&plan.Call{Name: "random", Typ: types.Float64Type}, &plan.Const{Value: 0.5, Typ: types.Float64Type})}
	j2 := &plan.Join{Kind: plan.JoinSemi, Left: rnd, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	if reducer(j2, cost.New()) != nil {
		t.Error("volatile left side reduced")
	}
	lim := &plan.Limit{Input: orders, Count: i64(2)}
	j3 := &plan.Join{Kind: plan.JoinSemi, Left: lim, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	if reducer(j3, cost.New()) != nil {
		t.Error("LIMIT left side reduced")
	}
	_ = db
}

func TestCheapenReducer(t *testing.T) {
	db, orders, cust := fixtures()
	_ = db
	j := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	need := map[plan.ColumnID]bool{col(orders, "ok").ID: true}
	if got := cheapen(j, need, cost.New()); got != j {
		t.Errorf("small join dropped")
	}
	cust.Table.RowCount = 10 * cheapBuildRows
	if got := cheapen(j, need, cost.New()); got != orders {
		t.Errorf("large join kept: %T", got)
	}
	// A needed column on both sides: the join stays.
	need[col(cust, "ck").ID] = true
	if got := cheapen(j, need, cost.New()); got != j {
		t.Errorf("join dropped although its other input holds a needed column")
	}
}
