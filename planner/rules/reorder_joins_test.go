package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
)

// noCrossJoins reports whether every join in n has a condition.
func noCrossJoins(n plan.Node) bool {
	return countNodes(n, func(x plan.Node) bool {
		j, ok := x.(*plan.Join)
		return ok && j.Cond == nil
	}) == 0
}

func TestReorderJoinsAvoidsCrossProducts(t *testing.T) {
	f := &fixture{}
	fact := f.scan("fact", 1_000_000, "k1", "k2", "amount")
	d1 := f.scan("d1", 10, "a")
	d2 := f.scan("d2", 1000, "b", "j")
	d3 := f.scan("d3", 100, "c", "name:text")
	// FROM fact, d3, d1, d2: the syntactic order starts with a cross product.
	from := cross(cross(cross(fact, d3), d1), d2)
	pred := and(
		eq(col(fact, "k1"), col(d1, "a")),
		eq(col(fact, "k2"), col(d2, "b")),
		eq(col(d2, "j"), col(d3, "c")),
		eq(col(d3, "name"), &plan.Const{Value: "x", Typ: col(d3, "name").Typ}),
	)
	root := f.project(&plan.Filter{Input: from, Pred: pred}, "amount", "name")
	out := applyRules(t, root, PushDownFilters{}, ReorderJoins{})
	if !noCrossJoins(out) {
		t.Fatalf("cross product left:\n%s", Format(out))
	}
	if n := countNodes(out, func(x plan.Node) bool { _, ok := x.(*plan.Join); return ok }); n != 3 {
		t.Fatalf("want 3 joins, got %d:\n%s", n, Format(out))
	}
	// The big fact table stays on the probe side all the way up: following
	// the left inputs from the top join reaches it.
	var n plan.Node = out
	for {
		if j, ok := n.(*plan.Join); ok {
			n = j.Left
		} else if len(n.Children()) == 1 {
			n = n.Children()[0]
		} else {
			break
		}
	}
	if s, ok := n.(*plan.Scan); !ok || s.Table.Name != "fact" {
		t.Errorf("want fact as the probe of every join:\n%s", Format(out))
	}
	// The selective dimension chain (d2 ⋈ filtered d3) is joined before d1.
	if !strings.Contains(Format(out), "Join Inner on (k1#1 = a#4)\n      Join Inner on (k2#2 = b#5)") {
		t.Errorf("unexpected order:\n%s", Format(out))
	}
	// Every predicate survives exactly once.
	txt := Format(out)
	for _, p := range []string{"(k1#1 = a#4)", "(k2#2 = b#5)", "(j#6 = c#7)"} {
		if strings.Count(txt, p)+strings.Count(txt, reversed(p)) != 1 {
			t.Errorf("predicate %s placed %d times:\n%s", p, strings.Count(txt, p), txt)
		}
	}
}

func reversed(p string) string {
	p = strings.Trim(p, "()")
	parts := strings.SplitN(p, " = ", 2)
	return "(" + parts[1] + " = " + parts[0] + ")"
}

func TestReorderJoinsKeepsSchemaAndSmallJoins(t *testing.T) {
	f := &fixture{}
	a, b := f.scan("a", 10, "x"), f.scan("b", 1000, "y")
	j := &plan.Join{Kind: plan.JoinInner, Left: a, Right: b, Cond: eq(col(a, "x"), col(b, "y"))}
	out := applyRules(t, j, ReorderJoins{})
	if Format(out) != Format(j) {
		t.Errorf("two-way join must be left to the physical planner:\n%s", Format(out))
	}
	// Six tables in a chain (TPC-H Q5-like): the result keeps the root schema.
	var scans []*plan.Scan
	for i, rows := range []int64{150000, 1500000, 6000000, 10000, 25, 5} {
		scans = append(scans, f.scan(string(rune('p'+i)), rows, "k", "n"))
	}
	var from plan.Node = scans[0]
	var preds []plan.Expr
	for i := 1; i < len(scans); i++ {
		from = cross(from, scans[i])
		preds = append(preds, eq(col(scans[i-1], "n"), col(scans[i], "k")))
	}
	root := &plan.Filter{Input: from, Pred: and(preds...)}
	opt, err := Optimize(context.Background(), root, &f.ids, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !sameSchema(opt.Schema(), root.Schema()) || !noCrossJoins(opt) {
		t.Fatalf("bad reorder:\n%s", Format(opt))
	}
}
