package vector

import "github.com/warehoused/warehoused/types"

// Gather returns a new vector holding rows sel[0], sel[1], ... of v.
func (v *Vector) Gather(sel []int32) *Vector {
	out := &Vector{Type: v.Type, n: len(sel)}
	switch v.Type.Physical() {
	case types.PhysBool:
		out.Bools = gather(v.Bools, sel)
	case types.PhysInt64:
		out.Ints = gather(v.Ints, sel)
	case types.PhysFloat64:
		out.Floats = gather(v.Floats, sel)
	case types.PhysDecimal128:
		out.Decs = gather(v.Decs, sel)
	case types.PhysString:
		out.Strs = gather(v.Strs, sel)
	case types.PhysInterval:
		out.Ivs = gather(v.Ivs, sel)
	}
	if v.Nulls != nil {
		var nb Bitmap
		for i, s := range sel {
			if v.Nulls.IsNull(int(s)) {
				if nb == nil {
					nb = NewBitmap(len(sel))
				}
				nb.SetNull(i)
			}
		}
		out.Nulls = nb
	}
	return out
}

func gather[T any](src []T, sel []int32) []T {
	out := make([]T, len(sel))
	for i, s := range sel {
		out[i] = src[s]
	}
	return out
}

// Slice returns a new vector sharing rows [from, to) of v (values are shared,
// the NULL bitmap copied when the range is not word-aligned).
func (v *Vector) Slice(from, to int) *Vector {
	out := &Vector{Type: v.Type, n: to - from}
	v.sliceValues(out, from, to)
	if v.Nulls != nil {
		var nb Bitmap
		for i := from; i < to; i++ {
			if v.Nulls.IsNull(i) {
				if nb == nil {
					nb = NewBitmap(to - from)
				}
				nb.SetNull(i - from)
			}
		}
		out.Nulls = nb
	}
	return out
}

// View sets *dst to a read-only view of rows [from, to) of v without
// allocating: values are shared, and so are the NULL bitmap's words when the
// range starts on a word and ends on one or at v's end (no bits of rows
// outside the range can then show); otherwise the bits are copied as Slice
// does. Scans hand such views of cached blocks to operators.
func (v *Vector) View(dst *Vector, from, to int) {
	if v.Type.Physical() == types.PhysNull || (v.Nulls != nil &&
		(from&63 != 0 || (to&63 != 0 && to != v.Len()) || len(v.Nulls)*64 < to)) {
		*dst = *v.Slice(from, to)
		return
	}
	*dst = Vector{Type: v.Type}
	v.sliceValues(dst, from, to)
	if v.Nulls != nil {
		hi := (to + 63) >> 6
		if words := v.Nulls[from>>6 : hi : hi]; words.Any(to - from) {
			dst.Nulls = words
		}
	}
}

// sliceValues points dst's value slice at rows [from, to) of v's.
func (v *Vector) sliceValues(dst *Vector, from, to int) {
	switch v.Type.Physical() {
	case types.PhysBool:
		dst.Bools = v.Bools[from:to:to]
	case types.PhysInt64:
		dst.Ints = v.Ints[from:to:to]
	case types.PhysFloat64:
		dst.Floats = v.Floats[from:to:to]
	case types.PhysDecimal128:
		dst.Decs = v.Decs[from:to:to]
	case types.PhysString:
		dst.Strs = v.Strs[from:to:to]
	case types.PhysInterval:
		dst.Ivs = v.Ivs[from:to:to]
	}
}

// AppendVector appends all rows of src (same physical kind) to v.
func (v *Vector) AppendVector(src *Vector) {
	n := v.Len()
	m := src.Len()
	switch v.Type.Physical() {
	case types.PhysBool:
		v.Bools = append(v.Bools, src.Bools...)
	case types.PhysInt64:
		v.Ints = append(v.Ints, src.Ints...)
	case types.PhysFloat64:
		v.Floats = append(v.Floats, src.Floats...)
	case types.PhysDecimal128:
		v.Decs = append(v.Decs, src.Decs...)
	case types.PhysString:
		v.Strs = append(v.Strs, src.Strs...)
	case types.PhysInterval:
		v.Ivs = append(v.Ivs, src.Ivs...)
	case types.PhysNull:
		v.n = n + m
		v.Nulls = v.Nulls.Grow(n + m)
		if v.Nulls == nil {
			v.Nulls = NewBitmap(n + m)
		}
		for i := n; i < n+m; i++ {
			v.Nulls.SetNull(i)
		}
		return
	}
	v.n = n + m
	if src.Nulls == nil && v.Nulls == nil {
		return
	}
	if v.Nulls == nil {
		v.Nulls = NewBitmap(n + m)
	} else {
		v.Nulls = v.Nulls.Grow(n + m)
	}
	for i := 0; i < m; i++ {
		if src.Nulls.IsNull(i) {
			v.Nulls.SetNull(n + i)
		} else {
			v.Nulls.SetValid(n + i)
		}
	}
}

// AppendRow appends row i of src (same physical kind) to v.
func (v *Vector) AppendRow(src *Vector, i int) {
	n := v.Len()
	switch v.Type.Physical() {
	case types.PhysBool:
		v.Bools = append(v.Bools, src.Bools[i])
	case types.PhysInt64:
		v.Ints = append(v.Ints, src.Ints[i])
	case types.PhysFloat64:
		v.Floats = append(v.Floats, src.Floats[i])
	case types.PhysDecimal128:
		v.Decs = append(v.Decs, src.Decs[i])
	case types.PhysString:
		v.Strs = append(v.Strs, src.Strs[i])
	case types.PhysInterval:
		v.Ivs = append(v.Ivs, src.Ivs[i])
	}
	v.n = n + 1
	if v.Nulls != nil {
		v.Nulls = v.Nulls.Grow(n + 1)
		v.Nulls.SetValid(n)
	}
	if src.Nulls.IsNull(i) {
		v.SetNull(n)
	}
}
