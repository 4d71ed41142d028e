package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
)

func applyRules(t *testing.T, n plan.Node, rs ...Rule) plan.Node {
	t.Helper()
	for _, r := range rs {
		out, err := applyRule(context.Background(), step{rule: r}, n, &plan.IDGen{Next: 1000})
		if err != nil {
			t.Fatalf("%s: %v", r.Name(), err)
		}
		if !sameSchema(out.Schema(), n.Schema()) {
			t.Fatalf("%s changed the schema", r.Name())
		}
		n = out
	}
	return n
}

func TestPushDownFilters(t *testing.T) {
	cases := []struct {
		name  string
		build func(f *fixture) plan.Node
		want  string
	}{
		{
			name: "comma join becomes inner join, single-table conjuncts reach scans",
			build: func(f *fixture) plan.Node {
				a, b := f.scan("a", 100, "x", "z"), f.scan("b", 100, "y", "w")
				return &plan.Filter{Input: cross(a, b), Pred: and(eq(col(a, "x"), col(b, "y")), gt(col(a, "z"), i64(5)), eq(col(b, "w"), i64(1)))}
			},
			want: `Join Inner on (x#1 = y#3)
  Scan a [x#1, z#2] filter=(z#2 > 5)
  Scan b [y#3, w#4] filter=(w#4 = 1)
`,
		},
		{
			name: "left join: WHERE on right side stays, ON right-only conjunct goes right, ON left-only stays",
			build: func(f *fixture) plan.Node {
				a, b := f.scan("a", 100, "x", "z"), f.scan("b", 100, "y", "w")
				j := &plan.Join{Kind: plan.JoinLeft, Left: a, Right: b, Cond: and(eq(col(a, "x"), col(b, "y")), eq(col(b, "w"), i64(1)), eq(col(a, "z"), i64(2)))}
				return &plan.Filter{Input: j, Pred: and(eq(col(b, "w"), i64(7)), gt(col(a, "x"), i64(3)))}
			},
			want: `Filter (w#4 = 7)
  Join Left on ((x#1 = y#3) AND (z#2 = 2))
    Scan a [x#1, z#2] filter=(x#1 > 3)
    Scan b [y#3, w#4] filter=(w#4 = 1)
`,
		},
		{
			name: "through project by substitution",
			build: func(f *fixture) plan.Node {
				a := f.scan("a", 100, "x", "z")
				p := f.project(a, "z")
				return &plan.Filter{Input: p, Pred: gt(col(p, "z"), i64(5))}
			},
			want: `Project [z#3] = (z#2)
  Scan a [x#1, z#2] filter=(z#2 > 5)
`,
		},
		{
			name: "into aggregate input on group columns only",
			build: func(f *fixture) plan.Node {
				a := f.scan("a", 100, "x", "z")
				g := &plan.Aggregate{Input: a, GroupBy: []plan.Expr{col(a, "x")},
					GroupCols: plan.Schema{{ID: 10, Name: "gx", Type: col(a, "x").Typ}},
					Aggs:      []plan.AggCall{{Name: "count", Col: plan.Column{ID: 11, Name: "count", Type: col(a, "x").Typ}}}}
				return &plan.Filter{Input: g, Pred: and(gt(col(g, "gx"), i64(1)), gt(col(g, "count"), i64(2)))}
			},
			want: `Filter (count#11 > 2)
  Aggregate group=(x#1) [gx#10, count#11] count()
    Scan a [x#1, z#2] filter=(x#1 > 1)
`,
		},
		{
			name: "semi join: right-only ON conjunct into right input",
			build: func(f *fixture) plan.Node {
				a, b := f.scan("a", 100, "x", "z"), f.scan("b", 100, "y", "w")
				return &plan.Join{Kind: plan.JoinSemi, Left: a, Right: b, Cond: and(eq(col(a, "x"), col(b, "y")), gt(col(b, "w"), i64(0)))}
			},
			want: `Join Semi on (x#1 = y#3)
  Scan a [x#1, z#2]
  Scan b [y#3, w#4] filter=(w#4 > 0)
`,
		},
		{
			name: "full join keeps everything",
			build: func(f *fixture) plan.Node {
				a, b := f.scan("a", 100, "x", "z"), f.scan("b", 100, "y", "w")
				j := &plan.Join{Kind: plan.JoinFull, Left: a, Right: b, Cond: and(eq(col(a, "x"), col(b, "y")), gt(col(b, "w"), i64(0)))}
				return &plan.Filter{Input: j, Pred: gt(col(a, "z"), i64(1))}
			},
			want: `Filter (z#2 > 1)
  Join Full on ((x#1 = y#3) AND (w#4 > 0))
    Scan a [x#1, z#2]
    Scan b [y#3, w#4]
`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fixture{}
			n := tc.build(f)
			out := applyRules(t, n, PushDownFilters{})
			if got := Format(out); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestSimplifyOuterJoins(t *testing.T) {
	f := &fixture{}
	a, b := f.scan("a", 100, "x", "z"), f.scan("b", 100, "y", "w")
	j := &plan.Join{Kind: plan.JoinLeft, Left: a, Right: b, Cond: eq(col(a, "x"), col(b, "y"))}
	n := plan.Node(&plan.Filter{Input: j, Pred: gt(col(b, "w"), i64(3))})
	out := applyRules(t, n, SimplifyOuterJoins{}, PushDownFilters{})
	want := `Join Inner on (x#1 = y#3)
  Scan a [x#1, z#2]
  Scan b [y#3, w#4] filter=(w#4 > 3)
`
	if got := Format(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// IS NULL on the right side is not null-rejecting: the join stays LEFT.
	n = &plan.Filter{Input: j, Pred: &plan.IsNull{Arg: col(b, "w")}}
	out = applyRules(t, n, SimplifyOuterJoins{})
	if !strings.Contains(Format(out), "Join Left") {
		t.Errorf("IS NULL must keep the left join:\n%s", Format(out))
	}
	// An OR is null-rejecting only if every arm is.
	n = &plan.Filter{Input: j, Pred: &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{gt(col(b, "w"), i64(3)), gt(col(a, "z"), i64(1))}}}
	out = applyRules(t, n, SimplifyOuterJoins{})
	if !strings.Contains(Format(out), "Join Left") {
		t.Errorf("OR with a left-only arm must keep the left join:\n%s", Format(out))
	}
}

func TestPushDownFiltersIntoSetOps(t *testing.T) {
	f := &fixture{}
	a, b := f.scan("a", 100, "x"), f.scan("b", 100, "y")
	u := &plan.SetOp{Kind: plan.Except, Left: a, Right: b, Cols: plan.Schema{{ID: 50, Name: "x", Type: col(a, "x").Typ}}}
	out := applyRules(t, &plan.Filter{Input: u, Pred: gt(col(u, "x"), i64(3))}, PushDownFilters{})
	want := `SetOp 2 all=false [x#50]
  Scan a [x#1] filter=(x#1 > 3)
  Scan b [y#2] filter=(y#2 > 3)
`
	if got := Format(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
