package exec

import (
	"context"
	"slices"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// filterOp keeps the rows where pred is TRUE, compacting each batch.
type filterOp struct {
	ec    *EvalContext
	input Operator
	pred  Expr
	sel   []int32
	// The batch the last Next returned: a compacted copy (lastOut) or the
	// input batch itself (lastPass); see recycle.
	lastOut, lastPass *vector.Batch
	spare             *vector.Batch // a handed-back copy whose vectors gather reuses
}

// NewFilter keeps the rows where pred is TRUE.
func NewFilter(ec *EvalContext, input Operator, pred Expr) Operator {
	return &filterOp{ec: ec, input: input, pred: pred}
}

func (f *filterOp) Types() []types.T               { return f.input.Types() }
func (f *filterOp) Open(ctx context.Context) error { return f.input.Open(ctx) }
func (f *filterOp) Close() error                   { return f.input.Close() }

func (f *filterOp) Next(ctx context.Context) (*vector.Batch, error) {
	for {
		if ctx.Err() != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		b, err := f.input.Next(ctx)
		if err != nil || b == nil {
			return nil, err
		}
		if b.N == 0 {
			continue
		}
		v, err := f.pred.Eval(f.ec, b)
		if err != nil {
			return nil, err
		}
		sel := selectTrue(v, b.N, f.sel[:0])
		f.sel = sel
		recycleVector(f.pred, v)
		switch len(sel) {
		case 0:
			continue
		case b.N:
			f.lastOut, f.lastPass = nil, b
			return b, nil
		}
		out := &vector.Batch{Cols: make([]*vector.Vector, len(b.Cols)), N: len(sel)}
		sp := f.spare
		f.spare = nil
		for i, c := range b.Cols {
			var dst *vector.Vector
			if sp != nil && i < len(sp.Cols) {
				dst = sp.Cols[i]
			}
			out.Cols[i] = gatherInto(dst, c, sel)
		}
		f.lastOut, f.lastPass = out, nil
		return out, nil
	}
}

// recycle takes back the last batch returned: a compacted copy is kept for
// the next gather; the input batch passed through is handed to the input.
func (f *filterOp) recycle(b *vector.Batch) {
	switch b {
	case f.lastOut:
		f.spare = b
	case f.lastPass:
		recycleBatch(f.input, b)
	}
	f.lastOut, f.lastPass = nil, nil
}

// selectTrue appends to sel the rows where v is TRUE (not NULL).
func selectTrue(v *vector.Vector, n int, sel []int32) []int32 {
	if v.Bools == nil {
		return sel
	}
	bs := v.Bools[:n]
	if v.Nulls == nil {
		// Branch-free: write every index, advance only past TRUE rows, so
		// mixed predicates cost no branch mispredictions.
		base := len(sel)
		sel = slices.Grow(sel, n)[:base+n]
		out := sel[base:]
		k := 0
		for i, b := range bs {
			out[k] = int32(i)
			if b {
				k++
			}
		}
		return sel[:base+k]
	}
	for i, b := range bs {
		if b && !v.Nulls.IsNull(i) {
			sel = append(sel, int32(i))
		}
	}
	return sel
}
