package bind

import (
	"fmt"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

var setOpName = map[ast.SetOpKind]string{ast.SetUnion: "UNION", ast.SetIntersect: "INTERSECT", ast.SetExcept: "EXCEPT"}

func (b *Binder) bindSetOp(sel *ast.Select, outer *scope, env *cteEnv) (plan.Node, map[plan.ColumnID]bool, error) {
	l, lc, err := b.bindQuery(sel.Left, outer, env, true)
	if err != nil {
		return nil, nil, err
	}
	r, rc, err := b.bindQuery(sel.Right, outer, env, true)
	if err != nil {
		return nil, nil, err
	}
	corr := map[plan.ColumnID]bool{}
	for id := range lc {
		corr[id] = true
	}
	for id := range rc {
		corr[id] = true
	}
	ls, rs := l.Schema(), r.Schema()
	what := setOpName[sel.Op]
	if len(ls) != len(rs) {
		return nil, nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "each %s query must have the same number of columns", what), sel.Loc)
	}
	ts := make([]types.T, len(ls))
	for i := range ls {
		if ts[i], err = b.commonType([]types.T{ls[i].Type, rs[i].Type}, what); err != nil {
			return nil, nil, errAt(sqlerr.From(err), sel.Loc)
		}
	}
	if l, err = b.castColumns(l, ts); err != nil {
		return nil, nil, err
	}
	if r, err = b.castColumns(r, ts); err != nil {
		return nil, nil, err
	}
	cols := make(plan.Schema, len(ls))
	for i, c := range ls {
		cols[i] = plan.Column{ID: b.ids.New(), Name: c.Name, Type: ts[i], Nullable: c.Nullable || rs[i].Nullable}
	}
	kind := map[ast.SetOpKind]plan.SetOpKind{ast.SetUnion: plan.Union, ast.SetIntersect: plan.Intersect, ast.SetExcept: plan.Except}[sel.Op]
	var n plan.Node = &plan.SetOp{Kind: kind, All: sel.All, Left: l, Right: r, Cols: cols}
	if n, err = b.orderOutput(n, sel); err != nil {
		return nil, nil, err
	}
	return n, corr, nil
}

// castColumns projects n's columns to types ts where they differ.
func (b *Binder) castColumns(n plan.Node, ts []types.T) (plan.Node, error) {
	if p, ok := n.(*plan.Project); ok {
		// Type untyped NULL columns in place rather than casting them above.
		c := *p
		c.Exprs = append([]plan.Expr(nil), p.Exprs...)
		c.Cols = append(plan.Schema(nil), p.Cols...)
		for i, e := range c.Exprs {
			k, ok := e.(*plan.Const)
			if !ok || k.Typ.ID != types.Unknown || ts[i].ID == types.Unknown {
				continue
			}
			if k.Value == nil {
				c.Exprs[i] = &plan.Const{Typ: ts[i]}
			} else {
				// A literal takes the column's type as in PostgreSQL
				// (SELECT 1 UNION SELECT '2'); bad text is 22P02.
				v, err := b.coerce(k, ts[i])
				if err != nil {
					return nil, err
				}
				c.Exprs[i] = v
			}
			c.Cols[i].Type = ts[i]
		}
		n = &c
	}
	if v, ok := n.(*plan.Values); ok {
		c := *v
		c.Cols = append(plan.Schema(nil), v.Cols...)
		c.Rows = make([][]plan.Expr, len(v.Rows))
		for i, r := range v.Rows {
			c.Rows[i] = append([]plan.Expr(nil), r...)
		}
		for j, col := range c.Cols {
			if col.Type.ID != types.Unknown {
				continue
			}
			for i := range c.Rows {
				c.Rows[i][j] = &plan.Const{Typ: ts[j]}
			}
			c.Cols[j].Type = ts[j]
		}
		n = &c
	}
	s := n.Schema()
	same := true
	for i, c := range s {
		same = same && c.Type == ts[i]
	}
	if same {
		return n, nil
	}
	exprs := make([]plan.Expr, len(s))
	names := make([]string, len(s))
	for i, c := range s {
		e, err := b.coerce(&plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}, ts[i])
		if err != nil {
			return nil, err
		}
		exprs[i], names[i] = e, c.Name
	}
	return b.project(n, exprs, names), nil
}

// orderOutput applies ORDER BY / LIMIT of a set operation or VALUES: keys
// name output columns by name, ordinal or expressions over them.
func (b *Binder) orderOutput(n plan.Node, sel *ast.Select) (plan.Node, error) {
	if len(sel.OrderBy) > 0 {
		out := n.Schema()
		sc := newScope(nil)
		for _, c := range out {
			sc.add(scopeCol{name: c.Name, id: c.ID, typ: c.Type, nullable: c.Nullable})
		}
		var keys []plan.SortKey
		for _, o := range sel.OrderBy {
			var e plan.Expr
			if c, ok := o.Expr.(*ast.Const); ok && c.Kind == ast.ConstInt {
				if c.Int < 1 || int(c.Int) > len(out) {
					return nil, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "ORDER BY position %d is not in select list", c.Int), c.Loc)
				}
				col := out[c.Int-1]
				e = &plan.ColRef{ID: col.ID, Typ: col.Type, Name: col.Name}
			} else {
				x, err := b.bindExpr(o.Expr, &exprCtx{sc: sc, clause: "ORDER BY"})
				if err != nil {
					if sqlerr.CodeOf(err) == sqlerr.UndefinedColumn && sel.Op != ast.SetNone {
						return nil, errAt(sqlerr.Newf(sqlerr.FeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause").
							WithDetail("Only result column names can be used, not expressions or functions."), exprLoc(o.Expr))
					}
					return nil, err
				}
				if hasSubquery(x) {
					return nil, notSupported("subqueries in ORDER BY of a set operation are not supported")
				}
				e = x
			}
			keys = append(keys, sortKey(e, o))
		}
		n = &plan.Sort{Input: n, Keys: keys}
	}
	return b.bindLimit(n, sel)
}

func (b *Binder) bindValues(sel *ast.Select, outer *scope, env *cteEnv, arm bool) (plan.Node, map[plan.ColumnID]bool, error) {
	sc := newScope(outer)
	ctx := &exprCtx{sc: sc, env: env, clause: "VALUES"}
	var rows [][]plan.Expr
	width := -1
	for _, row := range sel.Values {
		if width >= 0 && len(row) != width {
			return nil, nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "VALUES lists must all be the same length"), sel.Loc)
		}
		width = len(row)
		es, err := b.bindExprs(row, ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range es {
			if hasSubquery(e) {
				return nil, nil, errAt(notSupported("subqueries in VALUES are not supported"), sel.Loc)
			}
		}
		rows = append(rows, es)
	}
	cols := make(plan.Schema, width)
	for j := 0; j < width; j++ {
		col := make([]types.T, len(rows))
		allUnknown := true
		for i := range rows {
			col[i] = rows[i][j].Type()
			allUnknown = allUnknown && col[i].ID == types.Unknown
		}
		t, err := b.commonType(col, "VALUES")
		if err != nil {
			return nil, nil, errAt(sqlerr.From(err), sel.Loc)
		}
		if arm && allUnknown {
			nulls := true
			for i := range rows {
				if c, ok := rows[i][j].(*plan.Const); !ok || c.Value != nil {
					nulls = false
				}
			}
			if nulls {
				t = types.UnknownType
			}
		}
		nullable := false
		for i := range rows {
			if rows[i][j], err = b.coerce(rows[i][j], t); err != nil {
				return nil, nil, withLoc(err, sel.Loc)
			}
			if c, ok := rows[i][j].(*plan.Const); !ok || c.Value == nil {
				nullable = true
			}
		}
		cols[j] = plan.Column{ID: b.ids.New(), Name: fmt.Sprintf("column%d", j+1), Type: t, Nullable: nullable}
	}
	var n plan.Node = &plan.Values{Rows: rows, Cols: cols}
	n, err := b.orderOutput(n, sel)
	return n, sc.outerRefs, err
}
