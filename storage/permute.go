package storage

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// permScratch reorders a batch's rows in place: each column is gathered into
// a scratch slice (reused from run to run) and copied back. A sort run then
// keeps the memory its rows were buffered in instead of a sorted copy: on
// virtual machines that back guest memory lazily, first touching fresh
// memory costs milliseconds per megabyte, and sorted copies of every run
// were most of a sorted load's system time.
type permScratch struct {
	bools  []bool
	ints   []int64
	floats []float64
	decs   []types.Decimal128
	strs   []string
	ivs    []types.IntervalValue
	nulls  vector.Bitmap
}

// permute reorders b's rows (perm covers all of them): row i becomes old
// row perm[i].
func (s *permScratch) permute(b *vector.Batch, perm []int32) {
	for _, v := range b.Cols {
		switch v.Type.Physical() {
		case types.PhysBool:
			s.bools = permuteVals(v.Bools, perm, s.bools)
		case types.PhysInt64:
			s.ints = permuteVals(v.Ints, perm, s.ints)
		case types.PhysFloat64:
			s.floats = permuteVals(v.Floats, perm, s.floats)
		case types.PhysDecimal128:
			s.decs = permuteVals(v.Decs, perm, s.decs)
		case types.PhysString:
			s.strs = permuteVals(v.Strs, perm, s.strs)
		case types.PhysInterval:
			s.ivs = permuteVals(v.Ivs, perm, s.ivs)
		}
		if v.Nulls != nil {
			s.nulls = permuteBits(v.Nulls, perm, s.nulls)
		}
	}
}

func permuteVals[E any](vals []E, perm []int32, tmp []E) []E {
	tmp = tmp[:0]
	for _, p := range perm {
		tmp = append(tmp, vals[p])
	}
	copy(vals, tmp)
	return tmp
}

func permuteBits(b vector.Bitmap, perm []int32, tmp vector.Bitmap) vector.Bitmap {
	words := (len(perm) + 63) >> 6
	if cap(tmp) < words {
		tmp = make(vector.Bitmap, words)
	}
	tmp = tmp[:words]
	clear(tmp)
	for i, p := range perm {
		if b.IsNull(int(p)) {
			tmp.SetNull(i)
		}
	}
	copy(b, tmp)
	return tmp
}

// permScratch returns a scratch for sorting a run in place (Put it back in
// w.scratch when done).
func (w *colWriter) permScratch() *permScratch {
	if s, ok := w.scratch.Get().(*permScratch); ok {
		return s
	}
	return new(permScratch)
}
