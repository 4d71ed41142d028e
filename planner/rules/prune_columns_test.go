package rules

import (
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func TestPruneColumns(t *testing.T) {
	cases := []struct {
		name  string
		build func(f *fixture) plan.Node
		want  string
	}{
		{
			name: "scan keeps projected and filtered columns",
			build: func(f *fixture) plan.Node {
				a := f.scan("lineitem", 100, "k", "qty", "price", "disc", "ship:date")
				a.Filter = gt(col(a, "ship"), &plan.Const{Value: int64(9000), Typ: types.DateType})
				return f.project(a, "price")
			},
			want: `Project [price#6] = (price#3)
  Scan lineitem [price#3, ship#5] filter=(ship#5 > '1994-08-23'::date)
`,
		},
		{
			name: "join inputs keep condition columns; unused aggregate dropped",
			build: func(f *fixture) plan.Node {
				a, b := f.scan("a", 100, "x", "z", "u"), f.scan("b", 100, "y", "w", "v")
				j := &plan.Join{Kind: plan.JoinInner, Left: a, Right: b, Cond: eq(col(a, "x"), col(b, "y"))}
				g := &plan.Aggregate{Input: j, GroupBy: []plan.Expr{col(j, "z")},
					GroupCols: plan.Schema{{ID: 20, Name: "gz", Type: types.Int64Type}},
					Aggs: []plan.AggCall{
						{Name: "sum", Args: []plan.Expr{col(j, "w")}, Col: plan.Column{ID: 21, Name: "sw", Type: types.Int64Type}},
						{Name: "sum", Args: []plan.Expr{col(j, "v")}, Col: plan.Column{ID: 22, Name: "sv", Type: types.Int64Type}},
					}}
				return f.project(g, "gz", "sw")
			},
			want: `Project [gz#7, sw#8] = (gz#20, sw#21)
  Aggregate group=(z#2) [gz#20, sw#21] sum(w#5)
    Join Inner on (x#1 = y#4)
      Scan a [x#1, z#2]
      Scan b [y#4, w#5]
`,
		},
		{
			name: "count(*) keeps one narrow column",
			build: func(f *fixture) plan.Node {
				a := f.scan("a", 100, "name:text", "flag:bool")
				return &plan.Aggregate{Input: a, Aggs: []plan.AggCall{{Name: "count", Col: plan.Column{ID: 30, Name: "count", Type: types.Int64Type}}}}
			},
			want: `Aggregate group=() [count#30] count()
  Scan a [flag#2]
`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fixture{}
			out := applyRules(t, tc.build(f), PruneColumns{})
			if got := Format(out); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
