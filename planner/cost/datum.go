package cost

import (
	"cmp"
	"math"

	"github.com/warehoused/warehoused/types"
)

// CompareDatum orders two non-NULL datums of the same physical kind (the
// values vector.Vector.Get returns: bool, int64, float64, string,
// types.Decimal128, types.IntervalValue). ok is false when they are of
// different kinds or either is NULL.
func CompareDatum(a, b types.Datum) (c int, ok bool) {
	switch x := a.(type) {
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y), true
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y), true
		}
	case string:
		if y, ok := b.(string); ok {
			return cmp.Compare(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			switch {
			case x == y:
				return 0, true
			case !x:
				return -1, true
			}
			return 1, true
		}
	case types.Decimal128:
		if y, ok := b.(types.Decimal128); ok {
			return x.Cmp(y), true
		}
	case types.IntervalValue:
		if y, ok := b.(types.IntervalValue); ok {
			return types.CompareInterval(x, y), true
		}
	}
	return 0, false
}

// datumFloat maps a numeric or temporal datum to a float64 on a linear
// scale (scaled decimals stay scaled: only ratios matter), for interpolating
// range selectivities. ok is false for strings and other kinds.
func datumFloat(d types.Datum) (float64, bool) {
	switch x := d.(type) {
	case int64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		return x, true
	case types.Decimal128:
		return float64(x.Hi)*math.Pow(2, 64) + float64(x.Lo), true
	}
	return 0, false
}
