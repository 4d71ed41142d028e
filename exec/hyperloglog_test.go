package exec

import (
	"math"
	"testing"
)

// TestHyperLogLogError checks the estimate stays within 3% (about four
// standard errors at precision 14) from tiny to large cardinalities, and that
// merging sketches of overlapping sets estimates their union.
func TestHyperLogLogError(t *testing.T) {
	for _, n := range []int{0, 1, 10, 100, 1000, 20000, 50000, 200000} {
		var h hll
		for i := 0; i < n; i++ {
			h.add(hashInt(int64(i)))
			h.add(hashInt(int64(i))) // duplicates must not count
		}
		got := h.estimate()
		if err := math.Abs(float64(got)-float64(n)) / math.Max(float64(n), 1); err > 0.03 {
			t.Errorf("n=%d: estimate %d (error %.2f%%)", n, got, err*100)
		}
	}
	var a, b hll
	for i := 0; i < 30000; i++ {
		a.add(hashString(string(rune(i)) + "x"))
	}
	for i := 15000; i < 45000; i++ {
		b.add(hashString(string(rune(i)) + "x"))
	}
	var small hll
	small.add(hashInt(-1))
	a.merge(&b)
	a.merge(&small)
	if got := a.estimate(); math.Abs(float64(got)-45001)/45001 > 0.03 {
		t.Errorf("union estimate %d, want about 45001", got)
	}
	small.merge(&b)
	if got := small.estimate(); math.Abs(float64(got)-30001)/30001 > 0.03 {
		t.Errorf("sparse+dense merge estimate %d, want about 30001", got)
	}
}
