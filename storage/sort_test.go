package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// sortTypes: a text, a bigint and a double; the sort key is (text, bigint).
var sortTypes = []types.T{types.TextType, types.Int64Type, types.Float64Type}

// randomRows returns n rows with many duplicate keys and some NULLs.
func randomRows(seed uint64, n int) *vector.Batch {
	rng := rand.New(rand.NewPCG(seed, 7))
	b := vector.NewBatch(sortTypes, n)
	for r := 0; r < n; r++ {
		b.Cols[0].Strs[r] = fmt.Sprintf("k%03d", rng.IntN(200))
		b.Cols[1].Ints[r] = rng.Int64N(1000) - 500
		b.Cols[2].Floats[r] = rng.Float64()
		if rng.IntN(20) == 0 {
			b.Cols[0].SetNull(r)
		}
		if rng.IntN(20) == 0 {
			b.Cols[1].SetNull(r)
		}
	}
	return b
}

// cmpKeyRows compares two scanned rows on key columns, NULLs last.
func cmpKeyRows(a, b []any, keys []int) int {
	for _, k := range keys {
		x, y := a[k], b[k]
		switch {
		case x == nil && y == nil:
			continue
		case x == nil:
			return 1
		case y == nil:
			return -1
		}
		if c, _ := compareDatum(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// checkSorted fails unless every slice of tbl scans in compound key order.
func checkSorted(t *testing.T, tbl *ColTable, keys []int) {
	t.Helper()
	for s := 0; s < tbl.Slices(); s++ {
		rows := scanSlice(t, tbl, ScanRequest{Slice: s, Columns: allCols(len(tbl.Types()))})
		for i := 1; i < len(rows); i++ {
			if cmpKeyRows(rows[i-1], rows[i], keys) > 0 {
				t.Fatalf("slice %d rows %d, %d out of order: %v %v", s, i-1, i, rows[i-1], rows[i])
			}
		}
	}
}

func batchRows(bs ...*vector.Batch) [][]any {
	var out [][]any
	for _, b := range bs {
		for r := 0; r < b.N; r++ {
			out = append(out, b.Row(r))
		}
	}
	return out
}

func sameRows(t *testing.T, got, want [][]any) {
	t.Helper()
	if g, w := rowStrings(got), rowStrings(want); !slices.Equal(g, w) {
		t.Fatalf("rows differ: %d vs %d", len(g), len(w))
	}
}

func TestColTableSortedLoads(t *testing.T) {
	keys := []int{0, 1}
	l := testLayout(sortTypes, 2, 500)
	l.SortKey = keys
	// 20000 rows over 2 slices in runs of 8 row groups: several runs per
	// slice, merged at Finish.
	first := randomRows(1, 20000)
	t1 := writeAll(t, NewColTable(newTestStore(t), l), first.Slice(0, 7000), first.Slice(7000, 20000)).(*ColTable)
	if info := t1.Info(); info.UnsortedRows != 0 || info.Rows != 20000 {
		t.Fatalf("first load: %+v", info.UnsortedRows)
	}
	checkSorted(t, t1, keys)
	sameRows(t, scanAll(t, t1, allCols(3)), batchRows(first))

	second := randomRows(2, 3000)
	t2 := writeAll(t, t1, second).(*ColTable)
	info := t2.Info()
	if info.UnsortedRows != 3000 {
		t.Fatalf("second load: %d unsorted rows", info.UnsortedRows)
	}
	for _, b := range info.Blocks {
		if b.Sorted != (b.RowGroup < t2.slices[b.Slice].sorted) {
			t.Fatalf("block %+v", b)
		}
	}
	// Each write is sorted in itself: the unsorted region of every slice
	// (which the second load alone formed) scans in order.
	for s := 0; s < t2.Slices(); s++ {
		skip := 0
		for _, g := range t2.slices[s].groups[:t2.slices[s].sorted] {
			skip += g.live()
		}
		rows := scanSlice(t, t2, ScanRequest{Slice: s, Columns: allCols(3)})[skip:]
		for i := 1; i < len(rows); i++ {
			if cmpKeyRows(rows[i-1], rows[i], keys) > 0 {
				t.Fatalf("second load out of order in slice %d", s)
			}
		}
	}
	t3, err := t2.Vacuum(context.Background(), VacuumFull, 0)
	if err != nil {
		t.Fatal(err)
	}
	if t3.Info().UnsortedRows != 0 {
		t.Fatal("vacuum left unsorted rows")
	}
	checkSorted(t, t3, keys)
	sameRows(t, scanAll(t, t3, allCols(3)), batchRows(first, second))
}

// A sort key on a column that is not the first, and one whole load that
// fits one run (no merge).
func TestColTableSortedSingleRun(t *testing.T) {
	l := testLayout(sortTypes, 1, 4096)
	l.SortKey = []int{2}
	b := randomRows(3, 5000)
	tb := writeAll(t, NewColTable(newTestStore(t), l), b).(*ColTable)
	checkSorted(t, tb, []int{2})
}

func TestColTableInterleaved(t *testing.T) {
	ts := []types.T{types.Int64Type, types.Int64Type}
	l := testLayout(ts, 1, 1000)
	l.SortKey, l.Interleaved = []int{0, 1}, true
	rng := rand.New(rand.NewPCG(9, 9))
	b := vector.NewBatch(ts, 40000)
	for r := 0; r < b.N; r++ {
		b.Cols[0].Ints[r] = rng.Int64N(1000)
		b.Cols[1].Ints[r] = rng.Int64N(1000)
	}
	tb := writeAll(t, NewColTable(newTestStore(t), l), b).(*ColTable)
	sameRows(t, scanAll(t, tb, []int{0, 1}), batchRows(b))
	readFraction := func(tb *ColTable, col int) float64 {
		var st ScanStats
		scanSlice(t, tb, ScanRequest{Columns: []int{0, 1}, Stats: &st,
			Ranges: []ColumnRange{{Col: col, Lo: int64(400), Hi: int64(499), LoIncl: true, HiIncl: true}}})
		return float64(st.BlocksRead.Load()) / float64(st.BlocksRead.Load()+st.BlocksSkipped.Load())
	}
	// A 10% range on either key column alone skips most blocks.
	for col := 0; col < 2; col++ {
		if f := readFraction(tb, col); f > 0.5 {
			t.Fatalf("column %d: read %.0f%% of blocks", col, f*100)
		}
	}
	// REINDEX re-sorts even a fully sorted interleaved table.
	r, err := tb.Vacuum(context.Background(), VacuumReindex, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r == tb {
		t.Fatal("reindex did nothing")
	}
	sameRows(t, scanAll(t, r, []int{0, 1}), batchRows(b))
	if f := readFraction(r, 1); f > 0.5 {
		t.Fatalf("after reindex: read %.0f%% of blocks", f*100)
	}
}

func TestColTableVacuum(t *testing.T) {
	ctx := context.Background()
	keys := []int{0, 1}
	for _, tc := range []struct {
		name       string
		mode       VacuumMode
		threshold  int
		unsorted   int // rows of the second load
		deletePct  int // of all rows, every n-th
		wantSame   bool
		wantSorted bool
		wantNoDel  bool
	}{
		{"full sorts", VacuumFull, 0, 2000, 0, false, true, true},
		{"full skips a sorted table", VacuumFull, 0, 300, 0, true, false, false},
		{"full to 99 percent sorts", VacuumFull, 99, 300, 0, false, true, true},
		{"full reclaims only", VacuumFull, 0, 0, 10, false, true, true},
		{"full sorts and reclaims", VacuumFull, 0, 2000, 10, false, true, true},
		{"sort only", VacuumSortOnly, 0, 2000, 0, false, true, true},
		{"sort only skips deletes", VacuumSortOnly, 0, 0, 10, true, false, false},
		{"delete only", VacuumDeleteOnly, 0, 2000, 10, false, false, true},
		{"delete only under threshold", VacuumDeleteOnly, 0, 2000, 2, true, false, false},
		{"delete only to 100 percent", VacuumDeleteOnly, 100, 2000, 2, false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLayout(sortTypes, 2, 500)
			l.SortKey = keys
			first := randomRows(1, 10000)
			tb := writeAll(t, NewColTable(newTestStore(t), l), first)
			var loads []*vector.Batch
			loads = append(loads, first)
			if tc.unsorted > 0 {
				second := randomRows(2, tc.unsorted)
				tb = writeAll(t, tb, second)
				loads = append(loads, second)
			}
			want := batchRows(loads...)
			if tc.deletePct > 0 {
				var ids []int64
				var keep [][]any
				for i, r := range scanAll(t, tb, []int{-1, 0, 1, 2}) {
					if i%(100/tc.deletePct) == 0 {
						ids = append(ids, r[0].(int64))
					} else {
						keep = append(keep, r[1:])
					}
				}
				var err error
				if tb, _, err = tb.Delete(ctx, ids); err != nil {
					t.Fatal(err)
				}
				want = keep
			}
			before := tb.(*ColTable)
			orderBefore := scanAll(t, before, allCols(3))
			got, err := before.Vacuum(ctx, tc.mode, tc.threshold)
			if err != nil {
				t.Fatal(err)
			}
			if (got == before) != tc.wantSame {
				t.Fatalf("vacuum returned the same version: %v", got == before)
			}
			sameRows(t, scanAll(t, got, allCols(3)), want)
			info := got.Info()
			if tc.wantSorted {
				if info.UnsortedRows != 0 {
					t.Fatalf("%d unsorted rows", info.UnsortedRows)
				}
				checkSorted(t, got, keys)
			}
			if tc.wantNoDel && info.DeletedRows != 0 {
				t.Fatalf("%d deleted rows left", info.DeletedRows)
			}
			if tc.mode == VacuumDeleteOnly && !tc.wantSame {
				// Order kept, sorted region kept.
				if fmt.Sprint(scanAll(t, got, allCols(3))) != fmt.Sprint(orderBefore) {
					t.Fatal("delete only changed the row order")
				}
				if info.UnsortedRows != before.Info().UnsortedRows {
					t.Fatalf("unsorted rows %d, before %d", info.UnsortedRows, before.Info().UnsortedRows)
				}
			}
		})
	}
}

func TestSortCodesPreserveOrder(t *testing.T) {
	for _, tc := range []struct {
		ty   types.T
		vals []types.Datum
	}{
		{types.Int64Type, []types.Datum{int64(-1 << 63), int64(-5), int64(0), int64(7), int64(1<<63 - 1), nil}},
		{types.Float64Type, []types.Datum{-1e300, -1.5, 0.0, 2.5, 1e300, nil}},
		{types.TextType, []types.Datum{"", "a", "a\x00", "abcdefgh", "abcdefgh1", "b", nil}},
		{types.BoolType, []types.Datum{false, true, nil}},
		{types.DecimalType(30, 0), []types.Datum{types.Decimal128{Hi: -2}, types.Decimal128{Hi: -1, Lo: 5}, types.Decimal128{}, types.Decimal128{Hi: 3}, nil}},
	} {
		v := vector.New(tc.ty, len(tc.vals))
		for i, d := range tc.vals {
			v.Set(i, d)
		}
		cs := make([]uint64, len(tc.vals))
		codes(v, len(tc.vals), cs)
		for i := 1; i < len(cs); i++ {
			if cs[i-1] > cs[i] || compareRows(v, i-1, v, i) > 0 {
				t.Fatalf("%s: %v then %v: codes %x %x", tc.ty, tc.vals[i-1], tc.vals[i], cs[i-1], cs[i])
			}
		}
	}
}

// mergeAll with a small fan-in merges in several passes.
func TestMergeAllPasses(t *testing.T) {
	ctx := context.Background()
	l := testLayout(sortTypes, 1, 100)
	l.SortKey = []int{0, 1}
	tb := NewColTable(newTestStore(t), l)
	o := newSortOrder(tb.layout)
	var runs [][]*rowGroup
	var all []*vector.Batch
	for i := 0; i < 7; i++ {
		b := randomRows(uint64(10+i), 250+i*10)
		all = append(all, b)
		gs, err := writeGroups(ctx, tb.store, &tb.layout, o.sortBatch(b))
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, gs)
	}
	gs, err := tb.mergeAll(ctx, &o, storedRuns(runs), 2)
	if err != nil {
		t.Fatal(err)
	}
	out := tb.clone()
	out.slices[0] = colSlice{groups: gs, sorted: len(gs)}
	out.recount()
	checkSorted(t, out, []int{0, 1})
	sameRows(t, scanAll(t, out, allCols(3)), batchRows(all...))
}

// TestLayoutSortRows: SortRows returns rows in the sort key's order, and b
// itself without a sort key.
func TestLayoutSortRows(t *testing.T) {
	b := randomRows(5, 3000)
	l := testLayout(sortTypes, 1, 1000)
	if l.SortRows(b) != b {
		t.Fatal("no sort key: rows were copied")
	}
	for _, interleaved := range []bool{false, true} {
		l.SortKey, l.Interleaved = []int{0, 1}, interleaved
		got := l.SortRows(b)
		if got.N != b.N {
			t.Fatalf("%d rows, want %d", got.N, b.N)
		}
		sameRows(t, batchRows(got), batchRows(b))
		if interleaved {
			continue
		}
		rows := batchRows(got)
		for i := 1; i < len(rows); i++ {
			if cmpKeyRows(rows[i-1], rows[i], l.SortKey) > 0 {
				t.Fatalf("row %d out of order", i)
			}
		}
	}
}
