package exec

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Sort sorts the union of its inputs: each input is drained and sorted in its
// own goroutine (a permutation of row indexes over materialised columns), then
// the sorted runs are merged. With keep > 0 it is a top-N: each input keeps
// only its best keep rows.
type Sort struct {
	ec            *EvalContext
	inputs        []Operator
	keys          []SortSpec
	limit, offset int64 // applied by the merge; limit < 0: unlimited
	keep          int   // rows each run keeps (top-N), 0: all

	cancel context.CancelFunc
	wg     sync.WaitGroup
	runs   []sortRun
	errs   []error
	m      *merger
	err    error
	opened bool
	closed bool
	mem    []atomic.Int64 // peak bytes per input's run; see sort_memory.go
}

var _ Operator = (*Sort)(nil)

// NewSort sorts the union of its inputs (sorted in parallel, then merged).
func NewSort(ec *EvalContext, inputs []Operator, keys []SortSpec) Operator {
	return &Sort{ec: ec, inputs: inputs, keys: keys, limit: -1}
}

// Types implements Operator.
func (s *Sort) Types() []types.T {
	if len(s.inputs) == 0 {
		return nil
	}
	return s.inputs[0].Types()
}

// Open starts one goroutine per input that opens, drains, sorts and closes it.
func (s *Sort) Open(ctx context.Context) error {
	if s.opened {
		return nil
	}
	s.opened = true
	gctx, cancel := context.WithCancel(ctx)
	s.cancel = cancel
	s.runs = make([]sortRun, len(s.inputs))
	s.errs = make([]error, len(s.inputs))
	s.mem = make([]atomic.Int64, len(s.inputs))
	if len(s.inputs) == 1 {
		// No parallelism to gain: sort on the caller's goroutine at first Next.
		return nil
	}
	for i := range s.inputs {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.runs[i], s.errs[i] = s.sortInput(gctx, s.inputs[i], &s.mem[i])
			if s.errs[i] != nil {
				cancel() // stop the others early
			}
		}()
	}
	return nil
}

// sortInput drains one input into a sorted run, recording its peak bytes in mem.
func (s *Sort) sortInput(ctx context.Context, in Operator, mem *atomic.Int64) (run sortRun, err error) {
	defer recoverInto(&err)
	st := newColStore(in.Types())
	err = in.Open(ctx)
	if err == nil {
		if s.keep > 0 {
			err = s.drainTop(ctx, in, &st, mem)
		} else {
			err = drainInto(ctx, in, st)
		}
	}
	if cerr := in.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sortRun{}, err
	}
	st.finish()
	perm, lead := sortPermLead(st, s.keys)
	raisePeak(mem, runBytes(st, perm, lead))
	if s.keep > 0 && len(perm) > s.keep {
		perm = perm[:s.keep]
	}
	return sortRun{s: st, perm: perm, lead: lead}, nil
}

// drainTop drains in, compacting to the best keep rows whenever the store
// holds enough surplus, so memory stays O(keep + batch). After the first
// compaction the worst kept row is a bound: rows not better than it are
// dropped as they arrive, so most batches add nothing.
func (s *Sort) drainTop(ctx context.Context, in Operator, st **colStore, mem *atomic.Int64) error {
	threshold := max(2*s.keep, s.keep+s.ec.Size())
	var bound *vector.Batch // the worst kept row, once keep rows are kept
	var sel []int32
	for {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		b, err := in.Next(ctx)
		if err != nil || b == nil {
			return err
		}
		if b.N == 0 {
			continue
		}
		if bound != nil {
			sel = sel[:0]
			for i := 0; i < b.N; i++ {
				if s.beats(b, i, bound) {
					sel = append(sel, int32(i))
				}
			}
			switch len(sel) {
			case 0:
				continue
			case b.N:
			default:
				b = b.Gather(sel)
			}
		}
		(*st).add(b)
		if (*st).n >= threshold {
			(*st).finish()
			perm := sortPerm(*st, s.keys)[:s.keep]
			raisePeak(mem, (*st).bytes+sliceCap(perm))
			ns := newColStore((*st).ts)
			kept := (&vector.Batch{Cols: (*st).cols, N: (*st).n}).Gather(perm)
			ns.add(kept)
			*st = ns
			bound = kept.Slice(s.keep-1, s.keep)
		}
	}
}

// beats reports whether row i of b sorts strictly before row 0 of bound.
func (s *Sort) beats(b *vector.Batch, i int, bound *vector.Batch) bool {
	for _, k := range s.keys {
		if c := CompareValues(b.Cols[k.Col], i, bound.Cols[k.Col], 0, k.Desc, k.NullsFirst); c != 0 {
			return c < 0
		}
	}
	return false
}

// Next implements Operator.
func (s *Sort) Next(ctx context.Context) (*vector.Batch, error) {
	if s.err != nil {
		return nil, s.err
	}
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if s.m == nil {
		if err := s.finishRuns(ctx); err != nil {
			s.err = err
			return nil, err
		}
	}
	b := s.m.next()
	if b == nil {
		s.runs = nil // let the rows go
	}
	return b, nil
}

// finishRuns waits for the sorted runs and sets up the merge.
func (s *Sort) finishRuns(ctx context.Context) error {
	if !s.opened {
		return sqlerr.Newf(sqlerr.InternalError, "sort: Next before Open")
	}
	if len(s.inputs) == 1 {
		s.runs[0], s.errs[0] = s.sortInput(ctx, s.inputs[0], &s.mem[0])
	}
	s.wg.Wait()
	for _, err := range s.errs {
		if err != nil && sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
			return err
		}
	}
	for _, err := range s.errs {
		if err != nil {
			return err
		}
	}
	s.m = newMerger(s.Types(), s.runs, s.keys, s.limit, s.offset, s.ec.Size())
	return nil
}

// Close stops and awaits the sorting goroutines and closes the inputs.
func (s *Sort) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
	s.runs, s.m = nil, nil
	var first error
	for _, in := range s.inputs {
		if err := in.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
