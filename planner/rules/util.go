package rules

import "github.com/warehoused/warehoused/planner/plan"

// mapExprs returns a copy of n (not its children) with every expression it
// holds replaced by fn(expr).
func mapExprs(n plan.Node, fn func(plan.Expr) plan.Expr) plan.Node {
	opt := func(e plan.Expr) plan.Expr {
		if e == nil {
			return nil
		}
		return fn(e)
	}
	all := func(es []plan.Expr) []plan.Expr {
		if es == nil {
			return nil
		}
		out := make([]plan.Expr, len(es))
		for i, e := range es {
			out[i] = fn(e)
		}
		return out
	}
	keys := func(ks []plan.SortKey) []plan.SortKey {
		if ks == nil {
			return nil
		}
		out := make([]plan.SortKey, len(ks))
		for i, k := range ks {
			out[i] = k
			out[i].Expr = fn(k.Expr)
		}
		return out
	}
	switch x := n.(type) {
	case *plan.Scan:
		c := *x
		c.Filter = opt(x.Filter)
		return &c
	case *plan.Values:
		c := *x
		c.Rows = make([][]plan.Expr, len(x.Rows))
		for i, r := range x.Rows {
			c.Rows[i] = all(r)
		}
		return &c
	case *plan.Filter:
		c := *x
		c.Pred = fn(x.Pred)
		return &c
	case *plan.Project:
		c := *x
		c.Exprs = all(x.Exprs)
		return &c
	case *plan.Join:
		c := *x
		c.Cond = opt(x.Cond)
		return &c
	case *plan.Aggregate:
		c := *x
		c.GroupBy = all(x.GroupBy)
		c.Aggs = make([]plan.AggCall, len(x.Aggs))
		for i, a := range x.Aggs {
			a.Args = all(a.Args)
			a.Filter = opt(a.Filter)
			a.OrderBy = keys(a.OrderBy)
			c.Aggs[i] = a
		}
		return &c
	case *plan.Window:
		c := *x
		c.Funcs = make([]plan.WindowFunc, len(x.Funcs))
		for i, f := range x.Funcs {
			f.Args = all(f.Args)
			f.PartitionBy = all(f.PartitionBy)
			f.OrderBy = keys(f.OrderBy)
			c.Funcs[i] = f
		}
		return &c
	case *plan.Sort:
		c := *x
		c.Keys = keys(x.Keys)
		return &c
	case *plan.Limit:
		c := *x
		c.Count = opt(x.Count)
		c.Offset = opt(x.Offset)
		return &c
	case *plan.TableFunc:
		c := *x
		c.Args = all(x.Args)
		return &c
	}
	return n
}

// transformUp rebuilds n bottom-up, replacing each node by fn(node) after its
// children were transformed.
func transformUp(n plan.Node, fn func(plan.Node) plan.Node) plan.Node {
	ch := n.Children()
	if len(ch) > 0 {
		nc := make([]plan.Node, len(ch))
		for i, c := range ch {
			nc[i] = transformUp(c, fn)
		}
		n = n.WithChildren(nc)
	}
	return fn(n)
}

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

// substitute replaces column references by the expressions m maps them to.
func substitute(e plan.Expr, m map[plan.ColumnID]plan.Expr) plan.Expr {
	return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		if c, ok := x.(*plan.ColRef); ok {
			if r, ok := m[c.ID]; ok {
				return r
			}
		}
		return x
	})
}
