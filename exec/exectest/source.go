// Package exectest is a harness for operator tests: sources built from rows,
// draining operators into rows, small Exprs, and Run, which checks an operator
// at several batch sizes.
package exectest

import (
	"context"
	"fmt"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Source is an Operator yielding fixed rows in batches of a given size. It
// records whether it was opened and closed, and can fail with Err after
// FailAfter batches.
type Source struct {
	ts        []types.T
	rows      [][]types.Datum
	size      int
	pos       int
	batches   int
	Opened    bool
	Closed    int
	Err       error // returned by Next once FailAfter batches were yielded
	FailAfter int
}

var _ exec.Operator = (*Source)(nil)

// NewSource returns a Source of rows in batches of batchSize rows (<= 0: 1024).
// Datums must be of each type's physical kind (int64, float64, string, ...) or nil.
func NewSource(ts []types.T, rows [][]types.Datum, batchSize int) *Source {
	if batchSize <= 0 {
		batchSize = 1024
	}
	return &Source{ts: ts, rows: rows, size: batchSize}
}

// Failing returns a Source that yields failAfter batches of rows, then err.
func Failing(ts []types.T, rows [][]types.Datum, batchSize, failAfter int, err error) *Source {
	s := NewSource(ts, rows, batchSize)
	s.Err, s.FailAfter = err, failAfter
	return s
}

// Open implements exec.Operator.
func (s *Source) Open(ctx context.Context) error {
	s.Opened = true
	return nil
}

// Next implements exec.Operator.
func (s *Source) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if s.Err != nil && s.batches >= s.FailAfter {
		return nil, s.Err
	}
	if s.pos >= len(s.rows) {
		return nil, nil
	}
	end := min(s.pos+s.size, len(s.rows))
	b := BatchOf(s.ts, s.rows[s.pos:end])
	s.pos = end
	s.batches++
	return b, nil
}

// Close implements exec.Operator.
func (s *Source) Close() error {
	s.Closed++
	return nil
}

// Types implements exec.Operator.
func (s *Source) Types() []types.T { return s.ts }

// BatchOf builds one batch from rows.
func BatchOf(ts []types.T, rows [][]types.Datum) *vector.Batch {
	b := &vector.Batch{Cols: make([]*vector.Vector, len(ts)), N: len(rows)}
	for c, t := range ts {
		v := vector.NewWithCap(t, len(rows))
		for _, r := range rows {
			v.Append(r[c])
		}
		b.Cols[c] = v
	}
	return b
}

// Rows converts a batch to rows of datums.
func Rows(b *vector.Batch) [][]types.Datum {
	out := make([][]types.Datum, b.N)
	for i := range out {
		out[i] = b.Row(i)
	}
	return out
}

// Drain opens op, reads it to the end, checks the Operator contract on each
// batch, and closes it (also on error). It returns all rows.
func Drain(ctx context.Context, op exec.Operator) ([][]types.Datum, error) {
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return nil, err
	}
	var rows [][]types.Datum
	ts := op.Types()
	for {
		b, err := op.Next(ctx)
		if err != nil {
			return rows, err
		}
		if b == nil {
			break
		}
		if err := checkBatch(ts, b); err != nil {
			return rows, err
		}
		rows = append(rows, Rows(b)...)
	}
	// Next keeps returning nil once exhausted.
	if b, err := op.Next(ctx); b != nil || err != nil {
		return rows, fmt.Errorf("exectest: Next after end returned %v, %v", b, err)
	}
	if err := op.Close(); err != nil {
		return rows, err
	}
	return rows, nil
}

func checkBatch(ts []types.T, b *vector.Batch) error {
	if b.N <= 0 {
		return fmt.Errorf("exectest: batch with N=%d", b.N)
	}
	if len(b.Cols) != len(ts) {
		return fmt.Errorf("exectest: batch has %d columns, Types() %d", len(b.Cols), len(ts))
	}
	for i, c := range b.Cols {
		if c.Len() != b.N {
			return fmt.Errorf("exectest: column %d has %d rows, batch N=%d", i, c.Len(), b.N)
		}
		if c.Type.Physical() != ts[i].Physical() {
			return fmt.Errorf("exectest: column %d is %s, Types() says %s", i, c.Type, ts[i])
		}
	}
	return nil
}

// BatchSource yields prepared batches (fresh headers over shared, read-only
// vectors), for benchmarks where building batches from datums would dominate.
type BatchSource struct {
	ts      []types.T
	batches []*vector.Batch
	pos     int
}

var _ exec.Operator = (*BatchSource)(nil)

// NewBatchSource returns a source of batches.
func NewBatchSource(ts []types.T, batches []*vector.Batch) *BatchSource {
	return &BatchSource{ts: ts, batches: batches}
}

// Open implements exec.Operator.
func (s *BatchSource) Open(ctx context.Context) error { s.pos = 0; return nil }

// Next implements exec.Operator.
func (s *BatchSource) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if s.pos >= len(s.batches) {
		return nil, nil
	}
	b := s.batches[s.pos]
	s.pos++
	return &vector.Batch{Cols: append([]*vector.Vector(nil), b.Cols...), N: b.N}, nil
}

// Close implements exec.Operator.
func (s *BatchSource) Close() error { return nil }

// Types implements exec.Operator.
func (s *BatchSource) Types() []types.T { return s.ts }

// IntBatches splits vals into batches of size rows with one BIGINT column
// plus extra BIGINT payload columns (value i*c for column c).
func IntBatches(vals []int64, size, payload int) []*vector.Batch {
	var out []*vector.Batch
	for start := 0; start < len(vals); start += size {
		end := min(start+size, len(vals))
		b := &vector.Batch{N: end - start}
		key := vector.New(types.Int64Type, end-start)
		copy(key.Ints, vals[start:end])
		b.Cols = append(b.Cols, key)
		for c := 1; c <= payload; c++ {
			v := vector.New(types.Int64Type, end-start)
			for i := range v.Ints {
				v.Ints[i] = int64(start+i) * int64(c)
			}
			b.Cols = append(b.Cols, v)
		}
		out = append(out, b)
	}
	return out
}
