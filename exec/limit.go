package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Limit skips offset rows, then passes at most limit rows.
type Limit struct {
	input         Operator
	limit, offset int64 // limit < 0: unlimited
	done          bool
}

var _ Operator = (*Limit)(nil)

// NewLimit skips offset rows and then passes at most limit rows (limit < 0: no limit).
func NewLimit(input Operator, limit, offset int64) Operator {
	return &Limit{input: input, limit: limit, offset: max(offset, 0)}
}

// Types implements Operator.
func (l *Limit) Types() []types.T { return l.input.Types() }

// Open implements Operator.
func (l *Limit) Open(ctx context.Context) error { return l.input.Open(ctx) }

// Next implements Operator.
func (l *Limit) Next(ctx context.Context) (*vector.Batch, error) {
	for !l.done {
		if l.limit == 0 {
			// Stop pulling: the input may be expensive or unbounded.
			l.done = true
			return nil, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		b, err := l.input.Next(ctx)
		if err != nil || b == nil {
			l.done = b == nil && err == nil
			return nil, err
		}
		from := 0
		if l.offset > 0 {
			if int64(b.N) <= l.offset {
				l.offset -= int64(b.N)
				continue
			}
			from = int(l.offset)
			l.offset = 0
		}
		to := b.N
		if l.limit >= 0 && int64(to-from) > l.limit {
			to = from + int(l.limit)
		}
		if l.limit > 0 {
			l.limit -= int64(to - from)
		}
		if from == 0 && to == b.N {
			return b, nil
		}
		return b.Slice(from, to), nil
	}
	return nil, nil
}

// Close implements Operator.
func (l *Limit) Close() error { return l.input.Close() }
