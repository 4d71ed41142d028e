package storage

import (
	"container/heap"
	"context"

	"github.com/warehoused/warehoused/vector"
)

// mergeRun is one sorted run a merge reads: row groups in the store, or a
// sorted batch a load kept in memory (within Layout.SortMemory), which
// saves writing the run in cheap encodings and decoding it again.
type mergeRun struct {
	groups []*rowGroup
	mem    *memRun
}

// memRun is a run in memory: its rows in order and their sort keys.
type memRun struct {
	b    *vector.Batch
	keys sortKeys
}

// newMemRun sorts b's rows in place (through scratch) and keeps b.
func newMemRun(o *sortOrder, b *vector.Batch, scratch *permScratch) *memRun {
	if b.N > 1 {
		scratch.permute(b, o.sortPerm(b))
	}
	return &memRun{b: b, keys: o.keysOf(b)}
}

// storedRuns wraps runs of stored row groups.
func storedRuns(runs [][]*rowGroup) []mergeRun {
	out := make([]mergeRun, len(runs))
	for i, gs := range runs {
		out[i].groups = gs
	}
	return out
}

// runReader streams the live rows of a sorted run, holding one decoded row
// group (or the run's batch in memory) at a time.
type runReader struct {
	t      *ColTable
	o      *sortOrder
	groups []*rowGroup
	mem    *memRun // not yet read: the run in memory
	next   int
	cur    *vector.Batch
	keys   sortKeys
	pos    int
}

// advance loads the next row group with live rows; false at the end.
func (r *runReader) advance(ctx context.Context) (bool, error) {
	r.cur = nil
	if m := r.mem; m != nil {
		r.mem = nil
		if m.b.N > 0 {
			r.cur, r.keys, r.pos = m.b, m.keys, 0
			return true, nil
		}
	}
	for r.next < len(r.groups) {
		g := r.groups[r.next]
		r.next++
		if g.live() == 0 {
			continue
		}
		b, err := r.t.readGroup(ctx, g, allCols(len(r.t.layout.Types)))
		if err != nil {
			return false, err
		}
		r.cur, r.pos = b, 0
		r.keys = r.o.keysOf(b)
		return true, nil
	}
	return false, nil
}

// runHeap orders run readers by their current rows.
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	return h[i].o.compare(&h[i].keys, h[i].pos, &h[j].keys, h[j].pos) < 0
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// mergeFanIn is how many runs one merge reads at once when concurrent
// merges run on workers: their decoded row groups together stay near 64,
// but never fewer than 16 a merge, since each extra pass rewrites the data.
func mergeFanIn(concurrent int) int {
	return max(16, 64/max(concurrent, 1))
}

// mergeAll merges runs into one, in passes of at most fanIn runs so memory
// stays bounded however many runs a large load or VACUUM produced. The
// intermediate runs' blocks become garbage for GC.
func (t *ColTable) mergeAll(ctx context.Context, o *sortOrder, runs []mergeRun, fanIn int) ([]*rowGroup, error) {
	fanIn = max(fanIn, 2)
	for len(runs) > fanIn {
		var next []mergeRun
		for from := 0; from < len(runs); from += fanIn {
			part := runs[from:min(from+fanIn, len(runs))]
			if len(part) == 1 {
				next = append(next, part[0])
				continue
			}
			merged, err := t.mergeRuns(ctx, o, part)
			if err != nil {
				return nil, err
			}
			next = append(next, mergeRun{groups: merged})
		}
		runs = next
	}
	if len(runs) == 1 && runs[0].mem != nil {
		// One run in memory needs no merge.
		return writeGroups(ctx, t.store, &t.layout, runs[0].mem.b)
	}
	return t.mergeRuns(ctx, o, runs)
}

// mergeRuns k-way merges sorted runs of t's row groups into new row groups
// in o's order, with one decoded row group per run and one output row group
// in memory. Deleted rows are left out.
func (t *ColTable) mergeRuns(ctx context.Context, o *sortOrder, runs []mergeRun) ([]*rowGroup, error) {
	h := make(runHeap, 0, len(runs))
	for i, run := range runs {
		r := &runReader{t: t, o: o, groups: run.groups, mem: run.mem}
		runs[i].mem = nil // the reader's now: freed as soon as it is read
		ok, err := r.advance(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	var out []*rowGroup
	blockRows := t.layout.BlockRows
	g := newGroupGather(t.layout.Types, blockRows)
	flush := func() error {
		if g.len() == 0 {
			return nil
		}
		gs, err := writeGroups(ctx, t.store, &t.layout, g.batch())
		if err != nil {
			return err
		}
		out = append(out, gs...)
		return nil
	}
	for len(h) > 0 {
		m := h[0]
		// Take m's rows while they sort before every other run's current
		// row (the smaller of the heap root's children), up to a full group.
		end := m.pos + 1
		limit := min(m.cur.N, m.pos+blockRows-g.len())
		if len(h) > 1 {
			other := h[1]
			if len(h) > 2 && h.Less(2, 1) {
				other = h[2]
			}
			for end < limit && o.compare(&m.keys, end, &other.keys, other.pos) <= 0 {
				end++
			}
		} else {
			end = limit
		}
		g.add(m.cur, m.pos, end)
		m.pos = end
		if g.len() >= blockRows {
			if err := flush(); err != nil {
				return nil, err
			}
			if err := ctxErr(ctx); err != nil {
				return nil, err
			}
		}
		if m.pos < m.cur.N {
			heap.Fix(&h, 0)
			continue
		}
		ok, err := m.advance(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}
