package vector

import (
	"testing"

	"github.com/warehoused/warehoused/types"
)

// TestView: a view holds exactly rows [from, to) with their NULLs, whether it
// shares the bitmap's words (aligned ranges) or copies the bits.
func TestView(t *testing.T) {
	v := New(types.Int64Type, 200)
	for i := range v.Ints {
		v.Ints[i] = int64(i)
		if i%7 == 0 {
			if v.Nulls == nil {
				v.Nulls = NewBitmap(200)
			}
			v.Nulls.SetNull(i)
		}
	}
	for _, r := range []struct {
		from, to int
		shared   bool
	}{{0, 64, true}, {64, 200, true}, {64, 128, true}, {3, 70, false}, {64, 100, false}, {190, 200, false}} {
		var dst Vector
		v.View(&dst, r.from, r.to)
		if dst.Len() != r.to-r.from {
			t.Fatalf("%v: len %d", r, dst.Len())
		}
		for i := range dst.Len() {
			row := r.from + i
			if dst.Ints[i] != int64(row) || dst.IsNull(i) != (row%7 == 0) {
				t.Fatalf("%v: row %d: %d null=%v", r, i, dst.Ints[i], dst.IsNull(i))
			}
		}
		if shared := dst.Nulls != nil && &dst.Nulls[0] == &v.Nulls[r.from>>6]; shared != r.shared {
			t.Errorf("%v: bitmap shared %v, want %v", r, shared, r.shared)
		}
	}
}
