package storage

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func TestKeySlicesEqualValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		ty   types.T
		a, b types.Datum
	}{
		{"zero signs", types.Float64Type, 0.0, math.Copysign(0, -1)},
		{"nan payloads", types.Float64Type, math.NaN(), math.Float64frombits(0x7ff8000000000abc)},
		{"strings", types.TextType, "same key, long enough to span words", "same key, long enough to span words"},
		{"ints", types.Int32Type, int64(42), int64(42)},
		{"nulls", types.TextType, nil, nil},
	} {
		v := vector.New(tc.ty, 2)
		v.Set(0, tc.a)
		v.Set(1, tc.b)
		for _, n := range []int{1, 3, 16} {
			s := KeySlices(v, 2, n, nil)
			if s[0] != s[1] || s[0] < 0 || s[0] >= n {
				t.Errorf("%s on %d slices: %v", tc.name, n, s)
			}
		}
	}
	// Keys spread: 1000 distinct strings over 4 slices leave none empty
	// or holding most.
	v := vector.New(types.TextType, 1000)
	for i := range v.Strs {
		v.Strs[i] = "customer#" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	count := make([]int, 4)
	for _, s := range KeySlices(v, 1000, 4, nil) {
		count[s]++
	}
	for _, c := range count {
		if c < 150 || c > 350 {
			t.Fatalf("uneven spread %v", count)
		}
	}
}
