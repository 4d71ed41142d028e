package bind

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// bindFrom binds a FROM list into sc; comma-separated items are cross joins
// (WHERE conditions stay in a Filter above, for the rules to push down).
func (b *Binder) bindFrom(items []ast.TableExpr, sc *scope, env *cteEnv) (plan.Node, error) {
	var out plan.Node
	for _, it := range items {
		var n plan.Node
		var cols []scopeCol
		var preds []plan.Expr
		var err error
		if st, ok := it.(*ast.SubqueryTable); ok && st.Lateral {
			n, cols, preds, err = b.bindLateral(st, tmpScope(sc, nil), sc, env, out)
		} else {
			n, cols, err = b.bindTableExpr(it, sc, env)
		}
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			if c.qual != "" && sc.rels[c.qual] {
				return nil, errAt(sqlerr.Newf(sqlerr.DuplicateAlias, "table name \"%s\" specified more than once", c.qual), tableLoc(it))
			}
		}
		sc.add(cols...)
		if out == nil {
			out = n
		} else {
			out = &plan.Join{Kind: plan.JoinInner, Left: out, Right: n, Cond: plan.AndOf(preds)}
		}
	}
	return out, nil
}

// bindLateral binds a LATERAL subquery whose scope sees left's columns, and
// decorrelates it: the predicates it pulls up become the join condition.
// Correlation to levels above sc is recorded in sc.
func (b *Binder) bindLateral(x *ast.SubqueryTable, left *scope, sc *scope, env *cteEnv, leftNode plan.Node) (plan.Node, []scopeCol, []plan.Expr, error) {
	n, corr, err := b.bindQuery(x.Query, left, env, false)
	if err != nil {
		return nil, nil, nil, err
	}
	width := len(n.Schema())
	local := left.ids()
	outer := map[plan.ColumnID]bool{}
	for id := range corr {
		if local[id] {
			outer[id] = true
		} else {
			sc.outerRefs[id] = true
		}
	}
	var preds []plan.Expr
	if len(outer) > 0 {
		if leftNode != nil {
			defer b.withDomain(leftNode)()
		}
		if n, preds, err = b.pullCorrelated(n, outer); err != nil {
			return nil, nil, nil, errAt(sqlerr.From(err), x.Loc)
		}
		if refsOuter(n, outer) {
			return nil, nil, nil, errAt(notSupported("this LATERAL subquery cannot be decorrelated"), x.Loc)
		}
	}
	qual := ""
	if x.Alias != nil {
		qual = x.Alias.Name
	}
	// Decorrelation may pass extra columns through; they stay invisible.
	cols, err := applyAlias(colsFromSchema(n.Schema()[:width], qual), x.Alias, x.Loc)
	return n, cols, preds, err
}

func tableLoc(t ast.TableExpr) int {
	switch x := t.(type) {
	case *ast.TableName:
		return x.Loc
	case *ast.SubqueryTable:
		return x.Loc
	case *ast.FuncTable:
		return x.Loc
	case *ast.JoinExpr:
		return x.Loc
	}
	return -1
}

// tmpScope is sc plus extra columns, for ON conditions and LATERAL items.
func tmpScope(sc *scope, extra []scopeCol) *scope {
	t := newScope(sc.parent)
	t.add(sc.cols...)
	t.add(extra...)
	return t
}

// absorb records t's correlation (columns of sc's ancestors) in sc.
func (sc *scope) absorb(t *scope) {
	for id := range t.outerRefs {
		sc.outerRefs[id] = true
	}
}

func colsFromSchema(s plan.Schema, qual string) []scopeCol {
	out := make([]scopeCol, len(s))
	for i, c := range s {
		out[i] = scopeCol{qual: qual, name: c.Name, id: c.ID, typ: c.Type, nullable: c.Nullable}
	}
	return out
}

// applyAlias renames a relation's columns by AS alias (cols).
func applyAlias(cols []scopeCol, a *ast.Alias, loc int) ([]scopeCol, error) {
	if a == nil {
		return cols, nil
	}
	if len(a.Columns) > len(cols) {
		return nil, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "table \"%s\" has %d columns available but %d columns specified", a.Name, len(cols), len(a.Columns)), loc)
	}
	out := make([]scopeCol, len(cols))
	for i, c := range cols {
		c.qual = a.Name
		if i < len(a.Columns) {
			c.name = a.Columns[i]
		}
		c.noStar, c.noUnqual = false, false
		out[i] = c
	}
	return out, nil
}

func (b *Binder) bindTableExpr(t ast.TableExpr, sc *scope, env *cteEnv) (plan.Node, []scopeCol, error) {
	switch x := t.(type) {
	case *ast.TableName:
		return b.bindTableName(x, env)
	case *ast.SubqueryTable:
		var n plan.Node
		var corr map[plan.ColumnID]bool
		var err error
		if x.Lateral {
			n, cols, preds, err := b.bindLateral(x, tmpScope(sc, nil), sc, env, nil)
			if err != nil {
				return nil, nil, err
			}
			if len(preds) > 0 {
				return nil, nil, errAt(notSupported("a correlated LATERAL subquery must be joined with a comma or JOIN"), x.Loc)
			}
			return n, cols, nil
		}
		n, corr, err = b.bindQuery(x.Query, sc.parent, env, false)
		if err != nil {
			return nil, nil, err
		}
		for id := range corr {
			sc.outerRefs[id] = true
		}
		qual := ""
		if x.Alias != nil {
			qual = x.Alias.Name
		}
		cols, err := applyAlias(colsFromSchema(n.Schema(), qual), x.Alias, x.Loc)
		return n, cols, err
	case *ast.FuncTable:
		return b.bindFuncTable(x)
	case *ast.JoinExpr:
		return b.bindJoin(x, sc, env)
	}
	return nil, nil, notSupported("FROM item %T is not supported", t)
}

func (b *Binder) bindTableName(x *ast.TableName, env *cteEnv) (plan.Node, []scopeCol, error) {
	alias := x.Name
	if x.Alias != nil {
		alias = x.Alias.Name
	}
	if x.Schema == "" {
		if def := env.lookup(x.Name); def != nil {
			n, err := b.bindCTERef(def)
			if err != nil {
				return nil, nil, err
			}
			cols, err := applyAlias(colsFromSchema(n.Schema(), alias), x.Alias, x.Loc)
			return n, cols, err
		}
	}
	tab, err := b.cat.LookupTable(x.Schema, x.Name)
	if err != nil {
		return nil, nil, withLoc(err, x.Loc)
	}
	var n plan.Node
	switch tab.Kind {
	case catalog.KindView:
		sel, err := b.cat.ParseSelect(tab.ViewSQL)
		if err != nil {
			return nil, nil, err
		}
		vn, _, err := b.bindQuery(sel, nil, nil, false)
		if err != nil {
			return nil, nil, err
		}
		s := vn.Schema()
		if len(tab.Columns) == len(s) {
			exprs := make([]plan.Expr, len(s))
			cols := make(plan.Schema, len(s))
			for i, c := range s {
				exprs[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
				cols[i] = plan.Column{ID: b.ids.New(), Name: tab.Columns[i].Name, Table: alias, Type: c.Type, Nullable: c.Nullable}
			}
			vn = &plan.Project{Input: vn, Exprs: exprs, Cols: cols}
		}
		n = vn
	case catalog.KindSystem:
		ords, cols := b.tableCols(tab, alias, false)
		n = &plan.SystemScan{Table: tab, Alias: alias, Columns: ords, Cols: cols}
	default:
		ords, cols := b.tableCols(tab, alias, false)
		n = &plan.Scan{Table: tab, Alias: alias, Columns: ords, Cols: cols}
	}
	cols, err := applyAlias(colsFromSchema(n.Schema(), alias), x.Alias, x.Loc)
	return n, cols, err
}

// tableCols lists every column of tab with fresh IDs; withRowID puts the
// row id (ordinal -1, BIGINT "rowid") first.
func (b *Binder) tableCols(tab *catalog.Table, alias string, withRowID bool) ([]int, plan.Schema) {
	var ords []int
	var cols plan.Schema
	if withRowID {
		ords = append(ords, -1)
		cols = append(cols, plan.Column{ID: b.ids.New(), Name: "rowid", Table: alias, Type: types.Int64Type})
	}
	for i, c := range tab.Columns {
		ords = append(ords, i)
		cols = append(cols, plan.Column{ID: b.ids.New(), Name: c.Name, Table: alias, Type: c.Type, Nullable: !c.NotNull})
	}
	return ords, cols
}

// bindFuncTable binds generate_series(start, stop [, step]) in FROM.
func (b *Binder) bindFuncTable(x *ast.FuncTable) (plan.Node, []scopeCol, error) {
	name := x.Call.Name
	if name != "generate_series" {
		return nil, nil, errAt(notSupported("function %s in FROM is not supported", name), x.Loc)
	}
	if len(x.Call.Args) < 2 || len(x.Call.Args) > 3 {
		return nil, nil, errAt(sqlerr.Newf(sqlerr.UndefinedFunction, "function generate_series with %d arguments does not exist", len(x.Call.Args)), x.Loc)
	}
	ctx := &exprCtx{sc: newScope(nil), clause: "functions in FROM"}
	args, err := b.bindExprs(x.Call.Args, ctx)
	if err != nil {
		return nil, nil, err
	}
	t, err := b.commonType(exprTypes(args[:2]), "generate_series")
	if err != nil {
		return nil, nil, errAt(sqlerr.From(err), x.Loc)
	}
	stepT := t
	switch {
	case t.IsTemporal():
		t = types.TSType
		if args[0].Type().ID == types.TimestampTZ {
			t = types.TSTZType
		}
		stepT = types.IntervalT
		if len(args) != 3 {
			return nil, nil, errAt(sqlerr.Newf(sqlerr.UndefinedFunction, "function generate_series(%s, %s) does not exist", t, t), x.Loc)
		}
	case t.ID == types.Int16:
		t, stepT = types.Int32Type, types.Int32Type
	case t.IsNumeric():
	default:
		return nil, nil, errAt(sqlerr.Newf(sqlerr.UndefinedFunction, "function generate_series(%s, %s) does not exist", args[0].Type(), args[1].Type()), x.Loc)
	}
	for i := range args {
		want := t
		if i == 2 {
			want = stepT
			if t.IsNumeric() && args[2].Type().IsNumeric() {
				m, _ := b.meet(t, args[2].Type())
				if m != t {
					t = m
					want = m
				}
			}
		}
		if args[i], err = b.coerce(args[i], want); err != nil {
			return nil, nil, withLoc(err, x.Loc)
		}
	}
	for i := 0; i < 2; i++ {
		if args[i].Type() != t {
			args[i] = &plan.Cast{Arg: args[i], To: t}
		}
	}
	alias, colName := name, name
	if x.Alias != nil {
		alias = x.Alias.Name
		colName = x.Alias.Name
		if len(x.Alias.Columns) > 0 {
			colName = x.Alias.Columns[0]
		}
	}
	col := plan.Column{ID: b.ids.New(), Name: colName, Table: alias, Type: t}
	n := &plan.TableFunc{Name: name, Args: args, Cols: plan.Schema{col}}
	return n, []scopeCol{{qual: alias, name: colName, id: col.ID, typ: t}}, nil
}
