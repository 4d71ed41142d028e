package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NewBatches yields prepared batches (system tables, tests). Empty batches are
// skipped; each batch is handed out once.
func NewBatches(ts []types.T, batches []*vector.Batch) Operator {
	return &batchesOp{ts: ts, batches: batches}
}

type batchesOp struct {
	ts      []types.T
	batches []*vector.Batch
	i       int
}

func (b *batchesOp) Types() []types.T               { return b.ts }
func (b *batchesOp) Open(ctx context.Context) error { return nil }
func (b *batchesOp) Close() error                   { return nil }

func (b *batchesOp) Next(ctx context.Context) (*vector.Batch, error) {
	if ctx.Err() != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	for b.i < len(b.batches) {
		out := b.batches[b.i]
		b.batches[b.i] = nil
		b.i++
		if out != nil && out.N > 0 {
			return out, nil
		}
	}
	return nil, nil
}
