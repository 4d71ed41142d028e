package exec

import "github.com/warehoused/warehoused/vector"

// DistinctSketch estimates the number of distinct non-NULL values of a
// column with the HyperLogLog sketch behind APPROXIMATE COUNT(DISTINCT);
// ANALYZE uses it for ColumnStats.Distinct. The zero value is ready to use.
type DistinctSketch struct {
	h      hll
	hashes []uint64
}

// Add records the first n values of v (NULLs are ignored).
func (s *DistinctSketch) Add(v *vector.Vector, n int) {
	if n == 0 || allNull(v) {
		return
	}
	if s.h.dense == nil {
		// One column's sketch: dense registers (16 KB) from the start, as a
		// scanned column has many values and compacting a sparse list costs.
		s.h.toDense()
	}
	if cap(s.hashes) < n {
		s.hashes = make([]uint64, n)
	}
	hs := s.hashes[:n]
	HashVector(v, hs, true)
	nulls := nullsOf(v, n)
	for i, h := range hs {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		s.h.add(h)
	}
}

// Estimate returns the estimated number of distinct values added.
func (s *DistinctSketch) Estimate() int64 { return s.h.estimate() }

// Merge folds o's values into s (sketches of parts of one column).
func (s *DistinctSketch) Merge(o *DistinctSketch) { s.h.merge(&o.h) }
