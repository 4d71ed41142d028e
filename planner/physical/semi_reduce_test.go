package physical

import (
	"testing"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// TestSemiReduction runs semi and anti joins whose right side is declared
// much larger than the left (so it is reduced by the left's keys first) and
// checks the answers equal those of the plain joins.
func TestSemiReduction(t *testing.T) {
	checkSemiJoins(t, 1_000_000, "reduced", func(j *plan.Join) bool { return reducer(j, cost.New()) != nil })
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
