package exec

import (
	"cmp"
	"math"
	"math/bits"
	"unsafe"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Hash kernels shared by hash joins, hash aggregation, set operations and
// exchanges. Hashes are deterministic (no per-process seed) so that any two
// goroutines, and any two processes, agree on them.

const (
	nullHash  uint64 = 0x5bd1e9955bd1e995 // what NULL hashes to
	hashPrime uint64 = 0x9e3779b97f4a7c15
	microsDay        = int64(86400) * 1000000
)

// mix64 is murmur3's 64-bit finaliser: a fast bijective avalanche.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// combineHash folds the hash of the next column into a row's running hash.
func combineHash(acc, h uint64) uint64 {
	return (bits.RotateLeft64(acc, 23) ^ h) * hashPrime
}

// floatBits canonicalises a float so that -0 == +0 and every NaN hashes alike.
func floatBits(f float64) uint64 {
	if f == 0 {
		return 0
	}
	if f != f {
		return 0x7ff8000000000001
	}
	return math.Float64bits(f)
}

// hashString is a wyhash-flavoured loop over 8-byte words, with no allocation.
func hashString(s string) uint64 {
	n := len(s)
	h := uint64(n)*hashPrime ^ 0x2d358dccaa6c78a5
	if n == 0 {
		return mix64(h)
	}
	p := unsafe.Pointer(unsafe.StringData(s))
	i := 0
	for ; i+8 <= n; i += 8 {
		w := *(*uint64)(unsafe.Add(p, i)) // unaligned loads are fine on amd64/arm64
		hi, lo := bits.Mul64(h^w, 0x8bb84b93962eacc9)
		h = hi ^ lo
	}
	if i < n {
		var w uint64
		for k := n - 1; k >= i; k-- {
			w = w<<8 | uint64(s[k])
		}
		hi, lo := bits.Mul64(h^w, 0x4b33a62ed433d4a3)
		h = hi ^ lo
	}
	return mix64(h)
}

// normInterval returns an interval's PostgreSQL comparison key: whole days
// (months count 30 days) and the remaining microseconds in [0, 1 day).
func normInterval(iv types.IntervalValue) (days, micros int64) {
	days = int64(iv.Months)*30 + int64(iv.Days)
	d := iv.Micros / microsDay
	r := iv.Micros % microsDay
	if r < 0 {
		r += microsDay
		d--
	}
	return days + d, r
}

func hashInterval(iv types.IntervalValue) uint64 {
	d, m := normInterval(iv)
	return mix64(uint64(d)*hashPrime ^ mix64(uint64(m)))
}

// HashVector mixes the hash of each row of v into hashes[:v.Len()]
// (first=true: initialise). NULL hashes to a fixed value; equal values of the
// same physical kind hash equally (CHAR values are stored trimmed, so strings
// hash as is).
func HashVector(v *vector.Vector, hashes []uint64, first bool) {
	n := v.Len()
	hashes = hashes[:n]
	nulls := v.Nulls
	if !nulls.Any(n) {
		nulls = nil
	}
	switch v.Type.Physical() {
	case types.PhysBool:
		hashLoop(v.Bools, nulls, hashes, first, hashBool)
	case types.PhysInt64:
		hashLoop(v.Ints, nulls, hashes, first, hashInt)
	case types.PhysFloat64:
		hashLoop(v.Floats, nulls, hashes, first, hashFloat)
	case types.PhysDecimal128:
		hashLoop(v.Decs, nulls, hashes, first, hashDecimal)
	case types.PhysString:
		hashLoop(v.Strs, nulls, hashes, first, hashString)
	case types.PhysInterval:
		hashLoop(v.Ivs, nulls, hashes, first, hashInterval)
	default: // PhysNull: every row NULL
		for i := range hashes {
			if first {
				hashes[i] = nullHash
			} else {
				hashes[i] = combineHash(hashes[i], nullHash)
			}
		}
	}
}

func hashBool(b bool) uint64 {
	if b {
		return 0x1f83d9abfb41bd6b
	}
	return 0x6a09e667f3bcc908
}

func hashInt(x int64) uint64 { return mix64(uint64(x)) }

func hashFloat(f float64) uint64 { return mix64(floatBits(f)) }

func hashDecimal(d types.Decimal128) uint64 { return mix64(uint64(d.Hi)*hashPrime ^ mix64(d.Lo)) }

// hashLoop hashes vals into hashes; each instantiation gets its own loop with
// f inlined. nulls is nil when no row is NULL (the fast path).
func hashLoop[T any](vals []T, nulls vector.Bitmap, hashes []uint64, first bool, f func(T) uint64) {
	vals = vals[:len(hashes)]
	switch {
	case nulls == nil && first:
		for i, x := range vals {
			hashes[i] = f(x)
		}
	case nulls == nil:
		for i, x := range vals {
			hashes[i] = combineHash(hashes[i], f(x))
		}
	default:
		for i, x := range vals {
			h := nullHash
			if !nulls.IsNull(i) {
				h = f(x)
			}
			if first {
				hashes[i] = h
			} else {
				hashes[i] = combineHash(hashes[i], h)
			}
		}
	}
}

// ValueEqual reports whether row i of a equals row j of b (same physical
// kind); NULL equals NULL only when nullEq.
func ValueEqual(a *vector.Vector, i int, b *vector.Vector, j int, nullEq bool) bool {
	an, bn := a.Nulls.IsNull(i), b.Nulls.IsNull(j)
	if an || bn {
		return nullEq && an && bn
	}
	switch a.Type.Physical() {
	case types.PhysBool:
		return a.Bools[i] == b.Bools[j]
	case types.PhysInt64:
		return a.Ints[i] == b.Ints[j]
	case types.PhysFloat64:
		x, y := a.Floats[i], b.Floats[j]
		return x == y || (x != x && y != y)
	case types.PhysDecimal128:
		return a.Decs[i] == b.Decs[j]
	case types.PhysString:
		return a.Strs[i] == b.Strs[j]
	case types.PhysInterval:
		return compareInterval(a.Ivs[i], b.Ivs[j]) == 0
	}
	return nullEq // PhysNull: both NULL
}

// CompareValues orders row i of a against row j of b (-1, 0, 1), NULLs
// placed first or last as nullsFirst says (whatever desc is).
func CompareValues(a *vector.Vector, i int, b *vector.Vector, j int, desc, nullsFirst bool) int {
	an, bn := a.Nulls.IsNull(i), b.Nulls.IsNull(j)
	if an || bn {
		switch {
		case an && bn:
			return 0
		case an == nullsFirst:
			return -1
		default:
			return 1
		}
	}
	var c int
	switch a.Type.Physical() {
	case types.PhysBool:
		c = compareBool(a.Bools[i], b.Bools[j])
	case types.PhysInt64:
		c = cmp.Compare(a.Ints[i], b.Ints[j])
	case types.PhysFloat64:
		c = compareFloat(a.Floats[i], b.Floats[j])
	case types.PhysDecimal128:
		c = compareDecimal(a.Decs[i], b.Decs[j])
	case types.PhysString:
		c = cmp.Compare(a.Strs[i], b.Strs[j])
	case types.PhysInterval:
		c = compareInterval(a.Ivs[i], b.Ivs[j])
	}
	if desc {
		return -c
	}
	return c
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// compareFloat orders floats as PostgreSQL does: NaN equals NaN and is
// greater than every other value; -0 equals +0.
func compareFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	case x == y:
		return 0
	}
	xn, yn := x != x, y != y
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	}
	return -1
}

func compareDecimal(x, y types.Decimal128) int {
	if x.Hi != y.Hi {
		return cmp.Compare(x.Hi, y.Hi)
	}
	return cmp.Compare(x.Lo, y.Lo)
}

func compareInterval(x, y types.IntervalValue) int {
	xd, xm := normInterval(x)
	yd, ym := normInterval(y)
	if xd != yd {
		return cmp.Compare(xd, yd)
	}
	return cmp.Compare(xm, ym)
}
