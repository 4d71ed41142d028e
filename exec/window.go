package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NewWindow computes funcs, which share one PARTITION BY and ORDER BY, and
// outputs the input columns followed by one column per func.
//
// The input is materialised and sorted by the partition keys then the order
// keys; rows come out in that order (SQL promises no order here).
func NewWindow(ec *EvalContext, input Operator, partitionBy []int, orderBy []SortSpec, funcs []WindowSpec) Operator {
	w := &windowOp{ec: ec, input: input, partitionBy: partitionBy, orderBy: orderBy}
	w.funcs = append([]WindowSpec(nil), funcs...)
	w.in = input.Types()
	w.out = append([]types.T(nil), w.in...)
	for i := range w.funcs {
		f := &w.funcs[i]
		if f.Ret.ID == types.Unknown {
			var ts []types.T
			for _, c := range f.Args {
				ts = append(ts, w.in[c])
			}
			if t, err := LookupWindow(f.Name, ts); err == nil {
				f.Ret = t
			}
		}
		w.out = append(w.out, f.Ret)
	}
	return w
}

type windowOp struct {
	ec          *EvalContext
	input       Operator
	partitionBy []int
	orderBy     []SortSpec
	funcs       []WindowSpec
	in, out     []types.T

	built bool
	err   error
	cols  []*vector.Vector
	rows  int
	pos   int
	mem   int64 // peak bytes of the build; see window_memory.go
}

func (w *windowOp) Types() []types.T { return w.out }

func (w *windowOp) Open(ctx context.Context) error { return w.input.Open(ctx) }

func (w *windowOp) Close() error {
	w.cols = nil
	return w.input.Close()
}

func (w *windowOp) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if w.err != nil {
		return nil, w.err
	}
	if !w.built {
		if err := w.build(ctx); err != nil {
			w.err = err // a failed build is not retried
			return nil, err
		}
		w.built = true
	}
	if w.pos >= w.rows {
		return nil, nil
	}
	end := min(w.pos+w.ec.Size(), w.rows)
	b := &vector.Batch{Cols: make([]*vector.Vector, len(w.cols)), N: end - w.pos}
	for i, c := range w.cols {
		b.Cols[i] = c.Slice(w.pos, end)
	}
	w.pos = end
	return b, nil
}

// partitionInfo describes the sorted rows: partitions and peer groups (rows
// with equal ORDER BY keys within a partition).
type partitionInfo struct {
	parts      []int // partition start rows, then n
	groupStart []int // peer group start rows, then n
	peer       []int // per row: its peer group's index in groupStart
}

func (w *windowOp) build(ctx context.Context) error {
	cols := make([]*vector.Vector, len(w.in))
	for i, t := range w.in {
		cols[i] = vector.NewWithCap(t, 0)
	}
	n := 0
	for {
		b, err := w.input.Next(ctx)
		if err != nil {
			return err
		}
		if b == nil {
			break
		}
		for i, c := range cols {
			c.AppendVector(b.Cols[i])
		}
		n += b.N
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
	}
	keys := make([]SortSpec, 0, len(w.partitionBy)+len(w.orderBy))
	for _, c := range w.partitionBy {
		keys = append(keys, SortSpec{Col: c})
	}
	keys = append(keys, w.orderBy...)
	w.mem = colsCapBytes(cols)
	if len(keys) > 0 && n > 1 {
		perm := sortedPerm(cols, n, keys)
		for i, c := range cols {
			cols[i] = c.Gather(perm)
		}
		w.mem += sliceCap(perm) + colsCapBytes(cols) // the input and its sorted copy
	}
	if err := ctx.Err(); err != nil {
		return sqlerr.Canceled(ctx)
	}
	info := w.partitions(cols, n)
	for i := range w.funcs {
		v, err := w.compute(&w.funcs[i], cols, n, info)
		if err != nil {
			return err
		}
		cols = append(cols, v)
	}
	w.cols, w.rows = cols, n
	w.mem = max(w.mem, colsCapBytes(cols)+info.memBytes())
	return nil
}

func (w *windowOp) partitions(cols []*vector.Vector, n int) *partitionInfo {
	p := &partitionInfo{peer: make([]int, n)}
	for i := 0; i < n; i++ {
		newPart := i == 0
		for _, c := range w.partitionBy {
			if newPart {
				break
			}
			newPart = !ValueEqual(cols[c], i-1, cols[c], i, true)
		}
		newPeer := newPart
		for _, o := range w.orderBy {
			if newPeer {
				break
			}
			newPeer = !ValueEqual(cols[o.Col], i-1, cols[o.Col], i, true)
		}
		if newPart {
			p.parts = append(p.parts, i)
		}
		if newPeer {
			p.groupStart = append(p.groupStart, i)
		}
		p.peer[i] = len(p.groupStart) - 1
	}
	p.parts = append(p.parts, n)
	p.groupStart = append(p.groupStart, n)
	return p
}
