package storage

import (
	"context"
	"slices"

	"github.com/warehoused/warehoused/vector"
)

// routedBuf serves the sorted first load into a KEY-distributed table: rows
// are buffered once, in arrival order, and a full buffer is split by slice
// and sorted per slice in a single gather. Routing rows into per-slice
// buffers first, then sorting those, copied every value twice.
type routedBuf struct {
	buf *vector.Batch
}

// routes reports whether a write uses routedBuf: a sorted first load into a
// KEY-distributed table of several slices.
func (w *colWriter) routes() bool {
	l := &w.t.layout
	return w.first && l.Dist == DistKey && l.DistKey >= 0 && len(w.t.slices) > 1
}

// appendRouted copies b's rows into the routed buffer, flushing it whenever
// it holds a sort run for every slice.
func (w *colWriter) appendRouted(b *vector.Batch) error {
	r := w.routed
	capRows := w.bufCap * len(w.t.slices)
	for from := 0; from < b.N; {
		if r.buf == nil {
			r.buf = newBuffer(w.t.layout.Types, capRows)
		}
		k := min(b.N-from, capRows-r.buf.N)
		for c, v := range r.buf.Cols {
			appendRows(v, b.Cols[c], from, from+k)
		}
		r.buf.N += k
		from += k
		if r.buf.N >= capRows {
			if err := w.flushRouted(); err != nil {
				return err
			}
		}
	}
	return nil
}

// flushRouted hands the routed buffer to the pool, which splits it into one
// sorted run per slice: kept in memory within the budget, else written.
func (w *colWriter) flushRouted() error {
	b := w.routed.buf
	w.routed.buf = nil
	if b == nil || b.N == 0 {
		return nil
	}
	w.startPool()
	t := w.t
	ns := len(t.slices)
	outs := make([]*groupsOut, ns)
	for s, sb := range w.bufs {
		outs[s] = &groupsOut{}
		sb.outs = append(sb.outs, outs[s])
		if sb.order.interleaved && sb.order.bounds == nil {
			sb.order.bounds = computeBounds(keyCols(b, sb.order.keys), b.N)
		}
	}
	// Every slice's order is the same (same keys, bounds from the same rows).
	order := &w.bufs[0].order
	size := b.Bytes() + int64(b.N)*20 // rows, plus per row its order and keys
	inMemory := w.memHeld+size <= w.memCap
	if inMemory {
		w.memHeld += size
	}
	runL := w.runLayout()
	return w.pool.Submit(func(ctx context.Context) error {
		// Order the rows by slice, then by key, in place: each slice's run is
		// then a view of the buffer.
		sels := make([][]int32, ns)
		for r, s := range KeySlices(b.Cols[t.layout.DistKey], b.N, ns, nil) {
			sels[s] = append(sels[s], int32(r))
		}
		keys := order.keysOf(b)
		perm := make([]int32, 0, b.N)
		for _, sel := range sels {
			slices.SortFunc(sel, func(x, y int32) int { return order.compare(&keys, int(x), &keys, int(y)) })
			perm = append(perm, sel...)
		}
		scratch := w.permScratch()
		scratch.permute(b, perm)
		w.scratch.Put(scratch)
		from := 0
		for s, sel := range sels {
			if err := ctxErr(ctx); err != nil {
				return err
			}
			run := b.Slice(from, from+len(sel))
			from += len(sel)
			if inMemory {
				outs[s].mem = &memRun{b: run, keys: order.keysOf(run)}
				continue
			}
			gs, err := writeGroups(ctx, t.store, runL, run)
			if err != nil {
				return err
			}
			outs[s].groups = gs
		}
		return nil
	})
}
