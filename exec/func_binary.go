package exec

import (
	"sync"

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
	a, b   Expr
	t      types.T
	k      binKernel
	cmp    bool           // a comparison: never fails (see safeExpr)
	ca, cb *vector.Vector // one-row vectors of constant operands, read-only
	// spare holds output vectors a parent binExpr handed back once it had
	// consumed them, so intermediate results of an expression tree reuse
	// their memory batch after batch. A sync.Pool, as an Expr may be
	// evaluated by several goroutines at once.
	spare sync.Pool
}

func newBinExpr(a, b Expr, t types.T, k binKernel) *binExpr {
	e := &binExpr{a: a, b: b, t: t, k: k}
	if c, ok := a.(*constExpr); ok {
		e.ca = constVector(c.t, c.v, 1)
	}
	if c, ok := b.(*constExpr); ok {
		e.cb = constVector(c.t, c.v, 1)
	}
	return e
}

func binaryOp(k binKernel) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		return newBinExpr(args[0], args[1], ret, k), nil
	}
}

func (e *binExpr) Type() types.T { return e.t }

// operand evaluates x, returning a one-row vector and mask 0 for constants.
func evalOperand(ec *EvalContext, x Expr, c *vector.Vector, in *vector.Batch) (*vector.Vector, int, error) {
	if c != nil {
		return c, 0, nil
	}
	if c, ok := x.(*constExpr); ok {
		return constVector(c.t, c.v, 1), 0, nil
	}
	v, err := x.Eval(ec, in)
	return v, -1, err
}

func (e *binExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	a, ma, err := evalOperand(ec, e.a, e.ca, in)
	if err != nil {
		return nil, err
	}
	b, mb, err := evalOperand(ec, e.b, e.cb, in)
	if err != nil {
		return nil, err
	}
	if operandNull(a, ma) || operandNull(b, mb) {
		return constVector(e.t, nil, n), nil
	}
	if ma == 0 && mb == 0 {
		// const op const (constant folding off): compute one row, then
		// broadcast it, since kernels assume a vector operand has n rows.
		one := vector.New(e.t, 1)
		if err := e.k(ec, a, b, 0, 0, one, 1); err != nil {
			return nil, err
		}
		return constVector(e.t, one.Get(0), n), nil
	}
	out, reused := e.newOut(n)
	switch {
	case ma != 0 && mb != 0:
		out.Nulls = unionNulls([]*vector.Vector{a, b}, n)
	case ma != 0:
		out.Nulls = unionNulls([]*vector.Vector{a}, n)
	case mb != 0:
		out.Nulls = unionNulls([]*vector.Vector{b}, n)
	}
	if reused && out.Nulls != nil {
		clearValues(out) // kernels may skip NULL rows: leave them zero
	}
	if err := e.k(ec, a, b, ma, mb, out, n); err != nil {
		return nil, err
	}
	// The operands' vectors are dead now: hand intermediate results back.
	if ma != 0 {
		recycleVector(e.a, a)
	}
	if mb != 0 {
		recycleVector(e.b, b)
	}
	return out, nil
}

// recycleVector takes back a vector this expression returned once its
// consumer is done with it.
func (e *binExpr) recycleVector(v *vector.Vector) { e.spare.Put(v) }

// newOut returns an output vector of n rows, reusing a spare one when it
// has room; reused reports that its values may be stale.
func (e *binExpr) newOut(n int) (out *vector.Vector, reused bool) {
	if v, ok := e.spare.Get().(*vector.Vector); ok && v.Type == e.t && regrow(v, n) {
		v.Nulls = nil
		return v, true
	}
	return vector.New(e.t, n), false
}

// regrow resizes v to n rows within its capacity, reporting false when it
// has no room (or is of a kind without values).
func regrow(v *vector.Vector, n int) bool {
	switch v.Type.Physical() {
	case types.PhysBool:
		if cap(v.Bools) < n {
			return false
		}
		v.Bools = v.Bools[:n]
	case types.PhysInt64:
		if cap(v.Ints) < n {
			return false
		}
		v.Ints = v.Ints[:n]
	case types.PhysFloat64:
		if cap(v.Floats) < n {
			return false
		}
		v.Floats = v.Floats[:n]
	case types.PhysDecimal128:
		if cap(v.Decs) < n {
			return false
		}
		v.Decs = v.Decs[:n]
	case types.PhysString:
		if cap(v.Strs) < n {
			return false
		}
		v.Strs = v.Strs[:n]
	case types.PhysInterval:
		if cap(v.Ivs) < n {
			return false
		}
		v.Ivs = v.Ivs[:n]
	default:
		return false
	}
	v.Truncate(n)
	return true
}

// clearValues zeroes v's values.
func clearValues(v *vector.Vector) {
	clear(v.Bools)
	clear(v.Ints)
	clear(v.Floats)
	clear(v.Decs)
	clear(v.Strs)
	clear(v.Ivs)
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
