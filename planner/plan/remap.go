package plan

// MapNodeExprs returns a copy of n (not its children) with every expression
// it holds replaced by fn(expr). Optional expressions that are nil (a Scan
// without filter, a Limit without offset, ...) stay nil and are not passed to
// fn; nil expression lists stay nil. Nodes that hold no expressions are
// returned as they are.
func MapNodeExprs(n Node, fn func(Expr) Expr) Node {
	opt := func(e Expr) Expr {
		if e == nil {
			return nil
		}
		return fn(e)
	}
	all := func(es []Expr) []Expr {
		if es == nil {
			return nil
		}
		out := make([]Expr, len(es))
		for i, e := range es {
			out[i] = fn(e)
		}
		return out
	}
	keys := func(ks []SortKey) []SortKey {
		if ks == nil {
			return nil
		}
		out := make([]SortKey, len(ks))
		for i, k := range ks {
			out[i] = k
			out[i].Expr = fn(k.Expr)
		}
		return out
	}
	switch x := n.(type) {
	case *Scan:
		c := *x
		c.Filter = opt(x.Filter)
		return &c
	case *Values:
		c := *x
		c.Rows = make([][]Expr, len(x.Rows))
		for i, r := range x.Rows {
			c.Rows[i] = all(r)
		}
		return &c
	case *Filter:
		c := *x
		c.Pred = fn(x.Pred)
		return &c
	case *Project:
		c := *x
		c.Exprs = all(x.Exprs)
		return &c
	case *Join:
		c := *x
		c.Cond = opt(x.Cond)
		return &c
	case *Aggregate:
		c := *x
		c.GroupBy = all(x.GroupBy)
		c.Aggs = make([]AggCall, len(x.Aggs))
		for i, a := range x.Aggs {
			a.Args = all(a.Args)
			a.Filter = opt(a.Filter)
			a.OrderBy = keys(a.OrderBy)
			c.Aggs[i] = a
		}
		return &c
	case *Window:
		c := *x
		c.Funcs = make([]WindowFunc, len(x.Funcs))
		for i, f := range x.Funcs {
			f.Args = all(f.Args)
			f.PartitionBy = all(f.PartitionBy)
			f.OrderBy = keys(f.OrderBy)
			c.Funcs[i] = f
		}
		return &c
	case *Sort:
		c := *x
		c.Keys = keys(x.Keys)
		return &c
	case *Limit:
		c := *x
		c.Count = opt(x.Count)
		c.Offset = opt(x.Offset)
		return &c
	case *TableFunc:
		c := *x
		c.Args = all(x.Args)
		return &c
	}
	return n
}

// TransformUp rebuilds n bottom-up, replacing each node by fn(node) after its
// children were transformed.
func TransformUp(n Node, fn func(Node) Node) Node {
	ch := n.Children()
	if len(ch) > 0 {
		nc := make([]Node, len(ch))
		for i, c := range ch {
			nc[i] = TransformUp(c, fn)
		}
		n = n.WithChildren(nc)
	}
	return fn(n)
}

// Substitute replaces column references in e by the expressions m maps them
// to; other columns stay.
func Substitute(e Expr, m map[ColumnID]Expr) Expr {
	return RewriteExpr(e, func(x Expr) Expr {
		if c, ok := x.(*ColRef); ok {
			if r, ok := m[c.ID]; ok {
				return r
			}
		}
		return x
	})
}
