package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// colStore materialises batches into one vector per column; sorts, top-N
// and the build sides of joins keep their rows in one. Batches are kept as
// they come and concatenated once, at exact size, by finish.
type colStore struct {
	ts      []types.T
	cols    []*vector.Vector // valid after finish
	n       int              // rows added, pending included
	pending []*vector.Batch
	bytes   int64 // estimated bytes of the rows added (see memory.go)
}

func newColStore(ts []types.T) *colStore {
	s := &colStore{ts: ts, cols: make([]*vector.Vector, len(ts))}
	for i, t := range ts {
		s.cols[i] = vector.NewWithCap(t, 0)
	}
	return s
}

// add queues all rows of b.
func (s *colStore) add(b *vector.Batch) {
	s.pending = append(s.pending, b)
	s.n += b.N
	s.bytes += batchBytes(b)
}

// finish concatenates the queued batches into s.cols.
func (s *colStore) finish() {
	if len(s.pending) == 0 {
		return
	}
	have := 0
	if len(s.cols) > 0 {
		have = s.cols[0].Len()
	}
	if have == 0 && len(s.pending) == 1 {
		// Adopt the vectors; copy headers and bitmaps, which later appends
		// modify (appends to value arrays reallocate when cap == len, and
		// copy otherwise).
		b := s.pending[0]
		for i, c := range b.Cols {
			if c.Len() != b.N || !sliceCapIsLen(c) || c.Type.Physical() != s.ts[i].Physical() {
				s.cols[i] = concatVectors(s.ts[i], []*vector.Vector{c}, b.N)
				continue
			}
			cp := *c
			if c.Nulls != nil {
				cp.Nulls = append(vector.Bitmap(nil), c.Nulls...)
			}
			s.cols[i] = &cp
		}
		s.pending = nil
		return
	}
	parts := make([]*vector.Vector, 0, len(s.pending)+1)
	for c := range s.ts {
		parts = parts[:0]
		if have > 0 {
			parts = append(parts, s.cols[c])
		}
		for _, b := range s.pending {
			parts = append(parts, b.Cols[c])
		}
		s.cols[c] = concatVectors(s.ts[c], parts, s.n)
	}
	s.pending = nil
}

// concatVectors copies parts (n rows in all) into one new vector of type t.
func concatVectors(t types.T, parts []*vector.Vector, n int) *vector.Vector {
	out := vector.New(t, n)
	off := 0
	var nulls vector.Bitmap
	for _, p := range parts {
		m := p.Len()
		switch t.Physical() {
		case types.PhysBool:
			copy(out.Bools[off:], p.Bools[:m])
		case types.PhysInt64:
			copy(out.Ints[off:], p.Ints[:m])
		case types.PhysFloat64:
			copy(out.Floats[off:], p.Floats[:m])
		case types.PhysDecimal128:
			copy(out.Decs[off:], p.Decs[:m])
		case types.PhysString:
			copy(out.Strs[off:], p.Strs[:m])
		case types.PhysInterval:
			copy(out.Ivs[off:], p.Ivs[:m])
		case types.PhysNull:
			off += m
			continue
		}
		if p.Type.Physical() == types.PhysNull || p.Nulls.Any(m) {
			if nulls == nil {
				nulls = vector.NewBitmap(n)
			}
			for i := 0; i < m; i++ {
				if p.Type.Physical() == types.PhysNull || p.Nulls.IsNull(i) {
					nulls.SetNull(off + i)
				}
			}
		}
		off += m
	}
	if t.Physical() != types.PhysNull {
		out.Nulls = nulls
	}
	return out
}

// sliceCapIsLen reports whether appending to v must reallocate (so v's
// backing array, owned by whoever made the batch, is never written to).
func sliceCapIsLen(v *vector.Vector) bool {
	switch v.Type.Physical() {
	case types.PhysBool:
		return cap(v.Bools) == len(v.Bools)
	case types.PhysInt64:
		return cap(v.Ints) == len(v.Ints)
	case types.PhysFloat64:
		return cap(v.Floats) == len(v.Floats)
	case types.PhysDecimal128:
		return cap(v.Decs) == len(v.Decs)
	case types.PhysString:
		return cap(v.Strs) == len(v.Strs)
	case types.PhysInterval:
		return cap(v.Ivs) == len(v.Ivs)
	}
	return false
}

// drainInto reads op to the end into s (op already open), checking ctx once per batch.
func drainInto(ctx context.Context, op Operator, s *colStore) error {
	for {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		b, err := op.Next(ctx)
		if err != nil {
			return err
		}
		if b == nil {
			s.finish()
			return nil
		}
		if b.N > 0 {
			s.add(b)
		}
	}
}

// gatherNullable returns rows sel of v, where sel[i] < 0 gives NULL.
func gatherNullable(v *vector.Vector, t types.T, sel []int32) *vector.Vector {
	hasNeg := false
	for _, s := range sel {
		if s < 0 {
			hasNeg = true
			break
		}
	}
	if !hasNeg {
		return v.Gather(sel)
	}
	out := vector.New(t, len(sel))
	nulls := vector.NewBitmap(len(sel))
	switch t.Physical() {
	case types.PhysBool:
		gatherNeg(out.Bools, v.Bools, sel)
	case types.PhysInt64:
		gatherNeg(out.Ints, v.Ints, sel)
	case types.PhysFloat64:
		gatherNeg(out.Floats, v.Floats, sel)
	case types.PhysDecimal128:
		gatherNeg(out.Decs, v.Decs, sel)
	case types.PhysString:
		gatherNeg(out.Strs, v.Strs, sel)
	case types.PhysInterval:
		gatherNeg(out.Ivs, v.Ivs, sel)
	}
	for i, s := range sel {
		if s < 0 || v.Nulls.IsNull(int(s)) {
			nulls.SetNull(i)
		}
	}
	out.Nulls = nulls
	return out
}

func gatherNeg[T any](dst, src []T, sel []int32) {
	for i, s := range sel {
		if s >= 0 {
			dst[i] = src[s]
		}
	}
}

// nullVector returns n NULLs of type t.
func nullVector(t types.T, n int) *vector.Vector {
	v := vector.New(t, n)
	nb := vector.NewBitmap(n)
	for i := range nb {
		nb[i] = ^uint64(0)
	}
	v.Nulls = nb
	return v
}
