package exec

// Memory of a hash aggregate, for EXPLAIN ANALYZE. Each input's goroutine
// records the peak bytes of its local group tables after every batch; the
// combine (into the first combined input's tables) and its result columns
// count on that input. With partitioned inputs an input that finalizes its
// own groups counts its table and result columns. The operator's peak is
// the sum: every local table lives until its result is final.

var (
	_ MemoryReporter      = (*hashAgg)(nil)
	_ SliceMemoryReporter = (*hashAgg)(nil)
)

// MemoryBytes implements MemoryReporter: the peak bytes held so far.
func (h *hashAgg) MemoryBytes() int64 {
	return sumPeaks(h.mem)
}

// SliceMemoryBytes implements SliceMemoryReporter.
func (h *hashAgg) SliceMemoryBytes() []int64 {
	return loadPeaks(h.mem)
}
