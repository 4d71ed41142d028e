package exec

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestJoinFilterNoFalseNegatives builds join tables over random keys of
// several shapes and checks that every build key passes the filter, and that
// a sparse probe side is mostly dropped.
func TestJoinFilterNoFalseNegatives(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	intVec := func(n int, f func(i int) int64) *vector.Vector {
		v := vector.New(types.Int64Type, n)
		for i := range v.Ints {
			v.Ints[i] = f(i)
		}
		return v
	}
	strVec := func(n int, f func(i int) int64) *vector.Vector {
		v := vector.New(types.TextType, n)
		for i := range v.Strs {
			v.Strs[i] = fmt.Sprintf("key-%d", f(i))
		}
		return v
	}
	for _, tc := range []struct {
		name   string
		n      int
		mk     []func(n int, f func(i int) int64) *vector.Vector
		intKey bool
	}{
		{"int-tiny", 1, []func(int, func(int) int64) *vector.Vector{intVec}, true},
		{"int-200", 200, []func(int, func(int) int64) *vector.Vector{intVec}, true},
		{"int-70k", 70000, []func(int, func(int) int64) *vector.Vector{intVec}, true},
		{"int-max", filterMaxRows, []func(int, func(int) int64) *vector.Vector{intVec}, true},
		{"text-500", 500, []func(int, func(int) int64) *vector.Vector{strVec}, false},
		{"int-text", 3000, []func(int, func(int) int64) *vector.Vector{intVec, strVec}, false},
		{"int-int", 3000, []func(int, func(int) int64) *vector.Vector{intVec, intVec}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, pattern := range []func(i int) int64{
				func(i int) int64 { return r.Int64() },
				func(i int) int64 { return int64(i) },
				func(i int) int64 { return int64(i) << 32 },
				func(i int) int64 { return -int64(i) * 1024 },
			} {
				build := make([]*vector.Vector, len(tc.mk))
				ts := make([]types.T, len(tc.mk))
				keys := make([]int, len(tc.mk))
				for k, mk := range tc.mk {
					build[k] = mk(tc.n, pattern)
					ts[k], keys[k] = build[k].Type, k
				}
				st := newColStore(ts)
				st.add(&vector.Batch{Cols: build, N: tc.n})
				st.finish()
				tbl := buildHashTable(st, keys, nil)
				f := tbl.filter
				if f == nil || f.intKeys != tc.intKey {
					t.Fatalf("filter %+v, want intKeys %v", f, tc.intKey)
				}
				// Probe with the build keys themselves: every row must pass,
				// and get its join hash.
				hs := make([]uint64, tc.n)
				sel := f.probe(build, hs, make([]int32, tc.n), tc.n)
				if len(sel) != tc.n {
					t.Fatalf("%d of %d build keys pass", len(sel), tc.n)
				}
				for i, h := range hs {
					if h != tbl.hashes[i] {
						t.Fatalf("row %d: join hash %x, want %x", i, h, tbl.hashes[i])
					}
				}
				// Keys that are not in the table mostly fail.
				const m = 1 << 14
				other := make([]*vector.Vector, len(tc.mk))
				for k, mk := range tc.mk {
					other[k] = mk(m, func(i int) int64 { return r.Int64() | 1<<62 })
				}
				pass := len(f.probe(other, make([]uint64, m), make([]int32, m), m))
				if bitsPerKey := len(f.words) * 64 / tc.n; bitsPerKey >= filterBitsPerKey && pass > m/8 {
					t.Fatalf("%d of %d absent keys pass a filter of %d bits per key", pass, m, bitsPerKey)
				}
			}
		})
	}
}

// TestJoinFilterSizes checks that empty and very large build sides get no
// filter (nothing to filter; too costly to build).
func TestJoinFilterSizes(t *testing.T) {
	for _, n := range []int{0, filterMaxRows + 1} {
		st := newColStore([]types.T{types.Int64Type})
		st.add(&vector.Batch{Cols: []*vector.Vector{vector.New(types.Int64Type, n)}, N: n})
		st.finish()
		if f := buildHashTable(st, []int{0}, nil).filter; f != nil {
			t.Fatalf("%d rows: filter of %d words", n, len(f.words))
		}
	}
}

// TestFilterUseAdaptive checks that the filter is switched off when most
// rows pass it, and sampled again later.
func TestFilterUseAdaptive(t *testing.T) {
	var u filterUse
	for range filterSampleRows / 1024 {
		if !u.use() {
			t.Fatal("filter off before a sample")
		}
		u.observe(1024, 1000)
	}
	off := 0
	for range filterOffBatches {
		if !u.use() {
			off++
		}
	}
	if off != filterOffBatches || !u.use() {
		t.Fatalf("off for %d batches, want %d then on again", off, filterOffBatches)
	}
	// A second bad sample in a row switches it off for twice as long.
	for u.use() {
		u.observe(1024, 1000)
	}
	off = 1
	for !u.use() {
		off++
	}
	if off != 2*filterOffBatches {
		t.Fatalf("off for %d batches after two bad samples, want %d", off, 2*filterOffBatches)
	}
	u = filterUse{}
	for range 4 * filterSampleRows / 1024 {
		if !u.use() {
			t.Fatal("filter off although it drops most rows")
		}
		u.observe(1024, 10)
	}
}

// BenchmarkJoinFilterSelect measures the filter check alone: one batch of
// 2048 int64 keys against the filter of 200 build keys.
func BenchmarkJoinFilterSelect(b *testing.B) {
	const n = 2048
	build := vector.New(types.Int64Type, 200)
	for i := range build.Ints {
		build.Ints[i] = int64(i) * 1000003
	}
	st := newColStore([]types.T{types.Int64Type})
	st.add(&vector.Batch{Cols: []*vector.Vector{build}, N: 200})
	st.finish()
	f := buildHashTable(st, []int{0}, nil).filter
	keys := make([]int64, n)
	for i := range keys {
		keys[i] = int64(i) * 7
	}
	hashes := make([]uint64, n)
	HashVector(&vector.Vector{Type: types.Int64Type, Ints: keys}, hashes, true)
	sel := make([]int32, n)
	b.Run("ints", func(b *testing.B) {
		for b.Loop() {
			f.selectInts(keys, sel)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	})
	b.Run("hashes", func(b *testing.B) {
		h := &joinFilter{words: f.words, shift: f.shift}
		for b.Loop() {
			h.selectHashes(hashes, sel)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	})
}
