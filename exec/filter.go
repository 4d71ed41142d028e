package exec

import (
	"context"

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
		switch len(sel) {
		case 0:
			continue
		case b.N:
			return b, nil
		}
		return b.Gather(sel), nil
	}
}

// selectTrue appends to sel the rows where v is TRUE (not NULL).
func selectTrue(v *vector.Vector, n int, sel []int32) []int32 {
	if v.Bools == nil {
		return sel
	}
	bs := v.Bools[:n]
	if v.Nulls == nil {
		for i, b := range bs {
			if b {
				sel = append(sel, int32(i))
			}
		}
		return sel
	}
	for i, b := range bs {
		if b && !v.Nulls.IsNull(i) {
			sel = append(sel, int32(i))
		}
	}
	return sel
}
