package encoding

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// col is the slice of one vector an encoder reads or a decoder writes: the
// typed slice of the vector's physical kind, already cut to the rows at hand,
// so every codec works on plain slices starting at 0.
type col struct {
	t      types.T
	n      int
	bools  []bool
	ints   []int64
	floats []float64
	decs   []types.Decimal128
	strs   []string
	ivs    []types.IntervalValue
}

// viewCol returns rows [from, to) of v without copying.
func viewCol(v *vector.Vector, from, to int) col {
	c := col{t: v.Type, n: to - from}
	switch v.Type.Physical() {
	case types.PhysBool:
		c.bools = v.Bools[from:to]
	case types.PhysInt64:
		c.ints = v.Ints[from:to]
	case types.PhysFloat64:
		c.floats = v.Floats[from:to]
	case types.PhysDecimal128:
		c.decs = v.Decs[from:to]
	case types.PhysString:
		c.strs = v.Strs[from:to]
	case types.PhysInterval:
		c.ivs = v.Ivs[from:to]
	}
	return c
}

// encodeCol returns rows [from, to) of v for encoding. NULL slots hold
// arbitrary values; they are replaced by the previous row's value (the first
// by the zero value) in a copy, which keeps runs, deltas and dictionaries as
// tight as the non-NULL data and keeps garbage out of range-checked widths.
// Without NULLs in range the vector's own slices are used.
func encodeCol(v *vector.Vector, from, to int) col {
	c := viewCol(v, from, to)
	nulls := v.Nulls
	if nulls == nil {
		return c
	}
	isNull := func(i int) bool { return (i>>6) < len(nulls) && nulls.IsNull(i) }
	any := false
	for i := from; i < to; i++ {
		if isNull(i) {
			any = true
			break
		}
	}
	if !any {
		return c
	}
	switch v.Type.Physical() {
	case types.PhysBool:
		c.bools = fillNulls(append([]bool(nil), c.bools...), from, isNull)
	case types.PhysInt64:
		c.ints = fillNulls(append([]int64(nil), c.ints...), from, isNull)
	case types.PhysFloat64:
		c.floats = fillNulls(append([]float64(nil), c.floats...), from, isNull)
	case types.PhysDecimal128:
		c.decs = fillNulls(append([]types.Decimal128(nil), c.decs...), from, isNull)
	case types.PhysString:
		c.strs = fillNulls(append([]string(nil), c.strs...), from, isNull)
	case types.PhysInterval:
		c.ivs = fillNulls(append([]types.IntervalValue(nil), c.ivs...), from, isNull)
	}
	return c
}

func fillNulls[E any](s []E, from int, isNull func(int) bool) []E {
	var prev E
	for i := range s {
		if isNull(from + i) {
			s[i] = prev
		}
		prev = s[i]
	}
	return s
}

// decodeCol returns rows [0, n) of out for a decoder to fill.
func decodeCol(out *vector.Vector, n int) (col, error) {
	if n < 0 || out.Len() < n {
		return col{}, sqlerr.Newf(sqlerr.InternalError, "encoding: output vector has %d rows, need %d", out.Len(), n)
	}
	return viewCol(out, 0, n), nil
}

// corrupt is the error of every decoder that meets malformed input.
func corrupt(k Kind, format string, args ...any) error {
	e := sqlerr.Newf(sqlerr.DataCorrupted, format, args...)
	e.Message = "corrupt " + k.String() + " block: " + e.Message
	return e
}

// newCol allocates a column of m zero values of type t (dictionaries, run
// values, exceptions).
func newCol(t types.T, m int) col {
	c := col{t: t, n: m}
	switch t.Physical() {
	case types.PhysBool:
		c.bools = make([]bool, m)
	case types.PhysInt64:
		c.ints = make([]int64, m)
	case types.PhysFloat64:
		c.floats = make([]float64, m)
	case types.PhysDecimal128:
		c.decs = make([]types.Decimal128, m)
	case types.PhysString:
		c.strs = make([]string, m)
	case types.PhysInterval:
		c.ivs = make([]types.IntervalValue, m)
	}
	return c
}

// gather returns the rows of c at positions idx, in that order.
func gather(c *col, idx []int) col {
	g := newCol(c.t, len(idx))
	switch c.t.Physical() {
	case types.PhysBool:
		gatherInto(g.bools, c.bools, idx)
	case types.PhysInt64:
		gatherInto(g.ints, c.ints, idx)
	case types.PhysFloat64:
		gatherInto(g.floats, c.floats, idx)
	case types.PhysDecimal128:
		gatherInto(g.decs, c.decs, idx)
	case types.PhysString:
		gatherInto(g.strs, c.strs, idx)
	case types.PhysInterval:
		gatherInto(g.ivs, c.ivs, idx)
	}
	return g
}

func gatherInto[E any](dst, src []E, idx []int) {
	for i, j := range idx {
		dst[i] = src[j]
	}
}

func errUnsupported(k Kind, t types.T) error {
	return sqlerr.Newf(sqlerr.FeatureNotSupported, "compression encoding %s is not supported for type %s", k, t)
}
