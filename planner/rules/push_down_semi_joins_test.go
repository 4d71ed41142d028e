package rules

import (
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
)

func TestPushDownSemiJoins(t *testing.T) {
	f := &fixture{}
	c, o, l := f.scan("customer", 1500, "c_custkey"), f.scan("orders", 15000, "o_orderkey", "o_custkey"), f.scan("lineitem", 60000, "l_orderkey")
	sub := f.scan("lineitem", 60000, "k")
	inner := &plan.Join{Kind: plan.JoinInner, Left: &plan.Join{Kind: plan.JoinInner, Left: c, Right: o, Cond: eq(col(c, "c_custkey"), col(o, "o_custkey"))},
		Right: l, Cond: eq(col(o, "o_orderkey"), col(l, "l_orderkey"))}
	semi := &plan.Join{Kind: plan.JoinSemi, Left: inner, Right: sub, Cond: eq(col(o, "o_orderkey"), col(sub, "k"))}
	out := applyRules(t, semi, PushDownSemiJoins{})
	want := `Join Inner on (o_orderkey#2 = l_orderkey#4)
  Join Inner on (c_custkey#1 = o_custkey#3)
    Scan customer [c_custkey#1]
    Join Semi on (o_orderkey#2 = k#5)
      Scan orders [o_orderkey#2, o_custkey#3]
      Scan lineitem [k#5]
  Scan lineitem [l_orderkey#4]
`
	if got := Format(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
