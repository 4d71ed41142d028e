package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

var boolT = types.BoolType

// exprCtx is where an expression is bound.
type exprCtx struct {
	sc     *scope
	env    *cteEnv
	clause string        // "WHERE", "GROUP BY", ... for error messages
	aggs   *aggCollector // nil: aggregates not allowed here
	wins   *winCollector // nil: window functions not allowed here
	grp    *grouping     // the query's grouping, when it aggregates
	inAgg  bool          // inside an aggregate's arguments
	named  map[string]*ast.WindowDef
}

// BindConstExpr binds an expression that reads no columns (SET values,
// LIMIT, EXECUTE arguments). Unknown-typed literals become TEXT.
func (b *Binder) BindConstExpr(e ast.Expr) (plan.Expr, error) {
	ctx := &exprCtx{sc: newScope(nil), clause: "this context"}
	x, err := b.bindExpr(e, ctx)
	if err != nil {
		return nil, err
	}
	if hasSubquery(x) {
		return nil, notSupported("subqueries are not supported here")
	}
	return b.resolveUnknown(x)
}

func (b *Binder) bindExprs(es []ast.Expr, ctx *exprCtx) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		x, err := b.bindExpr(e, ctx)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// bindBool binds a condition, which must be BOOLEAN.
func (b *Binder) bindBool(e ast.Expr, ctx *exprCtx, what string) (plan.Expr, error) {
	x, err := b.bindExpr(e, ctx)
	if err != nil {
		return nil, err
	}
	return b.toBool(x, what, exprLoc(e))
}

func (b *Binder) toBool(x plan.Expr, what string, loc int) (plan.Expr, error) {
	if isUnknown(x) {
		return b.coerce(x, boolT)
	}
	if x.Type().ID != types.Bool {
		return nil, errAt(sqlerr.Newf(sqlerr.DatatypeMismatch, "argument of %s must be type boolean, not type %s", what, x.Type()), loc)
	}
	return x, nil
}

func (b *Binder) bindExpr(e ast.Expr, ctx *exprCtx) (plan.Expr, error) {
	switch x := e.(type) {
	case *ast.ColumnRef:
		if x.Star {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "* is not allowed here"), x.Loc)
		}
		c, err := ctx.sc.resolve(x.Parts, x.Loc)
		if err != nil {
			return nil, err
		}
		return c.ref(), nil
	case *ast.ParamRef:
		idx := x.Number - 1
		if idx < 0 {
			return nil, errAt(sqlerr.Newf(sqlerr.UndefinedParameter, "there is no parameter $%d", x.Number), x.Loc)
		}
		t := types.UnknownType
		if idx < len(b.params) {
			t = b.params[idx]
		} else {
			b.setParam(idx, types.UnknownType)
		}
		return &plan.Param{Index: idx, Typ: t}, nil
	case *ast.Const:
		return b.bindConst(x)
	case *ast.TypedNull:
		return &plan.Const{Typ: x.Type}, nil
	case *ast.BinaryExpr:
		if lr, ok := isRowCall(x.L); ok {
			if rr, ok := isRowCall(x.R); ok {
				return b.bindRowCompare(x, lr, rr, ctx)
			}
		}
		l, err := b.bindExpr(x.L, ctx)
		if err != nil {
			return nil, err
		}
		r, err := b.bindExpr(x.R, ctx)
		if err != nil {
			return nil, err
		}
		return b.binary(x.Op, l, r, x.Loc)
	case *ast.UnaryExpr:
		return b.bindUnary(x, ctx)
	case *ast.BoolExpr:
		return b.bindBoolExpr(x, ctx)
	case *ast.BetweenExpr:
		return b.bindBetween(x, ctx)
	case *ast.InExpr:
		return b.bindIn(x, ctx)
	case *ast.LikeExpr:
		return b.bindLike(x, ctx)
	case *ast.IsNullExpr:
		a, err := b.bindExpr(x.Arg, ctx)
		if err != nil {
			return nil, err
		}
		if isUnknown(a) {
			if a, err = b.resolveUnknown(a); err != nil {
				return nil, err
			}
		}
		return &plan.IsNull{Arg: a, Neg: x.Not}, nil
	case *ast.BoolTestExpr:
		return b.bindBoolTest(x, ctx)
	case *ast.DistinctFromExpr:
		return b.bindDistinctFrom(x, ctx)
	case *ast.FuncCall:
		return b.bindFuncCall(x, ctx)
	case *ast.CastExpr:
		return b.bindCast(x, ctx)
	case *ast.CaseExpr:
		return b.bindCase(x, ctx)
	case *ast.SubqueryExpr:
		return b.bindSubqueryExpr(x, ctx)
	case *ast.CollateExpr:
		return b.bindExpr(x.Arg, ctx)
	case *ast.ArrayCompareExpr:
		return b.bindArrayCompare(x, ctx) // bind_catalog.go
	}
	return nil, notSupported("expression %T is not supported", e)
}

// exprLoc returns the location of an AST expression, -1 when unknown.
func exprLoc(e ast.Expr) int {
	switch x := e.(type) {
	case *ast.ColumnRef:
		return x.Loc
	case *ast.ParamRef:
		return x.Loc
	case *ast.Const:
		return x.Loc
	case *ast.BinaryExpr:
		return x.Loc
	case *ast.UnaryExpr:
		return x.Loc
	case *ast.BoolExpr:
		return x.Loc
	case *ast.BetweenExpr:
		return x.Loc
	case *ast.InExpr:
		return x.Loc
	case *ast.LikeExpr:
		return x.Loc
	case *ast.IsNullExpr:
		return x.Loc
	case *ast.BoolTestExpr:
		return x.Loc
	case *ast.DistinctFromExpr:
		return x.Loc
	case *ast.FuncCall:
		return x.Loc
	case *ast.CastExpr:
		return x.Loc
	case *ast.CaseExpr:
		return x.Loc
	case *ast.SubqueryExpr:
		return x.Loc
	case *ast.CollateExpr:
		return x.Loc
	case *ast.TypedNull:
		return x.Loc
	case *ast.ArrayCompareExpr:
		return x.Loc
	}
	return -1
}

// call resolves a function or operator against the registry and casts the
// arguments to the chosen overload's parameter types.
func (b *Binder) call(name string, args []plan.Expr, loc int) (plan.Expr, error) {
	var err error
	args = append([]plan.Expr(nil), args...)
	for i, a := range args {
		if isUnknown(a) {
			if args[i], err = b.resolveUnknown(a); err != nil {
				return nil, errAt(sqlerr.From(err), loc)
			}
		}
	}
	sig, err := b.reg.LookupFunc(name, exprTypes(args))
	if err != nil {
		return nil, withLoc(err, loc)
	}
	for i := range args {
		if i < len(sig.Params) && sig.Params[i].ID != types.Unknown {
			if args[i], err = b.coerce(args[i], sig.Params[i]); err != nil {
				return nil, withLoc(err, loc)
			}
		}
	}
	return &plan.Call{Name: name, Args: args, Typ: sig.Ret}, nil
}

// binary binds `l op r`: an unknown-typed side takes the other side's type.
func (b *Binder) binary(op string, l, r plan.Expr, loc int) (plan.Expr, error) {
	var err error
	switch {
	case isUnknown(l) && !isUnknown(r):
		if l, err = b.coerceOperand(l, r.Type(), op); err != nil {
			return nil, errAt(sqlerr.From(err), loc)
		}
	case isUnknown(r) && !isUnknown(l):
		if r, err = b.coerceOperand(r, l.Type(), op); err != nil {
			return nil, errAt(sqlerr.From(err), loc)
		}
	}
	return b.call(op, []plan.Expr{l, r}, loc)
}

// coerceOperand types an unknown operand from the other operand: mostly the
// same type; a string added to or subtracted from a date/time is an interval;
// pattern and concatenation operators take text.
func (b *Binder) coerceOperand(e plan.Expr, other types.T, op string) (plan.Expr, error) {
	t := other
	switch {
	case (op == "+" || op == "-") && other.IsTemporal():
		if c, ok := e.(*plan.Const); ok && c.Value != nil {
			t = types.IntervalT
		}
	case op == "||" || op == "~" || op == "~*" || op == "!~" || op == "!~*":
		t = types.TextType
		if other.IsString() && other.ID != types.Char {
			t = other
		}
	}
	return b.coerce(e, t)
}

func (b *Binder) bindUnary(x *ast.UnaryExpr, ctx *exprCtx) (plan.Expr, error) {
	if x.Op == "-" {
		if c, ok := x.Arg.(*ast.Const); ok {
			switch c.Kind {
			case ast.ConstInt:
				return b.bindConst(&ast.Const{Kind: ast.ConstInt, Int: -c.Int, Loc: x.Loc})
			case ast.ConstNumeric:
				return numericConst("-"+c.Text, x.Loc)
			}
		}
	}
	a, err := b.bindExpr(x.Arg, ctx)
	if err != nil {
		return nil, err
	}
	if x.Op == "+" {
		return a, nil
	}
	if isUnknown(a) && x.Op == "-" {
		// PostgreSQL resolves -'1' as numeric negation.
		if a, err = b.coerce(a, types.DecimalType(18, 0)); err != nil {
			return nil, err
		}
	}
	return b.call(x.Op, []plan.Expr{a}, x.Loc)
}

func (b *Binder) bindBoolExpr(x *ast.BoolExpr, ctx *exprCtx) (plan.Expr, error) {
	what := map[ast.BoolOp]string{ast.And: "AND", ast.Or: "OR", ast.Not: "NOT"}[x.Op]
	args := make([]plan.Expr, len(x.Args))
	for i, a := range x.Args {
		e, err := b.bindBool(a, ctx, what)
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	switch x.Op {
	case ast.Not:
		if len(args) != 1 {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "NOT takes one argument"), x.Loc)
		}
		return &plan.Not{Arg: args[0]}, nil
	case ast.And:
		return flatten(plan.OpAnd, args), nil
	}
	return flatten(plan.OpOr, args), nil
}

// flatten builds an AND/OR, merging nested ones of the same kind.
func flatten(op plan.BoolOpKind, args []plan.Expr) plan.Expr {
	var out []plan.Expr
	for _, a := range args {
		if bo, ok := a.(*plan.BoolOp); ok && bo.Op == op {
			out = append(out, bo.Args...)
			continue
		}
		out = append(out, a)
	}
	if len(out) == 1 {
		return out[0]
	}
	return &plan.BoolOp{Op: op, Args: out}
}
