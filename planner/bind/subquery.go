package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// bindSubqueryExpr binds a subquery as a plan.Subquery; applyFilter and
// applyExprs turn it into joins before the plan leaves the binder.
func (b *Binder) bindSubqueryExpr(x *ast.SubqueryExpr, ctx *exprCtx) (plan.Expr, error) {
	if x.Kind == ast.SubArray {
		return b.bindArraySubquery(x, ctx) // bind_catalog.go
	}
	n, corr, err := b.bindQuery(x.Query, ctx.sc, ctx.env, false)
	if err != nil {
		return nil, err
	}
	sq := &plan.Subquery{Plan: n, Outer: sortedIDs(corr), Typ: boolT}
	s := n.Schema()
	switch x.Kind {
	case ast.SubExists:
		sq.Kind = plan.SubExists
	case ast.SubScalar:
		sq.Kind = plan.SubScalar
		if len(s) != 1 {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "subquery must return only one column"), x.Loc)
		}
		sq.Typ = s[0].Type
	case ast.SubAny, ast.SubAll:
		sq.Kind = plan.SubAny
		if x.Kind == ast.SubAll {
			sq.Kind = plan.SubAll
		}
		var test plan.Expr
		if row, ok := isRowCall(x.Test); ok {
			if test, err = b.bindRowTest(row, ctx, len(s), x.Loc); err != nil {
				return nil, err
			}
		} else {
			if len(s) != 1 {
				return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "subquery has too many columns"), x.Loc)
			}
			if test, err = b.bindExpr(x.Test, ctx); err != nil {
				return nil, err
			}
			if isUnknown(test) {
				if test, err = b.coerce(test, s[0].Type); err != nil {
					return nil, withLoc(err, x.Loc)
				}
			}
		}
		sq.Test, sq.Op = test, x.Op
		// Check the comparison exists now, for the error position.
		if _, err := b.compareTest(x.Op, test, s, x.Loc); err != nil {
			return nil, err
		}
	}
	return sq, nil
}

// negatedOp maps a comparison to its negation (x op ALL S = NOT (x negop ANY S)).
var negatedOp = map[string]string{"=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

// applyFilter filters in by pred, turning the subqueries in it into joins:
// EXISTS / IN / ANY / ALL conjuncts become semi and anti joins, any other
// subquery a mark join (for EXISTS/IN/ANY/ALL) or a left join (scalar).
func (b *Binder) applyFilter(in plan.Node, pred plan.Expr) (plan.Node, error) {
	var plain, complex []plan.Expr
	var semis []plan.Expr
	for _, c := range plan.Conjuncts(pred) {
		switch {
		case !hasSubquery(c):
			plain = append(plain, c)
		case isSemiCandidate(c):
			semis = append(semis, c)
		default:
			complex = append(complex, c)
		}
	}
	if len(plain) > 0 {
		in = &plan.Filter{Input: in, Pred: plan.AndOf(plain)}
	}
	var err error
	for _, c := range semis {
		if in, err = b.semiJoin(in, c); err != nil {
			return nil, err
		}
	}
	if len(complex) > 0 {
		p := plan.AndOf(complex)
		if in, p, err = b.applyExpr(in, p); err != nil {
			return nil, err
		}
		in = &plan.Filter{Input: in, Pred: p}
	}
	return in, nil
}

// isSemiCandidate: [NOT] EXISTS / IN / ANY / ALL whose test holds no subquery.
func isSemiCandidate(c plan.Expr) bool {
	if n, ok := c.(*plan.Not); ok {
		c = n.Arg
	}
	sq, ok := c.(*plan.Subquery)
	if !ok || sq.Kind == plan.SubScalar {
		return false
	}
	return sq.Test == nil || !hasSubquery(sq.Test)
}

func (b *Binder) semiJoin(in plan.Node, c plan.Expr) (plan.Node, error) {
	neg := false
	if n, ok := c.(*plan.Not); ok {
		neg, c = true, n.Arg
	}
	sq := c.(*plan.Subquery)
	defer b.withDomain(in)()
	right, preds, err := b.decorrelate(sq, sq.Kind == plan.SubExists)
	if err != nil {
		return nil, err
	}
	kind := plan.JoinSemi
	nullAware := false
	var cond plan.Expr
	switch sq.Kind {
	case plan.SubExists:
		if neg {
			kind = plan.JoinAnti
		}
	case plan.SubAny, plan.SubAll:
		op := sq.Op
		// x op ALL S == NOT (x negop ANY S); a negated ANY/ALL flips once more.
		anti := (sq.Kind == plan.SubAll) != neg
		if sq.Kind == plan.SubAll {
			op = negatedOp[op]
			if op == "" {
				return nil, notSupported("operator %s with ALL is not supported", sq.Op)
			}
		}
		cmp, err := b.compareTest(op, sq.Test, right.Schema(), -1)
		if err != nil {
			return nil, err
		}
		cond = cmp
		if anti {
			kind = plan.JoinAnti
			if op == "=" {
				nullAware = true
			} else {
				// Drop the row when any comparison is TRUE or NULL.
				cond = &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{cmp, &plan.IsNull{Arg: cmp}}}
			}
		}
	}
	conds := append([]plan.Expr{}, preds...)
	if cond != nil {
		conds = append([]plan.Expr{cond}, conds...)
	}
	return &plan.Join{Kind: kind, Left: in, Right: right, Cond: plan.AndOf(conds), NullAware: nullAware}, nil
}

// applyExprs turns the subqueries of exprs into joins on in.
func (b *Binder) applyExprs(in plan.Node, exprs []plan.Expr) (plan.Node, []plan.Expr, error) {
	out := make([]plan.Expr, len(exprs))
	var err error
	for i, e := range exprs {
		if in, out[i], err = b.applyExpr(in, e); err != nil {
			return nil, nil, err
		}
	}
	return in, out, nil
}

func (b *Binder) applyExpr(in plan.Node, e plan.Expr) (plan.Node, plan.Expr, error) {
	if !hasSubquery(e) {
		return in, e, nil
	}
	var err error
	out := plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		sq, ok := x.(*plan.Subquery)
		if !ok || err != nil {
			return x
		}
		var v plan.Expr
		in, v, err = b.subqueryValue(in, sq)
		return v
	})
	if err != nil {
		return nil, nil, err
	}
	return in, out, nil
}

// subqueryValue joins sq's rows to in and returns the expression that stands
// for the subquery's value in each row of the result.
func (b *Binder) subqueryValue(in plan.Node, sq *plan.Subquery) (plan.Node, plan.Expr, error) {
	if sq.Kind == plan.SubScalar {
		return b.scalarSubquery(in, sq)
	}
	defer b.withDomain(in)()
	right, preds, err := b.decorrelate(sq, sq.Kind == plan.SubExists)
	if err != nil {
		return nil, nil, err
	}
	mark := plan.Column{ID: b.ids.New(), Name: "mark", Type: boolT, Nullable: true}
	markRef := &plan.ColRef{ID: mark.ID, Typ: boolT, Name: "mark"}
	conds := append([]plan.Expr{}, preds...)
	var value plan.Expr = isTrue(markRef)
	if sq.Kind != plan.SubExists {
		op := sq.Op
		if sq.Kind == plan.SubAll {
			op = negatedOp[op]
			if op == "" {
				return nil, nil, notSupported("operator %s with ALL is not supported", sq.Op)
			}
		}
		cmp, err := b.compareTest(op, sq.Test, right.Schema(), -1)
		if err != nil {
			return nil, nil, err
		}
		conds = append([]plan.Expr{cmp}, conds...)
		value = markRef
		if sq.Kind == plan.SubAll {
			value = &plan.Not{Arg: markRef}
		}
	}
	j := &plan.Join{Kind: plan.JoinMark, Left: in, Right: right, Cond: plan.AndOf(conds), MarkCol: mark}
	return j, value, nil
}

// scalarSubquery joins a scalar subquery: uncorrelated ones once (Max1Row
// guards the row count); correlated aggregates grouped by their correlation
// columns and LEFT joined, with count() of a missing group read as 0.
func (b *Binder) scalarSubquery(in plan.Node, sq *plan.Subquery) (plan.Node, plan.Expr, error) {
	defer b.withDomain(in)()
	p := sq.Plan
	outer := idSet(sq.Outer)
	if len(outer) == 0 || !refsOuter(p, outer) {
		col := p.Schema()[0]
		ref := &plan.ColRef{ID: col.ID, Typ: col.Type, Name: col.Name}
		if isScalarAgg(p) {
			return &plan.Join{Kind: plan.JoinInner, Left: in, Right: p}, ref, nil
		}
		return &plan.Join{Kind: plan.JoinLeft, Left: in, Right: &plan.Max1Row{Input: p}}, ref, nil
	}
	if proj, ok := p.(*plan.Project); ok {
		if agg, ok := proj.Input.(*plan.Aggregate); ok && len(agg.GroupBy) == 0 && agg.GroupingSets == nil {
			return b.correlatedAgg(in, proj, agg, outer)
		}
	}
	if s, ok := p.(*plan.Sort); ok {
		p = s.Input
	}
	right, preds, err := b.pullCorrelated(p, outer)
	if err != nil {
		return nil, nil, err
	}
	if refsOuter(right, outer) {
		return nil, nil, notSupported("this correlated subquery cannot be decorrelated")
	}
	col := right.Schema()[0]
	var j plan.Node = &plan.Join{Kind: plan.JoinLeft, Left: in, Right: right, Cond: plan.AndOf(preds)}
	if !atMostOneRow(sq.Plan) {
		// A second row for an outer row is 21000, not a duplicated outer row.
		check, err := b.cardinalityCheck(in, right, preds, outer)
		if err != nil {
			return nil, nil, err
		}
		if check != nil {
			j = &plan.Join{Kind: plan.JoinLeft, Left: j, Right: check}
		}
	}
	return j, &plan.ColRef{ID: col.ID, Typ: col.Type, Name: col.Name}, nil
}

func (b *Binder) correlatedAgg(in plan.Node, proj *plan.Project, agg *plan.Aggregate, outer map[plan.ColumnID]bool) (plan.Node, plan.Expr, error) {
	input, preds, err := b.pullCorrelated(agg.Input, outer)
	if err != nil {
		return nil, nil, err
	}
	if refsOuter(input, outer) {
		return nil, nil, notSupported("this correlated subquery cannot be decorrelated")
	}
	for _, a := range agg.Aggs {
		for _, x := range append(append([]plan.Expr{a.Filter}, a.Args...), sortExprs(a.OrderBy)...) {
			if x != nil && usesAny(x, outer) {
				return nil, nil, notSupported("aggregates over outer columns in a correlated subquery are not supported")
			}
		}
	}
	na := &plan.Aggregate{Input: input, Aggs: agg.Aggs}
	var conds []plan.Expr
	for _, p := range preds {
		inner, outerSide, call, innerLeft, ok := splitEquality(p, outer)
		if !ok {
			return b.correlatedAggGeneral(in, proj, agg, input, preds, outer)
		}
		col := plan.Column{ID: b.ids.New(), Name: "?column?", Type: inner.Type(), Nullable: true}
		if c, ok := inner.(*plan.ColRef); ok {
			col.Name = c.Name
		}
		na.GroupBy = append(na.GroupBy, inner)
		na.GroupCols = append(na.GroupCols, col)
		eq := *call
		g := &plan.ColRef{ID: col.ID, Typ: col.Type, Name: col.Name}
		eq.Args = []plan.Expr{outerSide, g}
		if innerLeft {
			eq.Args = []plan.Expr{g, outerSide}
		}
		conds = append(conds, &eq)
	}
	j := &plan.Join{Kind: plan.JoinLeft, Left: in, Right: na, Cond: plan.AndOf(conds)}
	return j, countZero(proj.Exprs[0], agg), nil
}

// countZero reads count() of a group missing after a LEFT join as 0.
func countZero(e plan.Expr, agg *plan.Aggregate) plan.Expr {
	m := map[plan.ColumnID]plan.Expr{}
	for _, a := range agg.Aggs {
		if a.Name == "count" || a.Name == "approximate_count_distinct" {
			ref := &plan.ColRef{ID: a.Col.ID, Typ: a.Col.Type, Name: a.Col.Name}
			m[a.Col.ID] = nullAsZero(ref)
		}
	}
	return plan.Substitute(e, m)
}

// correlatedAggGeneral decorrelates an aggregate subquery whose correlation
// is not a set of equalities (t2.a <= t1.a): the distinct outer values D are
// computed from a copy of the outer input, joined to the subquery's input by
// the correlated predicates, aggregated per D, and LEFT joined back by D.
func (b *Binder) correlatedAggGeneral(in plan.Node, proj *plan.Project, agg *plan.Aggregate, input plan.Node, preds []plan.Expr, outer map[plan.ColumnID]bool) (plan.Node, plan.Expr, error) {
	used, ok := outerColumnsUsed(in.Schema(), preds, outer)
	if !ok {
		return nil, nil, notSupported("correlated subquery referencing an outer query two levels up is not supported")
	}
	d, dmap := b.distinctDomain(in, used)
	conds := remapExprs(preds, dmap)
	j := &plan.Join{Kind: plan.JoinInner, Left: d, Right: input, Cond: plan.AndOf(conds)}
	a := &plan.Aggregate{Input: j, Aggs: agg.Aggs}
	var back []plan.Expr
	for i, c := range used {
		dc := d.GroupCols[i]
		a.GroupBy = append(a.GroupBy, &plan.ColRef{ID: dc.ID, Typ: dc.Type, Name: dc.Name})
		g := plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: true}
		a.GroupCols = append(a.GroupCols, g)
		eq, err := b.binary("=", &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}, &plan.ColRef{ID: g.ID, Typ: g.Type, Name: g.Name}, -1)
		if err != nil {
			return nil, nil, err
		}
		back = append(back, eq)
	}
	lj := &plan.Join{Kind: plan.JoinLeft, Left: in, Right: a, Cond: plan.AndOf(back)}
	return lj, countZero(proj.Exprs[0], agg), nil
}

// splitEquality recognises `inner = outer` (either order) where one side reads
// only outer columns and the other only inner ones. innerLeft says which
// argument the inner side is, so rebuilt calls keep the resolved signature.
func splitEquality(p plan.Expr, outer map[plan.ColumnID]bool) (inner, outerSide plan.Expr, call *plan.Call, innerLeft, ok bool) {
	c, isCall := p.(*plan.Call)
	if !isCall || c.Name != "=" || len(c.Args) != 2 {
		return nil, nil, nil, false, false
	}
	l, r := c.Args[0], c.Args[1]
	lo, li := usesAny(l, outer), usesInner(l, outer)
	ro, ri := usesAny(r, outer), usesInner(r, outer)
	switch {
	case lo && !li && ri && !ro:
		return r, l, c, false, true
	case ro && !ri && li && !lo:
		return l, r, c, true, true
	}
	return nil, nil, nil, false, false
}

func usesInner(e plan.Expr, outer map[plan.ColumnID]bool) bool {
	for id := range plan.ColumnsUsed(e) {
		if !outer[id] {
			return true
		}
	}
	return false
}

func idSet(ids []plan.ColumnID) map[plan.ColumnID]bool {
	m := make(map[plan.ColumnID]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// isScalarAgg reports whether n always yields exactly one row: a
// projection over an aggregate without GROUP BY or HAVING.
func isScalarAgg(n plan.Node) bool {
	for {
		switch x := n.(type) {
		case *plan.Project:
			n = x.Input
		case *plan.Aggregate:
			return len(x.GroupBy) == 0 && x.GroupingSets == nil
		default:
			return false
		}
	}
}
