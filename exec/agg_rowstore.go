package exec

import (
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// rowStore collects rows of some columns, each tagged with a group id, for
// aggregates that need all their values at once (ordered listagg, percentiles,
// DISTINCT). Columns are kept columnar; nothing is allocated per row.
type rowStore struct {
	groups int
	gids   []uint32
	cols   []*vector.Vector
	sel    []int32
}

func newRowStore(ts []types.T) rowStore {
	s := rowStore{cols: make([]*vector.Vector, len(ts))}
	for i, t := range ts {
		s.cols[i] = vector.NewWithCap(t, 0)
	}
	return s
}

// add appends rows [0, n) of args whose columns skip[k] are all non-NULL.
func (s *rowStore) add(gids []uint32, args []*vector.Vector, n int, skip []int) {
	for _, k := range skip {
		if allNull(args[k]) {
			return
		}
	}
	keepAll := true
	for _, k := range skip {
		if nullsOf(args[k], n) != nil {
			keepAll = false
		}
	}
	if keepAll {
		if gids == nil {
			for i := 0; i < n; i++ {
				s.gids = append(s.gids, 0)
			}
		} else {
			s.gids = append(s.gids, gids[:n]...)
		}
		for k, c := range s.cols {
			c.AppendVector(sliceTo(args[k], n))
		}
		return
	}
	sel := s.sel[:0]
rows:
	for i := 0; i < n; i++ {
		for _, k := range skip {
			if args[k].Nulls.IsNull(i) {
				continue rows
			}
		}
		sel = append(sel, int32(i))
		var g uint32
		if gids != nil {
			g = gids[i]
		}
		s.gids = append(s.gids, g)
	}
	s.sel = sel
	for k, c := range s.cols {
		c.AppendVector(args[k].Gather(sel))
	}
}

// sliceTo returns v limited to n rows (v itself when it has exactly n).
func sliceTo(v *vector.Vector, n int) *vector.Vector {
	if v.Len() == n {
		return v
	}
	return v.Slice(0, n)
}

// merge appends src's rows with group g renumbered to mapping[g].
func (s *rowStore) merge(src *rowStore, mapping []uint32) {
	for _, g := range src.gids {
		s.gids = append(s.gids, mapping[g])
	}
	for k, c := range s.cols {
		c.AppendVector(src.cols[k])
	}
}

// resize sets the number of groups; shrinking drops the rows of groups
// [n, ...) (resize(0) resets a window's single group).
func (s *rowStore) resize(n int) {
	grow := n >= s.groups
	s.groups = n
	if grow {
		return
	}
	if n == 0 {
		s.gids = s.gids[:0]
		for _, c := range s.cols {
			c.Truncate(0)
			c.Nulls = nil
		}
		return
	}
	keep := s.sel[:0]
	for i, g := range s.gids {
		if int(g) < n {
			keep = append(keep, int32(i))
		}
	}
	if len(keep) == len(s.gids) {
		return
	}
	gids := make([]uint32, len(keep))
	for i, r := range keep {
		gids[i] = s.gids[r]
	}
	s.gids = gids
	for k, c := range s.cols {
		s.cols[k] = c.Gather(keep)
	}
}

// sorted returns row indexes ordered by group, then keys, then (when
// tieCols is set) those columns ascending.
func (s *rowStore) sorted(keys []SortSpec, tieCols []int) []int32 {
	perm := make([]int32, len(s.gids))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(x, y int32) int {
		if gx, gy := s.gids[x], s.gids[y]; gx != gy {
			if gx < gy {
				return -1
			}
			return 1
		}
		for _, k := range keys {
			if c := CompareValues(s.cols[k.Col], int(x), s.cols[k.Col], int(y), k.Desc, k.NullsFirst); c != 0 {
				return c
			}
		}
		for _, c := range tieCols {
			if r := CompareValues(s.cols[c], int(x), s.cols[c], int(y), false, false); r != 0 {
				return r
			}
		}
		return 0
	})
	return perm
}
