package exec

// Bytes held by group tables and aggregate states, from slice capacities
// (see memory.go): a few operations per aggregate, never a walk over groups.

// aggMemory is implemented by every aggFunc: the bytes its states hold.
type aggMemory interface {
	memBytes() int64
}

// aggBytes returns the bytes a's states hold (0 for a state that cannot say).
func aggBytes(a aggFunc) int64 {
	if m, ok := a.(aggMemory); ok {
		return m.memBytes()
	}
	return 0
}

// memBytes returns the bytes t holds: slot array, group hashes, key columns,
// the tiny-key table, per-batch scratch and every aggregate's states.
func (t *groupTable) memBytes() int64 {
	b := sliceCap(t.slots) + sliceCap(t.hashes) + colsCapBytes(t.keys) + sliceCap(t.tiny) +
		sliceCap(t.hbuf) + sliceCap(t.gbuf) + sliceCap(t.check) + sliceCap(t.ok) + sliceCap(t.cbuf)
	for _, a := range t.aggs {
		b += aggBytes(a)
	}
	return b
}

// tablesBytes is memBytes summed over ts.
func tablesBytes(ts []*groupTable) int64 {
	var b int64
	for _, t := range ts {
		b += t.memBytes()
	}
	return b
}

func (s *rowStore) memBytes() int64 {
	return sliceCap(s.gids) + colsCapBytes(s.cols) + sliceCap(s.sel)
}

func (a *countAgg) memBytes() int64 { return sliceCap(a.counts) }

func (a *sumAgg) memBytes() int64 {
	return sliceCap(a.ints) + sliceCap(a.decs) + sliceCap(a.flts)
}

// memBytes counts string values by their headers only: their bytes belong to
// the input batches the values were taken from.
func (a *minMaxAgg[T]) memBytes() int64 { return sliceCap(a.vals) + sliceCap(a.has) }

func (a *varAgg) memBytes() int64 {
	return sliceCap(a.count) + sliceCap(a.mean) + sliceCap(a.m2) + sliceCap(a.buf)
}

func (a *bitAgg) memBytes() int64 { return sliceCap(a.vals) + sliceCap(a.has) }

func (a *collectAgg) memBytes() int64 { return a.rows.memBytes() }

func (a *distinctAgg) memBytes() int64 {
	b := sliceCap(a.sel) + colsCapBytes(a.cols) + capBytes(a.gbuf)
	if a.set != nil {
		b += a.set.memBytes()
	}
	return b
}

// memBytes counts one sketch header per group; the sketches' sparse lists
// and dense registers are left out, as walking every sketch per batch would
// cost more than the aggregate.
func (a *hllAgg) memBytes() int64 { return sliceCap(a.sketches) + sliceCap(a.hashes) }
