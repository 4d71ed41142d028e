package rules

import (
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func TestFactorOrPredicates(t *testing.T) {
	f := &fixture{}
	l, p := f.scan("lineitem", 6000, "l_partkey", "l_quantity"), f.scan("part", 200, "p_partkey", "p_brand:text")
	join := eq(col(p, "p_partkey"), col(l, "l_partkey"))
	brand := func(s string) plan.Expr {
		return eq(col(p, "p_brand"), &plan.Const{Value: s, Typ: types.TextType})
	}
	arm := func(b string, q int64) plan.Expr { return and(join, brand(b), gt(col(l, "l_quantity"), i64(q))) }
	or := &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{arm("B12", 1), arm("B23", 10)}}
	n := &plan.Filter{Input: cross(l, p), Pred: or}
	out := applyRules(t, n, FactorOrPredicates{}, PushDownFilters{})
	want := `Join Inner on ((p_partkey#3 = l_partkey#1) AND (((p_brand#4 = 'B12'::text) AND (l_quantity#2 > 1)) OR ((p_brand#4 = 'B23'::text) AND (l_quantity#2 > 10))))
  Scan lineitem [l_partkey#1, l_quantity#2] filter=((l_quantity#2 > 1) OR (l_quantity#2 > 10))
  Scan part [p_partkey#3, p_brand#4] filter=((p_brand#4 = 'B12'::text) OR (p_brand#4 = 'B23'::text))
`
	if got := Format(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// An arm that is only the common part absorbs the OR.
	n = &plan.Filter{Input: l, Pred: &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{
		gt(col(l, "l_quantity"), i64(1)), and(gt(col(l, "l_quantity"), i64(1)), eq(col(l, "l_partkey"), i64(3)))}}}
	out = applyRules(t, n, FactorOrPredicates{})
	if got := Format(out); !strings.HasPrefix(got, "Filter (l_quantity#2 > 1)\n") {
		t.Errorf("absorption: got\n%s", got)
	}
}
