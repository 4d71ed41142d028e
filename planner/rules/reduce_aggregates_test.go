package rules

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// groupBy aggregates n by the named columns with sum(sumOf).
func (f *fixture) groupBy(n plan.Node, sumOf string, keys ...string) *plan.Aggregate {
	a := &plan.Aggregate{Input: n}
	for _, k := range keys {
		c := col(n, k)
		a.GroupBy = append(a.GroupBy, c)
		a.GroupCols = append(a.GroupCols, plan.Column{ID: f.ids.New(), Name: k, Type: c.Typ, Nullable: true})
	}
	a.Aggs = []plan.AggCall{{Name: "sum", Args: []plan.Expr{col(n, sumOf)},
		Col: plan.Column{ID: f.ids.New(), Name: "sum", Type: types.Int64Type, Nullable: true}}}
	return a
}

func TestReduceAggregates(t *testing.T) {
	// part filtered to a few rows, lineitem grouped by l_partkey: TPC-H Q17.
	q17 := func(f *fixture, kind plan.JoinKind, aggLeft bool) plan.Node {
		l := f.scan("lineitem", 600000, "l_partkey", "l_quantity")
		p := f.scan("part", 20000, "p_partkey", "p_brand")
		p.Filter = eq(col(p, "p_brand"), i64(23))
		a := f.groupBy(l, "l_quantity", "l_partkey")
		cond := eq(col(a, "l_partkey"), col(p, "p_partkey"))
		if aggLeft {
			return &plan.Join{Kind: kind, Left: a, Right: p, Cond: cond}
		}
		return &plan.Join{Kind: kind, Left: p, Right: a, Cond: cond}
	}
	const q17Reduced = `Join Inner on (l_partkey#5 = p_partkey#3)
  Aggregate group=(l_partkey#1) [l_partkey#5, sum#6] sum(l_quantity#2)
    Join Semi on (l_partkey#1 = p_partkey#1001)
      Scan lineitem [l_partkey#1, l_quantity#2]
      Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
  Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
`
	cases := []struct {
		name  string
		build func(f *fixture) plan.Node
		want  string // "" means unchanged
	}{
		{"inner join, aggregate left", func(f *fixture) plan.Node { return q17(f, plan.JoinInner, true) }, q17Reduced},
		{"inner join, aggregate right", func(f *fixture) plan.Node { return q17(f, plan.JoinInner, false) },
			`Join Inner on (l_partkey#5 = p_partkey#3)
  Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
  Aggregate group=(l_partkey#1) [l_partkey#5, sum#6] sum(l_quantity#2)
    Join Semi on (l_partkey#1 = p_partkey#1001)
      Scan lineitem [l_partkey#1, l_quantity#2]
      Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
`},
		{"left join, aggregate null-extended", func(f *fixture) plan.Node { return q17(f, plan.JoinLeft, false) },
			`Join Left on (l_partkey#5 = p_partkey#3)
  Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
  Aggregate group=(l_partkey#1) [l_partkey#5, sum#6] sum(l_quantity#2)
    Join Semi on (l_partkey#1 = p_partkey#1001)
      Scan lineitem [l_partkey#1, l_quantity#2]
      Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
`},
		{"left join, aggregate preserved", func(f *fixture) plan.Node { return q17(f, plan.JoinLeft, true) }, ""},
		{"right join, aggregate preserved", func(f *fixture) plan.Node { return q17(f, plan.JoinRight, false) }, ""},
		{"full join", func(f *fixture) plan.Node { return q17(f, plan.JoinFull, true) }, ""},
		{"anti join", func(f *fixture) plan.Node { return q17(f, plan.JoinAnti, true) }, ""},
		{"semi join, aggregate tested", func(f *fixture) plan.Node { return q17(f, plan.JoinSemi, true) },
			`Join Semi on (l_partkey#5 = p_partkey#3)
  Aggregate group=(l_partkey#1) [l_partkey#5, sum#6] sum(l_quantity#2)
    Join Semi on (l_partkey#1 = p_partkey#1001)
      Scan lineitem [l_partkey#1, l_quantity#2]
      Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
  Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
`},
		{"other input not much smaller", func(f *fixture) plan.Node {
			l := f.scan("lineitem", 600000, "l_orderkey", "l_quantity")
			o := f.scan("orders", 150000, "o_orderkey")
			a := f.groupBy(l, "l_quantity", "l_orderkey")
			return &plan.Join{Kind: plan.JoinInner, Left: a, Right: o, Cond: eq(col(a, "l_orderkey"), col(o, "o_orderkey"))}
		}, ""},
		{"volatile reducer", func(f *fixture) plan.Node {
			n := q17(f, plan.JoinInner, true).(*plan.Join)
			p := *n.Right.(*plan.Scan)
			p.Filter = and(p.Filter, gt(&plan.Call{Name: "random", Typ: types.Int64Type}, i64(0)))
			n.Right = &p
			return n
		}, ""},
		{"grouping sets", func(f *fixture) plan.Node {
			n := q17(f, plan.JoinInner, true).(*plan.Join)
			a := *n.Left.(*plan.Aggregate)
			a.GroupingSets = [][]int{{0}, {}}
			a.GroupingIDCol = &plan.Column{ID: f.ids.New(), Name: "grouping", Type: types.Int64Type}
			n.Left = &a
			return n
		}, ""},
		{"HAVING and projection above the aggregate", func(f *fixture) plan.Node {
			l := f.scan("lineitem", 600000, "l_partkey", "l_quantity")
			p := f.scan("part", 20000, "p_partkey", "p_brand")
			p.Filter = eq(col(p, "p_brand"), i64(23))
			a := f.groupBy(l, "l_quantity", "l_partkey")
			h := &plan.Filter{Input: a, Pred: gt(col(a, "sum"), i64(10))}
			pr := f.project(h, "sum", "l_partkey")
			return &plan.Join{Kind: plan.JoinInner, Left: pr, Right: p, Cond: eq(col(pr, "l_partkey"), col(p, "p_partkey"))}
		}, `Join Inner on (l_partkey#8 = p_partkey#3)
  Project [sum#7, l_partkey#8] = (sum#6, l_partkey#5)
    Filter (sum#6 > 10)
      Aggregate group=(l_partkey#1) [l_partkey#5, sum#6] sum(l_quantity#2)
        Join Semi on (l_partkey#1 = p_partkey#1001)
          Scan lineitem [l_partkey#1, l_quantity#2]
          Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
  Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
`},
		{"two keys, semi join pushed into the aggregate's input join", func(f *fixture) plan.Node {
			l := f.scan("lineitem", 600000, "l_partkey", "l_suppkey", "l_quantity")
			s := f.scan("supplier", 1000, "s_suppkey")
			in := &plan.Join{Kind: plan.JoinInner, Left: l, Right: s, Cond: eq(col(l, "l_suppkey"), col(s, "s_suppkey"))}
			x := f.scan("x", 50, "x_partkey", "x_suppkey")
			a := f.groupBy(in, "l_quantity", "l_partkey", "l_suppkey")
			return &plan.Join{Kind: plan.JoinInner, Left: a, Right: x,
				Cond: and(eq(col(a, "l_partkey"), col(x, "x_partkey")), eq(col(x, "x_suppkey"), col(a, "l_suppkey")))}
		}, `Join Inner on ((l_partkey#7 = x_partkey#5) AND (x_suppkey#6 = l_suppkey#8))
  Aggregate group=(l_partkey#1, l_suppkey#2) [l_partkey#7, l_suppkey#8, sum#9] sum(l_quantity#3)
    Join Inner on (l_suppkey#2 = s_suppkey#4)
      Join Semi on ((l_partkey#1 = x_partkey#1001) AND (x_suppkey#1002 = l_suppkey#2))
        Scan lineitem [l_partkey#1, l_suppkey#2, l_quantity#3]
        Scan x [x_partkey#1001, x_suppkey#1002]
      Scan supplier [s_suppkey#4]
  Scan x [x_partkey#5, x_suppkey#6]
`},
		{"reducer through the semi join of the other input (TPC-H Q20)", func(f *fixture) plan.Node {
			l := f.scan("lineitem", 600000, "l_partkey", "l_suppkey", "l_quantity")
			ps := f.scan("partsupp", 80000, "ps_partkey", "ps_suppkey")
			p := f.scan("part", 20000, "p_partkey", "p_name")
			p.Filter = eq(col(p, "p_name"), i64(7))
			x := &plan.Join{Kind: plan.JoinSemi, Left: ps, Right: p, Cond: eq(col(ps, "ps_partkey"), col(p, "p_partkey"))}
			a := f.groupBy(l, "l_quantity", "l_partkey", "l_suppkey")
			return &plan.Join{Kind: plan.JoinInner, Left: x, Right: a,
				Cond: and(eq(col(x, "ps_partkey"), col(a, "l_partkey")), eq(col(x, "ps_suppkey"), col(a, "l_suppkey")))}
		}, `Join Inner on ((ps_partkey#4 = l_partkey#8) AND (ps_suppkey#5 = l_suppkey#9))
  Join Semi on (ps_partkey#4 = p_partkey#6)
    Scan partsupp [ps_partkey#4, ps_suppkey#5]
    Scan part [p_partkey#6, p_name#7] filter=(p_name#7 = 7)
  Aggregate group=(l_partkey#1, l_suppkey#2) [l_partkey#8, l_suppkey#9, sum#10] sum(l_quantity#3)
    Join Semi on (p_partkey#1001 = l_partkey#1)
      Scan lineitem [l_partkey#1, l_suppkey#2, l_quantity#3]
      Scan part [p_partkey#1001, p_name#1002] filter=(p_name#1002 = 7)
`},
		{"reducer is the left input of a LEFT join holding another aggregate", func(f *fixture) plan.Node {
			l := f.scan("lineitem", 600000, "l_partkey", "l_quantity")
			p := f.scan("part", 20000, "p_partkey", "p_brand")
			p.Filter = eq(col(p, "p_brand"), i64(23))
			o := f.groupBy(f.scan("other", 600000, "o_partkey", "o_v"), "o_v", "o_partkey")
			x := &plan.Join{Kind: plan.JoinLeft, Left: p, Right: o, Cond: eq(col(p, "p_partkey"), col(o, "o_partkey"))}
			a := f.groupBy(l, "l_quantity", "l_partkey")
			return &plan.Join{Kind: plan.JoinInner, Left: a, Right: x, Cond: eq(col(a, "l_partkey"), col(x, "p_partkey"))}
		}, `Join Inner on (l_partkey#9 = p_partkey#3)
  Aggregate group=(l_partkey#1) [l_partkey#9, sum#10] sum(l_quantity#2)
    Join Semi on (l_partkey#1 = p_partkey#1003)
      Scan lineitem [l_partkey#1, l_quantity#2]
      Scan part [p_partkey#1003, p_brand#1004] filter=(p_brand#1004 = 23)
  Join Left on (p_partkey#3 = o_partkey#7)
    Scan part [p_partkey#3, p_brand#4] filter=(p_brand#4 = 23)
    Aggregate group=(o_partkey#5) [o_partkey#7, sum#8] sum(o_v#6)
      Join Semi on (p_partkey#1001 = o_partkey#5)
        Scan other [o_partkey#5, o_v#6]
        Scan part [p_partkey#1001, p_brand#1002] filter=(p_brand#1002 = 23)
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fixture{}
			in := c.build(f)
			before := Format(in)
			out := applyRules(t, in, ReduceAggregates{})
			want := c.want
			if want == "" {
				want = before
			}
			if got := Format(out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			// A second application changes nothing (the rule is idempotent).
			again, err := ReduceAggregates{}.Apply(context.Background(), out, &Context{IDs: &plan.IDGen{Next: 2000}})
			if err != nil {
				t.Fatal(err)
			}
			if again != out {
				t.Errorf("second application changed the plan:\n%s", Format(again))
			}
		})
	}
}
