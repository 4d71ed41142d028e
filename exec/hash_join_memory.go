package exec

// Memory of a hash join, for EXPLAIN ANALYZE. The build side is one table
// shared by every probe operator (slice) of the join, so it is reported once:
// by the first probe that asks after the table is built, which is the one that
// built it (the instrumentation asks right after Open, and Open builds). The
// other slices report only what they hold themselves: their build-row match
// flags (RIGHT and FULL joins). A co-located join has one table per slice,
// so each slice reports its own.

var _ MemoryReporter = (*HashJoin)(nil)

// memBytes returns the bytes t holds: the build rows, their hashes, the
// bucket array and the chains.
func (t *hashTable) memBytes() int64 {
	return t.store.bytes + sliceCap(t.hashes) + sliceCap(t.head) + sliceCap(t.next) + sliceCap(t.nullKey) + t.filter.memBytes()
}

// MemoryBytes implements MemoryReporter: the shared table's bytes on the
// slice that owns the report, plus this probe's own match flags.
func (j *HashJoin) MemoryBytes() int64 {
	t := j.tbl
	if t == nil {
		return 0
	}
	b := sliceCap(j.local)
	if t.owner.Load() == j || t.owner.CompareAndSwap(nil, j) {
		b += t.memBytes() + sliceCap(j.sh.matched)
	}
	return b
}
