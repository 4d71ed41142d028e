package rules

import (
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
)

// scanNames returns the names of the tables n reads.
func scanNames(n plan.Node) []string {
	if s, ok := n.(*plan.Scan); ok {
		return []string{s.Table.Name}
	}
	var out []string
	for _, c := range n.Children() {
		out = append(out, scanNames(c)...)
	}
	return out
}

// TestReorderJoinsTPCHQ5 checks the equality classes: customer and supplier
// share only their nation (c_nationkey = s_nationkey), a many-to-many join
// that must not be built before lineitem links them; the implied
// c_nationkey = n_nationkey lets customer join the filtered region/nation
// directly.
func TestReorderJoinsTPCHQ5(t *testing.T) {
	f := &fixture{}
	c := f.scan("customer", 150000, "c_custkey", "c_nationkey")
	o := f.scan("orders", 1500000, "o_orderkey", "o_custkey", "o_orderdate")
	l := f.scan("lineitem", 6000000, "l_orderkey", "l_suppkey", "l_price")
	s := f.scan("supplier", 10000, "s_suppkey", "s_nationkey")
	n := f.scan("nation", 25, "n_nationkey", "n_regionkey", "n_name:text")
	r := f.scan("region", 5, "r_regionkey", "r_name:text")
	from := cross(cross(cross(cross(cross(c, o), l), s), n), r)
	pred := and(
		eq(col(c, "c_custkey"), col(o, "o_custkey")),
		eq(col(l, "l_orderkey"), col(o, "o_orderkey")),
		eq(col(l, "l_suppkey"), col(s, "s_suppkey")),
		eq(col(c, "c_nationkey"), col(s, "s_nationkey")),
		eq(col(s, "s_nationkey"), col(n, "n_nationkey")),
		eq(col(n, "n_regionkey"), col(r, "r_regionkey")),
		eq(col(r, "r_name"), &plan.Const{Value: "ASIA", Typ: col(r, "r_name").Typ}),
		gt(col(o, "o_orderdate"), i64(9000)),
	)
	root := f.project(&plan.Filter{Input: from, Pred: pred}, "n_name", "l_price")
	out := applyRules(t, root, PushDownFilters{}, ReorderJoins{})
	txt := Format(out)
	if !noCrossJoins(out) {
		t.Fatalf("cross product left:\n%s", txt)
	}
	var walk func(plan.Node)
	walk = func(x plan.Node) {
		if j, ok := x.(*plan.Join); ok {
			names := scanNames(j)
			got := strings.Join(names, ",")
			if len(names) == 2 && strings.Contains(got, "customer") && strings.Contains(got, "supplier") {
				t.Errorf("customer joined to supplier on the nation alone:\n%s", txt)
			}
			if len(names) == 3 && !strings.Contains(got, "customer") && strings.Contains(got, "supplier") && strings.Contains(got, "nation") {
				return
			}
		}
		for _, ch := range x.Children() {
			walk(ch)
		}
	}
	walk(out)
	// customer joins nation ⋈ region through the implied equality.
	if !strings.Contains(txt, "(c_nationkey#2 = n_nationkey#11)") {
		t.Errorf("want customer joined to nation by the implied equality:\n%s", txt)
	}
	// The nation equality is evaluated once per join: the redundant third
	// equality of the class is not repeated where both others hold.
	k := 0
	for _, line := range strings.Split(txt, "\n") {
		if strings.Contains(line, "Join Inner") {
			k += strings.Count(line, "nationkey") / 2
		}
	}
	if k != 2 {
		t.Errorf("want 2 nation key equalities, got %d:\n%s", k, txt)
	}
}
