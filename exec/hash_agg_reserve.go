package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Growing a group table. Large tables (Q18: 1.5M groups) spend most of their
// time growing on fresh memory, so the per-group arrays grow in lockstep with
// the slot array, doubling, instead of append's 1.25x steps for large slices
// (each step copying everything again), and a combine reserves room for the
// groups it will add before it inserts them. Better still, a table the
// planner estimated starts with room for its groups (HashAggOptions.Groups)
// and never grows.

// reserve makes room for groups groups without further growth: the slot
// array (one rehash, to a size that need not be a power of two) and the
// capacity of the stored hashes and key vectors.
func (t *groupTable) reserve(groups int) {
	if len(t.keyCols) == 0 {
		return
	}
	if groups > t.limit {
		t.rehash(max(slotsFor(groups), len(t.slots)*2))
	}
	t.reserveStore(groups)
}

// reserveStore grows the capacity of the per-group hashes and keys to hold groups.
func (t *groupTable) reserveStore(groups int) {
	if t.keepHashes {
		t.hashes = growCap(t.hashes, groups)
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

// growCap returns s with capacity for c elements. It allocates with make and
// copies, not slices.Grow: growslice clears the whole new tail up front,
// touching (and faulting in) memory that make leaves to the first writes.
func growCap[T any](s []T, c int) []T {
	if cap(s) >= c {
		return s
	}
	ns := make([]T, len(s), c)
	copy(ns, s)
	return ns
}

// rehash replaces the slot array by one of size slots and reinserts every
// group from its hash.
func (t *groupTable) rehash(size int) {
	t.slots = make([]uint64, size)
	t.limit = slotLimit(size)
	var buf []uint64
	for lo := 0; lo < t.n; lo += hashChunk {
		hi := min(lo+hashChunk, t.n)
		buf = t.hashRange(lo, hi, buf)
		for j, h := range buf {
			s := home(h, size)
			for t.slots[s] != 0 {
				if s++; s == size {
					s = 0
				}
			}
			t.slots[s] = uint64(lo+j+1) | h&tagMask
		}
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
		h := o.groupHash(uint32(g))
		s := home(h, len(t.slots))
		for {
			e := t.slots[s]
			if e == 0 {
				break
			}
			if e&tagMask == h&tagMask && t.groupHash(uint32(e)-1) == h {
				present++
				break
			}
			if s++; s == len(t.slots) {
				s = 0
			}
		}
		seen++
	}
	return int(int64(o.n) * int64(seen-present) / int64(seen))
}

// aggReserver is implemented by aggregates whose states can reserve room
// for n groups up front (capacity only: resize still sets the count).
type aggReserver interface {
	reserve(n int)
}

// reserveGroups makes room for groups groups in the slot array, the
// per-group arrays and the aggregates that can reserve (hash_agg_options.go).
func (t *groupTable) reserveGroups(groups int) {
	if groups <= 0 || len(t.keyCols) == 0 {
		return
	}
	t.reserve(groups)
	for _, a := range t.aggs {
		if r, ok := a.(aggReserver); ok {
			r.reserve(groups)
		}
	}
}
