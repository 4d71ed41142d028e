package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// caseExpr is a searched CASE. Each THEN/ELSE arm runs only over the rows
// that reach it (gathered, evaluated, scattered back), so an arm guarded by
// its condition never raises errors for rows it does not own.
type caseExpr struct {
	whens []WhenExpr
	els   Expr
	t     types.T
}

// NewCase is a searched CASE; each arm is evaluated only on rows that reach it.
func NewCase(whens []WhenExpr, els Expr, t types.T) Expr {
	return &caseExpr{whens: whens, els: els, t: t}
}

func (e *caseExpr) Type() types.T { return e.t }

func (e *caseExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	out := constVector(e.t, nil, n) // rows no arm reaches stay NULL
	var sel []int32                 // rows still undecided (nil: all)
	for _, w := range e.whens {
		sub := in
		if sel != nil {
			if len(sel) == 0 {
				return out, nil
			}
			sub = in.Gather(sel)
		}
		c, err := w.Cond.Eval(ec, sub)
		if err != nil {
			return nil, err
		}
		hit := make([]int32, 0, sub.N)  // positions in sub
		rest := make([]int32, 0, sub.N) // original row numbers
		for j := 0; j < sub.N; j++ {
			if c.Bools != nil && c.Bools[j] && rowValid(c.Nulls, j) {
				hit = append(hit, int32(j))
			} else {
				rest = append(rest, selRow(sel, j))
			}
		}
		if len(hit) > 0 {
			var arm *vector.Batch
			if len(hit) == sub.N {
				arm = sub
			} else {
				arm = sub.Gather(hit)
			}
			v, err := w.Then.Eval(ec, arm)
			if err != nil {
				return nil, err
			}
			dst := hit
			if sel != nil {
				dst = make([]int32, len(hit))
				for k, h := range hit {
					dst[k] = sel[h]
				}
			}
			scatterRows(out, v, dst)
		}
		sel = rest
	}
	if e.els != nil && (sel == nil || len(sel) > 0) {
		sub := in
		if sel != nil {
			sub = in.Gather(sel)
		}
		v, err := e.els.Eval(ec, sub)
		if err != nil {
			return nil, err
		}
		if sel == nil {
			sel = selAll(n)
		}
		scatterRows(out, v, sel)
	}
	return out, nil
}

func selRow(sel []int32, j int) int32 {
	if sel == nil {
		return int32(j)
	}
	return sel[j]
}

func selAll(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// scatter writes row k of src to row dst[k] of out (same physical kind),
// copying NULLs; out's rows start NULL.
func scatterRows(out, src *vector.Vector, dst []int32) {
	if src.Type.Physical() != out.Type.Physical() {
		return // src is an all-NULL Unknown vector: rows stay NULL
	}
	switch out.Type.Physical() {
	case types.PhysBool:
		scatterSlice(out.Bools, src.Bools, dst)
	case types.PhysInt64:
		scatterSlice(out.Ints, src.Ints, dst)
	case types.PhysFloat64:
		scatterSlice(out.Floats, src.Floats, dst)
	case types.PhysDecimal128:
		scatterSlice(out.Decs, src.Decs, dst)
	case types.PhysString:
		scatterSlice(out.Strs, src.Strs, dst)
	case types.PhysInterval:
		scatterSlice(out.Ivs, src.Ivs, dst)
	default:
		return
	}
	for k, d := range dst {
		if rowValid(src.Nulls, k) {
			out.Nulls.SetValid(int(d))
		}
	}
}

func scatterSlice[T any](out, src []T, dst []int32) {
	for k, d := range dst {
		out[d] = src[k]
	}
}
