package exec

import (
	"math/bits"
	"sync/atomic"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// hashTable is the read-only build side of a hash join: the build rows in
// column vectors, their key hashes, and chains of row indexes per bucket
// (head[bucket] and next[row] hold row+1; 0 ends a chain). No per-row
// allocation, and probes from many goroutines share it without locks.
type hashTable struct {
	store   *colStore
	keys    []*vector.Vector // build key columns
	hashes  []uint64
	head    []int32
	next    []int32
	shift   uint        // bucket = hash >> shift
	nullKey []int32     // rows with a NULL in a key that is not NULL-equal (never in a chain)
	filter  *joinFilter // nil when the table is empty or too large (hash_join_filter.go)

	// owner is the probe that reports the table's memory (hash_join_memory.go).
	owner atomic.Pointer[HashJoin]
}

// buildHashTable indexes the rows of s on keyCols.
func buildHashTable(s *colStore, keyCols []int, nullEq []bool) *hashTable {
	n := s.n
	t := &hashTable{store: s, keys: make([]*vector.Vector, len(keyCols))}
	for i, c := range keyCols {
		t.keys[i] = s.cols[c]
	}
	t.hashes = make([]uint64, n)
	hashKeys(t.keys, t.hashes, n)
	nulls := keyNulls(t.keys, nullEq, n)
	logB := bits.Len(uint(max(2*n, 16) - 1))
	t.shift = uint(64 - logB)
	t.head = make([]int32, 1<<logB)
	t.next = make([]int32, n)
	t.nullKey = t.chainRows(nulls, n)
	t.filter = newJoinFilter(t, nullEq, nulls)
	return t
}

// keyNulls returns the rows with a NULL in any key that is not NULL-equal
// (nil when there are none).
func keyNulls(keys []*vector.Vector, nullEq []bool, n int) vector.Bitmap {
	var out vector.Bitmap
	for i, k := range keys {
		if nullEq != nil && nullEq[i] {
			continue
		}
		if k.Type.Physical() == types.PhysNull {
			out = vector.Or(out, nullVector(k.Type, n).Nulls, n)
			continue
		}
		if k.Nulls.Any(n) {
			out = vector.Or(out, k.Nulls, n)
		}
	}
	return out
}

// keyEqFunc compares probe row i with build row r on every key. Rows with a
// NULL in a non-NULL-equal key never get here, so only NULL-equal keys look
// at NULLs. The type switch happens once per probe batch.
func keyEqFunc(probe, build []*vector.Vector, nullEq []bool) func(i int, r int32) bool {
	eqs := make([]func(i int, r int32) bool, len(probe))
	for k := range probe {
		pv, bv := probe[k], build[k]
		ne := nullEq != nil && nullEq[k]
		if ne && (pv.Nulls != nil || bv.Nulls != nil || pv.Type.Physical() == types.PhysNull) {
			eqs[k] = func(i int, r int32) bool { return ValueEqual(pv, i, bv, int(r), true) }
			continue
		}
		switch pv.Type.Physical() {
		case types.PhysInt64:
			ps, bs := pv.Ints, bv.Ints
			eqs[k] = func(i int, r int32) bool { return ps[i] == bs[r] }
		case types.PhysString:
			ps, bs := pv.Strs, bv.Strs
			eqs[k] = func(i int, r int32) bool { return ps[i] == bs[r] }
		case types.PhysDecimal128:
			ps, bs := pv.Decs, bv.Decs
			eqs[k] = func(i int, r int32) bool { return ps[i] == bs[r] }
		default:
			eqs[k] = func(i int, r int32) bool { return ValueEqual(pv, i, bv, int(r), ne) }
		}
	}
	if len(eqs) == 1 {
		return eqs[0]
	}
	return func(i int, r int32) bool {
		for _, eq := range eqs {
			if !eq(i, r) {
				return false
			}
		}
		return true
	}
}

// partialKeyMatch reports whether probe row i and build row r could be equal
// given SQL NULLs: every key pair is either equal or involves a NULL. It is the
// "comparison was NULL" test of NOT IN and IN (slow path, NULL rows only).
func partialKeyMatch(probe, build []*vector.Vector, nullEq []bool, i int, r int32) bool {
	for k := range probe {
		pv, bv := probe[k], build[k]
		ne := nullEq != nil && nullEq[k]
		if !ne && (pv.IsNull(i) || bv.IsNull(int(r)) || pv.Type.Physical() == types.PhysNull) {
			continue
		}
		if !ValueEqual(pv, i, bv, int(r), ne) {
			return false
		}
	}
	return true
}
