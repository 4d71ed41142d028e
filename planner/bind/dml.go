package bind

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// defaultExpr is column i's DEFAULT, or a typed NULL.
func (b *Binder) defaultExpr(t *catalog.Table, i int) (plan.Expr, error) {
	c := t.Columns[i]
	if c.DefaultSQL == "" || c.Identity != nil {
		return &plan.Const{Typ: c.Type}, nil
	}
	e, err := b.cat.ParseExpr(c.DefaultSQL)
	if err != nil {
		return nil, err
	}
	x, err := b.bindExpr(e, &exprCtx{sc: newScope(nil), clause: "DEFAULT expressions"})
	if err != nil {
		return nil, err
	}
	if hasSubquery(x) {
		return nil, notSupported("subqueries in DEFAULT expressions are not supported")
	}
	return b.assignCast(x, c.Type, c.Name)
}

// targetColumns resolves an INSERT column list to table ordinals.
func targetColumns(t *catalog.Table, names []string) ([]int, error) {
	if len(names) == 0 {
		out := make([]int, len(t.Columns))
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	seen := map[int]bool{}
	var out []int
	for _, n := range names {
		i := t.ColumnIndex(n)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", n, t.Name)
		}
		if seen[i] {
			return nil, sqlerr.Newf(sqlerr.DuplicateColumn, "column \"%s\" specified more than once", n)
		}
		seen[i] = true
		out = append(out, i)
	}
	return out, nil
}

func (b *Binder) bindInsert(stmt *ast.InsertStmt, t *catalog.Table) (plan.Node, error) {
	var env *cteEnv
	var err error
	if stmt.With != nil {
		if env, err = env.push(stmt.With); err != nil {
			return nil, err
		}
	}
	cols, err := targetColumns(t, stmt.Columns)
	if err != nil {
		return nil, err
	}
	// given[i] is the source expression for table column i (nil: DEFAULT).
	given := make([]plan.Expr, len(t.Columns))
	var src plan.Node
	switch {
	case stmt.DefaultValues || stmt.Source == nil:
		src = &plan.Values{Rows: [][]plan.Expr{{}}}
	case stmt.Source.Values != nil && stmt.Source.Op == ast.SetNone && len(stmt.Source.OrderBy) == 0 &&
		stmt.Source.Limit == nil && stmt.Source.Offset == nil && stmt.Source.With == nil:
		v, err := b.insertValues(stmt.Source.Values, t, cols, env)
		if err != nil {
			return nil, err
		}
		src = v
		for j, i := range cols {
			c := v.Cols[j]
			given[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		}
	default:
		q, _, err := b.bindQuery(stmt.Source, nil, env, false)
		if err != nil {
			return nil, err
		}
		s := q.Schema()
		if len(s) > len(cols) {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "INSERT has more expressions than target columns")
		}
		if len(s) < len(cols) {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "INSERT has more target columns than expressions")
		}
		src = q
		for j, i := range cols {
			e, err := b.assignCast(&plan.ColRef{ID: s[j].ID, Typ: s[j].Type, Name: s[j].Name}, t.Columns[i].Type, t.Columns[i].Name)
			if err != nil {
				return nil, err
			}
			given[i] = e
		}
	}
	exprs := make([]plan.Expr, len(t.Columns))
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
		if given[i] != nil {
			exprs[i] = given[i]
			continue
		}
		d, err := b.defaultExpr(t, i)
		if err != nil {
			return nil, err
		}
		exprs[i] = d
	}
	return b.project(src, exprs, names), nil
}

// insertValues binds INSERT ... VALUES with the target column types as
// context; a nil entry is DEFAULT.
func (b *Binder) insertValues(rows [][]ast.Expr, t *catalog.Table, cols []int, env *cteEnv) (*plan.Values, error) {
	ctx := &exprCtx{sc: newScope(nil), env: env, clause: "VALUES"}
	v := &plan.Values{}
	for _, row := range rows {
		if len(row) > len(cols) {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "INSERT has more expressions than target columns"), exprLoc(row[len(cols)]))
		}
		if len(row) < len(cols) {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "INSERT has more target columns than expressions")
		}
		out := make([]plan.Expr, len(row))
		for j, e := range row {
			i := cols[j]
			var x plan.Expr
			var err error
			if e == nil {
				x, err = b.defaultExpr(t, i)
			} else {
				x, err = b.bindExpr(e, ctx)
				if err == nil && hasSubquery(x) {
					err = errAt(notSupported("subqueries in INSERT ... VALUES are not supported"), exprLoc(e))
				}
				if err == nil {
					x, err = b.assignCast(x, t.Columns[i].Type, t.Columns[i].Name)
					if err != nil {
						err = withLoc(err, exprLoc(e))
					}
				}
			}
			if err != nil {
				return nil, err
			}
			out[j] = x
		}
		v.Rows = append(v.Rows, out)
	}
	for _, i := range cols {
		c := t.Columns[i]
		v.Cols = append(v.Cols, plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: true})
	}
	return v, nil
}

// dmlSource binds the target table (with its row id) and the FROM/USING list
// and WHERE of an UPDATE or DELETE.
func (b *Binder) dmlSource(tn *ast.TableName, t *catalog.Table, from []ast.TableExpr, where ast.Expr, with *ast.With) (plan.Node, *scope, plan.Schema, *cteEnv, error) {
	var env *cteEnv
	var err error
	if with != nil {
		if env, err = env.push(with); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	alias := t.Name
	if tn != nil && tn.Alias != nil {
		alias = tn.Alias.Name
	}
	ords, cols := b.tableCols(t, alias, true)
	var n plan.Node = &plan.Scan{Table: t, Alias: alias, Columns: ords, Cols: cols}
	sc := newScope(nil)
	for _, c := range cols[1:] {
		sc.add(scopeCol{qual: alias, name: c.Name, id: c.ID, typ: c.Type, nullable: c.Nullable})
	}
	if len(from) > 0 {
		f, err := b.bindFrom(from, sc, env)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		n = &plan.Join{Kind: plan.JoinInner, Left: n, Right: f}
	}
	if where != nil {
		ctx := &exprCtx{sc: sc, env: env, clause: "WHERE"}
		pred, err := b.bindBool(where, ctx, "WHERE")
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if n, err = b.applyFilter(n, pred); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	return n, sc, cols, env, nil
}

func (b *Binder) bindDelete(stmt *ast.DeleteStmt, t *catalog.Table) (plan.Node, error) {
	n, _, cols, _, err := b.dmlSource(stmt.Table, t, stmt.Using, stmt.Where, stmt.With)
	if err != nil {
		return nil, err
	}
	rowid := cols[0]
	if len(stmt.Using) > 0 {
		// A row joined to several USING rows is deleted once.
		return b.distinctAgg(n, plan.Schema{rowid}), nil
	}
	return b.passThrough(n, plan.Schema{rowid}), nil
}

func (b *Binder) bindUpdate(stmt *ast.UpdateStmt, t *catalog.Table) (plan.Node, error) {
	n, sc, cols, env, err := b.dmlSource(stmt.Table, t, stmt.From, stmt.Where, stmt.With)
	if err != nil {
		return nil, err
	}
	exprs := make([]plan.Expr, len(t.Columns)+1)
	names := make([]string, len(t.Columns)+1)
	for i, c := range cols {
		exprs[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		names[i] = c.Name
	}
	ctx := &exprCtx{sc: sc, env: env, clause: "UPDATE"}
	set := map[int]bool{}
	for _, s := range stmt.Set {
		i := t.ColumnIndex(s.Column)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", s.Column, t.Name)
		}
		if set[i] {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "multiple assignments to same column \"%s\"", s.Column)
		}
		set[i] = true
		var x plan.Expr
		if s.Value == nil {
			x, err = b.defaultExpr(t, i)
		} else {
			x, err = b.bindExpr(s.Value, ctx)
			if err == nil {
				x, err = b.assignCast(x, t.Columns[i].Type, t.Columns[i].Name)
				if err != nil {
					err = withLoc(err, exprLoc(s.Value))
				}
			}
		}
		if err != nil {
			return nil, err
		}
		exprs[i+1] = x
	}
	if n, exprs, err = b.applyExprs(n, exprs); err != nil {
		return nil, err
	}
	p := b.project(n, exprs, names)
	if len(stmt.From) == 0 {
		return p, nil
	}
	// UPDATE ... FROM: one new row per target row (an arbitrary match, as PostgreSQL).
	agg := &plan.Aggregate{Input: p}
	rc := p.Cols[0]
	agg.GroupBy = []plan.Expr{&plan.ColRef{ID: rc.ID, Typ: rc.Type, Name: rc.Name}}
	agg.GroupCols = plan.Schema{{ID: b.ids.New(), Name: "rowid", Type: types.Int64Type}}
	for _, c := range p.Cols[1:] {
		agg.Aggs = append(agg.Aggs, plan.AggCall{Name: "any_value", Args: []plan.Expr{&plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}},
			Col: plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: true}})
	}
	return agg, nil
}
