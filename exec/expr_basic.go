package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// WhenExpr is one arm of a compiled searched CASE.
type WhenExpr struct{ Cond, Then Expr }

type colRef struct {
	idx int
	t   types.T
}

// NewColRef reads input column idx.
func NewColRef(idx int, t types.T) Expr { return &colRef{idx: idx, t: t} }

func (c *colRef) Type() types.T { return c.t }

func (c *colRef) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	if c.idx < 0 || c.idx >= len(in.Cols) {
		return nil, sqlerr.Newf(sqlerr.InternalError, "column index %d out of range (%d columns)", c.idx, len(in.Cols))
	}
	return in.Cols[c.idx], nil
}

type constExpr struct {
	v types.Datum
	t types.T
}

// NewConst is a constant (v is a types.Datum of t's physical kind, or nil).
// An Unknown-typed string literal is treated as TEXT.
func NewConst(v types.Datum, t types.T) Expr {
	if t.ID == types.Unknown {
		if _, ok := v.(string); ok {
			t = types.TextType
		}
	}
	return &constExpr{v: v, t: t}
}

func (c *constExpr) Type() types.T { return c.t }

func (c *constExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	return constVector(c.t, c.v, in.N), nil
}

// constVector returns n copies of d (nil: NULL) as a vector of type t.
func constVector(t types.T, d types.Datum, n int) *vector.Vector {
	v := vector.New(t, n)
	if d == nil {
		if t.Physical() != types.PhysNull {
			v.Nulls = vector.NewBitmap(n)
			for i := range v.Nulls {
				v.Nulls[i] = ^uint64(0)
			}
		}
		return v
	}
	switch x := d.(type) {
	case bool:
		fillAll(v.Bools, x)
	case int64:
		fillAll(v.Ints, x)
	case float64:
		fillAll(v.Floats, x)
	case types.Decimal128:
		fillAll(v.Decs, x)
	case string:
		fillAll(v.Strs, x)
	case types.IntervalValue:
		fillAll(v.Ivs, x)
	}
	return v
}

func fillAll[T any](s []T, x T) {
	for i := range s {
		s[i] = x
	}
}

type paramExpr struct {
	idx int
	t   types.T
}

// NewParam reads statement parameter idx (0-based) from EvalContext.Params.
func NewParam(idx int, t types.T) Expr { return &paramExpr{idx: idx, t: t} }

func (p *paramExpr) Type() types.T { return p.t }

func (p *paramExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	if ec == nil || p.idx >= len(ec.Params) {
		return nil, sqlerr.Newf(sqlerr.UndefinedParameter, "there is no parameter $%d", p.idx+1)
	}
	return constVector(p.t, ec.Params[p.idx], in.N), nil
}

// EvalConst evaluates an expression that reads no columns.
func EvalConst(ec *EvalContext, e Expr) (types.Datum, error) {
	if c, ok := e.(*constExpr); ok {
		return c.v, nil
	}
	v, err := e.Eval(ec, &vector.Batch{N: 1})
	if err != nil {
		return nil, err
	}
	return v.Get(0), nil
}

// constValue reports whether e is a constant (a literal, or a parameter that
// cannot be resolved here) and its value.
func constValue(e Expr) (types.Datum, bool) {
	if c, ok := e.(*constExpr); ok {
		return c.v, true
	}
	return nil, false
}

// allValid reports whether row i of a NULL bitmap is valid.
func rowValid(nulls vector.Bitmap, i int) bool { return nulls == nil || !nulls.IsNull(i) }

// evalArgs evaluates exprs over in.
func evalArgs(ec *EvalContext, args []Expr, in *vector.Batch) ([]*vector.Vector, error) {
	out := make([]*vector.Vector, len(args))
	for i, a := range args {
		v, err := a.Eval(ec, in)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// unionNulls returns a fresh bitmap with the NULL rows of every vector (nil when none).
func unionNulls(vs []*vector.Vector, n int) vector.Bitmap {
	var out vector.Bitmap
	for _, v := range vs {
		if v.Nulls == nil || !v.Nulls.Any(n) {
			continue
		}
		if out == nil {
			out = vector.NewBitmap(n)
		}
		w := len(out)
		for i := 0; i < w && i < len(v.Nulls); i++ {
			out[i] |= v.Nulls[i]
		}
	}
	if out != nil && n&63 != 0 {
		out[len(out)-1] &= 1<<(uint(n)&63) - 1
	}
	return out
}
