package storage

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func newTestStore(t testing.TB) *block.Store {
	t.Helper()
	s, err := block.Open(context.Background(), t.TempDir(), block.Options{NoSync: true, CacheBytes: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// allTypes is one column of every type family.
var allTypes = []types.T{
	types.BoolType, types.Int16Type, types.Int32Type, types.Int64Type, types.Float32Type, types.Float64Type,
	types.DecimalType(12, 2), types.DecimalType(30, 5), types.CharType(6), types.VarcharOf(20), types.TextType,
	types.DateType, types.TimeType, types.TSType, types.TSTZType, types.IntervalT,
}

func testLayout(ts []types.T, slices, blockRows int) Layout {
	l := Layout{Name: "public.t", Types: ts, Slices: slices, BlockRows: blockRows, DistKey: -1}
	for i, ty := range ts {
		l.ColumnNames = append(l.ColumnNames, fmt.Sprintf("c%d", i))
		l.Encodings = append(l.Encodings, encoding.Auto(ty, false))
	}
	return l
}

// datumFor is row i's value in column col of type ty; some rows are NULL.
func datumFor(ty types.T, col, i int) types.Datum {
	if (i+col)%11 == 0 {
		return nil
	}
	switch ty.Physical() {
	case types.PhysBool:
		return i%3 == 0
	case types.PhysInt64:
		if ty.ID == types.Int16 {
			return int64(i%30000) - 15000
		}
		return int64(i*7919%100003) - 50000
	case types.PhysFloat64:
		return float64(i)*1.25 - 1000
	case types.PhysDecimal128:
		return types.Decimal128{Hi: int64(i%5) - 2, Lo: uint64(i) * 977}
	case types.PhysString:
		return fmt.Sprintf("s%05d", i%1000)
	case types.PhysInterval:
		return types.IntervalValue{Months: int32(i % 13), Days: int32(i % 31), Micros: int64(i)}
	}
	return nil
}

// genBatch returns rows [start, start+n) of the test data.
func genBatch(ts []types.T, start, n int) *vector.Batch {
	b := vector.NewBatch(ts, n)
	for c, ty := range ts {
		for r := 0; r < n; r++ {
			b.Cols[c].Set(r, datumFor(ty, c, start+r))
		}
	}
	return b
}

// writeAll appends batches to tbl's writer and finishes it.
func writeAll(t testing.TB, tbl Table, bs ...*vector.Batch) Table {
	t.Helper()
	ctx := context.Background()
	w, err := tbl.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if err := w.Append(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	out, err := w.Finish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// genBatches splits rows [0, n) into batches of size rows.
func genBatches(ts []types.T, n, size int) []*vector.Batch {
	var out []*vector.Batch
	for from := 0; from < n; from += size {
		out = append(out, genBatch(ts, from, min(size, n-from)))
	}
	return out
}

// rowStrings renders rows for order-insensitive comparison.
func rowStrings(rows [][]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r...)
	}
	slices.Sort(out)
	return out
}

// scanSlice returns one slice's rows in scan order.
func scanSlice(t testing.TB, tbl TableReader, req ScanRequest) [][]any {
	t.Helper()
	ctx := context.Background()
	it, err := tbl.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var out [][]any
	for {
		b, err := it.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b == nil {
			return out
		}
		if b.N > vector.DefaultBatchSize {
			t.Fatalf("batch of %d rows", b.N)
		}
		for r := 0; r < b.N; r++ {
			out = append(out, b.Row(r))
		}
	}
}

func expectRows(t *testing.T, got [][]any, ts []types.T, n int) {
	t.Helper()
	want := genBatch(ts, 0, n)
	var wr [][]any
	for r := 0; r < n; r++ {
		wr = append(wr, want.Row(r))
	}
	g, w := rowStrings(got), rowStrings(wr)
	if !slices.Equal(g, w) {
		t.Fatalf("rows differ: got %d rows, want %d", len(g), len(w))
	}
}
