package storage

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Scan implements TableReader: the row groups of one slice, skipping those
// whose zone maps exclude req.Ranges, in batches of at most
// vector.DefaultBatchSize rows that share the cached decoded blocks.
func (t *ColTable) Scan(ctx context.Context, req ScanRequest) (BatchIterator, error) {
	if req.Slice < 0 || req.Slice >= len(t.slices) {
		return nil, sqlerr.Newf(sqlerr.InternalError, "scan of slice %d out of %d", req.Slice, len(t.slices))
	}
	nc := len(t.layout.Types)
	it := &colIter{t: t, slice: req.Slice, groups: t.slices[req.Slice].groups, cols: req.Columns, stats: req.Stats, gi: -1}
	for _, c := range req.Columns {
		if c < -1 || c >= nc {
			return nil, sqlerr.Newf(sqlerr.InternalError, "scan of column %d out of %d", c, nc)
		}
		if c >= 0 {
			it.nblocks++
		}
	}
	for _, r := range req.Ranges {
		if r.Col >= 0 && r.Col < nc && (r.Lo != nil || r.Hi != nil) {
			it.ranges = append(it.ranges, r)
		}
	}
	it.cur = make([]*vector.Vector, len(req.Columns))
	return it, nil
}

// colIter walks one slice's row groups.
type colIter struct {
	t       *ColTable
	slice   int
	groups  []*rowGroup
	cols    []int
	ranges  []ColumnRange
	stats   *ScanStats
	nblocks int // requested table columns (blocks per row group)

	gi  int              // current row group
	cur []*vector.Vector // its decoded blocks by output column (nil for row ids)
	pos int              // next row in it
}

// Next returns the next batch. Its vectors are fresh headers over the
// shared decoded blocks: callers must never write into their values.
func (it *colIter) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	for {
		if it.gi >= 0 && it.gi < len(it.groups) {
			g := it.groups[it.gi]
			for it.pos < g.rows {
				from := it.pos
				to := min(from+vector.DefaultBatchSize, g.rows)
				it.pos = to
				if b := it.batch(g, from, to); b != nil {
					if it.stats != nil {
						it.stats.RowsRead.Add(int64(b.N))
					}
					return b, nil
				}
			}
		}
		if it.gi+1 >= len(it.groups) {
			it.gi = len(it.groups)
			return nil, nil
		}
		if err := it.load(ctx, it.gi+1); err != nil {
			return nil, err
		}
	}
}

// load makes row group gi current, reading its blocks unless its zone maps
// exclude the ranges or it has no live rows (then it is current but empty).
func (it *colIter) load(ctx context.Context, gi int) error {
	it.gi, it.pos = gi, 0
	g := it.groups[gi]
	clear(it.cur)
	if g.live() == 0 {
		it.pos = g.rows
		return nil
	}
	for i := range it.ranges {
		r := &it.ranges[i]
		if excludes(&g.blocks[r.Col], r) {
			it.pos = g.rows
			if it.stats != nil {
				it.stats.BlocksSkipped.Add(int64(it.nblocks))
			}
			return nil
		}
	}
	for j, c := range it.cols {
		if c < 0 {
			continue
		}
		v, err := it.t.store.Block(ctx, g.blocks[c].Hash, it.t.layout.Types[c])
		if err != nil {
			return it.t.corrupt(err, c)
		}
		if v.Len() != g.rows {
			return it.t.corrupt(sqlerr.Newf(sqlerr.DataCorrupted, "block %s holds %d rows, its table says %d", g.blocks[c].Hash, v.Len(), g.rows), c)
		}
		it.cur[j] = v
	}
	if it.stats != nil {
		it.stats.BlocksRead.Add(int64(it.nblocks))
	}
	return nil
}

// batch returns rows [from, to) of row group g without its deleted rows, or
// nil when all of them are deleted.
func (it *colIter) batch(g *rowGroup, from, to int) *vector.Batch {
	var sel []int32
	if len(g.del) > 0 {
		k := lowerBound(g.del, uint32(from))
		if k < len(g.del) && int(g.del[k]) < to {
			sel = liveSel(g, from, to)
			if len(sel) == 0 {
				return nil
			}
		}
	}
	n := to - from
	if sel != nil {
		n = len(sel)
	}
	out := &vector.Batch{Cols: make([]*vector.Vector, len(it.cols)), N: n}
	heads := make([]vector.Vector, len(it.cols))
	for j, c := range it.cols {
		switch {
		case c < 0:
			out.Cols[j] = it.rowIDs(from, to, sel)
		case sel != nil:
			out.Cols[j] = it.cur[j].Gather(sel)
		default:
			it.cur[j].View(&heads[j], from, to)
			out.Cols[j] = &heads[j]
		}
	}
	return out
}

func (it *colIter) rowIDs(from, to int, sel []int32) *vector.Vector {
	base := RowID(it.slice, it.gi, 0)
	if sel != nil {
		v := vector.New(types.Int64Type, len(sel))
		for i, r := range sel {
			v.Ints[i] = base + int64(r)
		}
		return v
	}
	v := vector.New(types.Int64Type, to-from)
	for i := range v.Ints {
		v.Ints[i] = base + int64(from+i)
	}
	return v
}

func (it *colIter) Close() error {
	clear(it.cur)
	it.groups = nil
	return nil
}
