package storage

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// memTypes: a bigint and a ~24-byte string per row.
var memTypes = []types.T{types.Int64Type, types.VarcharOf(40)}

// fillMemBatch overwrites b (reused, as COPY reuses its vectors) with rows
// from start on; the strings live in one fresh arena per batch.
func fillMemBatch(b *vector.Batch, start int) {
	var arena strings.Builder
	arena.Grow(b.N * 24)
	var num []byte
	for r := 0; r < b.N; r++ {
		i := start + r
		b.Cols[0].Ints[r] = int64((i * 7919) % 1_000_003)
		num = strconv.AppendInt(num[:0], int64(i), 10)
		arena.WriteString("customer-")
		arena.Write(num)
		arena.WriteString("-abcdefgh")
	}
	s := arena.String()
	off := 0
	for r := 0; r < b.N; r++ {
		end := strings.IndexByte(s[off+9:], 'h') + off + 10
		b.Cols[1].Strs[r] = s[off:end]
		off = end
	}
}

// TestColTableWriterMemoryBounded writes millions of rows and checks the
// heap never holds anything like all of them (about 48 bytes a row).
func TestColTableWriterMemoryBounded(t *testing.T) {
	scale := 1
	if testing.Short() {
		scale = 5
	}
	for _, tc := range []struct {
		name      string
		rows      int
		blockRows int
		sort      []int
	}{
		{"unsorted", 5_000_000 / scale, 0, nil},
		// Smaller row groups keep the merge's one group per run small.
		{"sorted", 4_000_000 / scale, 8192, []int{0}},
	} {
		rows := tc.rows
		t.Run(tc.name, func(t *testing.T) {
			l := testLayout(memTypes, 2, tc.blockRows)
			l.SortKey = tc.sort
			// The first runs (8 MiB of them) stay in memory, the rest are
			// written to disk: the merge reads both kinds.
			l.SortMemory = 8 << 20
			ctx := context.Background()
			w, err := NewColTable(newTestStore(t), l).Writer(ctx)
			if err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base := ms.HeapInuse
			var peak uint64
			b := vector.NewBatch(memTypes, vector.DefaultBatchSize)
			for from, i := 0, 0; from < rows; from, i = from+b.N, i+1 {
				b.N = min(vector.DefaultBatchSize, rows-from)
				for _, c := range b.Cols {
					c.Truncate(b.N)
				}
				fillMemBatch(b, from)
				if err := w.Append(ctx, b); err != nil {
					t.Fatal(err)
				}
				if i%32 == 0 {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
			}
			tb, err := w.Finish(ctx)
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			if tb.Rows() != int64(rows) {
				t.Fatalf("rows %d", tb.Rows())
			}
			// All rows would be about rows*48 bytes, twice that with GC
			// slack: allow half of it, at least 64 MiB (buffers, sort
			// runs, in-flight encodes, the merge's row group per run).
			// Runs kept in memory count twice too (GC slack).
			bound := max(64<<20, int64(rows)*48/2) + 2*l.SortMemory
			t.Logf("heap grew by %d MiB", (int64(peak)-int64(base))>>20)
			if used := int64(peak) - int64(base); used > bound {
				t.Fatalf("heap grew by %d MiB writing %d rows", used>>20, rows)
			}
			if tc.sort != nil {
				checkSortedInts(t, tb.(*ColTable))
			}
		})
	}
}

func checkSortedInts(t *testing.T, tb *ColTable) {
	ctx := context.Background()
	for s := 0; s < tb.Slices(); s++ {
		it, err := tb.Scan(ctx, ScanRequest{Slice: s, Columns: []int{0}})
		if err != nil {
			t.Fatal(err)
		}
		prev := int64(-1 << 63)
		for {
			b, err := it.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if b == nil {
				break
			}
			for _, v := range b.Cols[0].Ints {
				if v < prev {
					t.Fatalf("slice %d not sorted: %d after %d", s, v, prev)
				}
				prev = v
			}
		}
	}
}
