package rules

import "github.com/warehoused/warehoused/planner/plan"

// withChildren rebuilds n with fn applied to each child.
func withChildren(n plan.Node, fn func(plan.Node) plan.Node) plan.Node {
	ch := n.Children()
	if len(ch) == 0 {
		return n
	}
	nc := make([]plan.Node, len(ch))
	for i, c := range ch {
		nc[i] = fn(c)
	}
	return n.WithChildren(nc)
}

func idSet(s plan.Schema) map[plan.ColumnID]bool {
	out := make(map[plan.ColumnID]bool, len(s))
	for _, c := range s {
		out[c.ID] = true
	}
	return out
}

// within reports whether every column e reads is in set.
func within(e plan.Expr, set map[plan.ColumnID]bool) bool {
	for id := range plan.ColumnsUsed(e) {
		if !set[id] {
			return false
		}
	}
	return true
}

// wrapFilter puts preds as a Filter above n (n itself when there are none).
func wrapFilter(n plan.Node, preds []plan.Expr) plan.Node {
	if len(preds) == 0 {
		return n
	}
	return &plan.Filter{Input: n, Pred: plan.AndOf(preds)}
}
