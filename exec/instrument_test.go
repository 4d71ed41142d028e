package exec

import (
	"context"
	"sync"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// memOp yields n batches of size rows each and reports growing memory.
type memOp struct {
	left, size int
	held       int64
}

func (m *memOp) Open(context.Context) error { return nil }
func (m *memOp) Close() error               { m.held = 0; return nil }
func (m *memOp) Types() []types.T           { return []types.T{types.Int64Type} }
func (m *memOp) MemoryBytes() int64         { return m.held }
func (m *memOp) Next(context.Context) (*vector.Batch, error) {
	if m.left == 0 {
		return nil, nil
	}
	m.left--
	m.held += 100
	b := vector.NewBatch(m.Types(), m.size)
	return b, nil
}

func TestInstrumented(t *testing.T) {
	tests := []struct {
		name           string
		batches, size  int
		wantRows, peak int64
	}{
		{"empty", 0, 10, 0, 0},
		{"one", 1, 7, 7, 100},
		{"many", 5, 3, 15, 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var st OpStats
			op := NewInstrumented(&memOp{left: tc.batches, size: tc.size}, &st)
			ctx := context.Background()
			if err := op.Open(ctx); err != nil {
				t.Fatal(err)
			}
			for {
				b, err := op.Next(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if b == nil {
					break
				}
			}
			op.Close()
			if st.Rows.Load() != tc.wantRows || st.Batches.Load() != int64(tc.batches) {
				t.Errorf("rows=%d batches=%d, want %d %d", st.Rows.Load(), st.Batches.Load(), tc.wantRows, tc.batches)
			}
			if !st.MemKnown.Load() || st.PeakMemory.Load() != tc.peak {
				t.Errorf("peak=%d known=%v, want %d", st.PeakMemory.Load(), st.MemKnown.Load(), tc.peak)
			}
			if st.Time() < 0 {
				t.Errorf("negative time")
			}
		})
	}
}

// TestInstrumentedShared checks that wrappers on several goroutines can share
// one OpStats (the race detector checks the atomics).
func TestInstrumentedShared(t *testing.T) {
	var st OpStats
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			op := NewInstrumented(&memOp{left: 10, size: 2}, &st)
			ctx := context.Background()
			op.Open(ctx)
			for {
				b, _ := op.Next(ctx)
				if b == nil {
					break
				}
			}
			op.Close()
		}()
	}
	wg.Wait()
	if st.Rows.Load() != 80 || st.PeakMemory.Load() != 1000 {
		t.Errorf("rows=%d peak=%d, want 80 1000", st.Rows.Load(), st.PeakMemory.Load())
	}
}
