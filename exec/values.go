package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Values yields constant rows, evaluated once at Open.
type Values struct {
	ec      *EvalContext
	ts      []types.T
	rows    [][]Expr
	batches []*vector.Batch
}

var _ Operator = (*Values)(nil)

// NewValues yields constant rows, evaluated at Open.
func NewValues(ec *EvalContext, ts []types.T, rows [][]Expr) Operator {
	return &Values{ec: ec, ts: ts, rows: rows}
}

// Types implements Operator.
func (v *Values) Types() []types.T { return v.ts }

// Open evaluates every expression over a one-row batch with no columns.
func (v *Values) Open(ctx context.Context) error {
	size := v.ec.Size()
	one := &vector.Batch{N: 1}
	v.batches = nil
	for start := 0; start < len(v.rows); start += size {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		chunk := v.rows[start:min(start+size, len(v.rows))]
		b := &vector.Batch{Cols: make([]*vector.Vector, len(v.ts)), N: len(chunk)}
		for c, t := range v.ts {
			b.Cols[c] = vector.NewWithCap(t, len(chunk))
		}
		for _, row := range chunk {
			if len(row) != len(v.ts) {
				return sqlerr.Newf(sqlerr.SyntaxError, "VALUES lists must all be the same length")
			}
			for c, e := range row {
				r, err := e.Eval(v.ec, one)
				if err != nil {
					return err
				}
				dst := b.Cols[c]
				switch {
				case r.IsNull(0) || r.Type.Physical() == types.PhysNull:
					dst.Append(nil)
				case r.Type.Physical() == dst.Type.Physical():
					dst.AppendRow(r, 0)
				default:
					return sqlerr.Newf(sqlerr.DatatypeMismatch, "VALUES column %d is of type %s but expression is of type %s", c+1, dst.Type, r.Type)
				}
			}
		}
		v.batches = append(v.batches, b)
	}
	return nil
}

// Next implements Operator.
func (v *Values) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if len(v.batches) == 0 {
		return nil, nil
	}
	b := v.batches[0]
	v.batches = v.batches[1:]
	return b, nil
}

// Close implements Operator.
func (v *Values) Close() error {
	v.batches = nil
	return nil
}
