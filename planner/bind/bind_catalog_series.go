package bind

import (
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/types"
)

// maxArrayLen bounds the arrays of the catalog relations: no relation has
// more columns than PostgreSQL's limit, and no function more arguments.
const maxArrayLen = 1600

// boundSeriesOverArrays rewrites `FROM generate_series(lo, array_upper(arr, 1)) s`
// whose bound reads columns of other relations (psql walks
// pg_publication_rel.prattrs this way, correlated to the outer query) into
// `FROM generate_series(lo, 1600) s WHERE s <= array_upper(arr, 1)`: the
// engine's table functions take constant arguments, while a WHERE may be
// correlated. Only bounds computed by array length functions are rewritten,
// so the fixed limit cannot cut a series short.
func boundSeriesOverArrays(sel *ast.Select) *ast.Select {
	var preds []ast.Expr
	var from []ast.TableExpr
	for i, it := range sel.From {
		ft, ok := it.(*ast.FuncTable)
		if !ok {
			continue
		}
		rel, ok := lateBindingViewCols(ft)
		if !ok {
			rel, ok = keywordsTable(ft) // bind_catalog_keywords.go
		}
		if ok {
			if from == nil {
				from = append([]ast.TableExpr(nil), sel.From...)
			}
			from[i] = rel
			continue
		}
		if ft.Call == nil || ft.Call.Name != "generate_series" || len(ft.Call.Args) != 2 ||
			!hasColumnRef(ft.Call.Args[1]) || hasColumnRef(ft.Call.Args[0]) || !isArrayLength(ft.Call.Args[1]) {
			continue
		}
		if from == nil {
			from = append([]ast.TableExpr(nil), sel.From...)
		}
		call := *ft.Call
		call.Args = []ast.Expr{ft.Call.Args[0], &ast.Const{Kind: ast.ConstInt, Int: maxArrayLen, Loc: -1}}
		nft := *ft
		nft.Call = &call
		from[i] = &nft
		alias, col := "generate_series", "generate_series"
		if ft.Alias != nil {
			alias, col = ft.Alias.Name, ft.Alias.Name
			if len(ft.Alias.Columns) > 0 {
				col = ft.Alias.Columns[0]
			}
		}
		ref := &ast.ColumnRef{Parts: []string{alias, col}, Loc: -1}
		preds = append(preds, &ast.BinaryExpr{Op: "<=", L: ref, R: ft.Call.Args[1], Loc: -1})
	}
	if from == nil {
		return sel
	}
	out := *sel
	out.From = from
	if len(preds) == 0 {
		return &out
	}
	if out.Where != nil {
		preds = append([]ast.Expr{out.Where}, preds...)
	}
	if len(preds) == 1 {
		out.Where = preds[0]
	} else {
		out.Where = &ast.BoolExpr{Op: ast.And, Args: preds, Loc: -1}
	}
	return &out
}

// isArrayLength reports whether e is array_upper/array_length/cardinality(...).
func isArrayLength(e ast.Expr) bool {
	f, ok := e.(*ast.FuncCall)
	return ok && (f.Name == "array_upper" || f.Name == "array_length" || f.Name == "cardinality")
}

// hasColumnRef reports whether e mentions a column.
func hasColumnRef(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.ColumnRef:
		return true
	case *ast.FuncCall:
		for _, a := range x.Args {
			if hasColumnRef(a) {
				return true
			}
		}
	case *ast.CastExpr:
		return hasColumnRef(x.Arg)
	case *ast.BinaryExpr:
		return hasColumnRef(x.L) || hasColumnRef(x.R)
	case *ast.UnaryExpr:
		return hasColumnRef(x.Arg)
	}
	return false
}

// lateBindingViewCols replaces Redshift's pg_get_late_binding_view_cols()
// in FROM (sqlalchemy-redshift and dbt-redshift read late-binding views'
// columns through it) with an empty relation of the declared columns: the
// engine has no late-binding views. col_num is INTEGER, the rest TEXT.
func lateBindingViewCols(ft *ast.FuncTable) (ast.TableExpr, bool) {
	if ft.Call == nil || ft.Call.Name != "pg_get_late_binding_view_cols" || ft.Alias == nil || len(ft.Alias.Columns) == 0 {
		return nil, false
	}
	q := &ast.Select{Where: &ast.Const{Kind: ast.ConstBool, Bool: false, Loc: -1}, Loc: -1}
	for _, c := range ft.Alias.Columns {
		t := types.TextType
		if c == "col_num" {
			t = types.Int32Type
		}
		q.Targets = append(q.Targets, &ast.Target{Expr: &ast.CastExpr{Arg: &ast.Const{Kind: ast.ConstNull, Loc: -1}, Type: &ast.TypeName{Type: t, Loc: -1}, Loc: -1}, Alias: c})
	}
	return &ast.SubqueryTable{Query: q, Alias: ft.Alias, Loc: ft.Loc}, true
}
