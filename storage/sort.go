package storage

import (
	"math"
	"math/bits"
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// maxInterleaved is the most sort key columns INTERLEAVED takes (Redshift's limit).
const maxInterleaved = 8

// sortOrder is how a table's rows sort: COMPOUND compares the key columns
// in order (NULLs last, as Redshift); INTERLEAVED compares z-order values
// of the key columns' ranks among quantile boundaries.
type sortOrder struct {
	keys        []int
	interleaved bool
	// bounds[i] are ascending order-preserving codes of key column i that
	// divide its values into ranks (INTERLEAVED only). All runs merged
	// together must use the same bounds.
	bounds [][]uint64
}

// newSortOrder returns the order of layout l (nil keys: unsorted).
func newSortOrder(l Layout) sortOrder {
	o := sortOrder{keys: l.SortKey, interleaved: l.Interleaved}
	if o.interleaved && len(o.keys) > maxInterleaved {
		o.keys = o.keys[:maxInterleaved]
	}
	return o
}

// sortKeys is the precomputed key of each row of one batch: a code that
// decides most comparisons on its own, then the full comparison of the key
// columns when two codes tie (COMPOUND).
type sortKeys struct {
	hi, lo []uint64 // hi: first key column's code (COMPOUND) or z-value high half; lo: z-value low half
	cols   []*vector.Vector
	full   bool // ties need the full comparison
}

// keysOf computes the sort keys of b's n rows.
func (o *sortOrder) keysOf(b *vector.Batch) sortKeys {
	k := sortKeys{cols: make([]*vector.Vector, len(o.keys))}
	for i, c := range o.keys {
		k.cols[i] = b.Cols[c]
	}
	if !o.interleaved {
		k.hi = make([]uint64, b.N)
		codes(k.cols[0], b.N, k.hi)
		k.full = true
		return k
	}
	k.hi = make([]uint64, b.N)
	k.lo = make([]uint64, b.N)
	tmp := make([]uint64, b.N)
	nk := len(k.cols)
	for i, v := range k.cols {
		codes(v, b.N, tmp)
		bd := o.bounds[i]
		for r, code := range tmp {
			rank, _ := slices.BinarySearch(bd, code)
			// Spread the 16 rank bits with stride nk: bit j of column i
			// goes to z-bit j*nk + (nk-1-i), counted from the low end of
			// the 128-bit value.
			x := uint64(rank)
			for x != 0 {
				j := bits.TrailingZeros64(x)
				x &= x - 1
				p := j*nk + (nk - 1 - i)
				if p >= 64 {
					k.hi[r] |= 1 << (p - 64)
				} else {
					k.lo[r] |= 1 << p
				}
			}
		}
	}
	return k
}

// compare orders row i of a against row j of b.
func (o *sortOrder) compare(a *sortKeys, i int, b *sortKeys, j int) int {
	if c := cmp3(a.hi[i], b.hi[j]); c != 0 {
		return c
	}
	if !a.full {
		return cmp3(a.lo[i], b.lo[j])
	}
	for c := range a.cols {
		if r := compareRows(a.cols[c], i, b.cols[c], j); r != 0 {
			return r
		}
	}
	return 0
}

// sortPerm returns the row order that sorts b.
func (o *sortOrder) sortPerm(b *vector.Batch) []int32 {
	k := o.keysOf(b)
	perm := make([]int32, b.N)
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(x, y int32) int { return o.compare(&k, int(x), &k, int(y)) })
	return perm
}

// compareRows orders row i of a against row j of b (same physical kind),
// NULLs last.
func compareRows(a *vector.Vector, i int, b *vector.Vector, j int) int {
	an, bn := a.IsNull(i), b.IsNull(j)
	if an || bn {
		switch {
		case an && bn:
			return 0
		case an:
			return 1
		}
		return -1
	}
	switch a.Type.Physical() {
	case types.PhysInt64:
		return cmp3(a.Ints[i], b.Ints[j])
	case types.PhysFloat64:
		return cmpFloat(a.Floats[i], b.Floats[j])
	case types.PhysString:
		return cmp3(a.Strs[i], b.Strs[j])
	case types.PhysBool:
		return cmpBool(a.Bools[i], b.Bools[j])
	case types.PhysDecimal128:
		return a.Decs[i].Cmp(b.Decs[j])
	case types.PhysInterval:
		return types.CompareInterval(a.Ivs[i], b.Ivs[j])
	}
	return 0
}

// codes fills out with an order-preserving code of each of v's first n rows:
// a < b implies code(a) <= code(b) (equal codes need the full comparison).
// NULL is the largest code.
func codes(v *vector.Vector, n int, out []uint64) {
	switch v.Type.Physical() {
	case types.PhysInt64:
		for r, x := range v.Ints[:n] {
			out[r] = uint64(x) ^ 1<<63
		}
	case types.PhysFloat64:
		for r, x := range v.Floats[:n] {
			out[r] = floatCode(x)
		}
	case types.PhysString:
		for r, s := range v.Strs[:n] {
			out[r] = stringCode(s)
		}
	case types.PhysBool:
		for r, x := range v.Bools[:n] {
			out[r] = 0
			if x {
				out[r] = 1
			}
		}
	case types.PhysDecimal128:
		for r, d := range v.Decs[:n] {
			out[r] = uint64(d.Hi) ^ 1<<63
		}
	case types.PhysInterval:
		for r, iv := range v.Ivs[:n] {
			out[r] = floatCode(types.IntervalMicros(iv))
		}
	default:
		for r := range out[:n] {
			out[r] = math.MaxUint64
		}
		return
	}
	if v.Nulls != nil {
		for r := 0; r < n; r++ {
			if v.Nulls.IsNull(r) {
				out[r] = math.MaxUint64
			}
		}
	}
}

// floatCode maps floats to uint64 in numeric order, NaN above +Inf.
func floatCode(x float64) uint64 {
	if math.IsNaN(x) {
		return math.MaxUint64 - 1
	}
	b := math.Float64bits(x)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// stringCode is the first eight bytes of s, big-endian, zero-padded.
func stringCode(s string) uint64 {
	var c uint64
	for i := 0; i < 8; i++ {
		c <<= 8
		if i < len(s) {
			c |= uint64(s[i])
		}
	}
	return c
}

// computeBounds picks INTERLEAVED rank boundaries for each key column from
// samples (one vector per key column, of equal length): up to 1<<16 - 1
// ascending distinct codes at even quantiles, so each column's rank fits 16
// bits and skewed columns still spread over the rank range.
func computeBounds(samples []*vector.Vector, n int) [][]uint64 {
	const maxBounds = 1<<16 - 1
	out := make([][]uint64, len(samples))
	for i, v := range samples {
		cs := make([]uint64, n)
		codes(v, n, cs)
		slices.Sort(cs)
		cs = slices.Compact(cs)
		if len(cs) <= maxBounds {
			out[i] = cs
			continue
		}
		bd := make([]uint64, 0, maxBounds)
		for q := 1; q <= maxBounds; q++ {
			bd = append(bd, cs[q*len(cs)/(maxBounds+1)])
		}
		out[i] = slices.Compact(bd)
	}
	return out
}

// sortBatch returns b's rows in o's order (a new batch; b is unchanged).
func (o *sortOrder) sortBatch(b *vector.Batch) *vector.Batch {
	if b.N < 2 {
		return b
	}
	return b.Gather(o.sortPerm(b))
}

// SortRows returns b's rows in the order l's sort key stores them (b itself
// when l has none): COPY's compression analysis estimates each encoding on
// its sample in that order, the order the blocks will hold.
func (l Layout) SortRows(b *vector.Batch) *vector.Batch {
	o := newSortOrder(l)
	if len(o.keys) == 0 {
		return b
	}
	if o.interleaved {
		o.bounds = computeBounds(keyCols(b, o.keys), b.N)
	}
	return o.sortBatch(b)
}
