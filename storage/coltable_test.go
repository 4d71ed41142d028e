package storage

import (
	"context"
	"fmt"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func TestColTableRoundTrip(t *testing.T) {
	cols := allCols(len(allTypes))
	for _, tc := range []struct {
		name            string
		dist            Dist
		distKey, slices int
		rows, batch     int
	}{
		{"empty", DistEven, -1, 3, 0, 100},
		{"one row", DistEven, -1, 3, 1, 100},
		{"even", DistEven, -1, 3, 5000, 700},
		{"auto one slice", DistAuto, -1, 1, 4321, 4321},
		{"all", DistAll, -1, 2, 3000, 1000},
		{"key int", DistKey, 3, 4, 5000, 333},
		{"key string", DistKey, 9, 4, 5000, 2048},
		{"key decimal128", DistKey, 7, 3, 2000, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLayout(allTypes, tc.slices, 1000)
			l.Dist, l.DistKey = tc.dist, tc.distKey
			tbl := NewColTable(newTestStore(t), l)
			got := writeAll(t, tbl, genBatches(allTypes, tc.rows, tc.batch)...)
			if got.Rows() != int64(tc.rows) || tbl.Rows() != 0 {
				t.Fatalf("rows %d (base %d), want %d", got.Rows(), tbl.Rows(), tc.rows)
			}
			expectRows(t, scanAll(t, got, cols), allTypes, tc.rows)
			info := got.(*ColTable).Info()
			if info.Rows != int64(tc.rows) || info.UnsortedRows != 0 {
				t.Fatalf("info %+v", info)
			}
			for _, b := range info.Blocks {
				if b.Rows > 1000 {
					t.Fatalf("block of %d rows", b.Rows)
				}
			}
		})
	}
}

func TestColTableKeyDistribution(t *testing.T) {
	ts := []types.T{types.Int64Type, types.TextType}
	for _, keyCol := range []int{0, 1} {
		l := testLayout(ts, 4, 256)
		l.Dist, l.DistKey = DistKey, keyCol
		tbl := Table(NewColTable(newTestStore(t), l))
		mem := Table(NewMemTable(ts, 4).WithPlacement(keyCol, 256))
		// Two writes: the second must place keys where the first did.
		for round := 0; round < 2; round++ {
			b := vector.NewBatch(ts, 3000)
			for r := 0; r < b.N; r++ {
				b.Cols[0].Ints[r] = int64(r % 97)
				b.Cols[1].Strs[r] = fmt.Sprintf("key-%d", r%97)
			}
			b.Cols[0].SetNull(5)
			b.Cols[1].SetNull(5)
			tbl = writeAll(t, tbl, b)
			mem = writeAll(t, mem, b)
		}
		where := func(tb Table) map[string]int {
			out := map[string]int{}
			for s := 0; s < tb.Slices(); s++ {
				for _, r := range scanSlice(t, tb, ScanRequest{Slice: s, Columns: []int{keyCol}}) {
					k := fmt.Sprint(r[0])
					if prev, ok := out[k]; ok && prev != s {
						t.Fatalf("key %s on slices %d and %d", k, prev, s)
					}
					out[k] = s
				}
			}
			return out
		}
		cw, mw := where(tbl), where(mem)
		if len(cw) != 98 || fmt.Sprint(cw) != fmt.Sprint(mw) {
			t.Fatalf("ColTable places %v, MemTable %v", cw, mw)
		}
		if cw["<nil>"] != 0 {
			t.Fatalf("NULL on slice %d", cw["<nil>"])
		}
	}
}

func TestColTableDelete(t *testing.T) {
	ctx := context.Background()
	ts := []types.T{types.Int64Type, types.TextType}
	l := testLayout(ts, 2, 100)
	base := writeAll(t, NewColTable(newTestStore(t), l), genBatches(ts, 1000, 300)...)
	rows := scanAll(t, base, []int{-1, 0})
	var ids []int64
	want := 0
	for _, r := range rows {
		if v, ok := r[1].(int64); ok && v%2 == 0 {
			ids = append(ids, r[0].(int64), r[0].(int64)) // repeated ids count once
			want++
		}
	}
	ids = append(ids, RowID(7, 0, 0), RowID(0, 999, 0), -5) // out of range: ignored
	d, n, err := base.Delete(ctx, ids)
	if err != nil || n != int64(want) {
		t.Fatalf("deleted %d (%v), want %d", n, err, want)
	}
	if d.Rows() != 1000-int64(want) || base.Rows() != 1000 {
		t.Fatalf("rows %d / %d", d.Rows(), base.Rows())
	}
	got := scanAll(t, d, []int{-1, 0})
	if len(got) != 1000-want {
		t.Fatalf("scan sees %d rows", len(got))
	}
	for _, r := range got {
		if v, ok := r[1].(int64); ok && v%2 == 0 {
			t.Fatalf("deleted row %v still there", r)
		}
	}
	// Row ids read from the new version delete from it again; deleting
	// again does nothing.
	var all []int64
	for _, r := range got {
		all = append(all, r[0].(int64))
	}
	e, n, err := d.Delete(ctx, all)
	if err != nil || n != int64(len(all)) || e.Rows() != 0 || len(scanAll(t, e, []int{0})) != 0 {
		t.Fatalf("delete all: %d %v rows %d", n, err, e.Rows())
	}
	if _, n, _ := e.Delete(ctx, all); n != 0 {
		t.Fatalf("second delete removed %d", n)
	}
	if info := e.(*ColTable).Info(); info.DeletedRows != 1000 {
		t.Fatalf("deleted rows %d", info.DeletedRows)
	}
	if len(scanAll(t, base, []int{0})) != 1000 {
		t.Fatal("old version changed")
	}
}

func TestColTableAddDropColumn(t *testing.T) {
	ctx := context.Background()
	ts := []types.T{types.Int64Type, types.TextType}
	l := testLayout(ts, 2, 100)
	l.SortKey = []int{0}
	l.Dist, l.DistKey = DistKey, 1
	base := writeAll(t, NewColTable(newTestStore(t), l), genBatches(ts, 1000, 300)...)
	a, err := base.AddColumn(ctx, types.DecimalType(10, 2), 1, int64(1234))
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.AddColumn(ctx, types.TextType, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range scanAll(t, b, []int{0, 2, 3}) {
		if r[1] != int64(1234) || r[2] != nil {
			t.Fatalf("added columns %v", r)
		}
	}
	// Constant blocks of equal row counts are stored once.
	hashes, sizes := map[string]bool{}, map[int]bool{}
	for _, bi := range b.(*ColTable).Info().Blocks {
		if bi.Col == 2 {
			hashes[bi.Hash] = true
			sizes[bi.Rows] = true
		}
	}
	if len(hashes) != len(sizes) {
		t.Fatalf("%d distinct fill blocks for %d row-group sizes", len(hashes), len(sizes))
	}
	c, err := b.DropColumn(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	ct := c.(*ColTable)
	if len(ct.Types()) != 3 || ct.Types()[1] != types.DecimalType(10, 2) || ct.Layout().DistKey != -1 {
		t.Fatalf("after drop: %v %+v", ct.Types(), ct.Layout())
	}
	if got := len(scanAll(t, c, []int{0, 1, 2})); got != 1000 {
		t.Fatalf("%d rows", got)
	}
	if _, err := c.DropColumn(ctx, 5); err == nil {
		t.Fatal("drop of a missing column succeeded")
	}
	// Appending after the change writes the new columns.
	d := writeAll(t, c, vector.NewBatch(ct.Types(), 10))
	if d.Rows() != 1010 {
		t.Fatalf("rows %d", d.Rows())
	}
	tr := ct.Truncated()
	if tr.Rows() != 0 || len(tr.Types()) != 3 {
		t.Fatal("truncated")
	}
}

func TestColTableScanErrors(t *testing.T) {
	ts := []types.T{types.Int64Type}
	tbl := writeAll(t, NewColTable(newTestStore(t), testLayout(ts, 2, 100)), genBatches(ts, 500, 500)...)
	ctx := context.Background()
	for _, req := range []ScanRequest{{Slice: 2}, {Slice: -1}, {Slice: 0, Columns: []int{1}}, {Slice: 0, Columns: []int{-2}}} {
		if _, err := tbl.Scan(ctx, req); err == nil {
			t.Fatalf("scan %+v succeeded", req)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	it, err := tbl.Scan(cctx, ScanRequest{Slice: 0, Columns: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := it.Next(cctx); sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Fatalf("canceled scan: %v", err)
	}
	// No columns (count(*)): batches still carry the row count.
	n := 0
	for s := 0; s < 2; s++ {
		it, _ := tbl.Scan(ctx, ScanRequest{Slice: s})
		for b, _ := it.Next(ctx); b != nil; b, _ = it.Next(ctx) {
			n += b.N
		}
	}
	if n != 500 {
		t.Fatalf("counted %d rows", n)
	}
}

func TestWorkPoolRecoversPanics(t *testing.T) {
	p := newWorkPool(context.Background())
	if err := p.Submit(func(context.Context) error { panic("boom") }); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(); sqlerr.CodeOf(err) != sqlerr.InternalError {
		t.Fatalf("panic became %v", err)
	}
}

// Many one-row writes top up the last short row group instead of leaving one
// row group per write.
func TestColTableSmallWritesTopUp(t *testing.T) {
	ts := []types.T{types.Int64Type, types.TextType}
	for _, sortKey := range [][]int{nil, {0}} {
		l := testLayout(ts, 2, 64)
		l.SortKey = sortKey
		tb := Table(NewColTable(newTestStore(t), l))
		tb = writeAll(t, tb, genBatch(ts, 0, 10)) // first load (sorted region when sorted)
		for i := 10; i < 200; i++ {
			tb = writeAll(t, tb, genBatch(ts, i, 1))
		}
		expectRows(t, scanAll(t, tb, []int{0, 1}), ts, 200)
		groups := 0
		for _, s := range tb.(*ColTable).slices {
			groups += len(s.groups)
		}
		// 200 rows of 64-row groups: at most 4 full groups and a short one
		// per slice, plus the first load's short groups.
		if groups > 12 {
			t.Fatalf("sort key %v: %d row groups for 200 rows", sortKey, groups)
		}
		if sortKey != nil && tb.(*ColTable).Info().UnsortedRows != 190 {
			t.Fatalf("unsorted rows %d", tb.(*ColTable).Info().UnsortedRows)
		}
	}
}
