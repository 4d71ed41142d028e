package exec

// Memory of a nested loop join, for EXPLAIN ANALYZE: the materialised right
// side and the per-row match flags.

var _ MemoryReporter = (*NestedLoopJoin)(nil)

// MemoryBytes implements MemoryReporter.
func (j *NestedLoopJoin) MemoryBytes() int64 {
	if j.store == nil {
		return 0
	}
	return j.store.bytes + sliceCap(j.rightMatch) + sliceCap(j.matched) + sliceCap(j.sawNull) +
		sliceCap(j.candP) + sliceCap(j.candB)
}
