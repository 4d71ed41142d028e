package physical

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
)

// CompileExpr turns a bound expression into an exec.Expr over batches whose
// columns are in, resolving each ColRef to its position in in.
func CompileExpr(e plan.Expr, in plan.Schema) (exec.Expr, error) {
	switch x := e.(type) {
	case *plan.ColRef:
		i := in.IndexOf(x.ID)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.InternalError, "physical: column %s (#%d) not in input", x.Name, x.ID)
		}
		return exec.NewColRef(i, in[i].Type), nil
	case *plan.Const:
		return exec.NewConst(x.Value, x.Typ), nil
	case *plan.Param:
		return exec.NewParam(x.Index, x.Typ), nil
	case *plan.Call:
		args, err := CompileExprs(x.Args, in)
		if err != nil {
			return nil, err
		}
		return exec.NewCall(x.Name, args)
	case *plan.Cast:
		arg, err := CompileExpr(x.Arg, in)
		if err != nil {
			return nil, err
		}
		return exec.NewCast(arg, x.To, x.IntervalFields)
	case *plan.BoolOp:
		args, err := CompileExprs(x.Args, in)
		if err != nil {
			return nil, err
		}
		if x.Op == plan.OpAnd {
			return exec.NewAnd(args), nil
		}
		return exec.NewOr(args), nil
	case *plan.Not:
		arg, err := CompileExpr(x.Arg, in)
		if err != nil {
			return nil, err
		}
		return exec.NewNot(arg), nil
	case *plan.IsNull:
		arg, err := CompileExpr(x.Arg, in)
		if err != nil {
			return nil, err
		}
		return exec.NewIsNull(arg, x.Neg), nil
	case *plan.Case:
		whens := make([]exec.WhenExpr, len(x.Whens))
		for i, w := range x.Whens {
			c, err := CompileExpr(w.Cond, in)
			if err != nil {
				return nil, err
			}
			t, err := CompileExpr(w.Then, in)
			if err != nil {
				return nil, err
			}
			whens[i] = exec.WhenExpr{Cond: c, Then: t}
		}
		var els exec.Expr
		if x.Else != nil {
			var err error
			if els, err = CompileExpr(x.Else, in); err != nil {
				return nil, err
			}
		}
		return exec.NewCase(whens, els, x.Typ), nil
	case *plan.InList:
		arg, err := CompileExpr(x.Arg, in)
		if err != nil {
			return nil, err
		}
		list, err := CompileExprs(x.List, in)
		if err != nil {
			return nil, err
		}
		return exec.NewInList(arg, list, x.Neg)
	case *plan.Subquery:
		return nil, sqlerr.Newf(sqlerr.InternalError, "physical: subquery survived binding")
	case nil:
		return nil, sqlerr.Newf(sqlerr.InternalError, "physical: nil expression")
	}
	return nil, sqlerr.Newf(sqlerr.InternalError, "physical: unknown expression %T", e)
}

// CompileExprs compiles each of es over in.
func CompileExprs(es []plan.Expr, in plan.Schema) ([]exec.Expr, error) {
	out := make([]exec.Expr, len(es))
	for i, e := range es {
		c, err := CompileExpr(e, in)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}
