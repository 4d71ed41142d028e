package rules

import (
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
)

// TestReorderLiftsSemiJoins: an EXISTS on a big input that the inner joins
// shrink (TPC-H Q21) is tested above the joins; one on an input the joins
// grow stays below them.
func TestReorderLiftsSemiJoins(t *testing.T) {
	f := &fixture{}
	l1 := f.scan("l1", 6_000_000, "ok", "sk")
	l2 := f.scan("l2", 6_000_000, "ok2", "sk2")
	s := f.scan("supplier", 10000, "s_sk", "s_nk")
	n := f.scan("nation", 25, "n_nk", "n_name:text")
	semi := &plan.Join{Kind: plan.JoinSemi, Left: l1, Right: l2,
		Cond: and(eq(col(l1, "ok"), col(l2, "ok2")), call("<>", col(l1, "sk"), col(l2, "sk2")))}
	from := cross(cross(semi, s), n)
	pred := and(
		eq(col(l1, "sk"), col(s, "s_sk")),
		eq(col(s, "s_nk"), col(n, "n_nk")),
		eq(col(n, "n_name"), &plan.Const{Value: "X", Typ: col(n, "n_name").Typ}),
	)
	root := f.project(&plan.Filter{Input: from, Pred: pred}, "ok")
	out := applyRules(t, root, PushDownFilters{}, ReorderJoins{})
	txt := Format(out)
	// The semi join is the top join: its left input holds all three tables.
	var top *plan.Join
	var find func(plan.Node)
	find = func(x plan.Node) {
		if j, ok := x.(*plan.Join); ok && top == nil {
			top = j
			return
		}
		for _, c := range x.Children() {
			find(c)
		}
	}
	find(out)
	if top == nil || top.Kind != plan.JoinSemi || len(scanNames(top.Left)) != 3 {
		t.Fatalf("want the semi join above the inner joins:\n%s", txt)
	}
	if !strings.Contains(txt, "(sk#2 <> sk2#4)") {
		t.Errorf("semi join condition lost:\n%s", txt)
	}

	// The same shape where the joins multiply the rows: it stays below.
	g := &fixture{}
	small := g.scan("small", 100, "k")
	sub := g.scan("sub", 1000, "k2")
	d := g.scan("d", 1_000_000, "dk")
	e := g.scan("e", 1_000_000, "ek")
	semi2 := &plan.Join{Kind: plan.JoinSemi, Left: small, Right: sub, Cond: eq(col(small, "k"), col(sub, "k2"))}
	from2 := cross(cross(semi2, d), e)
	pred2 := and(call("<", col(small, "k"), col(d, "dk")), call("<", col(d, "dk"), col(e, "ek")))
	out2 := applyRules(t, g.project(&plan.Filter{Input: from2, Pred: pred2}, "k"), PushDownFilters{}, ReorderJoins{})
	var semiLeft plan.Node
	var find2 func(plan.Node)
	find2 = func(x plan.Node) {
		if j, ok := x.(*plan.Join); ok && j.Kind == plan.JoinSemi {
			semiLeft = j.Left
		}
		for _, c := range x.Children() {
			find2(c)
		}
	}
	find2(out2)
	if semiLeft == nil || len(scanNames(semiLeft)) != 1 {
		t.Errorf("want the semi join kept on its input:\n%s", Format(out2))
	}
}
