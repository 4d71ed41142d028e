package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// decorrelate returns the subquery's plan with its correlated predicates
// pulled out (they become join conditions). For EXISTS the output columns do
// not matter, so a top projection, sort or positive LIMIT is dropped.
func (b *Binder) decorrelate(sq *plan.Subquery, exists bool) (plan.Node, []plan.Expr, error) {
	p := sq.Plan
	if exists {
	strip:
		for {
			switch x := p.(type) {
			case *plan.Project:
				p = x.Input
			case *plan.Sort:
				p = x.Input
			case *plan.Limit:
				c, ok := x.Count.(*plan.Const)
				if x.Offset != nil || !ok {
					break strip
				}
				if v, ok := c.Value.(int64); !ok || v <= 0 {
					break strip
				}
				p = x.Input
			default:
				break strip
			}
		}
	}
	if a, ok := p.(*plan.Aggregate); ok && exists && len(a.GroupBy) == 0 && a.GroupingSets == nil {
		// An aggregate without GROUP BY always yields one row: EXISTS is true.
		return &plan.Values{Rows: [][]plan.Expr{{}}}, nil, nil
	}
	outer := idSet(sq.Outer)
	if len(outer) == 0 || !refsOuter(p, outer) {
		return p, nil, nil
	}
	n, preds, err := b.pullCorrelated(p, outer)
	if err != nil {
		return nil, nil, err
	}
	if refsOuter(n, outer) {
		return nil, nil, notSupported("this correlated subquery cannot be decorrelated")
	}
	return n, preds, nil
}

// pullCorrelated removes the predicates that read outer columns from n and
// returns them; they then read only outer columns and columns of the
// returned node's schema.
func (b *Binder) pullCorrelated(n plan.Node, outer map[plan.ColumnID]bool) (plan.Node, []plan.Expr, error) {
	if !refsOuter(n, outer) {
		return n, nil, nil
	}
	switch x := n.(type) {
	case *plan.Filter:
		in, preds, err := b.pullCorrelated(x.Input, outer)
		if err != nil {
			return nil, nil, err
		}
		var keep []plan.Expr
		for _, c := range plan.Conjuncts(x.Pred) {
			if usesAny(c, outer) {
				preds = append(preds, c)
			} else {
				keep = append(keep, c)
			}
		}
		if len(keep) == 0 {
			return in, preds, nil
		}
		return &plan.Filter{Input: in, Pred: plan.AndOf(keep)}, preds, nil
	case *plan.Project:
		for _, e := range x.Exprs {
			if usesAny(e, outer) {
				return nil, nil, notSupported("a correlated subquery whose SELECT list reads outer columns is not supported")
			}
		}
		in, preds, err := b.pullCorrelated(x.Input, outer)
		if err != nil {
			return nil, nil, err
		}
		// Pass through the input columns the pulled predicates read.
		p := &plan.Project{Input: in, Exprs: append([]plan.Expr(nil), x.Exprs...), Cols: append(plan.Schema(nil), x.Cols...)}
		inSchema := in.Schema()
		m := map[plan.ColumnID]plan.Expr{}
		for _, pr := range preds {
			for id := range plan.ColumnsUsed(pr) {
				if outer[id] || m[id] != nil {
					continue
				}
				i := inSchema.IndexOf(id)
				if i < 0 {
					continue
				}
				c := inSchema[i]
				nc := plan.Column{ID: b.ids.New(), Name: c.Name, Table: c.Table, Type: c.Type, Nullable: c.Nullable}
				p.Exprs = append(p.Exprs, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
				p.Cols = append(p.Cols, nc)
				m[id] = &plan.ColRef{ID: nc.ID, Typ: nc.Type, Name: nc.Name}
			}
		}
		for i := range preds {
			preds[i] = plan.Substitute(preds[i], m)
		}
		return p, preds, nil
	case *plan.Aggregate:
		if x.GroupingSets != nil {
			break
		}
		for _, e := range x.GroupBy {
			if usesAny(e, outer) {
				return nil, nil, notSupported("GROUP BY over outer columns in a correlated subquery is not supported")
			}
		}
		in, preds, err := b.pullCorrelated(x.Input, outer)
		if err != nil {
			return nil, nil, err
		}
		if refsOuterAggs(x, outer) {
			break
		}
		na := &plan.Aggregate{Input: in, GroupBy: append([]plan.Expr(nil), x.GroupBy...), GroupCols: append(plan.Schema(nil), x.GroupCols...), Aggs: x.Aggs}
		var out []plan.Expr
		for _, p := range preds {
			inner, outerSide, call, innerLeft, ok := splitEquality(p, outer)
			if !ok {
				return nil, nil, notSupported("correlated subquery with an aggregate and a non-equality correlation is not supported")
			}
			col := plan.Column{ID: b.ids.New(), Name: "?column?", Type: inner.Type(), Nullable: true}
			na.GroupBy = append(na.GroupBy, inner)
			na.GroupCols = append(na.GroupCols, col)
			eq := *call
			g := &plan.ColRef{ID: col.ID, Typ: col.Type, Name: col.Name}
			eq.Args = []plan.Expr{outerSide, g}
			if innerLeft {
				eq.Args = []plan.Expr{g, outerSide}
			}
			out = append(out, &eq)
		}
		if len(x.GroupBy) == 0 {
			// One row per outer row, even when its group is empty.
			return b.fillEmptyGroups(x, na, out, outer)
		}
		return na, out, nil
	case *plan.Join:
		if usesAnyCond(x.Cond, outer) && x.Kind != plan.JoinInner {
			if x.Kind == plan.JoinRight || x.Kind == plan.JoinFull || refsOuter(x.Right, outer) {
				break
			}
			return b.domainJoin(x, outer)
		}
		if refsOuter(x.Right, outer) && x.Kind != plan.JoinInner {
			break
		}
		l, lp, err := b.pullCorrelated(x.Left, outer)
		if err != nil {
			return nil, nil, err
		}
		r, rp, err := b.pullCorrelated(x.Right, outer)
		if err != nil {
			return nil, nil, err
		}
		j := *x
		j.Left, j.Right = l, r
		preds := append(lp, rp...)
		if x.Kind == plan.JoinInner {
			var keep []plan.Expr
			for _, c := range plan.Conjuncts(x.Cond) {
				if usesAny(c, outer) {
					preds = append(preds, c)
				} else {
					keep = append(keep, c)
				}
			}
			j.Cond = plan.AndOf(keep)
		}
		return &j, preds, nil
	case *plan.Sort:
		in, preds, err := b.pullCorrelated(x.Input, outer)
		if err != nil {
			return nil, nil, err
		}
		return &plan.Sort{Input: in, Keys: x.Keys}, preds, nil
	case *plan.Limit:
		return b.pullLimit(x, outer)
	}
	return nil, nil, notSupported("this correlated subquery cannot be decorrelated (%T)", n)
}

func usesAnyCond(e plan.Expr, outer map[plan.ColumnID]bool) bool {
	return e != nil && usesAny(e, outer)
}

func refsOuterAggs(a *plan.Aggregate, outer map[plan.ColumnID]bool) bool {
	for _, c := range a.Aggs {
		for _, x := range append(append([]plan.Expr{c.Filter}, c.Args...), sortExprs(c.OrderBy)...) {
			if x != nil && usesAny(x, outer) {
				return true
			}
		}
	}
	return false
}

// refsOuter reports whether any expression in the tree reads a column in outer.
func refsOuter(n plan.Node, outer map[plan.ColumnID]bool) bool {
	for _, e := range nodeExprs(n) {
		if e != nil && usesAny(e, outer) {
			return true
		}
	}
	for _, c := range n.Children() {
		if refsOuter(c, outer) {
			return true
		}
	}
	return false
}

// nodeExprs lists the expressions a node evaluates (not its children's).
func nodeExprs(n plan.Node) []plan.Expr {
	switch x := n.(type) {
	case *plan.Scan:
		return []plan.Expr{x.Filter}
	case *plan.Values:
		var out []plan.Expr
		for _, r := range x.Rows {
			out = append(out, r...)
		}
		return out
	case *plan.Filter:
		return []plan.Expr{x.Pred}
	case *plan.Project:
		return x.Exprs
	case *plan.Join:
		return []plan.Expr{x.Cond}
	case *plan.Aggregate:
		out := append([]plan.Expr(nil), x.GroupBy...)
		for _, a := range x.Aggs {
			out = append(out, a.Filter)
			out = append(out, a.Args...)
			out = append(out, sortExprs(a.OrderBy)...)
		}
		return out
	case *plan.Window:
		var out []plan.Expr
		for _, f := range x.Funcs {
			out = append(out, f.Args...)
			out = append(out, f.PartitionBy...)
			out = append(out, sortExprs(f.OrderBy)...)
		}
		return out
	case *plan.Sort:
		return sortExprs(x.Keys)
	case *plan.Limit:
		return []plan.Expr{x.Count, x.Offset}
	case *plan.TableFunc:
		return x.Args
	}
	return nil
}

// pullLimit decorrelates a per-outer-row LIMIT (the top rows of each
// correlated group): row_number() over (partition by the correlated inner
// columns, ordered by the subquery's ORDER BY) filtered to the wanted rows.
func (b *Binder) pullLimit(x *plan.Limit, outer map[plan.ColumnID]bool) (plan.Node, []plan.Expr, error) {
	unsupported := notSupported("correlated subqueries with LIMIT or OFFSET are not supported here")
	constInt := func(e plan.Expr) (int64, bool) {
		if e == nil {
			return 0, true
		}
		c, ok := e.(*plan.Const)
		if !ok {
			return 0, false
		}
		v, ok := c.Value.(int64)
		return v, ok
	}
	count, ok1 := constInt(x.Count)
	off, ok2 := constInt(x.Offset)
	if !ok1 || !ok2 || x.Count == nil {
		return nil, nil, unsupported
	}
	input := x.Input
	var keys []plan.SortKey
	if s, ok := input.(*plan.Sort); ok {
		keys, input = s.Keys, s.Input
	}
	in, preds, err := b.pullCorrelated(input, outer)
	if err != nil {
		return nil, nil, err
	}
	wf := plan.WindowFunc{Name: "row_number", OrderBy: keys,
		Frame: plan.Frame{Mode: plan.FrameRows, Start: plan.FrameBound{Kind: plan.UnboundedPreceding}, End: plan.FrameBound{Kind: plan.CurrentRow}},
		Col:   plan.Column{ID: b.ids.New(), Name: "row_number", Type: types.Int64Type}}
	for _, p := range preds {
		inner, _, _, _, ok := splitEquality(p, outer)
		if !ok {
			return nil, nil, unsupported
		}
		wf.PartitionBy = append(wf.PartitionBy, inner)
	}
	rn := &plan.ColRef{ID: wf.Col.ID, Typ: types.Int64Type, Name: "row_number"}
	var conds []plan.Expr
	if off > 0 {
		gt, err := b.call(">", []plan.Expr{rn, &plan.Const{Value: off, Typ: types.Int64Type}}, -1)
		if err != nil {
			return nil, nil, err
		}
		conds = append(conds, gt)
	}
	le, err := b.call("<=", []plan.Expr{rn, &plan.Const{Value: off + count, Typ: types.Int64Type}}, -1)
	if err != nil {
		return nil, nil, err
	}
	conds = append(conds, le)
	// The row number stays as a trailing column: consumers read the
	// subquery's columns by ID, and its first column stays first.
	w := &plan.Window{Input: in, Funcs: []plan.WindowFunc{wf}}
	return &plan.Filter{Input: w, Pred: plan.AndOf(conds)}, preds, nil
}

// withDomain makes in the source of correlated values while a subquery over
// it is decorrelated; the returned func restores the previous one.
func (b *Binder) withDomain(in plan.Node) func() {
	prev := b.domIn
	b.domIn = in
	return func() { b.domIn = prev }
}

// domainJoin decorrelates a semi, anti, mark or left join whose condition
// reads outer columns (a subquery nested two levels deep, as in relational
// division): the left side is crossed with the distinct outer values D,
// computed from a copy of the outer input, the condition reads D instead, and
// D = outer becomes the pulled-up predicate.
func (b *Binder) domainJoin(x *plan.Join, outer map[plan.ColumnID]bool) (plan.Node, []plan.Expr, error) {
	l, preds, err := b.pullCorrelated(x.Left, outer)
	if err != nil {
		return nil, nil, err
	}
	var used []plan.ColumnID
	for _, id := range sortedIDs(plan.ColumnsUsed(x.Cond)) {
		if outer[id] {
			used = append(used, id)
		}
	}
	if b.domIn == nil {
		return nil, nil, notSupported("this correlated subquery cannot be decorrelated")
	}
	inS := b.domIn.Schema()
	for _, id := range used {
		if inS.IndexOf(id) < 0 {
			return nil, nil, notSupported("correlated subquery referencing an outer query two levels up is not supported here")
		}
	}
	m := map[plan.ColumnID]plan.ColumnID{}
	cp := b.clonePlan(b.domIn, m, map[int]int{})
	d := &plan.Aggregate{Input: cp}
	dm := map[plan.ColumnID]plan.ColumnID{}
	for _, id := range used {
		c := inS[inS.IndexOf(id)]
		d.GroupBy = append(d.GroupBy, &plan.ColRef{ID: m[id], Typ: c.Type, Name: c.Name})
		nc := plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: c.Nullable}
		d.GroupCols = append(d.GroupCols, nc)
		dm[id] = nc.ID
		eq, err := b.binary("=", &plan.ColRef{ID: nc.ID, Typ: nc.Type, Name: nc.Name}, &plan.ColRef{ID: id, Typ: c.Type, Name: c.Name}, -1)
		if err != nil {
			return nil, nil, err
		}
		preds = append(preds, eq)
	}
	j := *x
	j.Left = &plan.Join{Kind: plan.JoinInner, Left: l, Right: d}
	j.Cond = remapExpr(x.Cond, dm)
	return &j, preds, nil
}
