package exec

// Memory of a window operator, for EXPLAIN ANALYZE: it materialises its
// whole input, sorts a copy by partition and order keys, then adds one column
// per function. The build records the larger of the two phases' bytes
// (input plus sorted copy and permutation; sorted columns plus results and
// partition bounds).

var _ MemoryReporter = (*windowOp)(nil)

// MemoryBytes implements MemoryReporter.
func (w *windowOp) MemoryBytes() int64 { return w.mem }

func (p *partitionInfo) memBytes() int64 {
	return sliceCap(p.parts) + sliceCap(p.groupStart) + sliceCap(p.peer)
}
