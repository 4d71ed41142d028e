package exectest

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Small Exprs for operator tests, independent of the real expression compiler.

type rowFunc struct {
	t types.T
	f func(row []types.Datum) types.Datum
}

// RowFunc is an Expr of type t computing f over each input row (slow; tests only).
func RowFunc(t types.T, f func(row []types.Datum) types.Datum) exec.Expr { return rowFunc{t, f} }

func (e rowFunc) Type() types.T { return e.t }

func (e rowFunc) Eval(ec *exec.EvalContext, in *vector.Batch) (*vector.Vector, error) {
	out := vector.NewWithCap(e.t, in.N)
	for i := 0; i < in.N; i++ {
		row := make([]types.Datum, len(in.Cols))
		for c, v := range in.Cols {
			row[c] = v.Get(i)
		}
		out.Append(e.f(row))
	}
	return out, nil
}

// Const is a constant Expr.
func Const(d types.Datum, t types.T) exec.Expr {
	if x, ok := d.(int); ok {
		d = int64(x)
	}
	return RowFunc(t, func([]types.Datum) types.Datum { return d })
}

// Col reads column idx.
func Col(idx int, t types.T) exec.Expr {
	return RowFunc(t, func(r []types.Datum) types.Datum { return r[idx] })
}

// Cmp is a BOOLEAN comparison of columns a and b with SQL NULL semantics:
// op is one of "=", "<>", "<", "<=", ">", ">=".
func Cmp(a int, op string, b int) exec.Expr {
	return cmpExpr{a, b, op}
}

type cmpExpr struct {
	a, b int
	op   string
}

func (e cmpExpr) Type() types.T { return types.BoolType }

func (e cmpExpr) Eval(ec *exec.EvalContext, in *vector.Batch) (*vector.Vector, error) {
	out := vector.New(types.BoolType, in.N)
	av, bv := in.Cols[e.a], in.Cols[e.b]
	for i := 0; i < in.N; i++ {
		if av.IsNull(i) || bv.IsNull(i) {
			out.SetNull(i)
			continue
		}
		c := exec.CompareValues(av, i, bv, i, false, false)
		var r bool
		switch e.op {
		case "=":
			r = c == 0
		case "<>":
			r = c != 0
		case "<":
			r = c < 0
		case "<=":
			r = c <= 0
		case ">":
			r = c > 0
		case ">=":
			r = c >= 0
		}
		out.Bools[i] = r
	}
	return out, nil
}
