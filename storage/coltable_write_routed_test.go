package storage

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestSortedKeyLoads covers the first load of a KEY-distributed sorted table
// (rows routed to slices as they are sorted): every row lands on its key's
// slice, each slice is sorted, nothing is lost — with the runs kept in
// memory, spilled to disk, or some of each.
func TestSortedKeyLoads(t *testing.T) {
	for _, tc := range []struct {
		name        string
		distKey     int
		interleaved bool
		sortMemory  int64
	}{
		{"text key, runs in memory", 0, false, 0},
		{"bigint key, runs spilled", 1, false, 1},
		{"some runs in memory", 1, false, 128 << 10},
		{"interleaved", 1, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := []int{0, 1}
			l := testLayout(sortTypes, 3, 300)
			l.SortKey, l.Interleaved, l.SortMemory = keys, tc.interleaved, tc.sortMemory
			l.Dist, l.DistKey = DistKey, tc.distKey
			rows := randomRows(11, 9000)
			tb := writeAll(t, NewColTable(newTestStore(t), l), rows.Slice(0, 4000), rows.Slice(4000, 9000)).(*ColTable)
			if info := tb.Info(); info.UnsortedRows != 0 || info.Rows != 9000 {
				t.Fatalf("info %+v", info)
			}
			if !tc.interleaved {
				checkSorted(t, tb, keys)
			}
			sameRows(t, scanAll(t, tb, allCols(3)), batchRows(rows))
			for s := 0; s < tb.Slices(); s++ {
				got := scanSlice(t, tb, ScanRequest{Slice: s, Columns: allCols(3)})
				b := vector.NewBatch([]types.T{sortTypes[tc.distKey]}, len(got))
				for r, row := range got {
					b.Cols[0].Set(r, row[tc.distKey])
				}
				for r, want := range KeySlices(b.Cols[0], b.N, 3, nil) {
					if want != s {
						t.Fatalf("row %v on slice %d, its key's slice is %d", got[r], s, want)
					}
				}
			}
		})
	}
}
