package exec

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NewHashAgg groups the union of its inputs (consumed in parallel, one
// goroutine each, then merged) by groupCols and computes aggs. Output: group
// columns, then one column per agg, then — when groupingSets is non-nil — a
// BIGINT grouping id (bit i set: groupCols[i] not in the row's set). With no
// group columns and no grouping sets it yields exactly one row, also for empty input.
//
// Each input goroutine sinks its batches into local group tables (one per
// grouping set); the local tables are then combined into the first one and
// finalized, as DuckDB splits Sink/Combine/Finalize. groupingSets lists sets
// of indexes into groupCols.
func NewHashAgg(ec *EvalContext, inputs []Operator, groupCols []int, aggs []AggSpec, groupingSets [][]int) Operator {
	h := &hashAgg{ec: ec, inputs: inputs, groupCols: groupCols, sets: groupingSets}
	h.aggs = append([]AggSpec(nil), aggs...)
	if len(inputs) > 0 {
		h.in = inputs[0].Types()
	}
	for _, c := range groupCols {
		h.out = append(h.out, h.in[c])
	}
	for i := range h.aggs {
		a := &h.aggs[i]
		if a.Ret.ID == types.Unknown {
			if t, err := LookupAgg(a.Name, specArgTypes(a, h.in), a.Distinct); err == nil {
				a.Ret = t
			}
		}
		h.out = append(h.out, a.Ret)
	}
	if groupingSets != nil {
		h.out = append(h.out, types.Int64Type)
	}
	return h
}

type hashAgg struct {
	ec        *EvalContext
	inputs    []Operator
	groupCols []int
	aggs      []AggSpec
	sets      [][]int
	in, out   []types.T

	cancel context.CancelFunc
	wg     sync.WaitGroup
	built  bool
	err    error            // a failed build, returned again by later calls
	cols   []*vector.Vector // the whole result, emitted in slices
	rows   int
	pos    int
	mem    []atomic.Int64 // peak bytes per input (combine and result on input 0); see hash_agg_memory.go
}

func (h *hashAgg) Types() []types.T { return h.out }

func (h *hashAgg) Open(ctx context.Context) error {
	for _, in := range h.inputs {
		if err := in.Open(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (h *hashAgg) Close() error {
	if h.cancel != nil {
		h.cancel()
	}
	h.wg.Wait()
	var first error
	for _, in := range h.inputs {
		if err := in.Close(); err != nil && first == nil {
			first = err
		}
	}
	h.cols = nil
	return first
}

func (h *hashAgg) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if h.err != nil {
		return nil, h.err
	}
	if !h.built {
		if err := h.build(ctx); err != nil {
			h.err = err // a failed build is not retried
			return nil, err
		}
		h.built = true
	}
	if h.pos >= h.rows {
		return nil, nil
	}
	end := min(h.pos+h.ec.Size(), h.rows)
	b := &vector.Batch{Cols: make([]*vector.Vector, len(h.cols)), N: end - h.pos}
	for i, c := range h.cols {
		if h.pos == 0 && end == h.rows {
			b.Cols[i] = c
		} else {
			b.Cols[i] = c.Slice(h.pos, end)
		}
	}
	h.pos = end
	return b, nil
}

// setKeys returns the input columns of each grouping set's key.
func (h *hashAgg) setKeys() [][]int {
	if h.sets == nil {
		return [][]int{h.groupCols}
	}
	keys := make([][]int, len(h.sets))
	for s, set := range h.sets {
		keys[s] = []int{}
		for _, i := range set {
			keys[s] = append(keys[s], h.groupCols[i])
		}
	}
	return keys
}

func (h *hashAgg) newTables() ([]*groupTable, error) {
	keys := h.setKeys()
	ts := make([]*groupTable, len(keys))
	for s, k := range keys {
		t, err := newGroupTable(k, h.in, h.aggs)
		if err != nil {
			return nil, err
		}
		ts[s] = t
	}
	return ts, nil
}

// build sinks every input into local tables in parallel, combines them and
// finalizes the result columns.
func (h *hashAgg) build(ctx context.Context) error {
	locals := make([][]*groupTable, max(len(h.inputs), 1))
	h.mem = make([]atomic.Int64, len(locals))
	for i := range locals {
		ts, err := h.newTables()
		if err != nil {
			return err
		}
		locals[i] = ts
	}
	if len(h.inputs) == 1 {
		if err := h.sink(ctx, h.inputs[0], locals[0], &h.mem[0]); err != nil {
			return err
		}
	} else if len(h.inputs) > 1 {
		wctx, cancel := context.WithCancel(ctx)
		h.cancel = cancel
		errs := make([]error, len(h.inputs))
		for i, in := range h.inputs {
			h.wg.Add(1)
			go func() {
				defer h.wg.Done()
				if err := h.sinkRecovering(wctx, in, locals[i], &h.mem[i]); err != nil {
					errs[i] = err
					cancel()
				}
			}()
		}
		h.wg.Wait()
		cancel()
		for _, err := range errs {
			if err != nil && sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
				return err
			}
		}
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
	}
	global := locals[0]
	for _, ts := range locals[1:] {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		for s, t := range ts {
			global[s].absorb(t)
		}
		raisePeak(&h.mem[0], tablesBytes(global))
	}
	err := h.finalize(global)
	raisePeak(&h.mem[0], tablesBytes(global)+colsCapBytes(h.cols))
	return err
}

// aggBatch is one aggregate's input for the current batch: its argument
// vectors, and (with FILTER) the selected rows.
type aggBatch struct {
	args []*vector.Vector
	n    int
	sel  []int32 // nil: all rows
	gbuf []uint32
}

// sink consumes one input into its local tables.
// sinkRecovering is sink for a goroutine of its own: a panic becomes an error.
func (h *hashAgg) sinkRecovering(ctx context.Context, in Operator, tables []*groupTable, mem *atomic.Int64) (err error) {
	defer recoverInto(&err)
	return h.sink(ctx, in, tables, mem)
}

// sink records the bytes tables hold in mem after every batch.
func (h *hashAgg) sink(ctx context.Context, in Operator, tables []*groupTable, mem *atomic.Int64) error {
	abs := make([]aggBatch, len(h.aggs))
	inputs := make([][]int, len(h.aggs))
	for k := range h.aggs {
		inputs[k] = aggInputs(&h.aggs[k])
	}
	var keyVecs []*vector.Vector
	for {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		b, err := in.Next(ctx)
		if err != nil {
			return err
		}
		if b == nil {
			return nil
		}
		for k := range h.aggs {
			ab := &abs[k]
			ab.args = ab.args[:0]
			for _, c := range inputs[k] {
				ab.args = append(ab.args, b.Cols[c])
			}
			ab.n, ab.sel = b.N, nil
			if f := h.aggs[k].Filter; f >= 0 {
				ab.sel = filterRows(b.Cols[f], b.N, ab.sel)
				for i, v := range ab.args {
					ab.args[i] = v.Gather(ab.sel)
				}
				ab.n = len(ab.sel)
			}
		}
		for _, t := range tables {
			keyVecs = keyVecs[:0]
			for _, c := range t.keyCols {
				keyVecs = append(keyVecs, b.Cols[c])
			}
			gids := t.groupIDs(keyVecs, b.N)
			for k, a := range t.aggs {
				ab := &abs[k]
				g := gids
				if ab.sel != nil {
					if len(ab.sel) == 0 {
						continue
					}
					if gids != nil {
						ab.gbuf = ab.gbuf[:0]
						for _, r := range ab.sel {
							ab.gbuf = append(ab.gbuf, gids[r])
						}
						g = ab.gbuf
					}
				}
				if err := a.update(g, ab.args, ab.n); err != nil {
					return err
				}
			}
		}
		raisePeak(mem, tablesBytes(tables))
		// Aggregates and group tables copy what they keep: b is done with.
		recycleBatch(in, b)
	}
}

// filterRows returns the rows where the BOOLEAN vector f is TRUE.
func filterRows(f *vector.Vector, n int, buf []int32) []int32 {
	sel := buf[:0]
	if sel == nil {
		sel = make([]int32, 0, n)
	}
	if f.Type.Physical() != types.PhysBool {
		return sel
	}
	for i := 0; i < n; i++ {
		if f.Bools[i] && !f.Nulls.IsNull(i) {
			sel = append(sel, int32(i))
		}
	}
	return sel
}

// finalize turns the combined tables into the result columns.
func (h *hashAgg) finalize(tables []*groupTable) error {
	ng := len(h.groupCols)
	for s, t := range tables {
		n := t.n
		cols := make([]*vector.Vector, 0, len(h.out))
		inSet := make([]int, ng) // position in the set's key, or -1
		for j := range inSet {
			inSet[j] = -1
		}
		var gid int64
		if h.sets == nil {
			for j := range inSet {
				inSet[j] = j
			}
		} else {
			for p, i := range h.sets[s] {
				inSet[i] = p
			}
			for j := range inSet {
				if inSet[j] < 0 {
					gid |= 1 << uint(j)
				}
			}
		}
		for j, c := range h.groupCols {
			if p := inSet[j]; p >= 0 {
				cols = append(cols, t.keys[p])
			} else {
				v := vector.New(h.in[c], n)
				if v.Nulls == nil {
					v.Nulls = vector.NewBitmap(n)
				}
				for i := 0; i < n; i++ {
					v.Nulls.SetNull(i)
				}
				cols = append(cols, v)
			}
		}
		for _, a := range t.aggs {
			v, err := a.finalize(n)
			if err != nil {
				return err
			}
			cols = append(cols, v)
		}
		if h.sets != nil {
			v := vector.New(types.Int64Type, n)
			for i := range v.Ints {
				v.Ints[i] = gid
			}
			cols = append(cols, v)
		}
		if h.cols == nil {
			h.cols = cols
		} else {
			for i, c := range cols {
				h.cols[i].AppendVector(c)
			}
		}
		h.rows += n
	}
	return nil
}
