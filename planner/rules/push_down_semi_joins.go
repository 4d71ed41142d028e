// PushDownSemiJoins moves SEMI and ANTI joins (from EXISTS/IN/NOT IN
// subqueries) below the inner joins of their left input, to the input whose
// rows they test.
//
// Rewrites: Semi(Inner(A, B), R) with a condition reading, on the left, only
// columns of A → Inner(Semi(A, R), B), and symmetrically for B; the same for
// Anti. Repeated down the tree.
//
// Why it is correct: a semi (anti) join keeps a left row according to
// whether some right row matches it, a test that reads only the row's A
// columns; an inner join pairs A rows with B rows without changing them, so
// filtering A rows before or after pairing keeps the same pairs. The output
// columns (A ++ B) and their order are unchanged. Mark joins, which add a
// column, are left alone.
//
// Example (TPC-H Q18):
//
//	customer ⋈ orders ⋈ lineitem WHERE o_orderkey IN (SELECT l_orderkey ... HAVING sum(l_quantity) > 300)
//	→ the semi join filters orders (to a few dozen rows) before the joins with
//	  customer and lineitem.
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/plan"
)

// PushDownSemiJoins is the semi/anti join pushdown rule.
type PushDownSemiJoins struct{}

// Name implements Rule.
func (PushDownSemiJoins) Name() string { return "push_down_semi_joins" }

// Apply implements Rule.
func (PushDownSemiJoins) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return plan.TransformUp(n, pushSemi), nil
}

// pushSemi pushes n, if it is a semi or anti join over an inner join, into
// the inner join input its condition reads.
func pushSemi(n plan.Node) plan.Node {
	j, ok := n.(*plan.Join)
	if !ok || (j.Kind != plan.JoinSemi && j.Kind != plan.JoinAnti) {
		return n
	}
	in, ok := j.Left.(*plan.Join)
	if !ok || in.Kind != plan.JoinInner {
		return n
	}
	leftCols := idSet(in.Schema())
	used := map[plan.ColumnID]bool{}
	for id := range plan.ColumnsUsed(j.Cond) {
		if leftCols[id] {
			used[id] = true
		}
	}
	if len(used) == 0 {
		return n
	}
	into := func(side plan.Node) bool {
		s := idSet(side.Schema())
		for id := range used {
			if !s[id] {
				return false
			}
		}
		return true
	}
	c := *in
	switch {
	case into(in.Left):
		s := *j
		s.Left = in.Left
		c.Left = pushSemi(&s)
	case into(in.Right):
		s := *j
		s.Left = in.Right
		c.Right = pushSemi(&s)
	default:
		return n
	}
	return &c
}
