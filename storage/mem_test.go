package storage

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func intBatch(vals ...int64) *vector.Batch {
	b := vector.NewBatch([]types.T{types.Int64Type, types.TextType}, len(vals))
	for i, v := range vals {
		b.Cols[0].Ints[i] = v
		b.Cols[1].Strs[i] = "x"
	}
	return b
}

func scanAll(t *testing.T, m TableReader, cols []int) [][]any {
	t.Helper()
	var out [][]any
	for s := 0; s < m.Slices(); s++ {
		it, err := m.Scan(context.Background(), ScanRequest{Slice: s, Columns: cols})
		if err != nil {
			t.Fatal(err)
		}
		for {
			b, err := it.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if b == nil {
				break
			}
			for r := 0; r < b.N; r++ {
				out = append(out, b.Row(r))
			}
		}
	}
	return out
}

func TestMemTableVersions(t *testing.T) {
	m0 := NewMemTable([]types.T{types.Int64Type, types.TextType}, 3)
	w := m0.NewWriter(-1, 4)
	for i := int64(0); i < 10; i++ {
		w.Append(intBatch(i))
	}
	m1 := w.Finish()
	if m0.Rows() != 0 || m1.Rows() != 10 {
		t.Fatalf("rows %d %d", m0.Rows(), m1.Rows())
	}
	if got := len(scanAll(t, m0, []int{0})); got != 0 {
		t.Fatalf("old version sees %d rows", got)
	}
	rows := scanAll(t, m1, []int{-1, 0})
	if len(rows) != 10 {
		t.Fatalf("got %d rows", len(rows))
	}
	// Delete the even values by row id.
	var ids []int64
	for _, r := range rows {
		if r[1].(int64)%2 == 0 {
			ids = append(ids, r[0].(int64))
		}
	}
	m2, n := m1.DeleteRows(ids)
	if n != 5 || m2.Rows() != 5 || m1.Rows() != 10 {
		t.Fatalf("delete: removed %d, rows %d/%d", n, m2.Rows(), m1.Rows())
	}
	for _, r := range scanAll(t, m2, []int{0}) {
		if r[0].(int64)%2 == 0 {
			t.Fatalf("deleted row %v still there", r)
		}
	}
	if len(scanAll(t, m1, []int{0})) != 10 {
		t.Fatal("old version changed")
	}
	m3a, _ := m2.AddColumn(context.Background(), types.Int64Type, 0, int64(7))
	m3, _ := m3a.DropColumn(context.Background(), 1)
	for _, r := range scanAll(t, m3, []int{0, 1}) {
		if r[1].(int64) != 7 {
			t.Fatalf("added column %v", r)
		}
	}
}

func TestMemTableKeyDistribution(t *testing.T) {
	m := NewMemTable([]types.T{types.Int64Type, types.TextType}, 4)
	w := m.NewWriter(0, 1024)
	w.Append(intBatch(1, 2, 3, 1, 2, 3, 1, 2, 3))
	m = w.Finish()
	where := map[int64]int{}
	for s := 0; s < m.Slices(); s++ {
		it, _ := m.Scan(context.Background(), ScanRequest{Slice: s, Columns: []int{0}})
		for b, _ := it.Next(context.Background()); b != nil; b, _ = it.Next(context.Background()) {
			for _, v := range b.Cols[0].Ints {
				if prev, ok := where[v]; ok && prev != s {
					t.Fatalf("value %d on slices %d and %d", v, prev, s)
				}
				where[v] = s
			}
		}
	}
	if len(where) != 3 {
		t.Fatalf("values %v", where)
	}
}
