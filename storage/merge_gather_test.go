package storage

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestGroupGather collects rows from many small batches (past the linear
// lookup), with NULLs in some of them, and checks every value and NULL.
func TestGroupGather(t *testing.T) {
	ts := []types.T{types.Int64Type, types.TextType, types.DecimalType(30, 2), types.BoolType}
	g := newGroupGather(ts, 1000)
	var want [][]any
	var srcs []*vector.Batch
	for i := 0; i < 3*fewSources; i++ {
		b := vector.NewBatch(ts, 3)
		for r := 0; r < 3; r++ {
			b.Cols[0].Ints[r] = int64(10*i + r)
			b.Cols[1].Strs[r] = string(rune('a' + r))
			b.Cols[2].Decs[r] = types.Decimal128{Lo: uint64(i)}
			b.Cols[3].Bools[r] = r == 1
			if (i+r)%5 == 0 {
				b.Cols[1].SetNull(r)
			}
		}
		srcs = append(srcs, b)
	}
	// Interleave: row 2 of every batch, then rows 0-1 of every batch in reverse.
	for _, b := range srcs {
		g.add(b, 2, 3)
		want = append(want, batchRows(b.Slice(2, 3))...)
	}
	for i := len(srcs) - 1; i >= 0; i-- {
		g.add(srcs[i], 0, 2)
		want = append(want, batchRows(srcs[i].Slice(0, 2))...)
	}
	for round := 0; round < 2; round++ { // the second round reuses the output
		out := g.batch()
		got := batchRows(out)
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d", len(got), len(want))
		}
		for i := range want {
			for c := range want[i] {
				if got[i][c] != want[i][c] {
					t.Fatalf("round %d row %d col %d: %v, want %v", round, i, c, got[i][c], want[i][c])
				}
			}
		}
		if g.len() != 0 {
			t.Fatal("rows left after batch()")
		}
		for _, b := range srcs {
			g.add(b, 2, 3)
		}
		for i := len(srcs) - 1; i >= 0; i-- {
			g.add(srcs[i], 0, 2)
		}
	}
}
