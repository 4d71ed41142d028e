package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Max1Row passes through the single row of a scalar subquery; a second row
// is an error, as in PostgreSQL.
type Max1Row struct {
	input Operator
	done  bool
}

var _ Operator = (*Max1Row)(nil)

// NewMax1Row passes through at most one row; a second row fails with 21000.
func NewMax1Row(input Operator) Operator { return &Max1Row{input: input} }

// Types implements Operator.
func (m *Max1Row) Types() []types.T { return m.input.Types() }

// Open implements Operator.
func (m *Max1Row) Open(ctx context.Context) error { return m.input.Open(ctx) }

// Next reads the whole input (a second row must fail even when it comes in a
// later batch) and returns its row, if any.
func (m *Max1Row) Next(ctx context.Context) (*vector.Batch, error) {
	if m.done {
		return nil, nil
	}
	var row *vector.Batch
	for {
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		b, err := m.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		if b == nil {
			break
		}
		if b.N == 0 {
			continue
		}
		if row != nil || b.N > 1 {
			return nil, sqlerr.Newf(sqlerr.CardinalityViolation, "more than one row returned by a subquery used as an expression")
		}
		row = b
	}
	m.done = true
	return row, nil
}

// Close implements Operator.
func (m *Max1Row) Close() error { return m.input.Close() }
