package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// rowTag names the internal Call that holds a row constructor's fields while
// binding; it never leaves the binder.
const rowTag = "\x00row"

func isRowCall(e ast.Expr) (*ast.FuncCall, bool) {
	f, ok := e.(*ast.FuncCall)
	return f, ok && f.Name == "row" && f.Over == nil && !f.Star
}

// bindRowTest binds the left side of `(a, b) IN (SELECT ...)`.
func (b *Binder) bindRowTest(f *ast.FuncCall, ctx *exprCtx, width int, loc int) (plan.Expr, error) {
	if len(f.Args) != width {
		msg := "subquery has too many columns"
		if len(f.Args) > width {
			msg = "subquery has too few columns"
		}
		return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "%s", msg), loc)
	}
	args, err := b.bindExprs(f.Args, ctx)
	if err != nil {
		return nil, err
	}
	return &plan.Call{Name: rowTag, Args: args}, nil
}

// compareTest builds `test op col` for a subquery comparison; a row test
// compares field by field (= is AND of =, <> is OR of <>).
func (b *Binder) compareTest(op string, test plan.Expr, cols plan.Schema, loc int) (plan.Expr, error) {
	ref := func(i int) plan.Expr {
		c := cols[i]
		return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
	}
	row, ok := test.(*plan.Call)
	if !ok || row.Name != rowTag {
		return b.binary(op, test, ref(0), loc)
	}
	if op != "=" && op != "<>" {
		return nil, errAt(notSupported("row comparison with %s is not supported", op), loc)
	}
	var parts []plan.Expr
	for i, a := range row.Args {
		if isUnknown(a) {
			var err error
			if a, err = b.coerce(a, cols[i].Type); err != nil {
				return nil, withLoc(err, loc)
			}
		}
		c, err := b.binary(op, a, ref(i), loc)
		if err != nil {
			return nil, err
		}
		parts = append(parts, c)
	}
	if op == "=" {
		return plan.AndOf(parts), nil
	}
	return flatten(plan.OpOr, parts), nil
}

// bindRowCompare binds `(a, b) = (c, d)` and `<>` field by field.
func (b *Binder) bindRowCompare(x *ast.BinaryExpr, l, r *ast.FuncCall, ctx *exprCtx) (plan.Expr, error) {
	if len(l.Args) != len(r.Args) {
		return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "unequal number of entries in row expressions"), x.Loc)
	}
	if x.Op != "=" && x.Op != "<>" {
		return nil, errAt(notSupported("row comparison with %s is not supported", x.Op), x.Loc)
	}
	var parts []plan.Expr
	for i := range l.Args {
		le, err := b.bindExpr(l.Args[i], ctx)
		if err != nil {
			return nil, err
		}
		re, err := b.bindExpr(r.Args[i], ctx)
		if err != nil {
			return nil, err
		}
		c, err := b.binary(x.Op, le, re, x.Loc)
		if err != nil {
			return nil, err
		}
		parts = append(parts, c)
	}
	if x.Op == "=" {
		return plan.AndOf(parts), nil
	}
	return flatten(plan.OpOr, parts), nil
}
