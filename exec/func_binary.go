package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// binKernel computes a binary operator. A constant operand arrives as a
// one-row vector with mask 0 (others have mask -1), so kernels read a[i&ma]
// and need no separate vector/constant loops. out.Nulls already holds the
// union of the operands' NULLs; NULL rows must not raise errors.
type binKernel func(ec *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error

// binExpr is a strict binary operator with constant operands kept unexpanded.
type binExpr struct {
	a, b Expr
	t    types.T
	k    binKernel
}

func binaryOp(k binKernel) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		return &binExpr{a: args[0], b: args[1], t: ret, k: k}, nil
	}
}

func (e *binExpr) Type() types.T { return e.t }

// operand evaluates x, returning a one-row vector and mask 0 for constants.
func evalOperand(ec *EvalContext, x Expr, in *vector.Batch) (*vector.Vector, int, error) {
	if c, ok := x.(*constExpr); ok {
		return constVector(c.t, c.v, 1), 0, nil
	}
	v, err := x.Eval(ec, in)
	return v, -1, err
}

func (e *binExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	a, ma, err := evalOperand(ec, e.a, in)
	if err != nil {
		return nil, err
	}
	b, mb, err := evalOperand(ec, e.b, in)
	if err != nil {
		return nil, err
	}
	if operandNull(a, ma) || operandNull(b, mb) {
		return constVector(e.t, nil, n), nil
	}
	out := vector.New(e.t, n)
	switch {
	case ma != 0 && mb != 0:
		out.Nulls = unionNulls([]*vector.Vector{a, b}, n)
	case ma != 0:
		out.Nulls = unionNulls([]*vector.Vector{a}, n)
	case mb != 0:
		out.Nulls = unionNulls([]*vector.Vector{b}, n)
	}
	if err := e.k(ec, a, b, ma, mb, out, n); err != nil {
		return nil, err
	}
	return out, nil
}

// operandNull reports a constant NULL operand or an Unknown-typed (all NULL) vector.
func operandNull(v *vector.Vector, mask int) bool {
	if v.Type.Physical() == types.PhysNull {
		return true
	}
	return mask == 0 && v.Nulls.IsNull(0)
}

// unaryExpr is a strict one-argument kernel over a vector.
type unaryKernel func(ec *EvalContext, a *vector.Vector, out *vector.Vector, n int) error

func unaryOp(k unaryKernel) builder {
	return strictFn(func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		return k(ec, args[0], out, n)
	})
}
