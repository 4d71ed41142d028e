package bind

import (
	"strings"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// Catalog queries from psql, pgjdbc and SQLAlchemy use PostgreSQL's arrays
// and OID alias types, which the engine lacks. Arrays are TEXT holding the
// array literal ('{1,2}'); exec's array functions read that form. This file
// binds the forms those queries use on top of that representation.

// regOutputs maps OID alias types to the functions printing their values.
var regOutputs = map[string]string{
	"regclass": "regclass_text", "regtype": "regtype_text", "regproc": "regproc_text",
	"regprocedure": "regprocedure_text", "regnamespace": "regnamespace_text", "regrole": "regrole_text",
}

// textLikeCatalogTypes are catalog types whose values the engine carries as TEXT.
var textLikeCatalogTypes = map[string]bool{
	"int2vector": true, "oidvector": true, "aclitem": true, "pg_node_tree": true, "anyarray": true,
	"name": true, "cstring": true,
}

// arrayElemTypes are the element types of the array columns of the
// catalog relations, by column name (aliases keep the name in client SQL).
var arrayElemTypes = map[string]types.T{
	"i_indoption": types.Int16Type, // pgjdbc getIndexInfo aliases indoption
	"conkey":      types.Int16Type, "confkey": types.Int16Type, "indkey": types.Int16Type, "indoption": types.Int16Type,
	"prattrs": types.Int16Type, "stxkeys": types.Int16Type, "partattrs": types.Int16Type, "tgattr": types.Int16Type,
	"indclass": types.Int64Type, "indcollation": types.Int64Type, "proargtypes": types.Int64Type,
	"proallargtypes": types.Int64Type, "polroles": types.Int64Type, "grolist": types.Int64Type,
	"conpfeqop": types.Int64Type, "conppeqop": types.Int64Type, "conffeqop": types.Int64Type, "conexclop": types.Int64Type,
	"partclass": types.Int64Type, "partcollation": types.Int64Type,
}

// vectorColumns are the int2vector/oidvector catalog columns: PostgreSQL
// subscripts them from 0 (indkey[0] is the first key column), also after a
// cast to int2[]/oid[].
var vectorColumns = map[string]bool{
	"indkey": true, "indoption": true, "indclass": true, "indcollation": true, "proargtypes": true,
	"stxkeys": true, "prattrs": true, "partattrs": true, "partclass": true, "partcollation": true,
	"i_indoption": true,
}

// isVectorExpr reports whether e is a vector column, possibly cast.
func isVectorExpr(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.ColumnRef:
		return len(x.Parts) > 0 && vectorColumns[x.Parts[len(x.Parts)-1]]
	case *ast.CastExpr:
		return isVectorExpr(x.Arg)
	}
	return false
}

// isTextArrayType reports whether a type written as name is an array (or a
// vector type the engine keeps in array form).
func isTextArrayType(name string) bool {
	return strings.HasSuffix(name, "[]") || name == "int2vector" || name == "oidvector" || name == "anyarray" || name == "aclitem"
}

// arrayElemType is the element type of an array written as a type name.
func arrayElemType(name string) types.T {
	switch strings.TrimSuffix(name, "[]") {
	case "int2", "smallint", "int2vector":
		return types.Int16Type
	case "int4", "int", "integer":
		return types.Int32Type
	case "int8", "bigint", "oid", "oidvector", "regclass", "regtype", "regproc":
		return types.Int64Type
	case "float8", "double precision":
		return types.Float64Type
	case "bool", "boolean":
		return types.BoolType
	}
	return types.TextType
}

// bindCatalogCast binds casts involving catalog-only types: to an array or
// vector type (the value stays array text), `x::regclass::text` (the OID
// alias type's name output), and name/cstring (text). ok is false for casts
// the ordinary path handles.
func (b *Binder) bindCatalogCast(x *ast.CastExpr, ctx *exprCtx) (plan.Expr, bool, error) {
	if x.Type == nil {
		return nil, false, nil
	}
	target := x.Type.Name
	if target != "" && (isTextArrayType(target) || textLikeCatalogTypes[target]) {
		a, err := b.bindExpr(x.Arg, ctx)
		if err != nil {
			return nil, true, err
		}
		if isUnknown(a) || a.Type().IsString() {
			out, err := b.coerceCast(a, types.TextType, x.Loc)
			return out, true, err
		}
		if target == "name" || target == "cstring" {
			return &plan.Cast{Arg: a, To: types.TextType}, true, nil
		}
		return nil, true, errAt(sqlerr.Newf(sqlerr.CannotCoerce, "cannot cast type %s to %s", a.Type(), target), x.Loc)
	}
	inner, ok := x.Arg.(*ast.CastExpr)
	if !ok || inner.Type == nil || regOutputs[inner.Type.Name] == "" || !x.Type.Type.IsString() {
		return nil, false, nil
	}
	oid, err := b.bindExpr(inner, ctx)
	if err != nil {
		return nil, true, err
	}
	name, err := b.call(regOutputs[inner.Type.Name], []plan.Expr{oid}, x.Loc)
	if err != nil {
		return nil, true, err
	}
	if x.Type.Type.ID != types.Text {
		name = &plan.Cast{Arg: name, To: x.Type.Type}
	}
	return name, true, nil
}

// bindArrayCompare binds `v op ANY|ALL (array)` over an array value.
func (b *Binder) bindArrayCompare(x *ast.ArrayCompareExpr, ctx *exprCtx) (plan.Expr, error) {
	v, err := b.bindExpr(x.Arg, ctx)
	if err != nil {
		return nil, err
	}
	arr, err := b.bindExpr(x.Array, ctx)
	if err != nil {
		return nil, err
	}
	if arr, err = b.coerceCast(arr, types.TextType, x.Loc); err != nil {
		return nil, err
	}
	if !arr.Type().IsString() {
		return nil, errAt(sqlerr.Newf(sqlerr.WrongObjectType, "op ANY/ALL (array) requires array on right side"), x.Loc)
	}
	switch x.Op {
	case "=", "<>", "<", "<=", ">", ">=":
	default:
		return nil, errAt(notSupported("operator %s ANY/ALL (array) is not supported", x.Op), x.Loc)
	}
	if isUnknown(v) {
		if v, err = b.coerceCast(v, types.TextType, x.Loc); err != nil {
			return nil, err
		}
	} else if !v.Type().IsString() {
		v = &plan.Cast{Arg: v, To: types.TextType}
	}
	name := "array_any_op"
	if x.All {
		name = "array_all_op"
	}
	return b.call(name, []plan.Expr{&plan.Const{Value: x.Op, Typ: types.TextType}, v, arr}, x.Loc)
}

// bindCatalogCall binds calls that need the array representation: array
// subscripts (typed by the array's element type when known) and field
// selection from information_schema._pg_expandarray. ok is false for
// other calls.
func (b *Binder) bindCatalogCall(f *ast.FuncCall, ctx *exprCtx) (plan.Expr, bool, error) {
	switch {
	case f.Name == "array_subscript" && len(f.Args) == 2 && f.Over == nil:
		arr, err := b.bindExpr(f.Args[0], ctx)
		if err != nil {
			return nil, true, err
		}
		idx, err := b.bindExpr(f.Args[1], ctx)
		if err != nil {
			return nil, true, err
		}
		if isVectorExpr(f.Args[0]) {
			if idx, err = b.binary("+", idx, &plan.Const{Value: int64(1), Typ: types.Int32Type}, f.Loc); err != nil {
				return nil, true, err
			}
		}
		out, err := b.call("array_subscript", []plan.Expr{arr, idx}, f.Loc)
		if err != nil {
			return nil, true, err
		}
		if t := b.elemTypeOf(f.Args[0]); t.ID != types.Text {
			out = &plan.Cast{Arg: out, To: t}
		}
		return out, true, nil
	case (f.Name == "array_upper" || f.Name == "array_lower") && len(f.Args) == 2 && f.Over == nil && isVectorExpr(f.Args[0]):
		// Vectors are indexed from 0: bounds are one less.
		args, err := b.bindExprs(f.Args, ctx)
		if err != nil {
			return nil, true, err
		}
		out, err := b.call(f.Name, args, f.Loc)
		if err != nil {
			return nil, true, err
		}
		out, err = b.binary("-", out, &plan.Const{Value: int64(1), Typ: types.Int32Type}, f.Loc)
		return out, true, err
	case (f.Name == "unnest" || f.Name == "generate_subscripts") && len(f.Args) >= 1 && f.Over == nil:
		// Set-returning functions in a select list: the engine has none, so
		// these bind (SQLAlchemy reads pg_index.indkey this way, and pg_index
		// is empty) and fail if they ever see an array.
		args, err := b.bindExprs(f.Args, ctx)
		if err != nil {
			return nil, true, err
		}
		out, err := b.call("srf_"+f.Name, args, f.Loc)
		if err != nil {
			return nil, true, err
		}
		if t := b.elemTypeOf(f.Args[0]); f.Name == "unnest" && t.ID != types.Text {
			out = &plan.Cast{Arg: out, To: t}
		}
		return out, true, nil
	case f.Name == "record_field" && len(f.Args) == 2:
		field, _ := f.Args[1].(*ast.Const)
		if field == nil {
			return nil, false, nil
		}
		// A (x, n) record of _pg_expandarray travels as '{x,n}'
		// (array_elem_pair); a direct call that was not expanded reads the
		// first element.
		arg, pos := f.Args[0], int64(2)
		if inner, ok := arg.(*ast.FuncCall); ok && inner.Name == "_pg_expandarray" && len(inner.Args) == 1 {
			arg, pos = inner.Args[0], 0
		}
		switch field.Text {
		case "n":
			if pos == 0 {
				return &plan.Const{Value: int64(1), Typ: types.Int32Type}, true, nil
			}
		case "x":
			pos = 1
		default:
			return nil, false, nil
		}
		arr, err := b.bindExpr(arg, ctx)
		if err != nil {
			return nil, true, err
		}
		at := &plan.Const{Value: pos, Typ: types.Int64Type}
		out, err := b.call("array_subscript", []plan.Expr{arr, at}, f.Loc)
		if err != nil {
			return nil, true, err
		}
		return &plan.Cast{Arg: out, To: types.Int32Type}, true, nil
	}
	return nil, false, nil
}

// elemTypeOf is the element type of an array expression when the binder
// can tell (a catalog array column, a cast to T[], current_schemas()).
func (b *Binder) elemTypeOf(e ast.Expr) types.T {
	switch x := e.(type) {
	case *ast.ColumnRef:
		if len(x.Parts) > 0 {
			if t, ok := arrayElemTypes[x.Parts[len(x.Parts)-1]]; ok {
				return t
			}
		}
	case *ast.CastExpr:
		if x.Type != nil && isTextArrayType(x.Type.Name) {
			return arrayElemType(x.Type.Name)
		}
	}
	return types.TextType
}

// bindArraySubquery binds ARRAY(subquery) as a scalar subquery aggregating
// the rows into array text: the select list's single expression goes
// through string_agg in the subquery's ORDER BY order. A subquery over
// unnest(array) in FROM maps the array's elements instead (psql's
// `array(select 'toast.' || x from unnest(tc.reloptions) x)`).
func (b *Binder) bindArraySubquery(x *ast.SubqueryExpr, ctx *exprCtx) (plan.Expr, error) {
	q := x.Query
	if q == nil || q.Op != 0 || len(q.Targets) != 1 || q.Distinct || len(q.GroupBy) > 0 || q.Having != nil ||
		q.Limit != nil || q.Offset != nil || q.Values != nil || q.With != nil {
		return nil, errAt(notSupported("this ARRAY(subquery) is not supported"), x.Loc)
	}
	if len(q.From) == 1 {
		if ft, ok := q.From[0].(*ast.FuncTable); ok && ft.Call != nil && ft.Call.Name == "unnest" {
			return b.bindUnnestMap(q, ft, ctx, x.Loc)
		}
	}
	elem := q.Targets[0].Expr
	order := make([]*ast.OrderItem, 0, len(q.OrderBy))
	for _, o := range q.OrderBy {
		it := *o
		if c, ok := o.Expr.(*ast.Const); ok && c.Kind == ast.ConstInt && c.Int == 1 {
			it.Expr = elem
		}
		order = append(order, &it)
	}
	quoted := &ast.FuncCall{Name: "array_elem_quote", Args: []ast.Expr{&ast.CastExpr{Arg: elem, Type: &ast.TypeName{Type: types.TextType, Loc: -1}, Loc: -1}}, Loc: -1}
	agg := &ast.FuncCall{Name: "string_agg", Args: []ast.Expr{quoted, &ast.Const{Kind: ast.ConstString, Text: ",", Loc: -1}}, OrderBy: order, Loc: -1}
	body := &ast.FuncCall{Name: "coalesce", Args: []ast.Expr{agg, &ast.Const{Kind: ast.ConstString, Text: "", Loc: -1}}, Loc: -1}
	lit := func(s string) ast.Expr { return &ast.Const{Kind: ast.ConstString, Text: s, Loc: -1} }
	arrText := &ast.BinaryExpr{Op: "||", L: &ast.BinaryExpr{Op: "||", L: lit("{"), R: body, Loc: -1}, R: lit("}"), Loc: -1}
	sel := *q
	sel.Targets = []*ast.Target{{Expr: arrText}}
	sel.OrderBy = nil
	return b.bindSubqueryExpr(&ast.SubqueryExpr{Kind: ast.SubScalar, Query: &sel, Loc: x.Loc}, ctx)
}

// bindUnnestMap binds ARRAY(SELECT e FROM unnest(arr) x) where e is the
// element or the element concatenated with constants.
func (b *Binder) bindUnnestMap(q *ast.Select, ft *ast.FuncTable, ctx *exprCtx, loc int) (plan.Expr, error) {
	if len(ft.Call.Args) != 1 || q.Where != nil || ft.Alias == nil {
		return nil, errAt(notSupported("this ARRAY(SELECT ... FROM unnest(...)) is not supported"), loc)
	}
	col := ft.Alias.Name
	if len(ft.Alias.Columns) == 1 {
		col = ft.Alias.Columns[0]
	}
	isElem := func(e ast.Expr) bool {
		c, ok := e.(*ast.ColumnRef)
		return ok && !c.Star && c.Parts[len(c.Parts)-1] == col
	}
	prefix, suffix := "", ""
	e := q.Targets[0].Expr
	if be, ok := e.(*ast.BinaryExpr); ok && be.Op == "||" {
		if k, ok := be.L.(*ast.Const); ok && k.Kind == ast.ConstString && isElem(be.R) {
			prefix, e = k.Text, be.R
		} else if k, ok := be.R.(*ast.Const); ok && k.Kind == ast.ConstString && isElem(be.L) {
			suffix, e = k.Text, be.L
		}
	}
	if !isElem(e) {
		return nil, errAt(notSupported("this ARRAY(SELECT ... FROM unnest(...)) is not supported"), loc)
	}
	arr, err := b.bindExpr(ft.Call.Args[0], ctx)
	if err != nil {
		return nil, err
	}
	return b.call("array_affix", []plan.Expr{arr, &plan.Const{Value: prefix, Typ: types.TextType}, &plan.Const{Value: suffix, Typ: types.TextType}}, loc)
}
