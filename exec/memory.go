package exec

import (
	"sync/atomic"
	"unsafe"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Memory accounting for EXPLAIN ANALYZE. Operators that hold data report the
// bytes they hold through MemoryReporter. The estimates are computed from
// slice lengths and capacities (8 bytes per BIGINT/DOUBLE slot, 16 per
// DECIMAL, a 16-byte header per string plus its bytes, NULL bitmaps, hash
// table slot arrays), so they cost a few operations per column per batch,
// never a walk over rows or groups. String contents are estimated from a
// fixed sample of values: strings held by operators mostly share the
// memory of the batches they came from, so an exact sum would say little more
// and cost a pass over every row.

// SliceMemoryReporter is implemented by operators that consume several
// inputs in parallel, one per slice, each into state of its own (a hash
// aggregate's local tables, a sort's runs). It returns the peak bytes held
// for each input; EXPLAIN ANALYZE prints them as the operator's per-slice
// memory. Work done after the inputs meet (combining, merging) is counted on
// input 0.
type SliceMemoryReporter interface {
	SliceMemoryBytes() []int64
}

const (
	strHeader   = int64(unsafe.Sizeof(""))
	decBytes    = int64(unsafe.Sizeof(types.Decimal128{}))
	ivBytes     = int64(unsafe.Sizeof(types.IntervalValue{}))
	vectorBytes = int64(unsafe.Sizeof(vector.Vector{}))
)

// valuesBytes estimates the bytes of v's first n values and their bitmap
// (vector.Vector.Bytes).
func valuesBytes(v *vector.Vector, n int) int64 { return v.Bytes(n) }

// capBytes estimates the bytes of v's value arrays by capacity, for growable
// vectors (group keys, materialised columns).
func capBytes(v *vector.Vector) int64 {
	if v == nil {
		return 0
	}
	b := vectorBytes + int64(cap(v.Nulls))*8
	switch v.Type.Physical() {
	case types.PhysBool:
		b += int64(cap(v.Bools))
	case types.PhysInt64:
		b += int64(cap(v.Ints)) * 8
	case types.PhysFloat64:
		b += int64(cap(v.Floats)) * 8
	case types.PhysDecimal128:
		b += int64(cap(v.Decs)) * decBytes
	case types.PhysString:
		b += int64(cap(v.Strs))*strHeader + strContent(v.Strs)
	case types.PhysInterval:
		b += int64(cap(v.Ivs)) * ivBytes
	}
	return b
}

// strContent estimates the total length of ss (vector.StrBytes).
func strContent(ss []string) int64 { return vector.StrBytes(ss) }

// batchBytes estimates the bytes of b's rows (vector.Batch.Bytes).
func batchBytes(b *vector.Batch) int64 { return b.Bytes() }

// colsCapBytes is capBytes summed over cols.
func colsCapBytes(cols []*vector.Vector) int64 {
	var t int64
	for _, c := range cols {
		t += capBytes(c)
	}
	return t
}

// sliceCap returns the bytes of s's backing array.
func sliceCap[T any](s []T) int64 {
	var z T
	return int64(cap(s)) * int64(unsafe.Sizeof(z))
}

// raisePeak raises p to v if v is larger (safe across goroutines).
func raisePeak(p *atomic.Int64, v int64) {
	for {
		old := p.Load()
		if v <= old || p.CompareAndSwap(old, v) {
			return
		}
	}
}

// loadPeaks returns the values of ps.
func loadPeaks(ps []atomic.Int64) []int64 {
	out := make([]int64, len(ps))
	for i := range ps {
		out[i] = ps[i].Load()
	}
	return out
}

// sumPeaks returns the sum of ps (sampled once per batch: no allocation).
func sumPeaks(ps []atomic.Int64) int64 {
	var sum int64
	for i := range ps {
		sum += ps[i].Load()
	}
	return sum
}
