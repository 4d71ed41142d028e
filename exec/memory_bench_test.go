package exec

import (
	"testing"

	"github.com/warehoused/warehoused/vector"
)

// BenchmarkMemoryAccounting measures what the memory accounting adds per
// batch: a batch's estimate (sorts, join builds) and a group table's (hash
// aggregates), to set against the batch's own cost (2048 rows).
func BenchmarkMemoryAccounting(b *testing.B) {
	src := memRows(0, 2048).(*batchesOp)
	batch := src.batches[0]
	b.Run("batch", func(b *testing.B) {
		for b.Loop() {
			_ = batchBytes(batch)
		}
	})
	aggs := []AggSpec{{Name: "count", Filter: -1}, {Name: "max", Args: []int{1}, Filter: -1},
		{Name: "sum", Args: []int{2}, Filter: -1}, {Name: "avg", Args: []int{2}, Filter: -1}}
	t, err := newGroupTable([]int{0, 1}, memTypes, aggs)
	if err != nil {
		b.Fatal(err)
	}
	t.groupIDs([]*vector.Vector{batch.Cols[0], batch.Cols[1]}, batch.N)
	b.Run("group_table", func(b *testing.B) {
		for b.Loop() {
			_ = tablesBytes([]*groupTable{t})
		}
	})
}
