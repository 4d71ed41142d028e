package bind

import "github.com/warehoused/warehoused/planner/plan"

// remapPlan rewrites every column reference in n's tree (expressions only,
// not output columns) through m: used to re-point a subquery's outer
// references at the aggregate's group columns.
func remapPlan(n plan.Node, m map[plan.ColumnID]plan.ColumnID) plan.Node {
	re := func(e plan.Expr) plan.Expr {
		if e == nil {
			return nil
		}
		return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
			switch c := x.(type) {
			case *plan.ColRef:
				if id, ok := m[c.ID]; ok {
					return &plan.ColRef{ID: id, Typ: c.Typ, Name: c.Name}
				}
			case *plan.Subquery:
				s := *c
				s.Plan = remapPlan(c.Plan, m)
				s.Outer = make([]plan.ColumnID, len(c.Outer))
				for i, id := range c.Outer {
					if to, ok := m[id]; ok {
						id = to
					}
					s.Outer[i] = id
				}
				return &s
			}
			return x
		})
	}
	all := func(es []plan.Expr) []plan.Expr {
		out := make([]plan.Expr, len(es))
		for i, e := range es {
			out[i] = re(e)
		}
		return out
	}
	keys := func(ks []plan.SortKey) []plan.SortKey {
		out := make([]plan.SortKey, len(ks))
		for i, k := range ks {
			out[i] = k
			out[i].Expr = re(k.Expr)
		}
		return out
	}
	ch := n.Children()
	newCh := make([]plan.Node, len(ch))
	for i, c := range ch {
		newCh[i] = remapPlan(c, m)
	}
	if len(ch) > 0 {
		n = n.WithChildren(newCh)
	}
	switch x := n.(type) {
	case *plan.Scan:
		c := *x
		c.Filter = re(x.Filter)
		return &c
	case *plan.Values:
		c := *x
		c.Rows = make([][]plan.Expr, len(x.Rows))
		for i, r := range x.Rows {
			c.Rows[i] = all(r)
		}
		return &c
	case *plan.Filter:
		x.Pred = re(x.Pred)
	case *plan.Project:
		x.Exprs = all(x.Exprs)
	case *plan.Join:
		x.Cond = re(x.Cond)
	case *plan.Aggregate:
		x.GroupBy = all(x.GroupBy)
		aggs := make([]plan.AggCall, len(x.Aggs))
		for i, a := range x.Aggs {
			a.Args = all(a.Args)
			a.Filter = re(a.Filter)
			a.OrderBy = keys(a.OrderBy)
			aggs[i] = a
		}
		x.Aggs = aggs
	case *plan.Window:
		fs := make([]plan.WindowFunc, len(x.Funcs))
		for i, f := range x.Funcs {
			f.Args = all(f.Args)
			f.PartitionBy = all(f.PartitionBy)
			f.OrderBy = keys(f.OrderBy)
			fs[i] = f
		}
		x.Funcs = fs
	case *plan.Sort:
		x.Keys = keys(x.Keys)
	case *plan.Limit:
		x.Count, x.Offset = re(x.Count), re(x.Offset)
	case *plan.TableFunc:
		c := *x
		c.Args = all(x.Args)
		return &c
	}
	return n
}
