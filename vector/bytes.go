package vector

import (
	"unsafe"

	"github.com/warehoused/warehoused/types"
)

// Memory estimates. Operators and writers that hold rows account for them
// from slice lengths (8 bytes per BIGINT/DOUBLE slot, 16 per DECIMAL, a
// 16-byte header per string plus its bytes, NULL bitmaps), so an estimate
// costs a few operations per column, never a walk over every row. String
// contents are estimated from a fixed sample of values.

// strSample is the number of strings whose lengths estimate a vector's string bytes.
const strSample = 16

const (
	strHeaderBytes = int64(unsafe.Sizeof(""))
	decimalBytes   = int64(unsafe.Sizeof(types.Decimal128{}))
	intervalBytes  = int64(unsafe.Sizeof(types.IntervalValue{}))
	vectorBytes    = int64(unsafe.Sizeof(Vector{}))
)

// Bytes estimates the bytes of v's first n values and their bitmap, for
// vectors shaped to their length (batches, finished columns). A nil v is 0.
func (v *Vector) Bytes(n int) int64 {
	if v == nil {
		return 0
	}
	b := vectorBytes + int64(len(v.Nulls))*8
	switch v.Type.Physical() {
	case types.PhysBool:
		b += int64(n)
	case types.PhysInt64, types.PhysFloat64:
		b += int64(n) * 8
	case types.PhysDecimal128:
		b += int64(n) * decimalBytes
	case types.PhysString:
		b += int64(n)*strHeaderBytes + StrBytes(v.Strs[:min(n, len(v.Strs))])
	case types.PhysInterval:
		b += int64(n) * intervalBytes
	}
	return b
}

// Bytes estimates the bytes of b's rows (Vector.Bytes summed); nil is 0.
func (b *Batch) Bytes() int64 {
	if b == nil {
		return 0
	}
	var t int64
	for _, c := range b.Cols {
		t += c.Bytes(b.N)
	}
	return t
}

// StrBytes estimates the total length of ss from strSample evenly spaced values.
func StrBytes(ss []string) int64 {
	n := len(ss)
	if n == 0 {
		return 0
	}
	if n <= strSample {
		var t int64
		for _, s := range ss {
			t += int64(len(s))
		}
		return t
	}
	var t int64
	step := n / strSample
	for i := 0; i < strSample; i++ {
		t += int64(len(ss[i*step]))
	}
	return t * int64(n) / strSample
}
