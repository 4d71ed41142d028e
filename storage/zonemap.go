package storage

import (
	"math"

	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/types"
)

// excludes reports whether the zone map m proves that no row of its block
// satisfies r. Bounds of a different Go type than the zone map's (which the
// planner should not send) never exclude: ranges are hints.
func excludes(m *block.Meta, r *ColumnRange) bool {
	if r.Lo == nil && r.Hi == nil {
		return false
	}
	if m.Rows > 0 && m.Nulls >= m.Rows {
		// Every row NULL: no comparison with a bound is true.
		return true
	}
	if r.Lo != nil && m.Max != nil {
		if c, ok := compareDatum(m.Max, r.Lo); ok && (c < 0 || (c == 0 && !r.LoIncl)) {
			return true
		}
	}
	if r.Hi != nil && m.Min != nil {
		if c, ok := compareDatum(m.Min, r.Hi); ok && (c > 0 || (c == 0 && !r.HiIncl)) {
			return true
		}
	}
	return false
}

// compareDatum orders two non-NULL datums of the same physical kind; ok is
// false when they cannot be compared. Floats order NaN above everything, as
// PostgreSQL does.
func compareDatum(a, b types.Datum) (int, bool) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmp3(x, y), true
		case float64:
			return cmpFloat(float64(x), y), true
		case types.Decimal128:
			return types.D128(x).Cmp(y), true
		}
	case float64:
		switch y := b.(type) {
		case float64:
			return cmpFloat(x, y), true
		case int64:
			return cmpFloat(x, float64(y)), true
		}
	case string:
		if y, ok := b.(string); ok {
			return cmp3(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmpBool(x, y), true
		}
	case types.Decimal128:
		switch y := b.(type) {
		case types.Decimal128:
			return x.Cmp(y), true
		case int64:
			return x.Cmp(types.D128(y)), true
		}
	case types.IntervalValue:
		if y, ok := b.(types.IntervalValue); ok {
			return types.CompareInterval(x, y), true
		}
	}
	return 0, false
}

func cmp3[T int64 | string | uint64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// cmpFloat orders floats with NaN greatest (and equal to itself).
func cmpFloat(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an || bn:
		if an && bn {
			return 0
		}
		if an {
			return 1
		}
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
