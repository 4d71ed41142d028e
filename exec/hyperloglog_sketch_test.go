package exec

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func TestDistinctSketch(t *testing.T) {
	cases := []struct {
		name     string
		n, mod   int
		nullEach int
		want     float64
	}{
		{"all distinct", 100000, 1 << 30, 0, 100000},
		{"few values", 100000, 7, 0, 7},
		{"with NULLs", 10000, 1000, 3, 1000},
		{"empty", 0, 1, 0, 0},
	}
	for _, tc := range cases {
		var a, b DistinctSketch
		v := vector.New(types.Int64Type, 1024)
		for start := 0; start < tc.n; start += 1024 {
			m := min(1024, tc.n-start)
			v.Nulls = nil
			for i := range m {
				v.Ints[i] = int64((start + i) % tc.mod)
				if tc.nullEach > 0 && (start+i)%tc.nullEach == 0 {
					v.SetNull(i)
				}
			}
			// Half the batches into each sketch, merged at the end.
			if start/1024%2 == 0 {
				a.Add(v, m)
			} else {
				b.Add(v, m)
			}
		}
		a.Merge(&b)
		got := float64(a.Estimate())
		if math.Abs(got-tc.want) > 0.03*tc.want+0.5 {
			t.Errorf("%s: estimate %v want about %v", tc.name, got, tc.want)
		}
	}
}
