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
	return NewHashAggWith(ec, inputs, groupCols, aggs, groupingSets, HashAggOptions{Partition: -1})
}

// NewHashAggWith is NewHashAgg with what the planner knows of the inputs.
func NewHashAggWith(ec *EvalContext, inputs []Operator, groupCols []int, aggs []AggSpec, groupingSets [][]int, opts HashAggOptions) Operator {
	h := &hashAgg{ec: ec, inputs: inputs, groupCols: groupCols, sets: groupingSets, part: opts.Partition}
	if groupingSets != nil || h.part < 0 || h.part >= len(groupCols) {
		h.part = -1
	}
	h.hint = tableHint(opts.Groups, len(inputs), h.part >= 0, groupingSets != nil || len(groupCols) == 0)
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
	part      int // index into groupCols of the column the inputs are partitioned by, or -1
	hint      int // groups each local table starts with room for (0: none)
	in, out   []types.T

	cancel context.CancelFunc
	wg     sync.WaitGroup
	built  bool
	err    error          // a failed build, returned again by later calls
	parts  []aggPart      // the whole result, emitted part by part in slices
	pos    int            // next row of parts[0]
	mem    []atomic.Int64 // peak bytes per input; see hash_agg_memory.go
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
	h.parts = nil
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
	for len(h.parts) > 0 && h.pos >= h.parts[0].n {
		h.parts[0] = aggPart{}
		h.parts, h.pos = h.parts[1:], 0
	}
	if len(h.parts) == 0 {
		return nil, nil
	}
	p := &h.parts[0]
	end := min(h.pos+h.ec.Size(), p.n)
	b := &vector.Batch{Cols: make([]*vector.Vector, len(p.cols)), N: end - h.pos}
	for i, c := range p.cols {
		if h.pos == 0 && end == p.n {
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
		t.reserveGroups(h.hint)
		ts[s] = t
	}
	return ts, nil
}

// build sinks every input into local tables in parallel, combines them and
// finalizes the result columns. With partitioned inputs (see
// NewPartitionedHashAgg) each input's groups are final: its goroutine
// finalizes them itself and only tables holding a NULL partition key are
// combined.
func (h *hashAgg) build(ctx context.Context) error {
	locals := make([][]*groupTable, max(len(h.inputs), 1))
	h.mem = make([]atomic.Int64, len(locals))
	done := make([]aggPart, len(locals)) // per input, when finalized by its goroutine
	if len(h.inputs) <= 1 {
		ts, err := h.newTables()
		if err != nil {
			return err
		}
		locals[0] = ts
		if len(h.inputs) == 1 {
			if err := h.sink(ctx, h.inputs[0], ts, &h.mem[0]); err != nil {
				return err
			}
		}
	} else {
		wctx, cancel := context.WithCancel(ctx)
		h.cancel = cancel
		errs := make([]error, len(h.inputs))
		for i, in := range h.inputs {
			h.wg.Add(1)
			go func() {
				defer h.wg.Done()
				if err := h.sinkInput(wctx, in, &locals[i], &done[i], &h.mem[i]); err != nil {
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
	var global []*groupTable
	gi := 0
	for i, ts := range locals {
		if ts == nil {
			continue
		}
		if global == nil {
			global, gi = ts, i
			continue
		}
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		for s, t := range ts {
			global[s].absorb(t)
		}
		locals[i] = nil
		raisePeak(&h.mem[gi], tablesBytes(global))
	}
	for _, p := range done {
		if p.n > 0 {
			h.parts = append(h.parts, p)
		}
	}
	if global == nil {
		return nil
	}
	parts, err := h.finalize(global)
	raisePeak(&h.mem[gi], tablesBytes(global)+partsBytes(parts))
	for _, p := range parts {
		if p.n > 0 || len(h.parts) == 0 {
			h.parts = append(h.parts, p)
		}
	}
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

// sinkInput is one input's goroutine (a panic becomes an error): it makes
// the input's local tables (reserving room for a large estimate clears
// memory, in parallel here), sinks the input into them and, when they are
// final (finalHere), finalizes them into *done and drops them (*tables nil).
func (h *hashAgg) sinkInput(ctx context.Context, in Operator, tables *[]*groupTable, done *aggPart, mem *atomic.Int64) (err error) {
	defer recoverInto(&err)
	ts, err := h.newTables()
	if err != nil {
		return err
	}
	*tables = ts
	if err := h.sink(ctx, in, ts, mem); err != nil {
		return err
	}
	if !h.finalHere(ts) {
		return nil
	}
	parts, err := h.finalize(ts)
	raisePeak(mem, tablesBytes(ts)+partsBytes(parts))
	if err != nil {
		return err
	}
	*done, *tables = parts[0], nil // the slot array is garbage now
	return nil
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

// finalize turns the combined tables into result parts, one per table.
func (h *hashAgg) finalize(tables []*groupTable) ([]aggPart, error) {
	ng := len(h.groupCols)
	parts := make([]aggPart, 0, len(tables))
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
				return nil, err
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
		parts = append(parts, aggPart{cols: cols, n: n})
	}
	return parts, nil
}
