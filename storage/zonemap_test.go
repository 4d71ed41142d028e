package storage

import (
	"context"
	"math"
	"testing"

	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// dateTable is rows rows over days days (rows/days per day), loaded in a
// scrambled order into a table sorted by the date column.
func dateTable(t testing.TB, rows, days, blockRows int) *ColTable {
	ts := []types.T{types.DateType, types.Int64Type}
	l := testLayout(ts, 2, blockRows)
	l.SortKey = []int{0}
	w, err := NewColTable(newTestStore(t), l).Writer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	perDay := rows / days
	for from := 0; from < rows; from += vector.DefaultBatchSize {
		b := vector.NewBatch(ts, min(vector.DefaultBatchSize, rows-from))
		for r := 0; r < b.N; r++ {
			i := from + r
			j := (i * 7919) % rows // a permutation: 7919 is prime, rows not a multiple
			b.Cols[0].Ints[r] = int64(15000 + j/perDay)
			b.Cols[1].Ints[r] = int64(i)
		}
		if err := w.Append(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	tb, err := w.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tb.(*ColTable)
}

func TestZoneMapSkipsSortedDates(t *testing.T) {
	const rows, days = 1_000_000, 1000
	tb := dateTable(t, rows, days, 8192)
	day := int64(15000 + 417)
	var st ScanStats
	matched := 0
	for s := 0; s < tb.Slices(); s++ {
		for _, r := range scanSlice(t, tb, ScanRequest{Slice: s, Columns: []int{0, 1}, Stats: &st,
			Ranges: []ColumnRange{{Col: 0, Lo: day, Hi: day, LoIncl: true, HiIncl: true}}}) {
			if r[0] == day {
				matched++
			}
		}
	}
	read, skipped := st.BlocksRead.Load(), st.BlocksSkipped.Load()
	total := int64(len(tb.Info().Blocks))
	if matched != rows/days || read+skipped != total {
		t.Fatalf("matched %d rows; read %d + skipped %d blocks of %d", matched, read, skipped, total)
	}
	if read*100 >= total*5 {
		t.Fatalf("read %d of %d blocks", read, total)
	}
	if st.RowsRead.Load() < int64(matched) {
		t.Fatalf("rows read %d", st.RowsRead.Load())
	}
}

func TestExcludes(t *testing.T) {
	m := func(lo, hi types.Datum, nulls int) *block.Meta {
		return &block.Meta{Rows: 10, Nulls: nulls, Min: lo, Max: hi}
	}
	for _, tc := range []struct {
		name string
		meta *block.Meta
		r    ColumnRange
		want bool
	}{
		{"below", m(int64(10), int64(20), 0), ColumnRange{Hi: int64(5), HiIncl: true}, true},
		{"touching hi incl", m(int64(10), int64(20), 0), ColumnRange{Hi: int64(10), HiIncl: true}, false},
		{"touching hi excl", m(int64(10), int64(20), 0), ColumnRange{Hi: int64(10)}, true},
		{"above", m(int64(10), int64(20), 0), ColumnRange{Lo: int64(21), LoIncl: true}, true},
		{"touching lo excl", m(int64(10), int64(20), 0), ColumnRange{Lo: int64(20)}, true},
		{"inside", m(int64(10), int64(20), 0), ColumnRange{Lo: int64(12), Hi: int64(13), LoIncl: true, HiIncl: true}, false},
		{"all null", m(nil, nil, 10), ColumnRange{Lo: int64(1)}, true},
		{"unknown max string", m("abc", nil, 0), ColumnRange{Lo: "zzz"}, false},
		{"string below", m("abc", "abd", 0), ColumnRange{Lo: "b", LoIncl: true}, true},
		{"float nan max", m(1.0, math.NaN(), 0), ColumnRange{Lo: 5.0, LoIncl: true}, false},
		{"float vs int bound", m(1.0, 2.0, 0), ColumnRange{Lo: int64(3), LoIncl: true}, true},
		{"mismatched kinds never exclude", m(int64(1), int64(2), 0), ColumnRange{Lo: "x"}, false},
		{"decimal128", m(types.Decimal128{Lo: 5}, types.Decimal128{Lo: 9}, 0), ColumnRange{Lo: types.Decimal128{Lo: 10}, LoIncl: true}, true},
		{"decimal128 vs int64 bound", m(types.Decimal128{Lo: 5}, types.Decimal128{Lo: 9}, 0), ColumnRange{Hi: int64(4), HiIncl: true}, true},
		{"open range keeps nulls", m(nil, nil, 10), ColumnRange{}, false},
	} {
		if got := excludes(tc.meta, &tc.r); got != tc.want {
			t.Errorf("%s: excludes = %v", tc.name, got)
		}
	}
}
