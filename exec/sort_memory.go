package exec

// Memory of a sort or top-N, for EXPLAIN ANALYZE. Each input's run records
// its peak: the rows it materialised (estimated per batch as they arrive)
// plus the permutation and lead keys that order them; a top-N's peak is
// reached just before a compaction. The merge holds one output batch and is
// not counted.

var (
	_ MemoryReporter      = (*Sort)(nil)
	_ SliceMemoryReporter = (*Sort)(nil)
)

// runBytes estimates the bytes of a sorted run over st.
func runBytes(st *colStore, perm []int32, lead *leadKeys) int64 {
	b := st.bytes + sliceCap(perm)
	if lead != nil {
		b += sliceCap(lead.keys)
	}
	return b
}

// MemoryBytes implements MemoryReporter: the runs' peaks summed (all runs
// are held until the merge ends).
func (s *Sort) MemoryBytes() int64 {
	return sumPeaks(s.mem)
}

// SliceMemoryBytes implements SliceMemoryReporter.
func (s *Sort) SliceMemoryBytes() []int64 {
	return loadPeaks(s.mem)
}
