package exec

import (
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Growing a group table. Large tables (Q18: 1.5M groups) spend most of their
// time growing on fresh memory, so the per-group arrays grow in lockstep with
// the slot array, doubling, instead of append's 1.25x steps for large slices
// (each step copying everything again), and a combine reserves room for the
// groups it will add before it inserts them.

// reserve makes room for groups groups without further growth: the slot
// array (load factor at most 1/2, one rehash) and the capacity of the stored
// hashes and key vectors.
func (t *groupTable) reserve(groups int) {
	if len(t.keyCols) == 0 {
		return
	}
	size := len(t.slots)
	for uint64(groups)*2 > uint64(size) {
		size *= 2
	}
	if size != len(t.slots) {
		t.rehash(size)
	}
	t.reserveStore(groups)
}

// reserveStore grows the capacity of the per-group hashes and keys to hold groups.
func (t *groupTable) reserveStore(groups int) {
	if extra := groups - len(t.hashes); extra > 0 && cap(t.hashes) < groups {
		t.hashes = slices.Grow(t.hashes, extra)
	}
	for _, k := range t.keys {
		reserveVector(k, groups)
	}
}

// reserveVector grows v's value slice capacity to c rows (contents kept).
func reserveVector(v *vector.Vector, c int) {
	switch v.Type.Physical() {
	case types.PhysBool:
		v.Bools = growCap(v.Bools, c)
	case types.PhysInt64:
		v.Ints = growCap(v.Ints, c)
	case types.PhysFloat64:
		v.Floats = growCap(v.Floats, c)
	case types.PhysDecimal128:
		v.Decs = growCap(v.Decs, c)
	case types.PhysString:
		v.Strs = growCap(v.Strs, c)
	case types.PhysInterval:
		v.Ivs = growCap(v.Ivs, c)
	}
}

func growCap[T any](s []T, c int) []T {
	if cap(s) >= c {
		return s
	}
	return slices.Grow(s, c-len(s))
}

// rehash replaces the slot array by one of size slots (a power of two) and
// reinserts every group from its stored hash.
func (t *groupTable) rehash(size int) {
	t.slots = make([]uint64, size)
	t.mask = uint64(size - 1)
	for g, h := range t.hashes {
		s := h & t.mask
		for t.slots[s] != 0 {
			s = (s + 1) & t.mask
		}
		t.slots[s] = uint64(g+1) | h&tagMask
	}
}

// estimateNew estimates how many of o's groups t does not hold yet, from a
// sample of o's hashes (a tag match counts as present: an estimate only).
func (t *groupTable) estimateNew(o *groupTable) int {
	if o.n == 0 || t.n == 0 {
		return o.n
	}
	const samples = 256
	step := max(o.n/samples, 1)
	seen, present := 0, 0
	for g := 0; g < o.n; g += step {
		h := o.hashes[g]
		s := h & t.mask
		for {
			e := t.slots[s]
			if e == 0 {
				break
			}
			if e&tagMask == h&tagMask && t.hashes[uint32(e)-1] == h {
				present++
				break
			}
			s = (s + 1) & t.mask
		}
		seen++
	}
	return int(int64(o.n) * int64(seen-present) / int64(seen))
}
