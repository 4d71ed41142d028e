package storage

import (
	"context"
	"runtime"

	"github.com/warehoused/warehoused/vector"
)

// DefaultVacuumThreshold is Redshift's VACUUM TO ... PERCENT default.
const DefaultVacuumThreshold = 95

// vacuumRunGroups is how many row groups of the unsorted region VACUUM
// sorts in memory at a time before merging the runs.
const vacuumRunGroups = 8

// Vacuum returns a rewritten version: sorted (unless DeleteOnly), without
// deleted rows (unless SortOnly), slices in parallel. It returns t itself
// when there is nothing to do: the table is at least threshold percent
// sorted (SORT) and its deleted rows are at most 100-threshold percent
// (DELETE). threshold 0 means 95. REINDEX re-sorts an INTERLEAVED table
// whatever its state, with z-order ranks recomputed from all its rows; on
// other tables it is FULL. A rewrite that sorts also drops every deleted
// row (SORT ONLY included: the rows are rewritten anyway).
func (t *ColTable) Vacuum(ctx context.Context, mode VacuumMode, threshold int) (*ColTable, error) {
	if threshold <= 0 {
		threshold = DefaultVacuumThreshold
	}
	threshold = min(threshold, 100)
	var live, deleted, sortedLive int64
	for _, s := range t.slices {
		for gi, g := range s.groups {
			live += int64(g.live())
			deleted += int64(len(g.del))
			if gi < s.sorted {
				sortedLive += int64(g.live())
			}
		}
	}
	doSort := false
	if t.layout.SortKey != nil && mode != VacuumDeleteOnly && live > 0 {
		doSort = sortedLive*100 < int64(threshold)*live ||
			(mode == VacuumReindex && t.layout.Interleaved)
	}
	doDelete := mode != VacuumSortOnly && deleted > 0 && deleted*100 > int64(100-threshold)*(live+deleted)
	if !doSort && !doDelete {
		return t, nil
	}
	release := t.store.BeginWrite()
	defer release()
	n := t.clone()
	pool := newWorkPool(ctx)
	for s := range t.slices {
		err := pool.Submit(func(ctx context.Context) error {
			var cs colSlice
			var err error
			if doSort {
				cs.groups, err = t.sortSlice(ctx, s)
				cs.sorted = len(cs.groups)
			} else {
				cs, err = t.compactSlice(ctx, s)
			}
			n.slices[s] = cs
			return err
		})
		if err != nil {
			break
		}
	}
	if err := pool.Wait(); err != nil {
		return nil, err
	}
	n.recount()
	return n, nil
}

// sortSlice rewrites slice s fully sorted without deleted rows: the unsorted
// region is sorted in runs of vacuumRunGroups row groups, then the runs and
// the sorted region are merged. Memory holds one run, or one row group per
// run while merging.
func (t *ColTable) sortSlice(ctx context.Context, s int) ([]*rowGroup, error) {
	sl := t.slices[s]
	o := newSortOrder(t.layout)
	from := sl.sorted
	if !o.interleaved && from >= len(sl.groups) && !hasDeletes(sl.groups) {
		return sl.groups, nil
	}
	if o.interleaved {
		// Ranks from all of the slice's rows; the old z-order used other
		// ranks, so nothing counts as sorted.
		from = 0
		b, err := t.sampleKeys(ctx, sl.groups, o.keys)
		if err != nil {
			return nil, err
		}
		o.bounds = computeBounds(b.Cols, b.N)
	}
	var runs [][]*rowGroup
	if from > 0 {
		runs = append(runs, sl.groups[:from])
	}
	newRuns := 0
	gb := newGroupBuilder(t, t.layout.BlockRows*vacuumRunGroups)
	sortRun := func() error {
		if gb.buf == nil || gb.buf.N == 0 {
			return nil
		}
		gs, err := writeGroups(ctx, t.store, &t.layout, o.sortBatch(gb.buf))
		if err != nil {
			return err
		}
		gb.buf = nil
		runs = append(runs, gs)
		newRuns++
		return nil
	}
	for _, g := range sl.groups[from:] {
		if g.live() == 0 {
			continue
		}
		b, err := t.readGroup(ctx, g, allCols(len(t.layout.Types)))
		if err != nil {
			return nil, err
		}
		for off := 0; off < b.N; {
			off += gb.appendUpTo(b, off)
			if gb.full() {
				if err := sortRun(); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := sortRun(); err != nil {
		return nil, err
	}
	if len(runs) == 1 && newRuns == 1 {
		return runs[0], nil
	}
	return t.mergeAll(ctx, &o, storedRuns(runs), mergeFanIn(min(runtime.GOMAXPROCS(0), len(t.slices))))
}

// sampleKeys returns an evenly spaced sample (at most about 256K rows) of
// the key columns' live values of groups.
func (t *ColTable) sampleKeys(ctx context.Context, groups []*rowGroup, keys []int) (*vector.Batch, error) {
	const target = 1 << 18
	var live int64
	for _, g := range groups {
		live += int64(g.live())
	}
	stride := max(1, int(live/target))
	kt := make([]int, len(keys))
	copy(kt, keys)
	out := &vector.Batch{Cols: make([]*vector.Vector, len(keys))}
	for i, c := range keys {
		out.Cols[i] = vector.NewWithCap(t.layout.Types[c], int(min(live, target+1)))
	}
	next := 0 // row number (over live rows) of the next sample
	seen := 0
	for _, g := range groups {
		if g.live() == 0 {
			continue
		}
		b, err := t.readGroup(ctx, g, kt)
		if err != nil {
			return nil, err
		}
		var sel []int32
		for ; next < seen+b.N; next += stride {
			sel = append(sel, int32(next-seen))
		}
		seen += b.N
		for i, v := range out.Cols {
			appendSel(v, b.Cols[i], sel)
		}
		out.N += len(sel)
	}
	return out, nil
}

// compactSlice rewrites the row groups of slice s that have deleted rows,
// keeping row order and the sorted region's bounds; row groups without
// deleted rows are kept as they are.
func (t *ColTable) compactSlice(ctx context.Context, s int) (colSlice, error) {
	sl := t.slices[s]
	var out colSlice
	gb := newGroupBuilder(t, t.layout.BlockRows)
	flush := func() error {
		gs, err := gb.flush(ctx)
		out.groups = append(out.groups, gs...)
		return err
	}
	for gi, g := range sl.groups {
		if gi == sl.sorted {
			if err := flush(); err != nil {
				return out, err
			}
			out.sorted = len(out.groups)
		}
		if len(g.del) == 0 {
			if err := flush(); err != nil {
				return out, err
			}
			out.groups = append(out.groups, g)
			continue
		}
		if g.live() == 0 {
			continue
		}
		b, err := t.readGroup(ctx, g, allCols(len(t.layout.Types)))
		if err != nil {
			return out, err
		}
		for off := 0; off < b.N; {
			off += gb.appendUpTo(b, off)
			if gb.full() {
				if err := flush(); err != nil {
					return out, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return out, err
	}
	if sl.sorted >= len(sl.groups) {
		out.sorted = len(out.groups)
	}
	return out, nil
}

// groupBuilder collects rows up to a capacity before they are written.
type groupBuilder struct {
	t   *ColTable
	cap int
	buf *vector.Batch
}

func newGroupBuilder(t *ColTable, capacity int) *groupBuilder {
	return &groupBuilder{t: t, cap: capacity}
}

// appendUpTo copies rows of b from off on, as many as fit; it returns how many.
func (gb *groupBuilder) appendUpTo(b *vector.Batch, off int) int {
	if gb.buf == nil {
		gb.buf = newBuffer(gb.t.layout.Types, min(gb.cap, gb.t.layout.BlockRows))
	}
	k := min(b.N-off, gb.cap-gb.buf.N)
	for c, v := range gb.buf.Cols {
		appendRows(v, b.Cols[c], off, off+k)
	}
	gb.buf.N += k
	return k
}

func (gb *groupBuilder) full() bool { return gb.buf != nil && gb.buf.N >= gb.cap }

// flush writes the buffered rows as row groups.
func (gb *groupBuilder) flush(ctx context.Context) ([]*rowGroup, error) {
	if gb.buf == nil || gb.buf.N == 0 {
		return nil, nil
	}
	b := gb.buf
	gb.buf = nil
	return writeGroups(ctx, gb.t.store, &gb.t.layout, b)
}

func hasDeletes(groups []*rowGroup) bool {
	for _, g := range groups {
		if len(g.del) > 0 {
			return true
		}
	}
	return false
}
