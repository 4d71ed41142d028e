package block

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// randomStrings returns n strings over a small alphabet (so first bytes tie
// often), some empty, and a NULL bitmap marking about every fifth row.
func randomStrings(r *rand.Rand, n int) ([]string, vector.Bitmap) {
	out := make([]string, n)
	nulls := make(vector.Bitmap, (n+63)/64)
	for i := range out {
		b := make([]byte, r.IntN(4))
		for j := range b {
			b[j] = "a\x00b\xffz"[r.IntN(5)]
		}
		out[i] = string(b)
		if r.IntN(5) == 0 {
			nulls.SetNull(i)
		}
	}
	return out, nulls
}

// TestExtremesStrings checks the first-byte shortcut against plain
// comparisons, with and without NULLs.
func TestExtremesStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 2000; trial++ {
		vals, nulls := randomStrings(r, 1+r.IntN(40))
		for _, nb := range []vector.Bitmap{nil, nulls} {
			var live []string
			for i, s := range vals {
				if !nb.IsNull(i) {
					live = append(live, s)
				}
			}
			lo, hi := extremesStrings(vals, nb)
			if len(live) == 0 {
				if lo != nil || hi != nil {
					t.Fatalf("all NULL: got %q %q", lo, hi)
				}
				continue
			}
			if lo != slices.Min(live) || hi != slices.Max(live) {
				t.Fatalf("%q: got %q %q, want %q %q", live, lo, hi, slices.Min(live), slices.Max(live))
			}
		}
	}
}

func BenchmarkZoneMapStrings(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	v := vector.New(types.VarcharOf(44), 1<<16)
	for i := range v.Strs {
		buf := make([]byte, 10+r.IntN(34))
		for j := range buf {
			buf[j] = byte('a' + r.IntN(26))
		}
		v.Strs[i] = string(buf)
	}
	b.ResetTimer()
	for b.Loop() {
		zoneMap(v, 0, len(v.Strs), nil)
	}
}
