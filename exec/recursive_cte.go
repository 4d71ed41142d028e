package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// maxRecursiveRows bounds what a recursive CTE may yield, so a query whose
// recursion never ends fails instead of exhausting memory.
const maxRecursiveRows = 10_000_000

// WorkTable holds the rows of the current step of a recursive CTE.
type WorkTable struct {
	ts      []types.T
	batches []*vector.Batch
}

// NewWorkTable returns an empty working table with the given column types.
func NewWorkTable(ts []types.T) *WorkTable { return &WorkTable{ts: ts} }

// workTableScan yields the rows its WorkTable held when it was opened.
type workTableScan struct {
	w       *WorkTable
	batches []*vector.Batch
}

var _ Operator = (*workTableScan)(nil)

// NewWorkTableScan reads the rows w holds when it is opened.
func NewWorkTableScan(w *WorkTable) Operator { return &workTableScan{w: w} }

func (s *workTableScan) Types() []types.T { return s.w.ts }

func (s *workTableScan) Open(ctx context.Context) error {
	s.batches = s.w.batches
	return nil
}

func (s *workTableScan) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	for len(s.batches) > 0 {
		b := s.batches[0]
		s.batches = s.batches[1:]
		if b.N > 0 {
			// The step's batches may be read by several scans: hand out copies' headers
			// over shared, read-only vectors.
			return &vector.Batch{Cols: append([]*vector.Vector(nil), b.Cols...), N: b.N}, nil
		}
	}
	return nil, nil
}

func (s *workTableScan) Close() error {
	s.batches = nil
	return nil
}

// RecursiveCTE evaluates WITH RECURSIVE: the anchor's rows, then the
// recursive term over the previous step's rows until a step yields nothing.
type RecursiveCTE struct {
	anchor    Operator
	w         *WorkTable
	recursive func() (Operator, error)
	distinct  bool

	cur    Operator // the operator being read (anchor, then each step)
	step   []*vector.Batch
	seen   *rowSet
	total  int64
	limit  int64 // maxRecursiveRows; lowered by tests
	sel    []int32
	done   bool
	closed bool
	// stepBytes and workBytes estimate the batches of the step being read
	// and of the previous step (the work table); see recursive_cte_memory.go.
	stepBytes, workBytes int64
}

var _ Operator = (*RecursiveCTE)(nil)

// NewRecursiveCTE yields anchor's rows, then repeatedly builds an operator
// with recursive() (which reads w through WorkTableScans), after loading w
// with the previous step's rows, until a step yields nothing. distinct drops
// rows already yielded (UNION).
func NewRecursiveCTE(anchor Operator, w *WorkTable, recursive func() (Operator, error), distinct bool) Operator {
	return &RecursiveCTE{anchor: anchor, w: w, recursive: recursive, distinct: distinct, limit: maxRecursiveRows}
}

// Types implements Operator.
func (r *RecursiveCTE) Types() []types.T { return r.w.ts }

// Open implements Operator.
func (r *RecursiveCTE) Open(ctx context.Context) error {
	r.cur = r.anchor
	if r.distinct {
		r.seen = newRowSet(r.w.ts)
	}
	return r.anchor.Open(ctx)
}

// Next implements Operator.
func (r *RecursiveCTE) Next(ctx context.Context) (*vector.Batch, error) {
	for !r.done {
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		if r.cur == nil {
			return nil, sqlerr.Newf(sqlerr.InternalError, "recursive CTE: Next before Open")
		}
		b, err := r.cur.Next(ctx)
		if err != nil {
			return nil, err
		}
		if b == nil {
			if err := r.nextStep(ctx); err != nil {
				return nil, err
			}
			continue
		}
		if r.distinct {
			if b = r.dropSeen(b); b == nil {
				continue
			}
		}
		r.total += int64(b.N)
		if r.total > r.limit {
			return nil, sqlerr.Newf(sqlerr.ProgramLimitExceeded, "recursive query produced more than %d rows", r.limit)
		}
		r.step = append(r.step, b)
		r.stepBytes += batchBytes(b)
		return b, nil
	}
	return nil, nil
}

// nextStep closes the finished step and starts the next one over its rows.
func (r *RecursiveCTE) nextStep(ctx context.Context) error {
	err := r.cur.Close()
	r.cur = nil
	if err != nil {
		return err
	}
	if len(r.step) == 0 {
		r.done = true
		r.w.batches = nil
		return nil
	}
	r.w.batches, r.step = r.step, nil
	r.workBytes, r.stepBytes = r.stepBytes, 0
	op, err := r.recursive()
	if err != nil {
		return err
	}
	r.cur = op
	return op.Open(ctx)
}

// dropSeen removes rows already yielded (and duplicates within b).
func (r *RecursiveCTE) dropSeen(b *vector.Batch) *vector.Batch {
	h := r.seen.hashBatch(b)
	r.sel = r.sel[:0]
	for i := 0; i < b.N; i++ {
		if r.seen.find(b, i, h[i]) < 0 {
			r.seen.insert(b, i, h[i], 1)
			r.sel = append(r.sel, int32(i))
		}
	}
	switch len(r.sel) {
	case 0:
		return nil
	case b.N:
		return b
	}
	return b.Gather(r.sel)
}

// Close implements Operator.
func (r *RecursiveCTE) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	var err error
	if r.cur != nil {
		err = r.cur.Close()
	}
	if aerr := r.anchor.Close(); err == nil {
		err = aerr
	}
	r.w.batches, r.step, r.seen = nil, nil, nil
	return err
}
