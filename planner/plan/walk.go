package plan

// Children of an expression, in order.
func ExprChildren(e Expr) []Expr {
	switch x := e.(type) {
	case *Call:
		return x.Args
	case *Cast:
		return []Expr{x.Arg}
	case *BoolOp:
		return x.Args
	case *Not:
		return []Expr{x.Arg}
	case *IsNull:
		return []Expr{x.Arg}
	case *Case:
		out := make([]Expr, 0, 2*len(x.Whens)+1)
		for _, w := range x.Whens {
			out = append(out, w.Cond, w.Then)
		}
		if x.Else != nil {
			out = append(out, x.Else)
		}
		return out
	case *InList:
		return append([]Expr{x.Arg}, x.List...)
	case *Subquery:
		if x.Test != nil {
			return []Expr{x.Test}
		}
	}
	return nil
}

// WalkExpr calls fn on e and, while fn returns true, on its descendants (pre-order).
// It does not descend into subquery plans.
func WalkExpr(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range ExprChildren(e) {
		WalkExpr(c, fn)
	}
}

// RewriteExpr rebuilds e bottom-up, replacing each node by fn(node) after its
// children were rewritten. fn returns its argument to keep a node.
func RewriteExpr(e Expr, fn func(Expr) Expr) Expr {
	if e == nil {
		return nil
	}
	switch x := e.(type) {
	case *Call:
		c := *x
		c.Args = rewriteAll(x.Args, fn)
		return fn(&c)
	case *Cast:
		c := *x
		c.Arg = RewriteExpr(x.Arg, fn)
		return fn(&c)
	case *BoolOp:
		c := *x
		c.Args = rewriteAll(x.Args, fn)
		return fn(&c)
	case *Not:
		return fn(&Not{Arg: RewriteExpr(x.Arg, fn)})
	case *IsNull:
		return fn(&IsNull{Arg: RewriteExpr(x.Arg, fn), Neg: x.Neg})
	case *Case:
		c := *x
		c.Whens = make([]When, len(x.Whens))
		for i, w := range x.Whens {
			c.Whens[i] = When{Cond: RewriteExpr(w.Cond, fn), Then: RewriteExpr(w.Then, fn)}
		}
		c.Else = RewriteExpr(x.Else, fn)
		return fn(&c)
	case *InList:
		c := *x
		c.Arg = RewriteExpr(x.Arg, fn)
		c.List = rewriteAll(x.List, fn)
		return fn(&c)
	case *Subquery:
		c := *x
		c.Test = RewriteExpr(x.Test, fn)
		return fn(&c)
	}
	return fn(e)
}

func rewriteAll(es []Expr, fn func(Expr) Expr) []Expr {
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = RewriteExpr(e, fn)
	}
	return out
}

// ColumnsUsed returns the set of column IDs e reads.
func ColumnsUsed(e Expr) map[ColumnID]bool {
	out := map[ColumnID]bool{}
	WalkExpr(e, func(x Expr) bool {
		if c, ok := x.(*ColRef); ok {
			out[c.ID] = true
		}
		return true
	})
	return out
}

// Conjuncts splits e into its top-level AND terms.
func Conjuncts(e Expr) []Expr {
	if e == nil {
		return nil
	}
	if b, ok := e.(*BoolOp); ok && b.Op == OpAnd {
		var out []Expr
		for _, a := range b.Args {
			out = append(out, Conjuncts(a)...)
		}
		return out
	}
	return []Expr{e}
}

// AndOf joins terms with AND; nil for none, the term itself for one.
func AndOf(terms []Expr) Expr {
	switch len(terms) {
	case 0:
		return nil
	case 1:
		return terms[0]
	}
	return &BoolOp{Op: OpAnd, Args: terms}
}
