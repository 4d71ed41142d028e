package exec

import (
	"cmp"
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// rowOrder compares two rows of the window's materialised input.
type rowOrder func(x, y int32) int

// keyOrder returns a typed comparison of rows of v for one sort key, so the
// sort pays one indirect call per key and comparison instead of a type switch.
func keyOrder(v *vector.Vector, k SortSpec) rowOrder {
	sign := 1
	if k.Desc {
		sign = -1
	}
	var c rowOrder
	switch v.Type.Physical() {
	case types.PhysInt64:
		a := v.Ints
		c = func(x, y int32) int { return sign * cmp.Compare(a[x], a[y]) }
	case types.PhysString:
		a := v.Strs
		c = func(x, y int32) int { return sign * cmp.Compare(a[x], a[y]) }
	default:
		return func(x, y int32) int { return CompareValues(v, int(x), v, int(y), k.Desc, k.NullsFirst) }
	}
	if !v.Nulls.Any(v.Len()) {
		return c
	}
	nulls := v.Nulls
	nullSide := 1 // NULLs last
	if k.NullsFirst {
		nullSide = -1
	}
	return func(x, y int32) int {
		xn, yn := nulls.IsNull(int(x)), nulls.IsNull(int(y))
		switch {
		case xn && yn:
			return 0
		case xn:
			return nullSide
		case yn:
			return -nullSide
		}
		return c(x, y)
	}
}

// sortedPerm returns the row order of cols (n rows) by keys; rows with equal
// keys keep their input order.
func sortedPerm(cols []*vector.Vector, n int, keys []SortSpec) []int32 {
	orders := make([]rowOrder, len(keys))
	for i, k := range keys {
		orders[i] = keyOrder(cols[k.Col], k)
	}
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(x, y int32) int {
		for _, o := range orders {
			if c := o(x, y); c != 0 {
				return c
			}
		}
		return cmp.Compare(x, y)
	})
	return perm
}
