package sql

import (
	"strconv"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// expr converts a scalar expression; nil in, nil out.
func (c *converter) expr(n *pg_query.Node) ast.Expr {
	if n == nil || n.GetNode() == nil || c.err != nil {
		return nil
	}
	switch x := n.GetNode().(type) {
	case *pg_query.Node_ColumnRef:
		return c.columnRef(x.ColumnRef)
	case *pg_query.Node_ParamRef:
		return &ast.ParamRef{Number: int(x.ParamRef.GetNumber()), Loc: c.loc(x.ParamRef.GetLocation())}
	case *pg_query.Node_AConst:
		return c.aConst(x.AConst)
	case *pg_query.Node_TypeCast:
		return c.typeCast(x.TypeCast)
	case *pg_query.Node_AExpr:
		return c.aExpr(x.AExpr)
	case *pg_query.Node_BoolExpr:
		return c.boolExpr(x.BoolExpr)
	case *pg_query.Node_FuncCall:
		return c.funcCall(x.FuncCall)
	case *pg_query.Node_SubLink:
		return c.subLink(x.SubLink)
	case *pg_query.Node_CaseExpr:
		return c.caseExpr(x.CaseExpr)
	case *pg_query.Node_CoalesceExpr:
		return &ast.FuncCall{Name: "coalesce", Args: c.exprs(x.CoalesceExpr.GetArgs()), Loc: c.loc(x.CoalesceExpr.GetLocation())}
	case *pg_query.Node_MinMaxExpr:
		name := "greatest"
		if x.MinMaxExpr.GetOp() == pg_query.MinMaxOp_IS_LEAST {
			name = "least"
		}
		return &ast.FuncCall{Name: name, Args: c.exprs(x.MinMaxExpr.GetArgs()), Loc: c.loc(x.MinMaxExpr.GetLocation())}
	case *pg_query.Node_SqlvalueFunction:
		return c.sqlValueFunction(x.SqlvalueFunction)
	case *pg_query.Node_NullTest:
		return &ast.IsNullExpr{Arg: c.expr(x.NullTest.GetArg()), Not: x.NullTest.GetNulltesttype() == pg_query.NullTestType_IS_NOT_NULL, Loc: c.loc(x.NullTest.GetLocation())}
	case *pg_query.Node_BooleanTest:
		return c.booleanTest(x.BooleanTest)
	case *pg_query.Node_CollateClause:
		names := stripCatalog(strs(x.CollateClause.GetCollname()))
		coll := ""
		if len(names) > 0 {
			coll = names[len(names)-1]
		}
		return &ast.CollateExpr{Arg: c.expr(x.CollateClause.GetArg()), Collation: coll, Loc: c.loc(x.CollateClause.GetLocation())}
	case *pg_query.Node_AArrayExpr:
		return &ast.FuncCall{Name: "array", Args: c.exprs(x.AArrayExpr.GetElements()), Loc: c.loc(x.AArrayExpr.GetLocation())}
	case *pg_query.Node_RowExpr:
		return &ast.FuncCall{Name: "row", Args: c.exprs(x.RowExpr.GetArgs()), Loc: c.loc(x.RowExpr.GetLocation())}
	case *pg_query.Node_GroupingFunc:
		return &ast.FuncCall{Name: "grouping", Args: c.exprs(x.GroupingFunc.GetArgs()), Loc: c.loc(x.GroupingFunc.GetLocation())}
	case *pg_query.Node_AIndirection:
		return c.indirection(x.AIndirection)
	case *pg_query.Node_SetToDefault:
		c.unsupported(x.SetToDefault.GetLocation(), "DEFAULT is not allowed in this context")
		return nil
	}
	c.unsupported(-1, "expression %s is not supported", nodeName(n))
	return nil
}

// nodeName is a readable name of a node's kind for error messages.
func nodeName(n *pg_query.Node) string {
	s := "unknown"
	if n != nil && n.GetNode() != nil {
		s = string(n.ProtoReflect().WhichOneof(n.ProtoReflect().Descriptor().Oneofs().Get(0)).Name())
	}
	return s
}

func (c *converter) exprs(ns []*pg_query.Node) []ast.Expr {
	if len(ns) == 0 {
		return nil
	}
	out := make([]ast.Expr, 0, len(ns))
	for _, n := range ns {
		if e := c.expr(n); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (c *converter) columnRef(r *pg_query.ColumnRef) ast.Expr {
	cr := &ast.ColumnRef{Loc: c.loc(r.GetLocation())}
	if f := r.GetFields(); len(f) == 1 && str(f[0]) == "sysdate" && !c.quotedAt(r.GetLocation()) {
		// Redshift's SYSDATE is a niladic function written without parentheses.
		return &ast.FuncCall{Name: "sysdate", Loc: cr.Loc}
	}
	for _, f := range r.GetFields() {
		if f.GetAStar() != nil {
			cr.Star = true
			continue
		}
		cr.Parts = append(cr.Parts, str(f))
	}
	return cr
}

// quotedAt reports whether the parsed text has a quoted identifier at l.
func (c *converter) quotedAt(l int32) bool {
	return l >= 0 && int(l) < len(c.text) && c.text[l] == '"'
}

func (c *converter) aConst(k *pg_query.A_Const) ast.Expr {
	loc := c.loc(k.GetLocation())
	if k.GetIsnull() {
		return &ast.Const{Kind: ast.ConstNull, Loc: loc}
	}
	switch v := k.GetVal().(type) {
	case *pg_query.A_Const_Ival:
		return &ast.Const{Kind: ast.ConstInt, Int: int64(v.Ival.GetIval()), Loc: loc}
	case *pg_query.A_Const_Fval:
		text := v.Fval.GetFval()
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return &ast.Const{Kind: ast.ConstInt, Int: n, Loc: loc}
		}
		return &ast.Const{Kind: ast.ConstNumeric, Text: text, Loc: loc}
	case *pg_query.A_Const_Sval:
		return &ast.Const{Kind: ast.ConstString, Text: v.Sval.GetSval(), Loc: loc}
	case *pg_query.A_Const_Boolval:
		return &ast.Const{Kind: ast.ConstBool, Bool: v.Boolval.GetBoolval(), Loc: loc}
	case *pg_query.A_Const_Bsval:
		return &ast.Const{Kind: ast.ConstBitString, Text: v.Bsval.GetBsval(), Loc: loc}
	}
	return &ast.Const{Kind: ast.ConstNull, Loc: loc}
}

func (c *converter) typeCast(tc *pg_query.TypeCast) ast.Expr {
	arg := c.expr(tc.GetArg())
	tn := c.typeName(tc.GetTypeName())
	if tn == nil {
		return nil
	}
	return &ast.CastExpr{Arg: arg, Type: tn, Loc: c.loc(tc.GetLocation())}
}

// opName is the last element of an operator name list, `!=` spelled `<>`.
func opName(ns []*pg_query.Node) string {
	if len(ns) == 0 {
		return ""
	}
	op := str(ns[len(ns)-1])
	if op == "!=" {
		op = "<>"
	}
	return op
}

func (c *converter) aExpr(a *pg_query.A_Expr) ast.Expr {
	loc := c.loc(a.GetLocation())
	op := opName(a.GetName())
	switch a.GetKind() {
	case pg_query.A_Expr_Kind_AEXPR_OP:
		if a.GetLexpr() == nil {
			return &ast.UnaryExpr{Op: op, Arg: c.expr(a.GetRexpr()), Loc: loc}
		}
		if a.GetRexpr() == nil {
			c.unsupported(a.GetLocation(), "postfix operator %s is not supported", op)
			return nil
		}
		return &ast.BinaryExpr{Op: op, L: c.expr(a.GetLexpr()), R: c.expr(a.GetRexpr()), Loc: loc}
	case pg_query.A_Expr_Kind_AEXPR_OP_ANY, pg_query.A_Expr_Kind_AEXPR_OP_ALL:
		return c.arrayCompare(a, op, loc)
	case pg_query.A_Expr_Kind_AEXPR_DISTINCT, pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		return &ast.DistinctFromExpr{L: c.expr(a.GetLexpr()), R: c.expr(a.GetRexpr()),
			Not: a.GetKind() == pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT, Loc: loc}
	case pg_query.A_Expr_Kind_AEXPR_NULLIF:
		return &ast.FuncCall{Name: "nullif", Args: []ast.Expr{c.expr(a.GetLexpr()), c.expr(a.GetRexpr())}, Loc: loc}
	case pg_query.A_Expr_Kind_AEXPR_IN:
		return &ast.InExpr{Arg: c.expr(a.GetLexpr()), List: c.exprs(a.GetRexpr().GetList().GetItems()), Not: op == "<>", Loc: loc}
	case pg_query.A_Expr_Kind_AEXPR_LIKE, pg_query.A_Expr_Kind_AEXPR_ILIKE, pg_query.A_Expr_Kind_AEXPR_SIMILAR:
		return c.likeExpr(a, op, loc)
	case pg_query.A_Expr_Kind_AEXPR_BETWEEN, pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN,
		pg_query.A_Expr_Kind_AEXPR_BETWEEN_SYM, pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM:
		k := a.GetKind()
		items := a.GetRexpr().GetList().GetItems()
		if len(items) != 2 {
			c.unsupported(a.GetLocation(), "malformed BETWEEN")
			return nil
		}
		return &ast.BetweenExpr{Arg: c.expr(a.GetLexpr()), Lo: c.expr(items[0]), Hi: c.expr(items[1]),
			Not:       k == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN || k == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM,
			Symmetric: k == pg_query.A_Expr_Kind_AEXPR_BETWEEN_SYM || k == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM,
			Loc:       loc}
	}
	c.unsupported(a.GetLocation(), "operator form is not supported")
	return nil
}

// arrayCompare handles `x op ANY|ALL (array)`: = ANY (ARRAY[...]) is IN,
// <> ALL (ARRAY[...]) is NOT IN, anything else an ArrayCompareExpr.
func (c *converter) arrayCompare(a *pg_query.A_Expr, op string, loc int) ast.Expr {
	isAny := a.GetKind() == pg_query.A_Expr_Kind_AEXPR_OP_ANY
	arr := a.GetRexpr().GetAArrayExpr()
	if arr != nil && ((isAny && op == "=") || (!isAny && op == "<>")) {
		return &ast.InExpr{Arg: c.expr(a.GetLexpr()), List: c.exprs(arr.GetElements()), Not: !isAny, Loc: loc}
	}
	return &ast.ArrayCompareExpr{Op: op, All: !isAny, Arg: c.expr(a.GetLexpr()), Array: c.expr(a.GetRexpr()), Loc: loc}
}

// likeExpr unpacks the grammar's ~~ / ~~* / ~ forms and the *_escape calls.
func (c *converter) likeExpr(a *pg_query.A_Expr, op string, loc int) ast.Expr {
	le := &ast.LikeExpr{Arg: c.expr(a.GetLexpr()), Loc: loc}
	switch a.GetKind() {
	case pg_query.A_Expr_Kind_AEXPR_LIKE:
		le.Kind, le.Not = ast.Like, op == "!~~"
	case pg_query.A_Expr_Kind_AEXPR_ILIKE:
		le.Kind, le.Not = ast.ILike, op == "!~~*"
	default:
		le.Kind, le.Not = ast.SimilarTo, op == "!~"
	}
	pat := a.GetRexpr()
	if fc := pat.GetFuncCall(); fc != nil {
		name := stripCatalog(strs(fc.GetFuncname()))
		if len(name) == 1 && (name[0] == "like_escape" || name[0] == "similar_to_escape") {
			args := fc.GetArgs()
			if len(args) >= 1 {
				le.Pattern = c.expr(args[0])
			}
			if len(args) >= 2 {
				le.Escape = c.expr(args[1])
			}
			return le
		}
	}
	le.Pattern = c.expr(pat)
	return le
}

func (c *converter) boolExpr(b *pg_query.BoolExpr) ast.Expr {
	be := &ast.BoolExpr{Args: c.exprs(b.GetArgs()), Loc: c.loc(b.GetLocation())}
	switch b.GetBoolop() {
	case pg_query.BoolExprType_AND_EXPR:
		be.Op = ast.And
	case pg_query.BoolExprType_OR_EXPR:
		be.Op = ast.Or
	default:
		be.Op = ast.Not
	}
	return be
}

func (c *converter) booleanTest(b *pg_query.BooleanTest) ast.Expr {
	e := &ast.BoolTestExpr{Arg: c.expr(b.GetArg()), Loc: c.loc(b.GetLocation())}
	switch b.GetBooltesttype() {
	case pg_query.BoolTestType_IS_TRUE:
		e.Test = ast.IsTrue
	case pg_query.BoolTestType_IS_NOT_TRUE:
		e.Test, e.Not = ast.IsTrue, true
	case pg_query.BoolTestType_IS_FALSE:
		e.Test = ast.IsFalse
	case pg_query.BoolTestType_IS_NOT_FALSE:
		e.Test, e.Not = ast.IsFalse, true
	case pg_query.BoolTestType_IS_UNKNOWN:
		e.Test = ast.IsUnknown
	default:
		e.Test, e.Not = ast.IsUnknown, true
	}
	return e
}

func (c *converter) caseExpr(k *pg_query.CaseExpr) ast.Expr {
	ce := &ast.CaseExpr{Arg: c.expr(k.GetArg()), Else: c.expr(k.GetDefresult()), Loc: c.loc(k.GetLocation())}
	for _, w := range k.GetArgs() {
		cw := w.GetCaseWhen()
		if cw == nil {
			continue
		}
		ce.Whens = append(ce.Whens, &ast.When{Cond: c.expr(cw.GetExpr()), Result: c.expr(cw.GetResult())})
	}
	return ce
}

func (c *converter) sqlValueFunction(f *pg_query.SQLValueFunction) ast.Expr {
	loc := c.loc(f.GetLocation())
	var name string
	switch f.GetOp() {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		name = "current_date"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:
		name = "current_time"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		name = "current_timestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME_N:
		name = "localtime"
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		name = "localtimestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		name = "current_role"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER:
		name = "current_user"
	case pg_query.SQLValueFunctionOp_SVFOP_USER:
		name = "user"
	case pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:
		name = "session_user"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		name = "current_catalog"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		name = "current_schema"
	default:
		c.unsupported(f.GetLocation(), "SQL value function is not supported")
		return nil
	}
	fc := &ast.FuncCall{Name: name, Loc: loc}
	if f.GetTypmod() >= 0 && hasPrecision(f.GetOp()) {
		fc.Args = []ast.Expr{&ast.Const{Kind: ast.ConstInt, Int: int64(f.GetTypmod()), Loc: -1}}
	}
	return fc
}

func hasPrecision(op pg_query.SQLValueFunctionOp) bool {
	switch op {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N,
		pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME_N, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return true
	}
	return false
}

// indirection handles subscripts x[i] (FuncCall array_subscript(x, i)) and
// field selection (x).f (FuncCall record_field(x, 'f')); slices and (x).*
// are not supported.
func (c *converter) indirection(ind *pg_query.A_Indirection) ast.Expr {
	e := c.expr(ind.GetArg())
	for _, n := range ind.GetIndirection() {
		if f := n.GetString_(); f != nil {
			e = &ast.FuncCall{Name: "record_field", Args: []ast.Expr{e, &ast.Const{Kind: ast.ConstString, Text: f.GetSval(), Loc: -1}}, Loc: -1}
			continue
		}
		idx := n.GetAIndices()
		if idx == nil || idx.GetIsSlice() {
			c.unsupported(-1, "array slices and (x).* are not supported")
			return nil
		}
		e = &ast.FuncCall{Name: "array_subscript", Args: []ast.Expr{e, c.expr(idx.GetUidx())}, Loc: -1}
	}
	return e
}
