package exec

// Memory of set operations and row sets, for EXPLAIN ANALYZE: the distinct
// rows stored, their hashes, counts and chains, and the bucket array.

var _ MemoryReporter = (*SetOp)(nil)

// memBytes returns the bytes s holds.
func (s *rowSet) memBytes() int64 {
	return colsCapBytes(s.store.cols) + sliceCap(s.hashes) + sliceCap(s.head) + sliceCap(s.next) +
		sliceCap(s.counts) + sliceCap(s.buf)
}

// MemoryBytes implements MemoryReporter: the right side's row set.
func (s *SetOp) MemoryBytes() int64 {
	if s.set == nil {
		return 0
	}
	return s.set.memBytes() + sliceCap(s.sel)
}
