package exec

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestRecursiveCTERunaway checks that a recursion that never ends fails with
// 54000 once it passes the row cap (lowered here to keep the test fast).
func TestRecursiveCTERunaway(t *testing.T) {
	ts := []types.T{types.Int64Type}
	seed := NewWorkTable(ts)
	v := vector.New(types.Int64Type, 100)
	seed.batches = []*vector.Batch{{Cols: []*vector.Vector{v}, N: 100}}
	w := NewWorkTable(ts)
	op := NewRecursiveCTE(NewWorkTableScan(seed), w, func() (Operator, error) {
		return NewWorkTableScan(w), nil // every step repeats the last: forever
	}, false)
	op.(*RecursiveCTE).limit = 5000
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	var err error
	for rows := 0; err == nil; {
		var b *vector.Batch
		b, err = op.Next(ctx)
		if b == nil && err == nil {
			t.Fatalf("ended after %d rows", rows)
		}
		if b != nil {
			rows += b.N
		}
	}
	if sqlerr.CodeOf(err) != sqlerr.ProgramLimitExceeded {
		t.Fatalf("err = %v", err)
	}
}
