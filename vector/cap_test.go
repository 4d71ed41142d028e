package vector

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/types"
)

func TestVectorCap(t *testing.T) {
	for _, tc := range []struct {
		typ  types.T
		want int
	}{
		{types.Int64Type, 10}, {types.TextType, 10}, {types.BoolType, 10},
		{types.Float64Type, 10}, {types.DecimalType(30, 2), 10}, {types.T{ID: types.Interval}, 10},
	} {
		if got := NewWithCap(tc.typ, tc.want).Cap(); got < tc.want {
			t.Errorf("%s: Cap %d, want at least %d", tc.typ, got, tc.want)
		}
	}
	if got := New(types.UnknownType, 3).Cap(); got != math.MaxInt {
		t.Errorf("NULL type: Cap %d, want unbounded", got)
	}
}
