package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// distinctAgg computes agg(DISTINCT x): the distinct (group, value) pairs are
// kept in a hash set — a groupTable keyed by (group id, arguments), whose
// columnar keys are the pairs themselves — and fed to the plain aggregate at
// finalize, after partial tables merged, so a value seen by two input
// goroutines counts once. Rows with a NULL argument are skipped.
type distinctAgg struct {
	spec   AggSpec
	in     []types.T
	setIn  []types.T // BIGINT group id, then the argument types
	nargs  int
	set    *groupTable
	groups int

	gbuf  *vector.Vector
	sel   []int32
	cols  []*vector.Vector
	keyIx []int
}

func newDistinctAgg(plain *AggSpec, in []types.T) (aggFunc, error) {
	if _, err := newAggFunc(plain, in); err != nil {
		return nil, err
	}
	a := &distinctAgg{spec: *plain, in: in, nargs: len(plain.Args)}
	a.setIn = []types.T{types.Int64Type}
	for i := range plain.Args {
		a.setIn = append(a.setIn, aggArgType(plain, in, i))
	}
	for i := range a.setIn {
		a.keyIx = append(a.keyIx, i)
	}
	a.reset()
	return a, nil
}

func (a *distinctAgg) reset() {
	a.set, _ = newGroupTable(a.keyIx, a.setIn, nil)
}

func (a *distinctAgg) resize(n int) {
	if n >= a.groups {
		a.groups = n
		return
	}
	// Shrinking (a window frame reset): keep the pairs of groups below n.
	old := a.set
	a.reset()
	a.groups = n
	var keep []int32
	for i, g := range old.keys[0].Ints[:old.n] {
		if int(g) < n {
			keep = append(keep, int32(i))
		}
	}
	if len(keep) == 0 {
		return
	}
	cols := make([]*vector.Vector, len(old.keys))
	for k, v := range old.keys {
		cols[k] = v.Gather(keep)
	}
	a.set.groupIDs(cols, len(keep))
}

func (a *distinctAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	for _, v := range args[:a.nargs] {
		if allNull(v) {
			return nil
		}
	}
	if a.gbuf == nil {
		a.gbuf = vector.NewWithCap(types.Int64Type, n)
	}
	gv := a.gbuf
	gv.Ints = resizeSlice(gv.Ints, n)
	for i := range gv.Ints {
		if gids != nil {
			gv.Ints[i] = int64(gids[i])
		} else {
			gv.Ints[i] = 0
		}
	}
	a.cols = append(a.cols[:0], gv)
	a.cols = append(a.cols, args[:a.nargs]...)
	anyNull := false
	for _, v := range args[:a.nargs] {
		if nullsOf(v, n) != nil {
			anyNull = true
		}
	}
	if !anyNull {
		a.set.groupIDs(a.cols, n)
		return nil
	}
	sel := a.sel[:0]
rows:
	for i := 0; i < n; i++ {
		for _, v := range args[:a.nargs] {
			if v.Nulls.IsNull(i) {
				continue rows
			}
		}
		sel = append(sel, int32(i))
	}
	a.sel = sel
	if len(sel) == 0 {
		return nil
	}
	for k, v := range a.cols {
		a.cols[k] = sliceTo(v, n).Gather(sel)
	}
	a.set.groupIDs(a.cols, len(sel))
	return nil
}

func (a *distinctAgg) merge(src aggFunc, mapping []uint32) {
	b := src.(*distinctAgg)
	m := b.set.n
	if m == 0 {
		return
	}
	gv := vector.New(types.Int64Type, m)
	for i, g := range b.set.keys[0].Ints[:m] {
		gv.Ints[i] = int64(mapping[g])
	}
	cols := append([]*vector.Vector{gv}, b.set.keys[1:]...)
	a.set.groupIDs(cols, m)
}

func (a *distinctAgg) finalize(n int) (*vector.Vector, error) {
	inner, err := newAggFunc(&a.spec, a.in)
	if err != nil {
		return nil, err
	}
	inner.resize(n)
	m := a.set.n
	gids := make([]uint32, 0, m)
	var keep []int32
	all := true
	for i, g := range a.set.keys[0].Ints[:m] {
		if int(g) < n {
			gids = append(gids, uint32(g))
			keep = append(keep, int32(i))
		} else {
			all = false
		}
	}
	args := make([]*vector.Vector, a.nargs)
	for k := range args {
		if all {
			args[k] = a.set.keys[k+1]
		} else {
			args[k] = a.set.keys[k+1].Gather(keep)
		}
	}
	if len(gids) > 0 {
		if err := inner.update(gids, args, len(gids)); err != nil {
			return nil, err
		}
	}
	return inner.finalize(n)
}
