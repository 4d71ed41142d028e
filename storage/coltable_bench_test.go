package storage

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

var benchTypes = []types.T{types.Int64Type, types.Float64Type, types.VarcharOf(40)}

const benchRows = 1 << 20

func benchBatches() []*vector.Batch {
	var out []*vector.Batch
	for from := 0; from < benchRows; from += vector.DefaultBatchSize {
		b := vector.NewBatch(benchTypes, vector.DefaultBatchSize)
		for r := 0; r < b.N; r++ {
			b.Cols[0].Ints[r] = int64(from + r)
			b.Cols[1].Floats[r] = float64(r) * 0.5
		}
		fillMemBatch(&vector.Batch{Cols: []*vector.Vector{vector.New(types.Int64Type, b.N), b.Cols[2]}, N: b.N}, from)
		out = append(out, b)
	}
	return out
}

// scanTable reads every slice of tb once and returns the rows seen.
func scanTable(b *testing.B, tb TableReader, cols []int) int {
	ctx := context.Background()
	n := 0
	for s := 0; s < tb.Slices(); s++ {
		it, err := tb.Scan(ctx, ScanRequest{Slice: s, Columns: cols})
		if err != nil {
			b.Fatal(err)
		}
		for {
			bt, err := it.Next(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if bt == nil {
				break
			}
			n += bt.N
		}
		it.Close()
	}
	return n
}

func BenchmarkColTableScan(b *testing.B) {
	tb := writeAll(b, NewColTable(newTestStore(b), testLayout(benchTypes, 4, 0)), benchBatches()...)
	scanTable(b, tb, []int{0, 1, 2}) // fill the block cache
	b.ResetTimer()
	for b.Loop() {
		if scanTable(b, tb, []int{0, 1, 2}) != benchRows {
			b.Fatal("rows")
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkMemTableScan(b *testing.B) {
	tb := writeAll(b, NewMemTable(benchTypes, 4).WithPlacement(-1, vector.DefaultBatchSize), benchBatches()...)
	b.ResetTimer()
	for b.Loop() {
		if scanTable(b, tb, []int{0, 1, 2}) != benchRows {
			b.Fatal("rows")
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkColTableWrite(b *testing.B) {
	bs := benchBatches()
	s := newTestStore(b)
	for _, sorted := range []bool{false, true} {
		name := "unsorted"
		l := testLayout(benchTypes, 4, 0)
		if sorted {
			name = "sorted"
			l.SortKey = []int{1}
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				writeAll(b, NewColTable(s, l), bs...)
			}
			b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func BenchmarkZoneMapSkip(b *testing.B) {
	tb := dateTable(b, 1_000_000, 1000, DefaultBlockRows)
	ctx := context.Background()
	day := int64(15000 + 417)
	for b.Loop() {
		for s := 0; s < tb.Slices(); s++ {
			it, err := tb.Scan(ctx, ScanRequest{Slice: s, Columns: []int{0, 1},
				Ranges: []ColumnRange{{Col: 0, Lo: day, Hi: day, LoIncl: true, HiIncl: true}}})
			if err != nil {
				b.Fatal(err)
			}
			for bt, _ := it.Next(ctx); bt != nil; bt, _ = it.Next(ctx) {
			}
		}
	}
}
