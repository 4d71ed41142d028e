// Package vector holds the columnar batches that flow between operators.
//
// A Vector is one column: exactly one of its typed slices is in use, chosen by
// Type.Physical(); kernels switch on the physical kind once per batch and then
// loop over the plain slice. Batches are compacted (filters copy surviving rows)
// rather than carrying selection vectors, which keeps every kernel a simple loop.
package vector

import (
	"fmt"
	"math"

	"github.com/warehoused/warehoused/types"
)

// DefaultBatchSize is the number of rows operators aim to put in one batch.
const DefaultBatchSize = 2048

// Vector is one column of a batch.
type Vector struct {
	Type  types.T
	Nulls Bitmap // nil: no NULLs

	Bools  []bool
	Ints   []int64
	Floats []float64
	Decs   []types.Decimal128
	Strs   []string
	Ivs    []types.IntervalValue
	n      int // length, for PhysNull vectors (which have no slice)
}

// New returns a vector of type t holding n zero (not NULL) values.
func New(t types.T, n int) *Vector {
	v := &Vector{Type: t, n: n}
	switch t.Physical() {
	case types.PhysBool:
		v.Bools = make([]bool, n)
	case types.PhysInt64:
		v.Ints = make([]int64, n)
	case types.PhysFloat64:
		v.Floats = make([]float64, n)
	case types.PhysDecimal128:
		v.Decs = make([]types.Decimal128, n)
	case types.PhysString:
		v.Strs = make([]string, n)
	case types.PhysInterval:
		v.Ivs = make([]types.IntervalValue, n)
	case types.PhysNull:
		v.Nulls = NewBitmap(n)
		for i := 0; i < n; i++ {
			v.Nulls.SetNull(i)
		}
	}
	return v
}

// NewWithCap returns an empty vector of type t with capacity for c rows, for Append.
func NewWithCap(t types.T, c int) *Vector {
	v := New(t, c)
	v.Truncate(0)
	return v
}

// Len returns the number of rows.
func (v *Vector) Len() int {
	switch v.Type.Physical() {
	case types.PhysBool:
		return len(v.Bools)
	case types.PhysInt64:
		return len(v.Ints)
	case types.PhysFloat64:
		return len(v.Floats)
	case types.PhysDecimal128:
		return len(v.Decs)
	case types.PhysString:
		return len(v.Strs)
	case types.PhysInterval:
		return len(v.Ivs)
	}
	return v.n
}

// Cap returns how many rows v holds before its values slice must grow
// (unbounded for a type without values).
func (v *Vector) Cap() int {
	switch v.Type.Physical() {
	case types.PhysBool:
		return cap(v.Bools)
	case types.PhysInt64:
		return cap(v.Ints)
	case types.PhysFloat64:
		return cap(v.Floats)
	case types.PhysDecimal128:
		return cap(v.Decs)
	case types.PhysString:
		return cap(v.Strs)
	case types.PhysInterval:
		return cap(v.Ivs)
	}
	return math.MaxInt
}

// Truncate shortens the vector to n rows (n must not exceed Len).
func (v *Vector) Truncate(n int) {
	switch v.Type.Physical() {
	case types.PhysBool:
		v.Bools = v.Bools[:n]
	case types.PhysInt64:
		v.Ints = v.Ints[:n]
	case types.PhysFloat64:
		v.Floats = v.Floats[:n]
	case types.PhysDecimal128:
		v.Decs = v.Decs[:n]
	case types.PhysString:
		v.Strs = v.Strs[:n]
	case types.PhysInterval:
		v.Ivs = v.Ivs[:n]
	}
	v.n = n
}

// IsNull reports whether row i is NULL.
func (v *Vector) IsNull(i int) bool { return v.Nulls.IsNull(i) }

// SetNull marks row i NULL, allocating the bitmap on first use.
func (v *Vector) SetNull(i int) {
	if v.Nulls == nil {
		v.Nulls = NewBitmap(max(v.Len(), i+1))
	} else if len(v.Nulls)*64 <= i {
		v.Nulls = v.Nulls.Grow(i + 1)
	}
	v.Nulls.SetNull(i)
}

// Get returns row i as a datum (nil for NULL). For tests and slow paths only.
func (v *Vector) Get(i int) types.Datum {
	if v.Nulls.IsNull(i) {
		return nil
	}
	switch v.Type.Physical() {
	case types.PhysBool:
		return v.Bools[i]
	case types.PhysInt64:
		return v.Ints[i]
	case types.PhysFloat64:
		return v.Floats[i]
	case types.PhysDecimal128:
		return v.Decs[i]
	case types.PhysString:
		return v.Strs[i]
	case types.PhysInterval:
		return v.Ivs[i]
	}
	return nil
}

// Set stores datum d (which must match the physical kind, or be nil) at row i.
func (v *Vector) Set(i int, d types.Datum) {
	if d == nil {
		v.SetNull(i)
		return
	}
	if v.Nulls != nil {
		v.Nulls.SetValid(i)
	}
	switch x := d.(type) {
	case bool:
		v.Bools[i] = x
	case int64:
		v.Ints[i] = x
	case float64:
		v.Floats[i] = x
	case types.Decimal128:
		v.Decs[i] = x
	case string:
		v.Strs[i] = x
	case types.IntervalValue:
		v.Ivs[i] = x
	default:
		panic(fmt.Sprintf("vector: cannot store %T in %s", d, v.Type))
	}
}

// Append adds datum d (nil for NULL) at the end. For slow paths.
func (v *Vector) Append(d types.Datum) {
	n := v.Len()
	switch v.Type.Physical() {
	case types.PhysBool:
		v.Bools = append(v.Bools, false)
	case types.PhysInt64:
		v.Ints = append(v.Ints, 0)
	case types.PhysFloat64:
		v.Floats = append(v.Floats, 0)
	case types.PhysDecimal128:
		v.Decs = append(v.Decs, types.Decimal128{})
	case types.PhysString:
		v.Strs = append(v.Strs, "")
	case types.PhysInterval:
		v.Ivs = append(v.Ivs, types.IntervalValue{})
	default:
		v.n++
		v.SetNull(n)
		return
	}
	v.n = n + 1
	if v.Nulls != nil {
		v.Nulls = v.Nulls.Grow(n + 1)
	}
	if d == nil {
		v.SetNull(n)
		return
	}
	if v.Nulls != nil {
		v.Nulls.SetValid(n)
	}
	v.Set(n, d)
}
