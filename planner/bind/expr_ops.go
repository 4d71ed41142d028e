package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func (b *Binder) bindBetween(x *ast.BetweenExpr, ctx *exprCtx) (plan.Expr, error) {
	es, err := b.bindExprs([]ast.Expr{x.Arg, x.Lo, x.Hi}, ctx)
	if err != nil {
		return nil, err
	}
	// Resolve one common type so the argument is converted once.
	t, err := b.commonType(exprTypes(es), "BETWEEN")
	if err != nil {
		return nil, errAt(sqlerr.From(err), x.Loc)
	}
	for i := range es {
		if isUnknown(es[i]) {
			if es[i], err = b.coerce(es[i], t); err != nil {
				return nil, withLoc(err, x.Loc)
			}
		}
	}
	a, lo, hi := es[0], es[1], es[2]
	rng := func(lo, hi plan.Expr) (plan.Expr, error) {
		ge, err := b.binary(">=", a, lo, x.Loc)
		if err != nil {
			return nil, err
		}
		le, err := b.binary("<=", a, hi, x.Loc)
		if err != nil {
			return nil, err
		}
		return &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{ge, le}}, nil
	}
	out, err := rng(lo, hi)
	if err != nil {
		return nil, err
	}
	if x.Symmetric {
		other, err := rng(hi, lo)
		if err != nil {
			return nil, err
		}
		out = &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{out, other}}
	}
	if x.Not {
		return &plan.Not{Arg: out}, nil
	}
	return out, nil
}

func (b *Binder) bindIn(x *ast.InExpr, ctx *exprCtx) (plan.Expr, error) {
	a, err := b.bindExpr(x.Arg, ctx)
	if err != nil {
		return nil, err
	}
	list, err := b.bindExprs(x.List, ctx)
	if err != nil {
		return nil, err
	}
	all := append([]plan.Expr{a}, list...)
	t, err := b.commonType(exprTypes(all), "IN")
	if err != nil {
		return nil, errAt(sqlerr.From(err), x.Loc)
	}
	if a, err = b.coerce(a, t); err != nil {
		return nil, withLoc(err, x.Loc)
	}
	if list, err = b.coerceAll(list, t); err != nil {
		return nil, withLoc(err, x.Loc)
	}
	// Make sure "=" exists for the type (42883 otherwise).
	if _, err := b.reg.LookupFunc("=", []types.T{t, t}); err != nil {
		return nil, withLoc(err, x.Loc)
	}
	return &plan.InList{Arg: a, List: list, Neg: x.Not}, nil
}

func (b *Binder) bindLike(x *ast.LikeExpr, ctx *exprCtx) (plan.Expr, error) {
	name := map[ast.LikeKind]string{ast.Like: "like", ast.ILike: "ilike", ast.SimilarTo: "similar_to"}[x.Kind]
	args := []ast.Expr{x.Arg, x.Pattern}
	if x.Escape != nil {
		args = append(args, x.Escape)
	}
	es, err := b.bindExprs(args, ctx)
	if err != nil {
		return nil, err
	}
	for i := range es {
		if isUnknown(es[i]) {
			if es[i], err = b.coerce(es[i], types.TextType); err != nil {
				return nil, withLoc(err, x.Loc)
			}
		}
	}
	out, err := b.call(name, es, x.Loc)
	if err != nil {
		return nil, err
	}
	if x.Not {
		return &plan.Not{Arg: out}, nil
	}
	return out, nil
}

func (b *Binder) bindBoolTest(x *ast.BoolTestExpr, ctx *exprCtx) (plan.Expr, error) {
	a, err := b.bindBool(x.Arg, ctx, "IS TRUE")
	if err != nil {
		return nil, err
	}
	var out plan.Expr
	switch x.Test {
	case ast.IsTrue:
		out = isTrue(a)
	case ast.IsFalse:
		out = isTrue(&plan.Not{Arg: a})
	default:
		out = &plan.IsNull{Arg: a}
	}
	if x.Not {
		return &plan.Not{Arg: out}, nil
	}
	return out, nil
}

// bindDistinctFrom spells IS [NOT] DISTINCT FROM with NULL tests and = / <>.
func (b *Binder) bindDistinctFrom(x *ast.DistinctFromExpr, ctx *exprCtx) (plan.Expr, error) {
	l, err := b.bindExpr(x.L, ctx)
	if err != nil {
		return nil, err
	}
	r, err := b.bindExpr(x.R, ctx)
	if err != nil {
		return nil, err
	}
	op := "<>"
	if x.Not {
		op = "="
	}
	cmp, err := b.binary(op, l, r, x.Loc)
	if err != nil {
		return nil, err
	}
	if c, ok := cmp.(*plan.Call); ok && len(c.Args) == 2 {
		l, r = c.Args[0], c.Args[1]
	}
	bothNull := &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{&plan.IsNull{Arg: l}, &plan.IsNull{Arg: r}}}
	oneNull := &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{&plan.IsNull{Arg: l}, &plan.IsNull{Arg: r}}}
	return &plan.Case{Whens: []plan.When{
		{Cond: bothNull, Then: boolConst(x.Not)},
		{Cond: oneNull, Then: boolConst(!x.Not)},
	}, Else: cmp, Typ: boolT}, nil
}

func (b *Binder) bindCast(x *ast.CastExpr, ctx *exprCtx) (plan.Expr, error) {
	if out, ok, err := b.bindCatalogCast(x, ctx); ok { // bind_catalog.go
		return out, err
	}
	a, err := b.bindExpr(x.Arg, ctx)
	if err != nil {
		return nil, err
	}
	t := x.Type.Type
	if t.ID == types.Unknown {
		return b.bindNamedCast(a, x)
	}
	if c, ok := a.(*plan.Const); ok && c.Typ.ID == types.Unknown {
		if c.Value == nil {
			return &plan.Const{Typ: t}, nil
		}
		text := c.Value.(string)
		if (t.ID == types.Char || t.ID == types.Varchar) && t.Width > 0 {
			// An explicit cast truncates to the declared length.
			if r := []rune(text); len(r) > t.Width {
				text = string(r[:t.Width])
			}
		}
		out, err := literalAs(text, t, x.Type.IntervalFields)
		if err != nil {
			return nil, withLoc(err, exprLoc(x.Arg))
		}
		return out, nil
	}
	if isUnknown(a) {
		return b.coerce(a, t)
	}
	if a.Type() == t && x.Type.IntervalFields == "" {
		return a, nil
	}
	if !b.reg.CanCast(a.Type(), t, true) && a.Type().ID != t.ID {
		return nil, errAt(sqlerr.Newf(sqlerr.CannotCoerce, "cannot cast type %s to %s", a.Type(), t), x.Loc)
	}
	return &plan.Cast{Arg: a, To: t, IntervalFields: x.Type.IntervalFields}, nil
}

func (b *Binder) bindCase(x *ast.CaseExpr, ctx *exprCtx) (plan.Expr, error) {
	var operand plan.Expr
	var err error
	if x.Arg != nil {
		if operand, err = b.bindExpr(x.Arg, ctx); err != nil {
			return nil, err
		}
	}
	out := &plan.Case{}
	var results []plan.Expr
	for _, w := range x.Whens {
		var cond plan.Expr
		if operand != nil {
			v, err := b.bindExpr(w.Cond, ctx)
			if err != nil {
				return nil, err
			}
			if cond, err = b.binary("=", operand, v, exprLoc(w.Cond)); err != nil {
				return nil, err
			}
		} else if cond, err = b.bindBool(w.Cond, ctx, "CASE/WHEN"); err != nil {
			return nil, err
		}
		res, err := b.bindExpr(w.Result, ctx)
		if err != nil {
			return nil, err
		}
		out.Whens = append(out.Whens, plan.When{Cond: cond})
		results = append(results, res)
	}
	if x.Else != nil {
		e, err := b.bindExpr(x.Else, ctx)
		if err != nil {
			return nil, err
		}
		results = append(results, e)
	}
	t, err := b.commonType(exprTypes(results), "CASE")
	if err != nil {
		return nil, errAt(sqlerr.From(err), x.Loc)
	}
	if results, err = b.coerceAll(results, t); err != nil {
		return nil, withLoc(err, x.Loc)
	}
	for i := range out.Whens {
		out.Whens[i].Then = results[i]
	}
	if x.Else != nil {
		out.Else = results[len(results)-1]
	}
	out.Typ = t
	return out, nil
}

// oidTypes are PostgreSQL's OID alias types: the engine carries them as BIGINT.
var oidTypes = map[string]bool{
	"oid": true, "regclass": true, "regtype": true, "regproc": true, "regprocedure": true,
	"regoper": true, "regoperator": true, "regnamespace": true, "regrole": true, "xid": true, "cid": true,
}

// bindNamedCast binds a cast to a type the engine does not have (catalog
// queries' ::oid, ::regclass): a registry function of the type's name when
// there is one (e.g. regclass('t') looks a relation up), else BIGINT for the
// OID types.
func (b *Binder) bindNamedCast(a plan.Expr, x *ast.CastExpr) (plan.Expr, error) {
	name := x.Type.Name
	if name != "" && !isNumericLike(a) {
		if out, err := b.call(name, []plan.Expr{a}, x.Loc); err == nil {
			return out, nil
		}
	}
	if oidTypes[name] {
		if isUnknown(a) || a.Type().IsNumeric() {
			return b.coerceCast(a, types.Int64Type, x.Loc)
		}
	}
	if name == "" {
		name = "unknown"
	}
	return nil, errAt(notSupported("type %s is not supported", name), x.Loc)
}

func isNumericLike(e plan.Expr) bool {
	if c, ok := e.(*plan.Const); ok && c.Typ.ID == types.Unknown {
		s, _ := c.Value.(string)
		if s == "" {
			return c.Value == nil
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	return e.Type().IsNumeric()
}

func (b *Binder) coerceCast(a plan.Expr, t types.T, loc int) (plan.Expr, error) {
	out, err := b.coerce(a, t)
	if err != nil {
		return nil, withLoc(err, loc)
	}
	return out, nil
}
