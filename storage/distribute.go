package storage

import (
	"math"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// KeySlices fills out[r] with the slice DISTSTYLE KEY puts row r of v on, for
// the first n rows, and returns out (grown when too short). Equal values
// always land on the same slice — whatever the integer width, in every
// process and every version, since tables on disk and tables in memory must
// agree for collocated joins — and NULLs land on slice 0.
//
// The hash is deterministic on purpose (no per-process seed): a durable
// table's later loads must place a key where its first load did.
func KeySlices(v *vector.Vector, n, slices int, out []int) []int {
	if cap(out) < n {
		out = make([]int, n)
	}
	out = out[:n]
	ns := uint64(max(slices, 1))
	switch v.Type.Physical() {
	case types.PhysInt64:
		for r, x := range v.Ints[:n] {
			out[r] = int(mix(uint64(x)) % ns)
		}
	case types.PhysFloat64:
		for r, x := range v.Floats[:n] {
			if x == 0 {
				x = 0 // -0 and +0 are equal values: one slice
			} else if x != x {
				x = math.NaN() // every NaN is equal in SQL: one slice
			}
			out[r] = int(mix(math.Float64bits(x)) % ns)
		}
	case types.PhysString:
		for r, s := range v.Strs[:n] {
			out[r] = int(hashString(s) % ns)
		}
	case types.PhysBool:
		for r, b := range v.Bools[:n] {
			out[r] = 0
			if b {
				out[r] = int(1 % ns)
			}
		}
	case types.PhysDecimal128:
		for r, d := range v.Decs[:n] {
			out[r] = int(mix(uint64(d.Hi)^mix(d.Lo)) % ns)
		}
	case types.PhysInterval:
		for r, iv := range v.Ivs[:n] {
			out[r] = int(mix(uint64(iv.Micros)^uint64(iv.Days)<<32^uint64(iv.Months)) % ns)
		}
	default:
		clear(out)
		return out
	}
	if v.Nulls != nil {
		for r := 0; r < n; r++ {
			if v.Nulls.IsNull(r) {
				out[r] = 0
			}
		}
	}
	return out
}

// mix is a 64-bit finalizer (murmur3's fmix64): every input bit affects every
// output bit, so "% slices" spreads consecutive keys evenly.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb3f97a6b1b93
	x ^= x >> 33
	return x
}

// hashString hashes s eight bytes at a time, finishing with mix.
func hashString(s string) uint64 {
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ mix(w)) * 0xbf58476d1ce4e5b9
		s = s[8:]
	}
	var w uint64
	for i := 0; i < len(s); i++ {
		w |= uint64(s[i]) << (8 * i)
	}
	return mix(h ^ mix(w^0x94d049bb133111eb))
}
