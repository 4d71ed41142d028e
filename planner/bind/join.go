package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func (b *Binder) bindJoin(x *ast.JoinExpr, sc *scope, env *cteEnv) (plan.Node, []scopeCol, error) {
	l, lcols, err := b.bindTableExpr(x.Left, sc, env)
	if err != nil {
		return nil, nil, err
	}
	var r plan.Node
	var rcols []scopeCol
	var latPreds []plan.Expr
	if st, ok := x.Right.(*ast.SubqueryTable); ok && st.Lateral {
		r, rcols, latPreds, err = b.bindLateral(st, joinScope(sc, lcols), sc, env, l)
	} else {
		r, rcols, err = b.bindTableExpr(x.Right, sc, env)
	}
	if err != nil {
		return nil, nil, err
	}
	for _, c := range rcols {
		for _, d := range lcols {
			if c.qual != "" && c.qual == d.qual {
				return nil, nil, errAt(sqlerr.Newf(sqlerr.DuplicateAlias, "table name \"%s\" specified more than once", c.qual), x.Loc)
			}
		}
	}
	kind := map[ast.JoinKind]plan.JoinKind{ast.JoinInner: plan.JoinInner, ast.JoinLeft: plan.JoinLeft,
		ast.JoinRight: plan.JoinRight, ast.JoinFull: plan.JoinFull, ast.JoinCross: plan.JoinInner}[x.Kind]
	if len(latPreds) > 0 && kind != plan.JoinInner && kind != plan.JoinLeft {
		return nil, nil, errAt(notSupported("RIGHT/FULL JOIN with a correlated LATERAL subquery"), x.Loc)
	}
	if kind == plan.JoinLeft || kind == plan.JoinFull {
		markNullable(rcols)
	}
	if kind == plan.JoinRight || kind == plan.JoinFull {
		markNullable(lcols)
	}
	using := x.Using
	if x.Natural {
		using = nil
		for _, lc := range lcols {
			if lc.noUnqual {
				continue
			}
			for _, rc := range rcols {
				if !rc.noUnqual && rc.name == lc.name {
					using = append(using, lc.name)
					break
				}
			}
		}
	}
	var conds []plan.Expr
	var cols []scopeCol
	var n plan.Node
	if len(using) > 0 || x.Natural {
		if len(latPreds) > 0 {
			return nil, nil, errAt(notSupported("USING with a correlated LATERAL subquery"), x.Loc)
		}
		n, cols, conds, err = b.usingJoin(x, kind, l, r, lcols, rcols, using)
		if err != nil {
			return nil, nil, err
		}
	} else {
		cols = append(append([]scopeCol{}, lcols...), rcols...)
		if x.On != nil {
			on := joinScope(sc, cols)
			ctx := &exprCtx{sc: on, env: env, clause: "JOIN conditions"}
			c, err := b.bindBool(x.On, ctx, "JOIN/ON")
			if err != nil {
				return nil, nil, err
			}
			sc.absorb(on)
			if hasSubquery(c) {
				if kind != plan.JoinInner {
					return nil, nil, errAt(notSupported("subqueries in outer join conditions are not supported"), x.Loc)
				}
				j := &plan.Join{Kind: plan.JoinInner, Left: l, Right: r, Cond: plan.AndOf(latPreds)}
				f, err := b.applyFilter(j, c)
				if err != nil {
					return nil, nil, err
				}
				n = f
			} else {
				conds = append(conds, plan.Conjuncts(c)...)
			}
		}
	}
	if n == nil {
		conds = append(latPreds, conds...)
		n = &plan.Join{Kind: kind, Left: l, Right: r, Cond: plan.AndOf(conds)}
	}
	if x.Alias != nil {
		var vis []scopeCol
		for _, c := range cols {
			if !c.noStar {
				vis = append(vis, c)
			}
		}
		if cols, err = applyAlias(vis, x.Alias, x.Loc); err != nil {
			return nil, nil, err
		}
	}
	return n, cols, nil
}

// joinScope is what a JOIN's ON condition and LATERAL right side see: the
// join's own columns (not earlier FROM items) and the enclosing queries.
func joinScope(sc *scope, cols []scopeCol) *scope {
	t := newScope(sc.parent)
	t.add(cols...)
	return t
}

func markNullable(cols []scopeCol) {
	for i := range cols {
		cols[i].nullable = true
	}
}

// usingJoin binds JOIN ... USING / NATURAL JOIN: the merged columns come
// first (from the left side, the right side for RIGHT JOIN, COALESCE of both
// for FULL JOIN), then the remaining columns of each side.
func (b *Binder) usingJoin(x *ast.JoinExpr, kind plan.JoinKind, l, r plan.Node, lcols, rcols []scopeCol, using []string) (plan.Node, []scopeCol, []plan.Expr, error) {
	lcols = append([]scopeCol(nil), lcols...)
	rcols = append([]scopeCol(nil), rcols...)
	find := func(cols []scopeCol, name, side string) (int, error) {
		idx := -1
		for i, c := range cols {
			if c.name == name && !c.noUnqual {
				if idx >= 0 {
					return 0, errAt(sqlerr.Newf(sqlerr.AmbiguousColumn, "common column name \"%s\" appears more than once in %s table", name, side), x.Loc)
				}
				idx = i
			}
		}
		if idx < 0 {
			return 0, errAt(sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" specified in USING clause does not exist in %s table", name, side), x.Loc)
		}
		return idx, nil
	}
	var conds []plan.Expr
	var merged []scopeCol
	type pair struct{ li, ri int }
	var pairs []pair
	for _, name := range using {
		li, err := find(lcols, name, "left")
		if err != nil {
			return nil, nil, nil, err
		}
		ri, err := find(rcols, name, "right")
		if err != nil {
			return nil, nil, nil, err
		}
		eq, err := b.binary("=", lcols[li].ref(), rcols[ri].ref(), x.Loc)
		if err != nil {
			return nil, nil, nil, err
		}
		conds = append(conds, eq)
		pairs = append(pairs, pair{li, ri})
	}
	var n plan.Node = &plan.Join{Kind: kind, Left: l, Right: r, Cond: plan.AndOf(conds)}
	if kind == plan.JoinFull {
		// Project COALESCE(l.k, r.k) beside every join column (fresh IDs).
		var exprs []plan.Expr
		var pcols plan.Schema
		remap := map[plan.ColumnID]plan.ColumnID{}
		for _, c := range n.Schema() {
			id := b.ids.New()
			remap[c.ID] = id
			exprs = append(exprs, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
			pcols = append(pcols, plan.Column{ID: id, Name: c.Name, Table: c.Table, Type: c.Type, Nullable: true})
		}
		for _, p := range pairs {
			lc, rc := lcols[p.li], rcols[p.ri]
			t, err := b.commonType([]types.T{lc.typ, rc.typ}, "JOIN/USING")
			if err != nil {
				return nil, nil, nil, errAt(sqlerr.From(err), x.Loc)
			}
			le, _ := b.coerce(lc.ref(), t)
			re, _ := b.coerce(rc.ref(), t)
			id := b.ids.New()
			exprs = append(exprs, &plan.Case{Whens: []plan.When{{Cond: &plan.IsNull{Arg: le, Neg: true}, Then: le}}, Else: re, Typ: t})
			pcols = append(pcols, plan.Column{ID: id, Name: lc.name, Type: t, Nullable: true})
			merged = append(merged, scopeCol{name: lc.name, id: id, typ: t, nullable: true})
		}
		n = &plan.Project{Input: n, Exprs: exprs, Cols: pcols}
		for i := range lcols {
			lcols[i].id = remap[lcols[i].id]
		}
		for i := range rcols {
			rcols[i].id = remap[rcols[i].id]
		}
	}
	for _, p := range pairs {
		lc, rc := lcols[p.li], rcols[p.ri]
		if kind != plan.JoinFull {
			m := lc
			if kind == plan.JoinRight {
				m = rc
			}
			m.qual = ""
			merged = append(merged, m)
		}
		lcols[p.li].noStar, lcols[p.li].noUnqual = true, true
		rcols[p.ri].noStar, rcols[p.ri].noUnqual = true, true
	}
	return n, append(append(merged, lcols...), rcols...), nil, nil
}
