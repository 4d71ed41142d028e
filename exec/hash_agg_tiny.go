package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Tiny keys. Grouping by one or two single-character strings (TPC-H Q1's
// l_returnflag, l_linestatus) needs no hashing: each row's key maps to a code
// below 257² that indexes a direct table of group ids. Groups the direct
// table does not know yet (first sight, or inserted by another path) go
// through the hash table, so both always agree.

// tinyBase is the number of codes per column: 0 for "", 1+b for one byte b.
const tinyBase = 257

// lookupTiny is lookup for batches whose keys are one or two NULL-free string
// columns of at most one byte per value; it reports false (having done
// nothing) for any other batch.
func (t *groupTable) lookupTiny(cols []*vector.Vector, n int, gids []uint32) bool {
	if len(cols) == 0 || len(cols) > 2 {
		return false
	}
	for _, c := range cols {
		if c.Type.Physical() != types.PhysString || nullsOf(c, n) != nil || len(c.Strs) < n {
			return false
		}
	}
	if cap(t.cbuf) < n {
		t.cbuf = make([]uint32, n)
	}
	codes := t.cbuf[:n]
	for k, c := range cols {
		strs := c.Strs[:n]
		for i, s := range strs {
			var x uint32
			switch len(s) {
			case 0:
			case 1:
				x = uint32(s[0]) + 1
			default:
				return false
			}
			if k == 0 {
				codes[i] = x
			} else {
				codes[i] = codes[i]*tinyBase + x
			}
		}
	}
	if t.tiny == nil {
		size := tinyBase
		if len(cols) == 2 {
			size *= tinyBase
		}
		t.tiny = make([]uint32, size)
	}
	tiny := t.tiny
	miss := false
	for i, x := range codes {
		g := tiny[x]
		if g == 0 {
			miss = true
			continue
		}
		gids[i] = g - 1
	}
	if !miss {
		return true
	}
	// Rare: hash the batch and resolve the unknown keys the slow way.
	if cap(t.hbuf) < n {
		t.hbuf = make([]uint64, n)
	}
	hs := t.hbuf[:n]
	for k, c := range cols {
		HashVector(sliceTo(c, n), hs, k == 0)
	}
	for i, x := range codes {
		if g := tiny[x]; g != 0 {
			gids[i] = g - 1
			continue
		}
		g := t.probeSlow(cols, i, hs[i])
		gids[i] = g
		tiny[x] = g + 1
	}
	return true
}
