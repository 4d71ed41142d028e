package storage

import (
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// groupGather collects the rows of one output row group of a merge as
// references (source batch, row) and then copies them column by column in
// one tight loop each. Runs of a load interleave almost row by row, so
// copying rows as the merge finds them meant a call per row and column.
type groupGather struct {
	ts   []types.T
	srcs []*vector.Batch // the batches this group's rows come from
	// index finds a batch in srcs once there are many (a merge of runs
	// whose row groups hold few live rows draws from many batches).
	index map[*vector.Batch]int
	src   []int32       // per row: index into srcs
	row   []int32       // per row: row in that batch
	out   *vector.Batch // reused from group to group: writeGroups keeps no reference
}

func newGroupGather(ts []types.T, rows int) *groupGather {
	return &groupGather{
		ts:  ts,
		src: make([]int32, 0, rows),
		row: make([]int32, 0, rows),
		out: newBuffer(ts, rows),
	}
}

// len is the number of rows collected.
func (g *groupGather) len() int { return len(g.row) }

// add collects rows [from, to) of b.
func (g *groupGather) add(b *vector.Batch, from, to int) {
	k := len(g.srcs) - 1
	if k < 0 || g.srcs[k] != b {
		k = g.source(b)
	}
	for r := from; r < to; r++ {
		g.src = append(g.src, int32(k))
		g.row = append(g.row, int32(r))
	}
}

// fewSources is how many source batches a group looks up by a linear search.
const fewSources = 32

// source returns b's index in srcs, adding it when new.
func (g *groupGather) source(b *vector.Batch) int {
	if g.index == nil {
		if k := slices.Index(g.srcs, b); k >= 0 {
			return k
		}
	} else if k, ok := g.index[b]; ok {
		return k
	}
	g.srcs = append(g.srcs, b)
	k := len(g.srcs) - 1
	switch {
	case g.index != nil:
		g.index[b] = k
	case len(g.srcs) > fewSources:
		g.index = make(map[*vector.Batch]int, 2*len(g.srcs))
		for i, s := range g.srcs {
			g.index[s] = i
		}
	}
	return k
}

// batch copies the collected rows into the reused output batch and forgets
// them; the batch is valid until the next call.
func (g *groupGather) batch() *vector.Batch {
	n := len(g.row)
	for c, t := range g.ts {
		dst := g.out.Cols[c]
		switch t.Physical() {
		case types.PhysBool:
			dst.Bools = gatherFrom(dst.Bools[:0], columns(g.srcs, c, func(v *vector.Vector) []bool { return v.Bools }), g.src, g.row)
		case types.PhysInt64:
			dst.Ints = gatherFrom(dst.Ints[:0], columns(g.srcs, c, func(v *vector.Vector) []int64 { return v.Ints }), g.src, g.row)
		case types.PhysFloat64:
			dst.Floats = gatherFrom(dst.Floats[:0], columns(g.srcs, c, func(v *vector.Vector) []float64 { return v.Floats }), g.src, g.row)
		case types.PhysDecimal128:
			dst.Decs = gatherFrom(dst.Decs[:0], columns(g.srcs, c, func(v *vector.Vector) []types.Decimal128 { return v.Decs }), g.src, g.row)
		case types.PhysString:
			dst.Strs = gatherFrom(dst.Strs[:0], columns(g.srcs, c, func(v *vector.Vector) []string { return v.Strs }), g.src, g.row)
		case types.PhysInterval:
			dst.Ivs = gatherFrom(dst.Ivs[:0], columns(g.srcs, c, func(v *vector.Vector) []types.IntervalValue { return v.Ivs }), g.src, g.row)
		default: // no values, only NULLs: row by row, rare
			fresh := vector.NewWithCap(t, n)
			for i, r := range g.row {
				appendRows(fresh, g.srcs[g.src[i]].Cols[c], int(r), int(r)+1)
			}
			g.out.Cols[c] = fresh
			continue
		}
		dst.Nulls = g.nulls(c, dst.Nulls)
	}
	g.out.N = n
	clear(g.srcs) // let the batches go
	g.srcs, g.src, g.row, g.index = g.srcs[:0], g.src[:0], g.row[:0], nil
	return g.out
}

// nulls returns the NULL bitmap of column c's collected rows (nil: none),
// reusing buf.
func (g *groupGather) nulls(c int, buf vector.Bitmap) vector.Bitmap {
	has := false
	for _, b := range g.srcs {
		has = has || b.Cols[c].Nulls != nil
	}
	if !has {
		return nil
	}
	words := (len(g.row) + 63) >> 6
	if cap(buf) < words {
		buf = vector.NewBitmap(len(g.row))
	}
	buf = buf[:words]
	clear(buf)
	for i, r := range g.row {
		if g.srcs[g.src[i]].Cols[c].Nulls.IsNull(int(r)) {
			buf.SetNull(i)
		}
	}
	return buf
}

// columns returns the value slice of column c of each batch.
func columns[E any](srcs []*vector.Batch, c int, vals func(*vector.Vector) []E) [][]E {
	out := make([][]E, len(srcs))
	for i, b := range srcs {
		out[i] = vals(b.Cols[c])
	}
	return out
}

func gatherFrom[E any](dst []E, cols [][]E, src, row []int32) []E {
	for i, r := range row {
		dst = append(dst, cols[src[i]][r])
	}
	return dst
}
