package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// projectOp computes one output column per expression.
type projectOp struct {
	ec    *EvalContext
	input Operator
	exprs []Expr
	ts    []types.T
	// The last input batch and the batch computed from it (see recycle).
	lastIn, lastOut *vector.Batch
}

// NewProject computes exprs over each input batch.
func NewProject(ec *EvalContext, input Operator, exprs []Expr) Operator {
	ts := make([]types.T, len(exprs))
	for i, e := range exprs {
		ts[i] = e.Type()
	}
	return &projectOp{ec: ec, input: input, exprs: exprs, ts: ts}
}

func (p *projectOp) Types() []types.T               { return p.ts }
func (p *projectOp) Open(ctx context.Context) error { return p.input.Open(ctx) }
func (p *projectOp) Close() error                   { return p.input.Close() }

func (p *projectOp) Next(ctx context.Context) (*vector.Batch, error) {
	for {
		if ctx.Err() != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		b, err := p.input.Next(ctx)
		if err != nil || b == nil {
			return nil, err
		}
		if b.N == 0 {
			continue
		}
		out := &vector.Batch{Cols: make([]*vector.Vector, len(p.exprs)), N: b.N}
		for i, e := range p.exprs {
			v, err := e.Eval(p.ec, b)
			if err != nil {
				return nil, err
			}
			out.Cols[i] = v
		}
		p.lastIn, p.lastOut = b, out
		return out, nil
	}
}

// recycle takes back the last batch returned: vectors computed by binary
// operators go back to their expressions, and the input batch (whose
// vectors the output may share) to the input.
func (p *projectOp) recycle(b *vector.Batch) {
	if b != p.lastOut {
		return
	}
	for i, e := range p.exprs {
		if i < len(b.Cols) {
			recycleVector(e, b.Cols[i])
		}
	}
	recycleBatch(p.input, p.lastIn)
	p.lastIn, p.lastOut = nil, nil
}
