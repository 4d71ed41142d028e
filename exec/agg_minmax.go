package exec

import (
	"cmp"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// minMaxAgg is min, max, any_value, bool_and/every (min over booleans) and
// bool_or (max over booleans): one typed value and a has-value flag per group.
type minMaxAgg[T any] struct {
	keepMax bool
	keepAny bool // any_value: the first value seen wins
	ret     types.T
	vals    []T
	has     []bool
	slice   func(*vector.Vector) []T
	cmp     func(a, b T) int
}

func newMinMaxAgg(name string, in, ret types.T) (aggFunc, error) {
	keepMax := name == "max" || name == "bool_or"
	keepAny := name == "any_value"
	switch name {
	case "bool_and", "bool_or", "every":
		if in.ID != types.Bool && in.ID != types.Unknown {
			return nil, noAgg(name, []types.T{in})
		}
	}
	switch ret.Physical() {
	case types.PhysBool:
		return &minMaxAgg[bool]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []bool { return v.Bools }, cmp: compareBool}, nil
	case types.PhysInt64:
		return &minMaxAgg[int64]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []int64 { return v.Ints }, cmp: cmp.Compare[int64]}, nil
	case types.PhysFloat64:
		return &minMaxAgg[float64]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []float64 { return v.Floats }, cmp: compareFloat}, nil
	case types.PhysDecimal128:
		return &minMaxAgg[types.Decimal128]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []types.Decimal128 { return v.Decs }, cmp: compareDecimal}, nil
	case types.PhysString:
		return &minMaxAgg[string]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []string { return v.Strs }, cmp: cmp.Compare[string]}, nil
	case types.PhysInterval:
		return &minMaxAgg[types.IntervalValue]{keepMax: keepMax, keepAny: keepAny, ret: ret,
			slice: func(v *vector.Vector) []types.IntervalValue { return v.Ivs }, cmp: compareInterval}, nil
	}
	return nil, noAgg(name, []types.T{in})
}

func (a *minMaxAgg[T]) resize(n int) {
	a.vals = resizeSlice(a.vals, n)
	a.has = resizeSlice(a.has, n)
}

func (a *minMaxAgg[T]) update(gids []uint32, args []*vector.Vector, n int) error {
	v := args[0]
	if allNull(v) {
		return nil
	}
	nulls := nullsOf(v, n)
	vals := a.slice(v)[:n]
	for i, x := range vals {
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

// fold combines value x into group g.
func (a *minMaxAgg[T]) fold(g uint32, x T) {
	if !a.has[g] {
		a.vals[g], a.has[g] = x, true
		return
	}
	if a.keepAny {
		return
	}
	c := a.cmp(x, a.vals[g])
	if (c < 0 && !a.keepMax) || (c > 0 && a.keepMax) {
		a.vals[g] = x
	}
}

func (a *minMaxAgg[T]) merge(src aggFunc, mapping []uint32) {
	b := src.(*minMaxAgg[T])
	for g, h := range b.has {
		if h {
			a.fold(mapping[g], b.vals[g])
		}
	}
}

func (a *minMaxAgg[T]) finalize(n int) (*vector.Vector, error) {
	out := vector.New(a.ret, n)
	copy(a.slice(out), a.vals[:n])
	for g := 0; g < n; g++ {
		if !a.has[g] {
			out.SetNull(g)
		}
	}
	return out, nil
}

// resultInto writes group g's value into row i of out.
func (a *minMaxAgg[T]) resultInto(g int, out *vector.Vector, i int) error {
	if !a.has[g] {
		out.SetNull(i)
		return nil
	}
	if out.Nulls != nil {
		out.Nulls.SetValid(i)
	}
	a.slice(out)[i] = a.vals[g]
	return nil
}
