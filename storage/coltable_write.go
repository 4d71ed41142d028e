package storage

import (
	"context"
	"math"
	"runtime"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// sortBudgetGroups bounds the rows a sorted load holds for its sort runs,
// in row groups summed over slices (each slice gets 1 to 8 of them); more
// CPUs mean more slices, and larger runs keep their merges to one pass.
func sortBudgetGroups() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// colWriter builds a new version of a ColTable. Rows are routed to slices,
// buffered per slice and handed, a full row group (or a full sort run) at a
// time, to a pool that encodes and stores them in parallel.
type colWriter struct {
	base    *ColTable
	t       *ColTable // the version being built; row groups filled in by Finish
	ctx     context.Context
	pool    *workPool
	sorted  bool       // the table has a sort key: each write's rows are sorted (runs, then a merge)
	runL    *Layout    // sort runs' layout (see runLayout)
	first   bool       // and this is the first load: it forms the sorted region
	bufCap  int        // rows per flush: a row group, or a sort run
	memCap  int64      // sorted loads: bytes of sorted runs kept in memory (Layout.SortMemory)
	memHeld int64      // bytes of the runs kept in memory so far
	routed  *routedBuf // non-nil: rows are routed to slices as they are sorted (see routes)
	scratch sync.Pool  // *permScratch for sorting runs in place
	bufs    []*sliceBuf
	slot    []int
	sels    [][]int32
	done    bool
	release func() // ends the store's BeginWrite (GC keeps our blocks until then)
}

// sliceBuf is one slice's pending rows and what was written for it.
type sliceBuf struct {
	buf    *vector.Batch
	outs   []*groupsOut // in order: row groups (unsorted) or sort runs (sorted)
	order  sortOrder    // sorted loads: the slice's order (INTERLEAVED bounds from its first run)
	topped bool         // not a first load: the base's short last row group was considered for top-up
	drop   bool         // that row group was read into buf and leaves the version
}

// groupsOut receives the row groups one job wrote, or the sorted run it
// kept in memory.
type groupsOut struct {
	groups []*rowGroup
	mem    *memRun
}

// Writer implements Table: it starts a new version appending to t. With a
// sort key, each write's rows are sorted (in runs of a few row groups per
// slice, merged at Finish); the first load into an empty table forms the
// sorted region, later ones append to the unsorted region.
func (t *ColTable) Writer(ctx context.Context) (TableWriter, error) {
	w := &colWriter{base: t, t: t.clone(), ctx: ctx, bufs: make([]*sliceBuf, len(t.slices)), release: t.store.BeginWrite()}
	w.sels = make([][]int32, len(t.slices))
	empty := true
	for _, s := range t.slices {
		if len(s.groups) > 0 {
			empty = false
		}
	}
	w.sorted = t.layout.SortKey != nil
	w.first = w.sorted && empty
	w.bufCap = t.layout.BlockRows
	if w.sorted {
		w.bufCap *= min(8, max(1, sortBudgetGroups()/len(t.slices)))
		w.memCap = t.layout.sortMemory()
	}
	for i := range w.bufs {
		w.bufs[i] = &sliceBuf{order: newSortOrder(t.layout)}
	}
	if w.routes() {
		w.routed = &routedBuf{}
	}
	return w, nil
}

func (w *colWriter) startPool() {
	if w.pool == nil {
		w.pool = newWorkPool(w.ctx)
	}
}

// Append copies b's rows into the slices' buffers.
func (w *colWriter) Append(ctx context.Context, b *vector.Batch) error {
	if w.done {
		return sqlerr.Newf(sqlerr.InternalError, "append to a finished table writer")
	}
	if err := ctxErr(ctx); err != nil {
		return err
	}
	if w.pool != nil {
		if err := w.pool.Err(); err != nil {
			return err
		}
	}
	if b == nil || b.N == 0 {
		return nil
	}
	if len(b.Cols) != len(w.t.layout.Types) {
		return sqlerr.Newf(sqlerr.InternalError, "table %q: batch of %d columns for %d", w.t.layout.Name, len(b.Cols), len(w.t.layout.Types))
	}
	if w.routed != nil {
		return w.appendRouted(b)
	}
	ns := len(w.t.slices)
	if w.t.layout.Dist == DistKey && w.t.layout.DistKey >= 0 && ns > 1 {
		w.slot = KeySlices(b.Cols[w.t.layout.DistKey], b.N, ns, w.slot)
		for s := range w.sels {
			w.sels[s] = w.sels[s][:0]
		}
		for r, s := range w.slot {
			w.sels[s] = append(w.sels[s], int32(r))
		}
		for s, sel := range w.sels {
			if len(sel) == 0 {
				continue
			}
			if len(sel) == b.N {
				sel = nil
			}
			if err := w.add(ctx, s, b, sel); err != nil {
				return err
			}
		}
		return nil
	}
	s := w.t.rr % ns
	w.t.rr = (s + 1) % ns
	return w.add(ctx, s, b, nil)
}

// add appends b's rows sel (nil: all) to slice s's buffer, flushing it
// whenever it fills.
func (w *colWriter) add(ctx context.Context, s int, b *vector.Batch, sel []int32) error {
	sb := w.bufs[s]
	if !w.first && !sb.topped {
		sb.topped = true
		if err := w.topUp(ctx, s); err != nil {
			return err
		}
	}
	n := b.N
	if sel != nil {
		n = len(sel)
	}
	for from := 0; from < n; {
		if sb.buf == nil {
			// Small writes (one-row INSERTs) get small buffers.
			sb.buf = newBuffer(w.t.layout.Types, min(w.bufCap, max(n-from, vector.DefaultBatchSize)))
		}
		k := min(n-from, w.bufCap-sb.buf.N)
		if sb.buf.N+k > batchCap(sb.buf) {
			// Then full size at once: growing by doubling would leave
			// garbage of up to twice a sort run behind.
			sb.buf = regrow(sb.buf, w.t.layout.Types, w.bufCap)
		}
		for c, v := range sb.buf.Cols {
			if sel == nil {
				appendRows(v, b.Cols[c], from, from+k)
			} else {
				appendSel(v, b.Cols[c], sel[from:from+k])
			}
		}
		sb.buf.N += k
		from += k
		if sb.buf.N >= w.bufCap {
			if err := w.flush(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// topUp reads the base version's last row group of slice s into the buffer
// when it is short and unsorted, so that many small INSERTs do not leave
// many tiny row groups behind.
func (w *colWriter) topUp(ctx context.Context, s int) error {
	gs := w.base.slices[s].groups
	if len(gs) == 0 {
		return nil
	}
	last := gs[len(gs)-1]
	if last.rows >= w.t.layout.BlockRows || (w.t.layout.SortKey != nil && len(gs)-1 < w.base.slices[s].sorted) {
		return nil
	}
	b, err := w.base.readGroup(ctx, last, allCols(len(w.t.layout.Types)))
	if err != nil {
		return err
	}
	sb := w.bufs[s]
	sb.drop = true
	sb.buf = newBuffer(w.t.layout.Types, max(b.N, vector.DefaultBatchSize))
	for c, v := range sb.buf.Cols {
		appendRows(v, b.Cols[c], 0, b.N)
	}
	sb.buf.N = b.N
	return nil
}

// flush hands slice s's buffered rows to the pool: encoded as row groups,
// sorted first in a sorted load.
func (w *colWriter) flush(s int) error {
	sb := w.bufs[s]
	b := sb.buf
	sb.buf = nil
	if b == nil || b.N == 0 {
		return nil
	}
	w.startPool()
	out := &groupsOut{}
	sb.outs = append(sb.outs, out)
	var order *sortOrder
	if w.sorted {
		if sb.order.interleaved && sb.order.bounds == nil {
			sb.order.bounds = computeBounds(keyCols(b, sb.order.keys), b.N)
		}
		order = &sb.order
	}
	t := w.t
	layout := &t.layout
	if order != nil {
		// The run's rows, plus its order and keys (int32 + up to 2 uint64 a row).
		if size := b.Bytes() + int64(b.N)*20; w.memHeld+size <= w.memCap {
			// Within the budget a run stays in memory, sorted, until the
			// merge encodes it once, in the table's encodings.
			w.memHeld += size
			return w.pool.Submit(func(ctx context.Context) error {
				scratch := w.permScratch()
				out.mem = newMemRun(order, b, scratch)
				w.scratch.Put(scratch)
				return nil
			})
		}
		// A sort run is read back once by the merge and then dropped:
		// encode it cheaply, the merge writes the table's encodings.
		layout = w.runLayout()
	}
	return w.pool.Submit(func(ctx context.Context) error {
		if order != nil {
			b = order.sortBatch(b)
		}
		gs, err := writeGroups(ctx, t.store, layout, b)
		out.groups = gs
		return err
	})
}

func keyCols(b *vector.Batch, keys []int) []*vector.Vector {
	out := make([]*vector.Vector, len(keys))
	for i, c := range keys {
		out[i] = b.Cols[c]
	}
	return out
}

// Finish writes what is buffered, merges the sort runs of a sorted load and
// returns the new version.
func (w *colWriter) Finish(ctx context.Context) (Table, error) {
	if w.done {
		return nil, sqlerr.Newf(sqlerr.InternalError, "table writer finished twice")
	}
	w.done = true
	defer w.release()
	t, err := w.finish(ctx)
	if w.pool != nil {
		if werr := w.pool.Wait(); err == nil {
			err = werr
		}
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (w *colWriter) finish(ctx context.Context) (*ColTable, error) {
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	if w.routed != nil {
		if err := w.flushRouted(); err != nil {
			return nil, err
		}
	}
	for s := range w.bufs {
		if err := w.flush(s); err != nil {
			return nil, err
		}
	}
	if w.pool != nil {
		if err := w.pool.Drain(); err != nil {
			return nil, err
		}
	}
	t := w.t
	if w.sorted {
		// K-way merge each slice's runs, slices in parallel; a single run
		// is rewritten too, from the runs' cheap encodings to the table's.
		for s, sb := range w.bufs {
			if len(sb.outs) == 0 {
				continue
			}
			runs := make([]mergeRun, len(sb.outs))
			for i, o := range sb.outs {
				runs[i] = mergeRun{groups: o.groups, mem: o.mem}
			}
			merged := &groupsOut{}
			sb.outs = []*groupsOut{merged}
			order := &w.bufs[s].order
			if err := w.pool.Submit(func(ctx context.Context) error {
				gs, err := t.mergeAll(ctx, order, runs, mergeFanIn(min(runtime.GOMAXPROCS(0), len(w.bufs))))
				merged.groups = gs
				return err
			}); err != nil {
				return nil, err
			}
		}
		if w.pool != nil {
			if err := w.pool.Drain(); err != nil {
				return nil, err
			}
		}
	}
	for s, sb := range w.bufs {
		cs := &t.slices[s]
		if sb.drop {
			cs.groups = cs.groups[:len(cs.groups)-1]
		}
		for _, o := range sb.outs {
			cs.groups = append(cs.groups, o.groups...)
		}
		if w.first || t.layout.SortKey == nil {
			cs.sorted = len(cs.groups)
		}
		cs.sorted = min(cs.sorted, len(cs.groups))
		if len(cs.groups) >= 1<<batchBits {
			return nil, sqlerr.Newf(sqlerr.ProgramLimitExceeded, "table %q: more than %d row groups in slice %d", t.layout.Name, 1<<batchBits-1, s)
		}
	}
	t.recount()
	return t, nil
}

// Abort drops what was written; blocks already stored become garbage.
func (w *colWriter) Abort() {
	if w.done {
		return
	}
	w.done = true
	defer w.release()
	if w.pool != nil {
		w.pool.fail(sqlerr.Newf(sqlerr.QueryCanceled, "table write aborted"))
		_ = w.pool.Wait()
	}
}

// batchCap is how many rows b holds before a column must grow.
func batchCap(b *vector.Batch) int {
	c := math.MaxInt
	for _, v := range b.Cols {
		c = min(c, v.Cap())
	}
	return c
}

// regrow copies b into vectors with room for capacity rows.
func regrow(b *vector.Batch, ts []types.T, capacity int) *vector.Batch {
	out := newBuffer(ts, capacity)
	for c, v := range out.Cols {
		appendRows(v, b.Cols[c], 0, b.N)
	}
	out.N = b.N
	return out
}

// runLayout is the table's layout with encodings that are quick to write and
// read back, for sort runs: AZ64 for numbers and dates, LZ4 (LZO) for
// strings, RAW for the rest.
func (w *colWriter) runLayout() *Layout {
	if w.runL != nil {
		return w.runL
	}
	l := w.t.layout
	l.Encodings = make([]encoding.Kind, len(l.Types))
	for i, t := range l.Types {
		switch {
		case encoding.Supports(encoding.AZ64, t):
			l.Encodings[i] = encoding.AZ64
		case t.IsString():
			l.Encodings[i] = encoding.LZO
		default:
			l.Encodings[i] = encoding.Raw
		}
	}
	w.runL = &l
	return w.runL
}
