package bind

import (
	"sort"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// bindStatementQuery binds a top-level query: no outer scope, and no column
// may stay of unknown type.
func (b *Binder) bindStatementQuery(sel *ast.Select) (plan.Node, error) {
	n, _, err := b.bindQuery(sel, nil, nil, false)
	return n, err
}

// bindQuery binds any query shape. outer is the enclosing scope (for
// correlated subqueries); the returned set holds the outer columns the query
// reads. arm keeps NULL-literal columns untyped (a set operation's operand).
func (b *Binder) bindQuery(sel *ast.Select, outer *scope, env *cteEnv, arm bool) (plan.Node, map[plan.ColumnID]bool, error) {
	if sel.With != nil {
		var err error
		if env, err = env.push(sel.With); err != nil {
			return nil, nil, err
		}
	}
	switch {
	case sel.Op != ast.SetNone:
		return b.bindSetOp(sel, outer, env)
	case sel.Values != nil:
		return b.bindValues(sel, outer, env, arm)
	}
	return b.bindSelectCore(sel, outer, env, arm)
}

// outItem is one column of a SELECT's projection.
type outItem struct {
	expr plan.Expr
	name string
	key  string
}

func sortedIDs(m map[plan.ColumnID]bool) []plan.ColumnID {
	out := make([]plan.ColumnID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (b *Binder) bindSelectCore(sel *ast.Select, outer *scope, env *cteEnv, arm bool) (plan.Node, map[plan.ColumnID]bool, error) {
	sel = expandArraySRFs(boundSeriesOverArrays(sel)) // bind_catalog_series.go, bind_catalog_srf.go
	sc := newScope(outer)
	var in plan.Node
	var err error
	if len(sel.From) == 0 {
		in = &plan.Values{Rows: [][]plan.Expr{{}}}
	} else if in, err = b.bindFrom(sel.From, sc, env); err != nil {
		return nil, nil, err
	}
	named := map[string]*ast.WindowDef{}
	for _, w := range sel.Windows {
		if _, dup := named[w.Name]; dup {
			return nil, nil, errAt(sqlerr.Newf(sqlerr.WindowingError, "window \"%s\" is already defined", w.Name), w.Loc)
		}
		named[w.Name] = w
	}
	base := exprCtx{sc: sc, env: env, named: named}
	if sel.Where != nil {
		ctx := base
		ctx.clause = "WHERE"
		pred, err := b.bindBool(sel.Where, &ctx, "WHERE")
		if err != nil {
			return nil, nil, err
		}
		if in, err = b.applyFilter(in, pred); err != nil {
			return nil, nil, err
		}
	}
	aggregated := len(sel.GroupBy) > 0 || sel.Having != nil || b.selectHasAggs(sel)
	aggs := &aggCollector{}
	wins := &winCollector{}
	var g *grouping
	if aggregated {
		if g, err = b.bindGroupBy(sel, &base); err != nil {
			return nil, nil, err
		}
	}
	post := func(e plan.Expr, loc int) (plan.Expr, error) {
		if g == nil {
			return e, nil
		}
		r, err := g.replace(e)
		if err != nil {
			return nil, withLoc(err, loc)
		}
		return r, nil
	}
	// SELECT list.
	tctx := base
	tctx.clause, tctx.aggs, tctx.wins, tctx.grp = "SELECT", aggs, wins, g
	var items []outItem
	for _, t := range sel.Targets {
		if cr, ok := t.Expr.(*ast.ColumnRef); ok && cr.Star {
			qual := ""
			if len(cr.Parts) > 0 {
				qual = cr.Parts[len(cr.Parts)-1]
			}
			cols, err := sc.star(qual, cr.Loc)
			if err != nil {
				return nil, nil, err
			}
			for _, c := range cols {
				e, err := post(c.ref(), cr.Loc)
				if err != nil {
					return nil, nil, err
				}
				items = append(items, outItem{expr: e, name: c.name})
			}
			continue
		}
		e, err := b.bindExpr(t.Expr, &tctx)
		if err != nil {
			return nil, nil, err
		}
		if !(arm && isUnknown(e)) {
			if e, err = b.resolveUnknown(e); err != nil {
				return nil, nil, err
			}
		}
		if e, err = post(e, exprLoc(t.Expr)); err != nil {
			return nil, nil, err
		}
		items = append(items, outItem{expr: e, name: targetName(t)})
	}
	nVisible := len(items)
	for i := range items {
		items[i].key = exprKey(items[i].expr)
	}
	// HAVING.
	var having plan.Expr
	if sel.Having != nil {
		hctx := base
		hctx.clause, hctx.aggs, hctx.grp = "HAVING", aggs, g
		if having, err = b.bindBool(sel.Having, &hctx, "HAVING"); err != nil {
			return nil, nil, err
		}
		if having, err = post(having, exprLoc(sel.Having)); err != nil {
			return nil, nil, err
		}
	}
	// ORDER BY and DISTINCT ON keys, as indexes into items.
	octx := base
	octx.clause, octx.aggs, octx.wins, octx.grp = "ORDER BY", aggs, wins, g
	res := &orderResolver{b: b, items: &items, nVisible: nVisible, ctx: &octx, post: post, distinct: sel.Distinct && len(sel.DistinctOn) == 0}
	var order []orderKey
	for _, o := range sel.OrderBy {
		i, err := res.resolve(o.Expr)
		if err != nil {
			return nil, nil, err
		}
		k := sortKey(nil, o)
		order = append(order, orderKey{idx: i, desc: k.Desc, nullsFirst: k.NullsFirst})
	}
	var distinctOn []int
	for _, e := range sel.DistinctOn {
		i, err := res.resolve(e)
		if err != nil {
			return nil, nil, err
		}
		distinctOn = append(distinctOn, i)
	}
	if len(aggs.calls) > 0 && !aggregated {
		// An aggregate the syntactic pre-scan missed (e.g. registry-only name).
		return nil, nil, notSupported("could not classify aggregate query")
	}
	// Build: aggregate, HAVING, windows, projection.
	if aggregated {
		for _, a := range aggs.calls {
			for _, x := range append(append([]plan.Expr{a.Filter}, a.Args...), sortExprs(a.OrderBy)...) {
				if x != nil && hasSubquery(x) {
					return nil, nil, notSupported("subqueries inside aggregate arguments are not supported")
				}
			}
		}
		in = &plan.Aggregate{Input: in, GroupBy: g.exprs, GroupCols: g.cols, Aggs: aggs.calls, GroupingSets: g.sets, GroupingIDCol: g.gid}
		if having != nil {
			if in, err = b.applyFilter(in, having); err != nil {
				return nil, nil, err
			}
		}
	}
	if len(wins.funcs) > 0 {
		in = buildWindows(in, wins.funcs)
	}
	exprs := make([]plan.Expr, len(items))
	for i, it := range items {
		exprs[i] = it.expr
	}
	if in, exprs, err = b.applyExprs(in, exprs); err != nil {
		return nil, nil, err
	}
	proj := b.project(in, exprs, itemNames(items))
	var out plan.Node = proj
	cur := proj.Cols // current column for each item
	if len(distinctOn) > 0 {
		out, err = b.distinctOn(out, cur, distinctOn, order)
		if err != nil {
			return nil, nil, err
		}
	} else if sel.Distinct {
		agg := b.distinctAgg(out, cur[:nVisible])
		out = agg
		cur = agg.GroupCols
	}
	if len(order) > 0 {
		keys := make([]plan.SortKey, len(order))
		for i, o := range order {
			c := cur[o.idx]
			keys[i] = plan.SortKey{Expr: &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}, Desc: o.desc, NullsFirst: o.nullsFirst}
		}
		out = &plan.Sort{Input: out, Keys: keys}
	}
	if out, err = b.bindLimit(out, sel); err != nil {
		return nil, nil, err
	}
	if len(out.Schema()) != nVisible {
		out = b.passThrough(out, cur[:nVisible])
	}
	return out, sc.outerRefs, nil
}

type orderKey struct {
	idx              int
	desc, nullsFirst bool
}

func sortExprs(ks []plan.SortKey) []plan.Expr {
	out := make([]plan.Expr, len(ks))
	for i, k := range ks {
		out[i] = k.Expr
	}
	return out
}

func itemNames(items []outItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.name
	}
	return out
}

// project computes exprs over in with fresh output IDs.
func (b *Binder) project(in plan.Node, exprs []plan.Expr, names []string) *plan.Project {
	src := in.Schema()
	cols := make(plan.Schema, len(exprs))
	for i, e := range exprs {
		cols[i] = plan.Column{ID: b.ids.New(), Name: names[i], Type: e.Type(), Nullable: nullable(e, src)}
		if c, ok := e.(*plan.ColRef); ok {
			if j := src.IndexOf(c.ID); j >= 0 {
				cols[i].Table = src[j].Table
			}
		}
	}
	return &plan.Project{Input: in, Exprs: exprs, Cols: cols}
}

// passThrough projects the given columns of in (fresh IDs, same names).
func (b *Binder) passThrough(in plan.Node, cols plan.Schema) plan.Node {
	exprs := make([]plan.Expr, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		names[i] = c.Name
	}
	return b.project(in, exprs, names)
}

// nullable guesses whether e can be NULL over input schema src.
func nullable(e plan.Expr, src plan.Schema) bool {
	switch x := e.(type) {
	case *plan.ColRef:
		if i := src.IndexOf(x.ID); i >= 0 {
			return src[i].Nullable
		}
	case *plan.Const:
		return x.Value == nil
	}
	return true
}

// distinctAgg is SELECT DISTINCT: group by every column.
func (b *Binder) distinctAgg(in plan.Node, cols plan.Schema) *plan.Aggregate {
	agg := &plan.Aggregate{Input: in}
	for _, c := range cols {
		agg.GroupBy = append(agg.GroupBy, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
		nc := c
		nc.ID = b.ids.New()
		agg.GroupCols = append(agg.GroupCols, nc)
	}
	return agg
}

// distinctOn keeps the first row of each DISTINCT ON group in ORDER BY order:
// row_number() over (partition by keys order by order) = 1.
func (b *Binder) distinctOn(in plan.Node, cur plan.Schema, on []int, order []orderKey) (plan.Node, error) {
	for i, o := range order {
		if i >= len(on) {
			break
		}
		if o.idx != on[i] {
			match := false
			for _, d := range on {
				match = match || d == o.idx
			}
			if !match {
				return nil, sqlerr.Newf(sqlerr.InvalidColumnReference, "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
			}
		}
	}
	ref := func(i int) plan.Expr {
		c := cur[i]
		return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
	}
	wf := plan.WindowFunc{Name: "row_number", Col: plan.Column{ID: b.ids.New(), Name: "row_number", Type: types.Int64Type}}
	for _, i := range on {
		wf.PartitionBy = append(wf.PartitionBy, ref(i))
	}
	for _, o := range order {
		wf.OrderBy = append(wf.OrderBy, plan.SortKey{Expr: ref(o.idx), Desc: o.desc, NullsFirst: o.nullsFirst})
	}
	wf.Frame = plan.Frame{Mode: plan.FrameRows, Start: plan.FrameBound{Kind: plan.UnboundedPreceding}, End: plan.FrameBound{Kind: plan.CurrentRow}}
	w := &plan.Window{Input: in, Funcs: []plan.WindowFunc{wf}}
	rn := &plan.ColRef{ID: wf.Col.ID, Typ: types.Int64Type, Name: "row_number"}
	eq, err := b.call("=", []plan.Expr{rn, &plan.Const{Value: int64(1), Typ: types.Int64Type}}, -1)
	if err != nil {
		return nil, err
	}
	return &plan.Filter{Input: w, Pred: eq}, nil
}

// bindLimit adds LIMIT/OFFSET (constant expressions, parameters allowed).
func (b *Binder) bindLimit(in plan.Node, sel *ast.Select) (plan.Node, error) {
	if sel.Limit == nil && sel.Offset == nil {
		return in, nil
	}
	bind := func(e ast.Expr, what string, code sqlerr.Code) (plan.Expr, error) {
		if e == nil {
			return nil, nil
		}
		ctx := &exprCtx{sc: newScope(nil), clause: what}
		x, err := b.bindExpr(e, ctx)
		if err != nil {
			return nil, err
		}
		if hasSubquery(x) {
			return nil, errAt(notSupported("subqueries in %s are not supported", what), exprLoc(e))
		}
		if c, ok := x.(*plan.Const); ok && c.Value == nil {
			return nil, nil
		}
		if !isUnknown(x) && !x.Type().IsNumeric() {
			return nil, errAt(sqlerr.Newf(sqlerr.DatatypeMismatch, "argument of %s must be type bigint, not type %s", what, x.Type()), exprLoc(e))
		}
		if x, err = b.coerce(x, types.Int64Type); err != nil {
			return nil, withLoc(err, exprLoc(e))
		}
		if c, ok := x.(*plan.Const); ok {
			if v, ok := c.Value.(int64); ok && v < 0 {
				return nil, errAt(sqlerr.Newf(code, "%s must not be negative", what), exprLoc(e))
			}
		}
		return x, nil
	}
	count, err := bind(sel.Limit, "LIMIT", sqlerr.InvalidRowCountInLimitClause)
	if err != nil {
		return nil, err
	}
	off, err := bind(sel.Offset, "OFFSET", sqlerr.InvalidRowCountInResultOffset)
	if err != nil {
		return nil, err
	}
	if count == nil && off == nil {
		return in, nil
	}
	return &plan.Limit{Input: in, Count: count, Offset: off}, nil
}

// selectHasAggs reports whether the SELECT list, HAVING or ORDER BY call an
// aggregate at this query level (not inside subqueries).
func (b *Binder) selectHasAggs(sel *ast.Select) bool {
	for _, t := range sel.Targets {
		if b.hasAgg(t.Expr) {
			return true
		}
	}
	for _, o := range sel.OrderBy {
		if b.hasAgg(o.Expr) {
			return true
		}
	}
	return false
}
