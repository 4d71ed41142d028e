package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// boolExpr is AND/OR with three-valued logic. Later arguments are evaluated
// only on rows the earlier ones left undecided, so `b <> 0 AND a / b > 1`
// never divides by zero.
type boolExpr struct {
	and  bool
	args []Expr
}

// NewAnd is three-valued AND.
func NewAnd(args []Expr) Expr { return &boolExpr{and: true, args: args} }

// NewOr is three-valued OR.
func NewOr(args []Expr) Expr { return &boolExpr{and: false, args: args} }

func (e *boolExpr) Type() types.T { return types.BoolType }

func (e *boolExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	out := vector.New(types.BoolType, n)
	// Rows still undecided: all at first (sel == nil).
	var sel []int32
	var sawNull vector.Bitmap
	done := make([]bool, n)
	decided := !e.and // the value that decides a row: FALSE for AND, TRUE for OR
	for k, a := range e.args {
		sub := in
		if sel != nil {
			if len(sel) == 0 {
				break
			}
			sub = in.Gather(sel)
		}
		v, err := a.Eval(ec, sub)
		if err != nil {
			return nil, err
		}
		last := k == len(e.args)-1
		var next []int32
		if !last {
			next = make([]int32, 0, sub.N)
		}
		for j := 0; j < sub.N; j++ {
			row := j
			if sel != nil {
				row = int(sel[j])
			}
			if v.Nulls != nil && v.Nulls.IsNull(j) {
				if sawNull == nil {
					sawNull = vector.NewBitmap(n)
				}
				sawNull.SetNull(row)
			} else if boolAt(v, j) == decided {
				out.Bools[row] = decided
				done[row] = true
				continue
			}
			if !last {
				next = append(next, int32(row))
			}
		}
		if !last {
			sel = next
		}
	}
	// Undecided rows are TRUE for AND (FALSE for OR) unless some argument was NULL.
	for i := 0; i < n; i++ {
		if done[i] {
			continue
		}
		if sawNull.IsNull(i) {
			out.SetNull(i)
		} else {
			out.Bools[i] = !decided
		}
	}
	return out, nil
}

func boolAt(v *vector.Vector, j int) bool {
	if v.Bools == nil {
		return false
	}
	return v.Bools[j]
}

type notExpr struct{ arg Expr }

// NewNot is three-valued NOT.
func NewNot(arg Expr) Expr { return &notExpr{arg: arg} }

func (e *notExpr) Type() types.T { return types.BoolType }

func (e *notExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := e.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(types.BoolType, in.N)
	if v.Bools == nil { // all NULL
		out.Nulls = unionNulls([]*vector.Vector{constVector(types.BoolType, nil, in.N)}, in.N)
		return out, nil
	}
	for i, b := range v.Bools[:in.N] {
		out.Bools[i] = !b
	}
	out.Nulls = unionNulls([]*vector.Vector{v}, in.N)
	return out, nil
}

type isNullExpr struct {
	arg Expr
	neg bool
}

// NewIsNull is IS [NOT] NULL.
func NewIsNull(arg Expr, neg bool) Expr { return &isNullExpr{arg: arg, neg: neg} }

func (e *isNullExpr) Type() types.T { return types.BoolType }

func (e *isNullExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := e.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(types.BoolType, in.N)
	for i := 0; i < in.N; i++ {
		out.Bools[i] = v.Nulls.IsNull(i) != e.neg
	}
	return out, nil
}
