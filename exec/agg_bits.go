package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// bitAgg is bit_and and bit_or over integers: one int64 and a has-value flag
// per group.
type bitAgg struct {
	or   bool
	ret  types.T
	vals []int64
	has  []bool
}

func (a *bitAgg) resize(n int) {
	a.vals = resizeSlice(a.vals, n)
	a.has = resizeSlice(a.has, n)
}

func (a *bitAgg) fold(g uint32, x int64) {
	switch {
	case !a.has[g]:
		a.vals[g], a.has[g] = x, true
	case a.or:
		a.vals[g] |= x
	default:
		a.vals[g] &= x
	}
}

func (a *bitAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	v := args[0]
	if allNull(v) {
		return nil
	}
	nulls := nullsOf(v, n)
	for i, x := range v.Ints[:n] {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		var g uint32
		if gids != nil {
			g = gids[i]
		}
		a.fold(g, x)
	}
	return nil
}

func (a *bitAgg) merge(src aggFunc, mapping []uint32) {
	b := src.(*bitAgg)
	for g, h := range b.has {
		if h {
			a.fold(mapping[g], b.vals[g])
		}
	}
}

func (a *bitAgg) finalize(n int) (*vector.Vector, error) {
	out := vector.New(a.ret, n)
	for g := 0; g < n; g++ {
		if err := a.resultInto(g, out, g); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resultInto writes group g's result into row i of out.
func (a *bitAgg) resultInto(g int, out *vector.Vector, i int) error {
	if !a.has[g] {
		out.SetNull(i)
		return nil
	}
	if out.Nulls != nil {
		out.Nulls.SetValid(i)
	}
	out.Ints[i] = a.vals[g]
	return nil
}
