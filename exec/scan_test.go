package exec

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func TestScanAndBatches(t *testing.T) {
	ts := []types.T{types.Int64Type}
	b := vector.NewBatch(ts, 3)
	copy(b.Cols[0].Ints, []int64{1, 2, 3})
	m := storage.NewMemTable(ts, 1)
	w := m.NewWriter(-1, 16)
	w.Append(b)
	m = w.Finish()
	ctx := context.Background()
	op := NewScan(m, storage.ScanRequest{Slice: 0, Columns: []int{0, -1}}, []types.T{types.Int32Type, types.Int64Type})
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := op.Next(ctx)
	if err != nil || out == nil || out.N != 3 || out.Cols[0].Type != types.Int32Type || out.Cols[1].Ints[2] != 2 {
		t.Fatalf("scan: %v %+v", err, out)
	}
	if out, _ := op.Next(ctx); out != nil {
		t.Fatal("expected end")
	}
	op.Close()
	op.Close()

	bo := NewBatches(ts, []*vector.Batch{b, {Cols: b.Cols, N: 0}})
	bo.Open(ctx)
	if got, _ := bo.Next(ctx); got != b {
		t.Fatal("batches")
	}
	if got, _ := bo.Next(ctx); got != nil {
		t.Fatal("empty batch not skipped")
	}
}
