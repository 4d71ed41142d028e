package storage

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// encodingOf is the encoding column i's blocks get: the layout's choice when
// it can encode the type, else RAW.
func encodingOf(l *Layout, i int) encoding.Kind {
	if i < len(l.Encodings) {
		if k := l.Encodings[i]; encoding.Supports(k, l.Types[i]) {
			return k
		}
	}
	return encoding.Raw
}

// putBlock encodes v's rows [from, to) with enc (RAW when enc refuses the
// data) and stores the block.
func putBlock(ctx context.Context, s *block.Store, v *vector.Vector, from, to int, enc encoding.Kind) (block.Meta, error) {
	data, m, err := block.Encode(v, from, to, enc)
	if err != nil && enc != encoding.Raw && sqlerr.CodeOf(err) == sqlerr.FeatureNotSupported {
		data, m, err = block.Encode(v, from, to, encoding.Raw)
	}
	if err != nil {
		return block.Meta{}, err
	}
	h, err := s.Put(ctx, data)
	if err != nil {
		return block.Meta{}, err
	}
	m.Hash = h
	if m.Bytes == 0 {
		m.Bytes = int64(len(data))
	}
	return m, nil
}

// writeGroups encodes b's rows as row groups of at most l.BlockRows rows.
func writeGroups(ctx context.Context, s *block.Store, l *Layout, b *vector.Batch) ([]*rowGroup, error) {
	var out []*rowGroup
	for from := 0; from < b.N; from += l.BlockRows {
		if err := ctxErr(ctx); err != nil {
			return nil, err
		}
		to := min(from+l.BlockRows, b.N)
		g := &rowGroup{rows: to - from, blocks: make([]block.Meta, len(b.Cols))}
		for c, v := range b.Cols {
			m, err := putBlock(ctx, s, v, from, to, encodingOf(l, c))
			if err != nil {
				return nil, err
			}
			g.blocks[c] = m
		}
		out = append(out, g)
	}
	return out, nil
}

// readGroup decodes every column of g and drops its deleted rows. It reads
// past the block cache (Get + Decode): rewrites (merges, VACUUM) read each
// block once, and caching them would push out blocks scans need.
func (t *ColTable) readGroup(ctx context.Context, g *rowGroup, cols []int) (*vector.Batch, error) {
	b := &vector.Batch{Cols: make([]*vector.Vector, len(cols)), N: g.rows}
	for j, c := range cols {
		v, err := readBlock(ctx, t.store, &g.blocks[c], t.layout.Types[c])
		if err != nil {
			return nil, t.corrupt(err, c)
		}
		b.Cols[j] = v
	}
	if len(g.del) > 0 {
		b = b.Gather(liveSel(g, 0, g.rows))
	}
	return b, nil
}

func readBlock(ctx context.Context, s *block.Store, m *block.Meta, t types.T) (*vector.Vector, error) {
	data, err := s.Get(ctx, m.Hash)
	if err != nil {
		return nil, err
	}
	v, err := block.Decode(data, t)
	if err != nil {
		return nil, err
	}
	if v.Len() != m.Rows {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "block %s holds %d rows, its table says %d", m.Hash, v.Len(), m.Rows)
	}
	return v, nil
}

// liveSel returns the offsets in [from, to) of g's rows that are not deleted.
func liveSel(g *rowGroup, from, to int) []int32 {
	sel := make([]int32, 0, to-from)
	d := g.del
	k := lowerBound(d, uint32(from))
	for r := from; r < to; r++ {
		if k < len(d) && int(d[k]) == r {
			k++
			continue
		}
		sel = append(sel, int32(r))
	}
	return sel
}

// lowerBound is the index of the first element of d >= x.
func lowerBound(d []uint32, x uint32) int {
	lo, hi := 0, len(d)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// appendRows appends rows [from, to) of src to dst (same physical kind),
// copying values and NULL bits without allocating per call: merges copy
// runs as short as one row.
func appendRows(dst, src *vector.Vector, from, to int) {
	n := dst.Len()
	switch src.Type.Physical() {
	case types.PhysBool:
		dst.Bools = append(dst.Bools, src.Bools[from:to]...)
	case types.PhysInt64:
		dst.Ints = append(dst.Ints, src.Ints[from:to]...)
	case types.PhysFloat64:
		dst.Floats = append(dst.Floats, src.Floats[from:to]...)
	case types.PhysDecimal128:
		dst.Decs = append(dst.Decs, src.Decs[from:to]...)
	case types.PhysString:
		dst.Strs = append(dst.Strs, src.Strs[from:to]...)
	case types.PhysInterval:
		dst.Ivs = append(dst.Ivs, src.Ivs[from:to]...)
	default:
		dst.AppendVector(src.Slice(from, to))
		return
	}
	if dst.Nulls != nil {
		dst.Nulls = dst.Nulls.Grow(n + to - from)
	}
	if src.Nulls != nil {
		for r := from; r < to; r++ {
			if src.Nulls.IsNull(r) {
				dst.SetNull(n + r - from)
			}
		}
	}
}

// appendSel appends rows sel of src to dst.
func appendSel(dst, src *vector.Vector, sel []int32) {
	n := dst.Len()
	switch src.Type.Physical() {
	case types.PhysBool:
		dst.Bools = appendGather(dst.Bools, src.Bools, sel)
	case types.PhysInt64:
		dst.Ints = appendGather(dst.Ints, src.Ints, sel)
	case types.PhysFloat64:
		dst.Floats = appendGather(dst.Floats, src.Floats, sel)
	case types.PhysDecimal128:
		dst.Decs = appendGather(dst.Decs, src.Decs, sel)
	case types.PhysString:
		dst.Strs = appendGather(dst.Strs, src.Strs, sel)
	case types.PhysInterval:
		dst.Ivs = appendGather(dst.Ivs, src.Ivs, sel)
	default:
		dst.AppendVector(src.Gather(sel))
		return
	}
	if dst.Nulls != nil {
		dst.Nulls = dst.Nulls.Grow(n + len(sel))
	}
	if src.Nulls != nil {
		for i, r := range sel {
			if src.Nulls.IsNull(int(r)) {
				dst.SetNull(n + i)
			}
		}
	}
}

func appendGather[T any](dst, src []T, sel []int32) []T {
	for _, r := range sel {
		dst = append(dst, src[r])
	}
	return dst
}

// newBuffer returns empty column vectors with room for n rows.
func newBuffer(ts []types.T, n int) *vector.Batch {
	b := &vector.Batch{Cols: make([]*vector.Vector, len(ts))}
	for i, t := range ts {
		b.Cols[i] = vector.NewWithCap(t, n)
	}
	return b
}

// allCols is 0..n-1.
func allCols(n int) []int {
	c := make([]int, n)
	for i := range c {
		c[i] = i
	}
	return c
}
