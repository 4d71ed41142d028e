package exec

// Memory of a recursive CTE, for EXPLAIN ANALYZE: the rows of the step being
// read, the previous step's rows (the work table the step reads) and, for
// UNION, the set of rows already yielded. The instrumentation keeps the peak.

var _ MemoryReporter = (*RecursiveCTE)(nil)

// MemoryBytes implements MemoryReporter: the bytes held now.
func (r *RecursiveCTE) MemoryBytes() int64 {
	b := r.stepBytes + r.workBytes
	if r.seen != nil {
		b += r.seen.memBytes()
	}
	return b
}
